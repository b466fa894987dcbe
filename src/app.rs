//! The page: hero, story, timeline and quiz, each loaded from its own file
//! in parallel, each with its own skeleton and its own error.

use crate::api::fetch_content;
use crate::components::hero::Hero;
use crate::components::lang_switch::LangSwitch;
use crate::components::quiz::QuizView;
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
