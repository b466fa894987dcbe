//! The quiz as a pure state machine: draw and shuffle with a seed, choose,
//! submit (or time out), feedback, next, result, retry; scoring and the
//! saved form that lets a visitor resume. No web dependencies: the
//! component renders it and feeds it clicks and clock ticks.

use crate::content::{QuestionKind, Quiz};
use serde::{Deserialize, Serialize};

/// Where the visitor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// The start screen.
    Start,
    /// Choosing options for the current question.
    Answering,
    /// Submitted (or timed out): the verdict and explanation are shown.
    Feedback { correct: bool, timed_out: bool },
    /// Every question answered: the result is shown.
    Finished,
}

/// A question as asked in this run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asked {
    /// Index of the question in `quiz.json`.
    pub question: usize,
    /// The options in the order shown (indexes into the question's options).
    pub option_order: Vec<usize>,
    /// The correct options (sorted indexes).
    pub correct: Vec<usize>,
    pub multiple: bool,
}

/// What the visitor gave for one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Given {
    /// The options chosen (sorted indexes into the question's options).
    pub chosen: Vec<usize>,
    pub timed_out: bool,
    /// Milliseconds spent on the question.
    pub millis: u64,
}

/// One run through the quiz; serialisable so it survives a reload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizRun {
    /// Identifies the `quiz.json` this run was drawn from.
    pub fingerprint: u64,
    seed: u64,
    asked: Vec<Asked>,
    current: usize,
    selected: Vec<usize>,
    given: Vec<Given>,
    phase: Phase,
    /// Time used on the current question so far.
    question_millis: u64,
    /// Seconds per question, or none; the visitor may lift or extend it.
    time_limit: Option<u32>,
    partial_credit: bool,
}

/// What became of a saved run on restore.
#[derive(Debug, Clone, PartialEq)]
pub enum Restored {
    /// Nothing was saved.
    Nothing,
    /// The saved run, ready to continue.
    Resumed(QuizRun),
    /// Saved from a different `quiz.json`: discarded.
    QuizChanged,
    /// Unreadable: ignored.
    Corrupt,
}

impl QuizRun {
    /// A new run on the start screen, drawn and shuffled with `seed`.
    pub fn new(quiz: &Quiz, seed: u64) -> Self {
        let settings = &quiz.settings;
        let mut rng = SplitMix64(seed);
        let mut order: Vec<usize> = (0..quiz.questions.len()).collect();
        if settings.shuffle_questions || settings.draw.is_some() {
            rng.shuffle(&mut order);
        }
        if let Some(draw) = settings.draw {
            order.truncate(draw.max(1));
            if !settings.shuffle_questions {
                order.sort_unstable();
            }
        }
        let asked = order
            .into_iter()
            .map(|index| {
                let question = &quiz.questions[index];
                let mut option_order: Vec<usize> = (0..question.choices().len()).collect();
                if settings.shuffle_options && question.kind() != QuestionKind::TrueFalse {
                    rng.shuffle(&mut option_order);
                }
                Asked {
                    question: index,
                    option_order,
                    correct: question.correct_indexes(),
                    multiple: question.is_multiple(),
                }
            })
            .collect();
        QuizRun {
            fingerprint: fingerprint(quiz),
            seed,
            asked,
            current: 0,
            selected: Vec::new(),
            given: Vec::new(),
            phase: Phase::Start,
            question_millis: 0,
            time_limit: settings.time_limit_seconds,
            partial_credit: settings.partial_credit,
        }
    }

    /// Restores a saved run if it belongs to this quiz and makes sense.
    pub fn restore(saved: Option<&str>, quiz: &Quiz) -> Restored {
        let Some(saved) = saved else {
            return Restored::Nothing;
        };
        let Ok(run) = serde_json::from_str::<QuizRun>(saved) else {
            return Restored::Corrupt;
        };
        if run.fingerprint != fingerprint(quiz) {
            return Restored::QuizChanged;
        }
        if run.is_consistent(quiz) {
            Restored::Resumed(run)
        } else {
            Restored::Corrupt
        }
    }

    /// The saved form.
    pub fn save(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    fn is_consistent(&self, quiz: &Quiz) -> bool {
        let questions_fit = self.asked.iter().all(|a| {
            quiz.questions.get(a.question).is_some_and(|q| {
                let n = q.choices().len();
                let mut order = a.option_order.clone();
                order.sort_unstable();
                order == (0..n).collect::<Vec<_>>() && a.correct == q.correct_indexes()
            })
        });
        let answered = match self.phase {
            Phase::Start => self.given.is_empty() && self.current == 0,
            Phase::Answering => self.given.len() == self.current,
            Phase::Feedback { .. } => self.given.len() == self.current + 1,
            Phase::Finished => self.given.len() == self.asked.len(),
        };
        questions_fit
            && answered
            && (self.current < self.asked.len() || self.asked.is_empty())
            && self.selected.iter().all(|&o| {
                self.asked
                    .get(self.current)
                    .is_some_and(|a| o < a.option_order.len())
            })
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// Index (in this run) of the question on screen.
    pub fn current(&self) -> usize {
        self.current
    }

    /// How many questions this run asks.
    pub fn total(&self) -> usize {
        self.asked.len()
    }

    /// The question on screen, as asked.
    pub fn asked(&self) -> Option<&Asked> {
        self.asked.get(self.current)
    }

    /// Every question of the run, in order, with what was given.
    pub fn review(&self) -> impl Iterator<Item = (&Asked, Option<&Given>)> {
        self.asked
            .iter()
            .enumerate()
            .map(|(i, a)| (a, self.given.get(i)))
    }

    /// The options chosen for the current question (sorted indexes).
    pub fn selected(&self) -> &[usize] {
        &self.selected
    }

    /// What was given for the current question, once submitted.
    pub fn given_now(&self) -> Option<&Given> {
        match self.phase {
            Phase::Feedback { .. } => self.given.get(self.current),
            _ => None,
        }
    }

    /// Leaves the start screen.
    pub fn start(&mut self) {
        if self.phase == Phase::Start {
            self.phase = if self.asked.is_empty() {
                Phase::Finished
            } else {
                Phase::Answering
            };
        }
    }

    /// Chooses an option: replaces the choice for single choice, toggles it
    /// for multiple choice. Ignored unless answering, or out of range.
    pub fn choose(&mut self, option: usize) {
        let Some(asked) = self.asked.get(self.current) else {
            return;
        };
        if self.phase != Phase::Answering || option >= asked.option_order.len() {
            return;
        }
        if asked.multiple {
            match self.selected.binary_search(&option) {
                Ok(at) => {
                    self.selected.remove(at);
                }
                Err(at) => self.selected.insert(at, option),
            }
        } else {
            self.selected = vec![option];
        }
    }

    pub fn can_submit(&self) -> bool {
        self.phase == Phase::Answering && !self.selected.is_empty()
    }

    /// Submits the choice; returns whether it was wholly right.
    pub fn submit(&mut self) -> Option<bool> {
        if !self.can_submit() {
            return None;
        }
        Some(self.record(false))
    }

    fn record(&mut self, timed_out: bool) -> bool {
        let chosen = std::mem::take(&mut self.selected);
        let correct = !timed_out && chosen == self.asked[self.current].correct;
        self.given.push(Given {
            chosen,
            timed_out,
            millis: self.question_millis,
        });
        self.phase = Phase::Feedback { correct, timed_out };
        correct
    }

    /// Advances the clock by `millis`; when the time limit runs out while
    /// answering, the question counts as wrong and the feedback shows.
    pub fn tick(&mut self, millis: u64) {
        if self.phase != Phase::Answering {
            return;
        }
        self.question_millis = self.question_millis.saturating_add(millis);
        if self.seconds_left() == Some(0) {
            self.record(true);
        }
    }

    /// Seconds left on the current question, if there is a limit.
    pub fn seconds_left(&self) -> Option<u32> {
        let limit = u64::from(self.time_limit?) * 1000;
        Some(limit.saturating_sub(self.question_millis).div_ceil(1000) as u32)
    }

    pub fn time_limit(&self) -> Option<u32> {
        self.time_limit
    }

    /// Lifts the time limit (WCAG 2.2.1: the visitor can turn it off).
    pub fn remove_time_limit(&mut self) {
        self.time_limit = None;
    }

    /// Sets the time limit before starting (the start screen's choice).
    pub fn set_time_limit(&mut self, seconds: Option<u32>) {
        if self.phase == Phase::Start {
            self.time_limit = seconds;
        }
    }

    /// Gives more time on every question from now on.
    pub fn extend_time_limit(&mut self, seconds: u32) {
        if let Some(limit) = &mut self.time_limit {
            *limit = limit.saturating_add(seconds);
        }
    }

    /// After feedback: the next question, or the result after the last.
    pub fn next(&mut self) {
        if !matches!(self.phase, Phase::Feedback { .. }) {
            return;
        }
        self.question_millis = 0;
        if self.current + 1 < self.total() {
            self.current += 1;
            self.phase = Phase::Answering;
        } else {
            self.phase = Phase::Finished;
        }
    }

    /// Points earned for run question `index`: 0 to 1.
    pub fn points(&self, index: usize) -> f64 {
        let (Some(asked), Some(given)) = (self.asked.get(index), self.given.get(index)) else {
            return 0.0;
        };
        if given.timed_out {
            return 0.0;
        }
        if given.chosen == asked.correct {
            return 1.0;
        }
        if !(asked.multiple && self.partial_credit) {
            return 0.0;
        }
        let right = given
            .chosen
            .iter()
            .filter(|o| asked.correct.contains(o))
            .count() as f64;
        let wrong = given.chosen.len() as f64 - right;
        ((right - wrong) / asked.correct.len() as f64).max(0.0)
    }

    /// Total points so far: between 0 and the number of questions.
    pub fn score(&self) -> f64 {
        (0..self.given.len()).map(|i| self.points(i)).sum()
    }

    /// The score as a whole percentage of the questions asked.
    pub fn percent(&self) -> u32 {
        if self.asked.is_empty() {
            return 0;
        }
        (self.score() * 100.0 / self.total() as f64).round() as u32
    }

    /// Total time spent answering, in milliseconds.
    pub fn millis_used(&self) -> u64 {
        self.given.iter().fold(self.question_millis, |total, g| {
            total.saturating_add(g.millis)
        })
    }

    /// Starts again on the first question with a fresh draw from `seed`
    /// (the same order if nothing is shuffled), keeping the visitor's
    /// time-limit choice.
    pub fn retry(&mut self, quiz: &Quiz, seed: u64) {
        let time_limit = self.time_limit;
        *self = QuizRun::new(quiz, seed);
        self.time_limit = time_limit;
        self.start();
    }
}

/// Identifies a quiz's questions, so a saved run from another `quiz.json`
/// is not applied to this one: FNV-1a over [`canonical`]. The title and the
/// intro are not part of it, so rewording them keeps visitors' progress.
pub fn fingerprint(quiz: &Quiz) -> u64 {
    canonical(quiz)
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
}

/// The questions and settings as JSON with the fields in the model's order:
/// a format that stays the same from one build to the next (unlike `Debug`
/// output, which the compiler may change).
pub fn canonical(quiz: &Quiz) -> String {
    serde_json::to_string(&(&quiz.questions, &quiz.settings)).unwrap_or_default()
}

/// A small seeded generator (SplitMix64): the same seed gives the same draw.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Fisher–Yates.
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// The band message for a percentage: the band with the highest
/// `min_percent` not above it.
pub fn band_for(quiz: &Quiz, percent: u32) -> Option<&crate::content::Band> {
    quiz.settings
        .bands
        .iter()
        .filter(|band| band.min_percent <= percent)
        .max_by_key(|band| band.min_percent)
}

/// A shared result, as carried in a link: `?score=8&of=12`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SharedResult {
    pub score: f64,
    pub total: usize,
}

impl SharedResult {
    /// Reads a shared result for `quiz` from a URL query string: `score`
    /// and `of` in digits only, `of` at most the quiz's number of questions,
    /// `score` at most `of` and whole unless the quiz gives partial credit
    /// (then one decimal, as `to_query` writes it). `None` if absent or
    /// anything else (`1e3`, `1000`, `-1`, `7.5` without partial credit).
    pub fn from_query(query: &str, quiz: &Quiz) -> Option<SharedResult> {
        let mut score = None;
        let mut total = None;
        for pair in query.trim_start_matches('?').split('&') {
            match pair.split_once('=') {
                Some(("score", value)) => score = Some(value),
                Some(("of", value)) => total = Some(value),
                _ => {}
            }
        }
        let total = whole_number(total?)?;
        let score = match score?.split_once('.') {
            None => whole_number(score?)? as f64,
            Some((whole, tenths)) if quiz.settings.partial_credit && tenths.len() == 1 => {
                whole_number(whole)? as f64 + whole_number(tenths)? as f64 / 10.0
            }
            Some(_) => return None,
        };
        (total > 0 && total <= quiz.questions.len() && score <= total as f64)
            .then_some(SharedResult { score, total })
    }

    /// The query string that carries this result.
    pub fn to_query(self) -> String {
        format!("score={}&of={}", format_score(self.score), self.total)
    }

    pub fn percent(self) -> u32 {
        (self.score * 100.0 / self.total as f64).round() as u32
    }
}

/// A number written in digits only (no sign, exponent or spaces), of at
/// most six digits.
fn whole_number(text: &str) -> Option<usize> {
    (!text.is_empty() && text.len() <= 6 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// A score for people: `8`, or `7.5` with partial credit.
pub fn format_score(score: f64) -> String {
    crate::decimal::short(score, 1)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
