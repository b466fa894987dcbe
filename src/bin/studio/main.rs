//! The organisers' studio page (`studio/`): built by `cargo xtask build`
//! beside the visitor's page, with a wasm of its own.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(event_microsite::studio::Studio);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is a web page: `cargo xtask build` builds it into dist/studio/.");
}
