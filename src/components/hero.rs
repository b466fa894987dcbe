//! The top of the page: the event's title, date, place and organisers.

use crate::content::Site;
use crate::i18n::{tr, ui, words};
use leptos::prelude::*;

/// Title, subtitle, date and place, and the organisers.
#[component]
pub fn Hero(
    /// The event, from `site.json`.
    site: Site,
) -> impl IntoView {
    let lang = crate::i18n::use_lang();
    let title = site.title.clone();
    Effect::new(move |_| document().set_title(title.get(lang.get())));
    view! {
        <h1 class="hero__title">{tr(site.title)}</h1>
        {site.subtitle.map(|subtitle| view! { <p class="hero__subtitle">{tr(subtitle)}</p> })}
        <p class="hero__meta">
            <span class="hero__date">{tr(site.date)}</span>
            " · "
            <span class="hero__place">{tr(site.place)}</span>
        </p>
        <h2 class="visually-hidden">{ui(words::ORGANISERS)}</h2>
        <ul class="hero__organisers">
            {site
                .organisers
                .into_iter()
                .map(|organiser| view! { <li>{tr(organiser.name)}</li> })
                .collect_view()}
        </ul>
    }
}
