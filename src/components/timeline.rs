//! The day's activities as a vertical agenda: a "jump to" index that
//! follows the scroll, entries grouped by part of the day, and photos that
//! open the viewer.

use super::viewer::{PhotoViewer, Viewer};
use crate::content::{Entry, Lang, Photo, Text, Timeline};
use crate::i18n::{tr, ui, use_lang, words};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// The whole day: index, entries and the photo viewer.
#[component]
pub fn TimelineView(
    /// The day, from `timeline.json`.
    timeline: Timeline,
) -> impl IntoView {
    let entries = timeline.ordered();
    let viewer = Viewer::new(entries.clone());
    let active = RwSignal::new(entries.first().map(|e| e.id.clone()));
    follow_scroll(active);

    let index = entries
        .iter()
        .map(|entry| {
            let id = entry.id.clone();
            let is_active = {
                let id = id.clone();
                move || active.get().as_deref() == Some(id.as_str())
            };
            view! {
                <a
                    href=format!("#entry-{id}")
                    class="tl-index__link"
                    class:tl-index__link--active=is_active.clone()
                    aria-current=move || is_active().then_some("location")
                >
                    {tr(entry.title.clone())}
                </a>
            }
        })
        .collect_view();

    let grouped = entries.iter().any(|e| e.part.is_some());
    let groups = group_by_part(&entries)
        .into_iter()
        .map(|(part, group)| {
            let items = group
                .into_iter()
                .map(|(step, entry)| view! { <EntryItem entry step viewer grouped/> })
                .collect_view();
            let title = part.map(|part| view! { <h3 class="tl-part__title">{tr(part)}</h3> });
            view! {
                <div class="tl-part">
                    {title}
                    <ol class="tl">{items}</ol>
                </div>
            }
        })
        .collect_view();

    view! {
        <div class="tl-layout">
            <nav class="tl-index" aria-label=ui(words::JUMP_TO)>
                <details class="tl-index__details" open=is_wide_screen()>
                    <summary>{ui(words::JUMP_TO)}</summary>
                    // Links only, no list: the timeline's list items are its entries.
                    <div class="tl-index__links">{index}</div>
                </details>
            </nav>
            <div class="tl-parts">{groups}</div>
        </div>
        <PhotoViewer viewer/>
    }
}

/// Entries under one part-of-day heading, each with its step number.
type Group = (Option<Text>, Vec<(usize, Entry)>);

/// Consecutive entries that share a part of the day, numbered from 1.
fn group_by_part(entries: &[Entry]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        match groups.last_mut() {
            Some((part, list)) if *part == entry.part => list.push((index + 1, entry.clone())),
            _ => groups.push((entry.part.clone(), vec![(index + 1, entry.clone())])),
        }
    }
    groups
}

/// One activity: its time (or step number), title, text, place, speaker
/// and photos.
#[component]
fn EntryItem(entry: Entry, step: usize, viewer: Viewer, grouped: bool) -> impl IntoView {
    let lang = use_lang();
    let anchor = format!("entry-{}", entry.id);
    let heading = format!("{anchor}-title");
    let labelled_by = heading.clone();
    let marker = match entry.time.clone() {
        Some(time) => view! { <time class="tl-entry__time">{time}</time> }.into_any(),
        None => view! {
            <span class="tl-entry__step">
                <span class="visually-hidden">
                    {move || match lang.get() {
                        Lang::Zh => format!("第{step}项"),
                        Lang::En => format!("Step {step}"),
                    }}
                </span>
                <span aria-hidden="true">{step}</span>
            </span>
        }
        .into_any(),
    };
    let facts = [
        (words::PLACE, entry.place.clone()),
        (words::SPEAKER, entry.speaker.clone()),
    ]
    .into_iter()
    .filter_map(|(label, text)| {
        text.map(|text| {
            view! {
                <p class="tl-entry__fact">
                    <span class="tl-entry__label">{ui(label)}": "</span>
                    {tr(text)}
                </p>
            }
        })
    })
    .collect_view();
    let title = tr(entry.title);
    // Under a part-of-day heading (h3) the entries are one level down.
    let title = if grouped {
        view! { <h4 class="tl-entry__title" id=heading>{title}</h4> }.into_any()
    } else {
        view! { <h3 class="tl-entry__title" id=heading>{title}</h3> }.into_any()
    };
    let photo_count = entry.photos.len();
    let photos_class = if photo_count > 1 {
        "tl-entry__photos tl-entry__photos--many"
    } else {
        "tl-entry__photos"
    };
    let photos = entry
        .photos
        .iter()
        .enumerate()
        .map(|(i, photo)| {
            let id = format!("{}-{}", entry.id, i + 1);
            view! { <PhotoFigure photo=photo.clone() id viewer single=photo_count == 1/> }
        })
        .collect_view();
    view! {
        <li class="tl-entry" id=anchor>
            <article aria-labelledby=labelled_by>
                <div class="tl-entry__marker">{marker}</div>
                <div class="tl-entry__body">
                    {title}
                    <p class="tl-entry__text">{tr(entry.text)}</p>
                    {facts}
                    <div class=photos_class>
                        {photos}
                    </div>
                </div>
            </article>
        </li>
    }
}

/// One photo with its caption. Space is reserved from width and height, so
/// nothing moves when it arrives; a photo that fails shows its alt text and
/// caption instead of a broken image. Pressing it opens the viewer.
#[component]
fn PhotoFigure(photo: Photo, id: String, viewer: Viewer, single: bool) -> impl IntoView {
    let broken = RwSignal::new(false);
    let alt = tr(photo.alt.clone());
    let ratio = format!("aspect-ratio: {} / {}", photo.width, photo.height);
    let placeholder = photo
        .color
        .clone()
        .map(|c| format!("background-color: {c}"))
        .unwrap_or_default();
    let sizes = if single {
        "(min-width: 60rem) 40rem, 90vw"
    } else {
        "(min-width: 60rem) 20rem, 45vw"
    };
    let open_id = id.clone();
    let caption = tr(photo.caption.clone());
    let credit = photo
        .credit
        .clone()
        .map(|credit| view! { <span class="photo__credit">" · "{tr(credit)}</span> });
    let srcset = photo.srcset_attr();
    view! {
        <figure class="photo">
            <Show
                when=move || !broken.get()
                fallback={
                    let alt = alt.clone();
                    let ratio = ratio.clone();
                    move || {
                        view! {
                            <div class="photo__missing" style=ratio.clone() role="img" aria-label=alt.clone()>
                                <span class="photo__missing-title">{ui(words::PHOTO_MISSING)}</span>
                                <span>{alt.clone()}</span>
                            </div>
                        }
                    }
                }
            >
                <button
                    type="button"
                    class="photo__open"
                    id=format!("photo-{id}")
                    on:click={
                        let open_id = open_id.clone();
                        move |_| viewer.open(&open_id)
                    }
                >
                    <img
                        class="photo__img"
                        src=photo.src.clone()
                        srcset=srcset.clone()
                        sizes=sizes
                        alt=alt.clone()
                        width=photo.width
                        height=photo.height
                        style=placeholder.clone()
                        // The timeline starts below the story: always below the fold.
                        loading="lazy"
                        decoding="async"
                        on:error=move |_| broken.set(true)
                    />
                </button>
            </Show>
            <figcaption class="photo__caption">
                {caption}
                {credit}
            </figcaption>
        </figure>
    }
}

/// Whether the screen is wide enough to keep the index open beside the list.
fn is_wide_screen() -> bool {
    window()
        .match_media("(min-width: 60rem)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Marks the entry in the middle of the screen as active, for the index.
fn follow_scroll(active: RwSignal<Option<String>>) {
    request_animation_frame(move || {
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |records: js_sys::Array| {
            for record in records.iter() {
                let record: web_sys::IntersectionObserverEntry = record.unchecked_into();
                if record.is_intersecting() {
                    let id = record.target().id();
                    active.set(id.strip_prefix("entry-").map(str::to_string));
                }
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin("-45% 0px -50% 0px");
        let Ok(observer) = web_sys::IntersectionObserver::new_with_options(
            callback.as_ref().unchecked_ref(),
            &options,
        ) else {
            return;
        };
        callback.forget();
        if let Ok(items) = document().query_selector_all(".tl-entry") {
            for i in 0..items.length() {
                if let Some(item) = items.item(i) {
                    observer.observe(item.unchecked_ref());
                }
            }
        }
    });
}
