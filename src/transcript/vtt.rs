//! WebVTT: `WEBVTT` header, optional cue ids, timings with settings, voice and inline tags.

use super::cues::{self, Dialect};
use super::scan;
use super::{Segment, TranscriptError};

pub(super) fn looks_like(source: &str) -> bool {
    scan::lines(source)
        .iter()
        .find(|l| !l.is_blank())
        .is_some_and(|l| l.text.trim_start().starts_with("WEBVTT"))
}

/// Cue text runs between tags; the header, `NOTE`/`STYLE`/`REGION` blocks and cue ids are
/// frozen because they never follow a timing line within the same block. A malformed timing
/// is an error (see [`cues::segments`]).
pub(super) fn segments(source: &str) -> Result<Vec<Segment>, TranscriptError> {
    cues::segments(source, Dialect::Vtt)
}

/// The `Language:` field of the header block (the lines before the first blank line), as
/// written: "en", "fr-FR".
pub(super) fn language(source: &str) -> Option<String> {
    // Lazily: a caption archive is long, its header a few lines.
    let header = super::lines(source).skip(1).take_while(|l| !l.is_blank());
    header
        .filter_map(|l| l.text.split_once(':'))
        .find(|(key, _)| key.trim().eq_ignore_ascii_case("language"))
        .map(|(_, value)| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "WEBVTT - Show\nKind: captions\nLanguage: en\n\nNOTE a note\nspanning lines\n\nSTYLE\n::cue { color: red }\n\nintro\n00:00:01.141 --> 00:00:05.680 align:start position:10%\n<v Speaker 1>good <b>evening</b> <00:00:02.000>Paul &amp; co\n\n0:00:06.000 --> 0:00:07.000\n<c.yellow>bye</c>\n";

    fn texts(source: &str) -> Vec<&str> {
        let segs = segments(source).unwrap();
        segs.iter().map(|s| &source[s.span.clone()]).collect()
    }

    #[test]
    fn detects_vtt() {
        assert!(looks_like(SAMPLE));
        assert!(looks_like("\u{feff}WEBVTT\n"));
        assert!(!looks_like("1\n00:00:01,000 --> 00:00:02,000\n"));
    }

    #[test]
    fn only_cue_text_between_tags_is_editable() {
        assert_eq!(
            texts(SAMPLE),
            vec!["good", "evening", "Paul &amp; co", "bye"]
        );
    }

    #[test]
    fn the_header_declares_the_language() {
        assert_eq!(language(SAMPLE).as_deref(), Some("en"));
        assert_eq!(
            language("WEBVTT\n\n00:01.000 --> 00:02.000\nLanguage: fr\n"),
            None
        );
    }

    #[test]
    fn segments_carry_start_time_and_speaker() {
        let segs = segments(SAMPLE).unwrap();
        assert_eq!(segs[0].timestamp.as_deref(), Some("00:00:01.141"));
        assert_eq!(segs[0].speaker.as_deref(), Some("Speaker 1"));
        assert_eq!(segs[3].timestamp.as_deref(), Some("0:00:06.000"));
        assert_eq!((segs[2].cue, segs[3].cue), (0, 1));
        assert_eq!(segs[3].speaker, None);
    }

    #[test]
    fn short_timings_and_cue_ids() {
        let source = "WEBVTT\n\n1\n00:02.382 --> 00:07.372\nhello\n";
        assert_eq!(texts(source), vec!["hello"]);
        assert_eq!(
            segments(source).unwrap()[0].timestamp.as_deref(),
            Some("00:02.382")
        );
    }
}
