//! Whisper JSON (`openai-whisper --output_format json`): `text`, `segments[].text` and optional
//! `segments[].words[]`. The segment texts are the spoken text; writing keeps `text` and
//! `words` consistent with them and every other field as it was.

use super::{Edit, Segment, TranscriptError};

/// Whether the text is a Whisper JSON document.
pub fn looks_like(_source: &str) -> bool {
    false
}

/// The editable spans: the contents of each `segments[].text` string.
pub fn segments(_source: &str) -> Result<Vec<Segment>, TranscriptError> {
    Ok(Vec::new())
}

/// The document with `edits` applied to segment texts, `text` and `words` kept consistent.
pub fn apply(
    source: &str,
    _segments: &[Segment],
    _edits: &[Edit],
) -> Result<String, TranscriptError> {
    Ok(source.to_owned())
}
