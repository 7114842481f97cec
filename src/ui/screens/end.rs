//! The debrief: how it ended and why, what happened in a few sentences, the player's score, the
//! signed text against the Nash package and the best text the player could have had, the
//! turning points on a timeline, and the sources (folded away).

use bevy::prelude::*;

use crate::ui::Screen;
use bevy_egui::egui;
use egui::{Align, Layout, RichText, ScrollArea, Ui};

use super::{Keys, key_hints, nothing_focused};
use crate::scenario::{PartyIx, Role, Scenario};
use crate::sim::OutcomeKind;
use crate::ui::theme::{self, *};
use crate::ui::view::{Action, Actions, View};
use crate::ui::widgets::{card, heading, pane, primary};

pub(super) fn plugin(app: &mut App) {
    super::view_screen(app, Screen::End, draw);
}

fn draw(ctx: &egui::Context, root: &mut Ui, view: &View, actions: &mut Actions) {
    let (Some(s), Some(out)) = (view.scenario.clone(), view.ending.clone()) else {
        return;
    };
    let keys = Keys::read(ctx);
    if keys.enter && nothing_focused(ctx) {
        actions.0.push(Action::Again);
    }
    if keys.escape {
        actions.0.push(Action::Menu);
    }
    if ctx.input(|i| i.modifiers.command && i.key_pressed(egui::Key::Z)) && view.can_undo {
        actions.0.push(Action::Undo);
    }
    let (title, col) = match out.kind {
        OutcomeKind::Deal => ("✓ A deal is signed", GOOD),
        OutcomeKind::War => ("✗ War", BAD),
        OutcomeKind::Collapse => ("✗ The talks collapse", ACCENT),
        OutcomeKind::Stalemate => ("— Stalemate", MUTED),
    };
    egui::Panel::top("end_top")
        .frame(pane(BG, 14))
        .show(root, |ui| {
            ui.vertical_centered(|ui| {
                ui.label(
                    RichText::new(title)
                        .size(36.0)
                        .family(theme::bold())
                        .color(col),
                );
                ui.label(
                    RichText::new(format!(
                        "{} · {} {} of {} · seed {}",
                        s.title, s.turn.one, out.week, s.weeks, view.seed
                    ))
                    .color(MUTED),
                );
            });
            ui.add_space(6.0);
            if view.online {
                ui.vertical_centered(|ui| {
                    if primary(ui, "Leave the table", [200.0, 34.0]).clicked() {
                        actions.0.push(Action::Leave);
                    }
                    ui.label(
                        RichText::new("The game was hosted: its record and saves are the host's.")
                            .small()
                            .color(MUTED),
                    );
                });
                return;
            }
            ui.horizontal(|ui| {
                let w = 150.0 + 120.0 + 170.0 + 24.0;
                ui.add_space(((ui.available_width() - w) / 2.0).max(0.0));
                if primary(ui, "Play again", [150.0, 34.0]).clicked() {
                    actions.0.push(Action::Again);
                }
                if ui
                    .add_sized([120.0, 34.0], egui::Button::new("Menu"))
                    .clicked()
                {
                    actions.0.push(Action::Menu);
                }
                if ui
                    .add_enabled(
                        view.can_undo,
                        egui::Button::new(format!("Undo the last {}", s.turn.one))
                            .min_size(egui::vec2(170.0, 34.0)),
                    )
                    .clicked()
                {
                    actions.0.push(Action::Undo);
                }
            });
            ui.vertical_centered(|ui| key_hints(ui, "Enter play again, Esc menu, Ctrl+Z undo"));
        });
    egui::CentralPanel::default()
        .frame(pane(BG, 16))
        .show(root, |ui| {
            ScrollArea::vertical().id_salt("debrief").show(ui, |ui| {
                ui.columns(2, |cols| {
                    let (left, right) = cols.split_at_mut(1);
                    left[0].with_layout(Layout::top_down(Align::Min), |ui| {
                        card(ui, |ui| {
                            heading(ui, "What happened");
                            if let Some(d) = &view.debrief {
                                for line in &d.story {
                                    ui.label(line);
                                }
                            }
                        });
                    });
                    right[0].with_layout(Layout::top_down(Align::Min), |ui| {
                        if let (Some(me), Some(sc)) = (view.me, &view.score) {
                            card(ui, |ui| {
                                heading(ui, &format!("Your score as {}", s.parties[me].name));
                                ui.label(
                                    RichText::new(format!("{:.0}", sc.total))
                                        .size(34.0)
                                        .family(theme::bold())
                                        .color(ACCENT),
                                );
                                ui.label(capitalised(&crate::read::score_parts(&s, sc)));
                                let text_is = if out.kind == OutcomeKind::Deal {
                                    "the signed text"
                                } else {
                                    "the text left on the table (unsigned)"
                                };
                                // The mediator wants no clause for itself: its brief says so.
                                let utility = if s.parties[me].role == Role::Mediator {
                                    String::new()
                                } else {
                                    format!(
                                        "Your utility in {text_is}: {:.2} of 1. ",
                                        sc.deal_utility
                                    )
                                };
                                ui.label(
                                    RichText::new(format!(
                                        "{utility}Mean tension: {:.0} (war at {:.0}).",
                                        sc.mean_tension, s.tension.war_at
                                    ))
                                    .color(MUTED),
                                );
                            });
                            ui.add_space(8.0);
                        }
                        // A hot seat: every other player's score too.
                        for (p, sc) in &view.other_scores {
                            card(ui, |ui| {
                                heading(ui, &format!("Score of {}", s.parties[*p].name));
                                ui.label(
                                    RichText::new(format!("{:.0}", sc.total))
                                        .size(26.0)
                                        .family(theme::bold())
                                        .color(ACCENT),
                                );
                                ui.label(capitalised(&crate::read::score_parts(&s, sc)));
                            });
                            ui.add_space(8.0);
                        }
                        card(ui, |ui| {
                            heading(ui, "Why it ended so");
                            for r in &out.reasons {
                                ui.label(format!("· {}", r.text(&s)));
                            }
                        });
                        // What another side hid all game, beside the player's reading of it.
                        let hidden = (view.me.zip(view.state.as_ref()))
                            .map(|(me, st)| crate::read::revealed_priorities(&s, st, me))
                            .unwrap_or_default();
                        if !hidden.is_empty() {
                            ui.add_space(8.0);
                            card(ui, |ui| {
                                heading(ui, "What they hid");
                                for line in &hidden {
                                    ui.label(line.as_str());
                                }
                            });
                        }
                    });
                });
                ui.add_space(8.0);
                // Each player's review of the deal: the player's own, and in a hot seat every
                // other player's too (each then saying whose it is), as the terminal gives them.
                let own = view
                    .me
                    .zip(view.score.as_ref().and_then(|x| x.review.as_ref()));
                let others = view
                    .other_scores
                    .iter()
                    .filter_map(|(p, sc)| sc.review.as_ref().map(|r| (*p, r)));
                let reviews: Vec<(PartyIx, &crate::rules::Review)> =
                    own.into_iter().chain(others).collect();
                if own.is_none() {
                    card(ui, |ui| {
                        heading(
                            ui,
                            if out.kind == OutcomeKind::Deal {
                                "The signed text"
                            } else {
                                "The text on the table at the end"
                            },
                        );
                        final_text(ui, &s, view);
                    });
                }
                for (k, &(p, r)) in reviews.iter().enumerate() {
                    if k > 0 || own.is_none() {
                        ui.add_space(8.0);
                    }
                    card(ui, |ui| {
                        let whose = if reviews.len() > 1 {
                            format!(", for {}", s.parties[p].name)
                        } else {
                            String::new()
                        };
                        let what = if r.signed {
                            "The deal"
                        } else {
                            "The text left on the table"
                        };
                        heading(ui, &format!("{what} against what was possible{whose}"));
                        review_grid(ui, &s, r, p);
                    });
                }
                ui.add_space(8.0);
                card(ui, |ui| {
                    heading(ui, "Turning points");
                    timeline(ui, &s, view);
                    ui.label(
                        RichText::new(
                            "The turns that moved the game most: ▲ tension rose · ▼ it fell or held · ✓ the deal · ✗ war",
                        )
                            .small()
                            .color(MUTED),
                    );
                    if let Some(d) = &view.debrief {
                        for t in &d.turning_points {
                            ui.label(
                                RichText::new(format!(
                                    "{} {}: {}",
                                    s.turn.title(),
                                    t.week,
                                    t.figures()
                                ))
                                .family(theme::bold()),
                            );
                            for h in &t.happenings {
                                ui.label(RichText::new(format!("· {h}")).small());
                            }
                        }
                    }
                });
                ui.add_space(8.0);
                if let Some(d) = view.debrief.as_ref().filter(|d| !d.sources.is_empty()) {
                    egui::CollapsingHeader::new(
                        RichText::new(format!(
                            "Where the facts come from ({} quotes)",
                            d.sources.len()
                        ))
                        .color(ACCENT),
                    )
                    .id_salt("sources")
                    .default_open(false)
                    .show(ui, |ui| {
                        for (what, src) in &d.sources {
                            ui.label(RichText::new(what).family(theme::bold()).small());
                            ui.label(
                                RichText::new(format!("“{src}”"))
                                    .italics()
                                    .small()
                                    .color(MUTED),
                            );
                        }
                    });
                }
            });
        });
}

/// The turns on a line, each turning point marked: a rise of tension ▲ in red, a fall ▼ in
/// green, with its turn number; hovering a mark gives that turn's figures and what happened (a
/// tester hovered one and nothing showed).
fn timeline(ui: &mut Ui, s: &Scenario, view: &View) {
    let Some(d) = &view.debrief else { return };
    let last = view.chart.last().map_or(s.weeks, |c| c[0] as u32).max(1);
    let (rect, resp) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), 44.0), egui::Sense::hover());
    let p = ui.painter();
    let x = |w: u32| rect.left() + 12.0 + (rect.width() - 24.0) * w as f32 / last as f32;
    let y = rect.top() + 14.0;
    p.line_segment(
        [egui::pos2(x(0), y), egui::pos2(x(last), y)],
        egui::Stroke::new(2.0, BORDER),
    );
    for w in 0..=last {
        p.line_segment(
            [egui::pos2(x(w), y - 4.0), egui::pos2(x(w), y + 4.0)],
            egui::Stroke::new(1.0, MUTED),
        );
    }
    // The week that ended the game marks how it ended: a deal signed in a week tension rose by
    // a point read as a red ▲ to a tester.
    let end = view.ending.as_ref().map(|o| (o.week, o.kind));
    for t in &d.turning_points {
        // The font draws ✓ and ✗ smaller than the triangles.
        let (mark, col, size) = match end {
            Some((w, OutcomeKind::Deal)) if w == t.week => ("✓", GOOD, 22.0),
            Some((w, OutcomeKind::War)) if w == t.week => ("✗", BAD, 22.0),
            _ if t.d_tension > 0.0 => ("▲", BAD, 16.0),
            _ => ("▼", GOOD, 16.0),
        };
        p.text(
            egui::pos2(x(t.week), y),
            egui::Align2::CENTER_CENTER,
            mark,
            egui::FontId::new(size, theme::bold()),
            col,
        );
        p.text(
            egui::pos2(x(t.week), y + 12.0),
            egui::Align2::CENTER_TOP,
            format!("{} {}", s.turn.one, t.week),
            egui::FontId::proportional(11.0),
            TEXT,
        );
    }
    // The turning point nearest the pointer, within half a mark's width.
    let near = resp.hover_pos().and_then(|at| {
        (d.turning_points.iter())
            .map(|t| (t, (x(t.week) - at.x).abs()))
            .filter(|(_, dx)| *dx <= 14.0)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(t, _)| t)
    });
    if let Some(t) = near {
        resp.on_hover_ui_at_pointer(|ui| {
            ui.set_max_width(480.0);
            ui.label(
                RichText::new(format!("{} {}: {}", s.turn.title(), t.week, t.figures()))
                    .family(theme::bold()),
            );
            for h in &t.happenings {
                ui.label(RichText::new(format!("· {h}")).small());
            }
        });
    }
}

/// The final text with each consenting party's utility in it against its walk-away value.
fn final_text(ui: &mut Ui, s: &Scenario, view: &View) {
    let Some(b) = &view.state else { return };
    egui::Grid::new("final_text").striped(true).show(ui, |ui| {
        for (i, issue) in s.issues.iter().enumerate() {
            ui.label(RichText::new(&issue.name).small());
            ui.label(RichText::new(issue.level_name(b.draft.levels[i])).small());
            ui.end_row();
        }
        for v in &view.verdicts {
            let ok = v.stand.utility >= v.stand.reservation;
            let (mark, col) = if ok { ("✓", GOOD) } else { ("✗", BAD) };
            ui.label(
                RichText::new(format!(
                    "{} (walks away below {:.2})",
                    s.parties[v.party].name, v.stand.reservation
                ))
                .small(),
            );
            ui.label(
                RichText::new(format!("{mark} worth {:.2}", v.stand.utility))
                    .small()
                    .color(col),
            );
            ui.end_row();
        }
    });
}

/// The signed text beside the Nash package and the best text for the player, with each
/// negotiator's utility and walk-away value, and the deal's quality.
fn review_grid(ui: &mut Ui, s: &Scenario, r: &crate::rules::Review, me: PartyIx) {
    let columns = r.columns();
    ui.label(RichText::new(r.legend()).small().color(MUTED));
    // Kept inside its card on narrow windows: the table scrolls sideways.
    ScrollArea::horizontal()
        .id_salt("review_scroll")
        .show(ui, |ui| {
            egui::Grid::new("review").striped(true).show(ui, |ui| {
                ui.label("");
                for (name, _) in &columns {
                    ui.label(RichText::new(*name).family(theme::bold()));
                }
                ui.end_row();
                for (i, issue) in s.issues.iter().enumerate() {
                    ui.label(RichText::new(&issue.name).small());
                    for (_, levels) in &columns {
                        let name = issue.level_name(levels[i]);
                        ui.label(if levels[i] == r.text[i] {
                            RichText::new(name).small()
                        } else {
                            RichText::new(format!("≠ {name}")).small().color(ACCENT)
                        });
                    }
                    ui.end_row();
                }
                // A row for each party whose consent a deal needs, and for the player outside it.
                for &(p, _, res) in r.stands.iter().chain(&r.outside) {
                    ui.label(
                        RichText::new(format!(
                            "{} (walk-away {res:.2} at the start)",
                            s.parties[p].name
                        ))
                        .small()
                        .family(theme::bold()),
                    );
                    for (_, levels) in &columns {
                        ui.label(RichText::new(format!("{:.2}", s.utility(p, levels))).small());
                    }
                    ui.end_row();
                }
            });
        });
    let mark = if r.signed {
        "≠ marks a clause that differs from the signed text."
    } else {
        "≠ marks a clause that differs from the text left on the table."
    };
    ui.label(
        RichText::new(format!("{} {mark}", crate::read::review_summary(s, r, me))).color(MUTED),
    );
}

/// `text` with its first letter a capital.
fn capitalised(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
