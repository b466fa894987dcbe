//! What a hand does to the open photo: pinch to zoom, pan when zoomed,
//! double tap to zoom in or out, swipe to move between photos or close.

use super::Viewer;
use crate::browser;
use crate::decimal::short;
use crate::gesture::{self, Swipe};
use leptos::ev;
use leptos::prelude::*;

/// Zoom and pan of the photo on screen.
#[derive(Clone, Copy, Default, PartialEq)]
pub(super) struct Zoom {
    pub scale: f64,
    pub x: f64,
    pub y: f64,
}

impl Zoom {
    /// The photo as it is, unzoomed and centred.
    pub const NONE: Zoom = Zoom {
        scale: 1.0,
        x: 0.0,
        y: 0.0,
    };

    /// The CSS `transform` that shows this zoom.
    pub fn transform(self) -> String {
        format!(
            "transform: translate({}px, {}px) scale({})",
            short(self.x, 2),
            short(self.y, 2),
            short(self.scale, 3)
        )
    }
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

/// The photo's zoom and the handlers that change it, for the stage's touch
/// and double-click events.
#[derive(Clone, Copy)]
pub(super) struct TouchZoom {
    pub zoom: RwSignal<Zoom>,
    pub start: Callback<ev::TouchEvent>,
    pub moved: Callback<ev::TouchEvent>,
    pub end: Callback<ev::TouchEvent>,
    /// A mouse's double click (a double tap's own dblclick is ignored).
    pub double_click: Callback<()>,
}

/// Pinch, pan, double tap and swipe on the open photo of `viewer`; only the
/// swipe while `zoomable` is false (a video, whose controls take touches).
pub(super) fn use_touch_zoom(viewer: Viewer, zoomable: Signal<bool>) -> TouchZoom {
    let zoom = RwSignal::new(Zoom::NONE);
    let touch = StoredValue::new(TouchStart::default());
    let last_tap = StoredValue::new(0.0_f64);
    // Browsers turn a double tap into a dblclick too: ignore that one.
    let last_touch = StoredValue::new(f64::NEG_INFINITY);

    let start = Callback::new(move |event: ev::TouchEvent| {
        touch.set_value(touch_start(&event.touches(), zoom.get_untracked()));
    });
    let moved = Callback::new(move |event: ev::TouchEvent| {
        if !zoomable.get_untracked() {
            return;
        }
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
    });
    let end = Callback::new(move |event: ev::TouchEvent| {
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
            if !zoomable.get_untracked() {
                return;
            }
            let now = browser::now_millis();
            if now - last_tap.get_value() < 300.0 {
                toggle_zoom(zoom);
                last_tap.set_value(0.0);
            } else {
                last_tap.set_value(now);
            }
        } else if start.scale <= 1.0 {
            swipe(viewer, dx, dy);
        }
    });
    let double_click = Callback::new(move |()| {
        if zoomable.get_untracked() && browser::now_millis() - last_touch.get_value() > 1000.0 {
            toggle_zoom(zoom);
        }
    });
    TouchZoom {
        zoom,
        start,
        moved,
        end,
        double_click,
    }
}

/// Where a touch began, at the photo's current `zoom`.
fn touch_start(touches: &web_sys::TouchList, zoom: Zoom) -> TouchStart {
    let mut start = TouchStart {
        scale: zoom.scale,
        pan_x: zoom.x,
        pan_y: zoom.y,
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
    start
}

/// A one-finger move of `dx`, `dy` on an unzoomed photo: the next or
/// previous photo, or closing the viewer.
fn swipe(viewer: Viewer, dx: f64, dy: f64) {
    match gesture::classify_swipe(dx, dy) {
        Some(Swipe::Next) => viewer.step(1),
        Some(Swipe::Previous) => viewer.step(-1),
        Some(Swipe::Close) => viewer.close(),
        None => {}
    }
}

fn toggle_zoom(zoom: RwSignal<Zoom>) {
    zoom.update(|z| {
        *z = if z.scale > 1.0 {
            Zoom::NONE
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
