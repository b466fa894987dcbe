//! The result poster: a PNG drawn in the browser (event title, score, band
//! message, date, and a QR code of the site's address), for chat apps where
//! link previews do not show.

use qrcodegen::{QrCode, QrCodeEcc};
use wasm_bindgen::{JsCast, JsValue};

/// What the poster says; all texts already in the visitor's language.
pub struct Poster {
    pub event_title: String,
    pub date: String,
    pub score_line: String,
    pub band: Option<String>,
    pub scan_hint: String,
    /// The address the QR code leads to.
    pub url: String,
}

const WIDTH: f64 = 750.0;
const HEIGHT: f64 = 1100.0;
const FONT: &str = "system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif";

impl Poster {
    /// Draws the poster and returns it as a `data:image/png` URL.
    pub fn to_png_data_url(&self) -> Result<String, JsValue> {
        let canvas: web_sys::HtmlCanvasElement = leptos::prelude::document()
            .create_element("canvas")?
            .unchecked_into();
        canvas.set_width(WIDTH as u32);
        canvas.set_height(HEIGHT as u32);
        let ctx: web_sys::CanvasRenderingContext2d = canvas
            .get_context("2d")?
            .ok_or("no 2d canvas")?
            .unchecked_into();

        ctx.set_fill_style_str("#8e1b1b");
        ctx.fill_rect(0.0, 0.0, WIDTH, HEIGHT);
        ctx.set_fill_style_str("#e0a526");
        ctx.fill_rect(0.0, 0.0, WIDTH, 16.0);

        ctx.set_text_align("center");
        ctx.set_fill_style_str("#ffffff");
        let mut y = 120.0;
        ctx.set_font(&format!("700 44px {FONT}"));
        for line in wrap(&ctx, &self.event_title, WIDTH - 120.0) {
            ctx.fill_text(&line, WIDTH / 2.0, y)?;
            y += 58.0;
        }
        ctx.set_fill_style_str("#fbeecb");
        ctx.set_font(&format!("28px {FONT}"));
        ctx.fill_text(&self.date, WIDTH / 2.0, y + 10.0)?;

        ctx.set_fill_style_str("#ffffff");
        ctx.set_font(&format!("700 56px {FONT}"));
        y += 120.0;
        for line in wrap(&ctx, &self.score_line, WIDTH - 80.0) {
            ctx.fill_text(&line, WIDTH / 2.0, y)?;
            y += 70.0;
        }
        if let Some(band) = &self.band {
            ctx.set_fill_style_str("#f2c14e");
            ctx.set_font(&format!("700 40px {FONT}"));
            for line in wrap(&ctx, band, WIDTH - 120.0) {
                ctx.fill_text(&line, WIDTH / 2.0, y)?;
                y += 50.0;
            }
        }

        self.draw_qr(&ctx, HEIGHT - 420.0)?;
        ctx.set_fill_style_str("#ffffff");
        ctx.set_font(&format!("26px {FONT}"));
        ctx.fill_text(&self.scan_hint, WIDTH / 2.0, HEIGHT - 60.0)?;
        canvas.to_data_url_with_type("image/png")
    }

    /// A QR code on a white card, centred, its top at `top`.
    fn draw_qr(&self, ctx: &web_sys::CanvasRenderingContext2d, top: f64) -> Result<(), JsValue> {
        let qr = QrCode::encode_text(&self.url, QrCodeEcc::Medium)
            .map_err(|_| "address too long for a QR code")?;
        let size = qr.size();
        let card = 320.0;
        let module = ((card - 40.0) / f64::from(size)).floor();
        let drawn = module * f64::from(size);
        let left = (WIDTH - card) / 2.0;
        ctx.set_fill_style_str("#ffffff");
        ctx.fill_rect(left, top, card, card);
        ctx.set_fill_style_str("#2b211b");
        let origin_x = left + (card - drawn) / 2.0;
        let origin_y = top + (card - drawn) / 2.0;
        for y in 0..size {
            for x in 0..size {
                if qr.get_module(x, y) {
                    ctx.fill_rect(
                        origin_x + f64::from(x) * module,
                        origin_y + f64::from(y) * module,
                        module,
                        module,
                    );
                }
            }
        }
        Ok(())
    }
}

/// Splits `text` into lines no wider than `max` (by character, so Chinese
/// wraps too; English breaks at spaces where it can).
fn wrap(ctx: &web_sys::CanvasRenderingContext2d, text: &str, max: f64) -> Vec<String> {
    let width = |s: &str| ctx.measure_text(s).map(|m| m.width()).unwrap_or(0.0);
    let mut lines = Vec::new();
    let mut line = String::new();
    for ch in text.chars() {
        line.push(ch);
        if width(&line) > max {
            let cut = line
                .rfind(' ')
                .filter(|&at| at > 0)
                .unwrap_or(line.len() - ch.len_utf8());
            let rest = line.split_off(cut);
            lines.push(line.trim_end().to_string());
            line = rest.trim_start().to_string();
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
