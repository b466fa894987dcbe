//! The page: hero, story, timeline and quiz, each loaded from its own file
//! in parallel, each with its own skeleton and its own error.

use crate::api::fetch_content;
use crate::components::check_panel::CheckPanel;
use crate::components::hero::Hero;
use crate::components::lang_switch::LangSwitch;
use crate::components::quiz::{EventDetails, QuizView};
use crate::components::status::{loaded, loaded_in_turn};
use crate::components::story::StoryView;
use crate::components::timeline::TimelineView;
use crate::content::{Quiz, Site, Story, Timeline, files};
use crate::i18n::{provide_language, tr, ui, words};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// The whole site.
#[component]
pub fn App() -> impl IntoView {
    provide_language();
    // All four requests start now, side by side.
    let site = LocalResource::new(|| fetch_content::<Site>(files::SITE));
    let story = LocalResource::new(|| fetch_content::<Story>(files::STORY));
    let timeline = LocalResource::new(|| fetch_content::<Timeline>(files::TIMELINE));
    let quiz = LocalResource::new(|| fetch_content::<Quiz>(files::QUIZ));
    provide_context(EventDetails(Signal::derive(move || {
        site.get().and_then(Result::ok)
    })));
    // The parts below the story are drawn in tasks of their own after the
    // takeover (timeline, then quiz), so no one task blocks the page long.
    let drawn_below = RwSignal::new(0u8);
    let ready = Memo::new(move |_| site.get().is_some() && story.get().is_some());
    take_over_when(
        move || ready.get(),
        move || {
            set_timeout(
                move || {
                    drawn_below.set(1);
                    set_timeout(move || drawn_below.set(2), Duration::ZERO);
                },
                Duration::ZERO,
            )
        },
    );
    // Memos, so each part is drawn once, not again at the next stage.
    let timeline_drawn = Memo::new(move |_| drawn_below.get() >= 1);
    let quiz_drawn = Memo::new(move |_| drawn_below.get() >= 2);
    follow_fragment_links(move || {
        quiz_drawn.get() && timeline.get().is_some() && quiz.get().is_some()
    });
    load_every_photo_before_printing();
    // With the build's markup on screen, the app draws nothing until it can
    // replace it whole, so the page never holds the same words twice.
    let prerendered = document().get_element_by_id("prerender").is_some();

    let page = move || {
        view! {
            <a class="skip-link" href="#main">{ui(words::SKIP)}</a>
            <header class="site-header">
                <nav class="site-nav" aria-label=ui(words::NAV_LABEL)>
                    <a href="#story">{ui(words::STORY)}</a>
                    <a href="#timeline">{ui(words::TIMELINE)}</a>
                    <a href="#quiz">{ui(words::QUIZ)}</a>
                </nav>
                <LangSwitch/>
            </header>
            <div class="hero">{loaded(site, 3, |site| view! { <Hero site/> })}</div>
            <main id="main" tabindex="-1">
                {crate::browser::query_param("check").is_some().then(|| view! { <CheckPanel/> })}
                <section id="story" class="part" aria-labelledby="story-heading">
                    <h2 id="story-heading">{ui(words::STORY)}</h2>
                    {loaded(story, 6, |story| view! { <StoryView story/> })}
                </section>
                <section id="timeline" class="part" aria-labelledby="timeline-heading">
                    <h2 id="timeline-heading">{ui(words::TIMELINE)}</h2>
                    {loaded_in_turn(timeline_drawn, timeline, 6, |timeline| view! { <TimelineView timeline/> })}
                </section>
                <section id="quiz" class="part" aria-labelledby="quiz-heading">
                    <h2 id="quiz-heading">{ui(words::QUIZ)}</h2>
                    {loaded_in_turn(quiz_drawn, quiz, 4, |quiz| view! { <QuizView quiz/> })}
                </section>
            </main>
            <footer class="site-footer">
                {move || site.get().and_then(Result::ok).map(|site| view! { <p>{tr(site.footer_text())}</p> })}
            </footer>
        }
    };
    move || (!prerendered || ready.get()).then(page)
}

/// Where the app draws itself: a `<div id="app">` after the markup the
/// build rendered into the page (`#prerender`), hidden until the app takes
/// over; straight into `<body>` when there is none (`trunk serve`, tests).
pub fn app_root() -> web_sys::HtmlElement {
    let root: web_sys::HtmlElement = document()
        .create_element("div")
        .expect("a div")
        .unchecked_into();
    root.set_id("app");
    match document().get_element_by_id("prerender") {
        Some(prerender) => {
            root.set_hidden(true);
            let _ = prerender.after_with_node_1(&root);
        }
        None => {
            let _ = document().body().expect("a body").append_child(&root);
        }
    }
    root
}

/// Swaps the prerendered markup for the app's own in one step, once the
/// hero and the story are drawn (or have failed), then runs `then`. The two
/// are drawn alike, so nothing on screen moves.
fn take_over_when(ready: impl Fn() -> bool + 'static, then: impl Fn() + 'static) {
    Effect::new(move |taken: Option<bool>| {
        if taken == Some(true) || !ready() {
            return taken.unwrap_or(false);
        }
        if let Some(prerender) = document().get_element_by_id("prerender") {
            prerender.remove();
        }
        if let Some(root) = document().get_element_by_id("app") {
            let _ = root.remove_attribute("hidden");
        }
        then();
        true
    });
}

/// Deep links: once `ready` says the parts have loaded, scrolls to the
/// address's `#fragment` (the browser looked for it before the app had drawn
/// anything) and highlights it. Later fragment changes (links, Back and
/// Forward) do the same: the browser would otherwise restore wherever the
/// page was last scrolled, not the place the address names.
fn follow_fragment_links(ready: impl Fn() -> bool + 'static) {
    let done = StoredValue::new(false);
    Effect::new(move |_| {
        if done.get_value() || !ready() {
            return;
        }
        done.set_value(true);
        request_animation_frame(|| highlight_fragment(true));
    });
    let listener = window_event_listener_untyped("hashchange", |_| highlight_fragment(true));
    on_cleanup(move || listener.remove());
}

/// Counts highlights, so an older one's timer leaves a newer one alone.
static HIGHLIGHTS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// How long a deep link's target stays highlighted.
const HIGHLIGHT: Duration = Duration::from_millis(2600);

/// Marks the element the address's `#fragment` names (`.is-linked`, a
/// fading outline), scrolling to it first when `scroll` is set.
/// A shared quiz result (`?score=`) with no fragment points at the quiz.
fn highlight_fragment(scroll: bool) {
    let hash = window().location().hash().unwrap_or_default();
    let shared_result =
        (scroll && crate::browser::query_param("score").is_some()).then_some("quiz");
    let Some(id) = hash
        .strip_prefix('#')
        .filter(|id| !id.is_empty())
        .or(shared_result)
    else {
        return;
    };
    let id = js_sys::decode_uri_component(id)
        .map(String::from)
        .unwrap_or_else(|_| id.to_string());
    let Some(target) = document().get_element_by_id(&id) else {
        return;
    };
    if scroll {
        target.scroll_into_view();
    }
    // Restart the fade if the target is already highlighted; only the
    // newest highlight's timer takes it away.
    let generation = HIGHLIGHTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
    crate::browser::for_each_element(".is-linked", |earlier| {
        let _ = earlier.class_list().remove_1("is-linked");
    });
    let _ = target.client_width(); // restarts the animation
    let _ = target.class_list().add_1("is-linked");
    set_timeout(
        move || {
            if HIGHLIGHTS.load(std::sync::atomic::Ordering::Relaxed) == generation {
                let _ = target.class_list().remove_1("is-linked");
            }
        },
        HIGHLIGHT,
    );
}

/// Printing is a record of the event: photos still waiting to scroll into
/// view are loaded first.
fn load_every_photo_before_printing() {
    let listener = window_event_listener_untyped("beforeprint", |_| {
        crate::browser::for_each_element("img[loading=lazy]", |image| {
            let _ = image.set_attribute("loading", "eager");
        });
    });
    on_cleanup(move || listener.remove());
}
