//! The small vocabulary of characters and names that every layer shares: which
//! characters are CJK, what a slug is, the URL segment of a free tag, and how text
//! is escaped in hand-written markup.
//!
//! What it is for: one definition of each, so that the content checks (file names,
//! `slug`, industry and region terms), the pages (tag pages), the text tools
//! (summaries cut by characters, Markdown line breaks joined without a space), the
//! search tokenizer and the scaffolds of `qiao new` agree. It imports nothing of
//! qiao's own, so any module may use it.
//!
//! What it is not: the site paths qiao writes (`urls`), the URL of an item (its
//! file, in `content`), or the search
//! tokenizer's classes, which are defined from [`is_cjk`] in `search::tokenize` and
//! must equal the browser's.

/// Whether `c` is a CJK character: Han ideographs (the unified blocks, extension A,
/// the compatibility ideographs and everything in planes 2 and 3), the ideographic
/// iteration and closing marks and number zero (`々〆〇`), kana (the Hiragana and
/// Katakana blocks and the phonetic extensions) and Hangul syllables.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3005}'..='\u{3007}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// Whether `s` is a valid slug: `a-z 0-9 -` and CJK characters, not empty, not
/// starting with `-`.
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty() && !s.starts_with('-') && s.chars().all(is_slug_char)
}

/// A character a slug may hold: `a-z`, `0-9`, `-` or a CJK character.
pub(crate) fn is_slug_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || is_cjk(c)
}

/// The tag's term page segment: lowercased, spaces as `-`, other scripts kept.
/// What cannot sit in one URL path segment or file name (`/ \ ? # %`, quotes,
/// `< > | : *`, control and invisible direction characters) counts as a space, and
/// dots and dashes at either end are dropped, so no tag names a folder outside
/// `tags/` (`../x`) or a hidden one. A tag with nothing left gets no page (`""`).
pub(crate) fn tag_slug(tag: &str) -> String {
    let unsafe_char = |c: char| {
        c.is_control()
            || matches!(
                c,
                '/' | '\\' | '?' | '#' | '%' | '"' | '\'' | '`' | '<' | '>' | '|' | ':' | '*'
            )
            || matches!(c as u32, 0x061C | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2069 | 0xFEFF)
    };
    let spaced: String = tag.chars().map(|c| if unsafe_char(c) { ' ' } else { c }).collect();
    let slug = spaced.split_whitespace().collect::<Vec<_>>().join("-").to_lowercase();
    slug.trim_matches(['.', '-']).to_owned()
}

/// Escapes text for HTML or SVG: a text node, or a double- or single-quoted
/// attribute. Control characters, which XML 1.0 does not allow at all, become
/// spaces. The one escaper of the markup qiao writes by hand (the SVG drawings,
/// the `<picture>` of an image).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') {
            out.push(' ');
        } else {
            push_escaped(&mut out, c);
        }
    }
    out
}

/// Pushes `c` to `out`, escaped for an HTML text node or quoted attribute
/// (`& < > " '`): what [`escape_html`] does to each character.
pub fn push_escaped(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        c => out.push(c),
    }
}

/// Whether `s` looks like a BCP 47 language tag (`zh`, `en-US`, `zh-Hans-CN`).
pub(crate) fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    (2..=8).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Whether `s` can name another language of a site (`[languages.<code>]`, the
/// `en` of `x.en.md`): a language tag whose language is two lowercase letters
/// (ISO 639-1: `en`, `ja`, `zh-Hant`, `pt-BR`), so that a file name such as
/// `setup.exe.md` is never taken for a translation.
pub(crate) fn is_site_language(s: &str) -> bool {
    let primary = s.split('-').next().unwrap_or_default();
    primary.len() == 2 && primary.chars().all(|c| c.is_ascii_lowercase()) && is_language_tag(s)
}

/// `s` as a TOML basic string on one line (`"…"`, with `"`, `\`, line breaks and
/// other control characters escaped), as JSON writes it: the one quoting of the
/// TOML qiao writes for editors (imported rows, translation scaffolds).
pub(crate) fn toml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A TOML array of strings on one line (`["a", "b"]`).
pub(crate) fn toml_strings(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| toml_string(s)).collect();
    format!("[{}]", items.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_characters() {
        for c in ['产', '々', '〇', 'の', 'カ', 'ー', '한', '\u{20000}', '\u{30000}', '\u{31350}']
        {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['a', 'é', 'Ж', '。', '，', '、', 'Ａ', ' ', '〔'] {
            assert!(!is_cjk(c), "{c}");
        }
    }

    #[test]
    fn slugs() {
        assert!(is_slug("joint-lab-2024") && is_slug("产教融合") && is_slug("人々"));
        assert!(
            !is_slug("a/b") && !is_slug("a.b") && !is_slug("A") && !is_slug("") && !is_slug("a b")
        );
        assert!(!is_slug("-a"));
        assert_eq!(tag_slug("Machine Vision"), "machine-vision");
        assert_eq!(tag_slug("产教融合"), "产教融合");
        assert_eq!(tag_slug("../../etc/x"), "etc-x");
        assert_eq!(tag_slug("AI/ML"), "ai-ml");
        assert_eq!(tag_slug("C++"), "c++");
        assert_eq!(tag_slug(".."), "");
        assert_eq!(tag_slug("a\u{202E}b?#%"), "a-b");
    }
}
