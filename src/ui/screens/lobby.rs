//! A hosted game's lobby (`redline join ADDR --party P`): the connection, the seats and who took
//! them, the parties the AI plays, the ready button, and what the host says.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui::{RichText, ScrollArea, Ui};

use super::{Keys, key_hints, nothing_focused};
use crate::ui::Screen;
use crate::ui::catalog::Catalog;
use crate::ui::theme::{self, *};
use crate::ui::view::{Action, Actions, Online, Session};
use crate::ui::widgets::{card, heading, pane, primary};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        system.in_set(super::Draw).run_if(in_state(Screen::Lobby)),
    );
}

fn system(
    mut contexts: EguiContexts,
    ready: Res<ThemeReady>,
    mut catalog: Option<ResMut<Catalog>>,
    session: Res<Session>,
    mut actions: ResMut<Actions>,
) -> Result {
    let Some((ctx, mut root)) = super::root(&mut contexts, &ready, catalog.as_deref_mut())? else {
        return Ok(());
    };
    if let Some(online) = &session.online {
        draw(&ctx, &mut root, online, &mut actions);
    }
    Ok(())
}

fn draw(ctx: &egui::Context, root: &mut Ui, online: &Online, actions: &mut Actions) {
    let seated = online.seat.is_some() && online.closed.is_none();
    let keys = Keys::read(ctx);
    if keys.enter && nothing_focused(ctx) && seated && !online.ready {
        actions.0.push(Action::Ready);
    }
    egui::CentralPanel::default()
        .frame(pane(BG, 24))
        .show(root, |ui| {
            ui.vertical_centered(|ui| {
                ui.set_max_width(760.0);
                ui.label(
                    RichText::new(
                        online
                            .lobby
                            .as_ref()
                            .map_or("Red Lines", |l| l.title.as_str()),
                    )
                    .size(30.0)
                    .family(theme::bold()),
                );
                ui.label(RichText::new(format!("A game hosted at {}", online.host)).color(MUTED));
                ui.add_space(10.0);
                card(ui, |ui| {
                    ui.set_width(ui.available_width());
                    status(ui, online);
                });
                if let Some(lobby) = &online.lobby {
                    ui.add_space(8.0);
                    card(ui, |ui| {
                        ui.set_width(ui.available_width());
                        heading(ui, "Seats");
                        egui::Grid::new("lobby_seats")
                            .striped(true)
                            .min_col_width(160.0)
                            .show(ui, |ui| {
                                for x in &lobby.seats {
                                    let you = online.seat.as_ref().is_some_and(|s| s.0 == x.party);
                                    let name = if you {
                                        format!("{} (you)", x.name)
                                    } else {
                                        x.name.clone()
                                    };
                                    ui.label(RichText::new(name).family(theme::bold()));
                                    let (taken, col) = if x.taken {
                                        ("✓ taken", GOOD)
                                    } else {
                                        ("○ open", MUTED)
                                    };
                                    ui.label(RichText::new(taken).color(col));
                                    let (ready, col) = match (x.taken, x.ready) {
                                        (_, true) => ("✓ ready", GOOD),
                                        (true, false) => ("… not ready", MUTED),
                                        (false, false) => ("", MUTED),
                                    };
                                    ui.label(RichText::new(ready).color(col));
                                    ui.end_row();
                                }
                            });
                        if !lobby.ai.is_empty() {
                            ui.add_space(4.0);
                            ui.label(
                                RichText::new(format!("The AI plays {}.", lobby.ai.join(", ")))
                                    .color(MUTED),
                            );
                        }
                        ui.label(
                            RichText::new(if lobby.facilitator {
                                "The game starts when every seat is taken and ready, or when the \
                                 facilitator starts it."
                            } else {
                                "The game starts when every seat is taken and ready."
                            })
                            .small()
                            .color(MUTED),
                        );
                    });
                }
                ui.add_space(10.0);
                ui.horizontal(|ui| {
                    let w = if online.closed.is_none() {
                        220.0 + 160.0 + 12.0
                    } else {
                        160.0
                    };
                    ui.add_space(((ui.available_width() - w) / 2.0).max(0.0));
                    let label = if online.ready {
                        "✓ Ready"
                    } else {
                        "I am ready"
                    };
                    if online.closed.is_none()
                        && ui
                            .add_enabled_ui(seated && !online.ready, |ui| {
                                primary(ui, label, [220.0, 40.0])
                            })
                            .inner
                            .clicked()
                    {
                        actions.0.push(Action::Ready);
                    }
                    let leave = if online.closed.is_some() {
                        "Close"
                    } else {
                        "Leave"
                    };
                    if ui
                        .add_sized([160.0, 40.0], egui::Button::new(leave))
                        .clicked()
                    {
                        actions.0.push(Action::Leave);
                    }
                });
                ui.add_space(10.0);
                notices(ui, online, 260.0);
                if seated && !online.ready {
                    key_hints(ui, "Enter ready");
                }
            });
        });
}

/// Where the connection stands: connecting, seated (with the token), or closed and why.
fn status(ui: &mut Ui, online: &Online) {
    if let Some(why) = &online.closed {
        ui.label(
            RichText::new(format!("✗ {why}"))
                .color(BAD)
                .family(theme::bold()),
        );
        return;
    }
    match &online.seat {
        None => {
            ui.label(
                RichText::new(format!("Connecting to {}…", online.host)).family(theme::bold()),
            );
        }
        Some((_, name, _)) => {
            ui.label(
                RichText::new(format!("You have the seat of {name}."))
                    .color(GOOD)
                    .family(theme::bold()),
            );
            if let Some(r) = online.rejoin() {
                ui.label(
                    RichText::new(format!("If you drop, take it back with: {r}"))
                        .small()
                        .color(MUTED),
                );
            }
        }
    }
}

/// What the host said, newest last.
pub(super) fn notices(ui: &mut Ui, online: &Online, height: f32) {
    if online.notices.is_empty() {
        return;
    }
    card(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("From the host").family(theme::bold()));
        ScrollArea::vertical()
            .id_salt("host_notices")
            .max_height(height)
            .stick_to_bottom(true)
            .show(ui, |ui| {
                for n in &online.notices {
                    ui.label(RichText::new(n).small());
                }
            });
    });
}
