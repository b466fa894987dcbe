use super::*;
use image::GenericImageView;
use serde_json::{Value, json};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

#[path = "../../tests/support/mod.rs"]
mod support;
use support::{TempDir, phone_jpeg, png_claiming, with_exif};

/// The system allocator, noting the largest single allocation made on each
/// thread, so a test can tell nothing big was allocated.
struct Tracking;

thread_local! {
    static LARGEST: Cell<usize> = const { Cell::new(0) };
}

fn note(size: usize) {
    let _ = LARGEST.try_with(|largest| largest.set(largest.get().max(size)));
}

// SAFETY: every call goes straight to `System` with the same arguments.
unsafe impl GlobalAlloc for Tracking {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Tracking = Tracking;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/e2e/fixtures/photos")
        .join(name)
}

/// The photo's object as `cargo xtask photos` prints it, parsed.
fn printed(photo: &Photo) -> Value {
    serde_json::from_str(&timeline::photo_json(photo, "content/photos", "", "  ")).unwrap()
}

#[test]
fn photos_become_upright_resized_copies_without_metadata() {
    let work = TempDir::new("upright");
    let (src, out) = (work.dir("originals"), work.path().join("out"));
    let landscape = std::fs::read(fixture("landscape.jpg")).unwrap();
    let phone = src.join("IMG 0001 (phone).JPG");
    std::fs::write(&phone, with_exif(&landscape, 6)).unwrap();
    std::fs::copy(fixture("portrait.jpg"), src.join("portrait.jpg")).unwrap();
    std::fs::copy(fixture("square.webp"), src.join("square.webp")).unwrap();
    let before = std::fs::read(&phone).unwrap();

    let done = run(&src, &out).unwrap();
    assert_eq!(done.len(), 3);
    assert!(done.iter().all(|d| matches!(d.outcome, Outcome::Made(_))));
    assert_eq!(
        std::fs::read(&phone).unwrap(),
        before,
        "the original is untouched"
    );

    // 1200x800 turned upright is 800 wide: copies at 480 and 800.
    let name = |w: u32, ext: &str| format!("img-0001-phone-{}-{w}.{ext}", content_hash(&before));
    let phone_entry = printed(done[0].photo().unwrap());
    assert_eq!(
        phone_entry["src"],
        format!("content/photos/{}", name(800, "jpg"))
    );
    let size = (
        phone_entry["width"].as_u64(),
        phone_entry["height"].as_u64(),
    );
    assert_eq!(size, (Some(800), Some(1200)));
    let copy = image::open(out.join(name(480, "jpg"))).unwrap();
    assert_eq!(copy.dimensions(), (480, 720));
    for file in [name(480, "jpg"), name(800, "jpg"), name(800, "webp")] {
        let bytes = std::fs::read(out.join(&file)).unwrap();
        let exif = bytes.windows(4).any(|w| w == b"Exif");
        assert!(!exif, "{file} carries no EXIF (so no GPS)");
    }
    let square = std::fs::read(src.join("square.webp")).unwrap();
    let square_copy = out.join(format!("square-{}-960.webp", content_hash(&square)));
    assert_eq!(image::open(square_copy).unwrap().dimensions(), (960, 960));
    assert!(phone_entry["color"].as_str().unwrap().starts_with('#'));

    // The JSON it prints passes the site's own validation once the
    // organiser fills in the texts.
    let mut photos: Vec<Value> = done.iter().map(|d| printed(d.photo().unwrap())).collect();
    for photo in &mut photos {
        photo["alt"] = json!({"zh": "照片", "en": "A photo"});
        photo["caption"] = json!({"zh": "说明", "en": "Caption"});
    }
    let timeline = json!({"entries": [{"id": "a", "title": {"zh": "甲", "en": "A"}, "text": {"zh": "甲", "en": "A"}, "photos": photos}]});
    let loaded = event_microsite::content::load::<event_microsite::content::Timeline>(
        "timeline.json",
        &timeline.to_string(),
    );
    assert!(loaded.is_ok(), "{:?}", loaded.err());

    // A second run finds everything done.
    let again = run(&src, &out).unwrap();
    assert!(
        again
            .iter()
            .all(|d| matches!(d.outcome, Outcome::AlreadyDone(_)))
    );
    assert_eq!(
        again.iter().map(Original::photo).collect::<Vec<_>>(),
        done.iter().map(Original::photo).collect::<Vec<_>>()
    );
}

#[test]
fn a_generated_phone_photo_is_turned_upright_and_loses_its_exif() {
    let work = TempDir::new("generated");
    let (src, out) = (work.dir("originals"), work.path().join("out"));
    std::fs::write(src.join("phone.jpg"), phone_jpeg(640, 480, 6, 1)).unwrap();
    let done = run(&src, &out).unwrap();
    let photo = done[0].photo().unwrap();
    assert_eq!(
        (photo.width, photo.height),
        (480, 640),
        "width and height swapped"
    );
    for file in photo.files.keys() {
        let bytes = std::fs::read(out.join(file)).unwrap();
        assert!(
            !bytes.windows(4).any(|w| w == b"Exif"),
            "{file} has no EXIF"
        );
        let copy = image::load_from_memory(&bytes).unwrap();
        assert!(copy.height() > copy.width(), "{file} is upright");
    }
}

#[test]
fn a_png_claiming_50000_by_50000_pixels_is_refused_before_decoding() {
    let png = png_claiming(50_000, 50_000);
    assert!(png.len() < 100, "the file itself is tiny");
    LARGEST.with(|largest| largest.set(0));
    let started = Instant::now();
    let error = make::decode_upright(&png, "png").unwrap_err();
    let took = started.elapsed();
    let largest = LARGEST.with(Cell::get);
    assert!(
        error.contains("50000 x 50000 pixels is too large"),
        "{error}"
    );
    assert!(took.as_secs_f32() < 1.0, "took {took:?}");
    assert!(largest < 1 << 20, "allocated {largest} bytes at once");

    // In a batch, it is skipped and the rest are made.
    let work = TempDir::new("huge-png");
    let (src, out) = (work.dir("originals"), work.path().join("out"));
    std::fs::write(src.join("huge.png"), &png).unwrap();
    std::fs::write(src.join("ok.jpg"), phone_jpeg(64, 48, 1, 2)).unwrap();
    let done = run(&src, &out).unwrap();
    assert!(matches!(&done[0].outcome, Outcome::Skipped(why) if why.contains("too large")));
    assert!(matches!(done[1].outcome, Outcome::Made(_)));
}

#[test]
fn the_limit_is_100_megapixels() {
    let error = make::decode_upright(&png_claiming(10_001, 10_000), "png").unwrap_err();
    assert!(
        error.contains("10001 x 10000 pixels is too large"),
        "{error}"
    );
    // Just under the limit the header passes; the (missing) data does not.
    let error = make::decode_upright(&png_claiming(10_000, 10_000), "png").unwrap_err();
    assert!(error.contains("could not be read as a PNG"), "{error}");
}

#[test]
fn file_names_sort_naturally() {
    let mut names = vec![
        "landscape-10.jpg",
        "landscape-2.jpg",
        "Landscape-1.jpg",
        "IMG_0100.JPG",
        "img_0020.jpg",
        "b.jpg",
        "a10b.jpg",
        "a10a.jpg",
        "a9.jpg",
    ];
    names.sort_by(|a, b| originals::natural_cmp(a, b));
    assert_eq!(
        names,
        [
            "a9.jpg",
            "a10a.jpg",
            "a10b.jpg",
            "b.jpg",
            "img_0020.jpg",
            "IMG_0100.JPG",
            "Landscape-1.jpg",
            "landscape-2.jpg",
            "landscape-10.jpg",
        ]
    );
    assert_eq!(
        originals::natural_cmp("a01.jpg", "a1.jpg"),
        "a01.jpg".cmp("a1.jpg"),
        "equal numbers: the plain text decides"
    );
}

#[test]
fn printed_photos_leave_alt_and_caption_out() {
    let photo = Photo {
        name: "x-0123abcd".into(),
        width: 1600,
        height: 1200,
        widths: vec![480, 960, 1600],
        color: "#102030".into(),
        files: BTreeMap::new(),
    };
    let printed = printed(&photo);
    assert!(printed.get("alt").is_none() && printed.get("caption").is_none());
    assert_eq!(
        printed["srcset"].as_array().unwrap().len(),
        2,
        "480 and 960"
    );
    assert_eq!(printed["webp"].as_array().unwrap().len(), 3);
    assert_eq!(
        printed["webp"][2]["src"],
        "content/photos/x-0123abcd-1600.webp"
    );
}

fn photo_named(name: &str) -> Photo {
    Photo {
        name: name.into(),
        width: 800,
        height: 600,
        widths: vec![480, 800],
        color: "#abcdef".into(),
        files: BTreeMap::new(),
    }
}

const TIMELINE: &str = r#"{
  "$schema": "schema/timeline.schema.json",
  "entries": [
    {
      "id": "full",
      "title": { "zh": "甲", "en": "A \"quoted\" [title]" },
      "photos": [
        {
          "src": "content/photos/old.jpg",
          "alt": { "zh": "旧", "en": "Old" },
          "width": 1, "height": 1
        }
      ]
    },
    {
      "id": "empty",
      "photos": [ ]
    },
    { "id": "none", "title": { "zh": "丙", "en": "C" } }
  ]
}
"#;

/// `edited` is `TIMELINE` with text inserted at one place: what that is.
fn inserted(edited: &str) -> (&str, &str, &str) {
    let same = |a: &[u8], b: &[u8]| a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let start = same(TIMELINE.as_bytes(), edited.as_bytes());
    let rev = |s: &str| s.bytes().rev().collect::<Vec<u8>>();
    let end = same(&rev(&TIMELINE[start..]), &rev(&edited[start..]));
    (
        &TIMELINE[..start],
        &TIMELINE[start..TIMELINE.len() - end],
        &edited[start..edited.len() - end],
    )
}

#[test]
fn into_appends_to_an_entrys_photos_and_keeps_the_rest_of_the_text() {
    let photos = [photo_named("new-1"), photo_named("new-2")];
    let (edited, added) = timeline::insert(TIMELINE, "full", &photos, "content/photos").unwrap();
    assert_eq!(added, 2);
    let (_, removed, text) = inserted(&edited);
    assert_eq!(removed, "", "nothing of the file is lost or changed");
    assert!(text.starts_with(",\n        {\n          \"src\": \"content/photos/new-1-800.jpg\","));
    let doc: Value = serde_json::from_str(&edited).unwrap();
    let list = doc["entries"][0]["photos"].as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(list[2]["src"], "content/photos/new-2-800.jpg");
    assert!(list[2].get("alt").is_none());

    // Running it again adds nothing.
    let (again, added) = timeline::insert(&edited, "full", &photos, "content/photos").unwrap();
    assert_eq!((again.as_str(), added), (edited.as_str(), 0));
}

#[test]
fn into_fills_an_empty_list_and_makes_a_missing_one() {
    let photos = [photo_named("new")];
    let (edited, _) = timeline::insert(TIMELINE, "empty", &photos, "content/photos").unwrap();
    let (_, removed, _) = inserted(&edited);
    assert!(removed.trim().is_empty(), "at most the space inside `[ ]`");
    assert!(
        edited.contains(
            "\"photos\": [\n        {\n          \"src\": \"content/photos/new-800.jpg\""
        )
    );
    assert!(edited.contains("\"color\": \"#abcdef\"\n        }\n      ]\n    },"));

    let (edited, _) = timeline::insert(TIMELINE, "none", &photos, "content/photos").unwrap();
    let (_, removed, text) = inserted(&edited);
    assert_eq!(removed, "");
    assert!(
        text.starts_with(",\n      \"photos\": [\n        {\n"),
        "{text}"
    );
    let doc: Value = serde_json::from_str(&edited).unwrap();
    assert_eq!(doc["entries"][2]["photos"][0]["width"], 800);
    assert_eq!(doc["entries"][2]["title"]["en"], "C");
}

#[test]
fn into_an_unknown_entry_names_the_ids_there_are() {
    let error = timeline::insert(TIMELINE, "nope", &[photo_named("x")], "content/photos")
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("no entry in timeline.json has the id \"nope\""),
        "{error}"
    );
    assert!(error.contains("full, empty, none"), "{error}");
}

#[test]
fn slugs_are_safe_file_names() {
    assert_eq!(slug(Path::new("IMG 0042.JPG")), "img-0042");
    assert_eq!(slug(Path::new("合影.jpg")), "photo");
    assert_eq!(slug(Path::new("--Oath__2--.png")), "oath-2");
}
