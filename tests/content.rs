//! Native tests of the content model: the shipped files load, and each kind
//! of mistake is reported with the right file, JSON path and line:column.
#![cfg(not(target_arch = "wasm32"))]

use event_microsite::content::{
    Lang, Problem, QuestionKind, Quiz, Site, Story, Timeline, Validate, load,
};
use serde::de::DeserializeOwned;

fn shipped<T: DeserializeOwned + Validate>(file: &str) -> T {
    let path = format!("{}/public/content/{file}", env!("CARGO_MANIFEST_DIR"));
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    load(file, &source).unwrap_or_else(|problems| {
        panic!(
            "{file} should be valid:\n{}",
            problems
                .iter()
                .map(|p| format!("  {p}\n"))
                .collect::<String>()
        )
    })
}

/// The problems in `source`, which must not load.
fn problems<T: DeserializeOwned + Validate + std::fmt::Debug>(
    file: &str,
    source: &str,
) -> Vec<Problem> {
    load::<T>(file, source).expect_err("this content should be rejected")
}

/// A quiz with one question, the given `answer` JSON on line 7.
fn quiz_with_answer(answer: &str) -> String {
    format!(
        r#"{{
  "title": {{"zh": "竞答", "en": "Quiz"}},
  "intro": {{"zh": "试试", "en": "Try"}},
  "questions": [{{
    "id": "q1", "prompt": {{"zh": "问", "en": "Q"}},
    "options": [{{"zh": "甲", "en": "A"}}, {{"zh": "乙", "en": "B"}}, {{"zh": "丙", "en": "C"}}],
    "answer": {answer},
    "explanation": {{"zh": "因为", "en": "Because"}}
  }}]
}}"#
    )
}

#[test]
fn the_shipped_content_loads_and_tells_the_event() {
    let site: Site = shipped("site.json");
    assert_eq!(
        site.organisers.len(),
        3,
        "three organisations held the event"
    );
    assert!(
        site.organisers[0]
            .name
            .en
            .contains("Foreign Science and Technology Exchange Center")
    );
    assert_eq!(site.date.get(Lang::Zh), "6月6日");

    let story: Story = shipped("story.json");
    let all_text: String = story
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.iter().map(|p| p.en.as_str()))
        .collect();
    for needle in [
        "Li Qun",
        "joint learning",
        "joint sharing",
        "red songs",
        "oath",
        "red engine",
    ] {
        assert!(all_text.contains(needle), "the story mentions {needle}");
    }

    let timeline: Timeline = shipped("timeline.json");
    let ids: Vec<&str> = timeline.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "oath",
            "training",
            "exchanges",
            "quiz",
            "red-songs",
            "speech"
        ]
    );
    assert!(timeline.entries.iter().all(|e| !e.photos.is_empty()));

    let quiz: Quiz = shipped("quiz.json");
    assert!(quiz.questions.len() >= 10, "at least ten questions");
    assert!(
        quiz.questions.iter().any(|q| q.is_multiple()),
        "one multiple-choice question"
    );
}

#[test]
fn every_shipped_photo_exists() {
    let timeline: Timeline = shipped("timeline.json");
    for photo in timeline.entries.iter().flat_map(|e| &e.photos) {
        let path = format!("{}/public/{}", env!("CARGO_MANIFEST_DIR"), photo.src);
        assert!(std::path::Path::new(&path).is_file(), "{path} is missing");
    }
}

#[test]
fn an_answer_out_of_range_is_reported_at_its_path_and_line() {
    let found = problems::<Quiz>("quiz.json", &quiz_with_answer("4"));
    assert_eq!(found.len(), 1);
    let problem = &found[0];
    assert_eq!(
        (problem.file.as_str(), problem.path.as_str()),
        ("quiz.json", "questions[0].answer")
    );
    assert_eq!((problem.line, problem.column), (7, 15));
    assert!(
        problem.message.contains("answer 4 does not exist"),
        "{}",
        problem.message
    );
    assert_eq!(
        problem.to_string(),
        "quiz.json at questions[0].answer (line 7, column 15): answer 4 does not exist: \
         this question has 3 options, numbered 1 to 3"
    );
}

#[test]
fn answers_may_be_one_number_or_a_list() {
    assert!(load::<Quiz>("quiz.json", &quiz_with_answer("2")).is_ok());
    assert!(load::<Quiz>("quiz.json", &quiz_with_answer("[1, 3]")).is_ok());
    let zero = problems::<Quiz>("quiz.json", &quiz_with_answer("[0, 3]"));
    assert!(zero[0].message.contains("answer 0 does not exist"));
    let empty = problems::<Quiz>("quiz.json", &quiz_with_answer("[]"));
    assert!(empty[0].message.contains("no correct option"));
}

#[test]
fn a_wrong_type_names_the_path_and_what_was_expected() {
    let found = problems::<Quiz>("quiz.json", &quiz_with_answer(r#""two""#));
    assert_eq!(found[0].path, "questions[0].answer");
    assert_eq!(found[0].line, 7);
    assert!(
        found[0]
            .message
            .contains("expected the correct option's number"),
        "{}",
        found[0].message
    );

    let timeline = r#"{"entries": [{"id": "a", "title": {"zh": "甲", "en": "A"}, "text": {"zh": "甲", "en": "A"},
        "photos": [{"src": "a.jpg", "alt": {"zh": "甲", "en": "A"}, "caption": {"zh": "甲", "en": "A"},
        "width": "wide", "height": 600}]}]}"#;
    let found = problems::<Timeline>("timeline.json", timeline);
    assert_eq!(found[0].path, "entries[0].photos[0].width");
    assert_eq!(found[0].line, 3);
    assert_eq!(
        found[0].message,
        "this should be a whole number such as 1200, but it is the text \"wide\""
    );
    assert_eq!(
        found[0].message_zh,
        "这里应当是一个整数，例如 1200，却写成了文字 \"wide\""
    );
}

#[test]
fn messages_speak_of_texts_lists_and_objects_never_of_rust_types() {
    let site = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/public/content/site.json"
    ))
    .unwrap()
    .replacen("\"place\": {", "\"place\": [{", 1)
    .replacen("}\n  },\n  \"start_date\"", "}\n  }],\n  \"start_date\"", 1);
    let found = problems::<Site>("site.json", &site);
    let all = format!("{found:?}");
    for rust in ["struct", "Text", "u32", "sequence", "map"] {
        assert!(!all.contains(rust), "{rust} in {all}");
    }
    let date = problems::<Site>(
        "site.json",
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/public/content/site.json"
        ))
        .unwrap()
        .replacen("\"date\": {", "\"date\": 20260918, \"x\": {", 1),
    );
    assert!(
        date.iter().any(|p| p.path == "date"
            && p.message
                .contains("a text: {\"zh\": \"…\", \"en\": \"…\"} or a plain string")
            && p.message_zh.contains("一段文字")
            && !p.message_zh.contains("invalid")),
        "{date:?}"
    );
}

#[test]
fn a_trailing_comma_is_called_one_too_many() {
    let found = problems::<Story>("story.json", "{\"sections\": [1, 2,\n]}");
    assert!(
        found[0].message.starts_with("there is one comma too many"),
        "{}",
        found[0].message
    );
    assert_eq!((found[0].line, found[0].column), (1, 19));
    let found = problems::<Story>("story.json", "{\"sections\": [], }");
    assert!(
        found[0].message.starts_with("there is one comma too many"),
        "{}",
        found[0].message
    );
    assert!(found[0].message_zh.contains("多了一个逗号"));
}

#[test]
fn a_missing_field_names_the_object_that_lacks_it() {
    let source = quiz_with_answer("1").replace(
        r#""explanation": {"zh": "因为", "en": "Because"}"#,
        r#""note": 1"#,
    );
    let found = problems::<Quiz>("quiz.json", &source);
    let paths: Vec<&str> = found.iter().map(|p| p.path.as_str()).collect();
    // Both mistakes at once: the unknown field and the one it replaced.
    assert_eq!(paths, ["questions[0]", "questions[0].note"]);
    assert!(found[0].message.contains("\"explanation\" is missing"));
    assert!(
        found[1].message.contains("unknown field `note`"),
        "{}",
        found[1].message
    );

    let source = quiz_with_answer("1").replace(
        r#",
    "explanation": {"zh": "因为", "en": "Because"}"#,
        "",
    );
    let found = problems::<Quiz>("quiz.json", &source);
    assert_eq!(found[0].path, "questions[0]");
    assert!(
        found[0]
            .message
            .contains("the field \"explanation\" is missing"),
        "{}",
        found[0].message
    );
    assert!(found[0].message_zh.contains("缺少必填字段 \"explanation\""));
}

#[test]
fn a_typo_in_a_field_name_is_an_error_not_ignored() {
    let source =
        r#"{"sections": [{"id": "a", "heding": {"zh": "甲", "en": "A"}, "paragraphs": []}]}"#;
    let found = problems::<Story>("story.json", source);
    assert_eq!(found[1].path, "sections[0].heding");
    assert!(found[0].message.contains("\"heading\" is missing"));
    assert!(
        found[1]
            .message
            .contains("unknown field `heding`, expected one of `id`, `heading`, `paragraphs`")
    );
}

#[test]
fn duplicate_ids_are_reported_at_the_second_one() {
    let entry = |id: &str| {
        format!(
            r#"{{"id": "{id}", "title": {{"zh": "甲", "en": "A"}}, "text": {{"zh": "甲", "en": "A"}}}}"#
        )
    };
    let source = format!(
        "{{\"entries\": [\n{},\n{},\n{}\n]}}",
        entry("oath"),
        entry("songs"),
        entry("oath")
    );
    let found = problems::<Timeline>("timeline.json", &source);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].path, "entries[2].id");
    assert_eq!((found[0].line, found[0].column), (4, 8));
    assert!(
        found[0]
            .message
            .contains("\"oath\" is used twice: also by entries[0]")
    );
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let source = r#"{
  "entries": [
    {"id": "", "time": "9.30", "title": {"zh": "", "en": "A"}, "text": {"zh": "甲", "en": "A"},
     "photos": [{"src": "a.jpg", "alt": {"zh": "甲", "en": ""}, "caption": {"zh": "甲", "en": "A"}, "width": 0, "height": 600}]}
  ]
}"#;
    let found = problems::<Timeline>("timeline.json", source);
    let paths: Vec<&str> = found.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "entries[0].id",
            "entries[0].time",
            "entries[0].title.zh",
            "entries[0].photos[0].alt.en",
            "entries[0].photos[0].width"
        ]
    );
    assert!(found[1].message.contains("write it as HH:MM"));
    assert!(found[2].message.contains("Chinese text is empty"));
}

#[test]
fn broken_json_and_empty_files_say_where_and_what() {
    let found = problems::<Site>(
        "site.json",
        "{\n  \"title\": {\"zh\": \"甲\" \"en\": \"A\"}\n}",
    );
    // Columns count characters, as editors do: 甲 is one, though three bytes.
    assert_eq!((found[0].line, found[0].column), (2, 23));
    assert!(
        found[0]
            .message
            .starts_with("a comma is missing between two items"),
        "{}",
        found[0].message
    );

    let found = problems::<Site>("site.json", "  \n");
    assert!(found[0].message.contains("the file is empty"));

    let found = problems::<Site>("site.json", "{\"title\": ");
    assert!(
        found[0].message.contains("the file ends too early"),
        "{}",
        found[0].message
    );
}

#[test]
fn a_byte_order_mark_is_tolerated() {
    let source = format!("\u{feff}{}", quiz_with_answer("1"));
    assert!(load::<Quiz>("quiz.json", &source).is_ok());
}

#[test]
fn timed_entries_are_shown_in_time_order_untimed_as_written() {
    let entry = |id: &str, time: Option<&str>| {
        let time = time
            .map(|t| format!(r#""time": "{t}","#))
            .unwrap_or_default();
        format!(
            r#"{{"id": "{id}", {time} "title": {{"zh": "甲", "en": "A"}}, "text": {{"zh": "甲", "en": "A"}}}}"#
        )
    };
    let timed = format!(
        r#"{{"entries": [{}, {}]}}"#,
        entry("late", Some("14:00")),
        entry("early", Some("09:30"))
    );
    let timeline: Timeline = load("timeline.json", &timed).unwrap();
    let order: Vec<String> = timeline.ordered().into_iter().map(|e| e.id).collect();
    assert_eq!(order, ["early", "late"]);

    let mixed = format!(
        r#"{{"entries": [{}, {}]}}"#,
        entry("a", Some("14:00")),
        entry("b", None)
    );
    let found = problems::<Timeline>("timeline.json", &mixed);
    assert_eq!(found[0].path, "entries[1]");
    assert!(
        found[0]
            .message
            .contains("give every entry a time, or none")
    );
}

#[test]
fn true_false_questions_take_no_options_and_answer_with_a_boolean() {
    let with_options = quiz_with_answer("false");
    let found = problems::<Quiz>("quiz.json", &with_options);
    assert_eq!(found[0].path, "questions[0].options");
    assert!(
        found[0].message.contains("takes no options"),
        "{}",
        found[0].message
    );

    let quiz: Quiz = shipped("quiz.json");
    let truth = quiz
        .questions
        .iter()
        .find(|q| q.kind() == QuestionKind::TrueFalse)
        .expect("the shipped quiz has a true/false question");
    let labels: Vec<String> = truth.choices().into_iter().map(|c| c.en).collect();
    assert_eq!(labels, ["True", "False"]);
    assert_eq!(truth.correct_indexes(), [1], "false is the second choice");
}

#[test]
fn quiz_settings_are_checked() {
    let with_settings = |settings: &str| {
        quiz_with_answer("1").replacen(
            r#"  "questions""#,
            &format!("  \"settings\": {settings},\n  \"questions\""),
            1,
        )
    };
    let found = problems::<Quiz>(
        "quiz.json",
        &with_settings(r#"{"draw": 5, "time_limit_seconds": 2, "pass_percent": 120}"#),
    );
    let paths: Vec<&str> = found.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "settings.draw",
            "settings.time_limit_seconds",
            "settings.pass_percent"
        ]
    );
    assert!(
        found[0].message.contains("there are 1"),
        "{}",
        found[0].message
    );
    assert_eq!(found[0].line, 4);

    let found = problems::<Quiz>("quiz.json", &with_settings(r#"{"shufle_options": true}"#));
    assert_eq!(found[0].path, "settings.shufle_options");
    assert!(found[0].message.contains("unknown field `shufle_options`"));

    let found = problems::<Quiz>(
        "quiz.json",
        &with_settings(r#"{"bands": [{"min_percent": 100, "message": {"zh": "满分", "en": ""}}]}"#),
    );
    assert_eq!(found[0].path, "settings.bands[0].message.en");

    let ok: Quiz = load(
        "quiz.json",
        &with_settings(r#"{"draw": 1, "shuffle_options": true}"#),
    )
    .unwrap();
    assert_eq!(ok.settings.draw, Some(1));
    assert_eq!(
        ok.settings.pass_percent, 60,
        "defaults fill what is not given"
    );
}

#[test]
fn option_feedback_and_question_images_are_checked() {
    let source = quiz_with_answer("1")
        .replace(r#"{"zh": "乙", "en": "B"}"#, r#"{"zh": "乙", "en": "B", "feedback": {"zh": "", "en": "No"}}"#)
        .replace(
            r#""options""#,
            r#""image": {"src": "q.jpg", "alt": {"zh": "图", "en": ""}, "width": 0, "height": 10}, "options""#,
        );
    let found = problems::<Quiz>("quiz.json", &source);
    let paths: Vec<&str> = found.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "questions[0].image.alt.en",
            "questions[0].image.width",
            "questions[0].options[1].feedback.zh"
        ]
    );
}

/// Each check, on a small file: the report names the offending value's
/// path, and the line and column where that value starts (found here by
/// searching the text for a marker, independently of the locator).
#[test]
fn every_check_reports_its_exact_place() {
    let text = r#"{"zh": "甲", "en": "A"}"#;
    let entry = |photo: &str| {
        format!(
            "{{\"entries\": [{{\"id\": \"a\", \"title\": {text}, \"text\": {text}, \"photos\": [\n  {photo}\n]}}]}}"
        )
    };
    let photo = |extra: &str| {
        format!(
            "{{\"src\": \"a.jpg\", \"alt\": {text}, \"caption\": {text}, \"width\": 4, \"height\": 3{extra}}}"
        )
    };
    // (file, source, expected path, marker whose start is the value, message)
    let cases: Vec<(&str, String, &str, &str, &str)> = vec![
        (
            "timeline.json",
            format!(
                "{{\"entries\": [\n  {{\"id\": \"a\", \"time\": \"9.30\", \"title\": {text}, \"text\": {text}}}\n]}}"
            ),
            "entries[0].time",
            "\"9.30\"",
            "write it as HH:MM",
        ),
        (
            "timeline.json",
            format!(
                "{{\"entries\": [\n  {{\"id\": \"\", \"title\": {text}, \"text\": {text}}}\n]}}"
            ),
            "entries[0].id",
            "\"\"",
            "the id is empty",
        ),
        (
            "timeline.json",
            entry(&photo("").replacen(
                r#""alt": {"zh": "甲", "en": "A"}"#,
                r#""alt": {"zh": "甲", "en": ""}"#,
                1,
            )),
            "entries[0].photos[0].alt.en",
            "\"\"",
            "English text is empty",
        ),
        (
            "timeline.json",
            entry(&photo("").replace("\"height\": 3", "\"height\": 0")),
            "entries[0].photos[0].height",
            "0}",
            "not 0",
        ),
        (
            "timeline.json",
            entry(&photo(", \"color\": \"red\"")),
            "entries[0].photos[0].color",
            "\"red\"",
            "is not a colour",
        ),
        (
            "timeline.json",
            entry(&photo(", \"webp\": [{\"src\": \"a.webp\", \"width\": 0}]")),
            "entries[0].photos[0].webp[0].width",
            "0}]",
            "not 0",
        ),
        (
            "story.json",
            format!(
                "{{\"sections\": [\n  {{\"id\": \"a\", \"heading\": {text}, \"paragraphs\": []}}\n]}}"
            ),
            "sections[0].paragraphs",
            "[]",
            "no paragraphs",
        ),
        (
            "site.json",
            format!(
                "{{\"title\": {text}, \"subtitle\": {text}, \"date\": {text}, \"place\": {text},\n \"organisers\": [], \"share\": {{\"title\": {text}, \"description\": {text}, \"image\": \"a.jpg\"}}}}"
            ),
            "organisers",
            "[]",
            "at least one organiser",
        ),
    ];
    for (file, source, path, marker, message) in cases {
        let found = match file {
            "timeline.json" => problems::<Timeline>(file, &source),
            "story.json" => problems::<Story>(file, &source),
            _ => problems::<Site>(file, &source),
        };
        assert_eq!(found.len(), 1, "{path}: {found:?}");
        let offset = source
            .find(marker)
            .unwrap_or_else(|| panic!("marker {marker} in {source}"));
        let before = &source[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
            .chars()
            .count()
            + 1;
        let problem = &found[0];
        assert_eq!(
            (problem.path.as_str(), problem.line, problem.column),
            (path, line, column),
            "{problem}"
        );
        assert!(problem.message.contains(message), "{problem}");
        assert!(
            !problem.message_zh.is_empty(),
            "{path} has a Chinese message too"
        );
    }
}

#[test]
fn typos_and_other_mistakes_are_all_reported_at_once() {
    let source = quiz_with_answer("9")
        .replace(r#"  "intro""#, "  \"titel\": \"x\",\n  \"intro\"")
        .replace(r#""explanation""#, "\"notes\": 1,\n    \"explanation\"");
    let found = problems::<Quiz>("quiz.json", &source);
    let places: Vec<(&str, usize)> = found.iter().map(|p| (p.path.as_str(), p.line)).collect();
    assert_eq!(
        places,
        [
            ("titel", 3),
            ("questions[0].answer", 8),
            ("questions[0].notes", 9)
        ]
    );
    assert!(found[0].message.contains("unknown field `titel`"));
    assert!(found[0].message_zh.contains("未知字段 `titel`"));
    assert!(found[1].message.contains("answer 9 does not exist"));
}

#[test]
fn photo_addresses_must_be_paths_or_https() {
    use event_microsite::content::{SrcKind, is_safe_src, src_kind};
    for ok in [
        "content/photos/a.jpg",
        "https://example.org/a.jpg",
        "HTTPS://x/a.png",
        "a.jpg?v=2",
        "photos/a:b.jpg",
        "content/photos/合影.jpg",
    ] {
        assert!(is_safe_src(ok), "{ok}");
    }
    for bad in [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:image/svg+xml,<svg onload=alert(1)>",
        "vbscript:x",
        "file:///etc/passwd",
        // A `/` before the first `:` used to pass: in a srcset the comma
        // starts a second candidate.
        "a/b, data:image/svg+xml,x",
        "a/b 2x, javascript:x",
        "//evil.example/a.jpg",
        "https://",
        "https://user@evil.example/a.jpg",
        "a.jpg\" onerror=\"x",
        "",
    ] {
        assert!(!is_safe_src(bad), "{bad}");
    }
    assert_eq!(src_kind("http://example.org/a.jpg"), SrcKind::Http);
    assert!(!is_safe_src("http://example.org/a.jpg"));
    let timeline = r#"{"entries": [{"id": "a", "title": {"zh": "甲", "en": "A"}, "text": {"zh": "甲", "en": "A"},
        "photos": [{"src": "javascript:alert(1)", "alt": {"zh": "甲", "en": "A"}, "caption": {"zh": "甲", "en": "A"},
        "width": 4, "height": 3}]}]}"#;
    let found = problems::<Timeline>("timeline.json", timeline);
    assert_eq!(found[0].path, "entries[0].photos[0].src");
    assert!(found[0].message.contains("is not allowed"));
    let insecure = timeline.replace("javascript:alert(1)", "http://example.org/a.jpg");
    let found = problems::<Timeline>("timeline.json", &insecure);
    assert_eq!(found[0].path, "entries[0].photos[0].src");
    assert_eq!((found[0].line, found[0].column), (2, 28));
    assert!(
        found[0].message.contains("use its https:// address"),
        "{}",
        found[0].message
    );
    assert!(found[0].message_zh.contains("https://"));
}

#[test]
fn event_dates_are_iso_8601_with_real_months_days_and_times() {
    use event_microsite::content::is_iso_date;
    for good in [
        "2021-06-06",
        "2021-06-06T09:00",
        "2021-06-06T09:00:30",
        "2021-06-06T09:00+08:00",
        "2021-06-06T09:00:00Z",
    ] {
        assert!(is_iso_date(good), "{good}");
    }
    for bad in [
        "6 June",
        "2021-6-6",
        "2021-13-01",
        "2021-06-32",
        "2021-06-06T",
        "2021-06-06T25:00",
        "2021-06-06T09:00+8",
        "２０２１-06-06",
        "",
    ] {
        assert!(!is_iso_date(bad), "{bad}");
    }
}

#[test]
fn the_site_address_must_be_absolute() {
    use event_microsite::content::is_site_url;
    assert!(is_site_url("https://example.org/event/"));
    assert!(is_site_url("http://localhost:8080/"));
    for bad in [
        "example.org",
        "/event/",
        "https://",
        "javascript:alert(1)",
        "https://a b/",
    ] {
        assert!(!is_site_url(bad), "{bad}");
    }
}

mod edits {
    //! Whatever an organiser's editor does to a file, loading it never
    //! panics, and every problem points at a real place in the file.
    use super::*;
    use proptest::prelude::*;

    fn shipped_text(file: &str) -> String {
        let path = format!("{}/public/content/{file}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(path).unwrap()
    }

    fn points_inside(source: &str, problems: &[Problem]) {
        let lines: Vec<&str> = source.split('\n').collect();
        for problem in problems {
            assert!(
                problem.line >= 1 && problem.line <= lines.len(),
                "{problem}"
            );
            let width = lines[problem.line - 1].chars().count();
            assert!(
                problem.column >= 1 && problem.column <= width + 1,
                "{problem}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn a_cut_or_an_insertion_is_reported_inside_the_file(
            file in prop::sample::select(vec!["site.json", "story.json", "timeline.json", "quiz.json"]),
            at in 0.0..1.0f64,
            cut in 0usize..40,
            insert in prop::sample::select(vec!["", "\"x\": 1, ", "]", "{", ",", "\"甲\"", "null", "\"titel\": {}, "]),
        ) {
            let source = shipped_text(file);
            let mut start = ((source.len() as f64) * at) as usize;
            while !source.is_char_boundary(start) { start -= 1; }
            let mut end = (start + cut).min(source.len());
            while !source.is_char_boundary(end) { end -= 1; }
            let edited = format!("{}{insert}{}", &source[..start], &source[end..]);
            let found = match file {
                "site.json" => load::<Site>(file, &edited).err(),
                "story.json" => load::<Story>(file, &edited).err(),
                "timeline.json" => load::<Timeline>(file, &edited).err(),
                _ => load::<Quiz>(file, &edited).err(),
            };
            points_inside(&edited, &found.unwrap_or_default());
        }
    }

    #[test]
    fn an_unknown_field_with_a_space_before_its_colon_is_set_aside_alone() {
        let source = shipped_text("quiz.json").replacen(
            "\"settings\": {",
            "\"settings\": {\"shufle\" : true, ",
            1,
        );
        let found = load::<Quiz>("quiz.json", &source).unwrap_err();
        let paths: Vec<&str> = found.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["settings.shufle"], "{found:?}");
    }

    #[test]
    fn a_repeated_key_is_shown_where_it_is_repeated() {
        // The unknown field first, so the repeat is found in a cut text.
        let source = "{\n  \"titel\": 1,\n  \"sections\": [],\n  \"sections\": []\n}";
        let found = load::<Story>("story.json", source).unwrap_err();
        let places: Vec<(&str, usize)> = found.iter().map(|p| (p.path.as_str(), p.line)).collect();
        assert_eq!(places, [("titel", 2), ("sections", 4)], "{found:?}");
        assert!(found[1].message.contains("\"sections\" is written twice"));
    }

    #[test]
    fn every_unknown_field_is_named_at_its_line() {
        let source =
            shipped_text("story.json").replacen("\"heading\"", "\"headline\": 1, \"heading\"", 2);
        let found = load::<Story>("story.json", &source).unwrap_err();
        let unknown: Vec<(&str, usize)> = found
            .iter()
            .filter(|p| p.message.contains("unknown field `headline`"))
            .map(|p| (p.path.as_str(), p.line))
            .collect();
        let lines: Vec<usize> = source
            .match_indices("\"headline\"")
            .map(|(at, _)| source[..at].matches('\n').count() + 1)
            .collect();
        assert_eq!(
            unknown,
            vec![
                ("sections[0].headline", lines[0]),
                ("sections[1].headline", lines[1])
            ]
        );
    }
}

mod next_event {
    //! The format as a real event needs it: plain strings, optional parts,
    //! question kinds written out, and answers that look miscounted.
    use event_microsite::content::{
        QuestionKind, Quiz, Severity, Timeline, load, load_with_warnings,
    };

    fn quiz(questions: &str) -> String {
        format!(r#"{{"questions": [{questions}]}}"#)
    }

    #[test]
    fn plain_strings_optional_texts_and_a_written_type_load() {
        let source = quiz(
            r#"{"id": "year", "type": "single", "prompt": "1921?", "options": ["1919", "1921", {"zh": "甲", "en": "A"}], "answer": 2, "explanation": "中共一大"},
               {"id": "both", "type": "multiple", "prompt": {"zh": "哪些", "en": "Which"}, "options": ["a", "b"], "answer": [1], "explanation": "x"},
               {"id": "tf", "type": "true_false", "prompt": "对吗", "answer": true, "explanation": "x"}"#,
        );
        let (quiz, warnings) = load_with_warnings::<Quiz>("quiz.json", &source).unwrap();
        assert_eq!(warnings, []);
        assert_eq!(quiz.questions[0].options[0].en, "1919");
        assert_eq!(quiz.questions[0].prompt.zh, "1921?");
        assert_eq!(quiz.questions[1].kind(), QuestionKind::Multiple);
        assert_eq!(quiz.questions[2].kind(), QuestionKind::TrueFalse);
        assert_eq!(quiz.shown_title().en, "Quiz");

        let timeline = r#"{"entries": [{"id": "tea", "time": "10:15", "title": "茶歇 Tea break"},
            {"id": "photo", "title": {"zh": "合影", "en": "Group photo"}, "time": "12:00",
             "photos": [{"src": "content/photos/a.jpg", "width": 4000, "height": 3000}]}]}"#;
        let (timeline, warnings) =
            load_with_warnings::<Timeline>("timeline.json", timeline).unwrap();
        assert!(timeline.entries[0].text.is_none());
        // A photo without alt or caption: one warning, not two errors.
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].severity, Severity::Warning);
        assert_eq!(warnings[0].path, "entries[1].photos[0]");
        assert!(warnings[0].message.contains("has no \"alt\""));
        let photo = &timeline.entries[1].photos[0];
        assert_eq!(photo.alt_or(&timeline.entries[1].title).en, "Group photo");
    }

    #[test]
    fn a_one_element_list_is_a_warning_that_says_how_to_write_one_answer() {
        let source = quiz(
            r#"{"id": "q", "prompt": "p", "options": ["a", "b", "c"], "answer": [2], "explanation": "x"}"#,
        );
        let (_, warnings) = load_with_warnings::<Quiz>("quiz.json", &source).unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].path, "questions[0].answer");
        assert!(
            warnings[0]
                .message
                .contains("write \"answer\": 2 without brackets"),
            "{}",
            warnings[0].message
        );
        assert!(warnings[0].message_zh.contains("\"answer\": 2"));
        // Written as multiple choice on purpose: no warning.
        let meant = source.replace(r#""id": "q","#, r#""id": "q", "type": "multiple","#);
        assert_eq!(
            load_with_warnings::<Quiz>("quiz.json", &meant).unwrap().1,
            []
        );
        // A type the answer contradicts is an error.
        let wrong = source
            .replace(r#""answer": [2]"#, r#""answer": [1, 2]"#)
            .replace(r#""id": "q","#, r#""id": "q", "type": "single","#);
        let found = load::<Quiz>("quiz.json", &wrong).unwrap_err();
        assert!(
            found[0].message.contains("does not fit \"type\""),
            "{found:?}"
        );
    }

    #[test]
    fn answers_counted_from_zero_are_pointed_out_in_every_question() {
        let source = quiz(
            r#"{"id": "a", "prompt": "p", "options": ["x", "y", "z"], "answer": 0, "explanation": "e"},
               {"id": "b", "prompt": "p", "options": ["x", "y", "z"], "answer": 1, "explanation": "e"}"#,
        );
        let found = load::<Quiz>("quiz.json", &source).unwrap_err();
        let summary: Vec<(&str, Severity)> = found
            .iter()
            .map(|p| (p.path.as_str(), p.severity))
            .collect();
        assert_eq!(
            summary,
            [
                ("questions[0].answer", Severity::Error),
                ("questions[1].answer", Severity::Warning)
            ]
        );
        assert!(found[0].message.contains("numbered from 1"));
        assert!(
            found[1]
                .message
                .contains("as if options were counted from 0")
        );
    }

    #[test]
    fn ids_come_from_positions_and_the_date_from_start_date() {
        use event_microsite::content::Site;
        let site = r#"{"title": "活动", "place": "武汉", "start_date": "2026-09-18",
            "organisers": [{"name": "甲"}, {"id": "1", "name": "乙"}, {"name": "丙"}]}"#;
        let (site, warnings) = load_with_warnings::<Site>("site.json", site).unwrap();
        assert_eq!(warnings, []);
        assert_eq!(
            (site.date.zh.as_str(), site.date.en.as_str()),
            ("9月18日", "18 September")
        );
        let ids: Vec<&str> = site.organisers.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["1-2", "1", "3"]);
        // Neither a date nor a start_date: one error, at the site.
        let undated = r#"{"title": "活动", "place": "武汉", "organisers": [{"name": "甲"}]}"#;
        let found = load::<Site>("site.json", undated).unwrap_err();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("there is no \"date\""));
        // Written ids are still checked.
        let timeline = r#"{"entries": [{"id": "a", "title": "x"}, {"id": "a", "title": "y"}, {"title": "z"}]}"#;
        let found = load::<Timeline>("timeline.json", timeline).unwrap_err();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("is used twice"));
    }
}

mod every_mistake_at_once {
    //! A wrong type or a missing field in one item of a list does not hide
    //! the mistakes in the other items: the item is set aside and the rest
    //! of the file is read and checked.
    use event_microsite::content::{Quiz, Severity, Timeline, load};

    fn entry(id: &str, rest: &str) -> String {
        format!(r#"    {{"id": "{id}", "title": "甲 A"{rest}}}"#)
    }

    fn photo(width: &str) -> String {
        format!(r#", "photos": [{{"src": "a.jpg", "alt": "甲", "width": {width}, "height": 600}}]"#)
    }

    #[test]
    fn wrong_types_and_missing_fields_in_different_entries_are_all_reported() {
        let entries = [
            entry("ok", &photo("800")),
            entry("wide", &photo("\"wide\"")),
            r#"    {"id": "untitled"}"#.to_string(),
            entry("", ""),
            entry("tall", &photo("true")),
            entry("typo", r#", "txet": "x""#),
        ];
        let source = format!("{{\"entries\": [\n{}\n]}}", entries.join(",\n"));
        let found = load::<Timeline>("timeline.json", &source).unwrap_err();
        let places: Vec<(&str, usize)> = found.iter().map(|p| (p.path.as_str(), p.line)).collect();
        assert_eq!(
            places,
            [
                ("entries[1].photos[0].width", 3),
                ("entries[2]", 4),
                ("entries[3].id", 5),
                ("entries[4].photos[0].width", 6),
                ("entries[5].txet", 7),
            ],
            "{found:#?}"
        );
        assert!(found[1].message.contains("\"title\" is missing"));
        assert!(found[2].message.contains("the id is empty"));
        assert!(found[3].message.contains("but it is true"));
        assert!(found.iter().all(|p| p.severity == Severity::Error));
    }

    #[test]
    fn the_same_missing_field_in_many_items_is_found_in_one_round() {
        let questions: Vec<String> = (0..30)
            .map(|i| {
                format!(
                    r#"{{"id": "q{i}", "options": ["a", "b"], "answer": 1, "explanation": "x"}}"#
                )
            })
            .collect();
        let source = format!("{{\"questions\": [\n{}\n]}}", questions.join(",\n"));
        let found = load::<Quiz>("quiz.json", &source).unwrap_err();
        let total: usize = found.iter().map(|p| p.count()).sum();
        assert_eq!(total, 30, "{found:#?}");
        assert_eq!(found[0].path, "questions[0]");
        assert_eq!(found[19].path, "questions[19]");
        assert_eq!(found[19].line, 21);
        assert!(found[0].message.contains("\"prompt\" is missing"));
        assert!(found[19].en().contains("and 10 more like this"));
    }

    #[test]
    fn the_same_wrong_kind_of_value_is_named_in_every_item_with_its_own_value() {
        let entries: Vec<String> = (0..3)
            .map(|i| entry(&format!("e{i}"), &photo(&format!("\"w{i}\""))))
            .chain([entry("fine", &photo("800")), entry("half", &photo("1.5"))])
            .collect();
        let source = format!("{{\"entries\": [\n{}\n]}}", entries.join(",\n"));
        let found = load::<Timeline>("timeline.json", &source).unwrap_err();
        let said: Vec<(&str, &str)> = found
            .iter()
            .map(|p| (p.path.as_str(), p.message.as_str()))
            .collect();
        let wrong = "this should be a whole number such as 1200, but it is";
        assert_eq!(
            said,
            [
                (
                    "entries[0].photos[0].width",
                    &*format!("{wrong} the text \"w0\"")
                ),
                (
                    "entries[1].photos[0].width",
                    &*format!("{wrong} the text \"w1\"")
                ),
                (
                    "entries[2].photos[0].width",
                    &*format!("{wrong} the text \"w2\"")
                ),
                (
                    "entries[4].photos[0].width",
                    &*format!("{wrong} the number 1.5")
                ),
            ]
        );
    }

    #[test]
    fn a_mistake_outside_any_list_still_ends_the_file_with_what_was_found() {
        let source = "{\n  \"titel\": 1,\n  \"questions\": 5\n}";
        let found = load::<Quiz>("quiz.json", source).unwrap_err();
        let paths: Vec<&str> = found.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["titel", "questions"]);
    }
}
