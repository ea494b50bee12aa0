//! Reading the site's source files: which names are sources at all, bytes to text
//! (UTF-8 only, the first bad byte reported at its line and column), TOML read with
//! the position of every key and value ([`fields`]), and the date values that
//! front matter and `site.toml` hold ([`date`]).
//!
//! What it is for: the machinery that `config` (`site.toml`) and `content` (front
//! matter) share, so that both report problems the same way, at the key. What it is
//! not: any rule of the content model or of the settings (which fields exist, what
//! they mean, what they must name): those are in `content` and `config`, which sit
//! above this module; it imports only `diagnostics`.

pub(crate) mod date;
pub(crate) mod fields;
pub(crate) mod keyboard;

use crate::diagnostics::{Code, Diagnostic, Position, Problem};

/// The kind of folder a name is in, for [`is_ignored_name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tree {
    /// `content/`, where a name starting with `_` is not content (but `_index.md`).
    Content,
    /// `static/`, `templates/` and `themes/`, where a name starting with `_` is a
    /// file like any other (a host's `_headers` or `_redirects`, a template's macros).
    Files,
}

/// Whether `name` is a listing's intro: `_index.md`, or its translation
/// (`_index.en.md`).
fn is_intro_name(name: &str) -> bool {
    name == "_index.md"
        || name
            .strip_prefix("_index.")
            .and_then(|rest| rest.strip_suffix(".md"))
            .is_some_and(crate::text::is_site_language)
}

/// Whether a file or folder called `name` is never a source in a `tree`: hidden
/// names (`.git`, `.DS_Store`), editor leftovers (`x.md~`, `.x.md.swp`, `.x.md.swx`,
/// `x.tmp`, `#x.md#`, vim's `4913`), and in `content/` names that start with `_`,
/// except the `_index.md` intros. The one rule for what the content walk, the
/// theme's files, the watcher of `serve` and the scaffolds pass over.
pub(crate) fn is_ignored_name(name: &str, tree: Tree) -> bool {
    name.starts_with('.')
        || (tree == Tree::Content && name.starts_with('_') && !is_intro_name(name))
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
}

/// Decodes UTF-8 (a leading BOM is kept in the text; positions skip it).
pub fn decode(path: &str, bytes: &[u8]) -> Result<String, Diagnostic> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => {
            let offset = e.valid_up_to();
            let good = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
            let line_start = good.rfind('\n').map_or(0, |i| i + 1);
            let line = good.matches('\n').count() + 1;
            let mut prefix = &good[line_start..];
            if line == 1 {
                prefix = prefix.strip_prefix('\u{feff}').unwrap_or(prefix);
            }
            let column = prefix.chars().count() + 1;
            let problem = Problem::new(Code::E0101)
                .arg("byte", format!("{:02X}", bytes[offset]))
                .arg("offset", offset.to_string());
            Err(Diagnostic::new(path, Position { line, column }, problem))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_leftovers_and_hidden_names_are_not_sources() {
        for name in [".x.md.swp", "x.md~", "#x.md#", "4913", ".hidden", "x.css.swx", "x.tmp"] {
            assert!(is_ignored_name(name, Tree::Content), "{name}");
            assert!(is_ignored_name(name, Tree::Files), "{name}");
        }
        assert!(is_ignored_name("_draft.md", Tree::Content));
        assert!(!is_ignored_name("_headers", Tree::Files));
        for name in ["_index.md", "x.md", "#x.md", "x#"] {
            assert!(!is_ignored_name(name, Tree::Content), "{name}");
        }
    }

    #[test]
    fn reports_bad_byte_position() {
        let d = decode("a.md", b"+++\ntitle = \"\xff\"\n").unwrap_err();
        assert_eq!(
            d.to_string(),
            "a.md:2:10: error[E0101]: the file is not valid UTF-8: byte 0xFF at byte offset 13; save the file as UTF-8"
        );
    }
}
