//! Turning a file's bytes into text: UTF-8 only, with the first bad byte reported at
//! its line, column and byte offset so an editor can find it.

use crate::diagnostics::{Diagnostic, Position};

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
            Err(Diagnostic::new(
                path,
                Position { line, column },
                format!(
                    "the file is not valid UTF-8: byte 0x{:02X} at byte offset {offset}; save the file as UTF-8",
                    bytes[offset]
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_bad_byte_position() {
        let d = decode("a.md", b"+++\ntitle = \"\xff\"\n").unwrap_err();
        assert_eq!(
            d.to_string(),
            "a.md:2:10: error: the file is not valid UTF-8: byte 0xFF at byte offset 13; save the file as UTF-8"
        );
    }
}
