//! The page: hero, story, timeline and quiz, each loaded from its own file
//! in parallel, each with its own skeleton and its own error.

use crate::api::fetch_content;
use crate::components::check_panel::CheckPanel;
use crate::components::hero::Hero;
use crate::components::lang_switch::LangSwitch;
use crate::components::quiz::{EventDetails, QuizView};
use crate::components::status::loaded;
use crate::components::story::StoryView;
use crate::components::timeline::TimelineView;
use crate::content::{Quiz, Site, Story, Timeline, files};
use crate::i18n::{provide_language, ui, words};
use leptos::prelude::*;

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
    scroll_to_fragment_once(move || {
        story.get().is_some() && timeline.get().is_some() && quiz.get().is_some()
    });

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
                {loaded(timeline, 6, |timeline| view! { <TimelineView timeline/> })}
            </section>
            <section id="quiz" class="part" aria-labelledby="quiz-heading">
                <h2 id="quiz-heading">{ui(words::QUIZ)}</h2>
                {loaded(quiz, 4, |quiz| view! { <QuizView quiz/> })}
            </section>
        </main>
        <footer class="site-footer">
            <p>{ui(words::FOOTER)}</p>
        </footer>
    }
}

/// Scrolls to the address's `#fragment` once `ready` says the parts have
/// loaded: the browser looked for it before the app had drawn anything.
fn scroll_to_fragment_once(ready: impl Fn() -> bool + 'static) {
    let done = StoredValue::new(false);
    Effect::new(move |_| {
        if done.get_value() || !ready() {
            return;
        }
        done.set_value(true);
        let hash = window().location().hash().unwrap_or_default();
        if let Some(id) = hash.strip_prefix('#').filter(|id| !id.is_empty()) {
            let id = id.to_string();
            request_animation_frame(move || {
                if let Some(target) = document().get_element_by_id(&id) {
                    target.scroll_into_view();
                }
            });
        }
    });
}
