//! Plain text for formats that cannot carry HTML: feed summaries, calendar
//! descriptions and JSON-LD descriptions.
//!
//! This is deliberately a small, self-contained derivation (the renderer has its
//! own HTML-aware one): Markdown is reduced to its text with pulldown-cmark,
//! code blocks, raw HTML and image descriptions are dropped, and the result is cut
//! by characters for CJK text (about 120) or by words otherwise (about 40). Only
//! the start of a huge body is parsed, so a 50 MB file costs no more than a short one.

use std::borrow::Cow;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use unicode_segmentation::UnicodeSegmentation;

use crate::model::Item;

/// How many characters a CJK summary keeps.
pub const CJK_CHARS: usize = 120;
/// How many words a summary in a spaced script keeps.
pub const WORDS: usize = 40;
/// How much of a body is parsed for a derived summary (cut at a line end): first
/// this much...
const SMALL_PREFIX: usize = 1024;
/// ...then, if that held too little text, at most this much.
const BODY_PREFIX: usize = 16 * 1024;
/// How much text is collected before cutting (more than either limit needs).
const COLLECT: usize = 1024;

/// The item's summary as plain text: the written `summary` with its Markdown
/// reduced to text, else one derived from the body. Never longer than a summary.
pub fn summary(item: &Item) -> String {
    match &item.summary {
        Some(written) => markdown_text(written, usize::MAX),
        None => derived(&item.body),
    }
}

/// A summary derived from a Markdown body. Most bodies start with prose, so a
/// small prefix is tried first and a larger one only when it gave too little text.
fn derived(body: &str) -> String {
    let mut text = String::new();
    for size in [SMALL_PREFIX, BODY_PREFIX] {
        let prefix = body_prefix(body, size);
        text = shorten(&markdown_text(prefix, COLLECT));
        if text.ends_with('…') || prefix.len() == body.len() {
            break;
        }
    }
    text
}

/// The first `size` bytes of `body` or less, cut at a line end, so only that much is parsed.
fn body_prefix(body: &str, size: usize) -> &str {
    if body.len() <= size {
        return body;
    }
    // `\n` is ASCII, so a cut just before it is on a character boundary.
    match body.as_bytes()[..size].iter().rposition(|&b| b == b'\n') {
        Some(end) => &body[..end],
        None => {
            let mut end = size;
            while !body.is_char_boundary(end) {
                end -= 1;
            }
            &body[..end]
        }
    }
}

/// The text of a Markdown fragment with whitespace collapsed, stopping after
/// about `limit` bytes.
pub fn markdown_text(markdown: &str, limit: usize) -> String {
    let mut out = String::new();
    let mut skip = 0usize; // depth inside headings, code blocks, images and HTML blocks
    let mut soft_break = false;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(
                Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::Image { .. } | Tag::HtmlBlock,
            ) => skip += 1,
            Event::End(
                TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Image | TagEnd::HtmlBlock,
            ) => skip = skip.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if skip == 0 => {
                // A line break inside a Chinese paragraph is not a space: join the
                // lines when both sides are CJK, as a browser rendering the text would.
                if std::mem::take(&mut soft_break) {
                    let joined = out.chars().next_back().is_some_and(is_wide)
                        && t.chars().next().is_some_and(is_wide);
                    if !joined {
                        out.push(' ');
                    }
                }
                out.push_str(&t);
            }
            Event::SoftBreak if skip == 0 => soft_break = true,
            Event::HardBreak => out.push(' '),
            Event::End(end) if is_block(&end) => {
                soft_break = false;
                out.push(' ');
            }
            _ => {}
        }
        if out.len() >= limit {
            break;
        }
    }
    collapse_whitespace(&out)
}

/// CJK script or full-width punctuation: characters written without spaces between them.
fn is_wide(c: char) -> bool {
    is_cjk(c) || matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

/// Whether the end of this tag separates words (a block), unlike `**`, links or code.
fn is_block(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::Item
            | TagEnd::List(_)
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
    )
}

/// Runs of whitespace become one space; the ends are trimmed.
pub fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a character is Chinese, Japanese or Korean script.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF     // Hiragana, Katakana
        | 0x3400..=0x4DBF   // CJK Extension A
        | 0x4E00..=0x9FFF   // CJK Unified Ideographs
        | 0xAC00..=0xD7AF   // Hangul syllables
        | 0xF900..=0xFAFF   // CJK Compatibility Ideographs
        | 0x20000..=0x3134F // CJK Extensions B..G
    )
}

/// Cuts plain text to a summary: by characters (grapheme clusters) when at least a
/// fifth of its letters are CJK, else by words; a cut ends with `…`.
pub fn shorten(text: &str) -> String {
    let letters = text.chars().filter(|c| !c.is_whitespace()).count();
    let cjk = text.chars().filter(|&c| is_cjk(c)).count();
    if letters > 0 && cjk * 5 >= letters {
        let mut graphemes = text.graphemes(true);
        let kept: String = graphemes.by_ref().take(CJK_CHARS).collect();
        if graphemes.next().is_some() { format!("{}…", kept.trim_end()) } else { kept }
    } else {
        let mut words = text.split_whitespace();
        let kept = words.by_ref().take(WORDS).collect::<Vec<_>>().join(" ");
        if words.next().is_some() { format!("{kept}…") } else { kept }
    }
}

/// Text without the characters XML 1.0 cannot hold (C0 controls but tab, CR and
/// LF, lone surrogates cannot occur in `str`, and U+FFFE/U+FFFF).
pub fn xml_clean(s: &str) -> Cow<'_, str> {
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
    fn markdown_is_reduced_to_text() {
        let md = "# Title\n\nSome **bold** and `code` with a [link](https://x.org).\n\n```\nfn skipped() {}\n```\n\n![alt](a.png) <b>html</b> end";
        assert_eq!(markdown_text(md, usize::MAX), "Some bold and code with a link. html end");
    }

    #[test]
    fn line_breaks_join_chinese_lines_without_a_space() {
        assert_eq!(
            markdown_text("合作达成意向，\n后续完成转让。", usize::MAX),
            "合作达成意向，后续完成转让。"
        );
        assert_eq!(markdown_text("正式的\n联合研发", usize::MAX), "正式的联合研发");
        assert_eq!(markdown_text("two\nlines 中文\nand", usize::MAX), "two lines 中文 and");
    }

    #[test]
    fn english_is_cut_by_words() {
        let text = (0..50).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ");
        let s = shorten(&text);
        assert_eq!(s.split_whitespace().count(), WORDS);
        assert!(s.ends_with("w39…"));
        assert_eq!(shorten("short text"), "short text");
    }

    #[test]
    fn chinese_is_cut_by_characters() {
        let text = "校企合作".repeat(50);
        let s = shorten(&text);
        assert_eq!(s.chars().count(), CJK_CHARS + 1);
        assert!(s.ends_with('…'));
    }

    #[test]
    fn huge_bodies_parse_only_their_start() {
        let body = "段落。\n".repeat(1_000_000);
        assert!(body_prefix(&body, BODY_PREFIX).len() <= BODY_PREFIX);
        assert!(derived(&body).ends_with('…'));
        // No line break at all, and a multi-byte character across the cut.
        let body = format!("a{}", "产".repeat(BODY_PREFIX));
        let prefix = body_prefix(&body, BODY_PREFIX);
        assert!(prefix.len() <= BODY_PREFIX && prefix.len() > BODY_PREFIX - 3);
        assert!(derived(&body).ends_with('…'));
    }

    #[test]
    fn a_long_code_block_first_still_gives_a_summary() {
        let body = format!("```\n{}```\n\nThe real text.\n", "let x = 1;\n".repeat(400));
        assert_eq!(derived(&body), "The real text.");
    }

    #[test]
    fn xml_clean_drops_controls() {
        assert_eq!(xml_clean("a\u{1}b\tc\u{FFFF}"), "ab\tc");
        assert!(matches!(xml_clean("plain"), Cow::Borrowed(_)));
    }
}
