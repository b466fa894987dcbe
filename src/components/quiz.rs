//! The quiz: one question at a time, right or wrong with the explanation,
//! then the score and a retry. The rules live in [`crate::quiz::QuizRun`].

use crate::content::{Lang, Question, Quiz};
use crate::i18n::{tr, ui, use_lang, words};
use crate::quiz::{Phase, QuizRun};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The whole quiz, from the first question to the score.
#[component]
pub fn QuizView(
    /// The questions, from `quiz.json`.
    quiz: Quiz,
) -> impl IntoView {
    let run = RwSignal::new(QuizRun::new(&quiz));
    let current = Memo::new(move |_| run.with(QuizRun::current));
    let finished = Memo::new(move |_| run.with(|r| r.phase() == Phase::Finished));
    let questions = StoredValue::new(quiz.questions.clone());
    // Moves focus to the new question's heading (or the score) so keyboard
    // and screen-reader users continue where the content changed.
    let focus_target = NodeRef::<html::Div>::new();
    let move_focus = move || {
        if let Some(target) = focus_target.get() {
            request_animation_frame(move || {
                if let Some(heading) = target.query_selector("[data-focus]").ok().flatten() {
                    let _ = heading.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            });
        }
    };

    view! {
        <h3 class="quiz__title">{tr(quiz.title)}</h3>
        <p class="quiz__intro">{tr(quiz.intro)}</p>
        <div class="quiz" node_ref=focus_target>
            {move || {
                if finished.get() {
                    let on_retry = Callback::new(move |()| {
                        run.update(QuizRun::retry);
                        move_focus();
                    });
                    view! { <QuizResult run on_retry/> }.into_any()
                } else {
                    let index = current.get();
                    let question = questions.with_value(|q| q[index].clone());
                    let on_next = Callback::new(move |()| {
                        run.update(QuizRun::next);
                        move_focus();
                    });
                    view! { <QuestionCard run question on_next/> }.into_any()
                }
            }}
        </div>
    }
}

/// One question: its options, submit, then the verdict and explanation.
#[component]
fn QuestionCard(
    run: RwSignal<QuizRun>,
    question: Question,
    on_next: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let (index, total, multiple) =
        run.with_untracked(|r| (r.current(), r.total(), r.is_multiple()));
    let phase = Memo::new(move |_| run.with(QuizRun::phase));
    let answered = move || phase.get() != Phase::Answering;
    let group = format!("quiz-{}", question.id);
    let last = index + 1 == total;

    let options = question
        .options
        .iter()
        .cloned()
        .enumerate()
        .map(|(option, text)| {
            let chosen = move || {
                run.with(|r| {
                    r.selected().contains(&option)
                        || r.answer(index).is_some_and(|a| a.contains(&option))
                })
            };
            let is_correct = run.with_untracked(|r| r.is_correct_option(option));
            let mark = move || {
                if !answered() {
                    return None;
                }
                let word = if is_correct {
                    Some(words::CORRECT_ANSWER)
                } else if chosen() {
                    Some(words::YOUR_ANSWER)
                } else {
                    None
                };
                word.map(|w| w.get(lang.get()))
            };
            let class = move || {
                let mut class = String::from("quiz-option");
                if answered() && is_correct {
                    class.push_str(" quiz-option--correct");
                } else if answered() && chosen() {
                    class.push_str(" quiz-option--wrong");
                }
                class
            };
            view! {
                <li>
                    <label class=class>
                        <input
                            type=if multiple { "checkbox" } else { "radio" }
                            name=group.clone()
                            prop:checked=chosen
                            disabled=answered
                            on:change=move |_| run.update(|r| r.choose(option))
                        />
                        <span class="quiz-option__text">{tr(text)}</span>
                        <span class="quiz-option__mark">{mark}</span>
                    </label>
                </li>
            }
        })
        .collect_view();

    let verdict = move || match phase.get() {
        Phase::Feedback { correct } => Some(if correct {
            words::CORRECT
        } else {
            words::WRONG
        }),
        _ => None,
    };
    let explanation = tr(question.explanation.clone());

    view! {
        <p class="quiz__progress">
            <span>
                {move || match lang.get() {
                    Lang::Zh => format!("第 {} 题 / 共 {total} 题", index + 1),
                    Lang::En => format!("Question {} of {total}", index + 1),
                }}
            </span>
            <progress max=total value=index + 1 aria-hidden="true"></progress>
        </p>
        <fieldset class="quiz__question">
            <legend class="quiz__prompt" tabindex="-1" data-focus>
                {tr(question.prompt.clone())}
            </legend>
            {multiple.then(|| view! { <p class="quiz__hint">{ui(words::CHOOSE_ALL)}</p> })}
            <ul class="quiz__options">{options}</ul>
        </fieldset>
        <div class="quiz__feedback" aria-live="polite">
            {move || {
                verdict()
                    .map(|word| {
                        let explanation = explanation.clone();
                        view! {
                            <p class="quiz__verdict">{move || word.get(lang.get())}</p>
                            <p class="quiz__explanation">{explanation}</p>
                        }
                    })
            }}
        </div>
        <div class="quiz__actions">
            <Show
                when=answered
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="button button--primary"
                            disabled=move || !run.with(QuizRun::can_submit)
                            on:click=move |_| {
                                run.update(|r| {
                                    r.submit();
                                });
                            }
                        >
                            {ui(words::SUBMIT)}
                        </button>
                    }
                }
            >
                <button type="button" class="button button--primary" on:click=move |_| on_next.run(())>
                    {ui(if last { words::SEE_SCORE } else { words::NEXT })}
                </button>
            </Show>
        </div>
    }
}

/// The final score with a retry button.
#[component]
fn QuizResult(run: RwSignal<QuizRun>, on_retry: Callback<()>) -> impl IntoView {
    let lang = use_lang();
    let (score, total) = run.with_untracked(|r| (r.score(), r.total()));
    let percent = (score * 100).checked_div(total).unwrap_or(0);
    view! {
        <div class="quiz__result">
            <h3 tabindex="-1" data-focus>{ui(words::SCORE)}</h3>
            <p class="quiz__score">
                {move || match lang.get() {
                    Lang::Zh => format!("答对 {score} 题，共 {total} 题（{percent}%）"),
                    Lang::En => format!("{score} of {total} correct ({percent}%)"),
                }}
            </p>
            <button type="button" class="button button--primary" on:click=move |_| on_retry.run(())>
                {ui(words::RETRY_QUIZ)}
            </button>
        </div>
    }
}
