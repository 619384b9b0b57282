//! Whisper JSON (`openai-whisper --output_format json`): `text`, `segments[].text` and optional
//! `segments[].words[]` (`word` with its leading space, `start`, `end`, `probability`). The
//! segment texts are the spoken text; `text` is their concatenation. Whisper rounds word times
//! to 0.01 s.

use serde::Deserialize;

use super::layout::{Layout, Time, WordKeys};
use super::tree::Node;
use super::{Top, probe};

const KEYS: WordKeys = WordKeys {
    text: &["word"],
    plain: None,
    confidence: "probability",
    start: "start",
    end: "end",
    speaker: None,
    spaced: true,
    time: Time::Seconds { decimals: 2 },
    slots: false,
};

/// A `segments` array whose items have a string `text`.
pub fn claims(top: &Top) -> bool {
    #[derive(Deserialize)]
    struct Segment {
        #[serde(rename = "text")]
        _text: String,
    }
    probe::<Vec<Segment>>(top.segments).is_some()
}

pub fn layout<'n>(root: &'n Node, source: &str) -> Result<Layout<'n>, String> {
    segments(root, source, &KEYS)
}

/// The layout of Whisper's documents and of those that follow them (WhisperX): each segment's
/// text spoken, its `words` listing it, the top-level `text` repeating them all.
pub fn segments<'n>(
    root: &'n Node,
    source: &str,
    keys: &'static WordKeys,
) -> Result<Layout<'n>, String> {
    let segments = (root.get(source, "segments"))
        .and_then(Node::items)
        .ok_or("no `segments` array")?;
    let mut layout = Layout {
        language: root.get(source, "language"),
        ..Layout::default()
    };
    for (k, segment) in segments.iter().enumerate() {
        let start = segment.get(source, "start").and_then(|n| n.number(source));
        (layout.speak(segment.get(source, "text"), start, false))
            .ok_or_else(|| format!("segment {k} has no `text` string"))?;
        layout.words(
            k..k + 1,
            segment.get(source, "words").into_iter(),
            keys,
            true,
        );
    }
    layout.copy(0..segments.len(), root.get(source, "text").into_iter());
    Ok(layout)
}

#[cfg(test)]
mod tests {
    use crate::transcript::json::{apply, canonical, read};
    use crate::transcript::{Edit, Format, TranscriptError};

    const WHISPER: Format = Format::WhisperJson;

    #[test]
    fn reads_the_language_whisper_detected() {
        let doc = r#"{"text": " Hi.", "segments": [{"text": " Hi."}], "language": "en"}"#;
        assert_eq!(read(WHISPER, doc).unwrap().1.as_deref(), Some("en"));
        assert_eq!(read(WHISPER, r#"{"segments": []}"#).unwrap().1, None);
    }

    /// `apply` on a document read as a transcript would be: canonical form, then the edit of
    /// the first occurrence of `old` in a segment text.
    fn edited(file: &str, old: &str, new: &str) -> Result<String, TranscriptError> {
        let (source, original) = canonical(WHISPER, file.to_owned()).unwrap();
        let at = (read(WHISPER, &source).unwrap().0.iter())
            .find_map(|s| source[s.span.clone()].find(old).map(|i| s.span.start + i))
            .expect("occurrence");
        let edit = Edit {
            span: at..at + old.len(),
            replacement: new.to_owned(),
        };
        apply(
            WHISPER,
            original.as_deref().unwrap_or(&source),
            &source,
            &[edit],
        )
    }

    #[test]
    fn words_without_their_times_still_give_valid_json() {
        // Found by fuzzing (read_whisper): " Ada" has no `start` (nor " Lovlace." an `end`),
        // and the new word in its place was written `"start": ,`.
        let file = r#"{"text": " studies Ada Lovlace.", "segments": [{"text": " studies Ada Lovlace.", "words": [{"word": " studies", "start": 1.04, "end": 1.56}, {"word": " Ada", "sart": 3.45, "end": 3.88}, {"word": " Lovlace.", "start": 3.88}]}]}"#;
        let words = |out: &str| {
            let at = out.find(r#""words": "#).unwrap();
            out[at..].to_owned()
        };
        // As many words: not each its own time (one is missing), the first's start to the
        // last's end spread over them.
        let out = edited(file, "studies Ada", "Noralie Vasquin").unwrap();
        assert_eq!(
            words(&out),
            r#""words": [{"word": " Noralie", "start": 1.04, "end": 2.46}, {"word": " Vasquin", "start": 2.46, "end": 3.88}, {"word": " Lovlace.", "start": 3.88}]}]}"#
        );
        // Fewer: neither the first's start nor the last's end is there: the model's own
        // times (and keys) stay.
        let out = edited(file, "Ada Lovlace.", "Ada.").unwrap();
        assert_eq!(
            words(&out),
            r#""words": [{"word": " studies", "start": 1.04, "end": 1.56}, {"word": " Ada.", "sart": 3.45, "end": 3.88}]}]}"#
        );
    }

    #[test]
    fn times_too_large_for_a_float_are_not_spread() {
        let file = r#"{"text": " Ada Lovlace", "segments": [{"text": " Ada Lovlace", "words": [{"word": " Ada", "start": -1e308, "end": 1.0}, {"word": " Lovlace", "start": 1.0, "end": 1e400}]}]}"#;
        let out = edited(file, "Ada Lovlace", "Ada Love Lace").unwrap();
        assert!(out.contains(r#"{"word": " Love", "start": 1.0, "end": 1e400}, {"word": " Lace", "start": 1.0, "end": 1e400}"#), "{out}");
        let out = edited(file, "Ada Lovlace", "Adalovelace").unwrap();
        assert!(
            out.contains(r#"[{"word": " Adalovelace", "start": -1e308, "end": 1e400}]"#),
            "{out}"
        );
    }

    #[test]
    fn a_word_list_item_that_is_no_object_is_left_alone() {
        let file = r#"{"text": " A B", "segments": [{"text": " A B", "words": [{"word": " A", "start": 0.0, "end": 1.0}, 5, {"word": " B", "start": 1.0, "end": 2.0}]}]}"#;
        assert_eq!(
            edited(file, "A B", "A X B").unwrap(),
            file.replace("\" A B\"", "\" A X B\"")
        );
    }

    #[test]
    fn top_text_follows_the_segments() {
        let file = r#"{"text": " Hi. Ada Lovlace.", "segments": [{"text": " Hi."}, {"text": " Ada Lovlace."}]}"#;
        let expected = file.replace("Lovlace", "Lovelace");
        assert_eq!(edited(file, "Lovlace", "Lovelace").unwrap(), expected);
        let trimmed = file.replace(r#""text": " Hi. "#, r#""text": "Hi. "#);
        assert_eq!(
            edited(&trimmed, "Lovlace", "Lovelace").unwrap(),
            trimmed.replace("Lovlace", "Lovelace")
        );
        let other = file.replace(r#""text": " Hi. Ada Lovlace.""#, r#""text": "else""#);
        assert_eq!(
            edited(&other, "Lovlace", "Lovelace").unwrap(),
            other.replace("Lovlace", "Lovelace")
        );
    }
}
