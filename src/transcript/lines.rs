//! Lines of a text, and positions in them. The one place that says what ends a line: `\n`,
//! `\r\n`, and a lone `\r` (old Mac files). The readers, the line and column of every message,
//! and the snippets of `check`, `review` and `dict suggest` all cut lines here, so that a
//! position and the line shown with it always agree.

/// One line of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// Byte offset of `text` in the whole text.
    pub start: usize,
    /// The line without its ending.
    pub text: &'a str,
    /// `"\n"`, `"\r\n"`, `"\r"`, or `""` for a last line without one.
    pub ending: &'a str,
}

impl Line<'_> {
    /// Byte offset just past the line's text (where its ending starts).
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// Byte offset just past the line's ending: where the next line starts.
    pub fn next_start(&self) -> usize {
        self.end() + self.ending.len()
    }
}

/// The lines of `text`, in order. A final line ending does not start an empty last line.
pub fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let line = line_from(text, at)?;
        at = line.next_start();
        Some(line)
    })
}

/// The line holding byte `offset` of `text`. An offset inside a line ending belongs to the line
/// it ends; one past the end is on the last line (an empty one after a final line ending).
pub fn line_at(text: &str, offset: usize) -> Line<'_> {
    let bytes = text.as_bytes();
    let mut offset = offset.min(text.len());
    if offset > 0 && bytes.get(offset) == Some(&b'\n') && bytes[offset - 1] == b'\r' {
        offset -= 1;
    }
    let start = bytes[..offset]
        .iter()
        .rposition(|&b| is_line_break(b))
        .map_or(0, |i| i + 1);
    line_from(text, start).unwrap_or(Line {
        start: text.len(),
        text: "",
        ending: "",
    })
}

/// The line starting at byte `start`, if the text goes on past it.
fn line_from(text: &str, start: usize) -> Option<Line<'_>> {
    let rest = text.get(start..).filter(|r| !r.is_empty())?;
    let bytes = rest.as_bytes();
    let Some(end) = bytes.iter().position(|&b| is_line_break(b)) else {
        return Some(Line {
            start,
            text: rest,
            ending: "",
        });
    };
    let crlf = bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n');
    // Both cuts sit next to an ASCII byte, so they are character boundaries.
    Some(Line {
        start,
        text: &rest[..end],
        ending: &rest[end..end + 1 + usize::from(crlf)],
    })
}

fn is_line_break(b: u8) -> bool {
    b == b'\n' || b == b'\r'
}

/// Byte offset of each line's start (the first is 0), one more after a final line ending.
pub(super) fn line_starts(text: &str) -> Vec<usize> {
    let ends = lines(text)
        .filter(|l| !l.ending.is_empty())
        .map(|l| l.next_start());
    std::iter::once(0).chain(ends).collect()
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    // An offset inside a character counts as that character's position (no panic).
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    // Up to the character at the offset included: whether a `\r` right before the offset ends a
    // line depends on whether a `\n` follows it.
    let end = offset + text[offset..].chars().next().map_or(0, char::len_utf8);
    let starts = line_starts(&text[..end]);
    let line = starts.partition_point(|&start| start <= offset);
    let column = text[starts[line - 1]..offset].chars().count() + 1;
    (line, column)
}

/// A message from a parser made fit for a one-line error: a parser quotes the input it
/// stumbled on, which may hold line breaks and run long. Control characters are escaped and
/// the message is cut at `MAX_MESSAGE` characters.
pub fn one_line(message: &str) -> String {
    const MAX_MESSAGE: usize = 160;
    let mut out = String::with_capacity(message.len().min(MAX_MESSAGE + 3));
    for (n, c) in message.trim().chars().enumerate() {
        if n == MAX_MESSAGE {
            out.push_str("...");
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parser_messages_become_one_short_line() {
        assert_eq!(
            one_line("expected `</name>`, found `</na\nme>`\n"),
            "expected `</name>`, found `</na\\nme>`"
        );
        let long = one_line(&"x".repeat(1000));
        assert_eq!(long.chars().count(), 163);
        assert!(long.ends_with("..."));
    }

    fn cut(text: &str) -> Vec<(usize, &str, &str)> {
        lines(text).map(|l| (l.start, l.text, l.ending)).collect()
    }

    #[test]
    fn every_line_ending_ends_a_line() {
        assert_eq!(
            cut("a\nb\r\nc\rd"),
            [
                (0, "a", "\n"),
                (2, "b", "\r\n"),
                (5, "c", "\r"),
                (7, "d", "")
            ]
        );
        assert_eq!(
            cut("a\r\r\n\n"),
            [(0, "a", "\r"), (2, "", "\r\n"), (4, "", "\n")]
        );
        assert_eq!(cut(""), []);
        assert_eq!(cut("é\r"), [(0, "é", "\r")]);
    }

    #[test]
    fn line_at_agrees_with_lines() {
        for text in ["a\nbc\r\nd\r\re", "x\r", "\r\n\r\n", "é\rà", ""] {
            for line in lines(text) {
                for offset in line.start..line.next_start() {
                    assert_eq!(line_at(text, offset), line, "{text:?} at {offset}");
                }
            }
        }
        assert_eq!(line_at("a\r", 2).start, 2, "after a final line ending");
        assert_eq!(line_at("a\r", 99).text, "");
        assert_eq!(line_at("ab", 2).text, "ab");
    }

    #[test]
    fn line_starts_and_line_col() {
        assert_eq!(line_starts("a\r\nb\rc\n"), [0, 3, 5, 7]);
        assert_eq!(line_col("a\rb\r\nc", 2), (2, 1));
        assert_eq!(line_col("a\rb\r\nc", 3), (2, 2), "the \\r of a \\r\\n");
        assert_eq!(line_col("a\rb\r\nc", 4), (2, 3), "the \\n of a \\r\\n");
        assert_eq!(line_col("a\rb\r\nc", 5), (3, 1));
    }

    #[test]
    fn line_col_never_panics() {
        assert_eq!(line_col("é\nà", 1), (1, 1));
        assert_eq!(line_col("é\nà", 3), (2, 1));
        assert_eq!(line_col("é\nà", 99), (2, 2));
    }
}
