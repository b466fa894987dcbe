//! The link-preview card drawn on a canvas in the studio, as
//! [`crate::render::share_card`] lays it out (the build draws the same
//! layout with its font): the letters come from the browser's own Chinese
//! fonts.

use crate::content::Site;
use crate::render::share_card::{HEIGHT, Surface, WIDTH, background, draw_text};
use leptos::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use wasm_bindgen_futures::JsFuture;

/// Fonts with Chinese and Latin letters, as phones and computers name them.
const FONTS: &str = "\"WenQuanYi Micro Hei\", \"PingFang SC\", \"Microsoft YaHei\", \"Noto Sans CJK SC\", \"Source Han Sans SC\", sans-serif";

/// The card for `site` as PNG bytes.
pub async fn share_png(site: &Site) -> Result<Vec<u8>, String> {
    let canvas: web_sys::HtmlCanvasElement = document()
        .create_element("canvas")
        .map_err(|_| "no canvas".to_string())?
        .unchecked_into();
    canvas.set_width(WIDTH);
    canvas.set_height(HEIGHT);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .ok_or("this browser cannot draw on a canvas")?
        .unchecked_into();
    let mut pixels = Vec::with_capacity((WIDTH * HEIGHT * 4) as usize);
    for y in 0..HEIGHT {
        for x in 0..WIDTH {
            pixels.extend(background(x, y));
            pixels.push(0xff);
        }
    }
    let image =
        web_sys::ImageData::new_with_u8_clamped_array_and_sh(Clamped(&pixels), WIDTH, HEIGHT)
            .map_err(|_| "the card's background could not be drawn".to_string())?;
    let _ = context.put_image_data(&image, 0.0, 0.0);
    draw_text(site, &mut Canvas(context));
    let blob = JsFuture::from(js_sys::Promise::new(&mut |resolve, _| {
        let _ = canvas.to_blob(&resolve);
    }))
    .await
    .map_err(|_| "the card could not be made into a PNG".to_string())?;
    let blob: web_sys::Blob = blob
        .dyn_into()
        .map_err(|_| "the card is no PNG".to_string())?;
    super::photo_panel::file_bytes(&blob)
        .await
        .ok_or_else(|| "the card could not be read".to_string())
}

/// A canvas's 2D context as a [`Surface`].
struct Canvas(web_sys::CanvasRenderingContext2d);

impl Canvas {
    /// Sets the font so that its lines are `size` pixels high from the top
    /// of its tallest letter to the bottom of its lowest, as the build's
    /// rasteriser reads a size (a CSS font size is the em, a little less).
    fn font(&self, size: f32) {
        self.0.set_font(&format!("{size}px {FONTS}"));
        let height = self.0.measure_text("国").map_or(size, |m| {
            (m.font_bounding_box_ascent() + m.font_bounding_box_descent()) as f32
        });
        if height > 0.0 {
            self.0
                .set_font(&format!("{}px {FONTS}", size * size / height));
        }
    }
}

impl Surface for Canvas {
    fn advance(&self, text: &str, size: f32) -> f32 {
        self.font(size);
        self.0.measure_text(text).map_or(0.0, |m| m.width() as f32)
    }

    fn ascent(&self, size: f32) -> f32 {
        self.font(size);
        self.0
            .measure_text("国")
            .map_or(size * 0.8, |m| m.font_bounding_box_ascent() as f32)
    }

    fn text(&mut self, text: &str, x: f32, baseline: f32, size: f32, colour: [u8; 3]) {
        self.font(size);
        let [r, g, b] = colour;
        self.0.set_fill_style_str(&format!("rgb({r},{g},{b})"));
        let _ = self.0.fill_text(text, x.into(), baseline.into());
    }
}
