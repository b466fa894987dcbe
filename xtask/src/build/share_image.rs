//! The default link-preview image (1200x630, the size Open Graph and
//! Twitter cards use), drawn at build time from `site.json`: the title in
//! both languages, the date and place, and the organisers, in the site's
//! colours. The text uses the WenQuanYi Micro Hei font that `cargo xtask
//! setup` installs (it covers Chinese and Latin).

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};
use anyhow::{Context, Result};
use event_microsite::content::Site;
use image::{Rgb, RgbImage};
use std::path::Path;

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;
const FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
const MARGIN: f32 = 72.0;

const RED_BRIGHT: [u8; 3] = [0xb7, 0x1c, 0x1c];
const RED: [u8; 3] = [0x8e, 0x1b, 0x1b];
const GOLD: [u8; 3] = [0xe0, 0xa5, 0x26];
const GOLD_SOFT: [u8; 3] = [0xfb, 0xee, 0xcb];
const WHITE: [u8; 3] = [0xff, 0xff, 0xff];

/// Draws the image and saves it as PNG at `out`. Without the font it still
/// writes the coloured card, and says so.
pub fn write(site: &Site, out: &Path) -> Result<()> {
    let mut image = background();
    match std::fs::read(FONT) {
        Ok(data) => {
            let font = FontRef::try_from_slice_and_index(&data, 0).context("reading the font")?;
            let mut pen = Pen {
                image: &mut image,
                font,
                y: MARGIN + 12.0,
            };
            pen.paragraph(&site.title.zh, 64.0, WHITE, 2);
            pen.y += 8.0;
            pen.paragraph(&site.title.en, 30.0, GOLD_SOFT, 2);
            pen.y += 28.0;
            let when = format!("{} · {}", site.date.zh, site.place.zh);
            pen.paragraph(&when, 34.0, GOLD, 1);
            let names: Vec<&str> = site.organisers.iter().map(|o| o.name.zh.as_str()).collect();
            let lines = organiser_lines(&names);
            pen.y = HEIGHT as f32 - MARGIN - 34.0 * lines.len() as f32;
            for line in lines {
                pen.paragraph(&line, 24.0, GOLD_SOFT, 1);
            }
        }
        Err(error) => eprintln!(
            "xtask: warning: no font at {FONT} ({error}); the share image has no text. Run `cargo xtask setup`."
        ),
    }
    image
        .save(out)
        .with_context(|| format!("writing {}", out.display()))
}

/// The organisers' lines at the foot of the card: every name when there
/// are up to three; else the first two and how many there are in all, so no
/// organiser is silently left out.
fn organiser_lines(names: &[&str]) -> Vec<String> {
    if names.len() <= 3 {
        return names.iter().map(|name| name.to_string()).collect();
    }
    vec![
        names[0].to_string(),
        names[1].to_string(),
        format!(
            "等 {} 家单位联合主办 · and {} more",
            names.len(),
            names.len() - 2
        ),
    ]
}

/// The hero's diagonal red gradient with a gold rule on the left.
fn background() -> RgbImage {
    RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        if (40..48).contains(&x) && (MARGIN as u32..HEIGHT - MARGIN as u32).contains(&y) {
            return Rgb(GOLD);
        }
        let t = ((x as f32 / WIDTH as f32) * 0.6 + (y as f32 / HEIGHT as f32) * 0.4).min(1.0);
        Rgb(std::array::from_fn(|i| {
            (RED_BRIGHT[i] as f32 + (RED[i] as f32 - RED_BRIGHT[i] as f32) * t) as u8
        }))
    })
}

/// Writes lines of text down the card.
struct Pen<'a> {
    image: &'a mut RgbImage,
    font: FontRef<'a>,
    /// Top of the next line.
    y: f32,
}

impl Pen<'_> {
    /// Wraps `text` to the card's width in at most `max_lines` lines (the
    /// last one ends in "…" if the text is longer) and draws it.
    fn paragraph(&mut self, text: &str, size: f32, colour: [u8; 3], max_lines: usize) {
        let scale = PxScale::from(size);
        let scaled = self.font.as_scaled(scale);
        let width = WIDTH as f32 - 2.0 * MARGIN;
        let advance = |s: &str| -> f32 {
            s.chars()
                .map(|c| scaled.h_advance(self.font.glyph_id(c)))
                .sum()
        };
        let mut lines: Vec<String> = vec![String::new()];
        for token in tokens(text) {
            let line = lines.last_mut().expect("one line at least");
            if !line.is_empty() && advance(line) + advance(token.trim_end()) > width {
                lines.push(token.trim_start().to_string());
            } else {
                line.push_str(token);
            }
        }
        if lines.len() > max_lines {
            lines.truncate(max_lines);
            let last = &mut lines[max_lines - 1];
            while !last.is_empty() && advance(last) + advance("…") > width {
                last.pop();
            }
            last.push('…');
        }
        let line_height = size * 1.3;
        for line in lines {
            let baseline = self.y + scaled.ascent();
            let mut x = MARGIN;
            for c in line.trim_end().chars() {
                let id = self.font.glyph_id(c);
                let glyph = id.with_scale_and_position(scale, point(x, baseline));
                x += scaled.h_advance(id);
                if let Some(outline) = self.font.outline_glyph(glyph) {
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
            self.y += line_height;
        }
    }
}

/// Break opportunities: after each Chinese character, after each space.
fn tokens(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = 0;
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        if c.is_whitespace() || !c.is_ascii() {
            tokens.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        tokens.push(&text[start..]);
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_organiser_is_on_the_card_or_counted() {
        assert_eq!(organiser_lines(&["甲", "乙", "丙"]), ["甲", "乙", "丙"]);
        assert_eq!(
            organiser_lines(&["甲", "乙", "丙", "丁", "戊"]),
            ["甲", "乙", "等 5 家单位联合主办 · and 3 more"]
        );
    }

    #[test]
    fn breaks_after_chinese_characters_and_spaces() {
        assert_eq!(
            tokens("党建 two words"),
            vec!["党", "建", " ", "two ", "words"]
        );
    }
}
