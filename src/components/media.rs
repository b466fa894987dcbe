//! Videos and recordings. Nothing but a video's poster downloads before the
//! visitor presses play; they play inside the page on phones (the chat
//! apps' in-app browsers too), never on their own, and never two at once.

use crate::content::{Audio, Lang, Text, Video};
use crate::i18n::{said, said_ui, words};
use leptos::html;
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// A video in the timeline: its poster at its size (nothing moves when it
/// plays) with a play button that plays it in the page, its title and
/// caption below. Before the app runs, the browser's own controls.
#[component]
pub fn VideoFigure(
    video: Video,
    /// What it is: its title, else the entry's.
    title: Text,
    /// Its id in the day's gallery (`ENTRY-N`).
    id: String,
    lang: Lang,
) -> impl IntoView {
    let player = NodeRef::<html::Video>::new();
    let shape = frame_style(&video);
    let src = video.src.clone();
    let play_label = format!("{}: {}", words::PLAY_VIDEO.get(lang), title.get(lang));
    let play = move |_| {
        if let Some(video) = player.get() {
            video.set_controls(true);
            let _ = video.play();
            let _ = video.focus();
        }
    };
    // Before the app runs (the build's rendering), the browser's controls.
    let button = crate::browser::in_browser().then(|| {
        view! {
            <button type="button" class="video__play" id=format!("photo-{id}") aria-label=play_label on:click=play>
                <span class="video__play-icon" aria-hidden="true"></span>
            </button>
        }
    });
    let (caption, credit) = (video.caption.clone(), video.credit.clone());
    view! {
        <figure class="video">
            <div class="video__frame" style=shape>
                <VideoPlayer video title=title.clone() lang player controls=!crate::browser::in_browser()/>
                {button}
            </div>
            <p class="video__failed">
                {said_ui(words::VIDEO_FAILED, lang)}" "
                <a href=src>{said_ui(words::VIDEO_LINK, lang)}</a>
            </p>
            // A figure's caption is its first or last child.
            <MediaCaption title caption credit lang/>
        </figure>
    }
}

/// The shape a video takes before and while it plays: its own, at most
/// 80 % of the screen's height.
fn frame_style(video: &Video) -> String {
    format!(
        "aspect-ratio: {w} / {h}; max-width: calc(80vh * {w} / {h})",
        w = video.width.max(1),
        h = video.height.max(1)
    )
}

/// The `<video>` itself, the same in the timeline and the viewer: the
/// poster, no download before play, inline on phones (`playsinline`, and
/// the attributes WeChat's Android browser needs to keep it in the page),
/// subtitles with the page's language on.
#[component]
pub fn VideoPlayer(
    video: Video,
    title: Text,
    lang: Lang,
    player: NodeRef<html::Video>,
    /// Whether the browser's controls show from the start (else from the
    /// first play).
    controls: bool,
) -> impl IntoView {
    let tracks = video
        .captions
        .tracks()
        .map(|(track_lang, src)| {
            view! {
                <track
                    kind="subtitles"
                    src=src.to_string()
                    srclang=track_lang.tag()
                    label=words::SUBTITLES.get(track_lang)
                    default=track_lang == lang
                />
            }
        })
        .collect_view();
    view! {
        <video
            class="video__player"
            node_ref=player
            src=video.src.clone()
            poster=video.poster.clone()
            width=video.width
            height=video.height
            preload="none"
            controls=controls
            playsinline=""
            webkit-playsinline=""
            x5-playsinline=""
            x5-video-player-type="h5"
            aria-label=title.get(lang).to_string()
            on:play=move |_| started(player)
            on:error=move |_| failed(player)
        >
            {tracks}
        </video>
    }
}

/// A video that has started shows the browser's controls in place of the
/// play button.
fn started(player: NodeRef<html::Video>) {
    if let Some(video) = player.get_untracked() {
        video.set_controls(true);
        mark_figure(&video, "video--started");
    }
}

/// A video the browser cannot play says so, with a link to the file.
fn failed(player: NodeRef<html::Video>) {
    if let Some(video) = player.get_untracked() {
        mark_figure(&video, "video--broken");
    }
}

fn mark_figure(video: &web_sys::HtmlVideoElement, class: &str) {
    if let Ok(Some(figure)) = video.closest("figure") {
        let _ = figure.class_list().add_1(class);
    }
}

/// A recording: its title and caption, and the browser's compact player
/// (nothing downloads before play).
#[component]
pub fn AudioPlayer(
    audio: Audio,
    /// What it is: its title, else the entry's.
    title: Text,
    lang: Lang,
) -> impl IntoView {
    view! {
        <figure class="audio">
            <MediaCaption title=title.clone() caption=audio.caption credit=audio.credit lang/>
            <audio
                class="audio__player"
                src=audio.src
                controls=true
                preload="none"
                aria-label=format!("{}: {}", words::RECORDING.get(lang), title.get(lang))
            ></audio>
        </figure>
    }
}

/// A video's or a recording's title, caption and credit.
#[component]
fn MediaCaption(
    title: Text,
    caption: Option<Text>,
    credit: Option<Text>,
    lang: Lang,
) -> impl IntoView {
    view! {
        <figcaption class="media__caption">
            <span class="media__title">{said(&title, lang)}</span>
            {caption.map(|caption| view! { " · "{said(&caption, lang)} })}
            {credit.map(|credit| view! { <span class="photo__credit">" · "{said(&credit, lang)}</span> })}
        </figcaption>
    }
}

/// Pauses every other video and recording on the page when one starts
/// (set up once, for the life of the page).
pub fn play_one_at_a_time() {
    static SET_UP: AtomicBool = AtomicBool::new(false);
    if !crate::browser::in_browser() || SET_UP.swap(true, Ordering::Relaxed) {
        return;
    }
    let on_play = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        let playing = event.target();
        crate::browser::for_each_element("video, audio", |element| {
            let element: web_sys::HtmlMediaElement = element.unchecked_into();
            let target: &web_sys::EventTarget = element.as_ref();
            if playing.as_ref() != Some(target) && !element.paused() {
                let _ = element.pause();
            }
        });
    });
    // `play` does not bubble: listen as it passes down.
    let _ = document().add_event_listener_with_callback_and_bool(
        "play",
        on_play.as_ref().unchecked_ref(),
        true,
    );
    on_play.forget();
}
