//! What speech recognisers write as JSON (Whisper, WhisperX, AWS Transcribe, Deepgram,
//! AssemblyAI): one reader and one writer for all of them, and a small module per service that
//! says where its documents keep the spoken text, the copies of it and its words (`Layout`).
//!
//! **Reading.** The file is checked with serde_json, then rewritten once into a canonical form
//! in which every string holds its characters raw (see `escape`); nothing outside the strings
//! changes, so the layout, the numbers and the line numbers stay the file's. That canonical
//! text is the transcript's `source`, and it is parsed into a tree of byte ranges (`tree`). The
//! spoken strings become the segments (`spoken`), with the confidences of their words. The
//! file's own text is kept and written back from.
//!
//! **Writing.** The edits are made in the spoken strings, then again in every copy of them
//! (`copies`) and in every word list (`words`), so that the file says one thing everywhere.
//! Only the strings and word runs that change are rewritten; every other byte is the file's, so
//! no edit means the file byte for byte.

mod align;
mod assemblyai;
mod aws;
mod copies;
mod deepgram;
mod escape;
mod layout;
mod objects;
mod runs;
mod spoken;
mod tree;
mod whisper;
mod whisperx;
mod words;

use serde::Deserialize;
use serde_json::value::RawValue;
use std::ops::Range;

use super::{Edit, Format, Segment, TranscriptError};
use escape::without_bom;
use layout::Layout;
use tree::Node;

/// One service's documents.
struct Service {
    format: Format,
    /// Whether a document's top-level values are the service's.
    claims: fn(&Top) -> bool,
    /// Where a document keeps its text, or what it lacks to be the service's.
    layout: for<'n> fn(&'n Node, &str) -> Result<Layout<'n>, String>,
}

/// In the order detection tries them: WhisperX documents are Whisper documents too.
const SERVICES: [Service; 5] = [
    Service {
        format: Format::AwsJson,
        claims: aws::claims,
        layout: aws::layout,
    },
    Service {
        format: Format::DeepgramJson,
        claims: deepgram::claims,
        layout: deepgram::layout,
    },
    Service {
        format: Format::AssemblyaiJson,
        claims: assemblyai::claims,
        layout: assemblyai::layout,
    },
    Service {
        format: Format::WhisperxJson,
        claims: whisperx::claims,
        layout: whisperx::layout,
    },
    Service {
        format: Format::WhisperJson,
        claims: whisper::claims,
        layout: whisper::layout,
    },
];

/// The top-level values detection looks at, unparsed.
#[derive(Deserialize)]
struct Top<'a> {
    #[serde(borrow)]
    segments: Option<&'a RawValue>,
    #[serde(borrow)]
    word_segments: Option<&'a RawValue>,
    #[serde(borrow)]
    results: Option<&'a RawValue>,
    #[serde(borrow)]
    text: Option<&'a RawValue>,
    #[serde(borrow)]
    words: Option<&'a RawValue>,
}

/// `raw` read as a `T`, if it is one.
fn probe<'a, T: Deserialize<'a>>(raw: Option<&'a RawValue>) -> Option<T> {
    serde_json::from_str(raw?.get()).ok()
}

/// The service whose document `source` is, if any.
pub fn detect(source: &str) -> Option<Format> {
    let body = without_bom(source);
    if !body.trim_start().starts_with('{') {
        return None;
    }
    let top: Top = serde_json::from_str(body).ok()?;
    SERVICES.iter().find(|s| (s.claims)(&top)).map(|s| s.format)
}

fn service(format: Format) -> &'static Service {
    (SERVICES.iter())
        .find(|s| s.format == format)
        .unwrap_or(&SERVICES[SERVICES.len() - 1])
}

fn not(format: Format) -> impl Fn(String) -> TranscriptError {
    move |reason| TranscriptError::NotJson { format, reason }
}

/// The file's text as the transcript's source: escapes decoded inside strings (see `escape`).
/// The second value is the file's own text when it differs.
pub fn canonical(
    format: Format,
    text: String,
) -> Result<(String, Option<String>), TranscriptError> {
    serde_json::from_str::<serde::de::IgnoredAny>(without_bom(&text))
        .map_err(|e| not(format)(e.to_string()))?;
    Ok(escape::canonical(text))
}

/// The document's segments and the language its recogniser detected, as written.
pub fn read(
    format: Format,
    source: &str,
) -> Result<(Vec<Segment>, Option<String>), TranscriptError> {
    let root = parse(format, source)?;
    let layout = (service(format).layout)(&root, source).map_err(not(format))?;
    let language = (layout.language)
        .and_then(Node::string)
        .map(|r| source[r].to_owned())
        .filter(|l| !l.trim().is_empty());
    Ok((spoken::segments(source, &layout), language))
}

/// The canonical text parsed (valid JSON: checked when it was read).
fn parse(format: Format, source: &str) -> Result<Node, TranscriptError> {
    let from = source.len() - without_bom(source).len();
    let root = Node::parse(source, from).ok_or_else(|| not(format)("not valid JSON".into()))?;
    if !root.is_object() {
        return Err(not(format)("not a JSON object".into()));
    }
    Ok(root)
}

/// The file's text (`original`) with `edits` (ranges of the canonical `source`) applied to the
/// spoken strings, and every copy and word list made to agree. Edits must lie inside spoken
/// strings.
pub fn apply(
    format: Format,
    original: &str,
    source: &str,
    edits: &[Edit],
) -> Result<String, TranscriptError> {
    if edits.is_empty() {
        return Ok(original.to_owned());
    }
    let sorted = sorted(edits)?;
    let root = parse(format, source)?;
    let layout = (service(format).layout)(&root, source).map_err(not(format))?;
    let mut changes = spoken_changes(source, &layout, &sorted)?;
    let texts: Vec<Range<usize>> = layout.spoken.iter().map(|s| s.text.clone()).collect();
    for copy in &layout.copies {
        let texts = &texts[copy.follows.clone()];
        let mine = within(&sorted, texts);
        if !mine.is_empty() {
            changes.extend(copies::changes(source, texts, &copy.strings, mine));
        }
    }
    for list in &layout.words {
        let texts = &texts[list.follows.clone()];
        let mine = within(&sorted, texts);
        if !mine.is_empty() {
            let ranges = align::words(source, texts, list);
            changes.extend(words::changes(source, list, (texts, &ranges), mine));
        }
    }
    let out = escape::write_back(original, changes);
    serde_json::from_str::<serde::de::IgnoredAny>(without_bom(&out)).map_err(|e| {
        TranscriptError::Edit(format!(
            "the corrected {} would be invalid: {e}",
            format.title()
        ))
    })?;
    Ok(out)
}

/// The edits in order, refused if two overlap.
fn sorted(edits: &[Edit]) -> Result<Vec<&Edit>, TranscriptError> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    if let Some(pair) = sorted.windows(2).find(|p| p[1].span.start < p[0].span.end) {
        return Err(TranscriptError::Edit(format!(
            "overlapping edits at byte {}",
            pair[1].span.start
        )));
    }
    Ok(sorted)
}

/// The edits (sorted) that lie between the first of `texts` and the end of the last.
fn within<'a, 'e>(edits: &'a [&'e Edit], texts: &[Range<usize>]) -> &'a [&'e Edit] {
    let (Some(first), Some(last)) = (texts.first(), texts.last()) else {
        return &[];
    };
    let from = edits.partition_point(|e| e.span.start < first.start);
    let to = edits.partition_point(|e| e.span.start <= last.end);
    &edits[from..to.max(from)]
}

/// Each spoken string with its edits made, as canonical changes; an error if an edit lies
/// outside them or cuts an escape sequence.
fn spoken_changes(
    source: &str,
    layout: &Layout,
    edits: &[&Edit],
) -> Result<Vec<(Range<usize>, String)>, TranscriptError> {
    let mut changes = Vec::new();
    let mut applied = 0;
    for spoken in &layout.spoken {
        let text = &spoken.text;
        let mine: Vec<&Edit> = (within(edits, std::slice::from_ref(text)).iter())
            .filter(|e| e.span.end <= text.end)
            .copied()
            .collect();
        if mine.is_empty() {
            continue;
        }
        applied += mine.len();
        escape::check_escapes(source, text, &mine)?;
        changes.push((text.clone(), escape::splice(source, text.clone(), &mine)));
    }
    if applied < edits.len() {
        return Err(TranscriptError::Edit(
            "an edit lies outside the spoken text".into(),
        ));
    }
    Ok(changes)
}
