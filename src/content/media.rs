//! What a video or subtitles file holds, read from its bytes: enough to
//! tell an organiser that a phone will not play it.

/// The sample formats (codecs) of an MP4's tracks, such as `avc1`, `hvc1`
/// or `mp4a`, read from its boxes (ISO/IEC 14496-12): `moov › trak › mdia
/// › minf › stbl › stsd`. Empty when the bytes are not an MP4.
pub fn mp4_codecs(bytes: &[u8]) -> Vec<[u8; 4]> {
    let mut codecs = Vec::new();
    walk(bytes, &mut codecs);
    codecs
}

/// The MP4's brand (`ftyp`), such as `isom` or `qt  ` for QuickTime.
pub fn mp4_brand(bytes: &[u8]) -> Option<[u8; 4]> {
    let (kind, body) = boxes(bytes).next()?;
    (&kind == b"ftyp").then(|| body.get(..4)?.try_into().ok())?
}

/// Whether a video's bytes hold HEVC (H.265), which most Android phones'
/// browsers and the chat apps' browsers cannot play, or are a QuickTime
/// movie renamed `.mp4`.
pub fn is_unplayable_mp4(bytes: &[u8]) -> bool {
    const HEVC: [&[u8; 4]; 4] = [b"hvc1", b"hev1", b"dvh1", b"dvhe"];
    mp4_brand(bytes) == Some(*b"qt  ")
        || mp4_codecs(bytes).iter().any(|codec| HEVC.contains(&codec))
}

/// Whether a subtitles file is WebVTT: it begins with `WEBVTT` (after an
/// optional byte-order mark), followed by a space, tab or line end.
pub fn is_webvtt(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    text.strip_prefix(b"WEBVTT")
        .is_some_and(|rest| matches!(rest.first(), None | Some(b' ' | b'\t' | b'\n' | b'\r')))
}

fn walk(bytes: &[u8], codecs: &mut Vec<[u8; 4]>) {
    for (kind, body) in boxes(bytes) {
        match &kind {
            b"moov" | b"trak" | b"mdia" | b"minf" | b"stbl" => walk(body, codecs),
            // Version and flags (4 bytes) and the entry count (4), then one
            // box per sample entry, named by its format.
            b"stsd" => codecs.extend(boxes(body.get(8..).unwrap_or_default()).map(|(k, _)| k)),
            _ => {}
        }
    }
}

/// The boxes one after the other in `bytes`: each type and body. Stops at
/// the first that does not fit (a file cut short is read as far as it goes).
fn boxes(mut bytes: &[u8]) -> impl Iterator<Item = ([u8; 4], &[u8])> {
    std::iter::from_fn(move || {
        let size = u32::from_be_bytes(bytes.get(..4)?.try_into().ok()?) as u64;
        let kind: [u8; 4] = bytes.get(4..8)?.try_into().ok()?;
        let (header, size) = match size {
            0 => (8, bytes.len() as u64),
            1 => (16, u64::from_be_bytes(bytes.get(8..16)?.try_into().ok()?)),
            size => (8, size),
        };
        let size = usize::try_from(size).ok()?;
        if size < header || size > bytes.len() {
            // The last box may be cut short (a large mdat): read its start.
            let body = bytes.get(header..)?;
            bytes = &[];
            return Some((kind, body));
        }
        let body = &bytes[header..size];
        bytes = &bytes[size..];
        Some((kind, body))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mp4_box(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut out = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(body);
        out
    }

    /// An MP4's skeleton: its brand and one track per codec.
    pub(crate) fn mp4(brand: &[u8; 4], codecs: &[&[u8; 4]]) -> Vec<u8> {
        let tracks: Vec<u8> = codecs
            .iter()
            .flat_map(|codec| {
                let mut stsd = vec![0, 0, 0, 0, 0, 0, 0, 1];
                stsd.extend(mp4_box(codec, &[0; 16]));
                let stbl = mp4_box(b"stbl", &mp4_box(b"stsd", &stsd));
                let minf = mp4_box(b"minf", &[mp4_box(b"vmhd", &[0; 12]), stbl].concat());
                mp4_box(b"trak", &mp4_box(b"mdia", &minf))
            })
            .collect();
        let mut ftyp = brand.to_vec();
        ftyp.extend_from_slice(&[0, 0, 2, 0]);
        [
            mp4_box(b"ftyp", &ftyp),
            mp4_box(b"moov", &tracks),
            mp4_box(b"mdat", &[0; 64]),
        ]
        .concat()
    }

    #[test]
    fn the_codecs_of_an_mp4_are_read_from_its_tracks() {
        let h264 = mp4(b"isom", &[b"avc1", b"mp4a"]);
        assert_eq!(mp4_codecs(&h264), [*b"avc1", *b"mp4a"]);
        assert_eq!(mp4_brand(&h264), Some(*b"isom"));
        assert!(!is_unplayable_mp4(&h264));
        assert!(is_unplayable_mp4(&mp4(b"isom", &[b"hvc1", b"mp4a"])));
        assert!(is_unplayable_mp4(&mp4(b"mp42", &[b"hev1"])));
        assert!(is_unplayable_mp4(&mp4(b"qt  ", &[b"avc1"])));
    }

    #[test]
    fn other_bytes_are_no_mp4_and_a_file_cut_short_is_read_as_far_as_it_goes() {
        assert_eq!(mp4_codecs(b"\x1a\x45\xdf\xa3 webm"), Vec::<[u8; 4]>::new());
        assert_eq!(mp4_brand(b""), None);
        let whole = mp4(b"isom", &[b"hvc1"]);
        assert!(is_unplayable_mp4(&whole[..whole.len() - 30]));
        // A box that claims more than the file has, or less than its header.
        assert_eq!(
            mp4_codecs(&[0, 0, 0, 4, b'm', b'o', b'o', b'v']),
            Vec::<[u8; 4]>::new()
        );
    }

    #[test]
    fn webvtt_begins_with_its_name() {
        assert!(is_webvtt(b"WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n"));
        assert!(is_webvtt(b"\xef\xbb\xbfWEBVTT - choir\r\n"));
        assert!(!is_webvtt(b"1\n00:00:01,000 --> 00:00:02,000\nhi\n"));
        assert!(!is_webvtt(b"WEBVTTX"));
    }
}
