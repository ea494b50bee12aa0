//! Splitting a content file into its `+++` TOML front matter and Markdown body,
//! keeping the byte offsets that every later message needs.

use crate::diagnostics::{Code, Diagnostic, Problem};

/// A file split into front matter and body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    /// The TOML text between the `+++` lines.
    pub(crate) toml: &'a str,
    /// Byte offset of `toml` in the file.
    pub(crate) toml_offset: usize,
    /// The Markdown after the closing `+++` line.
    pub(crate) body: &'a str,
    /// How many lines come before the body.
    pub(crate) body_line_offset: usize,
}

fn is_fence(line: &str, fence: &str) -> bool {
    line.trim_end_matches(['\n', '\r', ' ', '\t']) == fence
}

/// Splits `text` (the whole file, BOM included).
pub(crate) fn split<'a>(path: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    if rest.trim().is_empty() {
        return Err(Diagnostic::file(path, Problem::new(Code::E0102)));
    }
    let first_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let first = &rest[..first_end];
    if !is_fence(first, "+++") {
        let code = if is_fence(first, "---") { Code::E0104 } else { Code::E0103 };
        return Err(Diagnostic::file(path, Problem::new(code)));
    }
    let toml_offset = start + first_end;
    let mut pos = toml_offset;
    let mut line_no = 1;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        line_no += 1;
        if is_fence(&text[pos..end], "+++") {
            return Ok(Split {
                toml: &text[toml_offset..pos],
                toml_offset,
                body: &text[end..],
                body_line_offset: line_no,
            });
        }
        pos = end;
    }
    Err(Diagnostic::file(path, Problem::new(Code::E0105)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_crlf_and_bom() {
        let text = "\u{feff}+++\r\ntitle = \"a\"\r\n+++\r\nbody\r\n";
        let s = split("a.md", text).unwrap();
        assert_eq!(s.toml, "title = \"a\"\r\n");
        assert_eq!(s.body, "body\r\n");
        assert_eq!(s.body_line_offset, 3);
        assert_eq!(&text[s.toml_offset..s.toml_offset + 5], "title");
    }

    #[test]
    fn yaml_gets_its_own_message() {
        let e = split("a.md", "---\ntitle: a\n---\n").unwrap_err();
        assert_eq!(e.code(), Code::E0104);
    }

    #[test]
    fn unclosed_and_empty() {
        assert_eq!(split("a.md", "+++\ntitle = \"a\"\n").unwrap_err().code(), Code::E0105);
        assert_eq!(split("a.md", "").unwrap_err().code(), Code::E0102);
    }
}
