//! The window's widgets: panels, cards, headings, gauges with their danger line, move rows that
//! wrap instead of cutting a name, and legends. Drawing only; what they show comes from the
//! read model.

use bevy_egui::egui;
use egui::{Color32, RichText, Ui};

use super::theme::{self, *};

/// The frame of a panel: a flat fill and an even margin.
pub fn pane(fill: Color32, margin: i8) -> egui::Frame {
    egui::Frame::NONE
        .fill(fill)
        .inner_margin(egui::Margin::same(margin))
}

/// A card: a bordered box that takes the width it is given.
pub fn card(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    card_with(ui, CARD, BORDER, add);
}

/// A card with its own fill and border (the signing card stands out).
pub fn card_with(ui: &mut Ui, fill: Color32, border: Color32, add: impl FnOnce(&mut Ui)) {
    egui::Frame::NONE
        .fill(fill)
        .stroke(egui::Stroke::new(1.0, border))
        .corner_radius(egui::CornerRadius::same(6))
        .inner_margin(egui::Margin::same(10))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui)
        });
}

pub fn heading(ui: &mut Ui, text: &str) {
    ui.label(
        RichText::new(text.to_uppercase())
            .color(ACCENT)
            .size(12.5)
            .family(theme::bold()),
    );
}

/// A big call to action: accent fill, dark bold text.
pub fn primary(ui: &mut Ui, text: &str, size: [f32; 2]) -> egui::Response {
    let label = RichText::new(text)
        .size(16.0)
        .family(theme::bold())
        .color(BG);
    ui.add_sized(size, egui::Button::new(label).fill(ACCENT))
}

/// A 0–100 gauge with its value and this turn's change in words and arrows, and optional marks
/// (the danger line) drawn across it with their labels beneath.
pub fn gauge(
    ui: &mut Ui,
    label: &str,
    (value, shown): (f64, &str),
    delta: f64,
    color: Color32,
    marks: &[(f64, &str)],
    width: f32,
) -> egui::Response {
    ui.horizontal(|ui| {
        ui.label(RichText::new(label).color(MUTED));
        // To a tenth: a change never reads "▲0", nor 4 beside gauges that moved by 3.
        let size = crate::rules::describe::points(delta.abs());
        let arrow = if delta > 0.05 {
            format!(" ▲{size}")
        } else if delta < -0.05 {
            format!(" ▼{size}")
        } else {
            String::new()
        };
        // The value beside the bar, not on it: text on a coloured fill would not be readable
        // at every value.
        let r = ui.add(
            egui::ProgressBar::new((value / 100.0) as f32)
                .fill(color)
                .desired_width(width)
                .desired_height(20.0),
        );
        let rect = r.rect;
        for (at, name) in marks {
            let x = rect.left() + rect.width() * (*at / 100.0).clamp(0.0, 1.0) as f32;
            let p = ui.painter();
            p.line_segment(
                [
                    egui::pos2(x, rect.top() - 2.0),
                    egui::pos2(x, rect.bottom() + 2.0),
                ],
                egui::Stroke::new(2.0, TEXT),
            );
            p.text(
                egui::pos2(x, rect.bottom() + 1.0),
                egui::Align2::CENTER_TOP,
                *name,
                egui::FontId::proportional(10.0),
                TEXT,
            );
        }
        ui.label(
            // As the caller shows the value (cut, not rounded: agreement reads 100 only when
            // every negotiator would sign).
            RichText::new(format!("{shown}{arrow}"))
                .color(TEXT)
                .family(theme::bold()),
        );
        r
    })
    .inner
}

/// One move as a clickable, focusable row: its name wrapped over as many lines as it needs,
/// the expected effects beneath; or, `compact`, each on at most two lines, cut with "…" (the
/// caller's hover gives the whole). Enter or Space on the focused row plays it.
pub fn move_row(
    ui: &mut Ui,
    label: &str,
    effects: &str,
    effect_color: Color32,
    highlight: bool,
    picked: bool,
    compact: bool,
) -> egui::Response {
    let width = ui.available_width();
    let wrap = width - 16.0;
    let lay = |text: &str, size: f32, color: Color32| {
        let mut job = egui::text::LayoutJob::simple(
            text.to_string(),
            egui::FontId::proportional(size),
            color,
            wrap,
        );
        if compact {
            job.wrap.max_rows = 2;
            job.wrap.overflow_character = Some('…');
        }
        ui.ctx().fonts_mut(|f| f.layout_job(job))
    };
    let name = lay(label, 13.5, TEXT);
    let fx = lay(effects, 11.5, effect_color);
    let height = name.size().y + fx.size().y + 12.0;
    let (rect, resp) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::click());
    let fill = if resp.hovered() || resp.has_focus() || picked {
        HOVER
    } else if highlight {
        SIGN_FILL
    } else {
        CARD
    };
    let stroke = if resp.has_focus() || picked {
        egui::Stroke::new(2.0, ACCENT)
    } else {
        egui::Stroke::new(1.0, BORDER)
    };
    let p = ui.painter();
    p.rect(
        rect,
        egui::CornerRadius::same(4),
        fill,
        stroke,
        egui::StrokeKind::Inside,
    );
    let top = rect.left_top() + egui::vec2(8.0, 4.0);
    let below = top + egui::vec2(0.0, name.size().y + 2.0);
    p.galley(top, name, TEXT);
    p.galley(below, fx, effect_color);
    resp
}

/// A legend: each symbol with what it means, one per line.
pub fn legend(ui: &mut Ui, items: &[(&str, Color32, String)]) {
    for (symbol, color, meaning) in items {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(*symbol).color(*color).family(theme::bold()));
            ui.label(RichText::new(meaning).small());
        });
    }
}
