//! The photo viewer: a modal dialog over the timeline, through the day's
//! photos and videos. Swipe, pinch and double-tap on a phone; arrows,
//! Escape and buttons on a desktop. Its address (`?photo=oath-1`) can be
//! shared, and Back closes it. A video plays in the dialog and stops when
//! the visitor moves on or closes.

mod touch;

use super::media::VideoPlayer;
use crate::browser;
use crate::content::{Entry, PhotoRef, Slide, Text};
use crate::decimal::fixed;
use crate::i18n::{tr, tr_attr, ui, use_lang, words};
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use touch::{Zoom, use_touch_zoom};
use wasm_bindgen::JsCast;

/// The query parameter naming the open photo.
const PARAM: &str = "photo";

/// Which photo is open, shared by the timeline's photos and the dialog.
#[derive(Clone, Copy)]
pub struct Viewer {
    gallery: StoredValue<Vec<PhotoRef>>,
    entries: StoredValue<Vec<Entry>>,
    current: RwSignal<Option<usize>>,
    /// Whether opening added a history entry (so closing goes Back).
    pushed: StoredValue<bool>,
    /// The photo whose button opened the viewer, to return focus to.
    opener: StoredValue<Option<String>>,
}

impl Viewer {
    /// Creates the viewer for these entries, opens the photo named in the
    /// address if any, and follows the Back and Forward buttons.
    pub fn new(entries: Vec<Entry>) -> Viewer {
        let gallery = crate::content::gallery(&entries);
        let viewer = Viewer {
            gallery: StoredValue::new(gallery),
            entries: StoredValue::new(entries),
            current: RwSignal::new(None),
            pushed: StoredValue::new(false),
            opener: StoredValue::new(None),
        };
        viewer.follow_address();
        // In the browser only (not in the build's rendering).
        if crate::browser::in_browser() {
            let handle = window_event_listener(ev::popstate, move |_| {
                viewer.pushed.set_value(false);
                viewer.follow_address();
            });
            on_cleanup(move || handle.remove());
        }
        viewer
    }

    fn index_of(&self, id: &str) -> Option<usize> {
        self.gallery
            .with_value(|g| g.iter().position(|p| p.id == id))
    }

    /// Shows the photo the address names, or closes.
    fn follow_address(&self) {
        let wanted = browser::query_param(PARAM).and_then(|id| self.index_of(&id));
        let was_open = self.current.get_untracked().is_some();
        self.current.set(wanted);
        if wanted.is_none() && was_open {
            self.return_focus();
        }
    }

    /// Opens the photo `id` from its button in the timeline.
    pub fn open(&self, id: &str) {
        let Some(index) = self.index_of(id) else {
            return;
        };
        self.opener.set_value(Some(id.to_string()));
        browser::set_query_param(PARAM, Some(id), true);
        self.pushed.set_value(true);
        self.current.set(Some(index));
    }

    /// Moves by `step` photos across the whole day (wrapping round).
    fn step(&self, step: isize) {
        let count = self.gallery.with_value(Vec::len) as isize;
        let Some(current) = self.current.get_untracked() else {
            return;
        };
        if count == 0 {
            return;
        }
        let next = (current as isize + step).rem_euclid(count) as usize;
        let id = self.gallery.with_value(|g| g[next].id.clone());
        browser::set_query_param(PARAM, Some(&id), false);
        self.current.set(Some(next));
    }

    /// Closes the viewer: Back if opening added a history entry, so the
    /// history stays as the visitor expects.
    fn close(&self) {
        if self.pushed.get_value() {
            browser::history_back();
        } else {
            browser::set_query_param(PARAM, None, false);
            self.current.set(None);
            self.return_focus();
        }
    }

    fn return_focus(&self) {
        let id = self.opener.get_value().or_else(|| {
            self.current
                .get_untracked()
                .and_then(|i| self.gallery.with_value(|g| g.get(i).map(|p| p.id.clone())))
        });
        if let Some(id) = id {
            request_animation_frame(move || {
                if let Some(button) = document().get_element_by_id(&format!("photo-{id}")) {
                    let _ = button.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            });
        }
    }
}

/// The dialog, shown while a photo is open.
#[component]
pub fn PhotoViewer(
    /// The shared viewer state.
    viewer: Viewer,
) -> impl IntoView {
    let open = Memo::new(move |_| viewer.current.get().is_some());
    Effect::new(move |_| {
        if let Some(html) = document().document_element() {
            let _ = html
                .class_list()
                .toggle_with_force("viewer-open", open.get());
        }
    });
    move || open.get().then(|| view! { <Dialog viewer/> })
}

/// The dialog: the photo, what it shows and where it is in the day, and the
/// buttons; keys, touch and focus as in a modal.
#[component]
fn Dialog(viewer: Viewer) -> impl IntoView {
    let close_button = NodeRef::<html::Button>::new();
    let dialog = NodeRef::<html::Div>::new();
    let photo = Memo::new(move |_| viewer.current.get().and_then(|i| slide_at(viewer, i)));
    // Only photos zoom: on a video, a touch is for its controls or a swipe.
    let zoomable =
        Signal::derive(move || photo.with(|open| matches!(open, Some((_, Slide::Photo(_), _)))));
    let touch = use_touch_zoom(viewer, zoomable);

    Effect::new(move |_| {
        if let Some(button) = close_button.get() {
            let _ = button.focus();
        }
    });
    // A new photo starts unzoomed, and its neighbours load ahead.
    Effect::new(move |_| {
        if let Some(index) = viewer.current.get() {
            touch.zoom.set(Zoom::NONE);
            load_neighbours(viewer, index);
        }
    });

    let on_key = move |event: ev::KeyboardEvent| match event.key().as_str() {
        // On a video's own controls the arrows seek.
        "ArrowRight" | "ArrowLeft" if on_media(&event) => {}
        "ArrowRight" => viewer.step(1),
        "ArrowLeft" => viewer.step(-1),
        "Escape" => {
            event.prevent_default();
            viewer.close();
        }
        "Tab" => {
            if let Some(dialog) = dialog.get() {
                trap_focus(&dialog, &event);
            }
        }
        _ => {}
    };

    view! {
        <div
            class="viewer"
            role="dialog"
            aria-modal="true"
            aria-labelledby="viewer-title"
            node_ref=dialog
            on:keydown=on_key
        >
            <h2 id="viewer-title" class="visually-hidden">{ui(words::VIEWER)}</h2>
            <div
                class="viewer__stage"
                on:touchstart=move |event| touch.start.run(event)
                on:touchmove=move |event| touch.moved.run(event)
                on:touchend=move |event| touch.end.run(event)
                on:dblclick=move |_| touch.double_click.run(())
            >
                <Picture photo zoom=touch.zoom/>
            </div>
            <Info viewer photo/>
            <Controls viewer close_button/>
        </div>
    }
}

/// Whether a key was pressed on a video or recording (whose controls use
/// the arrows).
fn on_media(event: &ev::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| matches!(element.tag_name().as_str(), "VIDEO" | "AUDIO"))
}

/// The open slide, and where it is: its reference, the photo or video and
/// its entry's title.
type OpenPhoto = Memo<Option<(PhotoRef, Slide, Text)>>;

/// The photo itself, zoomed and panned, or a placeholder with its alt text
/// if it fails to load; or the video, with its controls.
#[component]
fn Picture(photo: OpenPhoto, zoom: RwSignal<Zoom>) -> impl IntoView {
    let broken = RwSignal::new(false);
    let lang = use_lang();
    Effect::new(move |_| {
        photo.track();
        broken.set(false);
    });
    move || {
        photo.get().map(|(_, slide, entry_title)| {
            let photo = match slide {
                Slide::Photo(photo) => photo,
                Slide::Video(video) => {
                    let title = video.title_or(&entry_title);
                    return view! {
                        <div class="viewer__video">
                            <VideoPlayer video title lang=lang.get_untracked() player=NodeRef::new() controls=true/>
                        </div>
                    }
                    .into_any();
                }
            };
            let alt = tr_attr(photo.alt_or(&entry_title));
            if broken.get() {
                return view! {
                    <div class="viewer__missing" role="img" aria-label=alt.clone()>
                        <span>{ui(words::PHOTO_MISSING)}</span>
                        <span>{alt.clone()}</span>
                    </div>
                }
                .into_any();
            }
            let webp = photo.webp_srcset_attr();
            view! {
                <picture class="viewer__picture">
                {webp.map(|srcset| view! { <source type="image/webp" srcset=srcset sizes="100vw"/> })}
                <img
                    class="viewer__img"
                    src=photo.src.clone()
                    srcset=photo.srcset_attr()
                    sizes="100vw"
                    alt=alt
                    width=photo.width
                    height=photo.height
                    data-scale=move || fixed(zoom.get().scale, 2)
                    style=move || zoom.get().transform()
                    on:error=move |_| broken.set(true)
                />
                </picture>
            }
            .into_any()
        })
    }
}

/// The caption, the credit, and where the photo is in its entry and in the
/// day.
#[component]
fn Info(viewer: Viewer, photo: OpenPhoto) -> impl IntoView {
    let lang = use_lang();
    let total = viewer.gallery.with_value(Vec::len);
    view! {
        <div class="viewer__info">
            {move || {
                photo
                    .get()
                    .map(|(reference, slide, entry_title)| {
                        let index = viewer.current.get().unwrap_or(0);
                        let (n, of) = (reference.index + 1, reference.count);
                        let video = matches!(slide, Slide::Video(_));
                        let (caption, credit) = match slide {
                            Slide::Photo(photo) => (photo.caption, photo.credit),
                            Slide::Video(video) => (video.title.or(video.caption), video.credit),
                        };
                        view! {
                            // The counter names the entry: a caption that only repeats it is left out.
                            {caption.filter(|caption| caption != &entry_title).map(|caption| view! { <p class="viewer__caption">{tr(caption)}</p> })}
                            {credit.map(|credit| view! { <p class="viewer__credit">{tr(credit)}</p> })}
                            <p class="viewer__count">
                                {move || {
                                    let lang = lang.get();
                                    crate::ui_text::photo_count(lang, entry_title.get(lang), (n, of), (index + 1, total), video)
                                }}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// Previous, next and close.
#[component]
fn Controls(viewer: Viewer, close_button: NodeRef<html::Button>) -> impl IntoView {
    view! {
        <div class="viewer__controls">
            <button type="button" class="viewer__button" on:click=move |_| viewer.step(-1)>
                <span aria-hidden="true">"‹ "</span>
                {ui(words::PREVIOUS)}
            </button>
            <button type="button" class="viewer__button" on:click=move |_| viewer.step(1)>
                {ui(words::NEXT_PHOTO)}
                <span aria-hidden="true">" ›"</span>
            </button>
            <button type="button" class="viewer__button" node_ref=close_button on:click=move |_| viewer.close()>
                {ui(words::CLOSE)}
                <span aria-hidden="true">" ×"</span>
            </button>
        </div>
    }
}

/// Starts loading the photos (a video's poster, never the video) before
/// and after `index`, so moving is quick.
fn load_neighbours(viewer: Viewer, index: usize) {
    let total = viewer.gallery.with_value(Vec::len);
    for step in [1, total.saturating_sub(1)] {
        let neighbour = (index + step) % total.max(1);
        let src = slide_at(viewer, neighbour).map(|(_, slide, _)| match slide {
            Slide::Photo(photo) => photo.src,
            Slide::Video(video) => video.poster,
        });
        if let Some(src) = src
            && let Ok(image) = web_sys::HtmlImageElement::new()
        {
            image.set_src(&src);
        }
    }
}

/// The photo or video at gallery position `index`, with its reference and
/// its entry's title.
fn slide_at(viewer: Viewer, index: usize) -> Option<(PhotoRef, Slide, Text)> {
    let reference = viewer.gallery.with_value(|g| g.get(index).cloned())?;
    viewer.entries.with_value(|entries| {
        let entry = entries.get(reference.entry)?;
        Some((
            reference.clone(),
            entry.slide(reference.index)?,
            entry.title.clone(),
        ))
    })
}

/// Keeps Tab and Shift+Tab within the dialog's buttons (and a video's
/// controls).
fn trap_focus(dialog: &web_sys::HtmlDivElement, event: &ev::KeyboardEvent) {
    let Ok(buttons) = dialog.query_selector_all("video, button") else {
        return;
    };
    let (Some(first), Some(last)) = (
        buttons.item(0),
        buttons.item(buttons.length().saturating_sub(1)),
    ) else {
        return;
    };
    let active = document()
        .active_element()
        .map(|e| e.unchecked_into::<web_sys::Node>());
    let target = match (event.shift_key(), active) {
        (true, Some(active)) if active == first => Some(last),
        (false, Some(active)) if active == last => Some(first),
        (_, None) => Some(first),
        _ => None,
    };
    if let Some(target) = target {
        event.prevent_default();
        let _ = target.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}
