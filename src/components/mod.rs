//! One component per part of the page.

pub mod hero;
pub mod lang_switch;
pub mod media;
pub mod quiz;
pub mod status;
pub mod story;
pub mod timeline;
pub mod viewer;
