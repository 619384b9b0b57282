//! Helpers shared by the integration tests that run the binary on copies of fixtures.

// Each test binary compiles this module and uses only some of the helpers.
#![allow(dead_code)]

use std::path::Path;

/// Copies the directory tree `from` to `to` (created if missing).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The dictionary `long_srt`'s names come from.
pub const LONG_DICT: &str = r#"
[[term]]
name = "Ada Lovelace"
kind = "person"

[[term]]
name = "Grace Hopper"
kind = "person"

[[term]]
name = "Technopolice"
kind = "term"
"#;

/// Runs the binary in `dir` with `--dict names.toml` and `args`, away from the user's
/// personal dictionaries and colours.
pub fn transfix_names(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_transfix"))
        .args(["--dict", "names.toml"])
        .args(args)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", "/nonexistent/transfix-tests")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// An SRT file of about `bytes`, with a mis-heard name every few cues (`ending` ends lines),
/// for `LONG_DICT`.
pub fn long_srt(bytes: usize, ending: &str) -> String {
    let slips = ["Ada Lovlace", "Grace Hoper", "technopolis", "Ada Lovelace"];
    let mut out = String::new();
    let mut i = 0;
    while out.len() < bytes {
        let text = if i % 7 == 3 {
            format!("and then {} spoke about it", slips[i % slips.len()])
        } else {
            format!("nothing to see in cue number {i} of the evening")
        };
        let (s, e) = (i % 3600, (i + 1) % 3600);
        out.push_str(&format!(
            "{}{ending}00:{:02}:{:02},000 --> 00:{:02}:{:02},000{ending}{text}{ending}{ending}",
            i + 1,
            s / 60,
            s % 60,
            e / 60,
            e % 60
        ));
        i += 1;
    }
    out
}

use proptest::sample::Index;
use std::ops::Range;
use transfix::{Edit, Transcript};

/// The byte offset of the `pick`th char boundary of `text` (its end included).
pub fn boundary(text: &str, pick: Index) -> usize {
    let bounds: Vec<usize> = (text.char_indices().map(|(i, _)| i))
        .chain([text.len()])
        .collect();
    bounds[pick.index(bounds.len())]
}

/// The part of `text` between two of its char boundaries, in order.
pub fn between_boundaries(text: &str, from: Index, to: Index) -> Range<usize> {
    let (a, b) = (boundary(text, from), boundary(text, to));
    a.min(b)..a.max(b)
}

/// Edits of `t` from picks (segment, from, to, replacement): each replaces the part of the
/// segment's text that `span` makes of `from` and `to`; one that overlaps or touches an
/// earlier one is left out.
pub fn edits(
    t: &Transcript,
    picks: Vec<(Index, Index, Index, String)>,
    span: impl Fn(&str, Index, Index) -> Range<usize>,
) -> Vec<Edit> {
    let mut edits: Vec<Edit> = Vec::new();
    for (seg, from, to, replacement) in picks {
        let seg = &t.segments()[seg.index(t.segments().len())];
        let local = span(t.text(seg), from, to);
        let span = seg.span.start + local.start..seg.span.start + local.end;
        if edits
            .iter()
            .all(|e| e.span.end < span.start || span.end < e.span.start)
        {
            edits.push(Edit { span, replacement });
        }
    }
    edits
}
