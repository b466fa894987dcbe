//! The event's sheet (活动): `site.json`, a row a field, an organiser a
//! row (its short name in 数值, its name in 中文 and 英文).

use super::fields::{Field, Shape, read_fields, write_fields};
use super::table::{Places, load_built};
use super::{Grid, SheetProblem};
use crate::content::{Site, files};
use rust_xlsxwriter::{Workbook, XlsxError};
use serde_json::{Value, json};

/// The event's sheet.
pub(super) const EVENT: (&str, &str) = ("活动", "Event");

pub(super) fn event_fields() -> Vec<Field> {
    let text = |required| Shape::Text { required };
    vec![
        Field::new("标题", "Title", "title", text(true)),
        Field::new("短标题", "Short title", "short_title", Shape::Value),
        Field::new("副标题", "Subtitle", "subtitle", text(false)),
        Field::new("日期", "Date", "date", text(false)),
        Field::new("地点", "Place", "place", text(true)),
        Field::new("开始日期", "Start date", "start_date", Shape::Value),
        Field::new("结束日期", "End date", "end_date", Shape::Value),
        Field::new("网址", "Web address", "url", Shape::Value),
        Field::new(
            "主办单位",
            "Organiser",
            "organisers",
            Shape::Item {
                value_key: "id",
                number: false,
                text_key: "name",
            },
        ),
        Field::new("分享标题", "Share title", "share.title", text(false)),
        Field::new(
            "分享描述",
            "Share description",
            "share.description",
            text(false),
        ),
        Field::new("分享图片", "Share image", "share.image", Shape::Value),
        Field::new("页脚", "Footer", "footer", text(false)),
    ]
}

/// Adds the event's sheet, filled from `site` or empty.
pub(super) fn add_event_sheet(book: &mut Workbook, site: Option<&Site>) -> Result<(), XlsxError> {
    let record = site.map_or(Value::Null, |site| {
        serde_json::to_value(site).expect("content serialises")
    });
    write_fields(book, EVENT, &event_fields(), &record)
}

/// `site.json` from the event's sheet; `base` gives its schema reference.
pub(super) fn read_event(grid: &Grid, base: Option<&Site>) -> Result<Site, Vec<SheetProblem>> {
    let mut problems = Vec::new();
    let mut places = Places::default();
    let schema = base
        .and_then(|site| site.schema.clone())
        .unwrap_or_else(|| "schema/site.schema.json".into());
    let start = json!({ "$schema": schema, "organisers": [] });
    let record = read_fields(grid, &event_fields(), start, &mut problems, &mut places);
    load_built(files::SITE, &record, &grid.name, &places, problems)
}
