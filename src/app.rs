//! The page: hero, story, timeline and quiz, each loaded from its own file
//! in parallel, each with its own skeleton and its own error.

use crate::api::fetch_content;
use crate::components::hero::Hero;
use crate::components::lang_switch::LangSwitch;
use crate::components::quiz::{EventDetails, QuizView};
use crate::components::status::{Part, loaded, loaded_in_turn};
use crate::components::story::StoryView;
use crate::components::timeline::TimelineView;
use crate::content::{Quiz, Site, Story, Timeline, files};
use crate::i18n::{provide_language, tr, ui, ui_attr, words};
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
    // The parts below the story are drawn in tasks of their own once the
    // story is (timeline, then quiz), so no one task blocks the page long.
    let drawn_below = RwSignal::new(0u8);
    let ready = Memo::new(move |_| site.get().is_some() && story.get().is_some());
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) || !ready.get() {
            return started.unwrap_or(false);
        }
        set_timeout(
            move || {
                drawn_below.set(1);
                set_timeout(move || drawn_below.set(2), Duration::ZERO);
            },
            Duration::ZERO,
        );
        true
    });
    // Memos, so each part is drawn once, not again at the next stage.
    let timeline_drawn = Memo::new(move |_| drawn_below.get() >= 1);
    let quiz_drawn = Memo::new(move |_| drawn_below.get() >= 2);
    let timeline_complete = RwSignal::new(false);
    provide_context(TimelineComplete(timeline_complete));
    // Everything the build rendered is drawn again by the app (or has
    // failed and says so). A slow quiz file is not waited for long: the
    // rest of the page takes over and the quiz shows that it is loading.
    let above_quiz = Memo::new(move |_| {
        let timeline_done = timeline_complete.get() || matches!(timeline.get(), Some(Err(_)));
        ready.get() && timeline_done
    });
    let quiz_waited = RwSignal::new(false);
    Effect::new(move |started: Option<bool>| {
        if started == Some(true) || !above_quiz.get() {
            return started.unwrap_or(false);
        }
        set_timeout(move || quiz_waited.set(true), QUIZ_GRACE);
        true
    });
    let all_drawn = Memo::new(move |_| {
        above_quiz.get() && (quiz_waited.get() || (quiz_drawn.get() && quiz.get().is_some()))
    });
    // Said once the page has taken over with content newer than its build's.
    let updated = RwSignal::new(false);
    // With the build's markup on screen, the app draws outside the document
    // (see `app_root`) and puts its copy in, in one step, once it holds the
    // whole page.
    let prerendered = document().get_element_by_id("prerender").is_some();
    let taken_over = RwSignal::new(!prerendered);
    provide_context(TakenOver(taken_over.read_only()));
    take_over_when(move || all_drawn.get(), updated, taken_over);
    follow_fragment_links(move || {
        taken_over.get() && quiz_drawn.get() && timeline.get().is_some() && quiz.get().is_some()
    });
    load_every_photo_before_printing();
    let page = move || {
        view! {
            <Page
                site=Part::fetched(site)
                story=Part::fetched(story)
                timeline=Part::fetched(timeline)
                quiz=Part::fetched(quiz)
                timeline_drawn=timeline_drawn.into()
                quiz_drawn=quiz_drawn.into()
                updated=updated.into()
            />
        }
    };
    move || (!prerendered || ready.get()).then(page)
}

/// How long the takeover waits for the quiz file once the rest is drawn.
const QUIZ_GRACE: Duration = Duration::from_millis(1500);

/// Whether the app's copy of the page is in the document (at once without a
/// prerendered page; after the takeover with one).
#[derive(Clone, Copy)]
pub struct TakenOver(pub ReadSignal<bool>);

/// Set by the timeline once every entry is drawn (it draws them in chunks).
#[derive(Clone, Copy)]
pub struct TimelineComplete(pub RwSignal<bool>);

/// The page itself, the same in the browser and in the build's rendering:
/// header, hero, story, timeline, quiz and footer.
#[component]
fn Page(
    site: Part<Site>,
    story: Part<Story>,
    timeline: Part<Timeline>,
    quiz: Part<Quiz>,
    /// Whether the timeline may be drawn yet (it waits for the parts above).
    timeline_drawn: Signal<bool>,
    /// Whether the quiz may be drawn yet.
    quiz_drawn: Signal<bool>,
    /// Whether the page has taken over with newer content than its build's.
    updated: Signal<bool>,
) -> impl IntoView {
    // Only in the build's rendering: what a browser that cannot run the app
    // shows (the stylesheet picks the sentence; see `xtask/src/build/prerender.rs`).
    let no_app_note = (!crate::browser::in_browser()).then(|| {
        view! {
            <p class="prerender__note" role="note">
                <span class="prerender__no-wasm">{ui(words::NO_WASM)}</span>
                <span class="prerender__no-script">{ui(words::NO_SCRIPT)}</span>
            </p>
        }
    });
    view! {
        <a class="skip-link" href="#main">{ui(words::SKIP)}</a>
        <header class="site-header">
            <nav class="site-nav" aria-label=ui_attr(words::NAV_LABEL)>
                <a href="#story">{ui(words::STORY)}</a>
                <a href="#timeline">{ui(words::TIMELINE)}</a>
                <a href="#quiz">{ui(words::QUIZ)}</a>
            </nav>
            <LangSwitch/>
        </header>
        <p class="visually-hidden" role="status">
            {move || updated.get().then(|| ui(words::CONTENT_UPDATED))}
        </p>
        <div class="hero">{loaded(site, 3, |site| view! { <Hero site/> })}</div>
        <main id="main" tabindex="-1">
            {crate::browser::query_param("check").is_some().then(|| view! { <crate::studio::StudioLink/> })}
            {no_app_note}
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
            {move || site.value.get().and_then(Result::ok).map(|site| view! { <p>{tr(site.footer_text())}</p> })}
        </footer>
    }
}

/// The whole page as HTML, rendered by the same components the browser runs
/// (the build writes it into `index.html` for the first paint, crawlers and
/// browsers without the app). Texts are in both languages (see
/// [`crate::i18n::tr`]).
#[cfg(any(not(target_arch = "wasm32"), feature = "render-page"))]
pub fn prerender(site: Site, story: Story, timeline: Timeline, quiz: Quiz) -> String {
    use leptos::tachys::view::RenderHtml;
    let owner = Owner::new();
    owner.with(|| {
        provide_language();
        let details = Some(site.clone());
        provide_context(EventDetails(Signal::stored(details)));
        view! {
            <Page
                site=Part::ready(site)
                story=Part::ready(story)
                timeline=Part::ready(timeline)
                quiz=Part::ready(quiz)
                timeline_drawn=Signal::stored(true)
                quiz_drawn=Signal::stored(true)
                updated=Signal::stored(false)
            />
        }
        .to_html()
    })
}

/// Where the app draws itself: a `<div id="app">`. With markup the build
/// rendered into the page (`#prerender`), it stays out of the document until
/// the app takes over, so the page never holds two copies of its words (text
/// searches, screen readers and tests would find both); straight into
/// `<body>` when there is none (`trunk serve`, tests).
pub fn app_root() -> web_sys::HtmlElement {
    let root: web_sys::HtmlElement = document()
        .create_element("div")
        .expect("a div")
        .unchecked_into();
    root.set_id("app");
    if document().get_element_by_id("prerender").is_some() {
        WAITING_ROOT.with(|waiting| *waiting.borrow_mut() = Some(root.clone()));
    } else if let Some(body) = document().body() {
        let _ = body.append_child(&root);
    }
    root
}

thread_local! {
    /// The app's root while it is drawn outside the document.
    static WAITING_ROOT: std::cell::RefCell<Option<web_sys::HtmlElement>> =
        const { std::cell::RefCell::new(None) };
}

/// Swaps the prerendered markup for the app's own in one step, once `ready`
/// says the app's copy (outside the document) holds the whole page. The two are drawn by the
/// same components, so nothing on screen moves. When a content file on the
/// host is not the one the build drew (content replaced without a rebuild),
/// the texts differ: the heading the visitor was reading stays where it was
/// on screen, and `updated` turns true to say so.
fn take_over_when(
    ready: impl Fn() -> bool + 'static,
    updated: RwSignal<bool>,
    taken_over: RwSignal<bool>,
) {
    Effect::new(move |taken: Option<bool>| {
        if taken == Some(true) || !ready() {
            return taken.unwrap_or(false);
        }
        let Some(prerender) = document().get_element_by_id("prerender") else {
            return true;
        };
        let changed = crate::api::changed_since_build(&files::ALL);
        let place = if changed { ReadingPlace::find() } else { None };
        let focus = focused_control(&prerender);
        let Some(root) = WAITING_ROOT.with(|waiting| waiting.borrow_mut().take()) else {
            return true;
        };
        // Put in before the build's copy goes, in the same task (so never on
        // screen together), so the page never gets shorter than the place
        // the visitor has scrolled to.
        let _ = prerender.after_with_node_1(&root);
        prerender.remove();
        taken_over.set(true);
        if let Some(place) = place {
            place.keep();
        }
        // A visitor who was already moving through the page by keyboard
        // keeps their place: the same control in the app's copy.
        if let Some(index) = focus
            && let Some(control) = controls(&root).get(index)
        {
            let _ = control.unchecked_ref::<web_sys::HtmlElement>().focus();
        }
        if changed {
            // After the swap, so the live region is on screen when it speaks.
            set_timeout(move || updated.set(true), Duration::from_millis(100));
        }
        true
    });
}

/// What can take keyboard focus, in document order; the build's copy and
/// the app's list the same controls (same components).
const CONTROLS: &str = "a[href], button, summary, input, [tabindex]";

fn controls(root: &web_sys::Element) -> Vec<web_sys::Element> {
    let Ok(found) = root.query_selector_all(CONTROLS) else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into().ok())
        .collect()
}

/// The position among `root`'s controls of the one that has focus, if any.
fn focused_control(root: &web_sys::Element) -> Option<usize> {
    let active = document().active_element()?;
    if !root.contains(Some(&active)) {
        return None;
    }
    controls(root).iter().position(|control| *control == active)
}

/// The heading a visitor is reading in the prerendered page, and where it
/// is on screen.
struct ReadingPlace {
    id: String,
    top: f64,
}

impl ReadingPlace {
    /// The first heading on screen (or the last one above it), if the page
    /// has been scrolled at all.
    fn find() -> Option<ReadingPlace> {
        if window().scroll_y().unwrap_or(0.0) <= 0.0 {
            return None;
        }
        let mut place = None;
        crate::browser::for_each_element(
            "#prerender h2[id], #prerender h3[id], #prerender h4[id]",
            |heading| {
                let top = heading.get_bounding_client_rect().top();
                let seen_one = matches!(place, Some(ReadingPlace { top: t, .. }) if t >= 0.0);
                if !seen_one {
                    place = Some(ReadingPlace {
                        id: heading.id(),
                        top,
                    });
                }
            },
        );
        place
    }

    /// Scrolls so the app's heading of the same id is where this one was.
    fn keep(self) {
        if let Some(heading) = document().get_element_by_id(&self.id) {
            let moved = heading.get_bounding_client_rect().top() - self.top;
            // At once, not with the page's smooth scrolling: the visitor
            // should see nothing move.
            let options = web_sys::ScrollToOptions::new();
            options.set_top(moved);
            options.set_behavior(web_sys::ScrollBehavior::Instant);
            window().scroll_by_with_scroll_to_options(&options);
        }
    }
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
    let hash = crate::browser::fragment();
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
