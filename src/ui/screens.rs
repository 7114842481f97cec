//! The three screens, drawn from the [`View`]: the menu, the negotiating table and the end.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui::{Align, Color32, Layout, RichText, ScrollArea, Ui, UiBuilder};
use egui_plot::{Legend, Line, Plot, PlotPoints};

use super::Screen;
use super::catalog::Catalog;
use super::theme::{self, *};
use super::view::{Action, Actions, Session, View};
use crate::ai;
use crate::scenario::{PartyIx, Role, Scenario};
use crate::sim::{NewsKind, OutcomeKind};

/// Draws the current screen.
pub fn draw(
    mut contexts: EguiContexts,
    screen: Res<State<Screen>>,
    view: Res<View>,
    mut catalog: Option<ResMut<Catalog>>,
    mut session: ResMut<Session>,
    mut actions: ResMut<Actions>,
    theme_ready: Res<theme::ThemeReady>,
) -> Result {
    if !theme_ready.ready {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?.clone();
    let mut root = Ui::new(
        ctx.clone(),
        "root".into(),
        UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    );
    notices(&mut root, catalog.as_deref_mut());
    match screen.get() {
        Screen::Menu => menu(&mut root, catalog.as_deref(), &mut session, &mut actions),
        Screen::Game => game(&ctx, &mut root, &view, &mut session, &mut actions),
        Screen::End => end(&mut root, &view, &mut actions),
    }
    Ok(())
}

/// The frame of a panel: a flat fill and an even margin.
fn pane(fill: Color32, margin: i8) -> egui::Frame {
    egui::Frame::NONE
        .fill(fill)
        .inner_margin(egui::Margin::same(margin))
}

fn card(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    egui::Frame::NONE
        .fill(CARD)
        .stroke(egui::Stroke::new(1.0, BORDER))
        .corner_radius(egui::CornerRadius::same(6))
        .inner_margin(egui::Margin::same(10))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui)
        });
}

fn heading(ui: &mut Ui, text: &str) {
    ui.label(
        RichText::new(text.to_uppercase())
            .color(ACCENT)
            .size(12.5)
            .family(theme::bold()),
    );
}

/// The newest hot-reload notice, as a banner across the top, until dismissed.
fn notices(root: &mut Ui, catalog: Option<&mut Catalog>) {
    let Some(cat) = catalog else { return };
    let Some((text, error)) = cat.notices.last().cloned() else {
        return;
    };
    let color = if error { BAD } else { BANKED };
    let mut dismiss = false;
    egui::Panel::top("notice")
        .frame(
            egui::Frame::NONE
                .fill(Color32::from_rgb(40, 30, 34))
                .inner_margin(egui::Margin::symmetric(12, 6)),
        )
        .show(root, |ui| {
            let mut lines = text.lines();
            ui.horizontal(|ui| {
                if let Some(first) = lines.next() {
                    ui.label(RichText::new(first).color(color).family(theme::bold()));
                }
                ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                    dismiss = ui.small_button("Dismiss").clicked();
                });
            });
            let rest: Vec<&str> = lines.collect();
            if !rest.is_empty() {
                // Unwrapped, so the caret stays under the fault; long lines scroll sideways.
                ScrollArea::both()
                    .min_scrolled_height(150.0)
                    .max_height(220.0)
                    .show(ui, |ui| {
                        ui.add(
                            egui::Label::new(
                                RichText::new(rest.join("\n")).monospace().color(TEXT),
                            )
                            .wrap_mode(egui::TextWrapMode::Extend),
                        );
                    });
            }
        });
    if dismiss {
        cat.notices.clear();
    }
}

fn menu(root: &mut Ui, catalog: Option<&Catalog>, session: &mut Session, actions: &mut Actions) {
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
            let Some(cat) = catalog else { return };
            let width = ui.available_width().min(1100.0);
            ui.allocate_ui_with_layout(
                egui::vec2(width, ui.available_height()),
                Layout::left_to_right(Align::TOP),
                |ui| {
                    ui.vertical(|ui| {
                        ui.set_width(width * 0.42);
                        card(ui, |ui| {
                            heading(ui, "Scenario");
                            for (i, e) in cat.entries.iter().enumerate() {
                                let title = e
                                    .scenario
                                    .as_ref()
                                    .map_or_else(|| e.name.clone(), |s| s.title.clone());
                                let mark = if e.error.is_some() { "  ⚠ error" } else { "" };
                                let from = if e.path.is_some() { e.name.as_str() } else { "built in" };
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
                        ui.add_space(8.0);
                        card(ui, |ui| {
                            heading(ui, "How to play");
                            for line in [
                                "Each week every party makes one move; yours is on the right.",
                                "Keep tension down: at 100 it is war, and above the danger line every week risks an incident.",
                                "A deal needs every negotiator to accept the same text, keeping all their red lines, and every signatory to consent to it.",
                                "Hover anything for the reasons behind it. Ctrl+Z takes a week back.",
                                "Edit a scenario file while playing: it reloads for the next game.",
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
                                    RichText::new(format!("{} has an error", e.name))
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
                            ui.label(format!(
                                "{} {} · {} parties · {} issues",
                                s.weeks,
                                s.turn.many,
                                s.parties.len(),
                                s.issues.len()
                            ));
                        });
                        ui.add_space(8.0);
                        card(ui, |ui| {
                            heading(ui, "Play as");
                            // A playable party is chosen until the player picks one, or to watch.
                            if session.pick_party.is_none() && !session.observe {
                                session.pick_party = s.negotiators.first().copied();
                            }
                            for (p, party) in s.parties.iter().enumerate() {
                                if matches!(party.role, Role::Negotiator | Role::Mediator) {
                                    let role = if party.role == Role::Mediator {
                                        "mediator"
                                    } else {
                                        "negotiator"
                                    };
                                    let r = ui.radio(
                                        session.pick_party == Some(p),
                                        format!("{} ({role})", party.name),
                                    );
                                    if r.on_hover_text(&party.stance).clicked() {
                                        session.pick_party = Some(p);
                                        session.observe = false;
                                    }
                                }
                            }
                            if ui
                                .radio(
                                    session.pick_party.is_none(),
                                    "Observe: every party played by the AI",
                                )
                                .clicked()
                            {
                                session.pick_party = None;
                                session.observe = true;
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
                                ui.label(RichText::new("The seed is a whole number.").color(BAD));
                            }
                            ui.add_space(8.0);
                            let label = RichText::new("Start the talks")
                                .size(17.0)
                                .family(theme::bold())
                                .color(BG);
                            let start = ui
                                .add_sized([200.0, 38.0], egui::Button::new(label).fill(ACCENT));
                            if start.clicked() {
                                let seed = seed.unwrap_or(s.seed);
                                actions.0.push(Action::Start {
                                    scenario: s.clone(),
                                    me: session.pick_party,
                                    seed,
                                });
                            }
                        });
                    });
                },
            );
        });
}

fn gauge(ui: &mut Ui, label: &str, value: f64, delta: f64, color: Color32) -> egui::Response {
    ui.horizontal(|ui| {
        ui.label(RichText::new(label).color(MUTED));
        let arrow = if delta > 0.05 {
            format!(" ▲{delta:.0}")
        } else if delta < -0.05 {
            format!(" ▼{:.0}", -delta)
        } else {
            String::new()
        };
        ui.add(
            egui::ProgressBar::new((value / 100.0) as f32)
                .fill(color)
                .desired_width(170.0)
                .desired_height(20.0)
                .text(
                    RichText::new(format!("{value:.0}{arrow}"))
                        .color(Color32::WHITE)
                        .family(theme::bold()),
                ),
        )
    })
    .inner
}

fn game(
    ctx: &egui::Context,
    root: &mut Ui,
    view: &View,
    session: &mut Session,
    actions: &mut Actions,
) {
    let (Some(s), Some(b)) = (view.scenario.clone(), view.state.clone()) else {
        return;
    };
    keyboard(ctx, view, session, actions);
    let prev = view.chart.len().checked_sub(2).map(|i| view.chart[i]);
    let (dt, da) = prev.map_or((0.0, 0.0), |p| (b.tension - p[1], b.agreement - p[2]));
    egui::Panel::top("top")
        .frame(
            egui::Frame::NONE
                .fill(PANEL)
                .inner_margin(egui::Margin::symmetric(14, 8)),
        )
        .show(root, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(&s.title).size(18.0).family(theme::bold()));
                ui.label(
                    RichText::new(format!(
                        "{} {} of {}",
                        s.turn.title(),
                        // The turn being chosen: the first screen reads "Week 1".
                        if view.ending.is_none() {
                            (b.week + 1).min(s.weeks)
                        } else {
                            b.week
                        },
                        s.weeks
                    ))
                    .color(ACCENT)
                    .family(theme::bold()),
                );
                ui.separator();
                let causes = b.causes.clone();
                gauge(ui, "Tension", b.tension, dt, theme::heat(b.tension)).on_hover_ui(|ui| {
                    ui.label(
                        RichText::new(format!("This {}'s causes", s.turn.one))
                            .family(theme::bold()),
                    );
                    if causes.is_empty() {
                        ui.label("Nothing yet: the talks are about to open.");
                    }
                    for c in &causes {
                        ui.label(format!("{:+.1}  {}", c.delta, c.source.cause_label(&s)));
                    }
                    let chance = crate::rules::escalation_chance(&s, b.tension);
                    ui.label(
                        RichText::new(format!(
                            "War at {:.0}. Above {:.0} each {} risks escalation: now {:.0} %.",
                            s.tension.war_at,
                            s.tension.escalation_threshold,
                            s.turn.one,
                            chance * 100.0
                        ))
                        .color(MUTED),
                    );
                });
                gauge(ui, "Agreement", b.agreement, da, AGREEMENT).on_hover_ui(|ui| {
                    ui.label(
                        RichText::new("How close the negotiators are to a text all can sign")
                            .family(theme::bold()),
                    );
                    for v in &view.verdicts {
                        ui.label(format!(
                            "{}: worth {:.2} (needs {:.2}){}",
                            s.parties[v.party].name,
                            v.stand.utility,
                            v.stand.reservation,
                            if v.would_sign { " — would sign" } else { "" }
                        ));
                    }
                });
                ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                    if ui.button("Menu").clicked() {
                        actions.0.push(Action::Menu);
                    }
                    if ui.button("Load").on_hover_text("Ctrl+L").clicked() {
                        actions.0.push(Action::Load);
                    }
                    if ui.button("Save").on_hover_text("Ctrl+S").clicked() {
                        actions.0.push(Action::Save);
                    }
                    if ui
                        .add_enabled(view.can_undo, egui::Button::new("Undo"))
                        .on_hover_text(format!("Ctrl+Z: take back the last {}", s.turn.one))
                        .clicked()
                    {
                        actions.0.push(Action::Undo);
                    }
                });
            });
            if let Some((text, err)) = &session.status {
                ui.label(
                    RichText::new(text)
                        .color(if *err { BAD } else { MUTED })
                        .small(),
                );
            }
        });
    egui::Panel::left("parties")
        .exact_size(255.0)
        .frame(pane(PANEL, 10))
        .show(root, |ui| {
            ScrollArea::vertical()
                .id_salt("parties_scroll")
                .show(ui, |ui| parties(ui, &s, view));
        });
    egui::Panel::right("moves")
        .exact_size(345.0)
        .frame(pane(PANEL, 10))
        .show(root, |ui| {
            moves(ui, &s, view, session, actions);
        });
    egui::Panel::bottom("bottom")
        .exact_size(210.0)
        .frame(pane(PANEL, 10))
        .show(root, |ui| {
            ui.columns(2, |cols| {
                chart(&mut cols[0], view);
                cols[1].with_layout(Layout::top_down(Align::Min), |ui| news(ui, &s, view));
            });
        });
    egui::CentralPanel::default()
        .frame(pane(BG, 12))
        .show(root, |ui| {
            ScrollArea::vertical()
                .id_salt("issues_scroll")
                .show(ui, |ui| issues(ui, &s, view));
        });
}

fn keyboard(ctx: &egui::Context, view: &View, session: &mut Session, actions: &mut Actions) {
    let Some(s) = &view.scenario else { return };
    let (typed, undo, save, load, esc): (Vec<String>, bool, bool, bool, bool) = ctx.input(|i| {
        let cmd = i.modifiers.command;
        (
            if cmd {
                Vec::new()
            } else {
                i.events
                    .iter()
                    .filter_map(|e| match e {
                        egui::Event::Text(t) => Some(t.clone()),
                        _ => None,
                    })
                    .collect()
            },
            cmd && i.key_pressed(egui::Key::Z),
            cmd && i.key_pressed(egui::Key::S),
            cmd && i.key_pressed(egui::Key::L),
            i.key_pressed(egui::Key::Escape),
        )
    });
    if undo {
        actions.0.push(Action::Undo);
    }
    if save {
        actions.0.push(Action::Save);
    }
    if load {
        actions.0.push(Action::Load);
    }
    if esc {
        session.key_filter = None;
    }
    for t in typed {
        let Some(k) = t.chars().next().map(|c| c.to_ascii_lowercase()) else {
            continue;
        };
        let hits: Vec<&ai::Scored> = view
            .moves
            .iter()
            .filter(|m| s.moves[m.choice.mv].key == Some(k))
            .collect();
        match hits.len() {
            0 => {}
            1 => actions.0.push(Action::Play(hits[0].choice)),
            _ => session.key_filter = Some(k),
        }
    }
}

fn parties(ui: &mut Ui, s: &Scenario, view: &View) {
    let Some(b) = &view.state else { return };
    heading(ui, "Parties");
    for (p, party) in s.parties.iter().enumerate() {
        card(ui, |ui| {
            let you = if view.me == Some(p) { " (you)" } else { "" };
            ui.label(
                RichText::new(format!("{}{you}", party.name))
                    .family(theme::bold())
                    .size(15.0),
            )
            .on_hover_text(&party.stance);
            let role = match party.role {
                Role::Negotiator => "negotiator",
                Role::Mediator => "mediator",
                Role::Spoiler => "spoiler (AI only)",
                Role::Regional => "regional state (AI only)",
            };
            ui.label(RichText::new(role).small().color(ACCENT));
            if !b.parties[p].present {
                ui.label(RichText::new("Away from the table").color(BAD));
            }
            if party.signatory {
                // Not at the table: it consents to the text or it does not.
                if crate::rules::score::verdict(s, b, p).would_sign {
                    ui.label(RichText::new("Signatory: consents to the text").color(GOOD));
                } else {
                    ui.label(RichText::new("Signatory: withholds consent").color(BAD));
                }
            } else if b.parties[p].accepted {
                ui.label(RichText::new("Accepts the current text").color(GOOD));
            }
            let figures: Vec<String> = party
                .figures
                .iter()
                .map(|f| format!("{} ({})", f.name, f.title))
                .collect();
            if !figures.is_empty() {
                ui.label(RichText::new(figures.join(", ")).small().color(MUTED))
                    .on_hover_ui(|ui| {
                        for f in &party.figures {
                            ui.label(
                                RichText::new(format!("{}, {}", f.name, f.title))
                                    .family(theme::bold()),
                            );
                            if !f.note.is_empty() {
                                ui.label(&f.note);
                            }
                            if let Some(src) = &f.source {
                                ui.label(RichText::new(format!("“{src}”")).italics().color(MUTED));
                            }
                        }
                    });
            }
            if b.parties[p].troops > 0 {
                ui.label(format!(
                    "Troops in the region: {}",
                    group(b.parties[p].troops)
                ));
            }
            ui.horizontal(|ui| {
                ui.label(RichText::new("Support at home").small().color(MUTED));
                ui.add(egui::ProgressBar::new((view.support[p] / 100.0) as f32).desired_width(110.0).desired_height(12.0).fill(BANKED))
                    .on_hover_text(format!(
                        "Hardliners {:.0}, moderates {:.0}. Concessions need hardliners at {:.0} or more.",
                        b.parties[p].hardliners, b.parties[p].moderates, party.domestic.concession_floor
                    ));
            });
            if let Some(me) = view.me
                && me != p
            {
                let t = b.trust(p, me);
                let color = if t >= s.rules.min_trust { GOOD } else { BAD };
                ui.label(RichText::new(format!("Trust in you: {:.0}", t.floor())).color(color))
                    .on_hover_ui(|ui| {
                        ui.label(
                            RichText::new(format!(
                                "{}'s trust in {}",
                                party.name, s.parties[me].name
                            ))
                            .family(theme::bold()),
                        );
                        ui.label(format!("{:+.0}  lasting base", b.trust.base(p, me)));
                        for m in crate::rules::describe::trust_ledger(s, b, p, me) {
                            let fade = if m.fade > 0.0 {
                                format!(", fading {:.1}/{}", m.fade, s.turn.one)
                            } else {
                                String::new()
                            };
                            ui.label(format!("{:+.0}  {}{fade}", m.value, m.label));
                        }
                        ui.label(
                            RichText::new(format!("Signing needs {:.0}.", s.rules.min_trust))
                                .color(MUTED),
                        );
                    });
            }
            // A negotiator sees its own trust in the others: signing needs it too.
            if let Some(me) = view.me
                && me != p
                && party.role == Role::Negotiator
                && s.parties[me].role == Role::Negotiator
            {
                let t = b.trust(me, p);
                let color = if t >= s.rules.min_trust { GOOD } else { BAD };
                ui.label(
                    RichText::new(format!(
                        "Your trust in them: {:.0} (you need {:.0} to sign)",
                        t.floor(),
                        s.rules.min_trust
                    ))
                    .color(color),
                );
            }
            // Whoever is not a negotiator (the mediator, an observer) sees how far each
            // negotiator trusts the others, against what signing needs.
            if party.role == Role::Negotiator
                && view
                    .me
                    .is_none_or(|m| s.parties[m].role != Role::Negotiator)
            {
                for &q in s.negotiators.iter().filter(|&&q| q != p) {
                    let t = b.trust(p, q);
                    let color = if t >= s.rules.min_trust { GOOD } else { BAD };
                    ui.label(
                        RichText::new(format!(
                            "Trusts {}: {:.0} (needs {:.0})",
                            s.parties[q].name,
                            t.floor(),
                            s.rules.min_trust
                        ))
                        .small()
                        .color(color),
                    );
                }
            }
        });
        ui.add_space(4.0);
    }
}

fn group(n: i64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn issues(ui: &mut Ui, s: &Scenario, view: &View) {
    let Some(b) = &view.state else { return };
    heading(ui, "The draft and the positions");
    ui.label(
        RichText::new(format!("★ banked clause · ▲ changed this {} · ✓/✗ red line kept/broken · ≈ its priorities are your estimate until a back channel", s.turn.one))
            .small()
            .color(MUTED),
    );
    ui.add_space(4.0);
    let negs = &s.negotiators;
    // Four columns share the width; they grow with the window.
    let col = ((ui.available_width() - 48.0) / 4.0).clamp(120.0, 320.0);
    egui::Grid::new("issues_grid").striped(true).spacing([12.0, 10.0]).min_col_width(40.0).max_col_width(col).show(ui, |ui| {
        ui.label(RichText::new("Issue").family(theme::bold()));
        ui.label(RichText::new("Draft").family(theme::bold()));
        for &p in negs {
            ui.label(RichText::new(format!("{} wants", s.parties[p].name)).family(theme::bold()));
        }
        ui.end_row();
        for (i, issue) in s.issues.iter().enumerate() {
            let r = ui.label(RichText::new(&issue.name).family(theme::bold()));
            if !issue.note.is_empty() || issue.source.is_some() {
                r.on_hover_ui(|ui| {
                    if !issue.note.is_empty() {
                        ui.label(&issue.note);
                    }
                    if let Some(src) = &issue.source {
                        ui.label(RichText::new(format!("“{src}”")).italics().color(MUTED));
                    }
                });
            }
            let level = b.draft.levels[i];
            let changed = view.previous.get(i).is_some_and(|p| *p != level);
            let mut text = issue.level_name(level).to_string();
            if b.draft.banked[i] {
                text = format!("★ {text}");
            }
            if changed {
                text = format!("▲ {text}");
            }
            let color = if b.draft.banked[i] { BANKED } else if level.is_none() { MUTED } else { TEXT };
            ui.vertical(|ui| {
            let r = ui.label(RichText::new(text).color(color));
            let was = view.previous.get(i).copied().flatten();
            r.on_hover_ui(|ui| {
                if changed {
                    ui.label(format!("Last {}: {}", s.turn.one, issue.level_name(was)));
                }
                if b.draft.banked[i] {
                    ui.label("Banked: both sides have lived with it. Reopening it costs trust.");
                }
                let levels: Vec<&str> = issue.levels.iter().map(|l| l.name.as_str()).collect();
                ui.label(RichText::new(format!("Levels: {}", levels.join(" → "))).color(MUTED));
            });
                for (px, party) in s.parties.iter().enumerate() {
                    for rl in party.red_lines.iter().filter(|r| r.covers(i)) {
                        let kept = rl.keeps(&b.draft.levels);
                        let (mark, col) = if kept { ("✓", GOOD) } else { ("✗", BAD) };
                        let binds = s.binds(px);
                        let col = if binds { col } else { MUTED };
                        let joint = if rl.parts.len() > 1 { " (joint)" } else { "" };
                        ui.label(RichText::new(format!("{mark} {}'s red line{joint}", party.name)).small().color(col)).on_hover_ui(|ui| {
                            ui.label(RichText::new(rl.describe(&s.issues)).family(theme::bold()));
                            if rl.parts.len() > 1 {
                                for (what, ok) in rl.parts_kept(&s.issues, &b.draft.levels) {
                                    let (m, c) = if ok { ("✓", GOOD) } else { ("✗", BAD) };
                                    ui.label(RichText::new(format!("{m} {what}")).color(c));
                                }
                            }
                            ui.label(RichText::new(format!("“{}”", rl.text)).italics());
                            if party.signatory {
                                ui.label(RichText::new("A signatory: not at the table, but a deal needs its consent.").color(MUTED));
                            } else if !binds {
                                ui.label(RichText::new("Neither a negotiator nor a signatory: this red line does not bind a deal.").color(MUTED));
                            }
                            if let Some(src) = &rl.source {
                                ui.label(RichText::new(format!("Source: “{src}”")).color(MUTED));
                            }
                        });
                    }
                }
            });
            for &p in negs {
                let party = &s.parties[p];
                let pref = &party.prefs[i];
                let known = view.me == Some(p) || !party.hidden_preferences || view.me.is_some_and(|m| b.has_revealed(m, p));
                let ideal = party.ideal(issue, i);
                let here = pref.value(level);
                let text = if pref.weight <= 0.0 {
                    "—".to_string()
                } else if known {
                    issue.level_name(ideal).to_string()
                } else {
                    format!("≈ {}", issue.level_name(ideal))
                };
                let col = if pref.weight <= 0.0 { MUTED } else if here >= 0.75 { GOOD } else if here <= 0.25 { BAD } else { TEXT };
                ui.label(RichText::new(text).color(col)).on_hover_text(if known {
                    format!(
                        "{} gives this issue {:.0} % of its weight and values the draft's level at {:.2} of 1.",
                        party.name,
                        pref.weight * 100.0,
                        here
                    )
                } else {
                    let believed = view
                        .me
                        .map(|m| crate::rules::bargain::believed_weights(s, b, m, p)[i])
                        .unwrap_or(0.0);
                    format!(
                        "Its stance says it wants {}. How much this issue weighs to it is hidden: your estimate ≈ {:.0} % of its weight (an even guess, moved by what it has pushed and given ground on), until a move that reveals it (a back channel) shows it.",
                        issue.level_name(ideal),
                        believed * 100.0
                    )
                });
            }
            ui.end_row();
        }
    });
}

/// One move as a clickable row: its name on top, the expected effects below.
fn move_row(ui: &mut Ui, label: &str, effects: &str, effect_color: Color32) -> egui::Response {
    let (rect, resp) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), 40.0), egui::Sense::click());
    let fill = if resp.hovered() {
        Color32::from_rgb(48, 58, 76)
    } else {
        CARD
    };
    ui.painter().rect(
        rect,
        egui::CornerRadius::same(4),
        fill,
        egui::Stroke::new(1.0, BORDER),
        egui::StrokeKind::Inside,
    );
    let mut job = egui::text::LayoutJob::simple_singleline(
        label.to_string(),
        egui::FontId::proportional(13.5),
        TEXT,
    );
    job.wrap = egui::text::TextWrapping::truncate_at_width(rect.width() - 16.0);
    let galley = ui.ctx().fonts_mut(|f| f.layout_job(job));
    let p = ui.painter();
    p.galley(rect.left_top() + egui::vec2(8.0, 4.0), galley, TEXT);
    p.text(
        rect.left_bottom() + egui::vec2(8.0, -4.0),
        egui::Align2::LEFT_BOTTOM,
        effects,
        egui::FontId::proportional(11.5),
        effect_color,
    );
    resp
}

fn moves(ui: &mut Ui, s: &Scenario, view: &View, session: &mut Session, actions: &mut Actions) {
    let Some(b) = &view.state else { return };
    match view.me {
        Some(me) => {
            heading(ui, &format!("Your move, {}", s.parties[me].name));
            ui.label(
                RichText::new(format!(
                    "Political capital {:.1} of {:.0} ({:+.1} a {})",
                    (b.parties[me].capital * 10.0).floor() / 10.0,
                    s.capital.max,
                    crate::rules::income(s, b, me),
                    s.turn.one
                ))
                .family(theme::bold())
                .color(ACCENT),
            );
            if let Some(k) = session.key_filter {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(format!("Showing [{k}] moves")).color(ACCENT));
                    if ui.small_button("Show all (Esc)").clicked() {
                        session.key_filter = None;
                    }
                });
            }
            ui.label(
                RichText::new("Expected effects shown under each move. Hover a move for why.")
                    .small()
                    .color(MUTED),
            );
            ScrollArea::vertical()
                .id_salt("moves_scroll")
                .max_height(ui.available_height() * 0.58)
                .show(ui, |ui| {
                    for sc in view.moves.iter().filter(|m| {
                        session.key_filter.is_none()
                            || s.moves[m.choice.mv].key == session.key_filter
                    }) {
                        let m = &s.moves[sc.choice.mv];
                        let key = m.key.map(|k| format!("[{k}] ")).unwrap_or_default();
                        let label = format!("{key}{}", ai::choice_label(s, &sc.choice));
                        let effects = format!(
                            "capital {:+.0}   tension {:+.0}   agreement {:+.0}   your utility {:+.2}",
                            -m.cost, sc.d_tension, sc.d_agreement, sc.d_utility
                        );
                        let col = if sc.d_tension > 0.5 {
                            theme::heat(80.0)
                        } else if sc.d_agreement > 0.5 {
                            AGREEMENT
                        } else {
                            MUTED
                        };
                        let resp =
                            move_row(ui, &label, &effects, col).on_hover_ui(|ui| why(ui, s, sc));
                        if resp.clicked() {
                            actions.0.push(Action::Play(sc.choice));
                        }
                    }
                    if view.moves.is_empty() {
                        ui.label(format!("No move is open to you this {}.", s.turn.one));
                    }
                });
            if !b.parties[me].present {
                ui.label(
                    RichText::new("You have left the table: return, or the talks collapse.")
                        .color(BAD),
                );
            }
            if ui.button(format!("Pass this {}", s.turn.one)).clicked() {
                actions.0.push(Action::Pass);
            }
        }
        None => {
            heading(ui, "Observing");
            ui.label("Every party is played by the AI.");
            ui.horizontal(|ui| {
                if ui.button(format!("Next {}", s.turn.one)).clicked() {
                    actions.0.push(Action::Pass);
                }
                ui.checkbox(&mut session.auto, "Play on");
            });
        }
    }
    ui.separator();
    heading(ui, "Answers");
    ScrollArea::vertical()
        .id_salt("answers_scroll")
        .show(ui, |ui| {
            for v in &view.verdicts {
                let (txt, col) = if v.would_sign {
                    ("would sign", GOOD)
                } else {
                    ("would not sign", BAD)
                };
                ui.label(
                    RichText::new(format!("{}: {txt}", s.parties[v.party].name))
                        .color(col)
                        .family(theme::bold()),
                );
                let exact = view
                    .me
                    .is_none_or(|m| crate::rules::bargain::knows(s, b, m, v.party));
                for r in v.summary_for(s, exact) {
                    ui.label(RichText::new(format!("· {r}")).small());
                }
            }
            if !view.decisions.explained.is_empty() {
                ui.add_space(4.0);
                ui.label(
                    RichText::new(format!("Why they moved last {}", s.turn.one))
                        .family(theme::bold()),
                );
                for d in &view.decisions.explained {
                    ui.label(RichText::new(ai::explain(s, d)).small());
                }
            }
        });
}

fn why(ui: &mut Ui, s: &Scenario, sc: &ai::Scored) {
    let m = &s.moves[sc.choice.mv];
    ui.label(RichText::new(ai::choice_label(s, &sc.choice)).family(theme::bold()));
    if !m.help.is_empty() {
        ui.label(&m.help);
    }
    ui.label(format!(
        "Expected: tension {:+.1}, agreement {:+.1}, your utility {:+.3}",
        sc.d_tension, sc.d_agreement, sc.d_utility
    ));
    for (label, value) in sc.terms() {
        if value.abs() >= 0.0005 {
            ui.label(RichText::new(format!("{value:+.3}  {label}")).small());
        }
    }
    ui.label(
        RichText::new(format!("As your advisers score it: {:+.3}", sc.score))
            .small()
            .color(MUTED),
    );
    if let Some(src) = &m.source {
        ui.label(
            RichText::new(format!("“{src}”"))
                .italics()
                .small()
                .color(MUTED),
        );
    }
}

fn chart(ui: &mut Ui, view: &View) {
    heading(ui, "Tension and agreement");
    let t: PlotPoints = view.chart.iter().map(|p| [p[0], p[1]]).collect();
    let a: PlotPoints = view.chart.iter().map(|p| [p[0], p[2]]).collect();
    let weeks = view.scenario.as_ref().map_or(16.0, |s| f64::from(s.weeks));
    Plot::new("chart")
        .height(ui.available_height())
        .include_y(0.0)
        .include_y(100.0)
        .include_x(0.0)
        .include_x(weeks)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .legend(Legend::default())
        .show(ui, |plot| {
            plot.line(Line::new("Tension", t).color(TENSION).width(2.0));
            plot.line(Line::new("Agreement", a).color(AGREEMENT).width(2.0));
        });
}

fn news(ui: &mut Ui, s: &Scenario, view: &View) {
    heading(ui, "News");
    ScrollArea::vertical()
        .id_salt("news_scroll")
        .stick_to_bottom(true)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            let mut week = u32::MAX;
            for n in &view.news {
                if n.week != week {
                    week = n.week;
                    ui.label(
                        RichText::new(format!("{} {week}", s.turn.title()))
                            .small()
                            .color(ACCENT),
                    );
                }
                let (mark, col) = match n.kind {
                    NewsKind::Event => ("●", theme::TENSION),
                    NewsKind::Move => ("·", TEXT),
                    NewsKind::Draft => ("§", BANKED),
                    NewsKind::Outcome => ("■", ACCENT),
                };
                ui.label(RichText::new(format!("{mark} {}", n.text)).color(col));
            }
            if view.news.is_empty() {
                ui.label(
                    RichText::new("The delegations arrive. Nothing has happened yet.").color(MUTED),
                );
            }
        });
}

fn end(root: &mut Ui, view: &View, actions: &mut Actions) {
    let (Some(s), Some(out)) = (view.scenario.clone(), view.ending.clone()) else {
        return;
    };
    egui::CentralPanel::default().frame(egui::Frame::NONE.fill(BG).inner_margin(egui::Margin::same(24))).show(root, |ui| {
        let (title, col) = match out.kind {
            OutcomeKind::Deal => ("A deal is signed", GOOD),
            OutcomeKind::War => ("War", BAD),
            OutcomeKind::Collapse => ("The talks collapse", ACCENT),
            OutcomeKind::Stalemate => ("Stalemate", MUTED),
        };
        ui.vertical_centered(|ui| {
            ui.label(RichText::new(title).size(40.0).family(theme::bold()).color(col));
            ui.label(RichText::new(format!("{} · {} {} of {} · seed {}", s.title, s.turn.one, out.week, s.weeks, view.seed)).color(MUTED));
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let w = 150.0 + 120.0 + 170.0 + 24.0;
                ui.add_space(((ui.available_width() - w) / 2.0).max(0.0));
                let again = egui::Button::new(RichText::new("Play again").family(theme::bold()).color(BG)).fill(ACCENT);
                if ui.add_sized([150.0, 34.0], again).clicked() {
                    actions.0.push(Action::Again);
                }
                if ui.add_sized([120.0, 34.0], egui::Button::new("Menu")).clicked() {
                    actions.0.push(Action::Menu);
                }
                if ui.add_enabled(view.can_undo, egui::Button::new(format!("Undo the last {}", s.turn.one)).min_size(egui::vec2(170.0, 34.0))).clicked() {
                    actions.0.push(Action::Undo);
                }
            });
        });
        ui.add_space(12.0);
        ui.columns(2, |cols| {
            let (left, right) = cols.split_at_mut(1);
            left[0].with_layout(Layout::top_down(Align::Min), |ui| {
            card(ui, |ui| {
                heading(ui, "Why");
                for r in &out.reasons {
                    ui.label(format!("· {}", r.text(&s)));
                }
            });
            ui.add_space(8.0);
            if let (Some(me), Some(sc)) = (view.me, &view.score) {
                card(ui, |ui| {
                    heading(ui, &format!("Your score as {}", s.parties[me].name));
                    ui.label(RichText::new(format!("{:.0}", sc.total)).size(34.0).family(theme::bold()).color(ACCENT));
                    ui.label(format!("Outcome {:.0} + deal quality {:.0} + calm {:.0}", sc.outcome, sc.surplus, sc.calm));
                    ui.label(RichText::new(format!(
                        "Your utility in the final text: {:.2}. Mean tension: {:.0} (war at {:.0}).",
                        sc.deal_utility, sc.mean_tension, s.tension.war_at
                    )).color(MUTED));
                });
                ui.add_space(8.0);
                if let Some(r) = &sc.review {
                    card(ui, |ui| {
                        heading(ui, "The deal against what was possible");
                        review_grid(ui, &s, r, me);
                    });
                    ui.add_space(8.0);
                }
            }
            card(ui, |ui| {
                heading(ui, "Turning points");
                ScrollArea::vertical().id_salt("turning").show(ui, |ui| {
                    if let Some(d) = &view.debrief {
                        for t in &d.turning_points {
                            ui.label(
                                RichText::new(format!("{} {}: tension {:+.0}, agreement {:+.0}", s.turn.title(), t.week, t.d_tension, t.d_agreement))
                                    .family(theme::bold()),
                            );
                            for h in &t.happenings {
                                ui.label(RichText::new(format!("· {h}")).small());
                            }
                        }
                    }
                });
            });
            });
            right[0].with_layout(Layout::top_down(Align::Min), |ui| {
            card(ui, |ui| {
                heading(ui, "Where the facts come from");
                ScrollArea::vertical().id_salt("sources").show(ui, |ui| {
                    if let Some(d) = &view.debrief {
                        for (what, src) in &d.sources {
                            ui.label(RichText::new(what).family(theme::bold()).small());
                            ui.label(RichText::new(format!("“{src}”")).italics().small().color(MUTED));
                        }
                    }
                });
            });
            });
        });
    });
}

/// The signed text beside the Nash package and the best text for the player, with each
/// negotiator's utility and walk-away value, and the deal's quality.
fn review_grid(ui: &mut egui::Ui, s: &Scenario, r: &crate::rules::Review, me: PartyIx) {
    let negotiator = s.parties[me].role == Role::Negotiator;
    let columns = r.columns(negotiator);
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
                        let text = RichText::new(issue.level_name(levels[i])).small();
                        ui.label(if levels[i] == r.text[i] {
                            text
                        } else {
                            text.color(ACCENT)
                        });
                    }
                    ui.end_row();
                }
                for &(p, _, res) in &r.stands {
                    ui.label(
                        RichText::new(format!("{} (walks away below {res:.2})", s.parties[p].name))
                            .small(),
                    );
                    for (_, levels) in &columns {
                        ui.label(RichText::new(format!("{:.2}", s.utility(p, levels))).small());
                    }
                    ui.end_row();
                }
            });
        });
    ui.label(RichText::new(if negotiator {
        format!(
            "You kept {:.0} % of the surplus over your walk-away value you could have had; the deal reaches {:.0} % of the Nash product. Highlighted: differs from the signed text.",
            100.0 * r.quality,
            100.0 * r.balance
        )
    } else {
        format!("The deal reaches {:.0} % of the Nash product: how evenly it serves both sides.", 100.0 * r.balance)
    }).color(MUTED));
}
