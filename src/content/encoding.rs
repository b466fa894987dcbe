//! A content file's bytes as text: UTF-8, or a plain message saying how the
//! file was saved instead (UTF-16, or GBK as older Windows editors save
//! Chinese) and how to save it as UTF-8, at the first byte that is not.

use super::json_text::SourceMap;
use super::problem::Problem;

/// The text of `file`, or the problem with its encoding (alone in the list,
/// as `load` gives problems).
pub fn decode(file: &str, bytes: &[u8]) -> Result<String, Vec<Problem>> {
    let utf16 = bytes.starts_with(&[0xff, 0xfe])
        || bytes.starts_with(&[0xfe, 0xff])
        || bytes.iter().take(64).filter(|&&b| b == 0).count() > 4;
    if utf16 {
        return Err(vec![Problem::error(
            file,
            "",
            (1, 1),
            format!(
                "{file} is saved as UTF-16 (\"Unicode\"); the site reads UTF-8 only: open it in your editor and save it with the encoding UTF-8 (in Notepad: Save as → Encoding: UTF-8)"
            ),
            format!(
                "{file} 的编码是 UTF-16（“Unicode”），网站只能读取 UTF-8：请用编辑器打开，另存为 UTF-8 编码（记事本：另存为 → 编码：UTF-8）"
            ),
        )]);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let at = SourceMap::new(valid).line_column(valid.len());
            let (en, zh) = if looks_like_gbk(&bytes[error.valid_up_to()..]) {
                (
                    format!(
                        "{file} looks saved in GBK (GB2312, \"ANSI\"), as older Windows editors save Chinese; the site reads UTF-8 only: open it and save it with the encoding UTF-8 (in Notepad: Save as → Encoding: UTF-8; in WPS or Excel, choose UTF-8 when saving)"
                    ),
                    format!(
                        "{file} 看起来是 GBK（GB2312、“ANSI”）编码，旧版 Windows 编辑器常这样保存中文；网站只能读取 UTF-8：请打开后另存为 UTF-8 编码（记事本：另存为 → 编码：UTF-8）"
                    ),
                )
            } else {
                (
                    format!(
                        "{file} has a byte here that is not UTF-8 text (the file may be damaged, or saved in another encoding): save it as UTF-8"
                    ),
                    format!(
                        "{file} 此处有一个不是 UTF-8 文字的字节（文件可能损坏，或用了别的编码）：请另存为 UTF-8"
                    ),
                )
            };
            Err(vec![Problem::error(file, "", at, en, zh)])
        }
    }
}

/// Whether the bytes from the first non-UTF-8 one read as GBK: pairs of a
/// lead byte 0x81-0xFE and a trail byte 0x40-0xFE (not 0x7F), among ASCII.
fn looks_like_gbk(bytes: &[u8]) -> bool {
    let (mut pairs, mut i) = (0, 0);
    while i < bytes.len() && i < 4096 {
        match bytes[i] {
            0x00..=0x7f => i += 1,
            0x81..=0xfe => match bytes.get(i + 1) {
                Some(0x40..=0x7e | 0x80..=0xfe) => {
                    pairs += 1;
                    i += 2;
                }
                _ => return false,
            },
            _ => return false,
        }
    }
    pairs > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_and_other_encodings_are_named_with_their_place() {
        assert_eq!(
            decode("a.json", "{\"t\": \"甲\"}".as_bytes()).unwrap(),
            "{\"t\": \"甲\"}"
        );
        // "{\n  \"t\": \"活动\"}" in GBK: 活 is BB EE, 动 is B6 AF.
        let gbk = [
            b"{\n  \"t\": \"".as_slice(),
            &[0xbb, 0xee, 0xb6, 0xaf],
            b"\"}",
        ]
        .concat();
        let problem = decode("site.json", &gbk).unwrap_err().remove(0);
        assert_eq!((problem.line, problem.column), (2, 9));
        assert!(
            problem.message.contains("looks saved in GBK"),
            "{}",
            problem.message
        );
        assert!(problem.message_zh.contains("另存为 UTF-8"));
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("{}".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert!(
            decode("quiz.json", &utf16).unwrap_err()[0]
                .message
                .contains("saved as UTF-16")
        );
        let damaged = [b"{\"a\": \"x".as_slice(), &[0xff], b"\"}"].concat();
        let problem = decode("story.json", &damaged).unwrap_err().remove(0);
        assert_eq!((problem.line, problem.column), (1, 9));
        assert!(problem.message.contains("not UTF-8"));
    }
}
