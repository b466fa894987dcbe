//! The default link-preview image, drawn at build time as
//! [`event_microsite::render::share_card`] lays it out. The text uses the
//! WenQuanYi Micro Hei font that `cargo xtask setup` installs (it covers
//! Chinese and Latin).

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use anyhow::{Context, Result};
use event_microsite::content::Site;
pub use event_microsite::render::share_card::{HEIGHT, WIDTH};
use event_microsite::render::share_card::{Surface, background, draw_text};
use image::{Rgb, RgbImage};
use std::path::Path;

const FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

/// Draws the image and saves it as PNG at `out`. Without the font it still
/// writes the coloured card, and says so.
pub fn write(site: &Site, out: &Path) -> Result<()> {
    let mut image = RgbImage::from_fn(WIDTH, HEIGHT, |x, y| Rgb(background(x, y)));
    match std::fs::read(FONT) {
        Ok(data) => {
            let font = FontRef::try_from_slice_and_index(&data, 0).context("reading the font")?;
            draw_text(
                site,
                &mut Rasteriser {
                    image: &mut image,
                    font,
                },
            );
        }
        Err(error) => eprintln!(
            "xtask: warning: no font at {FONT} ({error}); the share image has no text. Run `cargo xtask setup`."
        ),
    }
    image
        .save(out)
        .with_context(|| format!("writing {}", out.display()))
}

/// The card's letters, rasterised from the font onto the image.
struct Rasteriser<'a> {
    image: &'a mut RgbImage,
    font: FontRef<'a>,
}

impl Surface for Rasteriser<'_> {
    fn advance(&self, text: &str, size: f32) -> f32 {
        let scaled = self.font.as_scaled(PxScale::from(size));
        text.chars()
            .map(|c| scaled.h_advance(self.font.glyph_id(c)))
            .sum()
    }

    fn ascent(&self, size: f32) -> f32 {
        self.font.as_scaled(PxScale::from(size)).ascent()
    }

    fn text(&mut self, text: &str, x: f32, baseline: f32, size: f32, colour: [u8; 3]) {
        let scale = PxScale::from(size);
        let scaled = self.font.as_scaled(scale);
        let mut x = x;
        for c in text.chars() {
            let id = self.font.glyph_id(c);
            let glyph = id.with_scale_and_position(scale, point(x, baseline));
            x += scaled.h_advance(id);
            let Some(outline) = self.font.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            outline.draw(|gx, gy, coverage| {
                let (px, py) = (
                    bounds.min.x as i64 + gx as i64,
                    bounds.min.y as i64 + gy as i64,
                );
                if let (Ok(px), Ok(py)) = (u32::try_from(px), u32::try_from(py))
                    && px < WIDTH
                    && py < HEIGHT
                {
                    let pixel = self.image.get_pixel_mut(px, py);
                    for (under, over) in pixel.0.iter_mut().zip(colour) {
                        let (from, to) = (*under as f32, over as f32);
                        *under = (from + (to - from) * coverage.min(1.0)) as u8;
                    }
                }
            });
        }
    }
}
