//! A page's files from its template, as trunk would write them, without trunk.
//!
//! A template (`index.html`, `src/bin/studio/index.html`) names what the page
//! needs in trunk's own words, so `trunk serve` still works on it for those
//! who have trunk:
//!
//! - `<link data-trunk rel="rust" data-bin="NAME">`: the binary, built for
//!   wasm32 in release and bound with wasm-bindgen into `NAME-HASH.js` and
//!   `NAME-HASH_bg.wasm` (with the crate's features in `data-cargo-features`,
//!   comma-separated);
//! - `<link data-trunk rel="rust" data-bin="NAME" data-type="worker">`: a
//!   module the page's app loads itself when it needs it (trunk's word for
//!   a wasm apart from the page's own), built and bound the same way and
//!   named in the page as `<meta name="NAME" content="NAME-HASH.js">`;
//! - `<link data-trunk rel="css" href="FILE">`: the stylesheet, copied as
//!   `STEM-HASH.css` and linked with its integrity hash;
//! - `<link data-trunk rel="copy-dir" href="DIR">`: the folder, copied;
//! - `<link data-trunk rel="copy-file" href="FILE">`: the file, copied.
//!
//! The page is edited with an HTML rewriter (`lol_html`), never by finding
//! text. Doing trunk's job here takes trunk (a 5 to 7 minute compile) out of
//! every first set-up.

use super::copy_dir;
use crate::setup::tools;
use anyhow::{Context, Result, anyhow, bail};
use base64::Engine;
use lol_html::html_content::{ContentType, Element};
use lol_html::{RewriteStrSettings, element, rewrite_str};
use sha2::{Digest, Sha256, Sha384};
use std::cell::RefCell;
use std::path::{Path, PathBuf};

/// How a page starts its app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// A module script at the app's place in the page, with the JS and the
    /// wasm preloaded (the studio).
    Module,
    /// Nothing in the page: the caller writes its own start (the event
    /// page's head script, which starts the app after the first paint).
    Deferred,
}

/// What was built for a page: its app's file names, within its folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct App {
    pub js: String,
    pub wasm: String,
}

/// One `<link data-trunk …>` of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Need {
    Rust {
        bin: String,
        features: Vec<String>,
        /// Loaded by the page's app when it needs it, not at the start.
        module: bool,
    },
    Css {
        href: String,
    },
    CopyDir {
        href: String,
    },
    CopyFile {
        href: String,
    },
}

/// A page's template and what it needs.
pub struct Template {
    path: PathBuf,
    html: String,
    needs: Vec<Need>,
    bin: String,
    features: Vec<String>,
}

/// A binary to build: its name and its features.
type Binary<'t> = (&'t str, &'t [String]);

impl Template {
    /// Reads the template at `path`: it names one binary for its app, and
    /// any number of modules.
    pub fn read(path: &Path) -> Result<Template> {
        let html =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let needs = needs(&html).with_context(|| format!("reading {}", path.display()))?;
        let bins: Vec<(&String, &Vec<String>)> = needs
            .iter()
            .filter_map(|need| match need {
                Need::Rust {
                    bin,
                    features,
                    module: false,
                } => Some((bin, features)),
                _ => None,
            })
            .collect();
        let [(bin, features)] = bins[..] else {
            bail!(
                "{} should name one binary for its app (data-bin), not {}",
                path.display(),
                bins.len()
            );
        };
        Ok(Template {
            bin: bin.clone(),
            features: features.clone(),
            path: path.to_path_buf(),
            html,
            needs,
        })
    }

    /// Its app's binary, then its modules'.
    fn binaries(&self) -> Vec<Binary<'_>> {
        let modules = self.needs.iter().filter_map(|need| match need {
            Need::Rust {
                bin,
                features,
                module: true,
            } => Some((bin.as_str(), features.as_slice())),
            _ => None,
        });
        std::iter::once((self.bin.as_str(), self.features.as_slice()))
            .chain(modules)
            .collect()
    }

    /// Writes the page into `out` (its `index.html` and files), its files
    /// addressed as `public_url` + name (`./`, `./studio/`), its app and
    /// modules bound from the wasm that [`compile`] built.
    pub fn write(
        &self,
        env: &tools::Env,
        out: &Path,
        public_url: &str,
        start: Start,
    ) -> Result<App> {
        let from = self.path.parent().context("a template has a folder")?;
        std::fs::create_dir_all(out)?;
        let app = bind(env, &self.bin, out)?;
        let mut tags = Vec::new();
        for need in &self.needs {
            tags.push(match need {
                Need::Rust {
                    bin, module: true, ..
                } => {
                    let module = bind(env, bin, out)?;
                    module_meta(bin, &module, public_url)
                }
                Need::Rust { .. } => match start {
                    Start::Module => module_start(&app, public_url),
                    Start::Deferred => String::new(),
                },
                Need::Css { href } => {
                    let name = copy_hashed(&from.join(href), out)?;
                    let integrity = sri(&std::fs::read(out.join(&name))?);
                    format!(
                        "<link rel=\"stylesheet\" href=\"{public_url}{name}\" integrity=\"{integrity}\" />"
                    )
                }
                Need::CopyDir { href } => {
                    let dir = from.join(href);
                    let name = dir.file_name().context("a folder to copy has a name")?;
                    copy_dir(&dir, &out.join(name))?;
                    String::new()
                }
                Need::CopyFile { href } => {
                    let file = from.join(href);
                    let name = file.file_name().context("a file to copy has a name")?;
                    std::fs::copy(&file, out.join(name))
                        .with_context(|| format!("copying {}", file.display()))?;
                    String::new()
                }
            });
        }
        std::fs::write(out.join("index.html"), replace_needs(&self.html, &tags)?)?;
        Ok(app)
    }
}

/// `cargo build --release` for wasm32 of every page's binaries: one build
/// for the binaries that ask for the same features (their links run side
/// by side), one after the other otherwise. The event page's wasm is then the
/// same whatever the studio's features pull in (its dependencies' features
/// are unified within one build: +1.1 KB gzip measured with `sheet`).
pub fn compile(env: &tools::Env, pages: &[&Template]) -> Result<()> {
    for (features, bins) in builds(pages) {
        let mut build = env.release_command("cargo").current_dir(env.root()).args([
            "build",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
        ]);
        for bin in bins {
            build = build.args(["--bin", bin]);
        }
        if !features.is_empty() {
            build = build.args(["--features", &features.join(",")]);
        }
        build.run()?;
    }
    Ok(())
}

/// The pages' binaries grouped by their features, in the pages' order.
fn builds<'t>(pages: &[&'t Template]) -> Vec<(Vec<&'t str>, Vec<&'t str>)> {
    let mut builds: Vec<(Vec<&str>, Vec<&str>)> = Vec::new();
    for (bin, features) in pages.iter().flat_map(|page| page.binaries()) {
        let mut features: Vec<&str> = features.iter().map(String::as_str).collect();
        features.sort_unstable();
        features.dedup();
        match builds.iter_mut().find(|(f, _)| *f == features) {
            Some((_, bins)) => bins.push(bin),
            None => builds.push((features, vec![bin])),
        }
    }
    builds
}

/// The `<link data-trunk>` elements of a page, in order.
fn needs(html: &str) -> Result<Vec<Need>> {
    let found = RefCell::new(Vec::new());
    rewrite_str(
        html,
        RewriteStrSettings::new().append_element_content_handler(element!(
            "link[data-trunk]",
            |el| {
                found.borrow_mut().push(need(el)?);
                Ok(())
            }
        )),
    )?;
    Ok(found.into_inner())
}

fn need(el: &Element) -> Result<Need> {
    let attribute = |name: &str| {
        el.get_attribute(name)
            .ok_or_else(|| anyhow!("a <link data-trunk> without {name}"))
    };
    Ok(match attribute("rel")?.as_str() {
        "rust" => Need::Rust {
            bin: attribute("data-bin")?,
            features: el
                .get_attribute("data-cargo-features")
                .unwrap_or_default()
                .split(',')
                .map(str::trim)
                .filter(|feature| !feature.is_empty())
                .map(String::from)
                .collect(),
            module: match el.get_attribute("data-type").as_deref() {
                None | Some("main") => false,
                Some("worker") => true,
                Some(other) => bail!(
                    "<link data-trunk rel=\"rust\" data-type=\"{other}\"> is not one this build knows"
                ),
            },
        },
        "css" => Need::Css {
            href: attribute("href")?,
        },
        "copy-dir" => Need::CopyDir {
            href: attribute("href")?,
        },
        "copy-file" => Need::CopyFile {
            href: attribute("href")?,
        },
        other => bail!("<link data-trunk rel=\"{other}\"> is not one this build knows"),
    })
}

/// The page with each `<link data-trunk>` replaced by its tag in `tags`.
fn replace_needs(html: &str, tags: &[String]) -> Result<String> {
    let next = RefCell::new(tags.iter());
    Ok(rewrite_str(
        html,
        RewriteStrSettings::new().append_element_content_handler(element!(
            "link[data-trunk]",
            |el| {
                let tag = next.borrow_mut().next().ok_or("more links than tags")?;
                el.replace(tag, ContentType::Html);
                Ok(())
            }
        )),
    )?)
}

/// The studio's start: preloads and a module script.
fn module_start(app: &App, public_url: &str) -> String {
    let (js, wasm) = (&app.js, &app.wasm);
    format!(
        "<link rel=\"modulepreload\" href=\"{public_url}{js}\" />\n    \
         <link rel=\"preload\" href=\"{public_url}{wasm}\" as=\"fetch\" type=\"application/wasm\" crossorigin=\"anonymous\" />\n    \
         <script type=\"module\">import init from '{public_url}{js}'; init({{ module_or_path: '{public_url}{wasm}' }});</script>"
    )
}

/// Where the page's app finds the module `bin`: a `<meta>` named after it.
fn module_meta(bin: &str, module: &App, public_url: &str) -> String {
    format!(
        "<meta name=\"{bin}\" content=\"{public_url}{}\" />",
        module.js
    )
}

/// The `.wasm` that [`compile`] wrote for `bin`.
fn compiled(env: &tools::Env, bin: &str) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target"));
    env.root()
        .join(target)
        .join("wasm32-unknown-unknown/release")
        .join(format!("{bin}.wasm"))
}

/// wasm-bindgen for the web, into `out`, named after `bin` and a hash of
/// the wasm (so a changed app is a new address and the old stays cached).
fn bind(env: &tools::Env, bin: &str, out: &Path) -> Result<App> {
    let wasm = compiled(env, bin);
    let bytes = std::fs::read(&wasm).with_context(|| format!("reading {}", wasm.display()))?;
    let name = format!("{bin}-{}", short_hash(&bytes));
    env.wasm_command("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            &name,
            "--out-dir",
        ])
        .arg(out)
        .arg(&wasm)
        .run()?;
    Ok(App {
        js: format!("{name}.js"),
        wasm: format!("{name}_bg.wasm"),
    })
}

/// Copies `file` into `out` as `STEM-HASH.EXT`; returns that name.
fn copy_hashed(file: &Path, out: &Path) -> Result<String> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .context("a file name")?;
    let ext = file.extension().and_then(|s| s.to_str()).unwrap_or("");
    let name = format!("{stem}-{}.{ext}", short_hash(&bytes));
    std::fs::write(out.join(&name), bytes)?;
    Ok(name)
}

/// 16 hex digits of the bytes' SHA-256: the part of a file name that
/// changes with its content (`size::is_hashed` knows the form).
fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A subresource integrity value (`sha384-…`).
fn sri(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = r#"<html><head><title>t</title>
<link data-trunk rel="rust" data-bin="app" data-cargo-features="sheet, extra" data-wasm-opt="0" />
<link data-trunk rel="css" href="style/main.css" />
<link data-trunk rel="copy-dir" href="public/content" />
<link data-trunk rel="copy-file" href="src/worker.js" />
<link data-trunk rel="rust" data-bin="renderer" data-type="worker" data-cargo-features="render" />
</head><body></body></html>"#;

    #[test]
    fn a_template_names_its_binary_stylesheet_and_folders_in_order() {
        assert_eq!(
            needs(TEMPLATE).unwrap(),
            vec![
                Need::Rust {
                    bin: "app".into(),
                    features: vec!["sheet".into(), "extra".into()],
                    module: false,
                },
                Need::Css {
                    href: "style/main.css".into()
                },
                Need::CopyDir {
                    href: "public/content".into()
                },
                Need::CopyFile {
                    href: "src/worker.js".into()
                },
                Need::Rust {
                    bin: "renderer".into(),
                    features: vec!["render".into()],
                    module: true,
                },
            ]
        );
        assert!(needs(r#"<link data-trunk rel="sass" href="a.scss">"#).is_err());
        assert!(needs(r#"<link data-trunk rel="rust" data-bin="a" data-type="x">"#).is_err());
        assert!(needs(r#"<link data-trunk rel="rust">"#).is_err());
    }

    #[test]
    fn pages_with_the_same_features_share_a_build_and_others_get_their_own() {
        let page = |bin: &str, features: &[&str]| Template {
            path: PathBuf::new(),
            html: String::new(),
            needs: Vec::new(),
            bin: bin.into(),
            features: features.iter().map(|f| f.to_string()).collect(),
        };
        let (site, studio, other) = (
            page("site", &[]),
            page("studio", &["sheet"]),
            page("other", &[]),
        );
        let mut again = page("again", &["sheet", "sheet"]);
        again.needs.push(Need::Rust {
            bin: "renderer".into(),
            features: vec!["render".into()],
            module: true,
        });
        assert_eq!(
            builds(&[&site, &studio, &other, &again]),
            [
                (vec![], vec!["site", "other"]),
                (vec!["sheet"], vec!["studio", "again"]),
                (vec!["render"], vec!["renderer"])
            ]
        );
    }

    #[test]
    fn each_link_gives_way_to_its_tag_and_the_rest_is_kept() {
        let app = App {
            js: "app-0123456789abcdef.js".into(),
            wasm: "app-0123456789abcdef_bg.wasm".into(),
        };
        let tags = [
            module_start(&app, "./studio/"),
            "<link rel=\"stylesheet\" href=\"x.css\" />".into(),
            String::new(),
            String::new(),
            module_meta("renderer", &app, "./studio/"),
        ];
        let page = replace_needs(TEMPLATE, &tags).unwrap();
        assert!(!page.contains("data-trunk"), "{page}");
        assert!(
            page.contains("import init from './studio/app-0123456789abcdef.js'"),
            "{page}"
        );
        assert!(
            page.contains("module_or_path: './studio/app-0123456789abcdef_bg.wasm'"),
            "{page}"
        );
        assert!(
            page.contains("<link rel=\"stylesheet\" href=\"x.css\" />"),
            "{page}"
        );
        assert!(
            page.contains(
                "<meta name=\"renderer\" content=\"./studio/app-0123456789abcdef.js\" />"
            ),
            "{page}"
        );
        assert!(
            page.starts_with("<html><head><title>t</title>")
                && page.ends_with("</head><body></body></html>")
        );
    }

    #[test]
    fn hashed_names_are_the_form_the_rest_of_the_build_knows() {
        let hash = short_hash(b"body {}");
        assert_eq!(hash.len(), 16);
        assert!(crate::size::is_hashed(&format!("main-{hash}.css")));
        assert!(crate::size::is_hashed(&format!("app-{hash}_bg.wasm")));
        assert_ne!(hash, short_hash(b"body { }"));
        assert!(sri(b"x").starts_with("sha384-"));
    }
}
