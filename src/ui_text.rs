//! The words of the interface itself (buttons, headings of the page's
//! parts, messages), in both languages. Plain data, so the build can write
//! the same words into the page it renders ahead of the app.

use crate::content::{Lang, Text};

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
        GETTING_READY: "竞答准备中…", "Getting the quiz ready…";
        CONTENT_UPDATED: "本页已换成网站上的最新内容。", "This page now shows the latest content from the site.";
        NAV_LABEL: "页面导航", "Sections";
        SWITCH_TO: "English", "中文";
        STORY: "活动纪实", "The story";
        TIMELINE: "活动日程", "The day";
        QUIZ: "知识竞答", "Quiz";
        ORGANISERS: "主办单位", "Organisers";
        LOADING: "正在加载…", "Loading…";
        CHECK_TITLE: "内容检查", "Content check";
        CHECKING: "正在检查内容文件和照片…", "Checking the content files and photos…";
        CHECK_MOVED: "内容检查已移到组织者工作室。", "The content check is now in the organisers' studio.";
        OPEN_STUDIO: "打开组织者工作室", "Open the organisers' studio";
        STUDIO_TITLE: "组织者工作室", "Organisers' studio";
        STUDIO_INTRO: "这里检查网站上现有的内容文件和照片，与 cargo xtask check 的检查相同。访客不会加载这个页面。", "This page checks the content files and photos the site serves now, as cargo xtask check does. Visitors never load it.";
        SHEET_TITLE: "用表格填写内容", "Fill in the content as a spreadsheet";
        SHEET_INTRO: "下载工作簿，在 Excel、WPS 或 LibreOffice 中填写（活动、故事、日程、照片说明、题库、测验设置，每项都有中文和英文列），再导入：每个问题都会指出工作表、行和列。", "Download the workbook, fill it in with Excel, WPS or LibreOffice (sheets for the event, the story, the agenda, the photos' texts, the question bank and the quiz settings, each text in a Chinese and an English column), then import it: every problem is shown at its sheet, row and column.";
        SHEET_FILLED: "下载工作簿（含网站现有内容）", "Download the workbook with the site's content";
        SHEET_EMPTY: "下载空白模板", "Download the empty template";
        SHEET_IMPORT: "导入填好的表格（.xlsx、.xls、.ods 或 .csv）", "Import a filled-in spreadsheet (.xlsx, .xls, .ods or .csv)";
        SHEET_ZIP: "下载 content.zip（内容文件和照片，解压到网站的 content/ 文件夹）", "Download content.zip (the content files and photos, to unzip into the site's content/ folder)";
        PHOTOS_TITLE: "活动照片", "Photos of the day";
        PHOTOS_INTRO: "选择手机拍的照片：每张照片会按拍摄方向转正，生成与 cargo xtask photos 相同的尺寸和格式（JPEG 和 WebP），并去掉 EXIF 和 GPS 等信息。然后在日程表的“照片”列写上照片的文件名。", "Choose the photos from your phone: each is turned upright, made into the same sizes and formats as cargo xtask photos (JPEG and WebP), with its EXIF and GPS data removed. Then write the photos' file names in the agenda's 照片 (Photos) column.";
        PHOTOS_FORGET: "删除这些照片", "Forget these photos";
        PHOTOS_CHOOSE: "选择照片（可多选）", "Choose photos (several at once)";
        FORM_TITLE: "在这里编辑", "Edit here";
        FORM_INTRO: "不用 Excel 也可以：在这里编辑每个工作表，中文和英文并排。每次修改都保存在本浏览器中；边输入边检查，问题显示在对应的格子旁边。", "No spreadsheet program needed: edit each sheet here, the Chinese and the English side by side. Every change is kept in this browser; the check runs as you type and shows each problem beside its cell.";
        FORM_START_SITE: "在这里编辑网站现有内容", "Edit the site's content here";
        FORM_START_EMPTY: "在这里从空白开始", "Start an empty event here";
        FORM_REPLACE: "要放弃正在编辑的表格，重新开始吗？", "Replace the spreadsheet being edited and start again?";
        FORM_UP: "上移", "Move up";
        FORM_DOWN: "下移", "Move down";
        FORM_REMOVE: "删除", "Remove";
        FORM_ADD_ROW: "添加一行", "Add a row";
        FORM_ADD_ANOTHER: "再添加一个", "Add another";
        SITE_ZIP: "下载 site.zip（整个网站，含新的内容、照片、页面和分享图，可直接上传到任何静态网站空间）", "Download site.zip (the whole site with the new content, photos, page and share image, ready to upload to any static host)";
        SITE_ZIP_MAKING: "正在生成 site.zip…", "Making site.zip…";
        SITE_ZIP_READY: "site.zip 已生成：解压后把其中的全部文件上传到网站空间。", "site.zip is ready: unzip it and upload all of its files to the host.";
        FORM_ADD_PHOTOS: "为此项添加照片（也可以把照片拖到这里）", "Add photos to this entry (or drop them here)";
        FORM_SAVED: "所有修改已保存在本浏览器中。", "Every change is kept in this browser.";
        FORM_UNSAVED: "正在保存…", "Saving…";
        SHEET_FORGET: "删除保存的表格", "Forget this spreadsheet";
        PREVIEW_TITLE: "预览", "Preview";
        PREVIEW_INTRO: "活动页面用导入的内容显示，分别为手机和电脑的宽度；每次导入后都会重新显示。在本页制作的新照片要等 content.zip 放到网站上才会显示。", "The event page with the imported content, at a phone's width and at a desktop's, drawn again after each import. New photos made on this page show once content.zip is on the site.";
        PREVIEW_PHONE: "手机（390 像素宽）", "Phone (390 px wide)";
        PREVIEW_DESKTOP: "电脑（1280 像素宽，缩小显示）", "Desktop (1280 px wide, shown smaller)";
        SHEET_SAVE_FILES: "下载这些文件，放进网站的 content/ 文件夹（替换同名文件）：", "Download these files and put them into the site's content/ folder (replacing the files of the same name):";
        BACK_TO_SITE: "返回活动页面", "Back to the event page";
        LOAD_FAILED: "这部分内容未能加载", "This part could not be loaded";
        RETRY: "重试", "Try again";
        PHOTO_MISSING: "图片未能加载", "Photo could not be loaded";
        JUMP_TO: "跳转到", "Jump to";
        PLACE: "地点", "Place";
        SPEAKER: "主讲", "Speaker";
        VIEWER: "照片查看器", "Photo viewer";
        PLAY_VIDEO: "播放视频", "Play video";
        VIDEO_LINK: "打开视频文件", "Open the video file";
        VIDEO_FAILED: "这个浏览器无法在页面里播放此视频。", "This browser cannot play the video in the page.";
        RECORDING: "录音", "Recording";
        SUBTITLES: "中文字幕", "English subtitles";
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
        COPY_LINK: "复制链接", "Copy link";
        ENTRY_LINK_COPIED: "这一项的链接已复制。", "Link to this activity copied.";
        NO_SCRIPT: "这里显示的是活动纪实和当天日程。知识竞答、照片浏览和复制链接需要启用 JavaScript 的浏览器。", "You are reading the story and the day of the event. The quiz, the photo viewer and link copying need a browser with JavaScript turned on.";
        NO_WASM: "这里显示的是活动纪实和当天日程。这个浏览器不支持 WebAssembly，无法打开知识竞答和照片浏览；请用新版浏览器打开。", "You are reading the story and the day of the event. This browser cannot run WebAssembly, so the quiz and the photo viewer cannot open here: try a current browser.";
    }
}

/// The quiz's verdict with its pass mark, punctuated for each language:
/// "通过（及格线 60%）", "Passed (pass mark 60%)".
pub fn verdict(lang: Lang, passed: bool, pass_percent: u32) -> String {
    let word = if passed {
        words::PASSED
    } else {
        words::NOT_PASSED
    }
    .get(lang);
    match lang {
        Lang::Zh => format!("{word}（及格线 {pass_percent}%）"),
        Lang::En => format!("{word} (pass mark {pass_percent}%)"),
    }
}

/// "第 3 题 / 共 10 题", "Question 3 of 10".
pub fn question_of(lang: Lang, number: usize, total: usize) -> String {
    match lang {
        Lang::Zh => format!("第 {number} 题 / 共 {total} 题"),
        Lang::En => format!("Question {number} of {total}"),
    }
}

/// "答对 8 题，共 12 题（67%）", "8 of 12 correct (67%)".
pub fn score_sentence(lang: Lang, score: &str, total: usize, percent: u32) -> String {
    match lang {
        Lang::Zh => format!("答对 {score} 题，共 {total} 题（{percent}%）"),
        Lang::En => format!("{score} of {total} correct ({percent}%)"),
    }
}

/// "2 分 5 秒", "2 min 5 s".
pub fn minutes_and_seconds(lang: Lang, seconds: u64) -> String {
    let (minutes, seconds) = (seconds / 60, seconds % 60);
    match lang {
        Lang::Zh => format!("{minutes} 分 {seconds} 秒"),
        Lang::En => format!("{minutes} min {seconds} s"),
    }
}

/// Where a photo (or a `video`) is, in the viewer: its number in its entry
/// (named) and in the whole day. `entry` is the entry's title in `lang`.
pub fn photo_count(
    lang: Lang,
    entry: &str,
    (number, of): (usize, usize),
    (in_day, day): (usize, usize),
    video: bool,
) -> String {
    match (lang, video) {
        (Lang::Zh, false) => format!("“{entry}”第 {number} / {of} 张 · 全天第 {in_day} / {day} 张"),
        (Lang::Zh, true) => {
            format!("视频 · “{entry}”第 {number} / {of} 项 · 全天第 {in_day} / {day} 项")
        }
        (Lang::En, false) => {
            format!("Photo {number} of {of} in “{entry}” · {in_day} of {day} today")
        }
        (Lang::En, true) => {
            format!("Video {number} of {of} in “{entry}” · {in_day} of {day} today")
        }
    }
}

/// What a screen reader hears for an entry without a time: "第3项", "Step 3".
pub fn step_label(step: usize) -> Text {
    Text {
        zh: format!("第{step}项"),
        en: format!("Step {step}"),
    }
}

/// The studio check's summary: "2 error(s), 1 warning(s) in 4 files and 6
/// photos", "2 个错误，1 个警告".
pub fn check_summary(
    lang: Lang,
    errors: usize,
    warnings: usize,
    files: usize,
    photos: usize,
) -> String {
    match lang {
        Lang::Zh => format!("{errors} 个错误，{warnings} 个警告"),
        Lang::En => {
            format!("{errors} error(s), {warnings} warning(s) in {files} files and {photos} photos")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_words_use_full_width_punctuation() {
        assert_eq!(verdict(Lang::Zh, true, 60), "通过（及格线 60%）");
        assert_eq!(verdict(Lang::En, false, 60), "Not passed (pass mark 60%)");
        assert_eq!(
            score_sentence(Lang::Zh, "8", 12, 67),
            "答对 8 题，共 12 题（67%）"
        );
        assert_eq!(minutes_and_seconds(Lang::Zh, 125), "2 分 5 秒");
        assert_eq!(question_of(Lang::En, 3, 10), "Question 3 of 10");
    }
}
