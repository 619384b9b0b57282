//! The review screen: one proposal in its caption, the change as a word diff, the term, the
//! score and the reason in one line, and the keys.

use similar::{ChangeTag, TextDiff};
use std::fmt::Write as _;

use transfix::review::Tally;
use transfix::transcript::{line_at, lines};
use transfix::{Proposal, Reason};

use super::style::{self, Colors};

/// What the screen shows besides the proposal itself.
pub struct Frame<'a> {
    pub file: &'a str,
    pub source: &'a str,
    /// 0-based position of the proposal in the file, and how many the file has.
    pub position: usize,
    pub total: usize,
    /// 0-based position of the file in the review, and how many files it has.
    pub nth_file: (usize, usize),
    /// Open proposals with the same original and term, this one included.
    pub alike: usize,
    /// A line from the last action ("undone", "nothing to undo"...).
    pub status: Option<&'a str>,
}

/// What weighs in the score, as many as a glance takes in: the rest is in `check --explain`.
const WEIGHS_SHOWN: usize = 4;

const STRIKE: anstyle::Style = style::OLD.strikethrough();

/// The whole screen, lines separated by `\n`.
pub fn screen(p: &Proposal, f: &Frame, c: Colors) -> String {
    let mut out = String::new();
    let mut head = format!("[{}/{}] {}", f.position + 1, f.total, f.file);
    if let Some(ts) = &p.timestamp {
        let _ = write!(head, "  {ts}");
    }
    let _ = write!(head, "  line {}", p.line);
    if f.nth_file.1 > 1 {
        let (k, m) = f.nth_file;
        let _ = write!(head, "  (file {} of {m})", k + 1);
    }
    let _ = writeln!(out, "{}\n", c.paint(style::PATH, &head));
    caption(&mut out, p, f.source, c);
    let _ = writeln!(
        out,
        "\n  {} → {}",
        c.paint(STRIKE, &p.original),
        c.paint(style::NEW, &p.replacement)
    );
    let mut about = vec![p.kind.as_str().to_owned()];
    if p.term != p.replacement {
        about.push(p.term.clone());
    }
    about.extend(p.note.clone());
    about.extend(
        p.dictionary
            .as_ref()
            .map(|o| format!("{}:{}", o.path.display(), o.line)),
    );
    let _ = writeln!(out, "  {}", c.paint(style::DIM, &about.join(" · ")));
    let _ = writeln!(
        out,
        "  score {} · {}",
        super::score(p.score),
        one_line_reason(p)
    );
    if let Some(weighs) = super::weighs(p, WEIGHS_SHOWN) {
        let _ = writeln!(
            out,
            "  {}",
            c.paint(style::DIM, &format!("weighs: {weighs}"))
        );
    }
    if let Some(status) = f.status {
        let _ = writeln!(out, "\n  {}", c.paint(style::REVIEW, status));
    }
    let _ = writeln!(out, "\n{}", c.paint(style::DIM, &hint(p, f.alike)));
    out
}

/// The caption line with the change as a word diff, one line of context on each side.
fn caption(out: &mut String, p: &Proposal, source: &str, c: Colors) {
    let first_line = line_at(source, p.span.start);
    let last_line = line_at(source, p.span.end);
    let first = p.line;
    let last = first + lines(&source[first_line.start..last_line.start]).count();
    let width = (last + 1).to_string().len();
    let bar = c.paint(style::GUTTER, "│");
    let number = |n: usize| c.paint(style::GUTTER, &format!("{n:>width$}"));
    if first_line.start > 0 {
        let prev = line_at(source, first_line.start - 1);
        let _ = writeln!(
            out,
            "  {} {bar} {}",
            number(first - 1),
            c.paint(style::DIM, prev.text)
        );
    }
    let before = source
        .get(first_line.start..p.span.start)
        .unwrap_or_default();
    let after = source.get(p.span.end..last_line.end()).unwrap_or_default();
    let changed = word_diff(&p.original, &p.replacement, c);
    // A span across a line break is shown on one line.
    let line = format!("{before}{changed}{after}").replace(['\r', '\n'], " ");
    let _ = writeln!(out, "  {} {bar} {line}", number(first));
    // The empty "line" after a final line ending is not context.
    if last_line.next_start() < source.len() {
        let next = line_at(source, last_line.next_start());
        let _ = writeln!(
            out,
            "  {} {bar} {}",
            number(last + 1),
            c.paint(style::DIM, next.text)
        );
    }
}

/// `old` → `new` word by word: removed words struck out in red, inserted ones in green; without
/// colour, `[-removed-]{+inserted+}` as `git diff --word-diff` writes them.
pub fn word_diff(old: &str, new: &str, c: Colors) -> String {
    let diff = TextDiff::from_words(old, new);
    let mut out = String::new();
    for change in diff.iter_all_changes() {
        let value = change.value();
        match (change.tag(), c.on) {
            (ChangeTag::Equal, _) => out.push_str(value),
            (ChangeTag::Delete, true) => out.push_str(&c.paint(STRIKE, value)),
            (ChangeTag::Insert, true) => out.push_str(&c.paint(style::NEW, value)),
            (ChangeTag::Delete, false) => {
                let _ = write!(out, "[-{value}-]");
            }
            (ChangeTag::Insert, false) => {
                let _ = write!(out, "{{+{value}+}}");
            }
        }
    }
    out
}

/// The most telling reason, in a few words, and the recogniser's doubt or certainty when it
/// had one.
pub fn one_line_reason(p: &Proposal) -> String {
    let mut line = main_reason(p);
    for reason in &p.reasons {
        match reason {
            Reason::LowConfidence { probability, .. } => {
                line.push_str(&format!(" · recogniser unsure ({probability:.2})"));
            }
            Reason::HighConfidence { probability, .. } => {
                line.push_str(&format!(" · recogniser sure ({probability:.2})"));
            }
            _ => {}
        }
    }
    line
}

fn main_reason(p: &Proposal) -> String {
    let pick = |f: fn(&Reason) -> bool| p.reasons.iter().find(|r| f(r));
    if pick(|r| matches!(r, Reason::Alias { .. })).is_some() {
        return "known alias".into();
    }
    if let Some(Reason::Consistency { full, part, at }) =
        pick(|r| matches!(r, Reason::Consistency { .. }))
    {
        let at = at.as_deref().map(|t| format!(", established at {t}"));
        return format!("{part} of {full}{}", at.unwrap_or_default());
    }
    if pick(|r| matches!(r, Reason::Spelling)).is_some() {
        return "same name, accents or separators restored".into();
    }
    if pick(|r| matches!(r, Reason::Recapitalised)).is_some() {
        return "same name, capitals restored".into();
    }
    if let Some(Reason::Sound {
        heard, expected, ..
    }) = pick(|r| matches!(r, Reason::Sound { .. }))
    {
        return format!("sounds like /{expected}/ (heard /{heard}/)");
    }
    p.reasons
        .first()
        .map_or_else(String::new, super::text::reason)
}

fn hint(p: &Proposal, alike: usize) -> String {
    let mut keys = vec!["y accept", "n reject", "s skip", "e edit", "u undo"];
    let same = format!("Y/N all {alike} “{}”", p.original);
    if alike > 1 {
        keys.push(&same);
    }
    keys.extend(["A/R rest of file", "? help", "q quit"]);
    keys.join("  ")
}

pub const HELP: &str = "\
Keys (one keystroke, no Enter):
  y  accept the fix            n  reject it (the dictionary learns to leave it alone)
  s  skip: decide later        e  edit the replacement, then accept it
  u  undo the last decision    ?  this help
  Y  accept every remaining proposal with the same text and term
  N  reject every remaining proposal with the same text and term
  A  accept every remaining proposal of this file
  R  reject every remaining proposal of this file
  q  save and quit (Ctrl-C too): the next review resumes here

Without a terminal, answer one line each: y, n, s, e NEW TEXT, u, Y, N, A, R, q.

";

/// The end-of-review summary for one file.
pub fn summary(file: &str, t: &Tally, written: Option<&str>) -> String {
    let mut parts = vec![
        format!("{} accepted", t.accepted),
        format!("{} rejected", t.rejected),
        format!("{} edited", t.edited),
        format!("{} skipped", t.skipped),
    ];
    if t.withdrawn > 0 {
        parts.push(format!("{} withdrawn by an overlapping fix", t.withdrawn));
    }
    if t.open > 0 {
        parts.push(format!("{} not reviewed yet", t.open));
    }
    let mut out = format!("{file}: {}", parts.join(", "));
    if let Some(path) = written {
        let _ = write!(out, " → {path}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::render::text::tests::proposal_in;

    const OFF: Colors = Colors { on: false };

    #[test]
    fn screen_shows_context_diff_and_keys() {
        let source = "before\nhello Naomi Levin here\nafter\n";
        let p = proposal_in(source, "Naomi Levin", "Noémie Levain", 0.9);
        let frame = Frame {
            file: "talk.txt",
            source,
            position: 1,
            total: 4,
            alike: 2,
            status: None,
            nth_file: (1, 3),
        };
        let s = screen(&p, &frame, OFF);
        assert!(
            s.starts_with("[2/4] talk.txt  00:05  line 2  (file 2 of 3)\n"),
            "{s}"
        );
        assert!(s.contains("1 │ before\n"), "{s}");
        assert!(
            s.contains("2 │ hello [-Naomi-]{+Noémie+} [-Levin-]{+Levain+} here\n"),
            "{s}"
        );
        assert!(s.contains("3 │ after\n"), "{s}");
        assert!(s.contains("score 0.90 · known alias"), "{s}");
        assert!(s.contains("Y/N all 2 “Naomi Levin”"), "{s}");
    }

    #[test]
    fn screen_shows_what_weighs_most_in_the_score() {
        let source = "hello Ada Lovlace here\n";
        let mut p = proposal_in(source, "Ada Lovlace", "Ada Lovelace", 0.9);
        let weighs = |feature: &str, says: &str, log_odds: f64| Reason::Weighs {
            feature: feature.into(),
            says: says.into(),
            log_odds,
        };
        p.reasons = vec![
            weighs("sound", "sounds alike", 2.14),
            weighs("known_words", "ordinary words", -1.36),
            weighs("base", "any fix", 0.3),
            weighs("capital", "capitalised", 0.2),
            weighs("term_length", "long", 0.1),
        ];
        let frame = Frame {
            file: "talk.txt",
            source,
            position: 0,
            total: 1,
            alike: 1,
            status: None,
            nth_file: (0, 1),
        };
        let s = screen(&p, &frame, OFF);
        assert!(
            s.contains("weighs: sounds alike +2.1 · ordinary words \u{2212}1.4 · any fix +0.3 · capitalised +0.2\n"),
            "{s}"
        );
    }

    #[test]
    fn every_line_ending_cuts_the_context_lines() {
        for ending in ["\r", "\n", "\r\n"] {
            let source = ["before", "hello Naomi", "Levin here", "after", ""].join(ending);
            let p = proposal_in(
                &source,
                &format!("Naomi{ending}Levin"),
                "Noémie Levain",
                0.9,
            );
            let frame = Frame {
                file: "talk.txt",
                source: &source,
                position: 0,
                total: 1,
                alike: 1,
                status: None,
                nth_file: (0, 1),
            };
            let s = screen(&p, &frame, OFF);
            let caption: Vec<&str> = s.lines().skip(2).take(3).collect();
            // The line break inside the span is shown as spaces, one per character.
            let gap = " ".repeat(ending.len());
            let changed = format!("[-Naomi-][-{gap}-][-Levin-]{{+Noémie+}}{{+ +}}{{+Levain+}}");
            assert_eq!(
                caption,
                [
                    "  1 │ before",
                    &format!("  2 │ hello {changed} here"),
                    "  4 │ after",
                ],
                "{ending:?}"
            );
        }
    }

    #[test]
    fn word_diff_keeps_equal_words() {
        assert_eq!(
            word_diff("la Quoite du Net", "la Quadrature du Net", OFF),
            "la [-Quoite-]{+Quadrature+} du Net"
        );
    }
}
