use super::*;
use crate::content::{Answer, Band, Choice, Question, QuizSettings, Text};
use proptest::prelude::*;

fn text(s: &str) -> Text {
    Text {
        zh: s.into(),
        en: s.into(),
    }
}

fn question(id: &str, options: usize, answer: Answer) -> Question {
    Question {
        id: id.into(),
        written_kind: None,
        prompt: text(id),
        image: None,
        options: (0..options)
            .map(|i| Choice {
                zh: i.to_string(),
                en: i.to_string(),
                feedback: None,
            })
            .collect(),
        answer,
        explanation: text("because"),
    }
}

fn quiz_with(settings: QuizSettings) -> Quiz {
    Quiz {
        schema: None,
        title: Some(text("t")),
        intro: Some(text("i")),
        settings,
        questions: vec![
            question("single", 4, Answer::One(2)),
            question("multi", 4, Answer::Many(vec![1, 3])),
            question("truth", 0, Answer::Truth(false)),
        ],
    }
}

fn quiz() -> Quiz {
    quiz_with(QuizSettings::default())
}

fn started(quiz: &Quiz) -> QuizRun {
    let mut run = QuizRun::new(quiz, 7);
    run.start();
    run
}

#[test]
fn starts_on_the_start_screen_then_asks_in_file_order() {
    let mut run = QuizRun::new(&quiz(), 1);
    assert_eq!(run.phase(), Phase::Start);
    run.choose(0);
    assert!(
        run.selected().is_empty(),
        "nothing to choose before starting"
    );
    run.start();
    assert_eq!(run.phase(), Phase::Answering);
    let order: Vec<usize> = run.review().map(|(a, _)| a.question).collect();
    assert_eq!(order, [0, 1, 2]);
}

#[test]
fn right_wrong_and_true_false_answers_score_as_expected() {
    let quiz = quiz();
    let mut run = started(&quiz);
    run.choose(0);
    run.choose(1); // single choice: replaces
    assert_eq!(run.selected(), &[1]);
    assert_eq!(run.submit(), Some(true));
    assert_eq!(
        run.phase(),
        Phase::Feedback {
            correct: true,
            timed_out: false
        }
    );
    run.next();
    run.choose(0);
    assert_eq!(
        run.submit(),
        Some(false),
        "one of two correct options is not enough"
    );
    run.next();
    assert_eq!(
        run.asked().unwrap().option_order.len(),
        2,
        "true/false has two options"
    );
    run.choose(1);
    assert_eq!(run.submit(), Some(true), "false is option 2");
    run.next();
    assert_eq!(run.phase(), Phase::Finished);
    assert_eq!(run.score(), 2.0);
    assert_eq!(run.percent(), 67);
}

#[test]
fn multiple_choice_toggles_and_partial_credit_is_configurable() {
    let settings = QuizSettings {
        partial_credit: true,
        ..QuizSettings::default()
    };
    let partial = quiz_with(settings);
    let mut run = started(&partial);
    run.choose(1);
    run.submit();
    run.next();
    for option in [2, 0, 0] {
        run.choose(option);
    }
    assert_eq!(run.selected(), &[2]);
    run.submit();
    assert_eq!(
        run.points(1),
        0.5,
        "one of two correct options, nothing wrong"
    );
    let mut strict = started(&quiz());
    strict.choose(1);
    strict.submit();
    strict.next();
    strict.choose(2);
    strict.submit();
    assert_eq!(
        strict.points(1),
        0.0,
        "all or nothing without partial credit"
    );
}

#[test]
fn a_time_out_counts_as_wrong_and_shows_the_feedback() {
    let settings = QuizSettings {
        time_limit_seconds: Some(10),
        ..QuizSettings::default()
    };
    let quiz = quiz_with(settings);
    let mut run = started(&quiz);
    run.choose(1);
    run.tick(9_500);
    assert_eq!(run.seconds_left(), Some(1));
    assert_eq!(run.phase(), Phase::Answering);
    run.tick(500);
    assert_eq!(
        run.phase(),
        Phase::Feedback {
            correct: false,
            timed_out: true
        }
    );
    assert_eq!(
        run.points(0),
        0.0,
        "the right option chosen but not submitted in time"
    );
    run.next();
    assert_eq!(
        run.seconds_left(),
        Some(10),
        "the clock restarts per question"
    );
    assert_eq!(run.millis_used(), 10_000);
}

#[test]
fn the_visitor_can_lift_or_extend_the_time_limit() {
    let settings = QuizSettings {
        time_limit_seconds: Some(10),
        ..QuizSettings::default()
    };
    let quiz = quiz_with(settings);
    let mut run = started(&quiz);
    run.extend_time_limit(20);
    run.tick(25_000);
    assert_eq!(run.seconds_left(), Some(5));
    run.remove_time_limit();
    run.tick(60_000);
    assert_eq!(run.phase(), Phase::Answering);
    assert_eq!(run.seconds_left(), None);
    run.retry(&quiz, 3);
    assert_eq!(run.time_limit(), None, "the choice holds for a retry");
}

#[test]
fn drawing_asks_the_given_number_of_distinct_questions() {
    let settings = QuizSettings {
        draw: Some(2),
        ..QuizSettings::default()
    };
    let quiz = quiz_with(settings);
    for seed in 0..20 {
        let run = QuizRun::new(&quiz, seed);
        let asked: Vec<usize> = run.review().map(|(a, _)| a.question).collect();
        assert_eq!(asked.len(), 2);
        assert!(
            asked[0] < asked[1],
            "kept in file order without shuffle_questions"
        );
    }
}

#[test]
fn retry_reshuffles_when_shuffling_is_on() {
    let settings = QuizSettings {
        shuffle_questions: true,
        shuffle_options: true,
        ..QuizSettings::default()
    };
    let quiz = quiz_with(settings);
    let orders: std::collections::HashSet<Vec<usize>> = (0..30)
        .map(|seed| {
            QuizRun::new(&quiz, seed)
                .review()
                .map(|(a, _)| a.question)
                .collect()
        })
        .collect();
    assert!(orders.len() > 1, "different seeds give different orders");
    let mut run = started(&quiz);
    run.retry(&quiz, 99);
    assert_eq!(run, {
        let mut fresh = QuizRun::new(&quiz, 99);
        fresh.start();
        fresh
    });
}

#[test]
fn restore_resumes_discards_a_changed_quiz_and_ignores_garbage() {
    let quiz = quiz();
    let mut run = started(&quiz);
    run.choose(1);
    run.submit();
    run.next();
    run.choose(0);
    let saved = run.save();
    assert_eq!(
        QuizRun::restore(Some(&saved), &quiz),
        Restored::Resumed(run.clone())
    );
    assert_eq!(QuizRun::restore(None, &quiz), Restored::Nothing);

    let mut changed = quiz.clone();
    changed.questions[0].answer = Answer::One(3);
    assert_eq!(
        QuizRun::restore(Some(&saved), &changed),
        Restored::QuizChanged
    );

    for garbage in [
        "",
        "{",
        "null",
        "[1,2]",
        "{\"fingerprint\": 1}",
        &saved[..saved.len() / 2],
    ] {
        assert_eq!(
            QuizRun::restore(Some(garbage), &quiz),
            Restored::Corrupt,
            "{garbage}"
        );
    }
    // Well-formed but inconsistent: claims to be on question 3 with one answer.
    let tampered = saved.replace("\"current\":1", "\"current\":2");
    assert_eq!(QuizRun::restore(Some(&tampered), &quiz), Restored::Corrupt);
}

#[test]
fn the_fingerprint_reads_a_canonical_form_of_the_questions_and_settings() {
    let one = Quiz {
        questions: vec![question("q", 2, Answer::Many(vec![1, 2]))],
        ..quiz_with(QuizSettings::default())
    };
    assert_eq!(
        canonical(&one),
        concat!(
            r#"[[{"id":"q","type":null,"prompt":{"zh":"q","en":"q"},"image":null,"#,
            r#""options":[{"zh":"0","en":"0","feedback":null},{"zh":"1","en":"1","feedback":null}],"#,
            r#""answer":[1,2],"explanation":{"zh":"because","en":"because"}}],"#,
            r#"{"shuffle_questions":false,"shuffle_options":false,"draw":null,"#,
            r#""time_limit_seconds":null,"pass_percent":60,"partial_credit":false,"bands":[]}]"#
        )
    );
    // Rewording the title or intro keeps visitors' progress; a changed
    // answer or setting does not.
    let reworded = Quiz {
        title: Some(text("new title")),
        intro: None,
        ..one.clone()
    };
    assert_eq!(fingerprint(&reworded), fingerprint(&one));
    let mut answer = one.clone();
    answer.questions[0].answer = Answer::One(1);
    assert_ne!(fingerprint(&answer), fingerprint(&one));
    let mut pass = one.clone();
    pass.settings.pass_percent = 70;
    assert_ne!(fingerprint(&pass), fingerprint(&one));
}

#[test]
fn bands_pick_the_highest_reached() {
    let band = |min: u32, msg: &str| Band {
        min_percent: min,
        message: text(msg),
    };
    let settings = QuizSettings {
        bands: vec![band(0, "keep going"), band(100, "满分！"), band(60, "good")],
        ..QuizSettings::default()
    };
    let quiz = quiz_with(settings);
    assert_eq!(band_for(&quiz, 100).unwrap().message.zh, "满分！");
    assert_eq!(band_for(&quiz, 99).unwrap().message.en, "good");
    assert_eq!(band_for(&quiz, 10).unwrap().message.en, "keep going");
    assert!(band_for(&quiz_with(QuizSettings::default()), 50).is_none());
}

#[test]
fn shared_results_round_trip_and_reject_nonsense() {
    let partial = big_quiz(
        12,
        QuizSettings {
            partial_credit: true,
            ..QuizSettings::default()
        },
    );
    let whole = big_quiz(13, QuizSettings::default());
    let result = SharedResult {
        score: 7.5,
        total: 12,
    };
    assert_eq!(result.to_query(), "score=7.5&of=12");
    assert_eq!(
        SharedResult::from_query("?lang=en&score=7.5&of=12", &partial),
        Some(result)
    );
    assert_eq!(
        SharedResult::from_query("?score=8&of=12", &whole)
            .unwrap()
            .percent(),
        67
    );
    for bad in [
        "",
        "?score=13&of=12",
        "?score=-1&of=3",
        "?score=1&of=0",
        "?score=NaN&of=3",
        "?score=1",
        // More questions than the quiz has; not digits; halves without
        // partial credit.
        "?score=1000&of=1000",
        "?score=14&of=14",
        "?score=1e1&of=12",
        "?score=+3&of=12",
        "?score=3&of=1e1",
        "?score=3 &of=12",
        "?score=7.5&of=12",
        "?score=7.&of=12",
    ] {
        assert_eq!(SharedResult::from_query(bad, &whole), None, "{bad}");
    }
    assert_eq!(
        SharedResult::from_query("?score=7.25&of=12", &partial),
        None
    );
}

fn big_quiz(questions: usize, settings: QuizSettings) -> Quiz {
    Quiz {
        questions: (0..questions)
            .map(|i| {
                question(
                    &format!("q{i}"),
                    2 + i % 4,
                    if i % 3 == 0 {
                        Answer::Many(vec![1, 2])
                    } else {
                        Answer::One(1)
                    },
                )
            })
            .collect(),
        ..quiz_with(settings)
    }
}

proptest! {
    #[test]
    fn shuffles_are_permutations(seed in any::<u64>(), n in 1usize..30, draw in proptest::option::of(1usize..30)) {
        let draw = draw.map(|d| d.min(n));
        let settings = QuizSettings { shuffle_questions: true, shuffle_options: true, draw, ..QuizSettings::default() };
        let quiz = big_quiz(n, settings);
        let run = QuizRun::new(&quiz, seed);
        let mut asked: Vec<usize> = run.review().map(|(a, _)| a.question).collect();
        prop_assert_eq!(asked.len(), draw.unwrap_or(n));
        asked.sort_unstable();
        asked.dedup();
        prop_assert_eq!(asked.len(), draw.unwrap_or(n), "no question twice");
        for (a, _) in run.review() {
            let mut order = a.option_order.clone();
            order.sort_unstable();
            prop_assert_eq!(order, (0..quiz.questions[a.question].options.len()).collect::<Vec<_>>());
        }
    }

    #[test]
    fn score_stays_within_bounds_and_state_round_trips(
        seed in any::<u64>(),
        partial in any::<bool>(),
        picks in proptest::collection::vec((0usize..6, 0usize..3, 0u64..40_000), 1..40),
    ) {
        let settings = QuizSettings { partial_credit: partial, time_limit_seconds: Some(20), shuffle_options: true, ..QuizSettings::default() };
        let quiz = big_quiz(8, settings);
        let mut run = QuizRun::new(&quiz, seed);
        run.start();
        for (option, action, millis) in picks {
            match action {
                0 => run.choose(option),
                1 => { run.submit(); }
                _ => { run.tick(millis); run.next(); }
            }
            let score = run.score();
            prop_assert!((0.0..=run.total() as f64).contains(&score));
            prop_assert!(run.percent() <= 100);
            prop_assert_eq!(QuizRun::restore(Some(&run.save()), &quiz), Restored::Resumed(run.clone()));
        }
    }
}
