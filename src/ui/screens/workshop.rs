//! The workshop for scenario authors: pick a file; see what `check` says of it (summary,
//! warnings and errors with their lines, the feasibility analysis: the package and who is
//! closest to walking away) and a balance run of all-AI games with its progress (outcome shares
//! with their intervals, the turn games end on, the deals). Saving the file reruns it all.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

use crate::ui::Screen;
use crate::ui::catalog::Catalog;
use crate::ui::theme::ThemeReady;
use bevy_egui::egui;
use egui::{Align, Layout, RichText, ScrollArea, Ui};
use egui_plot::{Bar, BarChart, Plot};

use super::{Keys, key_hints};
use crate::ui::theme::{self, *};
use crate::ui::view::{Action, Actions};
use crate::ui::widgets::{card, heading, pane};
use crate::ui::workshop::{Checked, Workshop, files};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        system
            .in_set(super::Draw)
            .run_if(in_state(Screen::Workshop)),
    );
}

fn system(
    mut contexts: EguiContexts,
    ready: Res<ThemeReady>,
    mut catalog: Option<ResMut<Catalog>>,
    mut workshop: ResMut<Workshop>,
    mut actions: ResMut<Actions>,
) -> Result {
    let Some((ctx, mut root)) = super::root(&mut contexts, &ready, catalog.as_deref_mut())? else {
        return Ok(());
    };
    draw(
        &ctx,
        &mut root,
        catalog.as_deref(),
        &mut workshop,
        &mut actions,
    );
    Ok(())
}

fn draw(
    ctx: &egui::Context,
    root: &mut Ui,
    catalog: Option<&Catalog>,
    ws: &mut Workshop,
    actions: &mut Actions,
) {
    let keys = Keys::read(ctx);
    if keys.escape {
        actions.0.push(Action::Menu);
    }
    if ctx.input(|i| i.modifiers.command && i.key_pressed(egui::Key::R)) {
        ws.rerun = true;
    }
    let Some(cat) = catalog else { return };
    let area = root.available_rect_before_wrap();
    egui::Panel::top("ws_top")
        .frame(pane(PANEL, 12))
        .show(root, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new("Scenario workshop")
                        .size(22.0)
                        .family(theme::bold())
                        .color(ACCENT),
                );
                ui.label(
                    RichText::new("Edit the file in your editor and save: everything here reruns.")
                        .color(MUTED),
                );
                ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                    if ui.button("Menu").on_hover_text("Esc").clicked() {
                        actions.0.push(Action::Menu);
                    }
                    if ui.button("Rerun").on_hover_text("Ctrl+R").clicked() {
                        ws.rerun = true;
                    }
                });
            });
            key_hints(ui, "Esc menu, Ctrl+R rerun");
        });
    egui::Panel::left("ws_files")
        .exact_size((area.width() * 0.18).clamp(200.0, 340.0))
        .frame(pane(PANEL, 10))
        .show(root, |ui| {
            heading(ui, "Files");
            for (k, (name, path)) in files(cat, ws.external.as_ref()).iter().enumerate() {
                // A file the menu offers carries its last load's error; the one looked at, what
                // the workshop found.
                let err = match cat.entries.get(k) {
                    _ if k == ws.pick => matches!(ws.checked, Some(Checked::Invalid(_))),
                    Some(e) => e.error.is_some(),
                    None => false,
                };
                let label = format!("{}{name}", if err { "⚠ " } else { "" });
                let r = ui.selectable_label(ws.pick == k, label);
                let r = match path {
                    Some(p) => r.on_hover_text(p.display().to_string()),
                    None => r.on_hover_text("The scenario built into the game"),
                };
                if r.clicked() {
                    ws.pick = k;
                }
            }
            ui.add_space(12.0);
            heading(ui, "Balance run");
            ui.horizontal(|ui| {
                ui.label("Games");
                for n in [200u64, 500, 2000] {
                    if ui.selectable_label(ws.games == n, n.to_string()).clicked() && ws.games != n
                    {
                        ws.games = n;
                        ws.rerun = true;
                    }
                }
            });
            ui.horizontal(|ui| {
                ui.label("Seed");
                let mut seed = ws.seed;
                if ui
                    .add(egui::DragValue::new(&mut seed).range(0..=u32::MAX))
                    .changed()
                {
                    ws.seed = seed;
                    ws.rerun = true;
                }
            });
        });
    egui::CentralPanel::default()
        .frame(pane(BG, 12))
        .show(root, |ui| {
            let Some(checked) = ws.checked.clone() else {
                ui.label("Checking…");
                return;
            };
            ui.columns(2, |cols| {
                let (left, right) = cols.split_at_mut(1);
                left[0].with_layout(Layout::top_down(Align::Min), |ui| check_card(ui, &checked));
                right[0].with_layout(Layout::top_down(Align::Min), |ui| {
                    ScrollArea::vertical()
                        .id_salt("ws_balance")
                        .show(ui, |ui| balance_card(ui, ws, &checked));
                });
            });
        });
}

fn check_card(ui: &mut Ui, checked: &Checked) {
    card(ui, |ui| {
        heading(ui, "Check");
        ScrollArea::vertical().id_salt("ws_check").show(ui, |ui| match checked {
            Checked::Invalid(errors) => {
                ui.label(
                    RichText::new("✗ The file has errors: the game cannot load it.")
                        .color(BAD)
                        .family(theme::bold()),
                );
                ScrollArea::horizontal().id_salt("ws_err").show(ui, |ui| {
                    ui.add(
                        egui::Label::new(RichText::new(errors).monospace())
                            .wrap_mode(egui::TextWrapMode::Extend),
                    );
                });
            }
            Checked::Valid { scenario: s, summary, warnings, analysis } => {
                let (mark, col, what) = if warnings.is_empty() {
                    ("✓", GOOD, "Valid, with no warnings.".to_string())
                } else {
                    ("⚠", ACCENT, format!("Valid, with {} warning(s).", warnings.len()))
                };
                ui.label(RichText::new(format!("{mark} {what}")).color(col).family(theme::bold()));
                for (at, msg, path) in warnings {
                    let at = at.map_or_else(String::new, |(l, c)| format!("line {l}, column {c}: "));
                    ui.label(RichText::new(format!("⚠ {at}{msg}")).color(ACCENT));
                    ui.label(RichText::new(format!("   at {path}")).small().color(MUTED));
                }
                ui.add_space(6.0);
                heading(ui, "Feasibility");
                if analysis.best.is_some() {
                    ui.label(RichText::new("✓ A text keeps every binding red line and walk-away value.").color(GOOD));
                } else {
                    ui.label(RichText::new("✗ No text keeps every binding red line and walk-away value: no deal is possible.").color(BAD));
                }
                let closest = checked.closest();
                if !closest.is_empty() {
                    ui.label(RichText::new("Closest to walking away in the best package:").family(theme::bold()));
                    for (p, u, r) in closest {
                        ui.label(format!("{}: worth {u:.3}, walks away below {r:.3} (margin {:+.3})", s.parties[p].name, u - r));
                    }
                }
                ui.add_space(6.0);
                egui::CollapsingHeader::new("The full check summary")
                    .id_salt("ws_summary")
                    .default_open(true)
                    .show(ui, |ui| {
                        // Unwrapped, so the columns stay aligned; it scrolls sideways, its bar
                        // always shown (a tester read its lines as cut).
                        ScrollArea::horizontal()
                            .id_salt("ws_summary_text")
                            .scroll_bar_visibility(
                                egui::scroll_area::ScrollBarVisibility::AlwaysVisible,
                            )
                            .show(ui, |ui| {
                            ui.add(
                                egui::Label::new(
                                    RichText::new(summary)
                                        .family(egui::FontFamily::Monospace)
                                        .size(11.5),
                                )
                                .wrap_mode(egui::TextWrapMode::Extend),
                            );
                        });
                    });
            }
        });
    });
}

fn balance_card(ui: &mut Ui, ws: &Workshop, checked: &Checked) {
    card(ui, |ui| {
        heading(ui, "Balance: all-AI games");
        let Checked::Valid { .. } = checked else {
            ui.label(RichText::new("Fix the errors first: there is nothing to play.").color(MUTED));
            return;
        };
        let frac = ws.played as f32 / ws.games.max(1) as f32;
        ui.add(
            egui::ProgressBar::new(frac).fill(BANKED).text(
                RichText::new(format!(
                    "{} of {} games (seed {})",
                    ws.played, ws.games, ws.seed
                ))
                .color(BG),
            ),
        );
        let Some(r) = &ws.balance else { return };
        if r.games == 0 {
            return;
        }
        ui.add_space(6.0);
        egui::Grid::new("ws_outcomes").striped(true).show(ui, |ui| {
            for h in ["Outcome", "Games", "Share", "95 % interval"] {
                ui.label(RichText::new(h).family(theme::bold()));
            }
            ui.end_row();
            for (k, sh) in &r.outcomes {
                ui.label(k);
                ui.label(sh.count.to_string());
                ui.label(format!("{:.1} %", 100.0 * sh.share));
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(170.0, 16.0), egui::Sense::hover());
                let p = ui.painter();
                let x = |v: f64| rect.left() + rect.width() * v as f32;
                p.rect_filled(rect, 2.0, PANEL);
                p.rect_filled(
                    egui::Rect::from_min_max(
                        egui::pos2(x(sh.low), rect.top() + 3.0),
                        egui::pos2(x(sh.high), rect.bottom() - 3.0),
                    ),
                    2.0,
                    BANKED,
                );
                p.line_segment(
                    [
                        egui::pos2(x(sh.share), rect.top()),
                        egui::pos2(x(sh.share), rect.bottom()),
                    ],
                    egui::Stroke::new(2.0, TEXT),
                );
                ui.label(
                    RichText::new(format!("{:.1}–{:.1} %", 100.0 * sh.low, 100.0 * sh.high))
                        .small()
                        .color(MUTED),
                );
                ui.end_row();
            }
        });
        ui.label(format!(
            "Mean: {:.1} {} played, final tension {:.0}, final agreement {:.0}.",
            r.mean_weeks, r.turns, r.mean_tension, r.mean_agreement
        ));
        ui.add_space(6.0);
        ui.label(
            RichText::new(format!("Games by the {} they ended", r.turn)).family(theme::bold()),
        );
        let bars: Vec<Bar> = r
            .ending_weeks
            .iter()
            .map(|(w, c)| Bar::new(f64::from(*w), *c as f64).width(0.8))
            .collect();
        Plot::new("ws_weeks")
            .height(120.0)
            .allow_zoom(false)
            .allow_drag(false)
            .allow_scroll(false)
            .show(ui, |plot| {
                plot.bar_chart(BarChart::new("games", bars).color(BANKED))
            });
        ui.add_space(6.0);
        ui.label(RichText::new("The deals").family(theme::bold()));
        ui.label(format!(
            "{:.0} % Pareto-optimal; on average {:.0} % of the Nash package's product. Stalemates where everyone would have signed: {:.1} % of games.",
            100.0 * r.pareto_share,
            100.0 * r.nash_share,
            100.0 * r.willing_stalemates
        ));
        ui.label(format!(
            "Clauses pulled back (a change that undid another party's): {:.1} per game. The AI's patience (ai.patience in the file) lowers it.",
            r.undone
        ));
        if let Some((pkg, n)) = &r.top_package {
            ui.label(format!(
                "{} different texts were signed; the most frequent, in {n} games:",
                r.distinct_deals
            ));
            for (i, l) in pkg {
                ui.label(RichText::new(format!("  {i}: {l}")).small().monospace());
            }
        }
        ui.add_space(6.0);
        ui.label(RichText::new("Mean score by seat").family(theme::bold()));
        for (p, sc) in &r.mean_scores {
            ui.label(RichText::new(format!("{p}: {sc:.0}")).small());
        }
    });
}
