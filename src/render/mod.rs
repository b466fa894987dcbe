//! What the built `index.html` says before any script runs, and the files
//! that follow the content (the web app manifest, the service worker's
//! version), rendered from the content by one code for the build
//! (`cargo xtask build`) and for the studio's whole-site zip, so a site the
//! studio exports is never stale.
//!
//! The build marks each rendered part of a page with a pair of comments
//! ([`Region`]), so the studio can render the parts again in a built page.

pub mod head;
pub mod offline;
pub mod page;
pub mod share_card;

pub use head::{ShareImage, escape, head, json_ld};
#[cfg(any(not(target_arch = "wasm32"), feature = "render-page"))]
pub use page::body;
pub use page::{Content, Region, fill, render_event_page, render_studio_page};
