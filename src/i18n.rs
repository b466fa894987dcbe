//! The visitor's language: chosen from `?lang=`, the saved choice or the
//! browser, shared through context, and the interface's own words.
//!
//! Content words come from the JSON files; only the words of the interface
//! itself (buttons, headings of the page's parts, messages) live here, so
//! they still show when a content file fails.

use crate::content::{Lang, Text};
use leptos::prelude::*;

const STORAGE_KEY: &str = "lang";

/// The current language, provided by `App`.
#[derive(Clone, Copy)]
pub struct Language(pub RwSignal<Lang>);

/// Provides the language to the component tree, starting from the URL,
/// then the saved choice, then the browser's language, then Chinese.
pub fn provide_language() -> Language {
    let language = Language(RwSignal::new(initial_lang()));
    provide_context(language);
    Effect::new(move |_| {
        let lang = language.0.get();
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.tag());
        }
        if let Ok(Some(storage)) = window().local_storage() {
            let _ = storage.set_item(STORAGE_KEY, lang.code());
        }
    });
    language
}

/// The current language signal.
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<Language>()
        .map(|l| l.0)
        .unwrap_or_else(|| RwSignal::new(Lang::default()))
}

fn initial_lang() -> Lang {
    let from_url = window()
        .location()
        .search()
        .ok()
        .and_then(|search| web_sys::UrlSearchParams::new_with_str(&search).ok())
        .and_then(|params| params.get("lang"))
        .and_then(|code| Lang::from_code(&code));
    let saved = || {
        window()
            .local_storage()
            .ok()
            .flatten()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|code| Lang::from_code(&code))
    };
    let browser = || {
        window()
            .navigator()
            .language()
            .and_then(|code| Lang::from_code(&code))
    };
    from_url.or_else(saved).or_else(browser).unwrap_or_default()
}

/// A reactive view of a content text in the current language.
pub fn tr(text: Text) -> impl Fn() -> String + Send + Sync + Clone + 'static {
    let lang = use_lang();
    move || text.get(lang.get()).to_string()
}

/// A word of the interface in both languages.
#[derive(Clone, Copy)]
pub struct Ui {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Ui {
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// A reactive view of an interface word in the current language.
pub fn ui(word: Ui) -> impl Fn() -> &'static str + Send + Sync + Copy + 'static {
    let lang = use_lang();
    move || word.get(lang.get())
}

/// The interface's words.
pub mod words {
    use super::Ui;

    macro_rules! words {
        ($($name:ident: $zh:literal, $en:literal;)*) => {
            $(pub const $name: Ui = Ui { zh: $zh, en: $en };)*
        };
    }

    words! {
        SKIP: "跳到正文", "Skip to content";
        NAV_LABEL: "页面导航", "Sections";
        SWITCH_TO: "English", "中文";
        STORY: "活动纪实", "The story";
        TIMELINE: "活动日程", "The day";
        QUIZ: "知识竞答", "Quiz";
        ORGANISERS: "主办单位", "Organisers";
        LOADING: "正在加载…", "Loading…";
        CHECK_TITLE: "内容检查", "Content check";
        CHECKING: "正在检查内容文件和照片…", "Checking the content files and photos…";
        LOAD_FAILED: "这部分内容未能加载", "This part could not be loaded";
        RETRY: "重试", "Try again";
        PHOTO_MISSING: "图片未能加载", "Photo could not be loaded";
        JUMP_TO: "跳转到", "Jump to";
        PLACE: "地点", "Place";
        SPEAKER: "主讲", "Speaker";
        VIEWER: "照片查看器", "Photo viewer";
        PREVIOUS: "上一张", "Previous";
        NEXT_PHOTO: "下一张", "Next";
        CLOSE: "关闭", "Close";
        QUESTIONS: "道题", "questions";
        SECONDS_EACH: "秒/题", "seconds per question";
        PASS_MARK: "及格线", "Pass mark";
        START: "开始答题", "Start the quiz";
        NO_TIME_LIMIT: "不限时", "No time limit";
        MORE_TIME: "延长 30 秒", "30 seconds more";
        TURN_OFF_LIMIT: "取消限时", "Turn off the time limit";
        SECONDS_LEFT: "秒", "s left";
        TEN_SECONDS: "还剩 10 秒", "10 seconds left";
        SUBMIT: "提交答案", "Submit answer";
        NEXT: "下一题", "Next question";
        SEE_SCORE: "查看成绩", "See your score";
        CORRECT: "回答正确！", "Correct!";
        WRONG: "回答错误。", "Not quite.";
        TIME_UP: "时间到！本题计为答错。", "Time's up! This question counts as wrong.";
        CORRECT_ANSWER: "正确答案", "Correct answer";
        YOUR_ANSWER: "你的选择", "Your choice";
        NO_ANSWER: "未作答（超时）", "No answer (time ran out)";
        CHOOSE_ALL: "多选题：选出全部正确项", "Choose every correct option";
        TRUE_OR_FALSE: "判断题", "True or false";
        SCORE: "你的成绩", "Your score";
        PASSED: "通过", "Passed";
        NOT_PASSED: "未通过", "Not passed";
        TIME_TAKEN: "用时", "Time taken";
        REVIEW: "答题回顾", "Review";
        SHARE: "分享成绩", "Share result";
        LINK_COPIED: "链接已复制，可以粘贴给好友。", "Link copied: paste it to a friend.";
        COPY_BY_HAND: "请复制这个链接：", "Copy this link:";
        SAVE_IMAGE: "保存成绩图片", "Save result image";
        LONG_PRESS: "长按图片可保存或转发。", "Long-press the picture to save or forward it.";
        POSTER_ALT: "成绩海报", "Result poster";
        RETRY_QUIZ: "再答一次", "Try again";
        RESUMED: "已恢复你上次的答题进度。", "Welcome back: you are where you left off.";
        QUIZ_CHANGED: "竞答题目已更新，之前保存的进度已清除。", "The quiz has changed since your last visit, so your saved progress was cleared.";
        SHARED_TITLE: "好友的竞答成绩", "A friend's quiz result";
        TAKE_QUIZ: "我也来答题", "Take the quiz yourself";
        SCAN: "扫码参加竞答", "Scan to take the quiz";
        FOOTER: "本页内容均来自 public/content/ 下的 JSON 文件。", "Everything on this page comes from the JSON files in public/content/.";
    }
}
