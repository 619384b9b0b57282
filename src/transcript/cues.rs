//! Cue reader shared by SRT and WebVTT: the two differ in their headers, but in both only the
//! text lines after a timing line (`00:00:01,229 --> 00:00:05,389`) are spoken text.
//!
//! Everything outside cue text is frozen: cue numbers and ids, timings and their settings, the
//! `WEBVTT` header, `NOTE`/`STYLE`/`REGION` blocks (none of which may contain `-->`), blank lines.

use super::Segment;
use super::scan::{self, Line, Run};

/// A line that starts a cue. Any line with `-->` counts, so an arrow never ends up in a segment.
pub(super) fn is_timing(text: &str) -> bool {
    text.contains("-->")
}

/// A well-formed timing line (used to recognise the format, where being strict pays).
pub(super) fn is_strict_timing(text: &str) -> bool {
    let Some((start, end)) = text.split_once("-->") else {
        return false;
    };
    let start = start.trim();
    let end = end.trim_start();
    scan::timestamp_len(start) == Some(start.len()) && scan::timestamp_len(end).is_some()
}

/// The cue being read.
struct Cue {
    index: usize,
    timestamp: Option<String>,
    speaker: Option<String>,
}

pub(super) fn segments(source: &str) -> Vec<Segment> {
    let lines = scan::lines(source);
    let mut out = Vec::new();
    let mut cue: Option<Cue> = None;
    let mut count = 0;
    for (i, line) in lines.iter().enumerate() {
        if is_timing(line.text) {
            cue = Some(start_cue(line.text, count));
            count += 1;
            continue;
        }
        let Some(current) = cue.as_mut() else {
            continue;
        };
        let next_is_timing = lines.get(i + 1).is_some_and(|next| is_timing(next.text));
        if line.is_blank() || (next_is_timing && is_cue_number(line.text)) {
            // A blank line ends the cue; a bare number right before a timing is the next
            // cue's number (some files omit the blank line between cues).
            cue = None;
            continue;
        }
        push_text_line(&mut out, line, current);
    }
    out
}

fn start_cue(text: &str, index: usize) -> Cue {
    let text = text.trim_start();
    let timestamp = scan::timestamp_len(text).map(|len| text[..len].to_owned());
    Cue {
        index,
        timestamp,
        speaker: None,
    }
}

pub(super) fn is_cue_number(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// One segment per run of text between inline tags; a voice tag sets the speaker for the
/// rest of the cue (until `</v>`).
fn push_text_line(out: &mut Vec<Segment>, line: &Line, cue: &mut Cue) {
    for run in scan::runs(line.text) {
        match run {
            Run::Tag(range) => {
                let tag = &line.text[range];
                if let Some(name) = scan::voice(tag) {
                    cue.speaker = Some(name.to_owned());
                } else if tag.starts_with("</v") {
                    cue.speaker = None;
                }
            }
            Run::Text(range) => {
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

    fn texts(source: &str) -> Vec<&str> {
        crate::transcript::segment_texts(source, segments)
    }

    #[test]
    fn strict_timings() {
        assert!(is_strict_timing("00:00:01,229 --> 00:00:05,389"));
        assert!(is_strict_timing("00:02.382 --> 00:07.372 align:start"));
        assert!(!is_strict_timing("a --> b"));
    }

    #[test]
    fn text_after_timing_until_blank_line() {
        let source = "1\n00:00:01,000 --> 00:00:02,000\nhello\nworld\n\nfooter\n";
        assert_eq!(texts(source), vec!["hello", "world"]);
    }

    #[test]
    fn missing_blank_line_between_cues() {
        let source = "1\n00:01,000 --> 00:02,000\nhello\n2\n00:03,000 --> 00:04,000\nbye";
        let segs = segments(source);
        assert_eq!(texts(source), vec!["hello", "bye"]);
        assert_eq!(segs[1].cue, 1);
        assert_eq!(segs[1].timestamp.as_deref(), Some("00:03,000"));
    }

    #[test]
    fn tags_are_frozen_and_voice_is_recorded() {
        let source = "00:01.000 --> 00:02.000\n<v Ann>hi <i>you</i>\nnext</v> line\n";
        let segs = segments(source);
        assert_eq!(texts(source), vec!["hi", "you", "next", "line"]);
        assert_eq!(segs[2].speaker.as_deref(), Some("Ann"));
        assert_eq!(segs[3].speaker, None);
    }
}
