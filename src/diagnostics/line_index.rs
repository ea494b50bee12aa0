//! Byte offsets to `line:col`, in one place. Columns count characters (what an
//! editor shows), a `\r\n` ends a line like `\n`, and a leading BOM is not a column.

use super::Position;

/// The start offset of every line of a text.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`.
    pub(crate) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1));
        Self { starts }
    }

    /// The position of byte `offset` in `text` (the text this index was built from).
    /// Offsets past the end point just after the last character.
    pub(crate) fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let mut prefix_end = offset;
        while !text.is_char_boundary(prefix_end) {
            prefix_end -= 1;
        }
        let prefix = &text[start..prefix_end];
        let prefix =
            if line == 0 { prefix.strip_prefix('\u{feff}').unwrap_or(prefix) } else { prefix };
        Position { line: line + 1, column: prefix.chars().count() + 1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_and_lines() {
        let text = "ab\r\n模具x\nz";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(idx.position(text, 4), Position { line: 2, column: 1 });
        assert_eq!(idx.position(text, 10), Position { line: 2, column: 3 });
        assert_eq!(idx.position(text, 12), Position { line: 3, column: 1 });
        assert_eq!(idx.position(text, 99), Position { line: 3, column: 2 });
    }

    #[test]
    fn bom_is_not_a_column() {
        let text = "\u{feff}+++";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 3), Position { line: 1, column: 1 });
    }
}
