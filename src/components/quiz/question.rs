//! One question: progress, countdown, options, submit, then the verdict,
//! the correct answer and the explanation.

use super::QuizContext;
use crate::content::{Choice, QuestionKind, Text};
use crate::i18n::{tr, tr_attr, ui, use_lang, words};
use crate::quiz::{Asked, Phase, QuizRun};
use leptos::prelude::*;

/// The question the run is on.
#[component]
pub fn QuestionCard(
    /// Position of the question in this run (0-based).
    index: usize,
    /// The question as asked: option order and correct options.
    asked: Asked,
) -> impl IntoView {
    let QuizContext { quiz, run } = expect_context::<QuizContext>();
    let lang = use_lang();
    let question = quiz.with_value(|q| q.questions[asked.question].clone());
    let choices = question.choices();
    let total = run.with_untracked(QuizRun::total);
    let phase = Memo::new(move |_| run.with(QuizRun::phase));
    let group = format!("quiz-{}", question.id);
    let hint = match question.kind() {
        QuestionKind::Multiple => Some(words::CHOOSE_ALL),
        QuestionKind::TrueFalse => Some(words::TRUE_OR_FALSE),
        QuestionKind::Single => None,
    };
    let options = asked
        .option_order
        .iter()
        .map(|&option| {
            view! {
                <OptionItem
                    option
                    choice=choices[option].clone()
                    correct=asked.correct.contains(&option)
                    multiple=asked.multiple
                    group=group.clone()
                    phase
                />
            }
        })
        .collect_view();

    view! {
        <div class="quiz__progress">
            <span>
                {move || crate::ui_text::question_of(lang.get(), index + 1, total)}
            </span>
            <progress max=total value=index + 1 aria-hidden="true"></progress>
        </div>
        <Countdown phase/>
        <fieldset class="quiz__question">
            <legend class="quiz__prompt" tabindex="-1" data-focus>{tr(question.prompt.clone())}</legend>
            {hint.map(|word| view! { <p class="quiz__hint">{ui(word)}</p> })}
            {question
                .image
                .clone()
                .map(|image| {
                    view! {
                        <img
                            class="quiz__image"
                            src=image.src
                            alt=tr_attr(image.alt)
                            width=image.width
                            height=image.height
                            loading="lazy"
                            decoding="async"
                        />
                    }
                })}
            <ul class="quiz__options">{options}</ul>
        </fieldset>
        <Feedback phase explanation=question.explanation.clone()/>
        <SubmitButton phase last=index + 1 == total/>
    }
}

/// One option: a radio button or a checkbox with its text, and once
/// answered whether it was right, the visitor's choice, and its feedback.
#[component]
fn OptionItem(
    /// The option's number in the file (0-based).
    option: usize,
    choice: Choice,
    /// Whether it is a correct option.
    correct: bool,
    /// Checkboxes (several may be right) rather than radio buttons.
    multiple: bool,
    /// The name the question's inputs share.
    group: String,
    phase: Memo<Phase>,
) -> impl IntoView {
    let QuizContext { run, .. } = expect_context::<QuizContext>();
    let lang = use_lang();
    let answered = move || phase.get() != Phase::Answering;
    let chosen = Memo::new(move |_| {
        run.with(|r| {
            r.selected().contains(&option)
                || r.given_now().is_some_and(|g| g.chosen.contains(&option))
        })
    });
    let mark = move || {
        let word = match (answered(), correct, chosen.get()) {
            (false, _, _) => return None,
            (true, true, _) => words::CORRECT_ANSWER,
            (true, false, true) => words::YOUR_ANSWER,
            (true, false, false) => return None,
        };
        Some(word.get(lang.get()))
    };
    let class = move || match (answered(), correct, chosen.get()) {
        (true, true, _) => "quiz-option quiz-option--correct",
        (true, false, true) => "quiz-option quiz-option--wrong",
        _ => "quiz-option",
    };
    let feedback = choice.feedback.clone().map(|feedback| {
        let text = tr(feedback);
        move || {
            (answered() && chosen.get())
                .then(|| view! { <span class="quiz-option__feedback">{text.clone()}</span> })
        }
    });
    view! {
        <li>
            <label class=class>
                <input
                    type=if multiple { "checkbox" } else { "radio" }
                    name=group
                    prop:checked=move || chosen.get()
                    disabled=answered
                    on:change=move |_| run.update(|r| r.choose(option))
                />
                <span class="quiz-option__text">{tr(choice.text())}</span>
                <span class="quiz-option__mark">{mark}</span>
            </label>
            {feedback}
        </li>
    }
}

/// The seconds left, with buttons to add time or lift the limit, and ten
/// seconds before the end, said once.
#[component]
fn Countdown(phase: Memo<Phase>) -> impl IntoView {
    let QuizContext { run, .. } = expect_context::<QuizContext>();
    let seconds_left = Memo::new(move |_| run.with(QuizRun::seconds_left));
    let ten_seconds = move || {
        (seconds_left.get() == Some(10) && phase.get() == Phase::Answering)
            .then(|| ui(words::TEN_SECONDS))
    };
    view! {
        {move || {
            seconds_left
                .get()
                .map(|seconds| {
                    view! {
                        <div class="quiz__timer">
                            <span class="quiz__countdown" class:quiz__countdown--low=seconds <= 10 aria-hidden="true">
                                {seconds}" "{ui(words::SECONDS_LEFT)}
                            </span>
                            <button type="button" class="button button--small" on:click=move |_| run.update(|r| r.extend_time_limit(30))>
                                {ui(words::MORE_TIME)}
                            </button>
                            <button type="button" class="button button--small" on:click=move |_| run.update(QuizRun::remove_time_limit)>
                                {ui(words::TURN_OFF_LIMIT)}
                            </button>
                        </div>
                    }
                })
        }}
        <p class="visually-hidden" aria-live="polite">{ten_seconds}</p>
    }
}

/// Once answered: right, wrong or out of time, and the explanation.
#[component]
fn Feedback(phase: Memo<Phase>, explanation: Text) -> impl IntoView {
    let explanation = tr(explanation);
    let verdict = move || match phase.get() {
        Phase::Feedback {
            timed_out: true, ..
        } => Some(words::TIME_UP),
        Phase::Feedback { correct: true, .. } => Some(words::CORRECT),
        Phase::Feedback { .. } => Some(words::WRONG),
        _ => None,
    };
    view! {
        <div class="quiz__feedback" aria-live="polite">
            {move || {
                verdict()
                    .map(|word| {
                        let explanation = explanation.clone();
                        view! {
                            <p class="quiz__verdict">{ui(word)}</p>
                            <p class="quiz__explanation">{explanation}</p>
                        }
                    })
            }}
        </div>
    }
}

/// One button for submit and next, so keyboard focus stays on it; on the
/// last question it leads to the score.
#[component]
fn SubmitButton(phase: Memo<Phase>, last: bool) -> impl IntoView {
    let QuizContext { run, .. } = expect_context::<QuizContext>();
    let lang = use_lang();
    let answered = move || phase.get() != Phase::Answering;
    view! {
        <div class="quiz__actions">
            <button
                type="button"
                class="button button--primary"
                disabled=move || !answered() && !run.with(QuizRun::can_submit)
                on:click=move |_| {
                    if answered() {
                        run.update(QuizRun::next);
                    } else {
                        run.update(|r| {
                            r.submit();
                        });
                    }
                }
            >
                {move || {
                    let word = match (answered(), last) {
                        (false, _) => words::SUBMIT,
                        (true, false) => words::NEXT,
                        (true, true) => words::SEE_SCORE,
                    };
                    word.get(lang.get())
                }}
            </button>
        </div>
    }
}
