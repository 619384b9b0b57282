//! Compiler-style diagnostics: `path:line:col: original → replacement (kind, score)`, then
//! (long form) the source line with the span underlined, then (with `--explain`) the reasons.

use std::fmt::Write as _;

use transfix::{Proposal, Reason};

use super::style::{self, Colors};

/// Characters of context kept on each side of the span in the source excerpt.
const CONTEXT: usize = 40;

#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Show the source line with the span underlined.
    pub snippet: bool,
    /// Show the reasons, one per line.
    pub explain: bool,
    /// Proposals at or above this score are marked as applied by `fix`.
    pub auto_apply: f64,
    pub colors: Colors,
}

/// Appends one proposal to `out`.
pub fn proposal(out: &mut String, path: &str, source: &str, p: &Proposal, opts: Options) {
    let c = opts.colors;
    let location = format!("{path}:{}:{}:", p.line, p.column);
    let _ = write!(out, "{}", c.paint(style::PATH, &location));
    if let Some(ts) = &p.timestamp {
        let _ = write!(out, " {}", c.paint(style::DIM, &format!("[{ts}]")));
    }
    let _ = write!(
        out,
        " {} → {} ",
        c.paint(style::OLD, &p.original),
        c.paint(style::NEW, &p.replacement)
    );
    let mut what = p.kind.as_str().to_owned();
    if p.term != p.replacement {
        let _ = write!(what, " {}", p.term);
    }
    let verdict = if p.score >= opts.auto_apply {
        c.paint(style::AUTO, "auto-fix")
    } else {
        c.paint(style::REVIEW, "review")
    };
    let _ = writeln!(out, "({what}, score {}, {verdict})", super::score(p.score));

    let gutter_width = p.line.to_string().len();
    let pad = " ".repeat(gutter_width);
    if opts.snippet {
        let (before, spanned, after) = excerpt(source, p.span.clone());
        let bar = c.paint(style::GUTTER, "|");
        let _ = writeln!(out, "{pad} {bar}");
        let _ = writeln!(
            out,
            "{} {bar} {before}{}{after}",
            c.paint(style::GUTTER, &p.line.to_string()),
            c.paint(style::OLD, &spanned)
        );
        let marks = "^".repeat(spanned.chars().count().max(1));
        let _ = writeln!(
            out,
            "{pad} {bar} {}{} {}",
            " ".repeat(before.chars().count()),
            c.paint(style::OLD, &marks),
            c.paint(style::NEW, &p.replacement)
        );
    }
    if opts.explain {
        let eq = c.paint(style::GUTTER, "=");
        for r in p
            .reasons
            .iter()
            .filter(|r| !matches!(r, Reason::Weighs { .. }))
        {
            let _ = writeln!(out, "{pad} {eq} {}", reason(r));
        }
        if let Some(weighs) = super::weighs(p, usize::MAX) {
            let _ = writeln!(out, "{pad} {eq} score {}: {weighs}", super::score(p.score));
        }
    }
}

/// The span's line cut into (before, span, after), trimmed to some context on each side.
/// A span that runs past the end of its line is shown up to the end of the line.
fn excerpt(source: &str, span: std::ops::Range<usize>) -> (String, String, String) {
    let start = span.start.min(source.len());
    let end = span.end.clamp(start, source.len());
    if !source.is_char_boundary(start) || !source.is_char_boundary(end) {
        return (String::new(), String::new(), String::new());
    }
    let line = transfix::transcript::line_at(source, start);
    // A span starting inside a line ending starts, as far as showing it goes, at its line's end.
    let start = start.min(line.end());
    let span_end = end.min(line.end());
    let clean = |s: &str| s.replace('\t', " ");
    let before = clean(&source[line.start..start]);
    let spanned = clean(&source[start..span_end]);
    let after = clean(&source[span_end..line.end()]);

    let before_chars = before.chars().count();
    let before = if before_chars > CONTEXT {
        let cut: String = before.chars().skip(before_chars - CONTEXT).collect();
        format!("…{cut}")
    } else {
        before
    };
    let after = if after.chars().count() > CONTEXT {
        let cut: String = after.chars().take(CONTEXT).collect();
        format!("{cut}…")
    } else {
        after
    };
    (before, spanned, after)
}

/// One reason in words a reviewer can check.
pub fn reason(r: &Reason) -> String {
    match r {
        Reason::Alias { alias } => {
            format!("known mis-transcription: {alias:?} is listed in `aliases`")
        }
        Reason::Spelling => "same spelling once case, accents and separators are ignored".into(),
        Reason::Recapitalised => {
            "the name in lower case, in a transcript that capitalises names: capitals restored"
                .into()
        }
        Reason::Sound {
            similarity,
            heard,
            expected,
        } => format!("sounds alike ({similarity:.2}): heard /{heard}/, expected /{expected}/"),
        Reason::Orthography { similarity } => format!("spelling similarity {similarity:.2}"),
        Reason::Coverage { similarity } => {
            format!("every word of the term matches at least {similarity:.2}")
        }
        Reason::Anchors { words } => {
            let words: Vec<String> = words.iter().map(|w| format!("{w:?}")).collect();
            format!("word(s) of the term found as is: {}", words.join(", "))
        }
        Reason::Segmentation {
            words_heard,
            words_expected,
        } => format!("heard as {words_heard} word(s), the term has {words_expected}"),
        Reason::Capitalised => "capitalised mid-sentence, as a name would be".into(),
        Reason::Consistency { full, part, at } => {
            let at = at
                .as_deref()
                .map(|t| format!(" at {t}"))
                .unwrap_or_default();
            format!("{part} of {full}, established{at} in this transcript")
        }
        Reason::Margin { over, by } => format!("beats the next-best term {over:?} by {by:.2}"),
        Reason::Weighs { says, log_odds, .. } => format!("{says} {}", super::signed(*log_odds)),
        Reason::LowConfidence { words, probability } => {
            let words: Vec<String> = words.iter().map(|w| format!("{w:?}")).collect();
            format!(
                "the recogniser was unsure of {} (probability {probability:.2})",
                words.join(", ")
            )
        }
        Reason::HighConfidence { words, probability } => {
            let words: Vec<String> = words.iter().map(|w| format!("{w:?}")).collect();
            format!(
                "the recogniser was sure of {} (probability {probability:.2})",
                words.join(", ")
            )
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use transfix::Kind;

    /// A proposal replacing the first occurrence of `original` in `source`.
    pub(crate) fn proposal_in(
        source: &str,
        original: &str,
        replacement: &str,
        score: f64,
    ) -> Proposal {
        let start = source.find(original).expect("original in source");
        let (line, column) = transfix::transcript::line_col(source, start);
        Proposal {
            span: start..start + original.len(),
            line,
            column,
            timestamp: Some("00:05".into()),
            original: original.into(),
            replacement: replacement.into(),
            term: replacement.into(),
            kind: Kind::Person,
            score,
            reasons: vec![
                Reason::Alias {
                    alias: original.into(),
                },
                Reason::Margin {
                    over: "Noé".into(),
                    by: 0.25,
                },
            ],
            note: None,
            dictionary: None,
            features: None,
        }
    }

    fn plain(s: &str) -> String {
        s.to_owned()
    }

    #[test]
    fn long_form_underlines_the_span() {
        let source = "intro\r\net Naomi Levin a dit\r\n";
        let p = proposal_in(source, "Naomi Levin", "Noémie Levain", 1.0);
        let mut out = String::new();
        let opts = Options {
            snippet: true,
            explain: true,
            auto_apply: 0.8,
            colors: Colors { on: false },
        };
        proposal(&mut out, "x.txt", source, &p, opts);
        assert_eq!(
            plain(&out),
            "x.txt:2:4: [00:05] Naomi Levin → Noémie Levain (person, score 1.00, auto-fix)\n  \
             |\n2 | et Naomi Levin a dit\n  |    ^^^^^^^^^^^ Noémie Levain\n  \
             = known mis-transcription: \"Naomi Levin\" is listed in `aliases`\n  \
             = beats the next-best term \"Noé\" by 0.25\n"
        );
    }

    #[test]
    fn explain_adds_up_what_weighs_on_one_line() {
        let source = "et Ada Lovlace a dit\n";
        let mut p = proposal_in(source, "Ada Lovlace", "Ada Lovelace", 0.7);
        p.reasons = vec![
            Reason::Capitalised,
            Reason::Weighs {
                feature: "sound".into(),
                says: "sounds alike".into(),
                log_odds: 1.2,
            },
            Reason::Weighs {
                feature: "base".into(),
                says: "any fix".into(),
                log_odds: -0.34,
            },
            Reason::Weighs {
                feature: "caseless".into(),
                says: "no capitals".into(),
                log_odds: 0.01,
            },
        ];
        let mut out = String::new();
        let opts = Options {
            snippet: false,
            explain: true,
            auto_apply: 0.8,
            colors: Colors { on: false },
        };
        proposal(&mut out, "x.txt", source, &p, opts);
        assert!(
            out.ends_with(
                "  = capitalised mid-sentence, as a name would be\n  \
                 = score 0.70: sounds alike +1.2 · any fix \u{2212}0.3\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn brief_form_is_one_line_and_marks_review() {
        let source = "Naomi Levin";
        let p = proposal_in(source, "Naomi Levin", "Noémie Levain", 0.5);
        let mut out = String::new();
        let opts = Options {
            snippet: false,
            explain: false,
            auto_apply: 0.8,
            colors: Colors { on: false },
        };
        proposal(&mut out, "-", source, &p, opts);
        assert_eq!(
            plain(&out),
            "-:1:1: [00:05] Naomi Levin → Noémie Levain (person, score 0.50, review)\n"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let source = format!("{} Naomi Levin {}", "a".repeat(100), "b".repeat(100));
        let (before, span, after) = excerpt(&source, 101..112);
        assert_eq!(span, "Naomi Levin");
        assert_eq!(before.chars().count(), CONTEXT + 1);
        assert!(before.starts_with('…') && after.ends_with('…'));
    }

    #[test]
    fn a_lone_cr_ends_the_excerpt_line() {
        for ending in ["\r", "\n", "\r\n"] {
            let source = ["intro", "et Naomi Levin a dit", "fin", ""].join(ending);
            let start = source.find("Naomi").unwrap();
            let (before, span, after) = excerpt(&source, start..start + 11);
            assert_eq!(
                (before.as_str(), span.as_str(), after.as_str()),
                ("et ", "Naomi Levin", " a dit"),
                "{ending:?}"
            );
        }
    }

    #[test]
    fn excerpt_never_panics_on_odd_spans() {
        let source = "é\nab\r\nc\rd";
        for a in 0..12 {
            for b in 0..12 {
                let _ = excerpt(source, a..b);
            }
        }
    }
}
