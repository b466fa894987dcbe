//! The committed JSON Schemas match the content types, and every shipped
//! content file points its editor at its schema.
#![cfg(not(target_arch = "wasm32"))]

use event_microsite::content::schema;

#[test]
fn committed_schemas_are_current() {
    for (file, generated) in schema::all() {
        let path = format!(
            "{}/public/content/schema/{}",
            env!("CARGO_MANIFEST_DIR"),
            schema::file_name(file)
        );
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        // Compared as JSON: the order of keys depends on serde_json's
        // features, which the xtask's `sheet` turns on.
        let as_json = |text: &str| serde_json::from_str::<serde_json::Value>(text).ok();
        assert!(
            committed.is_empty() == generated.is_empty()
                && as_json(&committed) == as_json(&generated),
            "{path} is stale: the content types changed; run `cargo xtask schema` and commit the result"
        );
    }
}

#[test]
fn every_content_file_names_its_schema() {
    for (file, _) in schema::all() {
        let path = format!("{}/public/content/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            value["$schema"],
            format!("schema/{}", schema::file_name(file)),
            "{path}"
        );
    }
}

#[test]
fn schemas_reject_unknown_fields_and_describe_answers() {
    let quiz = schema::all()
        .into_iter()
        .find(|(f, _)| *f == "quiz.json")
        .unwrap()
        .1;
    let quiz: serde_json::Value = serde_json::from_str(&quiz).unwrap();
    assert_eq!(
        quiz["additionalProperties"], false,
        "typos such as `titel` are flagged by editors"
    );
    let answer = &quiz["$defs"]["Answer"]["oneOf"];
    let kinds: Vec<&str> = answer
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["integer", "array", "boolean"]);
}
