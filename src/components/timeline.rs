//! The day's activities as a vertical agenda, with their photos.

use crate::content::{Photo, Timeline};
use crate::i18n::{tr, ui, use_lang, words};
use leptos::prelude::*;

/// The entries of the day in order, each with its photos.
#[component]
pub fn TimelineView(
    /// The day, from `timeline.json`.
    timeline: Timeline,
) -> impl IntoView {
    let lang = use_lang();
    let entries = timeline.ordered();
    view! {
        <ol class="tl">
            {entries
                .into_iter()
                .enumerate()
                .map(|(index, entry)| {
                    let anchor = format!("entry-{}", entry.id);
                    let heading = format!("{anchor}-title");
                    let labelled_by = heading.clone();
                    let marker = match entry.time.clone() {
                        Some(time) => view! { <time class="tl-entry__time">{time}</time> }.into_any(),
                        None => {
                            let step = index + 1;
                            view! {
                                <span class="tl-entry__step">
                                    <span class="visually-hidden">
                                        {move || match lang.get() {
                                            crate::content::Lang::Zh => format!("第{step}项"),
                                            crate::content::Lang::En => format!("Step {step}"),
                                        }}
                                    </span>
                                    <span aria-hidden="true">{step}</span>
                                </span>
                            }
                                .into_any()
                        }
                    };
                    view! {
                        <li class="tl-entry" id=anchor>
                            <article aria-labelledby=labelled_by>
                                <div class="tl-entry__marker">{marker}</div>
                                <div class="tl-entry__body">
                                    <h3 class="tl-entry__title" id=heading>{tr(entry.title)}</h3>
                                    <p class="tl-entry__text">{tr(entry.text)}</p>
                                    {entry
                                        .photos
                                        .into_iter()
                                        .map(|photo| view! { <PhotoFigure photo/> })
                                        .collect_view()}
                                </div>
                            </article>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// One photo with its caption. Space is reserved from width and height, so
/// nothing moves when it arrives; a photo that fails shows its alt text.
#[component]
fn PhotoFigure(photo: Photo) -> impl IntoView {
    let broken = RwSignal::new(false);
    let alt = tr(photo.alt.clone());
    let ratio = format!("aspect-ratio: {} / {}", photo.width, photo.height);
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
                <img
                    class="photo__img"
                    src=photo.src.clone()
                    alt=alt.clone()
                    width=photo.width
                    height=photo.height
                    loading="lazy"
                    decoding="async"
                    on:error=move |_| broken.set(true)
                />
            </Show>
            <figcaption class="photo__caption">{tr(photo.caption)}</figcaption>
        </figure>
    }
}
