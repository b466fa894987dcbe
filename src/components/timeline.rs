//! The day's activities as a vertical agenda: a "jump to" index that
//! follows the scroll, entries grouped by part of the day, and photos that
//! open the viewer.
//!
//! Built for scale (hundreds of entries, a thousand photos): each entry is
//! plain markup in the current language, redrawn only when the language
//! changes, with no reactive state per photo; a failed photo swaps to its
//! placeholder through a CSS class.

use super::media::{AudioPlayer, VideoFigure, play_one_at_a_time};
use super::viewer::{PhotoViewer, Viewer};
use crate::content::{Entry, Lang, Photo, Text, Timeline};
use crate::i18n::{said, said_ui, ui, ui_attr, use_lang, words};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// Entries drawn in the first frame; the rest follow in chunks, so a long
/// day never blocks the page (see `cargo xtask bench`).
const FIRST_ENTRIES: usize = 12;
const ENTRIES_PER_CHUNK: usize = 24;

/// The whole day: index, entries and the photo viewer.
#[component]
pub fn TimelineView(
    /// The day, from `timeline.json`.
    timeline: Timeline,
) -> impl IntoView {
    let lang = use_lang();
    let entries = timeline.ordered();
    let total = entries.len();
    let viewer = Viewer::new(entries.clone());
    // A link to a later entry or photo draws everything up to it at once;
    // the build's rendering draws them all.
    let wanted = linked_entry(&entries).map_or(0, |i| i + 1);
    let first = if crate::browser::in_browser() {
        FIRST_ENTRIES.max(wanted)
    } else {
        total
    };
    let parts_start = StoredValue::new(part_starts(&entries));
    let grouped = entries.iter().any(|e| e.part.is_some());
    let entries = StoredValue::new(entries);
    let shown = use_drawn_entries(total, first);
    play_one_at_a_time();
    // What the last "Copy link" did, for the live region.
    let copied = RwSignal::new(None::<String>);

    view! {
        <div class="tl-layout">
            <nav class="tl-index" aria-label=ui_attr(words::JUMP_TO)>
                <details class="tl-index__details" open=is_wide_screen()>
                    <summary>{ui(words::JUMP_TO)}</summary>
                    // Links only, no list: the timeline's list items are its entries.
                    <div class="tl-index__links"><IndexLinks entries/></div>
                </details>
            </nav>
            <ol class="tl">
                <For
                    each=move || {
                        let lang = lang.get();
                        (0..shown.get()).map(move |i| (lang, i)).collect::<Vec<_>>()
                    }
                    key=|key| *key
                    children=move |(lang, i)| {
                        let part = parts_start.with_value(|p| p[i].clone());
                        let entry = entries.with_value(|e| e[i].clone());
                        view! { <EntryCard entry step=i + 1 part lang viewer grouped copied/> }
                    }
                />
            </ol>
        </div>
        <p class="tl-status" role="status">{move || copied.get()}</p>
        <PhotoViewer viewer/>
    }
}

/// For each entry, the part of the day it begins, if it begins one.
fn part_starts(entries: &[Entry]) -> Vec<Option<Text>> {
    entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            e.part
                .clone()
                .filter(|part| i == 0 || entries[i - 1].part.as_ref() != Some(part))
        })
        .collect()
}

/// How many of the `total` entries are drawn: `first` at once, the rest in
/// chunks, one chunk a task, so a long day never blocks the page. Each
/// chunk is watched by the scroll spy, and the timeline is marked complete
/// (`TimelineComplete`) once all are drawn.
fn use_drawn_entries(total: usize, first: usize) -> RwSignal<usize> {
    let shown = RwSignal::new(total.min(first));
    let spy = ScrollSpy::new();
    let complete = use_context::<crate::app::TimelineComplete>();
    let in_document = use_context::<crate::app::TakenOver>();
    Effect::new(move |_| {
        let count = shown.get();
        // Entries are found in the document, which they join at the takeover.
        if in_document.is_none_or(|taken| taken.0.get()) {
            spy.watch_new_entries();
        }
        if count >= total
            && let Some(complete) = complete
        {
            complete.0.set(true);
        }
        if count < total {
            set_timeout(
                move || shown.set((count + ENTRIES_PER_CHUNK).min(total)),
                Duration::ZERO,
            );
        }
    });
    shown
}

/// The "jump to" links, one per entry, in the current language.
#[component]
fn IndexLinks(entries: StoredValue<Vec<Entry>>) -> impl IntoView {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        entries.with_value(|entries| {
            entries
                .iter()
                .map(|entry| {
                    view! {
                        <a href=format!("#entry-{}", entry.id) class="tl-index__link" data-entry=entry.id.clone()>
                            {said(&entry.title, lang)}
                        </a>
                    }
                })
                .collect_view()
        })
    }
}

/// The entry the address points at (`#entry-ID` or `?photo=ID-N`), if any.
fn linked_entry(entries: &[Entry]) -> Option<usize> {
    let hash = crate::browser::fragment();
    let from_hash = hash.strip_prefix("#entry-").map(str::to_string);
    let from_photo = crate::browser::query_param("photo")
        .and_then(|photo| photo.rsplit_once('-').map(|(entry, _)| entry.to_string()));
    let id = from_hash.or(from_photo)?;
    entries.iter().position(|e| e.id == id)
}

/// One activity: its time (or step number), title, text, place, speaker
/// and photos, under its part of the day's heading if it starts one.
#[component]
fn EntryCard(
    entry: Entry,
    /// Its number in the day, shown where it has no time.
    step: usize,
    /// The part of the day this entry starts, if any.
    part: Option<Text>,
    lang: Lang,
    viewer: Viewer,
    /// Whether the day has parts (the entries' headings are then a level down).
    grouped: bool,
    /// What the last "Copy link" did.
    copied: RwSignal<Option<String>>,
) -> impl IntoView {
    let anchor = format!("entry-{}", entry.id);
    let heading = format!("{anchor}-title");
    let copy_link =
        view! { <CopyLinkButton fragment=anchor.clone() title=entry.title.clone() lang copied/> };
    let title = said(&entry.title, lang);
    // Under a part-of-day heading (h3) the entries are one level down.
    let title = if grouped {
        view! { <h4 class="tl-entry__title" id=heading.clone()>{title}</h4> }.into_any()
    } else {
        view! { <h3 class="tl-entry__title" id=heading.clone()>{title}</h3> }.into_any()
    };
    let part = part.map(|part| view! { <h3 class="tl-part__title">{said(&part, lang)}</h3> });
    view! {
        <li class="tl-entry" id=anchor>
            {part}
            <article aria-labelledby=heading>
                <div class="tl-entry__marker"><EntryMarker time=entry.time.clone() step lang/></div>
                <div class="tl-entry__body">
                    {title}
                    {copy_link}
                    {entry.text.as_ref().map(|text| view! { <p class="tl-entry__text">{said(text, lang)}</p> })}
                    <EntryFacts place=entry.place.clone() speaker=entry.speaker.clone() lang/>
                    <EntryMedia entry=entry.clone() lang viewer/>
                </div>
            </article>
        </li>
    }
}

/// An entry's "Copy link" button, named after the entry for screen readers.
#[component]
fn CopyLinkButton(
    /// The entry's fragment (`entry-ID`) the copied link points at.
    fragment: String,
    title: Text,
    lang: Lang,
    /// What the last "Copy link" did.
    copied: RwSignal<Option<String>>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="tl-entry__copy"
            // Nothing to press before the app runs.
            disabled=!crate::browser::in_browser()
            aria-label=format!("{}: {}", words::COPY_LINK.get(lang), title.get(lang))
            on:click=move |_| copy_entry_link(&fragment, lang, copied)
        >
            {said_ui(words::COPY_LINK, lang)}
        </button>
    }
}

/// An entry's photos and videos (side by side when there are several), then
/// its recordings.
#[component]
fn EntryMedia(entry: Entry, lang: Lang, viewer: Viewer) -> impl IntoView {
    let count = entry.slide_count();
    let photos_class = if count > 1 {
        "tl-entry__photos tl-entry__photos--many"
    } else {
        "tl-entry__photos"
    };
    let photos = entry
        .photos
        .iter()
        .enumerate()
        .map(|(i, photo)| {
            view! {
                <PhotoFigure
                    photo=photo.clone()
                    alt=photo.alt_or(&entry.title).get(lang).to_string()
                    id=entry.slide_id(i)
                    lang
                    viewer
                    single=count == 1
                />
            }
        })
        .collect_view();
    let videos = entry
        .videos
        .iter()
        .enumerate()
        .map(|(i, video)| {
            view! {
                <VideoFigure
                    video=video.clone()
                    title=video.title_or(&entry.title)
                    id=entry.slide_id(entry.photos.len() + i)
                    lang
                />
            }
        })
        .collect_view();
    let audio = entry
        .audio
        .iter()
        .map(|audio| {
            view! { <AudioPlayer audio=audio.clone() title=audio.title_or(&entry.title) lang/> }
        })
        .collect_view();
    view! {
        <div class=photos_class>{photos}{videos}</div>
        {audio}
    }
}

/// An entry's time ("08:30"), or its step number where it has none.
#[component]
fn EntryMarker(time: Option<String>, step: usize, lang: Lang) -> impl IntoView {
    match time {
        Some(time) => view! { <time class="tl-entry__time">{time}</time> }.into_any(),
        None => {
            let label = said(&crate::ui_text::step_label(step), lang);
            view! {
                <span class="tl-entry__step">
                    <span class="visually-hidden">{label}</span>
                    <span aria-hidden="true">{step}</span>
                </span>
            }
            .into_any()
        }
    }
}

/// Where an entry took place and who spoke, for those it names.
#[component]
fn EntryFacts(place: Option<Text>, speaker: Option<Text>, lang: Lang) -> impl IntoView {
    [(words::PLACE, place), (words::SPEAKER, speaker)]
        .into_iter()
        .filter_map(|(label, text)| {
            text.map(|text| {
                view! {
                    <p class="tl-entry__fact">
                        <span class="tl-entry__label">{said_ui(label, lang)}": "</span>
                        {said(&text, lang)}
                    </p>
                }
            })
        })
        .collect_view()
}

/// Copies the address of an entry (the page, no query, `#entry-ID`) and
/// says so; where the clipboard is refused, shows the address to copy.
fn copy_entry_link(fragment: &str, lang: Lang, copied: RwSignal<Option<String>>) {
    let url = format!("{}#{fragment}", crate::browser::page_base_url());
    copied.set(None);
    leptos::task::spawn_local(async move {
        let message = if crate::browser::copy_text(&url).await {
            words::ENTRY_LINK_COPIED.get(lang).to_string()
        } else {
            format!("{}{url}", words::COPY_BY_HAND.get(lang))
        };
        copied.set(Some(message));
    });
}

/// One photo with its caption. Space is reserved from width and height, so
/// nothing moves when it arrives; if it fails, the figure gets
/// `photo--broken` and shows its alt text instead of a broken image.
/// Pressing it opens the viewer.
#[component]
fn PhotoFigure(
    photo: Photo,
    /// What the photo shows (its alt text, else the entry's title).
    alt: String,
    /// Its id in the day's gallery (`ENTRY-N`).
    id: String,
    lang: Lang,
    viewer: Viewer,
    /// Whether it is its entry's only photo (shown wider).
    single: bool,
) -> impl IntoView {
    let credit = photo.credit.as_ref().map(|credit| {
        view! { <span class="photo__credit">" · "{said(credit, lang)}</span> }
    });
    let missing_label = alt.clone();
    let picture = view! { <PhotoPicture photo=photo.clone() alt=alt.clone() single/> };
    let button_id = format!("photo-{id}");
    // Before the app runs (the build's rendering), a plain link to the photo.
    let opener = if crate::browser::in_browser() {
        view! {
            <button type="button" class="photo__open" id=button_id on:click=move |_| viewer.open(&id)>
                {picture}
            </button>
        }
        .into_any()
    } else {
        view! { <a class="photo__open" id=button_id href=photo.src.clone()>{picture}</a> }
            .into_any()
    };
    view! {
        <figure class="photo">
            {opener}
            <div
                class="photo__missing"
                style=format!("aspect-ratio: {} / {}", photo.width, photo.height)
                role="img"
                aria-label=missing_label
            >
                <span class="photo__missing-title">{said_ui(words::PHOTO_MISSING, lang)}</span>
                <span>{alt}</span>
            </div>
            {(photo.caption.is_some() || credit.is_some()).then(|| view! {
                <figcaption class="photo__caption">
                    {photo.caption.as_ref().map(|caption| said(caption, lang))}
                    {credit}
                </figcaption>
            })}
        </figure>
    }
}

/// A photo's sizes (WebP first, then JPEG) in the space its width and
/// height reserve, at most 80 % of the screen's height whatever its shape,
/// on its dominant colour until it arrives.
#[component]
fn PhotoPicture(
    photo: Photo,
    alt: String,
    /// Whether it is its entry's only photo (shown wider).
    single: bool,
) -> impl IntoView {
    let placeholder = format!(
        "max-width: calc(80vh * {} / {});{}",
        photo.width,
        photo.height.max(1),
        photo
            .color
            .as_ref()
            .map_or(String::new(), |c| format!(" background-color: {c}"))
    );
    let sizes = if single {
        "(min-width: 60rem) 40rem, 90vw"
    } else {
        "(min-width: 60rem) 20rem, 45vw"
    };
    view! {
        <picture>
            {photo.webp_srcset_attr().map(|srcset| view! { <source type="image/webp" srcset=srcset sizes=sizes/> })}
            <img
                class="photo__img"
                src=photo.src.clone()
                srcset=photo.srcset_attr()
                sizes=sizes
                alt=alt
                width=photo.width
                height=photo.height
                style=placeholder
                // The timeline starts below the story: always below the fold.
                loading="lazy"
                decoding="async"
                on:error=mark_broken
            />
        </picture>
    }
}

/// Swaps a failed photo for its placeholder (see `.photo--broken`).
fn mark_broken(event: leptos::ev::ErrorEvent) {
    let figure = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|img| img.closest("figure").ok().flatten());
    if let Some(figure) = figure {
        let _ = figure.class_list().add_1("photo--broken");
    }
}

/// Whether the screen is wide enough to keep the index open beside the list.
fn is_wide_screen() -> bool {
    crate::browser::matches_media("(min-width: 60rem)")
}

/// Marks the index link of the entry in the middle of the screen with
/// `aria-current`, watching the entries with one IntersectionObserver.
#[derive(Clone, Copy)]
struct ScrollSpy {
    observer: StoredValue<Option<web_sys::IntersectionObserver>, LocalStorage>,
}

impl ScrollSpy {
    fn new() -> ScrollSpy {
        let spy = ScrollSpy {
            observer: StoredValue::new_local(None),
        };
        on_cleanup(move || spy.stop());
        spy
    }

    fn stop(&self) {
        if let Some(observer) = self.observer.try_update_value(Option::take).flatten() {
            observer.disconnect();
        }
    }

    /// Starts watching the entries drawn since the last call (after the
    /// current frame, once they are in the document).
    fn watch_new_entries(&self) {
        let spy = *self;
        request_animation_frame(move || {
            let observer = spy.observer.with_value(Clone::clone).or_else(|| {
                let callback =
                    Closure::<dyn FnMut(js_sys::Array)>::new(|records: js_sys::Array| {
                        for record in records.iter() {
                            let record: web_sys::IntersectionObserverEntry =
                                record.unchecked_into();
                            if record.is_intersecting() {
                                mark_current(record.target().id().trim_start_matches("entry-"));
                            }
                        }
                    });
                let options = web_sys::IntersectionObserverInit::new();
                options.set_root_margin("-45% 0px -50% 0px");
                let observer = web_sys::IntersectionObserver::new_with_options(
                    callback.as_ref().unchecked_ref(),
                    &options,
                )
                .ok()?;
                callback.forget();
                spy.observer.set_value(Some(observer.clone()));
                Some(observer)
            });
            let Some(observer) = observer else {
                return;
            };
            crate::browser::for_each_element(".tl-entry:not([data-watched])", |item| {
                observer.observe(&item);
                let _ = item.set_attribute("data-watched", "");
            });
        });
    }
}

fn mark_current(entry_id: &str) {
    crate::browser::for_each_element(".tl-index__link", |link| {
        let current = link.get_attribute("data-entry").as_deref() == Some(entry_id);
        let _ = if current {
            link.set_attribute("aria-current", "location")
        } else {
            link.remove_attribute("aria-current")
        };
        let _ = link
            .class_list()
            .toggle_with_force("tl-index__link--active", current);
    });
}
