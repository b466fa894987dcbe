//! Any bytes as each content file, and as a whole folder: parsing and
//! validation never panic, and every problem has a place in the file.
#![no_main]

use event_microsite::content::check::check;
use event_microsite::content::{Quiz, Site, Story, Timeline, load};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lines = text.lines().count().max(1);
    let results = [
        load::<Site>("site.json", &text).err(),
        load::<Story>("story.json", &text).err(),
        load::<Timeline>("timeline.json", &text).err(),
        load::<Quiz>("quiz.json", &text).err(),
    ];
    for problems in results.into_iter().flatten() {
        for problem in problems {
            assert!(problem.line >= 1 && problem.line <= lines + 1, "{problem}");
            assert!(problem.column >= 1, "{problem}");
        }
    }
    let report = check(|_| Ok(text.to_string()));
    assert!(report.errors() + report.warnings() == report.problems.len());
});
