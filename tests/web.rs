//! Components mounted in headless Chromium, clicked, and checked by what a
//! visitor would see. Run with `cargo xtask test`.
#![cfg(target_arch = "wasm32")]

use event_microsite::api::{LoadError, fetch_content};
use event_microsite::components::quiz::QuizView;
use event_microsite::components::status::{LoadErrorView, Part, loaded};
use event_microsite::content::{Answer, Choice, Lang, Problem, Question, Quiz, QuizSettings, Text};
use event_microsite::i18n::Language;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn text(zh: &str, en: &str) -> Text {
    Text {
        zh: zh.into(),
        en: en.into(),
    }
}

fn two_question_quiz() -> Quiz {
    let question =
        |id: &str, prompt: &str, options: [&str; 3], answer: Answer, why: &str| Question {
            id: id.into(),
            written_kind: None,
            prompt: text(prompt, prompt),
            image: None,
            options: options
                .iter()
                .map(|o| Choice {
                    zh: o.to_string(),
                    en: o.to_string(),
                    feedback: None,
                })
                .collect(),
            answer,
            explanation: text(why, why),
        };
    Quiz {
        schema: None,
        title: Some(text("竞答", "Quiz")),
        intro: Some(text("试试", "Try it")),
        settings: QuizSettings::default(),
        questions: vec![
            question(
                "year",
                "Founded in?",
                ["1911", "1921", "1949"],
                Answer::One(2),
                "It was 1921.",
            ),
            question(
                "songs",
                "Which were sung?",
                ["Red songs", "Rock", "Anthems"],
                Answer::Many(vec![1, 3]),
                "Red songs and anthems.",
            ),
        ],
    }
}

/// A quiz component on its start screen, with no saved progress.
fn mount_quiz() -> HtmlElement {
    window().local_storage().unwrap().unwrap().clear().unwrap();
    mount(|| view! { <QuizView quiz=two_question_quiz()/> }.into_any())
}

/// A fresh container in the page, in English.
fn mount(view: impl FnOnce() -> AnyView + 'static) -> HtmlElement {
    let container = document()
        .create_element("div")
        .unwrap()
        .unchecked_into::<HtmlElement>();
    document().body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), move || {
        provide_context(Language(RwSignal::new(Lang::En)));
        view()
    });
    handle.forget();
    container
}

fn visible_text(root: &HtmlElement) -> String {
    root.inner_text()
}

fn click(root: &HtmlElement, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .unchecked_into::<HtmlElement>()
        .click();
}

/// Clicks the button whose visible text is `label`.
fn click_button(root: &HtmlElement, label: &str) {
    let buttons = root.query_selector_all("button").unwrap();
    for i in 0..buttons.length() {
        let button = buttons.item(i).unwrap().unchecked_into::<HtmlElement>();
        if button.inner_text().trim() == label {
            button.click();
            return;
        }
    }
    panic!("no button labelled {label:?} in: {}", visible_text(root));
}

fn option_inputs(root: &HtmlElement) -> Vec<HtmlInputElement> {
    let inputs = root.query_selector_all("input").unwrap();
    (0..inputs.length())
        .map(|i| inputs.item(i).unwrap().unchecked_into())
        .collect()
}

/// Lets effects and microtasks run, then waits `ms` more.
async fn settle(ms: i32) {
    leptos::task::tick().await;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn quiz_can_be_answered_to_a_score_and_retried() {
    let root = mount_quiz();
    settle(0).await;
    assert!(
        visible_text(&root).contains("2 questions"),
        "the start screen says how many"
    );
    click_button(&root, "Start the quiz");
    settle(0).await;
    assert!(visible_text(&root).contains("Question 1 of 2"));
    assert!(visible_text(&root).contains("Founded in?"));
    let inputs = option_inputs(&root);
    assert_eq!(inputs.len(), 3);
    assert!(
        inputs.iter().all(|i| i.type_() == "radio"),
        "single choice uses radio buttons"
    );

    inputs[1].click();
    settle(0).await;
    click_button(&root, "Submit answer");
    settle(0).await;
    let shown = visible_text(&root);
    assert!(shown.contains("Correct!"), "{shown}");
    assert!(shown.contains("It was 1921."), "the explanation is shown");
    assert!(
        option_inputs(&root).iter().all(|i| i.disabled()),
        "no changing the answer"
    );

    click_button(&root, "Next question");
    settle(0).await;
    assert!(visible_text(&root).contains("Question 2 of 2"));
    assert!(visible_text(&root).contains("Choose every correct option"));
    let inputs = option_inputs(&root);
    assert!(
        inputs.iter().all(|i| i.type_() == "checkbox"),
        "multiple choice uses checkboxes"
    );
    inputs[0].click();
    settle(0).await;
    click_button(&root, "Submit answer");
    settle(0).await;
    let shown = visible_text(&root);
    assert!(shown.contains("Not quite."), "{shown}");
    assert_eq!(
        root.query_selector_all(".quiz-option--correct")
            .unwrap()
            .length(),
        2,
        "both correct options are marked"
    );

    click_button(&root, "See your score");
    settle(0).await;
    assert!(
        visible_text(&root).contains("1 of 2 correct (50%)"),
        "{}",
        visible_text(&root)
    );

    click_button(&root, "Try again");
    settle(0).await;
    assert!(visible_text(&root).contains("Question 1 of 2"));
    assert!(
        option_inputs(&root)
            .iter()
            .all(|i| !i.checked() && !i.disabled())
    );
}

#[wasm_bindgen_test]
async fn submit_is_disabled_until_an_option_is_chosen() {
    let root = mount_quiz();
    settle(0).await;
    click_button(&root, "Start the quiz");
    settle(0).await;
    let submit = root
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlButtonElement>();
    assert!(submit.disabled());
    click(&root, "input");
    settle(0).await;
    assert!(!submit.disabled());
}

#[wasm_bindgen_test]
async fn a_content_error_names_file_path_and_line_and_can_be_retried() {
    let retried = RwSignal::new(0);
    let error = LoadError::Invalid {
        file: "quiz.json".into(),
        problems: vec![Problem::error(
            "quiz.json",
            "questions[3].answer",
            (42, 17),
            "answer 5 does not exist: this question has 4 options, numbered 1 to 4",
            "答案 5 不存在：本题只有 4 个选项，编号为 1 到 4",
        )],
    };
    let root = mount(move || {
        let retry = Callback::new(move |()| retried.update(|n| *n += 1));
        view! { <LoadErrorView error retry/> }.into_any()
    });
    settle(0).await;
    let shown = visible_text(&root);
    assert!(shown.contains("This part could not be loaded"), "{shown}");
    assert!(
        shown.contains(
            "quiz.json at questions[3].answer (line 42, column 17): answer 5 does not exist"
        ),
        "{shown}"
    );
    assert!(root.query_selector("[role=alert]").unwrap().is_some());
    click_button(&root, "Try again");
    assert_eq!(retried.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn a_missing_file_shows_the_server_status_instead_of_the_section() {
    let root = mount(|| {
        let missing = LocalResource::new(|| fetch_content::<Quiz>("quiz.json"));
        loaded(
            Part::fetched(missing),
            3,
            |quiz: Quiz| view! { <p>{quiz.questions.len()}</p> },
        )
        .into_any()
    });
    assert!(
        root.query_selector("[role=status]").unwrap().is_some(),
        "a skeleton while loading"
    );
    for _ in 0..50 {
        if visible_text(&root).contains("server answered") {
            break;
        }
        settle(100).await;
    }
    let shown = visible_text(&root);
    assert!(
        shown.contains("quiz.json could not be loaded: the server answered 404"),
        "{shown}"
    );
}

#[wasm_bindgen_test]
async fn progress_survives_a_remount_and_says_so() {
    let first = mount_quiz();
    settle(0).await;
    click_button(&first, "Start the quiz");
    settle(0).await;
    option_inputs(&first)[1].click();
    settle(0).await;
    click_button(&first, "Submit answer");
    settle(0).await;
    click_button(&first, "Next question");
    settle(0).await;
    first.remove();

    // Like a reload: a new component finds the saved run.
    let again = mount(|| view! { <QuizView quiz=two_question_quiz()/> }.into_any());
    settle(0).await;
    let shown = visible_text(&again);
    assert!(shown.contains("Welcome back"), "{shown}");
    assert!(shown.contains("Question 2 of 2"), "{shown}");
}
