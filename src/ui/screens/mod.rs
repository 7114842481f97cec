//! The screens, each in its own file: the menu, the hot seat's hand-over, the briefing, the
//! negotiating table, the end (the debrief) and the workshop. Each draws the [`View`] (or the workshop's results) and
//! queues [`Action`]s; none decides a rule.

mod briefing;
mod end;
mod handover;
mod menu;
mod table;
mod workshop;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui::{Align, Color32, Layout, RichText, ScrollArea, Ui, UiBuilder};

use super::Screen;
use super::catalog::Catalog;
use super::theme::{self, *};
use super::view::{Actions, Session, View};
use super::workshop::Workshop;

/// Draws the current screen.
#[allow(clippy::too_many_arguments)]
pub fn draw(
    mut contexts: EguiContexts,
    screen: Res<State<Screen>>,
    view: Res<View>,
    mut catalog: Option<ResMut<Catalog>>,
    mut session: ResMut<Session>,
    mut actions: ResMut<Actions>,
    mut workshop: ResMut<Workshop>,
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
            .max_rect(ctx.content_rect()),
    );
    notices(&mut root, catalog.as_deref_mut());
    match screen.get() {
        Screen::Menu => {
            let resumable = view
                .scenario
                .as_ref()
                .filter(|_| view.state.is_some() && view.ending.is_none())
                .map(|s| s.title.clone());
            menu::draw(
                &ctx,
                &mut root,
                catalog.as_deref(),
                &mut session,
                &mut actions,
                resumable.as_deref(),
            )
        }
        Screen::Handover => handover::draw(&ctx, &mut root, &view, &session, &mut actions),
        Screen::Briefing => briefing::draw(&ctx, &mut root, &view, &mut actions),
        Screen::Table => table::draw(&ctx, &mut root, &view, &mut session, &mut actions),
        Screen::End => end::draw(&ctx, &mut root, &view, &mut actions),
        Screen::Workshop => workshop::draw(
            &ctx,
            &mut root,
            catalog.as_deref(),
            &mut workshop,
            &mut actions,
        ),
    }
    Ok(())
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
                    let mark = if error { "⚠ " } else { "↻ " };
                    ui.label(
                        RichText::new(format!("{mark}{first}"))
                            .color(color)
                            .family(theme::bold()),
                    );
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

/// The keys pressed this frame without a modifier, and whether Enter and Escape were.
pub(super) struct Keys {
    pub typed: Vec<char>,
    pub enter: bool,
    pub escape: bool,
}

impl Keys {
    pub fn read(ctx: &egui::Context) -> Self {
        ctx.input(|i| Self {
            typed: if i.modifiers.command || i.modifiers.alt {
                Vec::new()
            } else {
                i.events
                    .iter()
                    .filter_map(|e| match e {
                        egui::Event::Text(t) => t.chars().next().map(|c| c.to_ascii_lowercase()),
                        _ => None,
                    })
                    .collect()
            },
            enter: i.key_pressed(egui::Key::Enter) && !i.modifiers.any(),
            escape: i.key_pressed(egui::Key::Escape),
        })
    }

    /// Whether a text field has the keyboard (then typed keys are its).
    pub fn typing(ctx: &egui::Context) -> bool {
        ctx.egui_wants_keyboard_input()
    }
}

/// Whether no widget has the keyboard focus (then Enter is the screen's, not a button's).
pub(super) fn nothing_focused(ctx: &egui::Context) -> bool {
    ctx.memory(|m| m.focused().is_none())
}

/// A line of keyboard hints at the foot of a screen.
pub(super) fn key_hints(ui: &mut Ui, hints: &str) {
    ui.label(
        RichText::new(format!(
            "Keys: {hints} · Tab moves the focus, Enter or Space presses · Ctrl +/− zoom"
        ))
        .small()
        .color(MUTED),
    );
}
