//! The screens, each in its own file: the menu, the hot seat's hand-over, the briefing, the
//! negotiating table, the end (the debrief) and the workshop, each with its plugin (a system
//! that draws it while its state is up, as in bevy_new_2d). Each draws the
//! [`View`](super::view::View) (or the workshop's results) and queues
//! [`Action`](super::view::Action)s; none decides a rule.

mod briefing;
mod end;
mod handover;
mod lobby;
mod menu;
mod table;
mod workshop;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use egui::{Align, Color32, Layout, RichText, ScrollArea, Ui, UiBuilder};

use super::catalog::Catalog;
use super::theme::{self, *};

/// Every screen's plugin: each draws itself, in the egui pass, while its state is up.
pub fn plugin(app: &mut App) {
    app.configure_sets(
        EguiPrimaryContextPass,
        Draw.after(theme::install).after(crate::ui::settings::apply),
    );
    app.add_systems(EguiPrimaryContextPass, scroll_to_top.before(Draw));
    app.add_plugins((
        menu::plugin,
        handover::plugin,
        lobby::plugin,
        briefing::plugin,
        table::plugin,
        end::plugin,
        workshop::plugin,
    ));
}

/// Every screen opens at its top: the scroll positions are forgotten when the screen changes
/// (a play-test's second game opened its brief, its table and its end screen where the first
/// game had left them, the brief half-way down).
fn scroll_to_top(mut contexts: EguiContexts, screen: Res<State<super::Screen>>) -> Result {
    if screen.is_changed() {
        contexts
            .ctx_mut()?
            .data_mut(|d| d.remove_by_type::<egui::containers::scroll_area::State>());
    }
    Ok(())
}

/// The screens' drawing systems, after the theme and the zoom are set.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub struct Draw;

/// A screen that draws only the view and queues actions (the briefing, the end): its plugin's
/// system, drawing with `draw` while `screen` is up.
fn view_screen(
    app: &mut App,
    screen: super::Screen,
    draw: fn(&egui::Context, &mut Ui, &super::view::View, &mut super::view::Actions),
) {
    let system = move |mut contexts: EguiContexts,
                       ready: Res<theme::ThemeReady>,
                       mut catalog: Option<ResMut<Catalog>>,
                       view: Res<super::view::View>,
                       mut actions: ResMut<super::view::Actions>|
          -> Result {
        if let Some((ctx, mut root)) = root(&mut contexts, &ready, catalog.as_deref_mut())? {
            draw(&ctx, &mut root, &view, &mut actions);
        }
        Ok(())
    };
    app.add_systems(
        EguiPrimaryContextPass,
        system.in_set(Draw).run_if(in_state(screen)),
    );
}

/// The frame's root: the whole window as one `Ui`, with the hot-reload banner across its top.
/// None until the theme's fonts are in use.
fn root(
    contexts: &mut EguiContexts,
    ready: &theme::ThemeReady,
    catalog: Option<&mut Catalog>,
) -> Result<Option<(egui::Context, Ui)>> {
    if !ready.ready {
        return Ok(None);
    }
    let ctx = contexts.ctx_mut()?.clone();
    let mut root = Ui::new(
        ctx.clone(),
        "root".into(),
        UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.content_rect()),
    );
    notices(&mut root, catalog);
    Ok(Some((ctx, root)))
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
