//! The one tokenizer of the search index, shared by the index builder, `qiao search`
//! and (re-coded line by line) the browser's `search-core.js`.
//!
//! Why it is defined by explicit character classes rather than UAX #29 word breaks:
//! the browser must produce exactly the same tokens, and `Intl.Segmenter` cannot be
//! relied on to agree with the `unicode-segmentation` crate. Every step below has a
//! one-line equivalent in JavaScript (see `normalize` in `search-core.js`):
//!
//! 1. **Fold**: NFKD (full-width -> half-width, ligatures, compatibility ideographs),
//!    drop combining diacritics U+0300–U+036F and invisible characters (soft hyphen,
//!    zero-width space/joiners, BOM, variation selectors), lowercase (final sigma
//!    folded to σ so the result is context free, ß to ss as case folding does), then
//!    NFC (re-joins kana voicing marks and Hangul jamo).
//! 2. **Segment** the folded text into runs of one class:
//!    - *CJK* (Han, kana, Hangul syllables, 々〆〇): a run of n characters gives n
//!      tokens, one per character position: the bigram starting there, or for the
//!      last character of the run the character alone. So any 2+ character
//!      substring is a sequence of adjacent bigrams, and a single character is a
//!      prefix of the token at its position.
//!    - *word* (Unicode Alphabetic, numbers, marks): one token per run, cut to
//!      [`MAX_WORD_CHARS`] characters. `赣府发〔2024〕12号` gives `赣府 府发 发 2024 12 号`.
//!    - anything else separates tokens.
//!
//! A token's position is its index in the token list, so adjacency (phrases, CJK
//! substrings) is position arithmetic. The Unicode tables of the two sides (Rust's
//! std and `unicode-normalization`, the browser's ICU) may differ only for characters
//! assigned in the newest Unicode versions.
//!
//! Folding is the hot path of the index build, so ASCII, full-width ASCII, common CJK
//! ideographs and CJK punctuation skip the normalizer; a test checks the fast path
//! against the plain definition.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Longest word token, in characters; longer runs are cut (both at index and query
/// time, so a long identifier is still found by its first 40 characters).
pub(crate) const MAX_WORD_CHARS: usize = 40;

/// What a token is, which decides how a query uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// A run of letters/digits (Latin, Cyrillic, Greek, Devanagari, ...).
    Word,
    /// Two CJK characters starting at this position.
    Bigram,
    /// The last character of a CJK run, alone (the whole run when it has one character).
    /// `run_len` is the length of the run in characters.
    Unigram {
        /// Length in characters of the CJK run this character ends.
        run_len: usize,
    },
}

/// Characters removed entirely before segmentation: combining diacritics (accent
/// folding) and invisible format characters that would otherwise split words.
pub(crate) fn is_ignored(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{00AD}'
        | '\u{200B}'..='\u{200D}'
        | '\u{2060}'
        | '\u{FEFF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{E0100}'..='\u{E01EF}')
}

/// The characters indexed as overlapping bigrams rather than words: the CJK
/// characters of [`crate::text::is_cjk`] but for kana punctuation and voicing marks
/// (U+3099–U+309C `゛゜`, U+30A0 `゠`, U+30FB `・`) and the unassigned code points of
/// its blocks (U+3040, U+3097–U+3098, U+D7A4–U+D7AF). The browser has the same class
/// as the regular expression `CJK` in `search-core.js` (a test below checks the two
/// agree on every character).
pub(crate) fn is_cjk_letter(c: char) -> bool {
    crate::text::is_cjk(c)
        && !matches!(c, '\u{3040}' | '\u{3097}'..='\u{309C}' | '\u{30A0}' | '\u{30FB}' | '\u{D7A4}'..='\u{D7AF}')
}

/// Word characters (checked after [`is_cjk_letter`]): JavaScript `/[\p{Alphabetic}\p{N}\p{M}]/u`.
pub(crate) fn is_word(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The fold of one character when it needs no normalizer: the character is stable
/// under NFKD/NFC, never combines with a neighbour, and lowercases to one character.
#[inline]
fn fast_fold(c: char) -> Option<char> {
    match c {
        '\0'..='\x7F' => Some(c.to_ascii_lowercase()),
        // Full-width ASCII: NFKD maps U+FF01..U+FF5E to U+0021..U+007E.
        '\u{FF01}'..='\u{FF5E}' => {
            char::from_u32(c as u32 - 0xFEE0).map(|a| a.to_ascii_lowercase())
        }
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => Some(c),
        // CJK punctuation without decompositions: 、。〈〉《》「」『』【】〔〕〖〗〘〙〚〛
        '\u{3001}' | '\u{3002}' | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301B}' => Some(c),
        // Curly quotes, dashes and the middle dot.
        '\u{2013}' | '\u{2014}' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}'
        | '\u{00B7}' => Some(c),
        _ => None,
    }
}

/// Folds a run of characters the slow, general way (the definition).
fn slow_fold(s: &str, out: &mut String) {
    out.extend(
        s.nfkd()
            .filter(|&c| !is_ignored(c))
            .flat_map(char::to_lowercase)
            .flat_map(|c| {
                let (first, second) = match c {
                    'ς' => ('σ', None),
                    'ß' => ('s', Some('s')),
                    _ => (c, None),
                };
                std::iter::once(first).chain(second)
            })
            .nfc(),
    );
}

/// Folds text for matching: NFKD, drop diacritics and invisibles, lowercase, NFC.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(text, &mut out);
    out
}

/// [`normalize`] appending to a buffer.
pub(crate) fn normalize_into(text: &str, out: &mut String) {
    let mut slow_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if let Some(f) = fast_fold(c) {
            if let Some(s) = slow_start.take() {
                slow_fold(&text[s..i], out);
            }
            out.push(f);
        } else if slow_start.is_none() {
            slow_start = Some(i);
        }
    }
    if let Some(s) = slow_start {
        slow_fold(&text[s..], out);
    }
}

/// The reference definition of [`normalize`], used by tests of the fast path.
#[cfg(test)]
pub(crate) fn normalize_reference(text: &str) -> String {
    let mut out = String::new();
    slow_fold(text, &mut out);
    out
}

/// Calls `f(token, kind)` for each token of already normalized text, in position order.
pub(crate) fn for_each_token_normalized(norm: &str, mut f: impl FnMut(&str, TokenKind)) {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Sep,
        Word,
        Cjk,
    }
    let class = |c: char| {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() { Class::Word } else { Class::Sep }
        } else if is_cjk_letter(c) {
            Class::Cjk
        } else if is_word(c) {
            Class::Word
        } else {
            Class::Sep
        }
    };
    let mut iter = norm.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        match class(c) {
            Class::Sep => {}
            Class::Word => {
                let mut end = start + c.len_utf8();
                let mut cut = None;
                let mut n = 1;
                while let Some(&(i, d)) = iter.peek() {
                    if class(d) != Class::Word {
                        break;
                    }
                    if n == MAX_WORD_CHARS {
                        cut.get_or_insert(i);
                    }
                    n += 1;
                    end = i + d.len_utf8();
                    iter.next();
                }
                f(&norm[start..cut.unwrap_or(end)], TokenKind::Word);
            }
            Class::Cjk => {
                // Stream the run: each character emits the bigram that ends at it; the
                // run's last character is emitted alone when the run ends.
                let mut prev = start;
                let mut end = start + c.len_utf8();
                let mut run_len = 1;
                while let Some(&(i, d)) = iter.peek() {
                    if class(d) != Class::Cjk {
                        break;
                    }
                    end = i + d.len_utf8();
                    f(&norm[prev..end], TokenKind::Bigram);
                    prev = i;
                    run_len += 1;
                    iter.next();
                }
                f(&norm[prev..end], TokenKind::Unigram { run_len });
            }
        }
    }
}

/// The tokens of `text`, in order; a token's index is its position.
///
/// ```
/// assert_eq!(qiao::search::tokenize("数控机床 CNC-Lathe"), ["数控", "控机", "机床", "床", "cnc", "lathe"]);
/// ```
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token_normalized(&normalize(text), |t, _| out.push(t.to_owned()));
    out
}

/// Tokens with their kinds (used by the query planner and the tests).
pub(crate) fn tokenize_with_kinds(text: &str) -> Vec<(String, TokenKind)> {
    let mut out = Vec::new();
    for_each_token_normalized(&normalize(text), |t, k| out.push((t.to_owned(), k)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_case_and_accents() {
        assert_eq!(normalize("ＡＢＣ１２３ Ｃａｆé"), "abc123 cafe");
        assert_eq!(normalize("ΣΟΦΙΑΣ"), "σοφιασ");
        assert_eq!(normalize("Straße STRAẞE"), "strasse strasse");
        assert_eq!(normalize("ﬁne Ⅻ ①"), "fine xii 1");
        assert_eq!(normalize("ｶﾞ"), "ガ");
    }

    #[test]
    fn cjk_runs_become_bigrams_and_a_last_unigram() {
        assert_eq!(tokenize("模具"), ["模具", "具"]);
        assert_eq!(tokenize("数"), ["数"]);
        assert_eq!(tokenize("赣府发〔2024〕12号"), ["赣府", "府发", "发", "2024", "12", "号"]);
        assert_eq!(tokenize("5G时代，AI+制造"), ["5g", "时代", "代", "ai", "制造", "造"]);
    }

    #[test]
    fn cjk_letters_are_the_browsers() {
        // `CJK` in themes/default/static/js/search-core.js, range by range.
        let browser = |c: char| {
            matches!(c,
                '\u{3005}'..='\u{3007}'
                | '\u{3041}'..='\u{3096}'
                | '\u{309D}'..='\u{309F}'
                | '\u{30A1}'..='\u{30FA}'
                | '\u{30FC}'..='\u{30FF}'
                | '\u{31F0}'..='\u{31FF}'
                | '\u{3400}'..='\u{4DBF}'
                | '\u{4E00}'..='\u{9FFF}'
                | '\u{F900}'..='\u{FAFF}'
                | '\u{AC00}'..='\u{D7A3}'
                | '\u{20000}'..='\u{3FFFF}')
        };
        for c in (0u32..0x11_0000).filter_map(char::from_u32) {
            assert_eq!(is_cjk_letter(c), browser(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn long_words_are_cut() {
        let long = "a".repeat(100);
        assert_eq!(tokenize(&long), ["a".repeat(MAX_WORD_CHARS)]);
    }

    #[test]
    fn fast_path_agrees_with_the_definition() {
        // Characters chosen to exercise every branch and the boundaries between the
        // fast and the slow path (marks after ASCII, full-width, kana voicing, Hangul).
        let alphabet: Vec<char> = "aZé\u{0301}\u{0323}\u{0308}Ａｚ０，。〔〕数控模具\u{3099}か\u{309A}ハｶﾞ한\u{1100}\u{1161}\u{11A8}ΣςİK\u{212A}ﬁ①²\u{00AD}\u{200B}\u{FE0F}\u{E0100}\u{F900}\u{2F800}𠀀 -·—’\u{0915}\u{094D}\u{0937}ß\u{1E9E}Ǆǅ"
            .chars()
            .collect();
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            let len = (seed % 12) as usize;
            let mut s = String::new();
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            assert_eq!(normalize(&s), normalize_reference(&s), "{s:?}");
            seed = seed.wrapping_add(1);
        }
        for c in (0u32..0x11_0000).filter_map(char::from_u32) {
            if let Some(f) = fast_fold(c) {
                assert_eq!(normalize_reference(&c.to_string()), f.to_string(), "{c:?}");
            }
        }
    }
}
