//! Entry point: mounts the app. Build it with `cargo xtask build`.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    let root = event_microsite::app::app_root();
    leptos::mount::mount_to(root, event_microsite::app::App).forget();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("This is a web app: build and serve it with `cargo xtask serve`.");
}
