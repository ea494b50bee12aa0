//! Hand-written SVG: escaping, number formatting and a rough text width.
//!
//! The charts and the network are strings handed to templates as safe HTML, so
//! every piece of editor text inside them (titles, labels) must be escaped here;
//! the template engine cannot do it. Numbers are printed with one decimal so the
//! output is small and the same on every machine.

use std::fmt::Write;

/// Escapes text for an SVG text node or a double- or single-quoted attribute.
pub use crate::text::escape_html as esc;

/// A coordinate or length with at most one decimal (`12`, `12.5`, `-3.2`).
pub fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    let mut s = String::new();
    if r == r.trunc() {
        let _ = write!(s, "{}", r as i64);
    } else {
        let _ = write!(s, "{r:.1}");
    }
    s
}

/// Whether a character is drawn about one em wide (CJK, full-width forms).
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xA960..=0xA97F | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// A rough width of `s` at `font_size`: wide characters one em, others 0.6 em.
pub fn text_width(s: &str, font_size: f64) -> f64 {
    s.chars().map(|c| if is_wide(c) { font_size } else { font_size * 0.6 }).sum()
}

/// `s` cut to fit `max_width` at `font_size`, ending in `…` when cut.
pub fn fit(s: &str, font_size: f64, max_width: f64) -> String {
    if text_width(s, font_size) <= max_width {
        return s.to_owned();
    }
    let budget = max_width - font_size;
    let mut out = String::new();
    let mut width = 0.0;
    for c in s.chars() {
        let w = if is_wide(c) { font_size } else { font_size * 0.6 };
        if width + w > budget {
            break;
        }
        width += w;
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc(r#"<a href="x">&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(esc("a\u{1}b"), "a b");
    }

    #[test]
    fn numbers_have_at_most_one_decimal() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.04), "12");
        assert_eq!(num(12.25), "12.3");
        assert_eq!(num(-0.04), "0");
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(fit("智能制造", 10.0, 100.0), "智能制造");
        let cut = fit("浔江精密机械制造股份有限公司", 10.0, 60.0);
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, 10.0) <= 60.0);
    }
}
