//! The photo viewer: a modal dialog over the timeline. Swipe, pinch and
//! double-tap on a phone; arrows, Escape and buttons on a desktop. Its
//! address (`?photo=oath-1`) can be shared, and Back closes it.

use crate::browser;
use crate::content::{Entry, PhotoRef};
use crate::decimal::{fixed, short};
use crate::gesture::{self, Swipe};
use crate::i18n::{tr, tr_attr, ui, use_lang, words};
use leptos::ev;
use leptos::html;
use leptos::prelude::*;
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
        if cfg!(target_arch = "wasm32") {
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

/// Zoom and pan of the photo on screen.
#[derive(Clone, Copy, Default, PartialEq)]
struct Zoom {
    scale: f64,
    x: f64,
    y: f64,
}

/// Where a touch gesture started.
#[derive(Clone, Copy, Default)]
struct TouchStart {
    x: f64,
    y: f64,
    pinch_distance: f64,
    scale: f64,
    pan_x: f64,
    pan_y: f64,
    fingers: u32,
}

#[component]
fn Dialog(viewer: Viewer) -> impl IntoView {
    let lang = use_lang();
    let close_button = NodeRef::<html::Button>::new();
    let dialog = NodeRef::<html::Div>::new();
    let zoom = RwSignal::new(Zoom {
        scale: 1.0,
        ..Zoom::default()
    });
    let touch = StoredValue::new(TouchStart::default());
    let last_tap = StoredValue::new(0.0_f64);
    // Browsers turn a double tap into a dblclick too: ignore that one.
    let last_touch = StoredValue::new(f64::NEG_INFINITY);
    let total = viewer.gallery.with_value(Vec::len);

    Effect::new(move |_| {
        if let Some(button) = close_button.get() {
            let _ = button.focus();
        }
    });
    // A new photo starts unzoomed, and its neighbours load ahead.
    Effect::new(move |_| {
        if let Some(index) = viewer.current.get() {
            zoom.set(Zoom {
                scale: 1.0,
                ..Zoom::default()
            });
            for step in [1, total.saturating_sub(1)] {
                let neighbour = (index + step) % total.max(1);
                if let Some(src) = photo_at(viewer, neighbour).map(|(_, photo, _)| photo.src)
                    && let Ok(image) = web_sys::HtmlImageElement::new()
                {
                    image.set_src(&src);
                }
            }
        }
    });

    let on_key = move |event: ev::KeyboardEvent| match event.key().as_str() {
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

    let on_touch_start = move |event: ev::TouchEvent| {
        let touches = event.touches();
        let Zoom { scale, x, y } = zoom.get_untracked();
        let mut start = TouchStart {
            scale,
            pan_x: x,
            pan_y: y,
            fingers: touches.length(),
            ..TouchStart::default()
        };
        if let Some(first) = touches.get(0) {
            start.x = f64::from(first.client_x());
            start.y = f64::from(first.client_y());
        }
        if let (Some(a), Some(b)) = (touches.get(0), touches.get(1)) {
            start.pinch_distance = distance(&a, &b);
        }
        touch.set_value(start);
    };
    let on_touch_move = move |event: ev::TouchEvent| {
        event.prevent_default();
        let touches = event.touches();
        let start = touch.get_value();
        if let (Some(a), Some(b)) = (touches.get(0), touches.get(1)) {
            let scale = gesture::pinch_scale(start.scale, start.pinch_distance, distance(&a, &b));
            zoom.update(|z| z.scale = scale);
        } else if let Some(finger) = touches.get(0)
            && start.scale > 1.0
        {
            let (dx, dy) = (
                f64::from(finger.client_x()) - start.x,
                f64::from(finger.client_y()) - start.y,
            );
            zoom.update(|z| {
                z.x = start.pan_x + dx;
                z.y = start.pan_y + dy;
            });
        }
    };
    let on_touch_end = move |event: ev::TouchEvent| {
        last_touch.set_value(browser::now_millis());
        let start = touch.get_value();
        let Some(finger) = event.changed_touches().get(0) else {
            return;
        };
        if start.fingers != 1 || event.touches().length() > 0 {
            return;
        }
        let (dx, dy) = (
            f64::from(finger.client_x()) - start.x,
            f64::from(finger.client_y()) - start.y,
        );
        if gesture::is_tap(dx, dy) {
            let now = browser::now_millis();
            if now - last_tap.get_value() < 300.0 {
                toggle_zoom(zoom);
                last_tap.set_value(0.0);
            } else {
                last_tap.set_value(now);
            }
        } else if start.scale <= 1.0 {
            match gesture::classify_swipe(dx, dy) {
                Some(Swipe::Next) => viewer.step(1),
                Some(Swipe::Previous) => viewer.step(-1),
                Some(Swipe::Close) => viewer.close(),
                None => {}
            }
        }
    };

    let photo = Memo::new(move |_| viewer.current.get().and_then(|i| photo_at(viewer, i)));
    let broken = RwSignal::new(false);
    Effect::new(move |_| {
        photo.track();
        broken.set(false);
    });

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
                on:touchstart=on_touch_start
                on:touchmove=on_touch_move
                on:touchend=on_touch_end
                on:dblclick=move |_| {
                    if browser::now_millis() - last_touch.get_value() > 1000.0 {
                        toggle_zoom(zoom);
                    }
                }
            >
                {move || {
                    photo
                        .get()
                        .map(|(_, photo, entry_title)| {
                            let alt = tr_attr(photo.alt_or(&entry_title));
                            if broken.get() {
                                view! {
                                    <div class="viewer__missing" role="img" aria-label=alt.clone()>
                                        <span>{ui(words::PHOTO_MISSING)}</span>
                                        <span>{alt.clone()}</span>
                                    </div>
                                }
                                    .into_any()
                            } else {
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
                                        style=move || {
                                            let Zoom { scale, x, y } = zoom.get();
                                            format!(
                                                "transform: translate({}px, {}px) scale({})",
                                                short(x, 2),
                                                short(y, 2),
                                                short(scale, 3)
                                            )
                                        }
                                        on:error=move |_| broken.set(true)
                                    />
                                    </picture>
                                }
                                    .into_any()
                            }
                        })
                }}
            </div>
            <div class="viewer__info">
                {move || {
                    photo
                        .get()
                        .map(|(reference, photo, entry_title)| {
                            let index = viewer.current.get().unwrap_or(0);
                            let (n, of) = (reference.index + 1, reference.count);
                            view! {
                                // The counter names the entry: a caption that only repeats it is left out.
                                {photo.caption.clone().filter(|caption| caption != &entry_title).map(|caption| view! { <p class="viewer__caption">{tr(caption)}</p> })}
                                {photo.credit.clone().map(|credit| view! { <p class="viewer__credit">{tr(credit)}</p> })}
                                <p class="viewer__count">
                                    {move || {
                                        let lang = lang.get();
                                        crate::ui_text::photo_count(lang, entry_title.get(lang), n, of, index + 1, total)
                                    }}
                                </p>
                            }
                        })
                }}
            </div>
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
        </div>
    }
}

/// The photo at gallery position `index`, with its reference and its
/// entry's title.
fn photo_at(
    viewer: Viewer,
    index: usize,
) -> Option<(PhotoRef, crate::content::Photo, crate::content::Text)> {
    let reference = viewer.gallery.with_value(|g| g.get(index).cloned())?;
    viewer.entries.with_value(|entries| {
        let entry = entries.get(reference.entry)?;
        Some((
            reference.clone(),
            entry.photos.get(reference.index)?.clone(),
            entry.title.clone(),
        ))
    })
}

fn toggle_zoom(zoom: RwSignal<Zoom>) {
    zoom.update(|z| {
        *z = if z.scale > 1.0 {
            Zoom {
                scale: 1.0,
                ..Zoom::default()
            }
        } else {
            Zoom {
                scale: gesture::DOUBLE_TAP_SCALE,
                ..Zoom::default()
            }
        }
    });
}

fn distance(a: &web_sys::Touch, b: &web_sys::Touch) -> f64 {
    f64::from(a.client_x() - b.client_x()).hypot(f64::from(a.client_y() - b.client_y()))
}

/// Keeps Tab and Shift+Tab within the dialog's buttons.
fn trap_focus(dialog: &web_sys::HtmlDivElement, event: &ev::KeyboardEvent) {
    let Ok(buttons) = dialog.query_selector_all("button") else {
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
