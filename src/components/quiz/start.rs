//! The quiz's start screen, and the card a shared result link opens on.

use super::QuizContext;
use crate::i18n::{tr, ui, use_lang, words};
use crate::quiz::{QuizRun, SharedResult, band_for, format_score};
use crate::ui_text::score_sentence;
use leptos::prelude::*;

/// Title, what to expect, the time-limit choice and the start button.
#[component]
pub fn StartScreen() -> impl IntoView {
    let QuizContext { quiz, run } = expect_context::<QuizContext>();
    let (title, intro, pass) =
        quiz.with_value(|q| (q.shown_title(), q.intro.clone(), q.settings.pass_percent));
    let total = run.with_untracked(QuizRun::total);
    let limit = Memo::new(move |_| run.with(QuizRun::time_limit));
    let had_limit = limit.get_untracked().is_some();
    view! {
        <h3 class="quiz__title" tabindex="-1" data-focus>
            {tr(title)}
        </h3>
        {intro.map(|intro| view! { <p class="quiz__intro">{tr(intro)}</p> })}
        <ul class="quiz__facts">
            <li>{total}" "{ui(words::QUESTIONS)}</li>
            {move || limit.get().map(|seconds| view! { <li>{seconds}" "{ui(words::SECONDS_EACH)}</li> })}
            <li>{ui(words::PASS_MARK)}" "{pass}"%"</li>
        </ul>
        {had_limit
            .then(|| {
                view! {
                    <label class="quiz__toggle">
                        <input
                            type="checkbox"
                            prop:checked=move || limit.get().is_none()
                            on:change=move |_| {
                                if limit.get_untracked().is_some() {
                                    run.update(QuizRun::remove_time_limit);
                                } else {
                                    let seconds = quiz.with_value(|q| q.settings.time_limit_seconds);
                                    run.update(|r| r.set_time_limit(seconds));
                                }
                            }
                        />
                        {ui(words::NO_TIME_LIMIT)}
                    </label>
                }
            })}
        <div class="quiz__actions">{start_button(run)}</div>
    }
}

/// The start button; in the build's rendering, before the app runs, a
/// disabled one saying the quiz is getting ready.
fn start_button(run: RwSignal<QuizRun>) -> AnyView {
    if crate::browser::in_browser() {
        view! {
            <button type="button" class="button button--primary" on:click=move |_| run.update(QuizRun::start)>
                {ui(words::START)}
            </button>
        }
        .into_any()
    } else {
        view! {
            <button type="button" class="button button--primary" disabled>
                {ui(words::GETTING_READY)}
            </button>
        }
        .into_any()
    }
}

/// What a shared result link shows: the score someone got, and a way in.
#[component]
pub fn SharedResultCard(
    /// The result carried by the link.
    result: SharedResult,
    /// Closes the card and shows the quiz.
    on_close: impl Fn() + 'static,
) -> impl IntoView {
    let QuizContext { quiz, .. } = expect_context::<QuizContext>();
    let lang = use_lang();
    let band = quiz.with_value(|q| band_for(q, result.percent()).map(|b| b.message.clone()));
    let score = format_score(result.score);
    let (total, percent) = (result.total, result.percent());
    view! {
        <section class="shared-result" aria-labelledby="shared-result-title">
            <h3 id="shared-result-title">{ui(words::SHARED_TITLE)}</h3>
            <p class="quiz__score">{move || score_sentence(lang.get(), &score, total, percent)}</p>
            {band.map(|message| view! { <p class="quiz__band">{tr(message)}</p> })}
            <button type="button" class="button button--primary" on:click=move |_| on_close()>
                {ui(words::TAKE_QUIZ)}
            </button>
        </section>
    }
}
