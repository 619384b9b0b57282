//! SubRip (`.srt`): numbered cues, `00:00:01,229 --> 00:00:05,389`, text lines.

use super::cues::{self, Dialect};
use super::scan;
use super::{Segment, TranscriptError};

/// The first non-blank line is a cue number followed by a timing line, or a timing line (some
/// writers drop the numbers). A broken timing still counts (`00:00:0x,000 --> 00:00:02,000`,
/// see [`cues::is_timing_like`]), so that reading reports it instead of taking the file for
/// text with editable timings; plain text never starts like that.
pub(super) fn looks_like(source: &str) -> bool {
    let lines = scan::lines(source);
    let mut content = lines.iter().filter(|l| !l.is_blank());
    match (content.next(), content.next()) {
        (Some(first), _) if cues::is_timing_like(first.text) => true,
        (Some(first), Some(second)) => {
            cues::is_cue_number(first.text) && cues::is_timing_like(second.text)
        }
        _ => false,
    }
}

/// Each text line of a cue is a segment (split around `<i>`-style tags), carrying the cue's
/// start time as written. A malformed timing is an error (see [`cues::segments`]).
pub(super) fn segments(source: &str) -> Result<Vec<Segment>, TranscriptError> {
    cues::segments(source, Dialect::Srt)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\u{feff}1\r\n00:00:01,229 --> 00:00:05,389\r\nbonsoir à tous\r\n<i>de Claire Fontaine</i>\r\n\r\n2\r\n00:00:05.689 --> 00:00:09.286\r\nDidier Deschamp";

    #[test]
    fn detects_srt() {
        assert!(looks_like(SAMPLE));
        assert!(looks_like("\n\n00:00:01,000 --> 00:00:02,000\nhi\n"));
        assert!(!looks_like("1\nhello\n"));
        assert!(!looks_like("00:05 hello\n00:07 there\n"));
        assert!(looks_like("1\r00:00:01,000 --> 00:00:02,000\rhi\r"));
        assert!(looks_like("1\n00:00:0x,000 --> 00:00:02,000\nhi\n"));
        assert!(!looks_like("1\nfrom 10 --> 20 km\n"));
        assert!(!looks_like("he said --> no\n"));
    }

    #[test]
    fn reads_cues_with_bom_crlf_dots_and_tags() {
        let segs = segments(SAMPLE).unwrap();
        let texts: Vec<&str> = segs.iter().map(|s| &SAMPLE[s.span.clone()]).collect();
        assert_eq!(
            texts,
            vec!["bonsoir à tous", "de Claire Fontaine", "Didier Deschamp"]
        );
        assert_eq!(segs[0].timestamp.as_deref(), Some("00:00:01,229"));
        assert_eq!((segs[1].cue, segs[2].cue), (0, 1));
        assert_eq!(segs[2].timestamp.as_deref(), Some("00:00:05.689"));
    }
}
