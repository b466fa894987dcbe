//! The workbook as a form, in the studio: each sheet a section, each row a
//! group of labelled fields with the Chinese and the English side by side;
//! rows added, removed and moved. The form edits the sheets' cells, so the
//! import reads them as it reads a file: its problems, found as you type,
//! are shown beside the cell they name.

use crate::content::Lang;
use crate::i18n::{ui, use_lang, words};
use crate::sheet::{Grid, SheetForm, SheetProblem, column_letter, form_of};
use leptos::prelude::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Each row's key, unique on the page, so a moved row keeps its fields.
static KEYS: AtomicUsize = AtomicUsize::new(0);

/// A workbook being edited: its file name and its sheets.
#[derive(Clone)]
pub struct FormState {
    /// The workbook's file name, for the import's messages.
    pub name: String,
    sheets: Vec<SheetState>,
}

#[derive(Clone)]
struct SheetState {
    name: String,
    header: Vec<String>,
    /// The rows below the header.
    rows: RwSignal<Vec<RowState>>,
    form: Arc<SheetForm>,
}

#[derive(Clone)]
struct RowState {
    key: usize,
    cells: Vec<RwSignal<String>>,
}

impl RowState {
    /// A row of `width` cells holding `cells`, the rest empty.
    fn new(cells: &[String], width: usize) -> RowState {
        RowState {
            key: KEYS.fetch_add(1, Ordering::Relaxed),
            cells: (0..width)
                .map(|c| RwSignal::new(cells.get(c).cloned().unwrap_or_default()))
                .collect(),
        }
    }
}

impl FormState {
    /// The form of the sheets `grids` of the workbook `name`.
    pub fn new(name: String, grids: &[Grid]) -> FormState {
        let sheets = grids
            .iter()
            .map(|grid| {
                let width = grid.rows.iter().map(Vec::len).max().unwrap_or(0);
                let mut header = grid.rows.first().cloned().unwrap_or_default();
                header.resize(width, String::new());
                let rows = grid
                    .rows
                    .iter()
                    .skip(1)
                    .map(|cells| RowState::new(cells, width))
                    .collect();
                SheetState {
                    name: grid.name.clone(),
                    header,
                    rows: RwSignal::new(rows),
                    form: Arc::new(form_of(grid)),
                }
            })
            .collect();
        FormState { name, sheets }
    }

    /// The sheets as they are now (a tracked read of every cell).
    pub fn grids(&self) -> Vec<Grid> {
        self.sheets
            .iter()
            .map(|sheet| Grid {
                name: sheet.name.clone(),
                rows: std::iter::once(sheet.header.clone())
                    .chain(sheet.rows.with(|rows| {
                        rows.iter()
                            .map(|row| row.cells.iter().map(|cell| cell.get()).collect())
                            .collect::<Vec<_>>()
                    }))
                    .collect(),
            })
            .collect()
    }
}

/// What the form tells its owner: a cell typed in (`Typed`), or a change
/// made (a cell left after a change, a row added, removed or moved).
#[derive(Clone, Copy, PartialEq)]
pub enum Edit {
    Typed,
    Changed,
}

/// The form of `form`, with `problems` (the import's, as you type) beside
/// their cells; `on_edit` hears of every edit.
#[component]
pub fn FormPanel(
    form: FormState,
    problems: Signal<Vec<SheetProblem>>,
    on_edit: Callback<Edit>,
    on_photos: Callback<Vec<web_sys::File>>,
) -> impl IntoView {
    let names: Vec<String> = form.sheets.iter().map(|sheet| sheet.name.clone()).collect();
    let elsewhere = move || {
        problems.with(|all| {
            all.iter()
                .filter(|problem| !names.contains(&problem.sheet))
                .map(problem_text)
                .collect_view()
        })
    };
    view! {
        <div class="form">
            {elsewhere}
            {form.sheets.into_iter().enumerate().map(|(s, sheet)| view! {
                <SheetView index=s sheet problems on_edit on_photos/>
            }).collect_view()}
        </div>
    }
}

/// A problem, as a paragraph of its own.
fn problem_text(problem: &SheetProblem) -> impl IntoView + use<> {
    view! { <p class="form__problem">{message(problem)}</p> }
}

/// A problem's message, in the page's language.
fn message(problem: &SheetProblem) -> impl IntoView + use<> {
    let (en, zh) = (problem.message.clone(), problem.message_zh.clone());
    let lang = use_lang();
    move || match lang.get() {
        Lang::Zh => zh.clone(),
        Lang::En => en.clone(),
    }
}

/// One sheet: its heading, its problems as a whole, its rows.
#[component]
fn SheetView(
    index: usize,
    sheet: SheetState,
    problems: Signal<Vec<SheetProblem>>,
    on_edit: Callback<Edit>,
    on_photos: Callback<Vec<web_sys::File>>,
) -> impl IntoView {
    let SheetState {
        name,
        header,
        rows,
        form,
    } = sheet;
    let width = header.len();
    let heading = format!("form-sheet-{index}");
    let heading_id = heading.clone();
    let own = {
        let name = name.clone();
        Signal::<Vec<SheetProblem>>::from(Memo::new(move |_| {
            problems.with(|all| {
                all.iter()
                    .filter(|problem| problem.sheet == name)
                    .cloned()
                    .collect::<Vec<_>>()
            })
        }))
    };
    // Problems at the sheet as a whole, its header, or a row it lacks.
    let at_sheet = move || {
        let count = rows.with(Vec::len);
        own.with(|all| {
            all.iter()
                .filter(|problem| problem.row <= 1 || problem.row - 2 >= count)
                .map(problem_text)
                .collect_view()
        })
    };
    let is_table = form.fields.is_none();
    let add = move |_| {
        rows.update(|all| all.push(RowState::new(&[], width)));
        on_edit.run(Edit::Changed);
    };
    let header = Arc::new(header);
    view! {
        <section class="form__sheet" aria-labelledby=heading.clone()>
            <h4 id=heading_id>{name}</h4>
            {at_sheet}
            <For
                each=move || rows.get()
                key=|row| row.key
                children=move |row| view! {
                    <RowView sheet=index row rows header=header.clone() form=form.clone() problems=own on_edit on_photos/>
                }
            />
            {is_table.then(|| view! {
                <p><button type="button" on:click=add>{ui(words::FORM_ADD_ROW)}</button></p>
            })}
        </section>
    }
}

/// A row's number as the spreadsheet counts it, in the page's language.
fn row_name(lang: Lang, number: usize) -> String {
    match lang {
        Lang::Zh => format!("第 {number} 行"),
        Lang::En => format!("Row {number}"),
    }
}

/// One row: a group of its cells' fields, its problems, its buttons.
#[component]
fn RowView(
    sheet: usize,
    row: RowState,
    rows: RwSignal<Vec<RowState>>,
    header: Arc<Vec<String>>,
    form: Arc<SheetForm>,
    problems: Signal<Vec<SheetProblem>>,
    on_edit: Callback<Edit>,
    on_photos: Callback<Vec<web_sys::File>>,
) -> impl IntoView {
    let lang = use_lang();
    let key = row.key;
    let index = Memo::new(move |_| {
        rows.with(|all| all.iter().position(|row| row.key == key))
            .unwrap_or(0)
    });
    let number = move || index.get() + 2;
    let label = row
        .cells
        .first()
        .map(|cell| cell.get_untracked())
        .unwrap_or_default();
    let field_of = |form: &SheetForm, cell: &str| {
        form.fields
            .as_ref()
            .and_then(|fields| fields.iter().position(|field| field.matches(cell)))
    };
    let field_at = field_of(&form, &label);
    let field = field_at.and_then(|at| form.fields.as_ref().map(|fields| &fields[at]));
    let known = field.is_some();
    let repeats = field.is_some_and(|field| field.repeats);
    // Which of the row's cells it shows: in a sheet of fields, those its
    // field uses (every one for a row it does not know).
    let shown: Vec<usize> = (0..row.cells.len())
        .filter(|&c| match (&form.fields, field) {
            (None, _) => true,
            (Some(_), Some(field)) => {
                (c == 1 && field.value) || ((c == 2 || c == 3) && field.texts)
            }
            (Some(_), None) => true,
        })
        .collect();
    let legend = {
        let label = label.trim().to_string();
        move || match known {
            true => label.clone(),
            false => row_name(lang.get(), number()),
        }
    };
    let letters: Vec<String> = shown.iter().map(|&c| column_letter(c)).collect();
    let at_row = move || {
        let number = number();
        problems.with(|all| {
            all.iter()
                .filter(|problem| problem.row == number)
                .filter(|problem| {
                    problem
                        .column
                        .as_ref()
                        .is_none_or(|(letter, _)| !letters.contains(letter))
                })
                .map(problem_text)
                .collect_view()
        })
    };
    let cells = shown
        .iter()
        .map(|&c| {
            let column = form.columns.get(c);
            let header = header.get(c).cloned().unwrap_or_default();
            let caption = if header.trim().is_empty() {
                format!("{} / 第 {} 列", column_letter(c), column_letter(c))
            } else {
                header
            };
            view! {
                <CellView
                    id=format!("form-{sheet}-{key}-{c}")
                    caption
                    lang=column.and_then(|column| column.lang)
                    long=column.is_some_and(|column| column.long)
                    cell=row.cells[c]
                    letter=column_letter(c)
                    number=Signal::derive(number)
                    problems
                    on_edit
                />
            }
        })
        .collect_view();
    let changed = move || on_edit.run(Edit::Changed);
    let step = move |by: isize| {
        rows.update(|all| {
            let from = index.get_untracked();
            let to = from as isize + by;
            if (0..all.len() as isize).contains(&to) {
                all.swap(from, to as usize);
            }
        });
        changed();
    };
    let remove = move |_| {
        rows.update(|all| all.retain(|row| row.key != key));
        changed();
    };
    // Each button's name says which row it acts on ("Move up · Row 4").
    let which = move || {
        view! { <span class="visually-hidden">{move || format!(" · {}", row_name(lang.get(), number()))}</span> }
    };
    let buttons = if form.fields.is_none() {
        view! {
            <button type="button"
                disabled=move || index.get() == 0 on:click=move |_| step(-1)>
                {ui(words::FORM_UP)}{which()}
            </button>
            <button type="button"
                disabled=move || index.get() + 1 >= rows.with(Vec::len) on:click=move |_| step(1)>
                {ui(words::FORM_DOWN)}{which()}
            </button>
            <button type="button" on:click=remove>
                {ui(words::FORM_REMOVE)}{which()}
            </button>
        }
        .into_any()
    } else if repeats {
        let form = form.clone();
        let same = move || {
            rows.with(|all| {
                all.iter()
                    .filter(|row| {
                        row.cells
                            .first()
                            .is_some_and(|cell| field_of(&form, &cell.get_untracked()) == field_at)
                    })
                    .count()
            })
        };
        let width = row.cells.len();
        let another = move |_| {
            let at = index.get_untracked() + 1;
            rows.update(|all| all.insert(at, RowState::new(std::slice::from_ref(&label), width)));
            changed();
        };
        view! {
            <button type="button" on:click=another>
                {ui(words::FORM_ADD_ANOTHER)}{which()}
            </button>
            <button type="button"
                disabled=move || same() <= 1 on:click=remove>
                {ui(words::FORM_REMOVE)}{which()}
            </button>
        }
        .into_any()
    } else {
        ().into_any()
    };
    let photos = shown
        .iter()
        .copied()
        .find(|&c| form.columns.get(c).is_some_and(|column| column.photos))
        .map(|c| row.cells[c]);
    let add_photos = move |files: Vec<web_sys::File>| {
        let Some(cell) = photos else { return };
        if files.is_empty() {
            return;
        }
        cell.update(|names| {
            for file in &files {
                let name = file.name();
                if !names.lines().any(|line| line.trim() == name) {
                    if !names.trim().is_empty() {
                        names.push('\n');
                    }
                    names.push_str(&name);
                }
            }
        });
        on_photos.run(files);
        changed();
    };
    let dropped = move |event: web_sys::DragEvent| {
        event.prevent_default();
        add_photos(dropped_files(&event));
    };
    let over = move |event: web_sys::DragEvent| {
        if photos.is_some() {
            event.prevent_default();
        }
    };
    let chooser = photos.map(|_| {
        let id = format!("form-{sheet}-{key}-photos");
        view! {
            <p class="form__photos">
                <label for=id.clone()>
                    {ui(words::FORM_ADD_PHOTOS)}
                    <span class="visually-hidden">{move || format!(" · {}", row_name(lang.get(), number()))}</span>
                </label>
                " "
                <input id=id type="file" multiple accept="image/jpeg,image/png,image/webp"
                    on:change=move |event| add_photos(super::photo_panel::chosen_files(&event))/>
            </p>
        }
    });
    view! {
        <fieldset class="form__row" on:dragover=over on:drop=dropped>
            <legend>{legend}</legend>
            {at_row}
            <div class="form__cells">{cells}</div>
            {chooser}
            <p class="form__buttons">{buttons}</p>
        </fieldset>
    }
}

/// The image files of a drop.
fn dropped_files(event: &web_sys::DragEvent) -> Vec<web_sys::File> {
    let files = event
        .data_transfer()
        .and_then(|data| data.files())
        .map(|list| super::photo_panel::files_of(&list))
        .unwrap_or_default();
    files
        .into_iter()
        .filter(|file| file.type_().starts_with("image/"))
        .collect()
}

/// One cell's field: its label, its input (a text area for a paragraph),
/// and the problems the import finds in it.
#[component]
fn CellView(
    id: String,
    caption: String,
    lang: Option<Lang>,
    long: bool,
    cell: RwSignal<String>,
    letter: String,
    number: Signal<usize>,
    problems: Signal<Vec<SheetProblem>>,
    on_edit: Callback<Edit>,
) -> impl IntoView {
    let mine = Memo::new(move |_| {
        let number = number.get();
        problems.with(|all| {
            all.iter()
                .filter(|problem| {
                    problem.row == number
                        && problem
                            .column
                            .as_ref()
                            .is_some_and(|(column, _)| *column == letter)
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let problem_id = format!("{id}-problem");
    let invalid = move || mine.with(|all| !all.is_empty()).then_some("true");
    let described = {
        let problem_id = problem_id.clone();
        move || mine.with(|all| !all.is_empty()).then(|| problem_id.clone())
    };
    let lang = lang.map(|lang| match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    });
    let typed = move |event: web_sys::Event| {
        cell.set(event_target_value(&event));
        on_edit.run(Edit::Typed);
    };
    let left = move |_| on_edit.run(Edit::Changed);
    let input = if long {
        view! {
            <textarea id=id.clone() lang=lang rows="3" prop:value=move || cell.get()
                aria-invalid=invalid aria-describedby=described on:input=typed on:change=left>
            </textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() lang=lang type="text" prop:value=move || cell.get()
                aria-invalid=invalid aria-describedby=described on:input=typed on:change=left/>
        }
        .into_any()
    };
    view! {
        <div class="form__cell">
            <label for=id>{caption}</label>
            {input}
            {move || mine.with(|all| (!all.is_empty()).then(|| {
                let texts = all.iter().map(|problem| view! { <span>{message(problem)}</span> }).collect_view();
                view! { <span class="form__problem" id=problem_id.clone()>{texts}</span> }
            }))}
        </div>
    }
}
