//! One theme: a dark "situation room" palette, the shipped DejaVu fonts (they cover every
//! character the scenarios use: dashes, curly quotes, arrows, check marks), spacing.

use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui::{Color32, FontData, FontDefinitions, FontFamily, FontId, TextStyle};

/// The window's clear colour.
pub const BACKGROUND_BEVY: Color = Color::srgb(0.055, 0.067, 0.09);

pub const BG: Color32 = Color32::from_rgb(14, 17, 23);
pub const PANEL: Color32 = Color32::from_rgb(22, 27, 36);
pub const CARD: Color32 = Color32::from_rgb(30, 37, 49);
pub const BORDER: Color32 = Color32::from_rgb(52, 62, 80);
pub const TEXT: Color32 = Color32::from_rgb(222, 226, 232);
pub const MUTED: Color32 = Color32::from_rgb(160, 170, 186);
pub const ACCENT: Color32 = Color32::from_rgb(232, 178, 72);
pub const TENSION: Color32 = Color32::from_rgb(226, 84, 66);
pub const AGREEMENT: Color32 = Color32::from_rgb(72, 190, 150);
pub const GOOD: Color32 = Color32::from_rgb(98, 200, 120);
pub const BAD: Color32 = Color32::from_rgb(250, 128, 116);
pub const BANKED: Color32 = Color32::from_rgb(120, 170, 240);
/// A hovered or focused row.
pub const HOVER: Color32 = Color32::from_rgb(44, 54, 72);
/// The signing card and the accept row.
pub const SIGN_FILL: Color32 = Color32::from_rgb(24, 46, 38);

const SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// The bold font family.
pub fn bold() -> FontFamily {
    FontFamily::Name("bold".into())
}

/// Whether the theme's fonts are in use: egui takes new fonts from the next frame on, so the
/// screens wait one frame after [`install`].
#[derive(Resource, Debug, Default)]
pub struct ThemeReady {
    installed: bool,
    pub ready: bool,
}

/// Installs fonts and visuals once.
pub fn install(mut contexts: EguiContexts, mut state: ResMut<ThemeReady>) -> Result {
    if state.installed {
        state.ready = true;
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let mut fonts = FontDefinitions::default();
    fonts
        .font_data
        .insert("dejavu".into(), Arc::new(FontData::from_static(SANS)));
    fonts.font_data.insert(
        "dejavu_bold".into(),
        Arc::new(FontData::from_static(SANS_BOLD)),
    );
    if let Some(f) = fonts.families.get_mut(&FontFamily::Proportional) {
        f.insert(0, "dejavu".into());
    }
    fonts
        .families
        .insert(bold(), vec!["dejavu_bold".into(), "dejavu".into()]);
    ctx.set_fonts(fonts);
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Heading, FontId::new(21.0, bold())),
            (TextStyle::Body, FontId::new(14.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(14.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(11.5, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(12.5, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(10.0, 5.0);
        style.spacing.interact_size.y = 24.0;
        // The bottom strip's top edge drags it taller: a tester's first drag, 3 px off the edge
        // (egui's grab), selected text in the draft table instead.
        style.interaction.resize_grab_radius_side = 7.0;
        // Scroll bars always shown (thin, wider on hover): a panel cut at its edge says it
        // scrolls.
        style.spacing.scroll = egui::style::ScrollStyle::thin();
        let v = &mut style.visuals;
        *v = egui::Visuals::dark();
        v.panel_fill = PANEL;
        v.window_fill = CARD;
        v.extreme_bg_color = BG;
        v.faint_bg_color = CARD;
        v.override_text_color = Some(TEXT);
        v.hyperlink_color = ACCENT;
        v.selection.bg_fill = Color32::from_rgb(120, 90, 30);
        v.widgets.noninteractive.bg_stroke = egui::Stroke::new(1.0, BORDER);
        v.widgets.inactive.weak_bg_fill = Color32::from_rgb(40, 49, 65);
        v.widgets.inactive.bg_fill = Color32::from_rgb(58, 70, 92);
        v.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, BORDER);
        v.widgets.hovered.weak_bg_fill = HOVER;
        // Keyboard focus is drawn like hovering, with an accent outline so it is easy to see.
        v.widgets.hovered.bg_stroke = egui::Stroke::new(2.0, ACCENT);
        v.widgets.active.weak_bg_fill = Color32::from_rgb(70, 60, 30);
        v.window_corner_radius = egui::CornerRadius::same(6);
    });
    state.installed = true;
    Ok(())
}

/// A colour between green (0) and red (100) for tension-like values.
pub fn heat(v: f64) -> Color32 {
    let t = (v / 100.0).clamp(0.0, 1.0) as f32;
    let lerp = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t) as u8;
    Color32::from_rgb(lerp(90, 236), lerp(190, 80), lerp(120, 70))
}

/// The WCAG contrast ratio of two colours (1 to 21).
pub fn contrast(a: Color32, b: Color32) -> f64 {
    fn lum(c: Color32) -> f64 {
        let ch = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                libm::pow((v + 0.055) / 1.055, 2.4)
            }
        };
        0.2126 * ch(c.r()) + 0.7152 * ch(c.g()) + 0.0722 * ch(c.b())
    }
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_colour_meets_wcag_aa_on_every_background() {
        for (name, fg) in [
            ("text", TEXT),
            ("muted", MUTED),
            ("accent", ACCENT),
            ("good", GOOD),
            ("bad", BAD),
            ("banked", BANKED),
            ("agreement", AGREEMENT),
        ] {
            for (bg_name, bg) in [
                ("background", BG),
                ("panel", PANEL),
                ("card", CARD),
                ("hover", HOVER),
                ("signing", SIGN_FILL),
            ] {
                let c = contrast(fg, bg);
                assert!(c >= 4.5, "{name} on {bg_name}: {c:.2} < 4.5");
            }
        }
        // Dark text on the accent buttons.
        assert!(contrast(BG, ACCENT) >= 4.5);
    }
}
