//! The narrative of the event, section by section.

use crate::content::Story;
use crate::i18n::tr;
use leptos::prelude::*;

/// The story's sections, each with a heading and paragraphs.
#[component]
pub fn StoryView(
    /// The narrative, from `story.json`.
    story: Story,
) -> impl IntoView {
    story
        .sections
        .into_iter()
        .map(|section| {
            let anchor = format!("story-{}", section.id);
            let labelled_by = anchor.clone();
            view! {
                <section class="story__section" aria-labelledby=labelled_by>
                    <h3 id=anchor>{tr(section.heading)}</h3>
                    {section
                        .paragraphs
                        .into_iter()
                        .map(|paragraph| view! { <p>{tr(paragraph)}</p> })
                        .collect_view()}
                </section>
            }
        })
        .collect_view()
}
