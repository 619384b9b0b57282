//! SubRip (`.srt`): numbered cues, `00:00:01,229 --> 00:00:05,389`, text lines.

use super::Segment;
use super::cues;
use super::scan;

/// The first non-blank line is a cue number followed by a timing, or a timing (some writers
/// drop the numbers).
pub(super) fn looks_like(source: &str) -> bool {
    let lines = scan::lines(source);
    let mut content = lines.iter().filter(|l| !l.is_blank());
    match (content.next(), content.next()) {
        (Some(first), _) if cues::is_strict_timing(first.text) => true,
        (Some(first), Some(second)) => {
            cues::is_cue_number(first.text) && cues::is_strict_timing(second.text)
        }
        _ => false,
    }
}

/// Each text line of a cue is a segment (split around `<i>`-style tags), carrying the cue's
/// start time as written.
pub(super) fn segments(source: &str) -> Vec<Segment> {
    cues::segments(source)
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
    }

    #[test]
    fn reads_cues_with_bom_crlf_dots_and_tags() {
        let segs = segments(SAMPLE);
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
