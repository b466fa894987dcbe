//! The quiz: start screen, one question at a time, result with review,
//! sharing and a poster. The rules live in [`crate::quiz::QuizRun`]; this
//! module renders it, saves it after every step and feeds it the clock.

mod poster;
mod question;
mod result;
mod start;

pub use result::EventDetails;

use crate::browser;
use crate::content::Quiz;
use crate::i18n::{ui, words};
use crate::quiz::{Phase, QuizRun, Restored, SharedResult};
use leptos::html;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// Where the run in progress is kept between visits.
const STORAGE_KEY: &str = crate::storage_key::QUIZ_RUN;

/// Shared by the quiz's screens.
#[derive(Clone, Copy)]
struct QuizContext {
    quiz: StoredValue<Quiz>,
    run: RwSignal<QuizRun>,
}

/// The whole quiz, from the start screen to the result.
#[component]
pub fn QuizView(
    /// The questions and settings, from `quiz.json`.
    quiz: Quiz,
) -> impl IntoView {
    let (run, notice) = restored_run(&quiz);
    let run = RwSignal::new(run);
    let context = QuizContext {
        quiz: StoredValue::new(quiz.clone()),
        run,
    };
    provide_context(context);
    let shared = RwSignal::new(SharedResult::from_query(&browser::query(), &quiz));

    Effect::new(move |_| run.with(|r| browser::save(STORAGE_KEY, &r.save())));
    keep_time(run);

    let phase = Memo::new(move |_| run.with(QuizRun::phase));
    let current = Memo::new(move |_| run.with(QuizRun::current));
    let screen = Memo::new(move |_| match phase.get() {
        Phase::Start => Screen::Start,
        Phase::Finished => Screen::Result,
        _ => Screen::Question(current.get()),
    });

    let container = NodeRef::<html::Div>::new();
    focus_each_new_screen(screen, container);

    view! {
        {move || {
            shared
                .get()
                .map(|result| {
                    view! { <start::SharedResultCard result on_close=move || {
                        shared.set(None);
                        browser::replace_query("");
                    }/> }
                })
        }}
        {notice.map(|word| view! { <p class="quiz__notice" role="status">{ui(word)}</p> })}
        <div class="quiz" node_ref=container>
            {move || match screen.get() {
                Screen::Start => view! { <start::StartScreen/> }.into_any(),
                Screen::Question(index) => {
                    let asked = run.with_untracked(|r| r.asked().cloned());
                    asked
                        .map(|asked| view! { <question::QuestionCard index asked/> })
                        .into_any()
                }
                Screen::Result => view! { <result::ResultScreen/> }.into_any(),
            }}
        </div>
    }
}

/// The run saved in this browser if it still fits `quiz`, else a new one,
/// with what to tell the visitor about it.
fn restored_run(quiz: &Quiz) -> (QuizRun, Option<crate::ui_text::Ui>) {
    match QuizRun::restore(browser::load(STORAGE_KEY).as_deref(), quiz) {
        Restored::Resumed(run) => {
            let resumed = matches!(run.phase(), Phase::Answering | Phase::Feedback { .. });
            (run, resumed.then_some(words::RESUMED))
        }
        Restored::QuizChanged => (
            QuizRun::new(quiz, browser::random_seed()),
            Some(words::QUIZ_CHANGED),
        ),
        Restored::Nothing | Restored::Corrupt => (QuizRun::new(quiz, browser::random_seed()), None),
    }
}

/// Moves focus to each new screen's heading (`[data-focus]` in
/// `container`), but not the first's, so keyboard and screen-reader users
/// continue where the content changed.
fn focus_each_new_screen(screen: Memo<Screen>, container: NodeRef<html::Div>) {
    let first_screen = StoredValue::new(true);
    Effect::new(move |_| {
        screen.track();
        if first_screen.get_value() {
            first_screen.set_value(false);
            return;
        }
        if let Some(target) = container.get_untracked() {
            request_animation_frame(move || {
                if let Some(heading) = target.query_selector("[data-focus]").ok().flatten() {
                    let _ = heading.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            });
        }
    });
}

#[derive(Clone, Copy, PartialEq)]
enum Screen {
    Start,
    Question(usize),
    Result,
}

/// Feeds the run the time that passes while the page is open, measured by
/// the wall clock (timers slow down in background tabs).
fn keep_time(run: RwSignal<QuizRun>) {
    if !crate::browser::in_browser() {
        return;
    }
    let last = StoredValue::new(browser::now_millis());
    let handle = set_interval_with_handle(
        move || {
            let now = browser::now_millis();
            let elapsed = (now - last.get_value()).clamp(0.0, 5_000.0) as u64;
            last.set_value(now);
            if run.with_untracked(|r| r.phase() == Phase::Answering) {
                run.update(|r| r.tick(elapsed));
            }
        },
        Duration::from_millis(500),
    );
    if let Ok(handle) = handle {
        on_cleanup(move || handle.clear());
    }
}
