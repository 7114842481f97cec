//! The briefing: who the player is, what they want and must not give up, who else is at the
//! table and what is known of them, what ends the game and how it is scored. One click (or
//! Enter) to the table.

use bevy::prelude::*;

use crate::ui::Screen;
use bevy_egui::egui;
use egui::{Align, Layout, RichText, ScrollArea, Ui};

use super::{Keys, key_hints, nothing_focused};
use crate::ui::theme::{self, *};
use crate::ui::view::{Action, Actions, View};
use crate::ui::widgets::{card, heading, pane, primary};

pub(super) fn plugin(app: &mut App) {
    super::view_screen(app, Screen::Briefing, draw);
}

fn draw(ctx: &egui::Context, root: &mut Ui, view: &View, actions: &mut Actions) {
    let (Some(s), Some(b)) = (view.scenario.clone(), view.briefing.clone()) else {
        return;
    };
    let keys = Keys::read(ctx);
    if keys.enter && nothing_focused(ctx) {
        actions.0.push(Action::Begin);
    }
    // Esc leaves the brief for the table, never the game.
    if keys.escape {
        actions.0.push(Action::Begin);
    }
    let me = &s.parties[b.party];
    egui::Panel::bottom("brief_go")
        .frame(pane(PANEL, 12))
        .show(root, |ui| {
            ui.horizontal(|ui| {
                if primary(ui, "To the table", [220.0, 40.0]).clicked() {
                    actions.0.push(Action::Begin);
                }
                if !view.online
                    && ui
                        .add_sized([120.0, 40.0], egui::Button::new("Menu"))
                        .clicked()
                {
                    actions.0.push(Action::Menu);
                }
                ui.add_space(12.0);
                key_hints(ui, "Enter or Esc to the table");
            });
        });
    egui::CentralPanel::default()
        .frame(pane(BG, 20))
        .show(root, |ui| {
            ui.label(
                RichText::new(format!("Your brief: {}", me.name))
                    .size(30.0)
                    .family(theme::bold())
                    .color(ACCENT),
            );
            ui.label(
                RichText::new(format!(
                    "{} · {} · {} {}",
                    b.title,
                    crate::read::role_label(b.role),
                    s.weeks,
                    s.turn.many
                ))
                .color(MUTED),
            );
            ui.add_space(8.0);
            ScrollArea::vertical().id_salt("brief").show(ui, |ui| {
                ui.columns(2, |cols| {
                    let (left, right) = cols.split_at_mut(1);
                    left[0].with_layout(Layout::top_down(Align::Min), |ui| {
                        card(ui, |ui| {
                            heading(ui, "The situation");
                            ui.label(&b.situation);
                            ui.add_space(4.0);
                            ui.label(RichText::new(&b.stance).italics());
                        });
                        ui.add_space(8.0);
                        let mediator = b.role == crate::scenario::Role::Mediator;
                        card(ui, |ui| {
                            if mediator {
                                heading(ui, "Your aim");
                                ui.label(
                                    "You sign nothing and no clause counts for you: you score for \
                                 the outcome, for a calm way to it, and for a deal that serves \
                                 both sides evenly (its Nash product against the best possible).",
                                );
                                return;
                            }
                            heading(ui, "What you want, most important first");
                            if b.aims.is_empty() {
                                ui.label(
                                    "No clause matters to you for itself: your aim is a deal both \
                                 sides sign, and a calm way to it.",
                                );
                            }
                            egui::Grid::new("aims").striped(true).show(ui, |ui| {
                                for a in &b.aims {
                                    let issue = &s.issues[a.issue];
                                    ui.label(RichText::new(&issue.name).family(theme::bold()));
                                    ui.label(issue.level_name(a.want));
                                    ui.label(
                                        RichText::new(format!("{:.0} %", 100.0 * a.weight))
                                            .color(MUTED),
                                    );
                                    ui.end_row();
                                }
                            });
                            if let Some(w) = b.walk_away {
                                ui.label(
                                RichText::new(format!(
                                    "A deal worth less than {w:.2} to you (on a scale of 0 to 1) \
                                     is worse than none. {}",
                                    b.walk_away_moves
                                ))
                                .small()
                                .color(MUTED),
                            );
                            }
                        });
                        ui.add_space(8.0);
                        card(ui, |ui| {
                            heading(ui, "Your red lines");
                            if mediator {
                                ui.label(
                                    "A mediator signs nothing, so it has no red lines of its own: \
                                 what matters is that the negotiators can sign.",
                                );
                                return;
                            }
                            if b.red_lines.is_empty() {
                                ui.label(
                                    "You have none: any text can be signed if it is worth it.",
                                );
                            }
                            for (what, words) in &b.red_lines {
                                ui.label(RichText::new(format!("■ {what}")).family(theme::bold()));
                                ui.label(
                                    RichText::new(format!("“{words}”")).italics().color(MUTED),
                                );
                            }
                            if let Some(hint) = crate::read::stretch_hint(&b, false) {
                                ui.label(RichText::new(hint).small().color(MUTED));
                            }
                            ui.label(
                            RichText::new(
                                "A text that breaks one of your red lines cannot be signed by you.",
                            )
                            .small()
                            .color(MUTED),
                        );
                        });
                    });
                    right[0].with_layout(Layout::top_down(Align::Min), |ui| {
                        card(ui, |ui| {
                            heading(ui, "Who else is here");
                            for c in &b.counterparts {
                                let q = &s.parties[c.party];
                                let sign = if c.signatory { ", signatory" } else { "" };
                                ui.label(
                                    RichText::new(format!("{} ({}{sign})", q.name, c.role))
                                        .family(theme::bold()),
                                );
                                ui.label(RichText::new(&c.stance).small());
                                for r in &c.red_lines {
                                    ui.label(
                                        RichText::new(format!("red line: {r}"))
                                            .small()
                                            .color(MUTED),
                                    );
                                }
                                if let Some(cares) = c.cares(&s, b.party) {
                                    ui.label(RichText::new(cares).small().color(MUTED));
                                }
                                ui.add_space(4.0);
                            }
                        });
                        ui.add_space(8.0);
                        if !b.shocks.is_empty() {
                            card(ui, |ui| {
                                heading(ui, "What may shake the talks");
                                for e in &b.shocks {
                                    ui.label(format!("· {e}"));
                                }
                            });
                            ui.add_space(8.0);
                        }
                        card(ui, |ui| {
                            heading(ui, "What ends the game");
                            for e in &b.endings {
                                ui.label(format!("· {e}"));
                            }
                        });
                        ui.add_space(8.0);
                        card(ui, |ui| {
                            heading(ui, "How you are scored");
                            for e in &b.scoring {
                                ui.label(format!("· {e}"));
                            }
                        });
                    });
                });
            });
        });
}
