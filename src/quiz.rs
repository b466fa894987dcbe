//! The quiz as a pure state machine: choose, submit, see the result, next,
//! final score, retry. No web dependencies; the component only renders it.

use crate::content::Quiz;

/// Where the visitor is in the current question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Choosing options; not yet submitted.
    Answering,
    /// Submitted: the result and explanation are shown.
    Feedback { correct: bool },
    /// Every question answered: the score is shown.
    Finished,
}

/// One run through the quiz.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizRun {
    /// Per question, the correct option indexes (0-based, sorted).
    correct: Vec<Vec<usize>>,
    /// Per question, how many options it has.
    option_counts: Vec<usize>,
    current: usize,
    selected: Vec<usize>,
    /// The submitted answers so far, one per answered question.
    answers: Vec<Vec<usize>>,
    phase: Phase,
}

impl QuizRun {
    /// Starts at the first question. A quiz without questions is finished.
    pub fn new(quiz: &Quiz) -> Self {
        let phase = if quiz.questions.is_empty() {
            Phase::Finished
        } else {
            Phase::Answering
        };
        QuizRun {
            correct: quiz.questions.iter().map(|q| q.correct_indexes()).collect(),
            option_counts: quiz.questions.iter().map(|q| q.options.len()).collect(),
            current: 0,
            selected: Vec::new(),
            answers: Vec::new(),
            phase,
        }
    }

    /// Index of the question on screen.
    pub fn current(&self) -> usize {
        self.current
    }

    pub fn total(&self) -> usize {
        self.correct.len()
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// The options chosen for the current question (0-based, sorted).
    pub fn selected(&self) -> &[usize] {
        &self.selected
    }

    /// Whether the current question needs several options.
    pub fn is_multiple(&self) -> bool {
        self.correct.get(self.current).is_some_and(|c| c.len() > 1)
    }

    /// Whether `option` of the current question is correct.
    pub fn is_correct_option(&self, option: usize) -> bool {
        self.correct
            .get(self.current)
            .is_some_and(|c| c.contains(&option))
    }

    /// Chooses an option: replaces the choice for single choice, toggles it
    /// for multiple choice. Ignored once submitted or out of range.
    pub fn choose(&mut self, option: usize) {
        if self.phase != Phase::Answering || option >= self.option_counts[self.current] {
            return;
        }
        if self.is_multiple() {
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

    /// Whether something is chosen and can be submitted.
    pub fn can_submit(&self) -> bool {
        self.phase == Phase::Answering && !self.selected.is_empty()
    }

    /// Submits the choice; returns whether it was right (all correct
    /// options and nothing else). `None` if there is nothing to submit.
    pub fn submit(&mut self) -> Option<bool> {
        if !self.can_submit() {
            return None;
        }
        let correct = self.selected == self.correct[self.current];
        self.answers.push(std::mem::take(&mut self.selected));
        self.phase = Phase::Feedback { correct };
        Some(correct)
    }

    /// After feedback: the next question, or the score after the last.
    pub fn next(&mut self) {
        if !matches!(self.phase, Phase::Feedback { .. }) {
            return;
        }
        if self.current + 1 < self.total() {
            self.current += 1;
            self.phase = Phase::Answering;
        } else {
            self.phase = Phase::Finished;
        }
    }

    /// The answer submitted for question `index`, if any.
    pub fn answer(&self, index: usize) -> Option<&[usize]> {
        self.answers.get(index).map(Vec::as_slice)
    }

    /// Questions answered correctly so far.
    pub fn score(&self) -> usize {
        self.answers
            .iter()
            .zip(&self.correct)
            .filter(|(answer, correct)| answer == correct)
            .count()
    }

    /// Starts again from the first question with nothing answered.
    pub fn retry(&mut self) {
        self.current = 0;
        self.selected.clear();
        self.answers.clear();
        self.phase = if self.correct.is_empty() {
            Phase::Finished
        } else {
            Phase::Answering
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Answer, Question, Text};

    fn text(s: &str) -> Text {
        Text {
            zh: s.into(),
            en: s.into(),
        }
    }

    fn question(id: &str, options: usize, answer: Vec<usize>) -> Question {
        Question {
            id: id.into(),
            prompt: text(id),
            options: (0..options).map(|i| text(&i.to_string())).collect(),
            answer: Answer(answer),
            explanation: text("because"),
        }
    }

    fn quiz() -> Quiz {
        Quiz {
            schema: None,
            title: text("t"),
            intro: text("i"),
            questions: vec![
                question("single", 4, vec![2]),
                question("multi", 4, vec![1, 3]),
            ],
        }
    }

    #[test]
    fn a_right_and_a_wrong_answer_score_one() {
        let mut run = QuizRun::new(&quiz());
        run.choose(0);
        run.choose(1); // single choice: replaces
        assert_eq!(run.selected(), &[1]);
        assert_eq!(run.submit(), Some(true));
        assert_eq!(run.phase(), Phase::Feedback { correct: true });
        run.next();
        assert_eq!(run.current(), 1);
        assert!(run.is_multiple());
        run.choose(0);
        assert_eq!(
            run.submit(),
            Some(false),
            "one of two correct options is wrong"
        );
        run.next();
        assert_eq!(run.phase(), Phase::Finished);
        assert_eq!(run.score(), 1);
        assert_eq!(run.answer(1), Some(&[0][..]));
    }

    #[test]
    fn multiple_choice_needs_every_correct_option_and_toggles() {
        let mut run = QuizRun::new(&quiz());
        run.choose(1);
        run.submit();
        run.next();
        for option in [2, 0, 0, 0] {
            run.choose(option);
        }
        assert_eq!(run.selected(), &[0, 2]);
        assert_eq!(run.submit(), Some(true));
    }

    #[test]
    fn nothing_to_submit_and_out_of_phase_actions_are_ignored() {
        let mut run = QuizRun::new(&quiz());
        assert_eq!(run.submit(), None);
        run.next();
        assert_eq!(run.current(), 0, "next before submitting does nothing");
        run.choose(9);
        assert!(run.selected().is_empty(), "an option that does not exist");
        run.choose(2);
        run.submit();
        run.choose(3);
        assert!(run.selected().is_empty(), "no choosing after submitting");
    }

    #[test]
    fn retry_starts_over_with_a_zero_score() {
        let mut run = QuizRun::new(&quiz());
        for _ in 0..2 {
            run.choose(1);
            run.submit();
            run.next();
        }
        assert_eq!(run.phase(), Phase::Finished);
        run.retry();
        assert_eq!(
            (run.current(), run.score(), run.phase()),
            (0, 0, Phase::Answering)
        );
    }
}
