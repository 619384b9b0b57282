//! Unified diff of a corrected transcript against the original, usable with `git apply` and
//! `patch -p1`; with colour on, the changed words are emphasised inside changed lines.

use similar::udiff::UnifiedHunkHeader;
use similar::{Algorithm, ChangeTag, TextDiff};

use super::{Colors, style};

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// The diff of `old` → `new` for `path`, with `a/` and `b/` headers; empty when they are equal.
pub fn unified(path: &str, old: &str, new: &str, c: Colors) -> String {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_lines(old, new);
    let groups = diff.grouped_ops(CONTEXT);
    if groups.iter().all(|g| g.is_empty()) || old == new {
        return String::new();
    }
    let mut out = String::new();
    out.push_str(&c.paint(style::PATH, &format!("--- a/{path}")));
    out.push('\n');
    out.push_str(&c.paint(style::PATH, &format!("+++ b/{path}")));
    out.push('\n');
    for group in groups.iter().filter(|g| !g.is_empty()) {
        out.push_str(&c.paint(style::HUNK, &UnifiedHunkHeader::new(group).to_string()));
        out.push('\n');
        for op in group {
            for change in diff.iter_inline_changes(op) {
                let (sign, base, emph) = match change.tag() {
                    ChangeTag::Delete => ("-", style::OLD, style::OLD_EMPH),
                    ChangeTag::Insert => ("+", style::NEW, style::NEW_EMPH),
                    ChangeTag::Equal => (" ", anstyle::Style::new(), anstyle::Style::new()),
                };
                out.push_str(&c.paint(base, sign));
                for (emphasized, value) in change.iter_strings_lossy() {
                    // Keep the line ending outside the styling so a reset never lands after it.
                    let body = value.trim_end_matches(['\n', '\r']);
                    let ending = &value[body.len()..];
                    out.push_str(&c.paint(if emphasized { emph } else { base }, body));
                    out.push_str(ending);
                }
                if change.missing_newline() {
                    out.push_str("\n\\ No newline at end of file\n");
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFF: Colors = Colors { on: false };

    #[test]
    fn equal_texts_give_no_diff() {
        assert_eq!(unified("x.txt", "a\nb\n", "a\nb\n", OFF), "");
    }

    #[test]
    fn plain_diff_is_a_standard_unified_diff() {
        let old = "one\ntwo Naomi Levin\nthree\n";
        let new = "one\ntwo Noémie Levain\nthree\n";
        assert_eq!(
            unified("d/x.txt", old, new, OFF),
            "--- a/d/x.txt\n+++ b/d/x.txt\n@@ -1,3 +1,3 @@\n one\n-two Naomi Levin\n+two Noémie Levain\n three\n"
        );
    }

    #[test]
    fn missing_final_newline_is_marked() {
        let out = unified("x", "a Naomi", "a Noémie", OFF);
        assert_eq!(
            out,
            "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a Naomi\n\\ No newline at end of file\n+a Noémie\n\\ No newline at end of file\n"
        );
    }

    #[test]
    fn colour_emphasises_changed_words_only() {
        let out = unified(
            "x",
            "keep Naomi keep\n",
            "keep Noémie keep\n",
            Colors { on: true },
        );
        let emph_old = format!("{}Naomi{}", style::OLD_EMPH, style::OLD_EMPH.render_reset());
        assert!(out.contains(&emph_old), "{out:?}");
        assert!(!out.contains(&format!("{}keep", style::OLD_EMPH)));
    }

    /// The plain diff applies with `git apply` (and `patch -p1`) and yields the new text,
    /// CRLF line endings and a missing final newline included.
    #[test]
    fn diff_applies_with_git_or_patch() {
        let old = "\u{feff}l1\r\nl2 Naomi Levin\r\nl3\r\nl4\r\nl5\r\nl6\r\nl7\r\nl8 Quoite\r\nend";
        let new =
            "\u{feff}l1\r\nl2 Noémie Levain\r\nl3\r\nl4\r\nl5\r\nl6\r\nl7\r\nl8 Quadrature\r\nend!";
        let patch = unified("sub/t.txt", old, new, OFF);
        let dir = std::env::temp_dir().join(format!("transfix-diff-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub/t.txt"), old).unwrap();
        std::fs::write(dir.join("fix.patch"), &patch).unwrap();
        let run = |cmd: &str, args: &[&str]| {
            std::process::Command::new(cmd)
                .args(args)
                .current_dir(&dir)
                .output()
                .ok()
        };
        let applied = match run("git", &["apply", "fix.patch"]) {
            Some(out) => {
                assert!(out.status.success(), "git apply: {out:?}\n{patch}");
                true
            }
            None => match run("patch", &["-p1", "-i", "fix.patch"]) {
                Some(out) => {
                    assert!(out.status.success(), "patch: {out:?}\n{patch}");
                    true
                }
                None => false,
            },
        };
        if applied {
            assert_eq!(std::fs::read_to_string(dir.join("sub/t.txt")).unwrap(), new);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
