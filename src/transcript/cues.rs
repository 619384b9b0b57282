//! Cue reader shared by SRT and WebVTT: the two differ in their headers, but in both only the
//! text lines after a timing line (`00:00:01,229 --> 00:00:05,389`) are spoken text.
//!
//! Everything outside cue text is frozen: cue numbers and ids, timings and their settings, the
//! `WEBVTT` header, `NOTE`/`STYLE`/`REGION` blocks, inline tags, blank lines. A timing line
//! that does not parse is an error, not text (see [`segments`]).

use super::scan::{self, Line, Run};
use super::{Segment, TranscriptError};

/// SRT and WebVTT read alike; the dialect names the format in messages and lets WebVTT
/// comment blocks be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    Srt,
    Vtt,
}

impl Dialect {
    fn name(self) -> &'static str {
        match self {
            Dialect::Srt => "SRT",
            Dialect::Vtt => "WebVTT",
        }
    }
}

/// The start time of a well-formed timing line `start --> end`, followed by nothing or by
/// settings after a space (`align:start position:10%`, SRT's `X1:…`).
///
/// What counts as well-formed is about telling timing lines from text, not about validating
/// times: `,` or `.` before the milliseconds (in either format), one to three fraction digits
/// or none, the hours left out, an end before the start, minutes past 59, spaces around the
/// arrow or none, all are read as they are. A side that is not a timestamp (`00:00:0x,000`,
/// `00:00:05:000`, a missing end) or junk glued to the end time is malformed.
pub(super) fn timing(text: &str) -> Option<&str> {
    let (start, end) = text.split_once("-->")?;
    let start = start.trim();
    let end = end.trim_start();
    let end_len = scan::timestamp_len(end)?;
    let after_end = &end[end_len..];
    (scan::is_timestamp(start)
        && (after_end.is_empty() || after_end.starts_with(char::is_whitespace)))
    .then_some(start)
}

/// A line with `-->` that was meant as a timing line: a timestamp on either side of the arrow,
/// or nothing before it. `he said --> no` is text with an arrow in it.
pub(super) fn is_timing_like(text: &str) -> bool {
    let Some((start, end)) = text.split_once("-->") else {
        return false;
    };
    let start = start.trim();
    start.is_empty()
        || scan::timestamp_len(start).is_some()
        || scan::timestamp_len(end.trim_start()).is_some()
}

/// The cue being read.
struct Cue {
    index: usize,
    timestamp: Option<String>,
    speaker: Option<String>,
}

/// Where the reader stands.
enum State {
    /// Before a block: at the start of the file or after a blank line.
    Boundary,
    /// After a block's first line, which may be a cue number (all digits) or a WebVTT cue id.
    Id { number: bool },
    /// In the text of a cue.
    Text(Cue),
    /// In a block that is not a cue: the WebVTT header, a `NOTE`/`STYLE`/`REGION` block
    /// (`comment`), or stray lines. Frozen until the next blank line.
    Frozen { comment: bool },
}

/// The editable segments: the text lines of each cue, between inline tags.
///
/// Only text after a timing line is spoken text; the header, `NOTE`/`STYLE`/`REGION` blocks,
/// cue numbers and ids, timings and settings are frozen. A cue ends at a blank line, or at a
/// cue number followed by a timing, or at a timing (files that leave out the blank line).
///
/// Malformed, rather than silently read as text or skipped:
/// - a line with `-->` where a timing line belongs (the first or second line of a block), or
///   one meant as a timing (see [`is_timing_like`]) anywhere, that is not a [`timing`];
/// - a cue number followed by a line starting with a timestamp but without `-->`
///   (`00:00:05,000 - 00:00:06,000`), even right after cue text.
///
/// A broken timing with neither its arrow nor a cue number before it, right after cue text,
/// cannot be told from text and is read as such.
///
/// In WebVTT comment blocks, an arrow line counts only if it is a valid timing (the WebVTT
/// parser would start a cue there); otherwise it is part of the comment.
pub(super) fn segments(source: &str, dialect: Dialect) -> Result<Vec<Segment>, TranscriptError> {
    let lines = scan::lines(source);
    let mut out = Vec::new();
    let mut state = State::Boundary;
    let mut count = 0;
    for (i, line) in lines.iter().enumerate() {
        let text = line.text;
        if line.is_blank() {
            state = State::Boundary;
            continue;
        }
        if text.contains("-->") {
            let attempt = match state {
                State::Boundary | State::Id { .. } => true,
                State::Text(_) | State::Frozen { .. } => is_timing_like(text),
            };
            if !attempt {
                // An arrow in cue text or a comment: frozen, the block goes on.
                continue;
            }
            match timing(text) {
                Some(start) => {
                    state = State::Text(Cue {
                        index: count,
                        timestamp: Some(start.to_owned()),
                        speaker: None,
                    });
                    count += 1;
                }
                None if matches!(state, State::Frozen { comment: true }) => {}
                None => return Err(malformed(i, dialect.name(), text, "")),
            }
            continue;
        }
        state = match state {
            State::Boundary if dialect == Dialect::Vtt && is_comment_block(text) => {
                State::Frozen { comment: true }
            }
            State::Boundary => State::Id {
                number: is_cue_number(text),
            },
            State::Id { number: true } if scan::timestamp_len(text.trim_start()).is_some() => {
                return Err(malformed(i, dialect.name(), text, " (no \"-->\")"));
            }
            State::Id { .. } => State::Frozen { comment: false },
            State::Text(_)
                if is_cue_number(text)
                    && lines.get(i + 1).is_some_and(|next| starts_cue(next.text)) =>
            {
                // The next cue's number: this file leaves out the blank line between cues.
                State::Id { number: true }
            }
            State::Text(mut cue) => {
                push_text_line(&mut out, line, &mut cue);
                State::Text(cue)
            }
            frozen @ State::Frozen { .. } => frozen,
        };
    }
    Ok(out)
}

/// Whether a line after a cue number makes it one: a timing line, or a line starting with a
/// timestamp (then a malformed timing).
fn starts_cue(text: &str) -> bool {
    is_timing_like(text) || scan::timestamp_len(text.trim_start()).is_some()
}

/// The error of a timing line that does not parse (`index` is 0-based), in a file of format
/// `format` ("SRT", "WebVTT", "SBV"): the line, shortened, and why.
pub(super) fn malformed(index: usize, format: &str, text: &str, why: &str) -> TranscriptError {
    const SHOWN: usize = 60;
    let text = text.trim();
    let shown: String = text.chars().take(SHOWN).collect();
    let cut = if shown.len() < text.len() { "…" } else { "" };
    TranscriptError::BadStructure {
        line: index + 1,
        message: format!("malformed {format} timing \"{shown}{cut}\"{why}"),
    }
}

/// The first line of a WebVTT `NOTE`, `STYLE` or `REGION` block.
fn is_comment_block(text: &str) -> bool {
    ["NOTE", "STYLE", "REGION"].iter().any(|word| {
        text.strip_prefix(word)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
    })
}

pub(super) fn is_cue_number(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// One segment per run of text between inline tags; a voice tag sets the speaker for the
/// rest of the cue (until `</v>`).
///
/// A tag inside a word (`Hop<b>per</b>`) cuts the word in two pieces that only make sense
/// together: both are left out of the segments, so no fix rewrites half a word.
fn push_text_line(out: &mut Vec<Segment>, line: &Line, cue: &mut Cue) {
    let text = line.text;
    let runs = scan::runs(text);
    for (i, run) in runs.iter().enumerate() {
        match run {
            Run::Tag(range) => {
                let tag = &text[range.clone()];
                if let Some(name) = scan::voice(tag) {
                    cue.speaker = Some(name.to_owned());
                } else if tag.starts_with("</v") {
                    cue.speaker = None;
                }
            }
            Run::Text(_) => {
                let range = scan::spoken(text, &runs, i);
                if let Some(span) = line.trimmed(range) {
                    out.push(Segment {
                        span,
                        timestamp: cue.timestamp.clone(),
                        cue: cue.index,
                        speaker: cue.speaker.clone(),
                        confidence: Vec::new(),
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(source: &str) -> Vec<Segment> {
        segments(source, Dialect::Srt).unwrap()
    }

    fn texts(source: &str) -> Vec<&str> {
        read(source)
            .iter()
            .map(|s| &source[s.span.clone()])
            .collect()
    }

    fn error(source: &str, dialect: Dialect) -> String {
        segments(source, dialect).unwrap_err().to_string()
    }

    #[test]
    fn timings() {
        assert_eq!(
            timing("00:00:01,229 --> 00:00:05,389"),
            Some("00:00:01,229")
        );
        assert_eq!(
            timing("00:02.382 --> 00:07.372 align:start"),
            Some("00:02.382")
        );
        assert_eq!(timing(" 0:00:02.5-->0:00:01\t"), Some("0:00:02.5"));
        assert_eq!(timing("a --> b"), None);
        assert_eq!(timing("00:00:05,000 --> 00:00:0x,000"), None);
        assert_eq!(timing("00:00:05,000 --> 00:00:06,000x"), None);
        assert_eq!(timing("00:00:05:000 --> 00:00:06:000"), None);
        assert_eq!(timing("00:00:05,000 -->"), None);
    }

    #[test]
    fn timing_like_lines() {
        assert!(is_timing_like("00:00:0x,000 --> 00:00:06,000"));
        assert!(is_timing_like("--> 00:00:06,000"));
        assert!(is_timing_like("x --> 00:00:06,000"));
        assert!(!is_timing_like("he said --> no"));
        assert!(!is_timing_like("from 10 --> 20 km"));
    }

    #[test]
    fn text_after_timing_until_blank_line() {
        let source = "1\n00:00:01,000 --> 00:00:02,000\nhello\nworld\n\nfooter\n";
        assert_eq!(texts(source), vec!["hello", "world"]);
    }

    #[test]
    fn missing_blank_line_between_cues() {
        let source = "1\n00:01,000 --> 00:02,000\nhello\n2\n00:03,000 --> 00:04,000\nbye\n00:05,000 --> 00:06,000\nno number";
        let segs = read(source);
        assert_eq!(texts(source), vec!["hello", "bye", "no number"]);
        assert_eq!(segs[1].cue, 1);
        assert_eq!(segs[1].timestamp.as_deref(), Some("00:03,000"));
        assert_eq!(segs[2].cue, 2);
    }

    #[test]
    fn a_number_not_before_a_timing_is_text() {
        let source =
            "1\n00:01,000 --> 00:02,000\nthe score is\n2\n\n2\n00:03,000 --> 00:04,000\nbye";
        assert_eq!(texts(source), vec!["the score is", "2", "bye"]);
    }

    #[test]
    fn tags_are_frozen_and_voice_is_recorded() {
        let source = "00:01.000 --> 00:02.000\n<v Ann>hi <i>you</i>\nnext</v> line\n";
        let segs = read(source);
        assert_eq!(texts(source), vec!["hi", "you", "next", "line"]);
        assert_eq!(segs[2].speaker.as_deref(), Some("Ann"));
        assert_eq!(segs[3].speaker, None);
    }

    #[test]
    fn every_kind_of_tag_is_frozen() {
        let source = "1\n00:01,000 --> 00:02,000\n{\\an8}<font color=\"#ffff00\">Ada Lovlace</font> and {\\i1}Grace{\\i0}\n<u>x</u> <lang en>y</lang> <ruby>z<rt>w</rt></ruby> <c.yellow.bg_blue>v</c> <00:00:01.500>u\n";
        assert_eq!(
            texts(source),
            vec!["Ada Lovlace", "and", "Grace", "x", "y", "v", "u"]
        );
        // A ruby base glued to its reading is one word cut by a tag: frozen.
        assert_eq!(
            texts(
                "0:01.000 --> 0:02.000\n<ruby>漢字<rt>かんじ</rt></ruby> <ruby>Ada <rt>A</rt></ruby>"
            ),
            vec!["Ada", "A"]
        );
    }

    #[test]
    fn a_word_cut_by_a_tag_is_frozen() {
        let source = "1\n00:01,000 --> 00:02,000\nGrace Hop<b>per</b> and Love<i></i>lace.\n<i>Ada</i> Lovlace, Gr{\\i1}ace\n";
        assert_eq!(texts(source), vec!["Grace", "and", ".", "Ada", "Lovlace,"]);
    }

    #[test]
    fn an_arrow_in_cue_text_is_frozen_not_a_cue() {
        let source = "1\n00:01,000 --> 00:02,000\nhello\nhe said --> no\nbye\n";
        assert_eq!(texts(source), vec!["hello", "bye"]);
        assert!(read(source).iter().all(|s| s.cue == 0));
    }

    #[test]
    fn malformed_timings_are_errors() {
        let source =
            "1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\n00:00:05,000 --> 00:00:0x,000\nthere\n";
        assert_eq!(
            error(source, Dialect::Srt),
            "line 6: malformed SRT timing \"00:00:05,000 --> 00:00:0x,000\""
        );
        // Glued to the previous cue, or in a WebVTT file.
        let source = "00:01.000 --> 00:02.000\nhi\n00:03.000 -> 00:04.000 --> x\n";
        assert_eq!(
            error(source, Dialect::Vtt),
            "line 3: malformed WebVTT timing \"00:03.000 -> 00:04.000 --> x\""
        );
        // A cue number followed by a timing without its arrow.
        let source =
            "1\r00:00:01,000 --> 00:00:02,000\rhi\r\r2\r00:00:05,000 - 00:00:06,000\rthere\r";
        assert_eq!(
            error(source, Dialect::Srt),
            "line 6: malformed SRT timing \"00:00:05,000 - 00:00:06,000\" (no \"-->\")"
        );
        // Where a timing belongs, any arrow line must be one.
        let source = "1\n00:01,000 --> 00:02,000\nhi\n\n2\nsoon --> later\n";
        assert_eq!(
            error(source, Dialect::Srt),
            "line 6: malformed SRT timing \"soon --> later\""
        );
    }

    #[test]
    fn a_broken_timing_after_cue_text_and_a_number_is_an_error() {
        let source = "1\n00:01,000 --> 00:02,000\nhi\n2\n00:03,000 - 00:04,000\nbye\n";
        assert_eq!(
            error(source, Dialect::Srt),
            "line 5: malformed SRT timing \"00:03,000 - 00:04,000\" (no \"-->\")"
        );
    }

    #[test]
    fn unusual_timings_are_read() {
        let source = "7\n00:00:09,000 --> 00:00:02,000\nbackwards\n\n3\n1:02.5-->1:75.000 X1:10 Y1:20\nodd\n";
        assert_eq!(texts(source), vec!["backwards", "odd"]);
    }

    #[test]
    fn vtt_comment_blocks_are_frozen() {
        let source = "WEBVTT\n\nNOTE 2024\n00:00 --> broken in a note\n\nSTYLE\n::cue { color: red } /* --> */\n\nREGION\nid:fred width:40%\n\n00:01.000 --> 00:02.000 region:fred align:start\nhi\n";
        let segs = segments(source, Dialect::Vtt).unwrap();
        let got: Vec<&str> = segs.iter().map(|s| &source[s.span.clone()]).collect();
        assert_eq!(got, vec!["hi"]);
        assert_eq!(segs[0].cue, 0);
    }
}
