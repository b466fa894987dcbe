//! Entry point: mounts the app into `<body>`. Build it with `cargo xtask build`.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(event_microsite::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is a web app: build and serve it with `cargo xtask serve`.");
}
