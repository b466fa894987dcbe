//! Decimal numbers written for people and for CSS with integer arithmetic:
//! `format!("{:.2}", x)` and `{x}` on an `f64` pull core's float formatter
//! (about 11 KB) into the wasm.

/// `value` rounded to `decimals` places (halves away from zero) and written with exactly that many:
/// `fixed(2.5, 2)` is `2.50`, `fixed(-0.125, 1)` is `-0.1`.
pub fn fixed(value: f64, decimals: u32) -> String {
    let scale = 10u64.pow(decimals);
    let scaled = (value * scale as f64).round() as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let magnitude = scaled.unsigned_abs();
    let (whole, fraction) = (magnitude / scale, magnitude % scale);
    if decimals == 0 {
        return format!("{sign}{whole}");
    }
    let width = decimals as usize;
    format!("{sign}{whole}.{fraction:0width$}")
}

/// `value` rounded to at most `decimals` places, without trailing zeros:
/// `short(2.5, 3)` is `2.5`, `short(8.0, 1)` is `8`.
pub fn short(value: f64, decimals: u32) -> String {
    let text = fixed(value, decimals);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::{fixed, short};

    #[test]
    fn rounds_and_pads_like_the_float_formatter() {
        for (value, decimals) in [
            (2.5, 2),
            (1.0, 2),
            (7.26, 1),
            (-4.56789, 3),
            (0.004, 2),
            (12.0, 0),
            (199.96, 1),
        ] {
            let expected = format!("{value:.*}", decimals as usize);
            assert_eq!(fixed(value, decimals), expected, "{value} to {decimals}");
        }
        assert_eq!(fixed(-0.001, 2), "0.00");
        // Halves round away from zero, as f64::round does.
        assert_eq!(fixed(7.25, 1), "7.3");
    }

    #[test]
    fn short_drops_trailing_zeros() {
        assert_eq!(short(2.5, 3), "2.5");
        assert_eq!(short(8.0, 1), "8");
        assert_eq!(short(-12.345, 2), "-12.35");
        assert_eq!(short(100.0, 0), "100");
    }
}
