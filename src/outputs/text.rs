//! Plain text for formats that cannot carry everything a page can: characters XML
//! 1.0 cannot hold are dropped from feed text.
//!
//! Summaries are not made here: a feed entry, a calendar event and the JSON-LD
//! show the summary the renderer made for the item's card (`Texts::summary`), so
//! there is one summary algorithm (`render::markdown::derive_summary`).

use std::borrow::Cow;

/// Text without the characters XML 1.0 cannot hold (C0 controls but tab, CR and
/// LF, lone surrogates cannot occur in `str`, and U+FFFE/U+FFFF).
pub(crate) fn xml_clean(s: &str) -> Cow<'_, str> {
    let bad = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    if s.contains(bad) {
        Cow::Owned(s.chars().filter(|&c| !bad(c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_clean_drops_controls() {
        assert_eq!(xml_clean("a\u{1}b\tc\u{FFFF}"), "ab\tc");
        assert!(matches!(xml_clean("plain"), Cow::Borrowed(_)));
    }
}
