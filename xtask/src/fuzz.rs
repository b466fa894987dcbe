//! `cargo xtask fuzz [SECONDS]`: the cargo-fuzz targets in `fuzz/`, each for
//! a bounded time, with the saved-quiz target's corpus seeded with real
//! saved runs (random bytes almost never make one).

use crate::cmd;
use crate::setup::tools;
use anyhow::Result;
use event_microsite::content::{Quiz, load};
use event_microsite::quiz::QuizRun;
use std::path::Path;

/// `cargo xtask fuzz [SECONDS]`: runs each cargo-fuzz target for a bounded
/// time with a memory cap (not part of `test`: it needs nightly Rust).
pub fn run(root: &Path, seconds: u64) -> Result<()> {
    let bin = tools::cargo_fuzz()?;
    let path = std::env::join_paths(std::iter::once(bin).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))?;
    seed_quiz_state(root)?;
    for target in ["content", "quiz_state"] {
        cmd::step(&format!("fuzz `{target}` for {seconds} s"));
        cmd::Cmd::new("cargo")
            .args([
                "+nightly",
                "fuzz",
                "run",
                target,
                "--",
                &format!("-max_total_time={seconds}"),
                "-rss_limit_mb=2048",
            ])
            .env("PATH", &path)
            .run()?;
    }
    Ok(())
}

/// Writes real saved runs of the shipped quiz, at each stage of a run, into
/// `fuzz/corpus/quiz_state/`.
fn seed_quiz_state(root: &Path) -> Result<()> {
    let source = std::fs::read_to_string(root.join("public/content/quiz.json"))?;
    let quiz = load::<Quiz>("quiz.json", &source)
        .map_err(|problems| anyhow::anyhow!("quiz.json has {} problem(s)", problems.len()))?;
    let dir = root.join("fuzz/corpus/quiz_state");
    std::fs::create_dir_all(&dir)?;
    for (n, seed) in quiz_state_seeds(&quiz).iter().enumerate() {
        std::fs::write(dir.join(format!("saved-run-{n}")), seed)?;
    }
    Ok(())
}

/// Fuzz inputs whose first half is a saved run (as the target splits them)
/// and whose second half is a few actions: one per stage of a run.
fn quiz_state_seeds(quiz: &Quiz) -> Vec<Vec<u8>> {
    let mut run = QuizRun::new(quiz, 7);
    let mut saved = vec![run.save()];
    run.start();
    saved.push(run.save());
    for _ in 0..quiz.questions.len() {
        run.choose(0);
        saved.push(run.save());
        run.submit();
        saved.push(run.save());
        run.next();
    }
    saved.push(run.save());
    saved
        .into_iter()
        .map(|state| {
            let mut input = state.into_bytes();
            // Choose, submit, next, ...: as many action bytes as state bytes.
            let actions: Vec<u8> = (0..input.len()).map(|i| [5, 1, 2][i % 3]).collect();
            input.extend(actions);
            input
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use event_microsite::quiz::Restored;

    #[test]
    fn the_seeds_are_saved_runs_the_target_resumes() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let source = std::fs::read_to_string(root.join("public/content/quiz.json")).unwrap();
        let quiz = load::<Quiz>("quiz.json", &source).unwrap();
        let seeds = quiz_state_seeds(&quiz);
        assert!(seeds.len() > 4);
        for seed in seeds {
            let saved = String::from_utf8_lossy(&seed[..seed.len() / 2]);
            assert!(
                matches!(QuizRun::restore(Some(&saved), &quiz), Restored::Resumed(_)),
                "{saved}"
            );
        }
    }
}
