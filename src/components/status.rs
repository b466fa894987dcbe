//! What a section shows while its file loads, and when it fails.

use crate::api::LoadError;
use crate::i18n::{ui, words};
use leptos::prelude::*;

/// Grey placeholder lines with the same rhythm as text, announced as loading.
#[component]
pub fn Skeleton(
    /// How many placeholder lines to draw.
    #[prop(default = 4)]
    lines: usize,
) -> impl IntoView {
    view! {
        <div class="skeleton" role="status" aria-live="polite">
            <span class="visually-hidden">{ui(words::LOADING)}</span>
            {(0..lines).map(|_| view! { <span class="skeleton__line" aria-hidden="true"></span> }).collect_view()}
        </div>
    }
}

/// A failed content file: what went wrong, where, and a retry button.
#[component]
pub fn LoadErrorView(
    /// The failure to explain.
    error: LoadError,
    /// Fetches the file again.
    retry: Callback<()>,
) -> impl IntoView {
    let details = match &error {
        LoadError::Invalid { problems, .. } => problems.iter().map(ToString::to_string).collect(),
        other => vec![other.to_string()],
    };
    let summary = match &error {
        LoadError::Invalid { .. } => Some(error.to_string()),
        _ => None,
    };
    view! {
        <div class="load-error" role="alert">
            <p class="load-error__title">{ui(words::LOAD_FAILED)}</p>
            {summary.map(|text| view! { <p>{text}":"</p> })}
            <ul class="load-error__list">
                {details.into_iter().map(|text| view! { <li lang="en">{text}</li> }).collect_view()}
            </ul>
            <button type="button" class="button" on:click=move |_| retry.run(())>
                {ui(words::RETRY)}
            </button>
        </div>
    }
}

/// One part's content file: loading (`None`), loaded, or failed, and how to
/// fetch it again.
pub struct Part<T: Send + Sync + 'static> {
    pub value: Signal<Option<Result<T, LoadError>>>,
    pub retry: Callback<()>,
}

impl<T: Send + Sync + 'static> Clone for Part<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Part<T> {}

impl<T: Clone + Send + Sync + 'static> Part<T> {
    /// The file as the browser fetches it.
    pub fn fetched(resource: LocalResource<Result<T, LoadError>>) -> Self {
        Part {
            value: Signal::derive(move || resource.get()),
            retry: Callback::new(move |()| resource.refetch()),
        }
    }

    /// Content already at hand (the build renders the page from it).
    pub fn ready(value: T) -> Self {
        Part {
            value: Signal::stored(Some(Ok(value))),
            retry: Callback::new(|()| ()),
        }
    }
}

/// Shows `render(value)` once `part` has loaded, a skeleton before, and
/// the error with a retry button if it failed.
pub fn loaded<T, V>(
    part: Part<T>,
    lines: usize,
    render: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let retry = part.retry;
    move || match part.value.get() {
        None => view! { <Skeleton lines/> }.into_any(),
        Some(Ok(value)) => render(value).into_any(),
        Some(Err(error)) => view! { <LoadErrorView error retry/> }.into_any(),
    }
}

/// Like `loaded`, but keeps the skeleton until `turn` comes (it turns true
/// once), so a part below the fold waits for the parts above it.
pub fn loaded_in_turn<T, V>(
    turn: Signal<bool>,
    part: Part<T>,
    lines: usize,
    render: impl Fn(T) -> V + Send + Sync + Clone + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || {
        if turn.get() {
            loaded(part, lines, render.clone()).into_any()
        } else {
            view! { <Skeleton lines/> }.into_any()
        }
    }
}
