//! Unified diff of a corrected transcript against the original, usable with `git apply` and
//! `patch -p1`; with colour on, the changed words are emphasised inside changed lines.
//!
//! Lines are what `patch` and `git apply` take them to be: text ended by `\n`. To them, as to
//! GNU diff, a lone `\r` (the line ending of old Mac files) is an ordinary character, so a file
//! whose lines end with `\r` is one long line in the diff. Cutting it at each `\r` would read
//! better but give a patch that applies to no file. With colour on, the diff is for reading (its
//! colour codes already keep it from applying), so each such `\r` is shown as `␍` ending a row of
//! its own: written raw, it would send the terminal back to the start of the row.
//!
//! For the same reason, content lines are bytes in the file's own encoding when colour is off
//! (see [`unified`]); headers are UTF-8 paths, as `git diff` writes them.

use std::borrow::Cow;

use similar::udiff::UnifiedHunkHeader;
use similar::{Algorithm, ChangeTag, DiffOp, TextDiff};
use transfix::transcript::{Encoding, TranscriptError, encoding, lines};

use super::style::{self, Colors};

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// The diff of `old` → `new` for `path`, with `a/` and `b/` headers; empty when they are equal.
///
/// Content lines are written in `encoding`, so that the patch applies to a file in it byte for
/// byte; with colour on they are UTF-8, for the terminal. A character `encoding` cannot hold is
/// an error.
pub fn unified(
    path: &str,
    old: &str,
    new: &str,
    c: Colors,
    encoding: Encoding,
) -> Result<Vec<u8>, TranscriptError> {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_slices(&old_lines, &new_lines);
    let groups = diff.grouped_ops(CONTEXT);
    if groups.iter().all(|g| g.is_empty()) || old == new {
        return Ok(Vec::new());
    }
    // A textual patch cannot be applied to UTF-16 (every character is two bytes, `\n`
    // included), so its diff is shown in UTF-8 (the CLI says so).
    let mut out = Out {
        bytes: Vec::new(),
        encoding: if c.on || encoding.is_utf16() {
            Encoding::Utf8
        } else {
            encoding
        },
    };
    out.utf8(&c.paint(style::PATH, &format!("--- a/{path}")));
    out.utf8("\n");
    out.utf8(&c.paint(style::PATH, &format!("+++ b/{path}")));
    out.utf8("\n");
    for group in groups.iter().filter(|g| !g.is_empty()) {
        out.utf8(&c.paint(style::HUNK, &UnifiedHunkHeader::new(group).to_string()));
        out.utf8("\n");
        for op in group {
            for (tag, parts) in changes(&diff, op, c) {
                change(&mut out, tag, &parts, c)?;
            }
        }
    }
    Ok(out.bytes)
}

/// A line of the diff, in parts, each with whether to emphasise it.
type Parts<'a> = Vec<(bool, Cow<'a, str>)>;

/// The lines of one diff op. The word diff that finds what to emphasise is only worth its cost
/// when colour shows it.
fn changes<'a>(
    diff: &'a TextDiff<'a, 'a, str>,
    op: &DiffOp,
    c: Colors,
) -> Vec<(ChangeTag, Parts<'a>)> {
    if !c.on {
        return (diff.iter_changes(op))
            .map(|ch| (ch.tag(), vec![(false, Cow::Borrowed(ch.value()))]))
            .collect();
    }
    (diff.iter_inline_changes(op))
        .map(|ch| {
            let parts = (ch.iter_strings_lossy())
                .map(|(emphasized, value)| (emphasized, Cow::Owned(value.into_owned())))
                .collect();
            (ch.tag(), parts)
        })
        .collect()
}

/// One line of the diff: its sign, then its parts, then the no-newline marker if it has no `\n`.
fn change(
    out: &mut Out,
    tag: ChangeTag,
    parts: &[(bool, Cow<str>)],
    c: Colors,
) -> Result<(), TranscriptError> {
    let (sign, base, emph) = match tag {
        ChangeTag::Delete => ("-", style::OLD, style::OLD_EMPH),
        ChangeTag::Insert => ("+", style::NEW, style::NEW_EMPH),
        ChangeTag::Equal => (" ", anstyle::Style::new(), anstyle::Style::new()),
    };
    let sign = c.paint(base, sign);
    out.utf8(&sign);
    // After a `\r` shown as a row of its own, the next row needs the sign again.
    let mut row_ended = false;
    for (emphasized, value) in parts {
        for line in lines(value) {
            if std::mem::take(&mut row_ended) {
                out.utf8(&sign);
            }
            // Styled apart from the line ending, so that a reset never lands after it.
            out.text(&c.paint(if *emphasized { emph } else { base }, line.text))?;
            if c.on && line.ending == "\r" {
                out.utf8(&c.paint(style::DIM, "␍"));
                out.utf8("\n");
                row_ended = true;
            } else {
                out.text(line.ending)?;
            }
        }
    }
    let ends_line = parts.last().is_some_and(|(_, v)| v.ends_with('\n'));
    if !ends_line {
        out.utf8(if row_ended { "" } else { "\n" });
        out.utf8("\\ No newline at end of file\n");
    }
    Ok(())
}

/// The diff's bytes: headers and markers as UTF-8, the file's text in its encoding.
struct Out {
    bytes: Vec<u8>,
    encoding: Encoding,
}

impl Out {
    /// Headers, signs, markers and styles: UTF-8 (ASCII but for paths and the `␍` of colour).
    fn utf8(&mut self, text: &str) {
        self.bytes.extend_from_slice(text.as_bytes());
    }

    /// Text of the file.
    fn text(&mut self, text: &str) -> Result<(), TranscriptError> {
        match self.encoding {
            Encoding::Utf8 => self.bytes.extend_from_slice(text.as_bytes()),
            other => self.bytes.extend(encoding::encode(text, other)?),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFF: Colors = Colors { on: false };
    const ON: Colors = Colors { on: true };

    /// The diff as text: UTF-8 content.
    fn diff(path: &str, old: &str, new: &str, c: Colors) -> String {
        String::from_utf8(unified(path, old, new, c, Encoding::Utf8).unwrap()).unwrap()
    }

    #[test]
    fn equal_texts_give_no_diff() {
        assert_eq!(diff("x.txt", "a\nb\n", "a\nb\n", OFF), "");
    }

    #[test]
    fn plain_diff_is_a_standard_unified_diff() {
        let old = "one\ntwo Naomi Levin\nthree\n";
        let new = "one\ntwo Noémie Levain\nthree\n";
        assert_eq!(
            diff("d/x.txt", old, new, OFF),
            "--- a/d/x.txt\n+++ b/d/x.txt\n@@ -1,3 +1,3 @@\n one\n-two Naomi Levin\n+two Noémie Levain\n three\n"
        );
    }

    #[test]
    fn missing_final_newline_is_marked() {
        let out = diff("x", "a Naomi", "a Noémie", OFF);
        assert_eq!(
            out,
            "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a Naomi\n\\ No newline at end of file\n+a Noémie\n\\ No newline at end of file\n"
        );
    }

    /// As GNU diff has it: a lone `\r` is part of a line, so a file of `\r`-ended lines is one.
    #[test]
    fn lines_ended_by_a_lone_cr_are_one_line_for_patch() {
        let out = diff("x", "a\rb Naomi\rc\r", "a\rb Noémie\rc\r", OFF);
        assert_eq!(
            out,
            "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\rb Naomi\rc\r\n\\ No newline at end of file\n+a\rb Noémie\rc\r\n\\ No newline at end of file\n"
        );
    }

    /// On a terminal a raw `\r` would overwrite the row: each one ends a row of its own.
    #[test]
    fn colour_shows_each_lone_cr_as_a_row() {
        let out = diff("x", "a\rb Naomi\r", "a\rb Noémie\r", ON);
        assert!(!out.contains('\r'), "{out:?}");
        let plain = anstream::adapter::strip_str(&out).to_string();
        assert_eq!(
            plain,
            "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a␍\n-b Naomi␍\n\\ No newline at end of file\n+a␍\n+b Noémie␍\n\\ No newline at end of file\n"
        );
    }

    #[test]
    fn colour_emphasises_changed_words_only() {
        let out = diff("x", "keep Naomi keep\n", "keep Noémie keep\n", ON);
        let emph_old = format!("{}Naomi{}", style::OLD_EMPH, style::OLD_EMPH.render_reset());
        assert!(out.contains(&emph_old), "{out:?}");
        assert!(!out.contains(&format!("{}keep", style::OLD_EMPH)));
    }

    #[test]
    fn content_is_written_in_the_files_encoding_headers_in_utf8() {
        let (old, new) = ("Caf\u{e9} Naomi\n", "Caf\u{e9} No\u{e9}mie\n");
        let out = unified("é/x", old, new, OFF, Encoding::Windows1252).unwrap();
        let expected = [
            "--- a/é/x\n+++ b/é/x\n@@ -1 +1 @@\n".as_bytes(),
            b"-Caf\xe9 Naomi\n+Caf\xe9 No\xe9mie\n",
        ]
        .concat();
        assert_eq!(out, expected);
        // On a terminal the text stays readable; UTF-16 is never written as a textual patch.
        let shown = unified("x", old, new, ON, Encoding::Latin1).unwrap();
        assert!(String::from_utf8(shown).unwrap().contains("Noémie"));
        let utf16 = unified("x", old, new, OFF, Encoding::Utf16Le).unwrap();
        assert!(String::from_utf8(utf16).unwrap().contains("+Café Noémie\n"));
        let err = unified("x", "a\n", "Ş\n", OFF, Encoding::Latin1).unwrap_err();
        assert!(
            err.to_string().contains("cannot be written in latin-1"),
            "{err}"
        );
    }

    /// Applies `patch` to a file `sub/t.txt` holding `old` with `tool` (`git apply` or `patch
    /// -p1`), and returns the file's new bytes; `None` when the tool is not installed.
    fn apply_with(tool: &[&str], old: &[u8], patch: &[u8]) -> Option<Vec<u8>> {
        let dir =
            std::env::temp_dir().join(format!("transfix-diff-{}-{}", std::process::id(), tool[0]));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub/t.txt"), old).unwrap();
        std::fs::write(dir.join("fix.patch"), patch).unwrap();
        let out = std::process::Command::new(tool[0])
            .args(&tool[1..])
            .arg("fix.patch")
            .current_dir(&dir)
            .output()
            .ok()?;
        assert!(
            out.status.success(),
            "{tool:?}: {out:?}\n{}",
            String::from_utf8_lossy(patch)
        );
        let applied = std::fs::read(dir.join("sub/t.txt")).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        Some(applied)
    }

    /// The plain diff applies with `git apply` and with `patch -p1` (each when installed) and
    /// yields the new file: CRLF, lone CR, a missing final newline, a BOM and a single-byte
    /// encoding included.
    #[test]
    fn diff_applies_with_git_and_patch() {
        let crlf = (
            "\u{feff}l1\r\nl2 Naomi Levin\r\nl3\r\nl4\r\nl5\r\nl6\r\nl7\r\nl8 Quoite\r\nend",
            "\u{feff}l1\r\nl2 Noémie Levain\r\nl3\r\nl4\r\nl5\r\nl6\r\nl7\r\nl8 Quadrature\r\nend!",
        );
        let cr = (
            "l1\rl2 Naomi Levin\rl3\r\rl5\r",
            "l1\rl2 Noémie Levain\rl3\r\rl5\r",
        );
        let mixed = ("a\nb Naomi\rc\n\nd\re", "a\nb Noémie\rc\n\nd\re!");
        let cases = [
            (crlf, Encoding::Utf8),
            (cr, Encoding::Utf8),
            (mixed, Encoding::Utf8),
            (cr, Encoding::Windows1252),
            (crlf, Encoding::Latin1),
        ];
        for ((old, new), enc) in cases {
            let (old, new) = if enc == Encoding::Utf8 {
                (old.to_owned(), new.to_owned())
            } else {
                (old.replace('\u{feff}', ""), new.replace('\u{feff}', ""))
            };
            let patch = unified("sub/t.txt", &old, &new, OFF, enc).unwrap();
            let old_bytes = encoding::encode(&old, enc).unwrap();
            let new_bytes = encoding::encode(&new, enc).unwrap();
            for tool in [&["git", "apply"][..], &["patch", "-p1", "-i"]] {
                if let Some(applied) = apply_with(tool, &old_bytes, &patch) {
                    assert_eq!(applied, new_bytes, "{tool:?} {enc:?} {old:?}");
                }
            }
        }
    }
}
