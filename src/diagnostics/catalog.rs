//! What every code means, from the same words the messages use: `qiao explain
//! CODE` ([`explain`]) and the list in `docs/errors.md` ([`markdown`]), which a
//! test compares with the file so the two cannot drift.

use std::fmt::Write as _;

use super::{Arg, Code, Lang, Severity, suggest, words};

/// The codes nearest to a wrong one (`E0299` → `E0229`, `E0209`, …).
pub fn nearest_codes(wrong: &str) -> Vec<&'static str> {
    let wrong = wrong.trim().to_ascii_uppercase();
    suggest::nearest(&wrong, Code::ALL.iter().map(|c| c.as_str()))
}

fn attr(lang: Lang, code: Code, name: &str) -> String {
    words::word(lang, code.as_str(), Some(name), &[])
}

fn heading(lang: Lang, id: &str) -> String {
    words::word(lang, id, None, &[])
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n")
}

/// `qiao explain CODE`: the code, its area and severity, what it means, and a wrong
/// and a right example.
pub fn explain(code: Code, lang: Lang) -> String {
    let severity = match code.severity() {
        Severity::Error => heading(lang, "severity-error"),
        Severity::Warning => heading(lang, "severity-warning"),
    };
    let area = heading(lang, &format!("area-{}", code.area()));
    let args = [
        ("code", Arg::Str(code.as_str().to_owned())),
        ("severity", Arg::Str(severity)),
        ("area", Arg::Str(area)),
    ];
    format!(
        "{}\n\n{}\n\n{}\n{}\n\n{}\n{}\n",
        words::word(lang, "explain-heading", None, &args),
        attr(lang, code, "explain"),
        heading(lang, "explain-wrong"),
        indent(&attr(lang, code, "wrong")),
        heading(lang, "explain-right"),
        indent(&attr(lang, code, "right")),
    )
}

/// `docs/errors.md`: every code with its explanation and examples in both languages.
pub fn markdown() -> String {
    let mut out = String::new();
    out.push_str("# Error codes · 错误代码\n\n");
    out.push_str("<!-- Generated from src/diagnostics/messages/*.ftl; do not edit by hand.\n");
    out.push_str("     Regenerate with: QIAO_BLESS=1 cargo test --lib errors_md\n");
    out.push_str("     (or: qiao errors-doc > docs/errors.md) -->\n\n");
    out.push_str(
        "Every message of `qiao build`, `check` and `serve` starts with a stable code:\n\
         `content/cases/x.md:7:12: error[E0301]: …`. `qiao explain CODE` prints the same\n\
         explanation as below, in the language of `--lang` (else `QIAO_LANG`, the site's\n\
         `language`, the system locale, English). `E` codes are errors (nothing is written);\n\
         `W` codes are warnings (the site is still built).\n\n\
         qiao 的每条错误信息都以固定的代码开头，例如 `content/cases/x.md:7:12: error[E0301]: …`。\n\
         `qiao explain 代码` 会打印下面同样的说明，语言由 `--lang` 决定（否则依次看 `QIAO_LANG`、\n\
         站点的 `language`、系统语言，最后是英文）。`E` 开头的是错误（不会生成网站），`W` 开头的是\n\
         警告（网站照常生成）。\n\n",
    );
    let mut area = "";
    for &code in Code::ALL {
        if code.area() != area {
            area = code.area();
            let id = format!("area-{area}");
            let _ = writeln!(
                out,
                "## {area} {} · {}\n",
                heading(Lang::En, &id),
                heading(Lang::Zh, &id)
            );
        }
        let _ = writeln!(out, "### {code}\n");
        for lang in [Lang::Zh, Lang::En] {
            let _ = writeln!(out, "{}\n", attr(lang, code, "explain"));
            for (h, a) in [("explain-wrong", "wrong"), ("explain-right", "right")] {
                let _ = writeln!(out, "{}\n", heading(lang, h));
                let _ = writeln!(out, "```\n{}\n```\n", attr(lang, code, a));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn every_code_has_both_languages_and_an_explanation() {
        let mut ids: BTreeMap<Lang, BTreeMap<String, Vec<String>>> = BTreeMap::new();
        for lang in Lang::ALL {
            let (entries, errors) = words::entries(lang);
            assert!(errors.is_empty(), "{lang:?}: {errors:#?}");
            let mut seen = BTreeMap::new();
            for (id, attrs) in entries {
                assert!(seen.insert(id.clone(), attrs).is_none(), "{lang:?}: `{id}` twice");
            }
            for &code in Code::ALL {
                let attrs = seen.get(code.as_str());
                assert!(attrs.is_some(), "{lang:?}: no message {code}");
                for a in ["explain", "wrong", "right"] {
                    assert!(
                        attrs.is_some_and(|l| l.iter().any(|x| x == a)),
                        "{lang:?}: {code} has no .{a}"
                    );
                }
                assert!(words::has(lang, code.as_str(), None), "{lang:?}: {code} has no words");
            }
            ids.insert(lang, seen);
        }
        // Both languages word the same pieces.
        let en: Vec<&String> = ids[&Lang::En].keys().collect();
        let zh: Vec<&String> = ids[&Lang::Zh].keys().collect();
        assert_eq!(en, zh, "en.ftl and zh.ftl define different ids");
        // And every id is a code or a piece, never a stray code.
        for id in ids[&Lang::En].keys() {
            let looks_like_code = id.len() == 5
                && id.starts_with(['E', 'W'])
                && id[1..].chars().all(|c| c.is_ascii_digit());
            assert!(!looks_like_code || Code::parse(id).is_some(), "{id} is no code");
        }
    }

    #[test]
    fn explain_in_both_languages() {
        let en = explain(Code::E0107, Lang::En);
        assert!(en.starts_with("E0107 (error, "), "{en}");
        assert!(en.contains("Wrong:") && en.contains("Right:"), "{en}");
        let zh = explain(Code::E0107, Lang::Zh);
        assert!(zh.contains("错误写法") && zh.contains("正确写法"), "{zh}");
        assert_eq!(nearest_codes("e0108")[0], "E0108");
    }

    /// `docs/errors.md` is what [`markdown`] makes; `QIAO_BLESS=1` writes it.
    #[test]
    fn errors_md_is_generated() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/errors.md");
        let made = markdown();
        if std::env::var_os("QIAO_BLESS").is_some() {
            std::fs::write(&path, &made).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == made,
            "docs/errors.md differs from the messages; run QIAO_BLESS=1 cargo test --lib errors_md"
        );
    }

    #[test]
    fn areas_are_named() {
        for &code in Code::ALL {
            for lang in Lang::ALL {
                assert!(words::has(lang, &format!("area-{}", code.area()), None), "{code}");
            }
        }
    }

    /// The editors' guides name only codes that exist, and both name the same ones.
    #[test]
    fn the_guides_name_real_codes_alike() {
        let codes_in = |name: &str| {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join(name);
            let text = std::fs::read_to_string(&path).unwrap();
            let mut found = std::collections::BTreeSet::new();
            for (i, _) in text.match_indices(['E', 'W']) {
                let id = text.get(i..i + 5).unwrap_or_default();
                let boundary = !text[..i].ends_with(|c: char| c.is_ascii_alphanumeric())
                    && !text[i + id.len()..].starts_with(|c: char| c.is_ascii_alphanumeric());
                if boundary && id.len() == 5 && id[1..].chars().all(|c| c.is_ascii_digit()) {
                    assert!(Code::parse(id).is_some(), "{name} names {id}, which is no code");
                    found.insert(id.to_owned());
                }
            }
            found
        };
        let (en, zh) = (codes_in("editors-guide.en.md"), codes_in("editors-guide.zh.md"));
        assert!(en.len() > 30, "{en:?}");
        assert_eq!(en, zh, "the two guides name different codes");
    }
}
