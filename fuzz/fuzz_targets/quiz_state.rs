//! Any saved quiz state, against the shipped quiz: restoring never panics,
//! and a restored run survives any sequence of actions with a sane score.
#![no_main]

use event_microsite::content::{Quiz, load};
use event_microsite::quiz::{QuizRun, Restored};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn quiz() -> &'static Quiz {
    static QUIZ: OnceLock<Quiz> = OnceLock::new();
    QUIZ.get_or_init(|| load("quiz.json", include_str!("../../public/content/quiz.json")).expect("shipped quiz"))
}

fuzz_target!(|data: &[u8]| {
    let quiz = quiz();
    let split = data.len() / 2;
    let saved = String::from_utf8_lossy(&data[..split]);
    let mut run = match QuizRun::restore(Some(&saved), quiz) {
        Restored::Resumed(run) => run,
        _ => QuizRun::new(quiz, u64::from(data.first().copied().unwrap_or(0))),
    };
    run.start();
    for &byte in &data[split..] {
        match byte % 5 {
            0 => run.choose(usize::from(byte / 5)),
            1 => {
                run.submit();
            }
            2 => run.next(),
            3 => run.tick(u64::from(byte) * 1000),
            _ => run.retry(quiz, u64::from(byte)),
        }
        assert!((0.0..=run.total() as f64).contains(&run.score()));
        assert!(run.percent() <= 100);
    }
    assert_eq!(QuizRun::restore(Some(&run.save()), quiz), Restored::Resumed(run));
});
