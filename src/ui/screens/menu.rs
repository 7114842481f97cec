//! The menu: pick a scenario and a party (a playable one is chosen to begin with), a seed, and
//! start; or open the workshop.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

use crate::ui::Screen;
use crate::ui::catalog::Catalog;
use crate::ui::theme::ThemeReady;
use bevy_egui::egui;
use egui::{Align, Layout, RichText, ScrollArea, Ui};

use super::{Keys, key_hints, nothing_focused};
use crate::read;
use crate::ui::theme::{self, *};
use crate::ui::view::{Action, Actions, Session, View};
use crate::ui::widgets::{card, heading, pane, primary};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        system.in_set(super::Draw).run_if(in_state(Screen::Menu)),
    );
}

fn system(
    mut contexts: EguiContexts,
    ready: Res<ThemeReady>,
    mut catalog: Option<ResMut<Catalog>>,
    mut session: ResMut<Session>,
    mut actions: ResMut<Actions>,
    view: Res<View>,
) -> Result {
    let Some((ctx, mut root)) = super::root(&mut contexts, &ready, catalog.as_deref_mut())? else {
        return Ok(());
    };
    // A game left for the menu can be resumed.
    let resumable = view
        .scenario
        .as_ref()
        .filter(|_| view.state.is_some() && view.ending.is_none())
        .map(|s| s.title.clone());
    draw(
        &ctx,
        &mut root,
        catalog.as_deref(),
        &mut session,
        &mut actions,
        resumable.as_deref(),
    );
    Ok(())
}

fn draw(
    ctx: &egui::Context,
    root: &mut Ui,
    catalog: Option<&Catalog>,
    session: &mut Session,
    actions: &mut Actions,
    resumable: Option<&str>,
) {
    let keys = Keys::read(ctx);
    let typing = Keys::typing(ctx);
    egui::CentralPanel::default()
        .frame(pane(BG, 24))
        .show(root, |ui| {
            ui.vertical_centered(|ui| {
                ui.label(
                    RichText::new("RED LINES")
                        .size(42.0)
                        .family(theme::bold())
                        .color(ACCENT),
                );
                ui.label(
                    RichText::new("A game of diplomacy on the edge of war")
                        .size(16.0)
                        .color(MUTED),
                );
            });
            ui.add_space(16.0);
            // A game left for the menu is still there: back to it in one click.
            if let Some(title) = resumable {
                ui.vertical_centered(|ui| {
                    let go = primary(ui, &format!("Resume {title}"), [360.0, 34.0]);
                    if go.clicked() || (!Keys::typing(ctx) && keys.typed.contains(&'r')) {
                        actions.0.push(Action::Resume);
                    }
                    ui.label(RichText::new("R resumes the game in progress").small().color(MUTED));
                });
                ui.add_space(8.0);
            }
            let Some(cat) = catalog else { return };
            // Two columns that share the window up to a comfortable reading width.
            let width = ui.available_width().min(1400.0);
            let side = ((ui.available_width() - width) / 2.0).max(0.0);
            ui.horizontal_top(|ui| {
                ui.add_space(side);
                ui.allocate_ui_with_layout(
                    egui::vec2(width, ui.available_height()),
                    Layout::left_to_right(Align::TOP),
                    |ui| {
                        ui.vertical(|ui| {
                            ui.set_width(width * 0.42);
                            scenarios(ui, cat, session);
                            ui.add_space(8.0);
                            card(ui, |ui| {
                                heading(ui, "How to play");
                                for line in [
                                    "New to it? The River Treaty (tutorial) is six short turns, with hints above your moves.",
                                    "Pick a party and read your brief: what you want, your red lines, who else is at the table.",
                                    "Each turn every party makes one move; yours is on the right of the table.",
                                    "Keep tension down and trust up: at the war line it is war, above the danger line every turn risks an incident, and nobody signs without enough trust in the others.",
                                    "A deal needs every negotiator to accept the same text, keeping all their red lines, and every signatory to consent to it.",
                                    "Hover anything for the reasons behind it. Ctrl+Z takes a turn back.",
                                    "Writing a scenario? The workshop checks it and plays it, again on every save.",
                                ] {
                                    ui.label(RichText::new(format!("· {line}")).color(MUTED));
                                }
                            });
                            if let Some(e) = cat.entries.get(session.pick_scenario)
                                && let Some(err) = &e.error
                            {
                                ui.add_space(8.0);
                                card(ui, |ui| {
                                    ui.label(
                                        RichText::new(format!("⚠ {} has an error", e.name))
                                            .color(BAD)
                                            .family(theme::bold()),
                                    );
                                    if e.scenario.is_some() {
                                        ui.label(
                                            RichText::new(
                                                "The last good version is used until it is fixed.",
                                            )
                                            .color(MUTED),
                                        );
                                    }
                                    ScrollArea::vertical().max_height(220.0).show(ui, |ui| {
                                        ui.label(RichText::new(err).monospace());
                                    });
                                });
                            }
                        });
                        ui.add_space(16.0);
                        ui.vertical(|ui| {
                            play_as(ui, cat, session, actions, &keys, typing, ctx);
                        });
                    },
                );
            });
        });
}

fn scenarios(ui: &mut Ui, cat: &Catalog, session: &mut Session) {
    card(ui, |ui| {
        heading(ui, "Scenario");
        // The built-in scenario's hash: a file that holds it says so (it is the copy to edit).
        let builtin = cat
            .entries
            .iter()
            .find(|x| x.path.is_none())
            .and_then(|b| b.scenario.as_ref())
            .map(|b| b.source_hash);
        for (i, e) in cat.entries.iter().enumerate() {
            let title = e
                .scenario
                .as_ref()
                .map_or_else(|| e.name.clone(), |s| s.title.clone());
            let mark = if e.error.is_some() { "  ⚠ error" } else { "" };
            let from = if e.path.is_none() {
                "built in".to_string()
            } else if builtin.is_some() && e.scenario.as_ref().map(|x| x.source_hash) == builtin {
                format!("{}: the built-in one, to edit", e.name)
            } else {
                e.name.clone()
            };
            let mut job = egui::text::LayoutJob::default();
            let big = egui::FontId::proportional(14.5);
            let small = egui::FontId::proportional(11.5);
            let col = if e.error.is_some() { BAD } else { MUTED };
            job.append(&title, 0.0, egui::TextFormat::simple(big, TEXT));
            job.append(
                &format!("   {from}{mark}"),
                0.0,
                egui::TextFormat::simple(small, col),
            );
            let r = ui.selectable_label(session.pick_scenario == i, job);
            if r.on_hover_text(&e.name).clicked() {
                session.pick_scenario = i;
                session.pick_party = None;
                session.observe = false;
            }
        }
    });
}

fn play_as(
    ui: &mut Ui,
    cat: &Catalog,
    session: &mut Session,
    actions: &mut Actions,
    keys: &Keys,
    typing: bool,
    ctx: &egui::Context,
) {
    let Some(s) = cat
        .entries
        .get(session.pick_scenario)
        .and_then(|e| e.scenario.clone())
    else {
        card(ui, |ui| {
            ui.label("This scenario has not loaded yet.");
        });
        return;
    };
    card(ui, |ui| {
        ui.label(RichText::new(&s.title).size(20.0).family(theme::bold()));
        ui.label(RichText::new(&s.summary).color(MUTED));
        let playable = s.parties.iter().filter(|p| p.role.playable()).count();
        ui.label(format!(
            "{} {} · {} parties ({playable} playable, the others the AI's) · {} issues",
            s.weeks,
            s.turn.many,
            s.parties.len(),
            s.issues.len()
        ));
    });
    ui.add_space(8.0);
    card(ui, |ui| {
        heading(ui, "Play as");
        // A playable party is chosen until the player picks one, or to watch: the one played
        // in the game of this scenario in progress, else the first negotiator (a play-tester
        // launched as the United States and found Iran picked in the menu).
        if session.pick_party.is_none() && !session.observe {
            let playing = session
                .scenario
                .as_ref()
                .filter(|g| g.id == s.id)
                .and_then(|_| session.seats.first().copied());
            session.pick_party = playing.or_else(|| s.negotiators.first().copied());
        }
        let playable: Vec<usize> = (0..s.parties.len())
            .filter(|&p| s.parties[p].role.playable())
            .collect();
        let hot = ui
            .checkbox(
                &mut session.hot_seat,
                "Hot seat: several people play on this machine",
            )
            .on_hover_text(
                "Each picked party is played by a person; they choose in turn and pass the \
                 device, and the AI plays every party nobody picked.",
            );
        if hot.changed() && session.hot_seat && session.pick_seats.is_empty() {
            session.pick_seats = session.pick_party.into_iter().collect();
        }
        session.pick_seats.retain(|p| playable.contains(p));
        for (n, &p) in playable.iter().enumerate() {
            let party = &s.parties[p];
            let label = format!(
                "[{}] {} ({})",
                n + 1,
                party.name,
                read::role_label(party.role)
            );
            let picked_by_key = !typing && keys.typed.contains(&char::from(b'1' + n as u8));
            if session.hot_seat {
                let mut on = session.pick_seats.contains(&p);
                let r = ui.checkbox(&mut on, label).on_hover_text(&party.stance);
                if r.changed() || picked_by_key {
                    if picked_by_key {
                        on = !session.pick_seats.contains(&p);
                    }
                    session.pick_seats.retain(|&q| q != p);
                    if on {
                        session.pick_seats.push(p);
                        session.pick_seats.sort_unstable();
                    }
                }
            } else {
                // The side picked stands out by more than the radio's dot, which a tester
                // could not make out at a glance.
                let on = session.pick_party == Some(p);
                let r = ui.radio(on, picked(label, on));
                if r.clicked() || picked_by_key {
                    session.pick_party = Some(p);
                    session.observe = false;
                }
            }
        }
        if !session.hot_seat {
            let on = session.pick_party.is_none();
            let r = ui.radio(
                on,
                picked("[0] Observe: every party played by the AI".into(), on),
            );
            if r.clicked() || (!typing && keys.typed.contains(&'0')) {
                session.pick_party = None;
                session.observe = true;
            }
        } else if session.pick_seats.is_empty() {
            ui.label(RichText::new("Pick the parties people will play.").color(MUTED));
        }
        // The picked side's stance under the list, not in a tooltip: a tester found the
        // tooltip on one side covering the next option.
        if let Some(p) = session.pick_party.filter(|_| !session.hot_seat) {
            let party = &s.parties[p];
            ui.label(
                RichText::new(format!("{}: {}", party.name, party.stance))
                    .small()
                    .color(MUTED),
            );
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            ui.label("Seed");
            ui.add(
                egui::TextEdit::singleline(&mut session.seed_text)
                    .hint_text(s.seed.to_string())
                    .desired_width(120.0),
            );
        });
        let seed = session.seed_text.trim().parse::<u64>();
        if !session.seed_text.trim().is_empty() && seed.is_err() {
            ui.label(RichText::new("⚠ The seed is a whole number.").color(BAD));
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let start = primary(ui, "Start the talks", [200.0, 38.0]);
            let enter = keys.enter && nothing_focused(ctx);
            let seats: Vec<usize> = if session.hot_seat {
                session.pick_seats.clone()
            } else {
                session.pick_party.into_iter().collect()
            };
            // A hot seat with nobody in it would be an observed game: pick someone first.
            let ready = !(session.hot_seat && seats.is_empty());
            if ready && (start.clicked() || enter) {
                actions.0.push(Action::Start {
                    scenario: s.clone(),
                    seats,
                    seed: seed.clone().unwrap_or(s.seed),
                });
            }
            let w = ui.add_sized([170.0, 38.0], egui::Button::new("Scenario workshop"));
            if w.on_hover_text("W: check, analyse and balance-test this scenario")
                .clicked()
                || (!typing && keys.typed.contains(&'w'))
            {
                actions.0.push(Action::Workshop(session.pick_scenario));
            }
        });
        ui.add_space(4.0);
        key_hints(
            ui,
            "1–9 pick a party (or, in a hot seat, add or drop it), 0 observe, Enter start, W workshop",
        );
    });
}

/// A choice's label, in the accent and bold when it is the one picked.
fn picked(label: String, on: bool) -> RichText {
    match on {
        true => RichText::new(label).color(ACCENT).family(theme::bold()),
        false => RichText::new(label),
    }
}
