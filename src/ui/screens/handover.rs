//! Hot seat: between two players' choices the screen hides the last player's view and asks for
//! the device to be passed on. Nothing on it belongs to any one party.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

use crate::ui::Screen;
use crate::ui::catalog::Catalog;
use crate::ui::theme::ThemeReady;
use bevy_egui::egui;
use egui::{RichText, Ui};

use super::{Keys, key_hints, nothing_focused};
use crate::ui::theme::{self, *};
use crate::ui::view::{Action, Actions, Session, View};
use crate::ui::widgets::{card, pane, primary};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        system
            .in_set(super::Draw)
            .run_if(in_state(Screen::Handover)),
    );
}

fn system(
    mut contexts: EguiContexts,
    ready: Res<ThemeReady>,
    mut catalog: Option<ResMut<Catalog>>,
    view: Res<View>,
    session: Res<Session>,
    mut actions: ResMut<Actions>,
) -> Result {
    let Some((ctx, mut root)) = super::root(&mut contexts, &ready, catalog.as_deref_mut())? else {
        return Ok(());
    };
    draw(&ctx, &mut root, &view, &session, &mut actions);
    Ok(())
}

fn draw(ctx: &egui::Context, root: &mut Ui, view: &View, session: &Session, actions: &mut Actions) {
    let (Some(s), Some(me)) = (view.scenario.clone(), session.me) else {
        return;
    };
    let keys = Keys::read(ctx);
    if keys.enter && nothing_focused(ctx) {
        actions.0.push(Action::Begin);
    }
    let name = &s.parties[me].name;
    let turn = view.state.as_ref().map_or(1, |b| b.week + 1);
    egui::CentralPanel::default()
        .frame(pane(BG, 24))
        .show(root, |ui| {
            ui.add_space((ui.available_height() * 0.2).max(0.0));
            ui.vertical_centered(|ui| {
                ui.set_max_width(640.0);
                card(ui, |ui| {
                    ui.vertical_centered(|ui| {
                        ui.label(
                            RichText::new(format!("{} {turn} of {}", s.turn.title(), s.weeks))
                                .color(MUTED),
                        );
                        ui.label(
                            RichText::new(format!("Pass the device to {name}"))
                                .size(30.0)
                                .family(theme::bold())
                                .color(ACCENT),
                        );
                        ui.add_space(6.0);
                        // Who has chosen, never what.
                        let done: Vec<&str> = session.seats[..session.seat]
                            .iter()
                            .map(|&p| s.parties[p].name.as_str())
                            .collect();
                        let after: Vec<&str> = session.seats[session.seat + 1..]
                            .iter()
                            .map(|&p| s.parties[p].name.as_str())
                            .collect();
                        if !done.is_empty() {
                            ui.label(format!(
                                "✓ Chosen this {}: {}.",
                                s.turn.one,
                                done.join(", ")
                            ));
                        }
                        if !after.is_empty() {
                            ui.label(format!("Still to choose after you: {}.", after.join(", ")));
                        }
                        ui.label(
                            RichText::new(format!(
                                "{name}: when only you can see the screen, go on. The moves are \
                                 played together once every player has chosen."
                            ))
                            .color(MUTED),
                        );
                        ui.add_space(10.0);
                        if primary(ui, &format!("I am {name}: show my table"), [320.0, 40.0])
                            .clicked()
                        {
                            actions.0.push(Action::Begin);
                        }
                        ui.add_space(4.0);
                        key_hints(ui, "Enter go on");
                    });
                });
            });
        });
}
