//! The result: score, band message, pass or not, time taken; share, save a
//! poster, retry; and a review of every question.

use super::QuizContext;
use super::poster::Poster;
use crate::browser::{self, Shared};
use crate::content::{Lang, Site, Text};
use crate::i18n::{tr, ui, ui_attr, use_lang, words};
use crate::quiz::{SharedResult, band_for, format_score};
use crate::ui_text::score_sentence;
use leptos::prelude::*;

/// The event's details for the poster, provided by the app when
/// `site.json` has loaded.
#[derive(Clone, Copy)]
pub struct EventDetails(pub Signal<Option<Site>>);

/// The end of the quiz.
#[component]
pub fn ResultScreen() -> impl IntoView {
    let QuizContext { quiz, run } = expect_context::<QuizContext>();
    let lang = use_lang();
    let (score, total, percent, millis) =
        run.with_untracked(|r| (r.score(), r.total(), r.percent(), r.millis_used()));
    let score_text = format_score(score);
    let pass_percent = quiz.with_value(|q| q.settings.pass_percent);
    let passed = percent >= pass_percent;
    let band = quiz.with_value(|q| band_for(q, percent).map(|b| b.message.clone()));
    let seconds = millis / 1000;
    let Sharing {
        share,
        state: share_state,
        url: share_url,
    } = use_sharing(SharedResult { score, total });
    let poster = use_poster(ScoreLine {
        score: score_text.clone(),
        total,
        percent,
        band: band.clone(),
    });

    view! {
        <div class="quiz__result">
            <h3 tabindex="-1" data-focus>{ui(words::SCORE)}</h3>
            <p class="quiz__score">{move || score_sentence(lang.get(), &score_text, total, percent)}</p>
            {band.map(|message| view! { <p class="quiz__band">{tr(message)}</p> })}
            <p class=if passed { "quiz__verdict quiz__verdict--pass" } else { "quiz__verdict quiz__verdict--fail" }>
                {move || crate::ui_text::verdict(lang.get(), passed, pass_percent)}
            </p>
            <p>
                {ui(words::TIME_TAKEN)}
                {colon()}
                {move || crate::ui_text::minutes_and_seconds(lang.get(), seconds)}
            </p>
            <div class="quiz__actions">
                <button type="button" class="button button--primary" on:click=move |_| share.run(())>
                    {ui(words::SHARE)}
                </button>
                <button type="button" class="button" on:click=move |_| poster.make.run(())>
                    {ui(words::SAVE_IMAGE)}
                </button>
                <button
                    type="button"
                    class="button"
                    on:click=move |_| {
                        let seed = browser::random_seed();
                        quiz.with_value(|q| run.update(|r| r.retry(q, seed)));
                    }
                >
                    {ui(words::RETRY_QUIZ)}
                </button>
            </div>
            <ShareStatus state=share_state url=share_url/>
            <PosterPreview png=poster.png/>
            <Review/>
        </div>
    }
}

/// Sharing the result's link: the action, what it did, and the link.
struct Sharing {
    share: Callback<()>,
    state: RwSignal<Option<Shared>>,
    url: String,
}

/// The share sheet where the browser has one, else the clipboard.
fn use_sharing(shared: SharedResult) -> Sharing {
    let QuizContext { quiz, .. } = expect_context::<QuizContext>();
    let lang = use_lang();
    let state = RwSignal::new(None::<Shared>);
    let url = format!("{}?{}", browser::page_base_url(), shared.to_query());
    let share = {
        let url = url.clone();
        Callback::new(move |()| {
            let url = url.clone();
            let title = quiz.with_value(|q| q.shown_title().get(lang.get_untracked()).to_string());
            leptos::task::spawn_local(async move {
                state.set(Some(browser::share_or_copy(&title, &url).await));
            });
        })
    };
    Sharing { share, state, url }
}

/// What the poster says of the score.
struct ScoreLine {
    score: String,
    total: usize,
    percent: u32,
    band: Option<Text>,
}

/// The result poster: drawing (and downloading) it, and the picture drawn.
#[derive(Clone, Copy)]
struct PosterMaking {
    make: Callback<()>,
    png: RwSignal<Option<String>>,
}

/// Draws the poster in the visitor's language with the event's details
/// (from `site.json`, else the quiz's title).
fn use_poster(line: ScoreLine) -> PosterMaking {
    let QuizContext { quiz, .. } = expect_context::<QuizContext>();
    let lang = use_lang();
    let png = RwSignal::new(None::<String>);
    let event = use_context::<EventDetails>();
    let make = Callback::new(move |()| {
        let lang = lang.get_untracked();
        let site = event.and_then(|e| e.0.get_untracked());
        let (event_title, date) = match &site {
            Some(site) => (
                site.title.get(lang).to_string(),
                site.date.get(lang).to_string(),
            ),
            None => (
                quiz.with_value(|q| q.shown_title().get(lang).to_string()),
                String::new(),
            ),
        };
        let drawing = Poster {
            event_title,
            date,
            score_line: score_sentence(lang, &line.score, line.total, line.percent),
            band: line.band.as_ref().map(|b| b.get(lang).to_string()),
            scan_hint: words::SCAN.get(lang).to_string(),
            url: browser::page_base_url(),
        };
        if let Ok(data_url) = drawing.to_png_data_url() {
            browser::download(&data_url, "quiz-result.png");
            png.set(Some(data_url));
        }
    });
    PosterMaking { make, png }
}

/// What sharing did: the link copied, or the link to copy by hand.
#[component]
fn ShareStatus(state: RwSignal<Option<Shared>>, url: String) -> impl IntoView {
    view! {
        <div role="status">
            {move || match state.get() {
                Some(Shared::Copied) => Some(view! { <p>{ui(words::LINK_COPIED)}</p> }.into_any()),
                Some(Shared::Neither) => {
                    let url = url.clone();
                    Some(
                        view! {
                            <label class="quiz__share-link">
                                {ui(words::COPY_BY_HAND)}
                                <input type="text" readonly value=url/>
                            </label>
                        }
                            .into_any(),
                    )
                }
                _ => None,
            }}
        </div>
    }
}

/// The poster drawn, to long-press (phones save images that way).
#[component]
fn PosterPreview(png: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        png.get().map(|png| {
            view! {
                <figure class="quiz__poster">
                    <img src=png alt=ui_attr(words::POSTER_ALT) width="375" height="550"/>
                    <figcaption>{ui(words::LONG_PRESS)}</figcaption>
                </figure>
            }
        })
    }
}

/// Every question with the visitor's answer, the correct one and why.
#[component]
fn Review() -> impl IntoView {
    let QuizContext { quiz, run } = expect_context::<QuizContext>();
    let items = run.with_untracked(|r| {
        r.review()
            .enumerate()
            .map(|(i, (asked, given))| (i, asked.clone(), given.cloned(), r.points(i)))
            .collect::<Vec<_>>()
    });
    let answer_list =
        |options: &[crate::content::Choice], picked: &[usize]| -> Vec<crate::content::Text> {
            picked
                .iter()
                .filter_map(|&o| options.get(o))
                .map(|c| c.text())
                .collect()
        };
    view! {
        <h4>{ui(words::REVIEW)}</h4>
        <ol class="quiz__review">
            {items
                .into_iter()
                .map(|(_, asked, given, points)| {
                    let question = quiz.with_value(|q| q.questions[asked.question].clone());
                    let choices = question.choices();
                    let correct = answer_list(&choices, &asked.correct);
                    let yours = given
                        .as_ref()
                        .filter(|g| !g.timed_out)
                        .map(|g| answer_list(&choices, &g.chosen));
                    let full = points >= 1.0;
                    view! {
                        <li class=if full { "review review--right" } else { "review review--wrong" }>
                            <p class="review__prompt">
                                <span aria-hidden="true">{if full { "✓ " } else { "✗ " }}</span>
                                {tr(question.prompt)}
                            </p>
                            <p>
                                {ui(words::YOUR_ANSWER)}
                                {colon()}
                                {match yours {
                                    Some(list) => join(list).into_any(),
                                    None => ui(words::NO_ANSWER).into_any(),
                                }}
                            </p>
                            <p>{ui(words::CORRECT_ANSWER)}{colon()}{join(correct)}</p>
                            <p class="review__explanation">{tr(question.explanation)}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

/// Texts joined with "、" / ", " in the current language.
fn join(texts: Vec<crate::content::Text>) -> impl Fn() -> String + Send + Sync + Clone + 'static {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        let separator = if lang == Lang::Zh { "、" } else { ", " };
        texts
            .iter()
            .map(|t| t.get(lang))
            .collect::<Vec<_>>()
            .join(separator)
    }
}

/// "：" in Chinese, ": " in English.
fn colon() -> impl Fn() -> &'static str + Send + Sync + Copy + 'static {
    let lang = use_lang();
    move || if lang.get() == Lang::Zh { "：" } else { ": " }
}
