//! A slug for a row that has none, from its title: ASCII words as they are
//! (lowercased), Chinese characters as their pinyin without tones (the `pinyin`
//! crate), one `-` between words, made unique with `-2`, `-3` ….

use std::collections::BTreeSet;

use pinyin::ToPinyin;

use crate::text::is_cjk;

/// The longest slug derived from a title, in characters (cut at a `-`).
const MAX: usize = 60;

/// The slug a title gives: `浔江职业技术学院` → `xun-jiang-zhi-ye-ji-shu-xue-yuan`,
/// `Hengrui 精密` → `hengrui-jing-mi`.
pub(crate) fn derive(title: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut ascii = String::new();
    let flush = |ascii: &mut String, words: &mut Vec<String>| {
        if !ascii.is_empty() {
            words.push(std::mem::take(ascii));
        }
    };
    for (c, py) in title.chars().zip(title.to_pinyin()) {
        if c.is_ascii_alphanumeric() {
            ascii.push(c.to_ascii_lowercase());
            continue;
        }
        flush(&mut ascii, &mut words);
        if let Some(p) = py {
            words.push(p.plain().to_owned());
        } else if is_cjk(c) {
            words.push(c.to_string());
        }
    }
    flush(&mut ascii, &mut words);
    let mut slug = String::new();
    for w in words {
        if slug.chars().count() + w.chars().count() + 1 > MAX && !slug.is_empty() {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&w);
    }
    if slug.is_empty() { "item".to_owned() } else { slug }
}

/// `base`, or `base-2`, `base-3` … whichever is not taken.
pub(crate) fn unique(base: &str, taken: &BTreeSet<String>) -> String {
    if !taken.contains(base) {
        return base.to_owned();
    }
    (2..).map(|n| format!("{base}-{n}")).find(|s| !taken.contains(s)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_and_ascii_words() {
        assert_eq!(derive("浔江职业技术学院"), "xun-jiang-zhi-ye-ji-shu-xue-yuan");
        assert_eq!(derive("Hengrui 精密 (CNC)"), "hengrui-jing-mi-cnc");
        assert_eq!(derive("——"), "item");
        assert!(crate::text::is_slug(&derive("恒锐精密机械有限公司")));
    }

    #[test]
    fn unique_adds_a_number() {
        let taken: BTreeSet<String> = ["a".to_owned(), "a-2".to_owned()].into();
        assert_eq!(unique("a", &taken), "a-3");
        assert_eq!(unique("b", &taken), "b");
    }
}
