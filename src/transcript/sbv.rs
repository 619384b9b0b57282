//! SubViewer as YouTube exports captions (`.sbv`): blocks of a timing line
//! `0:00:01.000,0:00:04.000` followed by text lines, separated by blank lines.
//!
//! Only the text lines are editable; timings and blank lines are frozen. A timing line that
//! does not parse is an error, not text (see [`segments`]).

use super::cues;
use super::scan;
use super::{Segment, TranscriptError};

/// The start time of a timing line `start,end`: two timestamps around a comma, with nothing
/// else on the line but spaces. A timestamp may hold a comma of its own before the fraction
/// (`0:00:01,000,0:00:04,000`), so each comma is tried as the separator.
fn timing(text: &str) -> Option<&str> {
    let text = text.trim();
    text.match_indices(',')
        .map(|(at, _)| (text[..at].trim_end(), text[at + 1..].trim_start()))
        .find(|(start, end)| scan::is_timestamp(start) && scan::is_timestamp(end))
        .map(|(start, _)| start)
}

/// A line meant as a timing line: one, or a timestamp followed by a comma and a digit
/// (`0:00:01.000,0:00:0x.000`, `0:00:01.000,0:00:04.000 x`). `10:30, we met` is text.
fn is_timing_like(text: &str) -> bool {
    let text = text.trim();
    timing(text).is_some()
        || scan::timestamp_len(text).is_some_and(|len| {
            let rest = &text.as_bytes()[len..];
            rest.first() == Some(&b',') && rest.get(1).is_some_and(u8::is_ascii_digit)
        })
}

/// The first non-blank line is a timing line, or meant as one: reading then reports a broken
/// first timing instead of taking the file for text.
pub(super) fn looks_like(source: &str) -> bool {
    let lines = scan::lines(source);
    let first = lines.iter().find(|l| !l.is_blank());
    first.is_some_and(|l| is_timing_like(l.text))
}

/// Where the reader stands.
enum State {
    /// At the start of the file or after a blank line: a timing line belongs here.
    Boundary,
    /// In the text of the cue of this index, which started at this time.
    Text { cue: usize, start: String },
    /// In a block that did not start with a timing: frozen until the next blank line.
    Frozen,
}

/// Each text line of a cue is a segment, with the cue's start time as written.
///
/// A cue ends at a blank line, or at the next timing line (files that leave out the blank
/// line). Malformed, rather than read as text: a line starting with a timestamp where a timing
/// belongs (the first line of a block), and anywhere a line meant as a timing (see
/// [`is_timing_like`]) that does not parse.
pub(super) fn segments(source: &str) -> Result<Vec<Segment>, TranscriptError> {
    let mut out = Vec::new();
    let mut state = State::Boundary;
    let mut count = 0;
    for (i, line) in scan::lines(source).iter().enumerate() {
        if line.is_blank() {
            state = State::Boundary;
            continue;
        }
        if let Some(start) = timing(line.text) {
            let start = start.to_owned();
            state = State::Text { cue: count, start };
            count += 1;
            continue;
        }
        let meant = match state {
            State::Boundary => scan::timestamp_len(line.text.trim_start()).is_some(),
            State::Text { .. } | State::Frozen => is_timing_like(line.text),
        };
        if meant {
            return Err(cues::malformed(i, "SBV", line.text, ""));
        }
        match &state {
            State::Boundary | State::Frozen => state = State::Frozen,
            State::Text { cue, start } => {
                if let Some(span) = line.trimmed(0..line.text.len()) {
                    out.push(Segment {
                        span,
                        timestamp: Some(start.clone()),
                        cue: *cue,
                        speaker: None,
                        confidence: Vec::new(),
                    });
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\u{feff}0:00:00.599,0:00:04.160\r\nwelcome back, today Ada Lovlace\r\n  and Grace Hoper  \r\n\r\n0:00:04.160,0:00:06.770\r\n10:30, that is when it started\r\n";

    fn texts(source: &str) -> Vec<&str> {
        let segs = segments(source).unwrap();
        segs.iter().map(|s| &source[s.span.clone()]).collect()
    }

    fn error(source: &str) -> String {
        segments(source).unwrap_err().to_string()
    }

    #[test]
    fn timings() {
        assert_eq!(timing("0:00:00.599,0:00:04.160"), Some("0:00:00.599"));
        assert_eq!(timing(" 0:00:01,000 , 0:00:04,000 "), Some("0:00:01,000"));
        assert_eq!(timing("1:00,20:00"), Some("1:00"));
        assert_eq!(timing("0:00:01.000,0:00:0x.000"), None);
        assert_eq!(timing("0:00:01.000,0:00:04.000 x"), None);
        assert_eq!(timing("0:00:01.000"), None);
        assert_eq!(timing("10:30, we met"), None);
        assert!(is_timing_like("0:00:01.000,0:00:0x.000"));
        assert!(is_timing_like("0:00:01.000,0:00:04.000 x"));
        assert!(!is_timing_like("10:30, we met"));
        assert!(!is_timing_like("0:00:01,5 apples"));
    }

    #[test]
    fn detects_sbv() {
        assert!(looks_like(SAMPLE));
        assert!(looks_like("\n\n0:00:01.000,0:00:0x.000\nhi\n"));
        assert!(!looks_like("1\n00:00:01,000 --> 00:00:02,000\nhi\n"));
        assert!(!looks_like("00:05 hello\n00:07 there\n"));
        assert!(!looks_like("10:30, we met\n"));
        assert!(!looks_like(""));
    }

    #[test]
    fn only_text_lines_are_editable() {
        assert_eq!(
            texts(SAMPLE),
            vec![
                "welcome back, today Ada Lovlace",
                "and Grace Hoper",
                "10:30, that is when it started"
            ]
        );
    }

    #[test]
    fn segments_carry_the_cue_and_its_start() {
        let segs = segments(SAMPLE).unwrap();
        assert_eq!(segs[0].timestamp.as_deref(), Some("0:00:00.599"));
        assert_eq!((segs[0].cue, segs[1].cue, segs[2].cue), (0, 0, 1));
        assert_eq!(segs[2].timestamp.as_deref(), Some("0:00:04.160"));
        assert!(segs.iter().all(|s| s.speaker.is_none()));
    }

    #[test]
    fn a_timing_without_the_blank_line_starts_a_cue() {
        let source = "0:00:01.000,0:00:02.000\nhi\n0:00:02.000,0:00:03.000\r\nbye";
        assert_eq!(texts(source), vec!["hi", "bye"]);
        assert_eq!(segments(source).unwrap()[1].cue, 1);
    }

    #[test]
    fn a_block_without_a_timing_is_frozen() {
        let source =
            "0:00:01.000,0:00:02.000\nhi\n\nstray words\nmore\n\n0:00:03.000,0:00:04.000\nbye\n";
        assert_eq!(texts(source), vec!["hi", "bye"]);
    }

    #[test]
    fn malformed_timings_are_errors_on_their_line() {
        let source = "0:00:01.000,0:00:02.000\nhi\n\n0:00:03.000,0:00:0x.000\nbye\n";
        assert_eq!(
            error(source),
            "line 4: malformed SBV timing \"0:00:03.000,0:00:0x.000\""
        );
        // Where a timing belongs, a line starting with a timestamp is one.
        let source = "0:00:01.000,0:00:02.000\nhi\n\r\n0:00:03.000 0:00:04.000\nbye\n";
        assert_eq!(
            error(source),
            "line 4: malformed SBV timing \"0:00:03.000 0:00:04.000\""
        );
        // Glued to the previous cue.
        let source = "0:00:01.000,0:00:02.000\rhi\r0:00:03.000,0:00:04.000 later\rbye\r";
        assert_eq!(
            error(source),
            "line 3: malformed SBV timing \"0:00:03.000,0:00:04.000 later\""
        );
    }
}
