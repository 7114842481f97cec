//! The negotiating table: the turn and the gauges (with the danger line) on top, the parties on
//! the left, the draft with everyone's red lines and wants in the centre (with its history), the
//! player's moves and the answers on the right, the chart and the news below. Panels take a
//! share of the window; move names wrap instead of being cut.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

use crate::ui::Screen;
use crate::ui::catalog::Catalog;
use crate::ui::theme::ThemeReady;
use bevy_egui::egui;
use egui::{Align, Layout, RichText, ScrollArea, Ui};
use egui_plot::{HLine, Line, Plot, PlotPoints};

use super::Keys;
use crate::ai;
use crate::read::{self, Consent, Fit, signed};
use crate::rules::describe::{self, group};
use crate::rules::describe::{possessive, trust_figure};
use crate::scenario::{PartyIx, Role, Scenario};
use crate::seen;
use crate::sim::NewsKind;
use crate::ui::theme::{self, *};
use crate::ui::view::{Action, Actions, Session, View};
use crate::ui::widgets::{card, card_with, gauge, heading, legend, move_row, pane};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        system.in_set(super::Draw).run_if(in_state(Screen::Table)),
    );
}

fn system(
    mut contexts: EguiContexts,
    ready: Res<ThemeReady>,
    mut catalog: Option<ResMut<Catalog>>,
    view: Res<View>,
    mut session: ResMut<Session>,
    mut actions: ResMut<Actions>,
) -> Result {
    let Some((ctx, mut root)) = super::root(&mut contexts, &ready, catalog.as_deref_mut())? else {
        return Ok(());
    };
    draw(&ctx, &mut root, &view, &mut session, &mut actions);
    Ok(())
}

fn draw(
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
    // The changes as the gauges show them, cut to a tenth each.
    let shown = describe::shown_change;
    let (dt, da) = prev.map_or((0.0, 0.0), |p| {
        (shown(p[1], b.tension), shown(p[2], b.agreement))
    });
    let area = root.available_rect_before_wrap();
    let (w, h) = (area.width(), area.height());
    egui::Panel::top("top")
        .frame(
            egui::Frame::NONE
                .fill(PANEL)
                .inner_margin(egui::Margin::symmetric(14, 8)),
        )
        .show(root, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(&s.title).size(18.0).family(theme::bold()));
                // The turn being chosen: the first screen reads "Turn 1"; the last says so.
                let turn = if view.ending.is_none() {
                    (b.week + 1).min(s.weeks)
                } else {
                    b.week
                };
                ui.label(
                    RichText::new(format!("{} {turn} of {}", s.turn.title(), s.weeks))
                    .color(ACCENT)
                    .family(theme::bold()),
                );
                ui.separator();
                let causes = b.causes.clone();
                let danger = [
                    (s.tension.escalation_threshold, "danger"),
                    (s.tension.war_at, "war"),
                ];
                let marks: Vec<(f64, &str)> =
                    danger.iter().copied().filter(|m| m.0 < 100.0).collect();
                let gw = (w * 0.085).clamp(100.0, 240.0);
                gauge(ui, "Tension", (b.tension, &describe::tension_gauge(&s, b.tension)), dt, theme::heat(b.tension), &marks, gw).on_hover_ui(
                    |ui| {
                        ui.label(
                            RichText::new(if b.week == 0 {
                                "What moved tension".to_string()
                            } else {
                                format!(
                                    "What moved tension in {} {} (the last played)",
                                    s.turn.one, b.week
                                )
                            })
                            .family(theme::bold()),
                        );
                        if causes.is_empty() {
                            ui.label("Nothing yet: the talks are about to open.");
                        }
                        for (c, d) in causes.iter().zip(read::cause_tenths(&causes, dt)) {
                            ui.label(format!("{d:+.1}  {}", c.source.cause_label(&s)));
                        }
                        let chance = crate::rules::escalation_chance(&s, b.tension);
                        ui.label(
                            RichText::new(format!(
                                "War at {:.0}. Above the danger line ({:.0}) each {} risks an incident, rolled at its end at the tension its events and moves leave: at this tension {}.",
                                s.tension.war_at,
                                s.tension.escalation_threshold,
                                s.turn.one,
                                describe::chance(chance)
                            ))
                            .color(MUTED),
                        );
                    },
                );
                gauge(ui, "Agreement", (b.agreement, &describe::gauge(b.agreement)), da, AGREEMENT, &[], gw).on_hover_ui(|ui| {
                    ui.label(
                        RichText::new("How close the negotiators are to a text all can sign")
                            .family(theme::bold()),
                    );
                    for v in &view.verdicts {
                        let sign = if v.would_sign { "✓ would sign" } else { "✗ would not sign" };
                        // Another party's worth and walk-away are its own until revealed.
                        if read::knows(&s, &b, view.me, v.party) {
                            ui.label(format!(
                                "{}: worth {:.2} (walks away below {:.2}); {sign}",
                                s.parties[v.party].name, v.stand.utility, v.stand.reservation
                            ));
                        } else {
                            ui.label(format!("{}: {sign}", s.parties[v.party].name));
                        }
                    }
                });
                ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                    top_buttons(ui, &s, view, session, actions);
                });
            });
            // The danger of war this turn, on a line of its own so that no width cuts it: a
            // risk now in red; below the line where it begins, and the event or another party's
            // move that could carry tension over it, also in red (the terminal's header says the
            // same).
            if let Some(d) = &view.danger {
                let alarm = d.chance > 0.0 || d.shock.is_some() || d.push.is_some();
                let text = format!("Danger: {}.", d.text(&s));
                ui.label(
                    RichText::new(if d.chance > 0.0 { format!("⚠ {text}") } else { text })
                        .color(if alarm { BAD } else { MUTED })
                        .small(),
                )
                .on_hover_text(format!(
                    "Above the danger line ({:.0}) each {} risks an incident that ends in war, rolled at its end at the tension its events and moves leave. Events come before the moves.",
                    d.line, s.turn.one
                ));
            }
            // The last turn says so, on a line of its own (in the bar it pushed the agreement
            // gauge's figure under the buttons).
            if view.ending.is_none() && b.week + 1 >= s.weeks {
                ui.label(
                    RichText::new(format!(
                        "The last {}: no deal by its end is a stalemate.",
                        s.turn.one
                    ))
                    .color(ACCENT)
                    .small(),
                );
            }
            if let Some(note) = view
                .ending
                .is_none()
                .then(|| read::full_agreement_note(&s, &b, &view.verdicts))
                .flatten()
            {
                ui.label(RichText::new(note).color(GOOD).small());
            }
            if let Some(note) = view
                .ending
                .is_none()
                .then(|| read::high_agreement_note(&s, &b, &view.verdicts))
                .flatten()
            {
                ui.label(RichText::new(format!("{note}.")).color(MUTED).small());
            }
            if let Some((text, err)) = &session.status {
                ui.label(
                    RichText::new(if *err { format!("⚠ {text}") } else { text.clone() })
                        .color(if *err { BAD } else { MUTED })
                        .small(),
                );
            }
        });
    egui::Panel::left("parties")
        .exact_size((w * 0.19).clamp(220.0, 380.0))
        .frame(pane(PANEL, 10))
        .show(root, |ui| {
            ScrollArea::vertical()
                .id_salt("parties_scroll")
                .show(ui, |ui| parties(ui, &s, view));
        });
    egui::Panel::right("moves")
        .exact_size((w * 0.28).clamp(330.0, 560.0))
        .frame(pane(PANEL, 10))
        .show(root, |ui| {
            moves(ui, &s, view, session, actions);
        });
    // The chart, the news and the answers: a play-tester found them cramped and scrolled through
    // four screens of answers, so the strip can be dragged taller (its top edge), up to 60 % of
    // the window.
    egui::Panel::bottom("bottom")
        .default_size((h * 0.27).clamp(170.0, 380.0))
        .size_range(150.0..=(h * 0.6).max(200.0))
        .resizable(true)
        .frame(pane(PANEL, 10))
        .show(root, |ui| {
            // The chart needs less width than the words beside it; the answers, whose reasons
            // run longest, get the most.
            let gap = ui.spacing().item_spacing.x;
            let width = ui.available_width() - 2.0 * gap;
            let height = ui.available_height();
            let column = |ui: &mut Ui, share: f32, add: &dyn Fn(&mut Ui)| {
                ui.allocate_ui_with_layout(
                    egui::vec2(width * share, height),
                    Layout::top_down(Align::Min),
                    |ui| {
                        ui.set_width(width * share);
                        add(ui);
                    },
                );
            };
            ui.horizontal_top(|ui| {
                column(ui, 0.26, &|ui| chart(ui, view));
                column(ui, 0.34, &|ui| news(ui, &s, view));
                column(ui, 0.40, &|ui| answers(ui, &s, view));
            });
        });
    egui::CentralPanel::default()
        .frame(pane(BG, 12))
        .show(root, |ui| {
            ScrollArea::vertical()
                .id_salt("issues_scroll")
                .show(ui, |ui| {
                    issues(ui, &s, view);
                    ui.add_space(8.0);
                    history(ui, &s, view, session);
                    ui.add_space(8.0);
                    egui::CollapsingHeader::new(
                        RichText::new("Legend: every mark and colour").color(ACCENT),
                    )
                    .id_salt("legend")
                    .show(ui, |ui| legend_card(ui, &s, view.me));
                });
        });
}

/// The top bar's buttons, right to left: a hosted seat's Leave, or the menu, load, save and
/// undo; then the brief.
fn top_buttons(ui: &mut Ui, s: &Scenario, view: &View, session: &Session, actions: &mut Actions) {
    match &session.online {
        Some(online) => {
            // Leaving asks twice: the first press arms it.
            let id = egui::Id::new("leave_armed");
            let armed = ui.data(|d| d.get_temp::<bool>(id)).unwrap_or(false);
            if armed {
                if ui.button("Stay").clicked() {
                    ui.data_mut(|d| d.insert_temp(id, false));
                }
                if ui
                    .button(RichText::new("Leave the seat?").color(BAD))
                    .on_hover_text("Its AI plays it until you rejoin with the command below")
                    .clicked()
                {
                    actions.0.push(Action::Leave);
                }
            } else if ui
                .button("Leave")
                .on_hover_text(format!(
                    "Leave your seat: its AI plays it until you rejoin ({})",
                    online.rejoin().unwrap_or_default()
                ))
                .clicked()
            {
                ui.data_mut(|d| d.insert_temp(id, true));
            }
        }
        None => {
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
        }
    }
    if view.briefing.is_some()
        && ui
            .button("Brief")
            .on_hover_text("Ctrl+B: your brief again")
            .clicked()
    {
        actions.0.push(Action::Brief);
    }
    if let Some(online) = &session.online {
        ui.label(
            RichText::new(format!("Online · {}", online.host))
                .small()
                .color(MUTED),
        );
    }
}

/// The move a click picked, while it stands: picked this turn, in this seat, open, and shown
/// (a key's filter may hide it).
fn picked(s: &Scenario, view: &View, session: &Session) -> Option<crate::rules::Choice> {
    let (week, me, c) = session.picked?;
    let now = (view.state.as_ref()).is_some_and(|b| b.week == week) && view.me == Some(me);
    let shown = (session.key_filter).is_none_or(|k| s.moves[c.mv].key == Some(k));
    (now && shown && view.moves.iter().any(|m| m.choice == c)).then_some(c)
}

fn keyboard(ctx: &egui::Context, view: &View, session: &mut Session, actions: &mut Actions) {
    let Some(s) = &view.scenario else { return };
    let keys = Keys::read(ctx);
    let (undo, save, load, pass, brief) = ctx.input(|i| {
        let cmd = i.modifiers.command;
        (
            cmd && i.key_pressed(egui::Key::Z),
            cmd && i.key_pressed(egui::Key::S),
            cmd && i.key_pressed(egui::Key::L),
            cmd && i.key_pressed(egui::Key::N),
            cmd && i.key_pressed(egui::Key::B),
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
    if pass {
        actions.0.push(Action::Pass);
    }
    if brief {
        actions.0.push(Action::Brief);
    }
    if keys.escape {
        session.key_filter = None;
        session.history_pick = None;
        session.picked = None;
    }
    // Enter plays the move a click picked, unless a widget has the keyboard (a card the
    // keyboard reached plays itself).
    if keys.enter
        && ctx.memory(|m| m.focused().is_none())
        && let Some(c) = picked(s, view, session)
    {
        actions.0.push(Action::Play(c));
        session.picked = None;
    }
    if Keys::typing(ctx) {
        return;
    }
    for k in keys.typed {
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
    // Where the fading alone takes a trust between the negotiators by the turn's end (a tester
    // could not plan the trust a deal needs, falling 7 a week, from the figure alone; it was in
    // the tooltip): the quiet turn predicted once for every line, for a negotiator's screen.
    let negotiating = view
        .me
        .is_some_and(|m| s.parties[m].role == Role::Negotiator);
    let quiet = (negotiating && view.ending.is_none())
        .then(|| read::quiet_week(s, b))
        .flatten();
    let after_quiet = |from: usize, to: usize| {
        let q = quiet.as_ref()?;
        read::quiet_words(s, (from, to), b.trust(from, to), q.trust(from, to))
    };
    for (p, party) in s.parties.iter().enumerate() {
        card(ui, |ui| {
            let you = if view.me == Some(p) { " (you)" } else { "" };
            ui.label(
                RichText::new(format!("{}{you}", party.name))
                    .family(theme::bold())
                    .size(15.0),
            )
            .on_hover_text(&party.stance);
            ui.label(
                RichText::new(read::role_line(party.role))
                    .small()
                    .color(ACCENT),
            );
            if let Some(away) = read::away(s, b, p) {
                ui.label(RichText::new(format!("✗ {away}")).color(BAD));
            }
            match Consent::with(s, b, p, &view.verdicts) {
                c @ Consent::Signatory(yes) => {
                    let (mark, col) = if yes { ("✓", GOOD) } else { ("✗", BAD) };
                    if let Some(t) = c.text() {
                        ui.label(RichText::new(format!("{mark} {t}")).color(col));
                    }
                }
                Consent::Accepted => {
                    ui.label(RichText::new("✓ accepts the current text").color(GOOD));
                }
                Consent::None => {}
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
                ui.label(
                    RichText::new(format!("Support at home {:.0}", view.support[p]))
                        .small()
                        .color(MUTED),
                );
                ui.add(
                    egui::ProgressBar::new((view.support[p] / 100.0) as f32)
                        .desired_width(90.0)
                        .desired_height(12.0)
                        .fill(BANKED),
                )
                // Worded only while hovered (as `on_hover_text` lays it out), not every frame.
                .on_hover_ui(|ui| {
                    ui.set_max_width(ui.spacing().tooltip_width);
                    ui.label(format!(
                        "Hardliners {:.0}, moderates {:.0}. {}",
                        b.parties[p].hardliners.floor(),
                        b.parties[p].moderates.floor(),
                        crate::read::hardliners_note(s, b, p, view.me)
                    ));
                });
            });
            // Where the hardliners are heading while past weeks' pushes work through; where a
            // condition reads them, the figure alone otherwise.
            let heading = crate::read::hardliners_heading(b, p);
            if heading.is_none() && crate::read::hardliners_read(s, p) {
                // To tenths, as the conditions read it ("above 58": 58.4 is above).
                let figure = crate::rules::describe::points(b.parties[p].hardliners);
                ui.label(
                    RichText::new(format!("Hardliners {figure}"))
                        .small()
                        .color(MUTED),
                )
                .on_hover_ui(|ui| {
                    ui.set_max_width(ui.spacing().tooltip_width);
                    ui.label(crate::read::hardliners_note(s, b, p, view.me));
                });
            }
            if let Some(t) = heading {
                ui.label(
                    RichText::new(format!(
                        "Hardliners {:.0}, heading for {t:.0}",
                        b.parties[p].hardliners.floor()
                    ))
                    .small()
                    .color(MUTED),
                )
                .on_hover_ui(|ui| {
                    ui.set_max_width(ui.spacing().tooltip_width);
                    ui.label(format!(
                        "{}\n\n{}",
                        crate::read::hardliners_note(s, b, p, view.me),
                        crate::read::heading_note(s, p)
                    ));
                });
            }
            let min = s.rules.min_trust;
            let trust_line = |ui: &mut Ui, t: f64, text: String| {
                let (mark, col) = if t >= min {
                    ("✓", GOOD)
                } else {
                    ("✗", BAD)
                };
                ui.label(RichText::new(format!("{mark} {text}")).color(col))
            };
            if let Some(me) = view.me
                && me != p
            {
                let t = b.trust(p, me);
                // Only a negotiator's trust in another negotiator decides whether it signs: the
                // others' is shown plain (the mediator's ✓/✗ read as a test no deal makes).
                // Tenths near the signing threshold where it applies, else near a level a
                // condition reads.
                let signs =
                    party.role == Role::Negotiator && s.parties[me].role == Role::Negotiator;
                let line = if signs {
                    let quiet = after_quiet(p, me).map(|n| format!(" ({n})"));
                    format!(
                        "Trust in you: {}{}",
                        trust_figure(t, min),
                        quiet.unwrap_or_default()
                    )
                } else {
                    format!(
                        "Trust in you: {}",
                        crate::rules::describe::trust_plain(s, t)
                    )
                };
                let r = if signs {
                    trust_line(ui, t, line)
                } else {
                    ui.label(RichText::new(line).color(MUTED))
                };
                r.on_hover_ui(|ui| trust_ledger(ui, s, b, p, me, view.ending.is_none()));
            }
            // A negotiator sees its own trust in the others: signing needs it too.
            if let Some(me) = view.me
                && me != p
                && party.role == Role::Negotiator
                && s.parties[me].role == Role::Negotiator
            {
                let t = b.trust(me, p);
                trust_line(
                    ui,
                    t,
                    format!(
                        "Your trust in them: {} (you need {min:.0} to sign{})",
                        trust_figure(t, min),
                        after_quiet(me, p)
                            .map(|n| format!("; {n}"))
                            .unwrap_or_default()
                    ),
                )
                .on_hover_ui(|ui| trust_ledger(ui, s, b, me, p, view.ending.is_none()));
                // Short of what signing needs: what raises it, as the terminal says.
                if t < min {
                    let choices: Vec<_> = view.moves.iter().map(|m| m.choice).collect();
                    let ai = view.ai_played.contains(&p);
                    let note = read::own_trust_note(s, b, me, p, &choices, &view.previews, ai);
                    // The slower ways on hover: with them the note ran to fifteen lines of a
                    // narrow column at 1280×720.
                    match note.split_once(read::THROUGH_OTHERS) {
                        Some((now, others)) => {
                            ui.label(RichText::new(now).small().color(MUTED));
                            let head = read::THROUGH_OTHERS.trim();
                            let label = format!("{} (hover) …", head.trim_end_matches(':'));
                            ui.label(RichText::new(label).small().color(MUTED))
                                .on_hover_text(format!("{head} {others}"));
                        }
                        None => {
                            ui.label(RichText::new(note).small().color(MUTED));
                        }
                    }
                }
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
                    trust_line(
                        ui,
                        t,
                        format!(
                            "Trusts {}: {} (needs {min:.0})",
                            s.parties[q].name,
                            trust_figure(t, min)
                        ),
                    )
                    .on_hover_ui(|ui| trust_ledger(ui, s, b, p, q, view.ending.is_none()));
                }
            }
        });
        ui.add_space(4.0);
    }
}

/// The tooltip of a trust figure: `from`'s trust in `to`, its lasting base and each fading item,
/// and while the game goes on (`open`) where the fading alone takes it by the turn's end.
fn trust_ledger(
    ui: &mut Ui,
    s: &Scenario,
    b: &crate::rules::Negotiation,
    from: usize,
    to: usize,
    open: bool,
) {
    let name = |p: usize| s.parties[p].name.as_str();
    ui.label(
        RichText::new(format!("{} trust in {}", possessive(name(from)), name(to)))
            .family(theme::bold()),
    );
    ui.label(format!("{:+.0}  lasting base", b.trust.base(from, to)));
    for m in crate::rules::describe::trust_ledger(s, b, from, to) {
        let fade = m.fading(s).map(|f| format!(", {f}")).unwrap_or_default();
        ui.label(format!("{}  {}{fade}", m.shown(), m.label));
    }
    // The items' total to a tenth: the figure beside the tooltip is cut to whole points (a
    // tester added a ledger up to 18.5 under a figure of 18).
    let now = b.trust(from, to);
    ui.label(format!(
        "= {}",
        describe::points((now * 10.0).floor() / 10.0)
    ));
    // Always, while the game goes on: a line that came and went read as a fault to a tester.
    if let Some(later) = open.then(|| read::quiet_trust(s, b, from, to)).flatten() {
        let note = read::quiet_words(s, (from, to), now, later).unwrap_or_else(|| {
            let figure = describe::trust_shown(s, from, to, later);
            format!("{figure} after a quiet {}, as now", s.turn.one)
        });
        ui.label(format!("→ {note} (the fading alone)"));
    }
    // What signing needs of it: only the negotiators' trust in each other counts (a mediator's
    // tester read "Signing needs 42." under Iran's trust in Oman).
    let between = [from, to]
        .iter()
        .all(|&p| s.parties[p].role == Role::Negotiator);
    let foot = match between {
        true => format!("Signing needs {:.0}.", s.rules.min_trust),
        false => "No deal needs this trust: signing needs only the negotiators' trust in each \
                  other."
            .to_string(),
    };
    ui.label(RichText::new(foot).color(MUTED));
}

fn issues(ui: &mut Ui, s: &Scenario, view: &View) {
    let Some(b) = &view.state else { return };
    heading(ui, "The draft and the positions");
    ui.label(
        RichText::new(format!("★ banked · ☆ banks this {} unless changed · ⇄ contested · ▲ changed · ✓/✗ red line kept/broken · ●◐○ how near the draft is to what a party wants · ≈ your estimate (the legend below says more)", s.turn.one))
            .small()
            .color(MUTED),
    );
    ui.add_space(4.0);
    let negs = &s.negotiators;
    // The columns share the width; they grow with the window.
    let cols = 2 + negs.len();
    let col = ((ui.available_width() - 12.0 * cols as f32) / cols as f32).clamp(110.0, 360.0);
    egui::Grid::new("issues_grid").striped(true).spacing([12.0, 10.0]).min_col_width(40.0).max_col_width(col).show(ui, |ui| {
        ui.label(RichText::new("Issue").family(theme::bold()));
        ui.label(RichText::new("Draft").family(theme::bold()));
        for &p in negs {
            ui.label(RichText::new(format!("{} wants", s.parties[p].name)).family(theme::bold()));
        }
        ui.end_row();
        let banking = if view.ending.is_none() { read::banking(s, b) } else { Vec::new() };
        for (i, issue) in s.issues.iter().enumerate() {
            let r = ui.label(RichText::new(&issue.name).family(theme::bold()));
            // Its note and source, and its wordings in order, the draft's in brackets (what a
            // red line "from ‘A’ to ‘B’" runs over; the terminal's `draft`).
            r.on_hover_ui(|ui| {
                if !issue.note.is_empty() {
                    ui.label(&issue.note);
                }
                if let Some(src) = &issue.source {
                    ui.label(RichText::new(format!("“{src}”")).italics().color(MUTED));
                }
                let ladder = read::ladder(s, i, b.draft.levels[i]);
                ui.label(RichText::new(format!("Its wordings{ladder}")).small());
            });
            let level = b.draft.levels[i];
            let changed = view.previous.get(i).is_some_and(|p| *p != level);
            let mut text = issue.level_name(level).to_string();
            let contested = b.draft.is_contested(i);
            if contested {
                text = format!("⇄ {text}");
            }
            if b.draft.banked[i] {
                text = format!("★ {text}");
            }
            let banks = banking.contains(&i);
            if banks {
                text = format!("☆ {text}");
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
                        ui.label(
                            "★ Banked: both sides have lived with it. Reopening it costs trust with \
                             each negotiator the change hurts.",
                        );
                    }
                    if banks {
                        ui.label(format!(
                            "☆ Banks at the end of this {} unless changed. {}",
                            s.turn.one,
                            read::reopen_note(s)
                        ));
                    }
                    if let Some(note) = read::contested_note(s, &b.draft, i) {
                        ui.label(format!("⇄ {note}"));
                    }
                    let levels: Vec<&str> = issue.levels.iter().map(|l| l.name.as_str()).collect();
                    ui.label(RichText::new(format!("Levels: {}", levels.join(" → "))).color(MUTED));
                });
                // The marks side by side, wrapping, each named by its party alone (the legend
                // says ✓/✗ is a red line kept or broken): at 1280×720 a mark a line showed five
                // of the eight clauses.
                ui.horizontal_wrapped(|ui| {
                    for m in read::line_marks(s, &b.draft.levels, i) {
                        let party = &s.parties[m.party];
                        let rl = &party.red_lines[m.line];
                        let col = match (m.binds, m.kept) {
                            (false, _) => MUTED,
                            (true, true) => GOOD,
                            (true, false) => BAD,
                        };
                        let joint = if m.joint { " (joint)" } else { "" };
                        ui.label(RichText::new(format!("{} {}{joint}", m.symbol(), party.name)).small().color(col)).on_hover_ui(|ui| {
                            ui.label(RichText::new(format!("{} red line", possessive(&party.name))).color(MUTED));
                            ui.label(RichText::new(rl.describe(&s.issues)).family(theme::bold()));
                            if m.joint {
                                for (what, ok) in rl.parts_kept(&s.issues, &b.draft.levels) {
                                    let (mk, c) = if ok { ("✓", GOOD) } else { ("✗", BAD) };
                                    ui.label(RichText::new(format!("{mk} {what}")).color(c));
                                }
                            }
                            ui.label(RichText::new(format!("“{}”", rl.text)).italics());
                            if party.signatory {
                                ui.label(RichText::new("A signatory: not at the table, but a deal needs its consent.").color(MUTED));
                            } else if !m.binds {
                                ui.label(RichText::new("Neither a negotiator nor a signatory: this red line does not bind a deal.").color(MUTED));
                            }
                            if let Some(src) = &rl.source {
                                ui.label(RichText::new(format!("Source: “{src}”")).color(MUTED));
                            }
                        });
                    }
                });
            });
            for w in read::wants(s, b, view.me, i) {
                let party = &s.parties[w.party];
                let text = if w.fit == Fit::Indifferent {
                    "—".to_string()
                } else if w.known {
                    format!("{} {}", w.fit.symbol(), issue.level_name(w.ideal))
                } else {
                    format!("{} ≈ {}", w.fit.symbol(), issue.level_name(w.ideal))
                };
                let col = match w.fit {
                    Fit::Indifferent => MUTED,
                    Fit::Close => GOOD,
                    Fit::Far => BAD,
                    Fit::Between => TEXT,
                };
                ui.label(RichText::new(text).color(col)).on_hover_text(if w.known {
                    format!(
                        "{} gives this issue {:.0} % of its weight and values the draft's clause at {:.2} of 1: {}.",
                        party.name,
                        w.weight * 100.0,
                        w.here,
                        w.fit.meaning()
                    )
                } else {
                    format!(
                        "Its stance says it wants {}. How much this issue weighs to it is hidden: your estimate ≈ {:.0} % of its weight (an even guess, moved by what it has pushed and given ground on){}. The draft's clause is worth {:.2} of 1 to it: {}.",
                        issue.level_name(w.ideal),
                        w.weight * 100.0,
                        view.me
                            .and_then(|me| read::revealing_move(s, me))
                            .map_or(String::new(), |m| format!(", until “{m}” reveals it")),
                        w.here,
                        w.fit.meaning()
                    )
                });
            }
            ui.end_row();
        }
    });
    // What banks at this turn's end unless changed: reopening it afterwards costs trust.
    if let Some(note) = read::banking_note(s, b).filter(|_| view.ending.is_none()) {
        ui.label(RichText::new(format!("☆ {note}")).small().color(MUTED));
    }
}

/// The draft's history: a button per turn; the text as it stood then, what changed that turn
/// and who changed it.
fn history(ui: &mut Ui, s: &Scenario, view: &View, session: &mut Session) {
    if view.drafts.len() < 2 {
        return;
    }
    card(ui, |ui| {
        heading(ui, "How the text got here");
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!("The text after {}:", s.turn.one))
                    .small()
                    .color(MUTED),
            );
            for (k, (week, _)) in view.drafts.iter().enumerate() {
                let label = if *week == 0 {
                    "start".to_string()
                } else {
                    week.to_string()
                };
                if ui
                    .selectable_label(session.history_pick == Some(k), label)
                    .clicked()
                {
                    session.history_pick = if session.history_pick == Some(k) {
                        None
                    } else {
                        Some(k)
                    };
                }
            }
        });
        let Some(k) = session.history_pick.filter(|&k| k < view.drafts.len()) else {
            ui.label(
                RichText::new(format!(
                    "Pick a {} to see the text as it stood then.",
                    s.turn.one
                ))
                .small()
                .color(MUTED),
            );
            return;
        };
        let (week, levels) = &view.drafts[k];
        let before = k.checked_sub(1).map(|j| &view.drafts[j].1);
        egui::Grid::new("history_grid")
            .striped(true)
            .show(ui, |ui| {
                for (i, issue) in s.issues.iter().enumerate() {
                    let changed = before.is_some_and(|b| b[i] != levels[i]);
                    ui.label(RichText::new(&issue.name).small());
                    let text = issue.level_name(levels[i]);
                    ui.label(if changed {
                        RichText::new(format!("▲ {text}")).small().color(ACCENT)
                    } else {
                        RichText::new(text).small()
                    });
                    ui.end_row();
                }
            });
        let who: Vec<&str> = view
            .news
            .iter()
            .filter(|n| n.week == *week && n.kind == NewsKind::Draft)
            .map(|n| n.text.as_str())
            .collect();
        if who.is_empty() {
            ui.label(
                RichText::new(format!(
                    "Nothing in the text changed in {} {week}.",
                    s.turn.one
                ))
                .small()
                .color(MUTED),
            );
        }
        for w in who {
            ui.label(RichText::new(format!("§ {w}")).small());
        }
    });
}

fn legend_card(ui: &mut Ui, s: &Scenario, me: Option<PartyIx>) {
    let mut items = vec![
        (
            "★",
            BANKED,
            "a banked clause: both sides have lived with it for a while; reopening it costs trust with each negotiator the change hurts"
                .to_string(),
        ),
        (
            "☆",
            TEXT,
            format!("a clause that banks at the end of this {} unless an act changes it", s.turn.one),
        ),
        (
            "⇄",
            TEXT,
            "a contested clause: its latest change undid another party's; for a few weeks, unless another change moves it first, no AI negotiator amends it in its own favour"
                .to_string(),
        ),
        ("▲", TEXT, format!("changed this {}", s.turn.one)),
        (
            "✓",
            GOOD,
            "a red line the text keeps (green), or trust enough to sign".into(),
        ),
        (
            "✗",
            BAD,
            "a red line the text breaks (red), or trust too low to sign".into(),
        ),
    ];
    for f in [Fit::Close, Fit::Between, Fit::Far, Fit::Indifferent] {
        let col = match f {
            Fit::Close => GOOD,
            Fit::Far => BAD,
            Fit::Between => TEXT,
            Fit::Indifferent => MUTED,
        };
        items.push((f.symbol(), col, f.meaning().to_string()));
    }
    items.extend([
        ("≈", TEXT, format!(
            "your estimate: the party hides what it cares about{}",
            me.and_then(|me| read::revealing_move(s, me))
                .map_or(String::new(), |m| format!("; “{m}” reveals it"))
        )),
        ("grey", MUTED, "a red line of a party whose consent a deal does not need".to_string()),
        ("◆", BAD, "news: an event".to_string()),
        ("§", BANKED, "news: a change to the text, and who made it".to_string()),
        ("■", ACCENT, "news: the outcome".to_string()),
        ("chart", TEXT, format!("tension (red) and agreement (green), each named at its end; the dashed line is the danger line at {:.0}", s.tension.escalation_threshold)),
        // The move cards' figures are coloured by what the move does this turn (a play-tester
        // saw the same card grey one week and red the next).
        ("move", BAD, "a move that raises tension without bringing the sides closer (its figures in red)".to_string()),
        ("move", AGREEMENT, "a move that calms things or brings the sides closer without raising tension (in green); plain: both or neither".to_string()),
    ]);
    legend(ui, &items);
}

fn moves(ui: &mut Ui, s: &Scenario, view: &View, session: &mut Session, actions: &mut Actions) {
    let Some(b) = &view.state else { return };
    match view.me {
        Some(me) => {
            heading(ui, &format!("Your move, {}", s.parties[me].name));
            let utility = read::utility_counts(s, me);
            if let Some(online) = &session.online {
                if let Some(why) = &online.closed {
                    card_with(ui, PANEL, BAD, |ui| {
                        ui.label(RichText::new(format!("✗ {why}")).color(BAD));
                    });
                    ui.disable();
                } else if online.held {
                    card_with(ui, PANEL, ACCENT, |ui| {
                        ui.set_width(ui.available_width());
                        ui.label(
                            RichText::new(
                                "The AI plays your seat for now (the facilitator's call); you \
                                 watch.",
                            )
                            .family(theme::bold())
                            .color(ACCENT),
                        );
                    });
                    ui.disable();
                } else if !online.choosing {
                    card_with(ui, PANEL, ACCENT, |ui| {
                        ui.set_width(ui.available_width());
                        let waiting = if online.waiting.is_empty() {
                            "the host".to_string()
                        } else {
                            online.waiting.join(", ")
                        };
                        let chosen = online
                            .chosen
                            .as_ref()
                            .map_or(String::new(), |c| format!(": {c}"));
                        ui.label(
                            RichText::new(format!(
                                "You have chosen{chosen}. The moves are played when every \
                                 player has; waiting for {waiting}."
                            ))
                            .family(theme::bold())
                            .color(ACCENT),
                        );
                    });
                    ui.disable();
                }
                if let Some(n) = online
                    .notices
                    .get(online.fresh..)
                    .and_then(<[String]>::last)
                {
                    ui.label(RichText::new(n).small().color(MUTED));
                }
                if let Some(r) = online.rejoin() {
                    ui.label(
                        RichText::new(format!("If you drop, take the seat back with: {r}"))
                            .small()
                            .color(MUTED),
                    );
                }
            }
            if session.seats.len() > 1 {
                ui.label(
                    RichText::new(format!(
                        "Hot seat: player {} of {}; the moves are played when the last has chosen.",
                        session.seat + 1,
                        session.seats.len()
                    ))
                    .small()
                    .color(MUTED),
                );
            }
            // What comes before the moves (capital, hints, the signing card, the notes) scrolls
            // within half the panel, so that the moves keep the rest at any size (at 1280×720 a
            // signing card pushed every move, and the pass button, out of sight).
            let head = (ui.available_height() * 0.5).max(100.0);
            ScrollArea::vertical()
                .id_salt("moves_head")
                .max_height(head)
                .show(ui, |ui| moves_head(ui, s, view, b, me, session, actions));
            // The list takes the panel's height, less the pass button beneath it. Where that
            // leaves room for fewer than about six whole cards, each card's name and its effects
            // take at most two lines each, cut, and its hover gives the rest (at 1280×720 a
            // tester saw three or four moves at once beside a mediator's notes or a signing
            // card).
            let list = ui.available_height() - 40.0;
            let compact = list < 440.0;
            ScrollArea::vertical()
                .id_salt("moves_scroll")
                .max_height(list)
                .show(ui, |ui| {
                    for (n, sc) in view.moves.iter().enumerate().filter(|(_, m)| {
                        session.key_filter.is_none()
                            || s.moves[m.choice.mv].key == session.key_filter
                    }) {
                        let m = &s.moves[sc.choice.mv];
                        let key = m.key.map(|k| format!("[{k}] ")).unwrap_or_default();
                        // Where a move on one clause takes it, in its title (a tester could not
                        // tell which wording a proposal or a bridge was for without hovering).
                        let step = (view.previews.get(n))
                            .and_then(|p| read::clause_step(s, &sc.choice, p))
                            .unwrap_or_default();
                        // Accepted already: the move accepts again (as the card's button).
                        let again =
                            if s.derived.moves[sc.choice.mv].accepts && b.parties[me].accepted {
                                " again"
                            } else {
                                ""
                            };
                        let label =
                            format!("{key}{}{again}{step}", ai::choice_label(s, &sc.choice));
                        let price = if s.uses_capital() {
                            format!("capital {} · ", signed(-m.cost, 0))
                        } else {
                            String::new()
                        };
                        // A move that makes the deal says so before its figures, which are
                        // the drift and fading it spares (a tester read "tension +1" under
                        // Accept as tension it raises).
                        let deal = (view.previews.get(n))
                            .filter(|p| p.deal)
                            .and_then(|p| read::trust_effect(s, me, p))
                            .map(|d| format!("{d}: "))
                            .unwrap_or_default();
                        let mut effects = format!(
                            "{price}{deal}tension {} · agreement {}",
                            read::card_figure(sc.d_tension),
                            read::card_figure(sc.d_agreement),
                        );
                        // A mediator signs nothing: its utility of the text counts for nothing.
                        if utility {
                            effects += &format!(" · your utility {}", signed(sc.d_utility, 3));
                        }
                        // Whose answer to "would you sign?" it turns, first, as the terminal's
                        // move lines give it.
                        if let Some(a) = view.previews.get(n).and_then(|p| read::answers_mark(s, p))
                        {
                            effects += &format!(" · {a}");
                        }
                        // The red lines it breaks or now keeps, as the terminal's move lines give them.
                        if let Some(r) =
                            view.previews.get(n).and_then(|p| read::red_line_mark(s, p))
                        {
                            effects += &format!(" · {r}");
                        }
                        // The events it lets come next turn, or keeps from coming: a risk it
                        // takes among the first marks, where a compact card keeps it.
                        let [risks, events] = (view.previews.get(n))
                            .map_or([None, None], |p| read::events_marks(s, p));
                        if let Some(r) = risks {
                            effects += &format!(" · {r}");
                        }
                        // It costs trust beyond its price: say so before the hover does.
                        // Only a reopening that costs trust (a concession costs none).
                        if view
                            .previews
                            .get(n)
                            .is_some_and(|p| p.reopens.iter().any(|r| r.1 != 0))
                        {
                            effects += " · reopens a banked ★ clause";
                        }
                        if view.previews.get(n).is_some_and(|p| !p.contests.is_empty()) {
                            effects += " · contests a ⇄ clause";
                        }
                        // The mediator: how it moves the text's balance.
                        if let Some(Some(m)) = view.balance_marks.get(n) {
                            effects += &format!(" · {m}");
                        }
                        // An acceptance a deal rests on that the move takes back.
                        if let Some(w) =
                            view.previews.get(n).and_then(|p| read::withdraw_mark(s, p))
                        {
                            effects += &format!(" · {w}");
                        }
                        if let Some(e) = events {
                            effects += &format!(" · {e}");
                        }
                        // Trust, which signing needs as much as the text (last, as the terminal's lines).
                        if let Some(t) = (view.previews.get(n))
                            .filter(|p| !p.deal)
                            .and_then(|p| read::trust_effect(s, me, p))
                        {
                            effects += &format!(" · {t}");
                        }
                        // The slower way to trust it takes the player along, the way on hover.
                        let way = view.way_marks.get(n).and_then(Option::as_ref);
                        if let Some((mark, _)) = way {
                            effects += &format!(" · {mark}");
                        }
                        // Red when it raises tension without bringing the sides closer, green when
                        // it calms things or brings the sides closer without raising tension,
                        // plain otherwise (the numbers say which).
                        let hot = sc.d_tension > 0.5;
                        let good = sc.d_agreement > 0.5 || sc.d_tension < -0.5;
                        let col = match (hot, good) {
                            (true, false) => BAD,
                            (false, true) => AGREEMENT,
                            _ => TEXT,
                        };
                        let accepts = s.derived.moves[sc.choice.mv].accepts;
                        let preview = view.previews.get(n);
                        let picked = picked(s, view, session) == Some(sc.choice);
                        let resp = move_row(ui, &label, &effects, col, accepts, picked, compact)
                            .on_hover_ui(|ui| {
                                if compact {
                                    // What the cut card left out.
                                    ui.label(RichText::new(&label).family(theme::bold()));
                                    ui.label(RichText::new(&effects).small().color(col));
                                }
                                why(
                                    ui,
                                    s,
                                    me,
                                    b.week + 1,
                                    (sc, &view.moves),
                                    (preview.map(|p| p.lines(s)).into_iter().flatten())
                                        .chain(way.iter().flat_map(|w| w.1.iter().cloned()))
                                        .collect(),
                                )
                            });
                        // A click picks the move, a second plays it; Enter or Space on a card
                        // the keyboard reached plays it at once.
                        if resp.clicked_by(egui::PointerButton::Primary) && !picked {
                            session.picked = Some((b.week, me, sc.choice));
                        } else if resp.clicked() {
                            actions.0.push(Action::Play(sc.choice));
                            session.picked = None;
                        }
                        if picked {
                            ui.label(
                                RichText::new(format!(
                                    "Picked: click it again or press Enter to play it this {}; \
                                     Esc picks none.",
                                    s.turn.one
                                ))
                                .small()
                                .color(ACCENT),
                            );
                        }
                    }
                    if view.moves.is_empty() {
                        ui.label(format!("No move is open to you this {}.", s.turn.one));
                    }
                    // The party's moves that are not open this turn, each with why (a tester's
                    // bridge went from the list with no word of why; the terminal's `why N`).
                    let shut: Vec<usize> = (0..s.moves.len())
                        .filter(|&mx| s.moves[mx].usable_by(me, s.parties[me].role))
                        .filter(|&mx| !view.moves.iter().any(|m| m.choice.mv == mx))
                        .collect();
                    if !shut.is_empty() && session.key_filter.is_none() {
                        egui::CollapsingHeader::new(
                            RichText::new(format!("Not open this {} ({})", s.turn.one, shut.len()))
                                .small()
                                .color(MUTED),
                        )
                        .id_salt("closed_moves")
                        .show(ui, |ui| {
                            // Moves closed for the same reason together (away from the table,
                            // every move at it).
                            let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
                            for &mx in &shut {
                                let why = read::closed_reason(s, b, me, mx);
                                let name = s.moves[mx].name.as_str();
                                match groups.iter_mut().find(|g| g.0 == why) {
                                    Some(g) => g.1.push(name),
                                    None => groups.push((why, vec![name])),
                                }
                            }
                            for (why, names) in groups {
                                let line = format!("{}: {why}.", names.join(", "));
                                ui.label(RichText::new(line).small().color(MUTED));
                            }
                        });
                    }
                });
            if !b.parties[me].present {
                ui.label(
                    RichText::new("✗ You have left the table: return, or the talks collapse.")
                        .color(BAD),
                );
            }
            if ui
                .button(format!("Pass this {}", s.turn.one))
                .on_hover_text("Ctrl+N")
                .clicked()
            {
                actions.0.push(Action::Pass);
            }
        }
        None => {
            heading(ui, "Observing");
            ui.label("Every party is played by the AI.");
            ui.horizontal(|ui| {
                if ui.button(format!("Next {} (Ctrl+N)", s.turn.one)).clicked() {
                    actions.0.push(Action::Pass);
                }
                ui.checkbox(&mut session.auto, "Play on")
                    .on_hover_text(format!(
                        "Plays a {} every 1.2 seconds until the talks end or you untick it.",
                        s.turn.one
                    ));
            });
        }
    }
}

/// What comes before a player's moves: capital, the too-costly line, a mediator's reading of the
/// text, the scenario's hints, the signing card, and the notes on the order of the turn's moves
/// and on tension's drift.
fn moves_head(
    ui: &mut Ui,
    s: &Scenario,
    view: &View,
    b: &crate::rules::Negotiation,
    me: PartyIx,
    session: &mut Session,
    actions: &mut Actions,
) {
    // A scenario whose moves are all free has no use for capital.
    if s.uses_capital() {
        ui.label(
            RichText::new(format!(
                "Political capital {} ({:+.1} a {})",
                read::capital_of(s, b, me),
                crate::rules::income(s, b, me),
                s.turn.one
            ))
            .family(theme::bold())
            .color(ACCENT),
        );
    }
    // In a line, the whole of it on hover.
    if let Some(note) = read::capital_note(s, b, me) {
        cut_line(ui, format!("Capital {note}."), ": ", MUTED);
    }
    // In a line, the moves it closes on hover (they are under "Not open" too).
    if let Some(line) = read::too_costly(s, b, me) {
        cut_line(ui, format!("{line}."), ": ", MUTED);
    }
    // In a line, the reasons on hover ("Answers" gives them too): it took three lines of a
    // column short of room at 1280×720.
    if let Some(line) = read::accept_closed(s, b, me) {
        cut_line(ui, format!("{line}."), ": ", MUTED);
    }
    // A mediator's reading of the text: what it is worth to each negotiator (in a line, what the
    // figures mean on hover: it took four lines of a column short of room at 1280×720), and how
    // balanced it is (in full: which clauses to bridge).
    if let Some(line) = read::worth_to_negotiators(s, b, me) {
        card(ui, |ui| {
            ui.set_width(ui.available_width());
            cut_line(ui, line, " (of 1", TEXT);
            if let Some(balance) = &view.balance {
                ui.label(RichText::new(balance).small().color(ACCENT));
            }
        });
        ui.add_space(4.0);
    }
    // The scenario's coaching for this turn (a tutorial's), above the choice it is about.
    for h in &view.hints {
        card_with(ui, PANEL, ACCENT, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("Hint").family(theme::bold()).color(ACCENT));
                ui.label(h.as_str());
            });
        });
        ui.add_space(4.0);
    }
    if let Some(sg) = &view.signing {
        card_with(ui, SIGN_FILL, GOOD, |ui| {
            let label = ai::choice_label(s, &sg.choice);
            let key = s.moves[sg.choice.mv]
                .key
                .map(|k| format!(" [{k}]"))
                .unwrap_or_default();
            // Accepted already: the button renews it, and says so (a play-tester saw the
            // big accept button stay after accepting and did not know why).
            let (text, fill, ink) = if sg.accepted {
                (format!("↻ {label} again{key}"), PANEL, GOOD)
            } else {
                (format!("✓ {label}{key}"), GOOD, BG)
            };
            let go = ui
                .add(
                    egui::Button::new(RichText::new(text).family(theme::bold()).color(ink))
                        .fill(fill)
                        .min_size(egui::vec2(ui.available_width(), 30.0)),
                )
                // A tester clicked it to pick it, as a move card's first click does, and signed.
                .on_hover_text("Plays it at once (a move card's first click only picks it).");
            if go.clicked() {
                actions.0.push(Action::Play(sg.choice));
            }
            if sg.accepted {
                ui.label(
                    RichText::new(format!(
                        "{}.",
                        read::renew_note(s, sg.withdrawn, sg.withdrawn_by_move)
                    ))
                    .small()
                    .color(MUTED),
                );
            }
            let (mark, col) = if sg.utility >= sg.reservation {
                ("✓", GOOD)
            } else {
                ("✗", BAD)
            };
            ui.label(RichText::new(format!("{mark} {}", sg.worth_text())).color(col));
            ui.label(format!("{} {}.", sg.would_score(s), sg.score_short(s)))
                .on_hover_text(format!("Scored {}.", seen::alone_caveat(s)));
            // What could keep the acceptance from making the deal, most pressing first
            // (the terminal's signing line says the same, in the same order): the first
            // shows on the card, the rest (and how an acceptance stands) fold away below
            // it: the card once filled the column and pushed the moves out of view.
            let warnings: Vec<String> = sg.cautions.iter().map(seen::Caution::marked).collect();
            // (Accepted already, the renew note is under the button.)
            let note = sg.standing_note(s).filter(|_| !sg.accepted);
            let mut rest = warnings.iter();
            if let Some(first) = rest.next() {
                ui.label(RichText::new(first).small().color(BAD));
            }
            let more = rest.len();
            if more > 0 || note.is_some() {
                let title = match more {
                    0 => "How an acceptance stands".to_string(),
                    1 => "⚠ 1 more warning".to_string(),
                    n => format!("⚠ {n} more warnings"),
                };
                egui::CollapsingHeader::new(RichText::new(title).small().color(if more > 0 {
                    BAD
                } else {
                    MUTED
                }))
                .id_salt("signing_more")
                .show(ui, |ui| {
                    for w in rest {
                        ui.label(RichText::new(w).small().color(BAD));
                    }
                    if let Some(n) = &note {
                        ui.label(RichText::new(format!("{n}.")).small().color(MUTED));
                    }
                });
            }
            // When the others move before the player (whether the acceptance takes), in a line
            // with the whole of it on hover; and who else must accept.
            // Those after in full: their change withdraws the acceptance.
            if let Some(order) = &sg.order {
                let (before, after) = read::order_sentences(order);
                if let Some(before) = before {
                    cut_line(ui, before.to_string(), ": ", MUTED);
                }
                if let Some(after) = after {
                    ui.label(RichText::new(after).small().color(MUTED));
                }
            }
            if !sg.waiting.is_empty() {
                ui.label(
                    RichText::new(format!("{}.", read::waiting_note(s, &sg.waiting)))
                        .small()
                        .color(MUTED),
                );
            }
        });
        ui.add_space(4.0);
    }
    if let Some(k) = session.key_filter {
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("Showing [{k}] moves")).color(ACCENT));
            if ui.small_button("Show all (Esc)").clicked() {
                session.key_filter = None;
            }
        });
    }
    // How to read and play the moves, in the first three turns (as the terminal's first screens
    // end with its commands): later it took two lines of a column short of room at 1280×720.
    if b.week < 3 {
        ui.label(
            RichText::new(format!("Under each move: what it does this {}. Hover for why; click to pick it, again to play it (or type its key, or Tab to it and press Enter).", s.turn.one))
                .small()
                .color(MUTED),
        );
    }
    // Another party moving first may change the text (the figures are for the move
    // taken alone): worked out once a turn, with the view.
    // Where the signing card has just said who moves first, it is not said
    // again (a tester read the same sentence twice in one column).
    if let Some(note) = &view.order_note {
        // (The card names the same movers, the events too where they write
        // into the text: its sentence need not read alike.)
        // In a line, the whole of it on hover (it took six lines of the column at 1280×720):
        // who moves before the player, or, where the card has said so (its line just above),
        // what it means for the figures.
        let said = view.signing.as_ref().is_some_and(|sg| sg.order.is_some());
        match note.split_once(": ") {
            Some((_, rest)) if said => {
                let mut rest = rest.chars();
                let first = rest.next().map(|c| c.to_uppercase().to_string());
                let rest = format!("{}{}", first.unwrap_or_default(), rest.as_str());
                cut_line_at(ui, rest, &["; ", " ("], ACCENT);
            }
            // Those after alone: before what they may table (it took three lines for Oman).
            _ => cut_line_at(ui, note.clone(), &[": ", " ("], ACCENT),
        }
    }
    // What banks at the turn's end unless changed, where the player chooses: under the draft
    // table, which scrolls at 1280×720, two testers missed it until the clause worst for them had
    // banked. The names in a line, what reopening costs on hover.
    if let Some(note) = read::banking_note(s, b).filter(|_| view.ending.is_none()) {
        cut_line(ui, format!("☆ {note}"), ". ", ACCENT);
    }
    if let Some(note) = read::drift_note(s, b, "tension") {
        cut_line(ui, note, ": ", MUTED);
    }
}

/// One line of the answers' warnings, cut at `cut` with the rest on hover, behind `mark` (⚠ for
/// a risk, as the signing card marks it; → for good news, as the terminal marks it).
fn warning(ui: &mut Ui, mark: &str, text: String, cut: &str, col: egui::Color32) {
    cut_line(ui, format!("{mark} {text}"), cut, col);
}

/// `text` up to `cut`, and " …" with the whole of it on hover; all of it where there is no `cut`.
fn cut_line(ui: &mut Ui, text: String, cut: &str, col: egui::Color32) {
    cut_line_at(ui, text, &[cut], col);
}

/// [`cut_line`] at the first of `cuts` found in `text`.
fn cut_line_at(ui: &mut Ui, text: String, cuts: &[&str], col: egui::Color32) {
    let at = (cuts.iter()).filter_map(|c| text.find(c)).min();
    let (short, more) = match at {
        Some(at) => (format!("{} …", &text[..at]), true),
        None => (text.clone(), false),
    };
    let label = ui.label(RichText::new(short).small().color(col));
    if more {
        label.on_hover_text(text);
    }
}

fn answers(ui: &mut Ui, s: &Scenario, view: &View) {
    let Some(b) = &view.state else { return };
    heading(ui, "Answers: would they sign?");
    ScrollArea::vertical()
        .id_salt("answers_scroll")
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            // First the answers the end of the turn turns if nobody moves (what a move must
            // carry, or keep from happening) and the other warnings, each on one short line with
            // what would bring it about on hover: a play-tester scrolled past five long warnings
            // every week to reach the answers.
            for then in &view.outlook {
                let exact = read::knows(s, b, view.me, then.party);
                let col = if then.would_sign { GOOD } else { BAD };
                let mark = if then.would_sign { "→" } else { "⚠" };
                warning(ui, mark, read::outlook_line(s, then, exact), " (", col);
            }
            for r in &view.trust_risks {
                warning(ui, "⚠", format!("{}.", r.text(s)), ": ", BAD);
            }
            for r in &view.walk_away_risks {
                warning(ui, "⚠", format!("{}.", r.text(s, view.me)), ": ", BAD);
            }
            // Cut before the events' headlines, which may hold a colon themselves.
            if let Some(u) = &view.unsettled {
                warning(ui, "⚠", format!("{u}."), " (", BAD);
            }
            for v in &view.verdicts {
                let (txt, col) = if v.would_sign {
                    ("✓ would sign", GOOD)
                } else {
                    ("✗ would not sign", BAD)
                };
                ui.label(
                    RichText::new(format!("{}: {txt}", s.parties[v.party].name))
                        .color(col)
                        .family(theme::bold()),
                );
                if view.holding_out.contains(&v.party) {
                    ui.label(
                        RichText::new(format!("· {}", read::holds_out_line(s)))
                            .small()
                            .color(ACCENT),
                    );
                }
                let exact = read::knows(s, b, view.me, v.party);
                // A red line in a few words, its wording and rule on hover.
                for (brief, full) in v.summary_brief_for(s, exact) {
                    let line = ui.label(RichText::new(format!("· {brief}")).small());
                    if brief != full {
                        line.on_hover_text(full);
                    }
                }
            }
            if !view.decisions.explained.is_empty() {
                ui.add_space(4.0);
                ui.label(
                    RichText::new(format!("Why they moved last {}", s.turn.one))
                        .family(theme::bold()),
                );
                ui.label(RichText::new(read::why_they_moved(s)).small().color(MUTED));
                for d in &view.decisions.explained {
                    let exact = read::knows(s, b, view.me, d.party);
                    ui.label(RichText::new(ai::explain_for(s, d, exact)).small());
                }
            }
        });
}

/// A move's explanation on hover: what it does, how the advisers score it, and that against the
/// player's other moves (`all` of them scored this turn).
fn why(
    ui: &mut Ui,
    s: &Scenario,
    me: usize,
    week: u32,
    (sc, all): (&ai::Scored, &[ai::Scored]),
    preview: Vec<String>,
) {
    // Wider than egui's tooltips, so that a long one (a whole text's, in the first week) fits
    // the height of a 720-pixel window: a tester lost its total below the bottom edge.
    ui.set_max_width(640.0);
    let m = &s.moves[sc.choice.mv];
    ui.label(RichText::new(ai::choice_label(s, &sc.choice)).family(theme::bold()));
    if !m.help.is_empty() {
        ui.label(&m.help);
    }
    ui.label(
        RichText::new(read::preview_heading(s, week))
            .family(theme::bold())
            .small(),
    );
    for line in preview {
        ui.label(RichText::new(format!("· {line}")).small());
    }
    ui.label(RichText::new(format!("· {}", read::effects_line(s, me, sc))).small());
    ui.label(
        RichText::new("How your advisers score it (+ in your favour, − against)")
            .family(theme::bold())
            .small(),
    );
    for (label, value) in sc.directed_terms() {
        if value.abs() >= 0.0005 {
            ui.label(RichText::new(format!("{value:+.3}  {label}")).small());
        }
    }
    ui.label(
        RichText::new(format!(
            "In all: {:+.3} ({})",
            sc.score,
            read::in_all_context(s, sc, all)
        ))
        .small()
        .color(MUTED),
    );
    if let Some(note) = read::foreseen_note(s, sc) {
        ui.label(RichText::new(note).small().color(MUTED));
    }
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
    // How to read it: under the heading where the strip has room, else on hover (at 1280×720
    // its three lines left the chart a third of a short strip).
    const HOW: &str = "Each line is named at its end; the dashed line is the danger line.";
    let roomy = ui.available_height() >= 260.0;
    if roomy {
        ui.label(RichText::new(HOW).small().color(MUTED));
    }
    let t: PlotPoints = view.chart.iter().map(|p| [p[0], p[1]]).collect();
    let a: PlotPoints = view.chart.iter().map(|p| [p[0], p[2]]).collect();
    let Some(s) = view.scenario.as_ref() else {
        return;
    };
    // The top of the y axis: room above 100 for the name of a line that ends there.
    const TOP: f64 = 108.0;
    let weeks = f64::from(s.weeks);
    let height = ui.available_height();
    // The names at the lines' ends, set apart by at least a line of small text where the two
    // values are close (they once overlapped in a narrow chart): the y axis spans about 110.
    let names = view.chart.last().map(|last| {
        let gap = (18.0 / height.max(1.0) * 110.0).min(50.0) as f64;
        let (t, a) = (last[1], last[2]);
        let (mut t_y, mut a_y) = (t, a);
        if (a - t).abs() < gap {
            let mid = ((a + t) / 2.0).clamp(gap / 2.0, TOP - gap / 2.0);
            let up = if a >= t { 1.0 } else { -1.0 };
            a_y = mid + up * gap / 2.0;
            t_y = mid - up * gap / 2.0;
        }
        (last[0], t_y, a_y)
    });
    let shown = Plot::new("chart")
        .height(height)
        .include_y(0.0)
        .include_y(TOP)
        // The room above 100 is for the lines' names: no figure there (a taller strip showed
        // "110" on a scale that ends at 100).
        .y_axis_formatter(|mark, _| match mark.value {
            v if v > 100.0 + 1e-9 => String::new(),
            v => format!("{v:.0}"),
        })
        // The axis is the game's length, its turns numbered (a tester read lines ending at
        // 60 % of the width in the last week, and an axis labelled "0" only).
        .include_x(0.0)
        .include_x(f64::from(s.weeks))
        .x_grid_spacer(egui_plot::uniform_grid_spacer(move |_| {
            let big = if weeks <= 8.0 { 2.0 } else { 4.0 };
            [1.0, big, big * 2.0]
        }))
        // Short labels: shown in full from 20 points apart (the default, for wide labels,
        // faded them out in a narrow chart).
        .custom_x_axes(vec![
            egui_plot::AxisHints::new_x()
                .label_spacing(20.0..=30.0)
                .formatter(move |mark, _| {
                    let v = mark.value;
                    if v >= -1e-9 && v <= weeks + 1e-9 && (v - v.round()).abs() < 1e-9 {
                        format!("{v:.0}")
                    } else {
                        String::new()
                    }
                }),
        ])
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .show(ui, |plot| {
            plot.hline(
                HLine::new("Danger line", s.tension.escalation_threshold)
                    .color(BAD)
                    .style(egui_plot::LineStyle::dashed_loose()),
            );
            plot.line(Line::new("Tension", t).color(TENSION).width(2.0));
            plot.line(Line::new("Agreement", a).color(AGREEMENT).width(2.0));
            // Each line is named at its end too, not told by its colour alone: after the end in
            // the first half of the game, before it (inside the plot) in the second; the upper
            // name above its line, the lower below (a name once sat on the danger line).
            if let Some((x, t_y, a_y)) = names {
                let late = x > weeks / 2.0;
                let upper = a_y >= t_y;
                // (Near the top, the upper name goes below its line too, and near the bottom
                // the lower one above: beyond the plot it was cut.)
                let place = |y: f64, is_upper: bool| if is_upper { y <= 85.0 } else { y < 15.0 };
                for (y, name, col, top) in [
                    (t_y, "tension", TENSION, place(t_y, !upper)),
                    (a_y, "agreement", AGREEMENT, place(a_y, upper)),
                ] {
                    let anchor = match (late, top) {
                        (false, true) => egui::Align2::LEFT_BOTTOM,
                        (false, false) => egui::Align2::LEFT_TOP,
                        (true, true) => egui::Align2::RIGHT_BOTTOM,
                        (true, false) => egui::Align2::RIGHT_TOP,
                    };
                    let dx = if late { -0.2 } else { 0.2 };
                    plot.text(
                        egui_plot::Text::new(
                            name,
                            egui_plot::PlotPoint::new(x + dx, y),
                            RichText::new(name).small().color(col),
                        )
                        .anchor(anchor),
                    );
                }
            }
        })
        .response;
    if !roomy {
        shown.on_hover_text(HOW);
    }
}

/// The news, the latest turn first (each turn's in the order it happened), opening at the top
/// every turn: a play-test scrolled about 30 times a turn to find the latest news under the
/// oldest.
fn news(ui: &mut Ui, s: &Scenario, view: &View) {
    heading(ui, "News");
    let latest = view.news.last().map_or(0, |n| n.week);
    ScrollArea::vertical()
        .id_salt(("news_scroll", latest))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            // Each turn's news, the latest first, grouped as the terminal's shorter screen
            // groups it (the column is narrow): hover a grouped line for its items.
            for turn in view.news.chunk_by(|a, b| a.week == b.week).rev() {
                ui.label(
                    RichText::new(format!("{} {}", s.turn.title(), turn[0].week))
                        .small()
                        .color(ACCENT),
                );
                let items: Vec<&crate::sim::News> = turn.iter().collect();
                for n in read::grouped_news(s, &items, "hover for each") {
                    news_line(ui, s, &n);
                }
            }
            if view.news.is_empty() {
                ui.label(
                    RichText::new("The delegations arrive. Nothing has happened yet.").color(MUTED),
                );
            }
        });
}

/// One line of the news pane, coloured by its kind (an event by whether it calms or stirs).
fn news_line(ui: &mut Ui, s: &Scenario, n: &read::NewsLine) {
    let (mark, col) = match n.kind {
        // Good news and bad apart (a tester saw a US envoy's arrival in the red of
        // an attack).
        NewsKind::Event => match n.event.and_then(|e| read::event_tone(s, e)) {
            Some(true) => ("◆", GOOD),
            Some(false) => ("◆", BAD),
            None => ("◆", TEXT),
        },
        NewsKind::Move => ("·", TEXT),
        NewsKind::Draft => ("§", BANKED),
        NewsKind::Outcome => ("■", ACCENT),
    };
    let line = ui.label(RichText::new(format!("{mark} {}", n.text)).color(col));
    if !n.grouped.is_empty() {
        line.on_hover_ui(|ui| {
            for g in &n.grouped {
                ui.label(format!("{mark} {g}"));
            }
        });
    }
}
