//! Server configuration for hosting `dist/`: security headers (the page's
//! Content-Security-Policy as a header, plus `frame-ancestors`), correct
//! MIME types, compression, and caching (hashed files for a year, content
//! and the page revalidated). Written for nginx (`cargo xtask nginx`) and
//! as `dist/_headers` for Netlify and Cloudflare Pages.

use anyhow::Result;
use std::path::{Path, PathBuf};

/// The page's policy (its `<meta>`), plus what only a header can say: no
/// other site may frame a page (the studio's preview frames the event page,
/// from the same site).
pub fn header_policy(page_policy: &str) -> String {
    format!("{page_policy}; frame-ancestors 'self'")
}

/// The header policy of an already built site `dist`: the one policy that
/// allows every page's inline scripts (see [`crate::build::csp::site_policy`]).
pub fn built_header_policy(dist: &Path) -> Result<String> {
    Ok(header_policy(&crate::build::csp::site_policy(dist)?))
}

/// Headers every response carries.
fn security_headers(policy: &str) -> Vec<(&'static str, String)> {
    vec![
        ("Content-Security-Policy", policy.to_string()),
        ("X-Content-Type-Options", "nosniff".into()),
        ("Referrer-Policy", "strict-origin-when-cross-origin".into()),
        (
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=()".into(),
        ),
    ]
}

/// Debian's brotli module (`libnginx-mod-http-brotli-static`), which sends
/// the build's `NAME.br` files to browsers that accept brotli.
pub const BROTLI_MODULE: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

/// Whether this machine's nginx can load the brotli module.
pub fn has_brotli() -> bool {
    Path::new(BROTLI_MODULE).exists()
}

/// An nginx `server` block serving `root` on `port`; `brotli` turns on
/// sending the precompressed `.br` files (it needs the brotli module, else
/// the line is written commented out).
pub fn nginx_server(root: &Path, port: u16, policy: &str, brotli: bool) -> String {
    server_block(root, port, security_headers(policy), brotli)
}

/// The same server for the benchmark's comparison pages: the same
/// compression and caching, none of the site's own headers.
pub fn nginx_plain_server(root: &Path, port: u16) -> String {
    server_block(
        root,
        port,
        vec![("X-Content-Type-Options", "nosniff".into())],
        has_brotli(),
    )
}

fn server_block(
    root: &Path,
    port: u16,
    headers: Vec<(&'static str, String)>,
    brotli: bool,
) -> String {
    let brotli = if brotli { "" } else { "# " };
    let headers: String = headers
        .into_iter()
        .map(|(name, value)| format!("    add_header {name} \"{value}\" always;\n"))
        .collect();
    // add_header in a location replaces the server's, so each location repeats them.
    let indented = headers.replace("    add_header", "        add_header");
    format!(
        r#"server {{
    listen 127.0.0.1:{port};
    root {root};
    index index.html;
    charset utf-8;

    gzip on;
    gzip_types text/css application/javascript application/json application/manifest+json application/wasm image/svg+xml;
    gzip_min_length 512;
    gzip_comp_level 6;

{headers}
    # Files whose names carry a content hash never change: cache for a year.
    # (16 hex digits; trunk's, without leading zeros, 8 to 16.)
    location ~* "-[0-9a-f]{{8,16}}(_bg)?\.(js|css|wasm)$" {{
        types {{ application/javascript js; text/css css; application/wasm wasm; }}
        # The build writes NAME.gz (gzip -9) and NAME.br (brotli 11) beside each.
        gzip_static on;
        # Needs the brotli module (Debian: libnginx-mod-http-brotli-static).
        {brotli}brotli_static on;
        add_header Cache-Control "{IMMUTABLE}" always;
{indented}    }}

    # The web app manifest (Debian's mime.types lacks its type).
    location ~ "\.webmanifest$" {{
        types {{ application/manifest+json webmanifest; }}
        add_header Cache-Control "no-cache" always;
{indented}    }}

    # Videos, recordings and subtitles, with their types (Debian's mime.types
    # lacks some) and byte ranges (nginx answers Range for static files), so
    # a phone fetches only what it plays. Never compressed: they are already.
    location ~* "\.({MEDIA_EXTENSIONS})$" {{
        types {{ {MEDIA_TYPES} }}
        add_header Cache-Control "no-cache" always;
{indented}    }}

    # The page, the content and the service worker: always ask whether they changed.
    location / {{
        add_header Cache-Control "no-cache" always;
{indented}        try_files $uri $uri/ =404;
    }}
}}
"#,
        root = root.display()
    )
}

/// A whole nginx.conf for running the server block as an ordinary user
/// in `work` (the tests), with Debian's MIME types.
pub fn nginx_conf(server: &str, work: &Path) -> String {
    let w = work.display();
    let brotli = if has_brotli() {
        format!("load_module {BROTLI_MODULE};\n")
    } else {
        String::new()
    };
    // Started as root, nginx runs its workers as `nobody`, who may not read a
    // checkout in a private folder (such as one made by `mktemp -d`).
    let user = if running_as_root() {
        "user root;\n"
    } else {
        ""
    };
    format!(
        r#"{brotli}{user}worker_processes 1;
pid {w}/nginx.pid;
error_log {w}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {w}/body;
    proxy_temp_path {w}/proxy;
    fastcgi_temp_path {w}/fastcgi;
    uwsgi_temp_path {w}/uwsgi;
    scgi_temp_path {w}/scgi;
{server}}}
"#
    )
}

/// Whether this process runs as root (Linux: the owner of `/proc/self`).
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// `dist/_headers` for Netlify and Cloudflare Pages: the security headers
/// everywhere, and a year's caching for exactly the `hashed` files, named
/// one by one (as nginx matches them by pattern): never a wildcard such as
/// `/*.js`, which would also freeze `sw.js`. Everything else keeps these
/// hosts' default, which revalidates every time (nginx says `no-cache`).
pub fn netlify_headers(policy: &str, hashed: &[String]) -> String {
    let mut text = String::from("/*\n");
    for (name, value) in security_headers(policy) {
        text.push_str(&format!("  {name}: {value}\n"));
    }
    for (extension, content_type) in MEDIA_CONTENT_TYPES {
        text.push_str(&format!(
            "\n/*.{extension}\n  Content-Type: {content_type}\n"
        ));
    }
    for name in hashed {
        text.push_str(&format!("\n/{name}\n  Cache-Control: {IMMUTABLE}\n"));
    }
    text
}

/// The media files' extensions, as an nginx pattern, and their types.
const MEDIA_EXTENSIONS: &str = "mp4|m4v|webm|m4a|mp3|ogg|vtt";
const MEDIA_TYPES: &str = "video/mp4 mp4 m4v; video/webm webm; audio/mp4 m4a; audio/mpeg mp3; audio/ogg ogg; text/vtt vtt;";
/// The types `_headers` sets, where hosts guess some wrong.
const MEDIA_CONTENT_TYPES: [(&str, &str); 2] =
    [("m4a", "audio/mp4"), ("vtt", "text/vtt; charset=utf-8")];

/// The caching of files whose names carry a content hash.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `cargo xtask nginx [ROOT] [PORT]`: prints an nginx server block for dist/.
pub fn print_nginx(root: &Path, site_root: Option<PathBuf>, port: Option<u16>) -> Result<()> {
    let site_root = site_root.unwrap_or_else(|| PathBuf::from("/var/www/event"));
    let port = port.unwrap_or(80);
    print!(
        "{}",
        nginx_server(
            &site_root,
            port,
            &built_header_policy(&root.join("dist"))?,
            false
        )
    );
    Ok(())
}
