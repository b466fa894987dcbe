//! The default link-preview image (1200x630, the size Open Graph and
//! Twitter cards use), laid out from `site.json`: the title in both
//! languages, the date and place, and the organisers, in the site's colours.
//! What draws the letters is a [`Surface`]: the build's font rasteriser,
//! or the studio's canvas.

use crate::content::Site;

pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;
const MARGIN: f32 = 72.0;

const RED_BRIGHT: [u8; 3] = [0xb7, 0x1c, 0x1c];
const RED: [u8; 3] = [0x8e, 0x1b, 0x1b];
const GOLD: [u8; 3] = [0xe0, 0xa5, 0x26];
const GOLD_SOFT: [u8; 3] = [0xfb, 0xee, 0xcb];
const WHITE: [u8; 3] = [0xff, 0xff, 0xff];

/// What the card's text is drawn on.
pub trait Surface {
    /// How far `text` at `size` pixels moves the pen to the right.
    fn advance(&self, text: &str, size: f32) -> f32;
    /// How far a line at `size` pixels reaches above its baseline.
    fn ascent(&self, size: f32) -> f32;
    /// Draws `text` with its baseline's start at (`x`, `baseline`).
    fn text(&mut self, text: &str, x: f32, baseline: f32, size: f32, colour: [u8; 3]);
}

/// The card's colour at pixel (`x`, `y`): the hero's diagonal red gradient
/// with a gold rule on the left.
pub fn background(x: u32, y: u32) -> [u8; 3] {
    if (40..48).contains(&x) && (MARGIN as u32..HEIGHT - MARGIN as u32).contains(&y) {
        return GOLD;
    }
    let t = ((x as f32 / WIDTH as f32) * 0.6 + (y as f32 / HEIGHT as f32) * 0.4).min(1.0);
    std::array::from_fn(|i| {
        (RED_BRIGHT[i] as f32 + (RED[i] as f32 - RED_BRIGHT[i] as f32) * t) as u8
    })
}

/// Writes the card's text on `surface` (over [`background`]).
pub fn draw_text(site: &Site, surface: &mut impl Surface) {
    let mut pen = Pen {
        surface,
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

/// Writes lines of text down the card.
struct Pen<'a, S: Surface> {
    surface: &'a mut S,
    /// Top of the next line.
    y: f32,
}

impl<S: Surface> Pen<'_, S> {
    /// Wraps `text` to the card's width in at most `max_lines` lines (the
    /// last one ends in "…" if the text is longer) and draws it.
    fn paragraph(&mut self, text: &str, size: f32, colour: [u8; 3], max_lines: usize) {
        let width = WIDTH as f32 - 2.0 * MARGIN;
        let advance = |s: &str| self.surface.advance(s, size);
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
        let ascent = self.surface.ascent(size);
        for line in lines {
            self.surface
                .text(line.trim_end(), MARGIN, self.y + ascent, size, colour);
            self.y += size * 1.3;
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

    /// Records what is drawn; each character is one `size` wide.
    struct Record(Vec<(String, f32)>);

    impl Surface for Record {
        fn advance(&self, text: &str, size: f32) -> f32 {
            text.chars().count() as f32 * size
        }
        fn ascent(&self, size: f32) -> f32 {
            size
        }
        fn text(&mut self, text: &str, _: f32, baseline: f32, _: f32, _: [u8; 3]) {
            self.0.push((text.to_string(), baseline));
        }
    }

    #[test]
    fn a_long_title_wraps_in_two_lines_ending_in_an_ellipsis() {
        let mut site: Site = serde_json::from_str(include_str!("../../public/content/site.json"))
            .expect("the shipped site.json");
        site.title.zh = "党".repeat(40);
        let mut drawn = Record(Vec::new());
        draw_text(&site, &mut drawn);
        // 1056 px wide at 64 px a character: 16 a line.
        assert_eq!(drawn.0[0].0, "党".repeat(16));
        assert_eq!(drawn.0[1].0, format!("{}…", "党".repeat(15)));
        assert!(drawn.0[1].1 > drawn.0[0].1, "lines go down the card");
    }
}
