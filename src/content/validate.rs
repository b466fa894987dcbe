//! Checks beyond the types: what JSON can express but the site cannot use.

use super::model::{
    Answer, Band, Choice, Entry, Photo, Question, QuestionKind, Quiz, QuizSettings, Site, Story,
    Text, Timeline, Variant,
};
use super::problem::{Problem, Seg, line_column, locate, path_to_string};
use std::collections::HashMap;

/// Collects the problems of one file, locating each in the source text.
pub struct Checker<'a> {
    file: &'a str,
    source: &'a str,
    path: Vec<Seg>,
    problems: Vec<Problem>,
}

impl<'a> Checker<'a> {
    pub fn new(file: &'a str, source: &'a str) -> Self {
        Checker {
            file,
            source,
            path: Vec::new(),
            problems: Vec::new(),
        }
    }

    pub fn into_problems(self) -> Vec<Problem> {
        self.problems
    }

    /// Runs `check` with `seg` appended to the current path.
    fn at(&mut self, seg: Seg, check: impl FnOnce(&mut Self)) {
        self.path.push(seg);
        check(self);
        self.path.pop();
    }

    /// Reports a problem at the current path (or the nearest part of it
    /// that exists in the file).
    fn report(&mut self, message: impl Into<String>) {
        let offset = (0..=self.path.len())
            .rev()
            .find_map(|len| locate(self.source, &self.path[..len]))
            .unwrap_or(0);
        let (line, column) = line_column(self.source, offset);
        self.problems.push(Problem {
            file: self.file.to_string(),
            path: path_to_string(&self.path),
            line,
            column,
            message: message.into(),
        });
    }

    /// Checks a text under `key`: both languages must be present.
    fn text(&mut self, key: &'static str, text: &Text) {
        self.at(Seg::Key(key), |c| c.text_here(text));
    }

    /// Checks the text at the current path.
    fn text_here(&mut self, text: &Text) {
        for (lang, name, value) in [("zh", "Chinese", &text.zh), ("en", "English", &text.en)] {
            if value.trim().is_empty() {
                self.at(Seg::Key(lang), |c| {
                    c.report(format!("the {name} text is empty"))
                });
            }
        }
    }

    fn id(&mut self, id: &str, seen: &mut HashMap<String, usize>, index: usize, list: &str) {
        self.at(Seg::Key("id"), |c| {
            if id.trim().is_empty() {
                c.report("the id is empty; give each item a short unique name such as \"oath\"");
            } else if let Some(first) = seen.insert(id.to_string(), index) {
                c.report(format!(
                    "the id \"{id}\" is used twice: also by {list}[{first}]; ids must be unique"
                ));
            }
        });
    }

    /// Checks a picture's file, alt text and size.
    fn picture(&mut self, src: &str, alt: &Text, width: u32, height: u32) {
        if src.trim().is_empty() {
            self.at(Seg::Key("src"), |c| {
                c.report("the photo has no file (src is empty)")
            });
        }
        self.text("alt", alt);
        for (key, value) in [("width", width), ("height", height)] {
            if value == 0 {
                self.at(Seg::Key(key), |c| {
                    c.report(format!(
                        "{key} must be the photo's real {key} in pixels, not 0"
                    ))
                });
            }
        }
    }

    /// Checks each item of a list under `key` with its own path.
    fn each<T>(
        &mut self,
        key: &'static str,
        items: &[T],
        mut check: impl FnMut(&mut Self, usize, &T),
    ) {
        self.at(Seg::Key(key), |c| {
            for (index, item) in items.iter().enumerate() {
                c.at(Seg::Index(index), |c| check(c, index, item));
            }
        });
    }
}

/// Content that can check itself beyond its types.
pub trait Validate {
    fn validate(&self, checker: &mut Checker);
}

impl Validate for Site {
    fn validate(&self, c: &mut Checker) {
        for (key, text) in [
            ("title", &self.title),
            ("subtitle", &self.subtitle),
            ("date", &self.date),
            ("place", &self.place),
        ] {
            c.text(key, text);
        }
        if self.organisers.is_empty() {
            c.at(Seg::Key("organisers"), |c| {
                c.report("list at least one organiser")
            });
        }
        let mut ids = HashMap::new();
        c.each("organisers", &self.organisers, |c, i, organiser| {
            c.id(&organiser.id, &mut ids, i, "organisers");
            c.text("name", &organiser.name);
        });
        c.at(Seg::Key("share"), |c| {
            c.text("title", &self.share.title);
            c.text("description", &self.share.description);
        });
    }
}

impl Validate for Story {
    fn validate(&self, c: &mut Checker) {
        if self.sections.is_empty() {
            c.at(Seg::Key("sections"), |c| {
                c.report("the story has no sections")
            });
        }
        let mut ids = HashMap::new();
        c.each("sections", &self.sections, |c, i, section| {
            c.id(&section.id, &mut ids, i, "sections");
            c.text("heading", &section.heading);
            if section.paragraphs.is_empty() {
                c.at(Seg::Key("paragraphs"), |c| {
                    c.report("this section has no paragraphs")
                });
            }
            c.each("paragraphs", &section.paragraphs, |c, _, paragraph| {
                c.text_here(paragraph)
            });
        });
    }
}

impl Validate for Timeline {
    fn validate(&self, c: &mut Checker) {
        if self.entries.is_empty() {
            c.at(Seg::Key("entries"), |c| {
                c.report("the timeline has no entries")
            });
        }
        let timed = self.entries.iter().filter(|e| e.time.is_some()).count();
        let mixed = timed > 0 && timed < self.entries.len();
        let mut ids = HashMap::new();
        c.each("entries", &self.entries, |c, i, entry: &Entry| {
            c.id(&entry.id, &mut ids, i, "entries");
            match &entry.time {
                Some(time) if !is_time_of_day(time) => c.at(Seg::Key("time"), |c| {
                    c.report(format!(
                        "\"{time}\" is not a time of day; write it as HH:MM, e.g. \"09:30\""
                    ))
                }),
                None if mixed => c.report(
                    "this entry has no \"time\" but others do; give every entry a time, or none",
                ),
                _ => {}
            }
            c.text("title", &entry.title);
            c.text("text", &entry.text);
            for (key, text) in [
                ("place", &entry.place),
                ("speaker", &entry.speaker),
                ("part", &entry.part),
            ] {
                if let Some(text) = text {
                    c.text(key, text);
                }
            }
            c.each("photos", &entry.photos, |c, _, photo: &Photo| {
                c.picture(&photo.src, &photo.alt, photo.width, photo.height);
                c.text("caption", &photo.caption);
                if let Some(credit) = &photo.credit {
                    c.text("credit", credit);
                }
                c.each("srcset", &photo.srcset, |c, _, variant: &Variant| {
                    if variant.src.trim().is_empty() {
                        c.at(Seg::Key("src"), |c| {
                            c.report("the variant has no file (src is empty)")
                        });
                    }
                    if variant.width == 0 {
                        c.at(Seg::Key("width"), |c| {
                            c.report("width must be the variant's width in pixels, not 0")
                        });
                    }
                });
                if let Some(color) = &photo.color
                    && !is_hex_colour(color)
                {
                    c.at(Seg::Key("color"), |c| {
                        c.report(format!(
                            "\"{color}\" is not a colour; write it as \"#rrggbb\", e.g. \"#c9a27e\""
                        ))
                    });
                }
            });
        });
    }
}

impl Validate for Quiz {
    fn validate(&self, c: &mut Checker) {
        c.text("title", &self.title);
        c.text("intro", &self.intro);
        if self.questions.is_empty() {
            c.at(Seg::Key("questions"), |c| {
                c.report("the quiz has no questions")
            });
        }
        c.at(Seg::Key("settings"), |c| {
            self.settings.check(c, self.questions.len())
        });
        let mut ids = HashMap::new();
        c.each("questions", &self.questions, |c, i, question: &Question| {
            c.id(&question.id, &mut ids, i, "questions");
            c.text("prompt", &question.prompt);
            c.text("explanation", &question.explanation);
            if let Some(image) = &question.image {
                c.at(Seg::Key("image"), |c| {
                    c.picture(&image.src, &image.alt, image.width, image.height)
                });
            }
            check_options(c, question);
            c.at(Seg::Key("answer"), |c| {
                check_answer(c, &question.answer, question.options.len())
            });
        });
    }
}

impl QuizSettings {
    fn check(&self, c: &mut Checker, questions: usize) {
        if let Some(draw) = self.draw
            && (draw == 0 || draw > questions)
        {
            c.at(Seg::Key("draw"), |c| {
                c.report(format!(
                    "draw {draw} questions is impossible: there are {questions}; use a number from 1 to {questions}"
                ))
            });
        }
        if let Some(seconds) = self.time_limit_seconds
            && seconds < 5
        {
            c.at(Seg::Key("time_limit_seconds"), |c| {
                c.report(format!(
                    "{seconds} seconds is too short to read a question; allow at least 5"
                ))
            });
        }
        if self.pass_percent > 100 {
            c.at(Seg::Key("pass_percent"), |c| {
                c.report("pass_percent is a percentage: 0 to 100")
            });
        }
        c.each("bands", &self.bands, |c, _, band: &Band| {
            if band.min_percent > 100 {
                c.at(Seg::Key("min_percent"), |c| {
                    c.report("min_percent is a percentage: 0 to 100")
                });
            }
            c.text("message", &band.message);
        });
    }
}

fn check_options(c: &mut Checker, question: &Question) {
    let count = question.options.len();
    if question.kind() == QuestionKind::TrueFalse {
        if count > 0 {
            c.at(Seg::Key("options"), |c| {
                c.report("a true-or-false question (\"answer\": true or false) takes no options; remove them or answer with an option number")
            });
        }
        return;
    }
    if count < 2 {
        c.at(Seg::Key("options"), |c| {
            c.report("a question needs at least two options")
        });
    }
    c.each("options", &question.options, |c, _, option: &Choice| {
        c.text_here(&option.text());
        if let Some(feedback) = &option.feedback {
            c.text("feedback", feedback);
        }
    });
}

fn check_answer(c: &mut Checker, answer: &Answer, options: usize) {
    let numbers = match answer {
        Answer::Truth(_) => return,
        Answer::One(n) => vec![*n],
        Answer::Many(list) => list.clone(),
    };
    if numbers.is_empty() {
        c.report("no correct option is given; write its number, e.g. \"answer\": 2");
        return;
    }
    let mut seen = Vec::new();
    for number in numbers {
        if number == 0 || number > options {
            c.report(format!(
                "answer {number} does not exist: this question has {options} options, numbered 1 to {options}"
            ));
        } else if seen.contains(&number) {
            c.report(format!("answer {number} is listed twice"));
        }
        seen.push(number);
    }
}

/// "#rgb" or "#rrggbb".
pub fn is_hex_colour(colour: &str) -> bool {
    colour
        .strip_prefix('#')
        .is_some_and(|hex| matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit()))
}

/// "HH:MM" with 00 <= HH <= 23 and 00 <= MM <= 59.
pub fn is_time_of_day(time: &str) -> bool {
    let bytes = time.as_bytes();
    bytes.len() == 5
        && bytes[2] == b':'
        && time[..2]
            .parse::<u8>()
            .is_ok_and(|h| h < 24 && bytes[0].is_ascii_digit() && bytes[1].is_ascii_digit())
        && time[3..]
            .parse::<u8>()
            .is_ok_and(|m| m < 60 && bytes[3].is_ascii_digit() && bytes[4].is_ascii_digit())
}
