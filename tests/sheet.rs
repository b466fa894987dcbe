//! The quiz as a spreadsheet: the template of the shipped quiz imports back
//! to the same quiz (XLSX, and CSV in GBK), headers are read in either
//! language, and mistakes are shown at their sheet, row and column.

use event_microsite::content::{Quiz, files, load};
use event_microsite::sheet::{Grid, export_quiz, import_quiz, quiz_json, read_grids};

fn shipped() -> Quiz {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/public/content/quiz.json"
    ))
    .unwrap();
    load(files::QUIZ, &text).unwrap()
}

/// The sheets of the shipped quiz's workbook.
fn template_grids() -> Vec<Grid> {
    read_grids("quiz.xlsx", &export_quiz(&shipped()).unwrap()).unwrap()
}

/// `grid` as a tab-separated file in GBK, as WPS saves one.
fn gbk_tsv(grid: &Grid) -> Vec<u8> {
    let text: String = grid
        .rows
        .iter()
        .map(|row| {
            let cells: Vec<String> = row
                .iter()
                .map(|c| {
                    if c.contains(['\t', '\n', '"']) {
                        format!("\"{}\"", c.replace('"', "\"\""))
                    } else {
                        c.clone()
                    }
                })
                .collect();
            cells.join("\t") + "\r\n"
        })
        .collect();
    encoding_rs::GBK.encode(&text).0.into_owned()
}

fn questions(grids: &[Grid]) -> Grid {
    grids
        .iter()
        .find(|g| g.name.starts_with("题库"))
        .unwrap()
        .clone()
}

fn column(grid: &Grid, header_start: &str) -> usize {
    grid.rows[0]
        .iter()
        .position(|h| h.starts_with(header_start))
        .unwrap()
}

#[test]
fn the_shipped_quiz_round_trips_through_its_workbook() {
    let quiz = shipped();
    let book = export_quiz(&quiz).unwrap();
    let back = import_quiz("quiz.xlsx", &book, None).unwrap();
    assert_eq!(back, quiz);
    // And the quiz.json written from it loads to the same quiz.
    let written: Quiz = load(files::QUIZ, &quiz_json(&back)).unwrap();
    assert_eq!(written, quiz);
    assert!(
        !quiz_json(&back).contains("null"),
        "no empty fields written"
    );
}

#[test]
fn the_second_events_quiz_round_trips_with_every_kind_written() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/e2e/fixtures/next-event/content/quiz.json"
    );
    let quiz: Quiz = load(files::QUIZ, &std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(
        quiz.questions.iter().any(|q| q.written_kind.is_none()),
        "a question without a type"
    );
    // Imported into its own folder: its reference to the schema stays.
    let back = import_quiz("quiz.xlsx", &export_quiz(&quiz).unwrap(), Some(&quiz)).unwrap();
    // The sheet always says the kind (题型), the same the file implied.
    let mut expected = quiz.clone();
    for question in &mut expected.questions {
        question.written_kind = Some(question.kind());
    }
    assert_eq!(back, expected);
}

#[test]
fn the_question_bank_round_trips_through_a_gbk_csv() {
    let quiz = shipped();
    let csv = gbk_tsv(&questions(&template_grids()));
    assert!(std::str::from_utf8(&csv).is_err(), "the file really is GBK");
    let back = import_quiz("题库.csv", &csv, Some(&quiz)).unwrap();
    assert_eq!(back, quiz);
}

#[test]
fn headers_are_read_in_english_or_chinese_alone() {
    let quiz = shipped();
    for half in [0, 1] {
        let mut grid = questions(&template_grids());
        for header in &mut grid.rows[0] {
            *header = header.split(" / ").nth(half).unwrap().to_string();
        }
        let back = import_quiz("q.csv", &gbk_tsv(&grid), Some(&quiz)).unwrap();
        assert_eq!(back.questions, quiz.questions, "headers half {half}");
    }
}

#[test]
fn mistakes_are_shown_at_their_sheet_row_and_column_all_at_once() {
    let mut grid = questions(&template_grids());
    let (answer, kind, explanation_en) = (
        column(&grid, "答案"),
        column(&grid, "题型"),
        column(&grid, "解析（英文）"),
    );
    // Row 7 (the sixth question): an answer letter beyond its four options.
    assert!(!grid.rows[6][column(&grid, "选项D /")].is_empty());
    assert!(grid.rows[6][column(&grid, "选项E /")].is_empty());
    grid.rows[6][answer] = "E".into();
    grid.rows[3][kind] = String::new();
    grid.rows[9][explanation_en] = String::new();
    let problems = import_quiz("题库.csv", &gbk_tsv(&grid), Some(&shipped())).unwrap_err();
    let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 3, "{shown:#?}");
    let letter = |c: usize| event_microsite::sheet::column_letter(c);
    assert_eq!(problems[0].row, 4);
    assert_eq!(problems[0].column.as_ref().unwrap().0, letter(kind));
    assert!(
        problems[0].message.contains("question type is empty"),
        "{shown:#?}"
    );
    assert_eq!(
        problems[1].place(),
        format!("题库, row 7, column {} (答案 / Answer)", letter(answer))
    );
    assert!(
        problems[1].message.contains("\"E\"") && problems[1].message.contains("only A-D are given"),
        "{shown:#?}"
    );
    assert!(
        problems[1].message_zh.contains("只填写了选项A-D"),
        "{shown:#?}"
    );
    assert_eq!(problems[2].row, 10);
    assert_eq!(
        problems[2].column.as_ref().unwrap().1,
        "解析（英文） / Explanation (English)"
    );
    assert!(
        !problems
            .iter()
            .any(|p| p.message.contains("Rust") || p.message.contains("struct"))
    );
}

// The whole content as one workbook: 活动, 故事, 日程 and 照片说明, 题库
// and 测验设置.

mod workbook {
    use event_microsite::content::{Quiz, Site, Story, Timeline, Validate, files, load};
    use event_microsite::sheet::{
        Contents, Grid, SheetProblem, export_workbook, import_workbook, read_grids,
    };
    use serde::de::DeserializeOwned;

    fn read<T: DeserializeOwned + Validate>(dir: &str, file: &str) -> T {
        let path = format!("{}/{dir}/{file}", env!("CARGO_MANIFEST_DIR"));
        load(file, &std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn folder(dir: &str) -> Contents {
        Contents {
            site: Some(read::<Site>(dir, files::SITE)),
            story: Some(read::<Story>(dir, files::STORY)),
            timeline: Some(read::<Timeline>(dir, files::TIMELINE)),
            quiz: Some(read::<Quiz>(dir, files::QUIZ)),
            new_photos: Vec::new(),
        }
    }

    const SHIPPED: &str = "public/content";
    const NEXT_EVENT: &str = "tests/e2e/fixtures/next-event/content";

    /// `grids` written back as a workbook, every cell as text.
    fn workbook(grids: &[Grid]) -> Vec<u8> {
        event_microsite::sheet::write_grids(grids).unwrap()
    }

    fn sheet<'g>(grids: &'g mut [Grid], start: &str) -> &'g mut Grid {
        grids
            .iter_mut()
            .find(|g| g.name.starts_with(start))
            .unwrap()
    }

    fn column(grid: &Grid, header_start: &str) -> usize {
        grid.rows[0]
            .iter()
            .position(|h| h.starts_with(header_start))
            .unwrap_or_else(|| panic!("no column {header_start} in {:?}", grid.rows[0]))
    }

    fn edited(dir: &str, edit: impl FnOnce(&mut Vec<Grid>)) -> Result<Contents, Vec<SheetProblem>> {
        let base = folder(dir);
        let mut grids = read_grids("event.xlsx", &export_workbook(&base).unwrap()).unwrap();
        edit(&mut grids);
        import_workbook("event.xlsx", &workbook(&grids), &base)
    }

    #[test]
    fn the_shipped_content_and_the_next_event_round_trip_through_one_workbook() {
        for dir in [SHIPPED, NEXT_EVENT] {
            let content = folder(dir);
            let book = export_workbook(&content).unwrap();
            let names: Vec<String> = read_grids("event.xlsx", &book)
                .unwrap()
                .into_iter()
                .map(|g| g.name)
                .collect();
            assert_eq!(
                names,
                [
                    "活动 Event",
                    "故事 Story",
                    "日程 Agenda",
                    "照片说明 Photos",
                    "题库 Questions",
                    "测验设置 Quiz settings"
                ]
            );
            let back = import_workbook("event.xlsx", &book, &content).unwrap();
            assert_eq!(back.site, content.site, "{dir}");
            assert_eq!(back.story, content.story, "{dir}");
            assert_eq!(back.timeline, content.timeline, "{dir}");
            // The files written from it load to the same content.
            for (file, text) in back.files() {
                assert!(!text.contains("null"), "{file} has no empty fields");
                match file {
                    files::SITE => assert_eq!(load::<Site>(file, &text).ok(), content.site),
                    files::STORY => assert_eq!(load::<Story>(file, &text).ok(), content.story),
                    files::TIMELINE => {
                        assert_eq!(load::<Timeline>(file, &text).ok(), content.timeline)
                    }
                    _ => assert_eq!(file, files::QUIZ),
                }
            }
        }
    }

    #[test]
    fn the_agenda_alone_as_a_gbk_csv_gives_the_timeline_only() {
        let base = folder(NEXT_EVENT);
        let grids = read_grids("event.xlsx", &export_workbook(&base).unwrap()).unwrap();
        let agenda = grids.iter().find(|g| g.name.starts_with("日程")).unwrap();
        let back = import_workbook("日程.csv", &super::gbk_tsv(agenda), &base).unwrap();
        assert_eq!(back.timeline, base.timeline);
        assert_eq!((back.site, back.story, back.quiz), (None, None, None));
    }

    #[test]
    fn a_comma_in_an_unquoted_csv_text_is_shown_at_its_row_not_dropped() {
        let csv = "时间,标题,标题（英文）\r\n07:05,清晨集合,Gathering at dawn\r\n21:40,闭幕交流,Exchanges, questions and a summary\r\n";
        let problems =
            import_workbook("日程.csv", csv.as_bytes(), &Contents::default()).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].place(), "日程, row 3, column D");
        assert!(
            problems[0]
                .message
                .starts_with("\"questions and a summary\" is under a column with no header"),
            "{}",
            problems[0].message
        );
        assert!(problems[0].message.contains("double quotes"));
        // Quoted, the same text imports whole.
        let quoted = csv.replace(
            "Exchanges, questions and a summary",
            "\"Exchanges, questions and a summary\"",
        );
        let timeline = import_workbook("日程.csv", quoted.as_bytes(), &Contents::default())
            .unwrap()
            .timeline
            .unwrap();
        assert_eq!(timeline.entries.len(), 2);
    }

    #[test]
    fn a_new_event_typed_into_the_empty_template_imports() {
        let mut grids =
            read_grids("t.xlsx", &export_workbook(&Contents::default()).unwrap()).unwrap();
        let event = sheet(&mut grids, "活动");
        let row = |grid: &Grid, label: &str| {
            grid.rows
                .iter()
                .position(|r| r[0].starts_with(label))
                .unwrap()
        };
        for (label, value, zh, en) in [
            ("标题", "", "第二次活动", "The second event"),
            ("地点", "", "武汉", "Wuhan"),
            ("开始日期", "2027-03-05", "", ""),
            ("主办单位", "", "甲单位", "Organisation A"),
        ] {
            let r = row(event, label);
            event.rows[r] = vec![event.rows[r][0].clone(), value.into(), zh.into(), en.into()];
        }
        let organiser = row(event, "主办单位");
        for (name_zh, name_en) in [("乙单位", "B"), ("丙单位", "C"), ("丁单位", "D")] {
            event.rows.push(vec![
                event.rows[organiser][0].clone(),
                String::new(),
                name_zh.into(),
                name_en.into(),
            ]);
        }
        let story = sheet(&mut grids, "故事");
        story.rows.push(vec![
            "".into(),
            "开场".into(),
            "Opening".into(),
            "第一段".into(),
            "First.".into(),
        ]);
        story.rows.push(vec![
            "".into(),
            "".into(),
            "".into(),
            "第二段".into(),
            "Second.".into(),
        ]);
        story.rows.push(vec![
            "close".into(),
            "收尾".into(),
            "Close".into(),
            "第三段".into(),
            "Third.".into(),
        ]);
        let agenda = sheet(&mut grids, "日程");
        let (time, title, title_en) = (
            column(agenda, "时间"),
            column(agenda, "标题 /"),
            column(agenda, "标题（英文）"),
        );
        for (t, zh, en) in [
            ("08:30", "签到", "Arrival"),
            (
                "17:00",
                "合影留念，活动圆满结束",
                "A group photo, and the end of a fine day",
            ),
        ] {
            let mut cells = vec![String::new(); agenda.rows[0].len()];
            (cells[time], cells[title], cells[title_en]) = (t.into(), zh.into(), en.into());
            agenda.rows.push(cells);
        }
        let questions = sheet(&mut grids, "题库");
        let header = questions.rows[0].clone();
        let at = |start: &str| header.iter().position(|h| h.starts_with(start)).unwrap();
        let mut cells = vec![String::new(); header.len()];
        for (start, text) in [
            ("题型", "判断"),
            ("题目 /", "党的生日是七月一日。"),
            ("题目（英文）", "The party's birthday is 1 July."),
            ("答案", "对"),
            ("解析 /", "是的。"),
            ("解析（英文）", "Yes."),
        ] {
            cells[at(start)] = text.into();
        }
        questions.rows.push(cells);
        let back = import_workbook("t.xlsx", &workbook(&grids), &Contents::default())
            .unwrap_or_else(|p| {
                panic!(
                    "{:#?}",
                    p.iter().map(ToString::to_string).collect::<Vec<_>>()
                )
            });
        let site = back.site.unwrap();
        assert_eq!(site.organisers.len(), 4);
        assert_eq!(site.title.en, "The second event");
        let story = back.story.unwrap();
        assert_eq!(story.sections.len(), 2);
        assert_eq!(story.sections[0].paragraphs.len(), 2);
        assert_eq!(story.sections[1].id, "close");
        assert_eq!(story.sections[1].paragraphs[0].en, "Third.");
        let timeline = back.timeline.unwrap();
        assert_eq!(timeline.entries[0].time.as_deref(), Some("08:30"));
        assert_eq!(timeline.entries[1].text, None);
        assert!(timeline.entries.iter().all(|e| e.photos.is_empty()));
        assert_eq!(back.quiz.unwrap().questions.len(), 1);
    }

    #[test]
    fn a_time_of_9_30_an_unknown_photo_and_a_half_heading_are_shown_at_their_cells() {
        let problems = edited(NEXT_EVENT, |grids| {
            let agenda = sheet(grids, "日程");
            let time = column(agenda, "时间");
            let photos = column(agenda, "照片");
            agenda.rows[4][time] = "9:30".into();
            agenda.rows[2][photos] = "IMG_2041.JPG".into();
            let story = sheet(grids, "故事");
            let heading_en = column(story, "章节标题（英文）");
            story.rows[1][heading_en] = String::new();
        })
        .unwrap_err();
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 3, "{shown:#?}");
        assert_eq!(
            problems[0].place(),
            "故事 Story, row 2, column C (章节标题（英文） / Heading (English))",
            "{shown:#?}"
        );
        assert_eq!(
            problems[1].place(),
            "日程 Agenda, row 3, column M (照片 / Photos)",
            "{shown:#?}"
        );
        assert!(
            problems[1].message.contains("\"IMG_2041.JPG\""),
            "{shown:#?}"
        );
        assert_eq!(
            problems[2].place(),
            "日程 Agenda, row 5, column B (时间 / Time)",
            "{shown:#?}"
        );
        assert!(
            problems[2]
                .message
                .contains("\"9:30\" is not a time of day"),
            "{shown:#?}"
        );
        assert!(problems[2].message_zh.contains("不是时间"), "{shown:#?}");
    }

    #[test]
    fn an_unknown_field_and_a_photo_no_entry_names_are_problems() {
        let problems = edited(SHIPPED, |grids| {
            sheet(grids, "活动")
                .rows
                .push(vec!["主题色".into(), "red".into()]);
            sheet(grids, "照片说明").rows.push(vec![
                "lost.jpg".into(),
                "说明".into(),
                "Words".into(),
            ]);
        })
        .unwrap_err();
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 2, "{shown:#?}");
        assert!(
            shown.iter().any(
                |p| p.starts_with("活动 Event, row") && p.contains("\"主题色\" is not a field")
            ),
            "{shown:#?}"
        );
        assert!(
            shown
                .iter()
                .any(|p| p.contains("照片说明 Photos") && p.contains("\"lost.jpg\"")),
            "{shown:#?}"
        );
    }

    #[test]
    fn a_photos_texts_come_from_its_row_and_its_order_from_the_agenda() {
        let base = folder(SHIPPED);
        let back = edited(SHIPPED, |grids| {
            let texts = sheet(grids, "照片说明");
            let caption_en = column(texts, "说明（英文）");
            texts.rows[1][caption_en] = "A new caption".into();
        })
        .unwrap();
        let photo = &back.timeline.unwrap().entries[0].photos[0];
        assert_eq!(photo.caption.as_ref().unwrap().en, "A new caption");
        assert_eq!(
            photo.width,
            base.timeline.unwrap().entries[0].photos[0].width
        );
    }

    #[test]
    fn a_time_typed_into_excel_as_a_time_reads_as_08_30() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet().set_name("日程 Agenda").unwrap();
        for (c, header) in [
            "时间 / Time",
            "标题 / Title",
            "标题（英文） / Title (English)",
        ]
        .iter()
        .enumerate()
        {
            sheet.write_string(0, c as u16, *header).unwrap();
        }
        let time = rust_xlsxwriter::ExcelDateTime::from_hms(8, 30, 0).unwrap();
        let format = rust_xlsxwriter::Format::new().set_num_format("h:mm");
        sheet
            .write_datetime_with_format(1, 0, &time, &format)
            .unwrap();
        sheet.write_string(1, 1, "签到").unwrap();
        sheet.write_string(1, 2, "Arrival").unwrap();
        let back = import_workbook(
            "agenda.xlsx",
            &book.save_to_buffer().unwrap(),
            &Contents::default(),
        )
        .unwrap();
        assert_eq!(
            back.timeline.unwrap().entries[0].time.as_deref(),
            Some("08:30")
        );
    }
}

#[test]
fn a_photo_just_made_is_found_by_its_original_file_name() {
    use event_microsite::content::photo_copies::photo_record;
    use event_microsite::sheet::{Contents, NewPhoto, export_workbook, import_workbook};
    let new = NewPhoto {
        original: "IMG_2041.JPG".into(),
        photo: photo_record(
            "img-2041-0a0b0c0d",
            (800, 1200),
            &[480, 800],
            true,
            "#808080",
        ),
    };
    let mut grids = read_grids("t.xlsx", &export_workbook(&Contents::default()).unwrap()).unwrap();
    let agenda = grids
        .iter_mut()
        .find(|g| g.name.starts_with("日程"))
        .unwrap();
    let header = agenda.rows[0].clone();
    let at = |start: &str| header.iter().position(|h| h.starts_with(start)).unwrap();
    let mut cells = vec![String::new(); header.len()];
    cells[at("标题 /")] = "合影".into();
    cells[at("标题（英文）")] = "The group photo".into();
    cells[at("照片")] = "img_2041.jpg".into();
    agenda.rows.push(cells);
    let agenda_only = [agenda.clone()];
    let csv = gbk_tsv(&agenda_only[0]);
    let base = Contents {
        new_photos: vec![new.clone()],
        ..Contents::default()
    };
    let back = import_workbook("日程.csv", &csv, &base).unwrap();
    assert_eq!(
        back.timeline.unwrap().entries[0].photos,
        std::slice::from_ref(&new.photo)
    );
    // Without it, the photo is not known: said at its cell.
    let problems = import_workbook("日程.csv", &csv, &Contents::default()).unwrap_err();
    assert_eq!(problems[0].place(), "日程, row 2, column M (照片 / Photos)");
}

// The studio's form edits the sheets themselves: what it draws of each, and
// the grids it edits checked as a file is.

mod form {
    use event_microsite::content::{Lang, Site, Story, Timeline, Validate, files, load};
    use event_microsite::sheet::{
        Contents, export_workbook, form_of, import_grids, read_grids, write_grids,
    };
    use serde::de::DeserializeOwned;

    fn read<T: DeserializeOwned + Validate>(file: &str) -> T {
        let path = format!("{}/public/content/{file}", env!("CARGO_MANIFEST_DIR"));
        load(file, &std::fs::read_to_string(path).unwrap()).unwrap()
    }

    fn shipped() -> Contents {
        Contents {
            site: Some(read::<Site>(files::SITE)),
            story: Some(read::<Story>(files::STORY)),
            timeline: Some(read::<Timeline>(files::TIMELINE)),
            quiz: Some(super::shipped()),
            new_photos: Vec::new(),
        }
    }

    #[test]
    fn each_sheet_is_drawn_with_its_fields_languages_and_long_texts() {
        let grids = read_grids("event.xlsx", &export_workbook(&shipped()).unwrap()).unwrap();
        let event = form_of(&grids[0]);
        let organiser = event.field("主办单位 / Organiser").unwrap();
        assert!(organiser.repeats && organiser.value && organiser.texts);
        let title = event.field("Title").unwrap();
        assert!(!title.repeats && !title.value && title.texts);
        assert!(event.field("Nonsense").is_none());
        let langs: Vec<Option<Lang>> = event.columns.iter().map(|c| c.lang).collect();
        assert_eq!(langs, [None, None, Some(Lang::Zh), Some(Lang::En)]);

        let bank = form_of(&grids[4]);
        assert!(bank.fields.is_none());
        let of = |header: &str| {
            bank.columns
                .iter()
                .find(|c| c.header.starts_with(header))
                .unwrap_or_else(|| panic!("no column {header}"))
        };
        assert_eq!(of("题目（英文）").lang, Some(Lang::En));
        assert_eq!(of("题目 /").lang, Some(Lang::Zh));
        assert_eq!(of("答案").lang, None);
        assert!(of("解析").long && !of("题目 /").long);

        let agenda = form_of(&grids[2]);
        assert!(agenda.fields.is_none());
        assert!(
            agenda
                .columns
                .iter()
                .any(|c| c.header.starts_with("内容") && c.long)
        );
        assert_eq!(agenda.columns[1].lang, None, "{}", agenda.columns[1].header);
    }

    #[test]
    fn edited_sheets_are_checked_as_a_file_is_and_kept_as_one() {
        let base = shipped();
        let mut grids = read_grids("event.xlsx", &export_workbook(&base).unwrap()).unwrap();
        // Kept as a workbook, the grids read back the same.
        assert_eq!(
            read_grids("event.xlsx", &write_grids(&grids).unwrap()).unwrap(),
            grids
        );
        // An entry's time typed as 9:30 is shown at its sheet, row and column.
        let agenda = &mut grids[2];
        let time = agenda.rows[0]
            .iter()
            .position(|h| h.starts_with("时间"))
            .unwrap();
        agenda.rows[3][time] = "9:30".into();
        let problems = import_grids("event.xlsx", &grids, &base).unwrap_err();
        let problem = problems
            .iter()
            .find(|p| p.message.contains("\"9:30\""))
            .unwrap_or_else(|| panic!("{problems:?}"));
        assert_eq!(problem.sheet, "日程 Agenda");
        assert_eq!(problem.row, 4);
        assert_eq!(problem.column.as_ref().unwrap().0, "B");
        // Put right (left empty, as the other entries' times), the sheets give
        // the files again.
        grids[2].rows[3][time] = String::new();
        let contents = import_grids("event.xlsx", &grids, &base).unwrap();
        assert_eq!(contents.files().len(), 4);
    }
}
