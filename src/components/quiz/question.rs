//! One question: progress, countdown, options, submit, then the verdict,
//! the correct answer and the explanation.

use super::QuizContext;
use crate::content::QuestionKind;
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
    let answered = move || phase.get() != Phase::Answering;
    let seconds_left = Memo::new(move |_| run.with(QuizRun::seconds_left));
    let last = index + 1 == total;
    let group = format!("quiz-{}", question.id);
    let kind = question.kind();
    let multiple = asked.multiple;

    let options = asked
        .option_order
        .iter()
        .map(|&option| {
            let choice = choices[option].clone();
            let is_correct = asked.correct.contains(&option);
            let chosen = Memo::new(move |_| {
                run.with(|r| {
                    r.selected().contains(&option)
                        || r.given_now().is_some_and(|g| g.chosen.contains(&option))
                })
            });
            let mark = move || {
                let word = match (answered(), is_correct, chosen.get()) {
                    (false, _, _) => return None,
                    (true, true, _) => words::CORRECT_ANSWER,
                    (true, false, true) => words::YOUR_ANSWER,
                    (true, false, false) => return None,
                };
                Some(word.get(lang.get()))
            };
            let class = move || match (answered(), is_correct, chosen.get()) {
                (true, true, _) => "quiz-option quiz-option--correct",
                (true, false, true) => "quiz-option quiz-option--wrong",
                _ => "quiz-option",
            };
            let feedback = choice.feedback.clone().map(|feedback| {
                let text = tr(feedback);
                move || {
                    (answered() && chosen.get()).then(
                        || view! { <span class="quiz-option__feedback">{text.clone()}</span> },
                    )
                }
            });
            view! {
                <li>
                    <label class=class>
                        <input
                            type=if multiple { "checkbox" } else { "radio" }
                            name=group.clone()
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
        })
        .collect_view();

    let explanation = tr(question.explanation.clone());
    let verdict = move || match phase.get() {
        Phase::Feedback {
            timed_out: true, ..
        } => Some(words::TIME_UP),
        Phase::Feedback { correct: true, .. } => Some(words::CORRECT),
        Phase::Feedback { .. } => Some(words::WRONG),
        _ => None,
    };
    let hint = match kind {
        QuestionKind::Multiple => Some(words::CHOOSE_ALL),
        QuestionKind::TrueFalse => Some(words::TRUE_OR_FALSE),
        QuestionKind::Single => None,
    };
    // Announced once, not every second.
    let ten_seconds =
        move || (seconds_left.get() == Some(10) && !answered()).then(|| ui(words::TEN_SECONDS));

    view! {
        <div class="quiz__progress">
            <span>
                {move || crate::ui_text::question_of(lang.get(), index + 1, total)}
            </span>
            <progress max=total value=index + 1 aria-hidden="true"></progress>
        </div>
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
        <div class="quiz__actions">
            // One button for submit and next, so keyboard focus stays on it.
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
