//! The organisers' studio (`studio/` in the built site): a page of its own
//! with its own wasm, so that nothing here reaches a visitor's download.
//! It holds the content check and the content as a spreadsheet; the page sits one folder below the
//! site and reads the site's files through `<base href="../">`, so
//! `content/…` and photo addresses mean what they mean on the visitor page.

pub mod check_panel;
#[cfg(feature = "studio")]
pub mod form_panel;
#[cfg(feature = "studio")]
pub mod keep;
#[cfg(feature = "studio")]
pub mod package;
#[cfg(feature = "studio")]
pub mod page_renderer;
#[cfg(feature = "studio")]
pub mod photo_panel;
#[cfg(feature = "studio")]
pub mod preview_panel;
#[cfg(feature = "studio")]
pub mod share_canvas;
#[cfg(feature = "studio")]
pub mod sheet_panel;
pub mod site_files;
#[cfg(feature = "studio")]
pub mod site_zip;

use crate::components::lang_switch::LangSwitch;
use crate::i18n::{provide_language, ui, words};
use check_panel::CheckPanel;
use leptos::prelude::*;

/// The studio page: its title, the language switch, the content check and
/// the way back to the event page.
#[component]
pub fn Studio() -> impl IntoView {
    provide_language();
    let files = site_files::site_files();
    view! {
        <header class="site-header">
            <a class="studio__back" href="./">{ui(words::BACK_TO_SITE)}</a>
            <LangSwitch/>
        </header>
        <main id="main" class="studio">
            <h1>{ui(words::STUDIO_TITLE)}</h1>
            <p>{ui(words::STUDIO_INTRO)}</p>
            <CheckPanel site_files=files/>
            {sheet_panel(files)}
        </main>
    }
}

/// The photos and the spreadsheet, in a studio built with the `studio`
/// feature: photos made there can be named in the agenda.
#[cfg(feature = "studio")]
fn sheet_panel(site_files: site_files::SiteFiles) -> impl IntoView {
    let made = RwSignal::new(Vec::new());
    let waiting = RwSignal::new_local(Vec::new());
    view! {
        <photo_panel::PhotoPanel made waiting/>
        <sheet_panel::SheetPanel site_files made waiting/>
    }
}

/// Without the `studio` feature, no photos or spreadsheet.
#[cfg(not(feature = "studio"))]
fn sheet_panel(_: site_files::SiteFiles) -> impl IntoView {}

/// What the event page shows an organiser who opens it with `?check`: the
/// check now lives in the studio.
#[component]
pub fn StudioLink() -> impl IntoView {
    view! {
        <aside class="check" aria-labelledby="check-title">
            <h2 id="check-title">{ui(words::CHECK_TITLE)}</h2>
            <p>
                {ui(words::CHECK_MOVED)}
                " "
                <a href="studio/">{ui(words::OPEN_STUDIO)}</a>
            </p>
        </aside>
    }
}
