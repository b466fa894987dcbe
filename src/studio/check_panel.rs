//! The content check: the same checks as `cargo xtask
//! check`, run in the browser against the files the host serves.

use super::site_files::{Fetched, SiteFiles};
use crate::content::check::{FileKind, FileUse, Report, check, stale_build};
use crate::content::{Lang, Problem, Severity, files};
use crate::i18n::{ui, words};
use crate::ui_text::check_summary;
use futures::future::join_all;
use gloo_net::http::{Method, RequestBuilder};
use leptos::prelude::*;

/// Lists every problem in the content, or says there are none.
#[component]
pub fn CheckPanel(site_files: SiteFiles) -> impl IntoView {
    let report = LocalResource::new(move || async move { run_check(site_files.await).await });
    view! {
        <section class="check" aria-labelledby="check-title">
            <h2 id="check-title">{ui(words::CHECK_TITLE)}</h2>
            {move || match report.get() {
                None => view! { <p role="status">{ui(words::CHECKING)}</p> }.into_any(),
                Some(report) => view! { <ReportView report/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ReportView(report: Report) -> impl IntoView {
    let (errors, warnings) = (report.errors(), report.warnings());
    let summary = |lang| {
        check_summary(
            lang,
            errors,
            warnings,
            files::ALL.len(),
            report.count(FileKind::Photo),
        )
    };
    let (summary, summary_zh) = (summary(Lang::En), summary(Lang::Zh));
    view! {
        <p class="check__summary" role="status">
            <span lang="en">{summary}</span>
            " · "
            <span lang="zh-CN">{summary_zh}</span>
        </p>
        <ol class="check__list">
            {report.problems.into_iter().map(|problem| view! { <ProblemItem problem/> }).collect_view()}
        </ol>
    }
}

#[component]
fn ProblemItem(problem: Problem) -> impl IntoView {
    let (class, label) = match problem.severity {
        Severity::Error => ("check__item check__item--error", "Error / 错误"),
        Severity::Warning => ("check__item check__item--warning", "Warning / 警告"),
    };
    view! {
        <li class=class>
            <p class="check__where">
                <strong>{label}</strong>
                ": "
                {problem.place()}
            </p>
            <p lang="en">{problem.en()}</p>
            <p lang="zh-CN">{problem.zh()}</p>
        </li>
    }
}

/// Checks the four files, then asks the host for every photo they name.
async fn run_check(texts: Fetched) -> Report {
    let mut report = check(|file| {
        texts.iter().find(|(f, _)| *f == file).map_or_else(
            || Err("not a content file".into()),
            |(_, bytes)| bytes.clone(),
        )
    });
    // Files changed on the host since the build made the page from them.
    let record = crate::browser::built_from_record();
    let current: Vec<(&str, &[u8])> = texts
        .iter()
        .filter_map(|(file, bytes)| Some((*file, bytes.as_ref().ok()?.as_slice())))
        .collect();
    report.add(stale_build(&record, &current));
    let file_problems = join_all(report.files.iter().map(check_file)).await;
    report.add(file_problems.into_iter().flatten());
    report
}

/// Whether the host has the file, and whether it is too big for phones;
/// subtitles are read whole and checked to be WebVTT. (A video's codecs are
/// checked by `cargo xtask check`, which reads the file.)
async fn check_file(used: &FileUse) -> Option<Problem> {
    let method = if used.kind == FileKind::Subtitles {
        Method::GET
    } else {
        Method::HEAD
    };
    let response = RequestBuilder::new(&used.src).method(method).send().await;
    match response {
        Ok(response) if response.ok() => {
            if used.kind == FileKind::Subtitles {
                return used.wrong_content(&response.binary().await.ok()?);
            }
            let bytes: u64 = response.headers().get("content-length")?.parse().ok()?;
            used.too_large(bytes)
        }
        _ => Some(used.missing()),
    }
}
