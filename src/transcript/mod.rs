//! The transcript model: the original bytes plus the spans a fix may edit.
//!
//! Every reader produces the same model. Writing back is "original text with replaced
//! spans", which is what makes a no-op round trip byte-exact.

mod ass;
mod cues;
pub mod encoding;
mod json;
mod lines;
mod pieces;
mod plain;
mod sbv;
mod scan;
mod srt;
mod timed;
mod ttml;
mod vtt;

pub use encoding::Encoding;
pub use lines::{Line, line_at, line_col, lines, one_line};
pub use pieces::{Base, PIECE_BYTES, Piece, Pieces};
pub use ttml::has_ttml_root;

use serde::Serialize;
use std::ops::Range;

/// The layout a transcript was read as (detected from content, not from the file name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// A caption page: header lines, then lines such as `00:05 text` or `[00:05] text`.
    Timed,
    Srt,
    Vtt,
    /// Plain text or paragraphs with `[00:01:10]` markers.
    Plain,
    /// Whisper JSON: `text`, `segments[].text`, `segments[].words[]`.
    WhisperJson,
    /// (Advanced) SubStation Alpha, `.ass` or `.ssa`: the text of `[Events]` `Dialogue:` lines.
    Ass,
    /// SubViewer as YouTube exports it: `0:00:01.000,0:00:04.000` timings, then text lines.
    Sbv,
    /// TTML / DFXP (W3C Timed Text): the text of the `<p>`s of the `<body>`.
    Ttml,
    /// WhisperX JSON: Whisper's segments, words with a `score`, `word_segments`.
    WhisperxJson,
    /// Amazon Transcribe: `results.transcripts`, `results.items`, `results.audio_segments`.
    AwsJson,
    /// Deepgram: `results.channels[].alternatives[]`, `results.utterances`.
    DeepgramJson,
    /// AssemblyAI: `text`, `words[]`, `utterances[]`.
    AssemblyaiJson,
}

impl Format {
    pub const ALL: [Format; 12] = [
        Format::Timed,
        Format::Srt,
        Format::Vtt,
        Format::Plain,
        Format::WhisperJson,
        Format::Ass,
        Format::Sbv,
        Format::Ttml,
        Format::WhisperxJson,
        Format::AwsJson,
        Format::DeepgramJson,
        Format::AssemblyaiJson,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Timed => "timed",
            Format::Srt => "srt",
            Format::Vtt => "vtt",
            Format::Plain => "plain",
            Format::WhisperJson => "whisper-json",
            Format::Ass => "ass",
            Format::Sbv => "sbv",
            Format::Ttml => "ttml",
            Format::WhisperxJson => "whisperx-json",
            Format::AwsJson => "aws-json",
            Format::DeepgramJson => "deepgram-json",
            Format::AssemblyaiJson => "assemblyai-json",
        }
    }

    /// How messages name it.
    pub fn title(self) -> &'static str {
        match self {
            Format::Timed => "a caption page",
            Format::Srt => "SRT",
            Format::Vtt => "WebVTT",
            Format::Plain => "plain text",
            Format::WhisperJson => "Whisper JSON",
            Format::WhisperxJson => "WhisperX JSON",
            Format::AwsJson => "AWS Transcribe JSON",
            Format::DeepgramJson => "Deepgram JSON",
            Format::AssemblyaiJson => "AssemblyAI JSON",
            Format::Ass => "ASS/SSA",
            Format::Sbv => "SBV",
            Format::Ttml => "TTML",
        }
    }

    /// A recogniser's JSON document: read whole, written back with every copy of the text
    /// agreeing (see `json`).
    pub fn is_json(self) -> bool {
        matches!(
            self,
            Format::WhisperJson
                | Format::WhisperxJson
                | Format::AwsJson
                | Format::DeepgramJson
                | Format::AssemblyaiJson
        )
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let wanted = match s.to_ascii_lowercase().as_str() {
            "whisper" | "json" => "whisper-json".to_owned(),
            "whisperx" => "whisperx-json".to_owned(),
            "aws" | "transcribe" => "aws-json".to_owned(),
            "deepgram" => "deepgram-json".to_owned(),
            "assemblyai" => "assemblyai-json".to_owned(),
            "webvtt" => "vtt".to_owned(),
            "text" | "txt" => "plain".to_owned(),
            "ssa" => "ass".to_owned(),
            "dfxp" | "xml" => "ttml".to_owned(),
            other => other.to_owned(),
        };
        Format::ALL
            .into_iter()
            .find(|f| f.name() == wanted)
            .ok_or_else(|| {
                format!(
                    "unknown format `{s}`: one of timed, srt, vtt, plain, whisper-json, ass, sbv, \
                     ttml, whisperx-json, aws-json, deepgram-json, assemblyai-json"
                )
            })
    }
}

/// How to read a transcript; what is not given is detected from the content.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    pub encoding: Option<Encoding>,
    pub format: Option<Format>,
}

/// A run of spoken text that fixes may edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Byte range in [`Transcript::source`].
    pub span: Range<usize>,
    /// Timestamp of the caption or paragraph, as written.
    pub timestamp: Option<String>,
    /// 0-based position of the cue (SRT/VTT), timed line or paragraph the segment belongs
    /// to, in file order (not the cue number as written, which may be missing or out of order).
    pub cue: usize,
    /// The speaker, when the format names one (WebVTT `<v Name>` voice tags).
    pub speaker: Option<String>,
    /// How sure the recogniser was of each word, when the format says (the JSON formats: Whisper's
    /// `probability`, WhisperX's `score`, the services' `confidence`): byte range in
    /// [`Transcript::source`] and probability in thousandths, in order. Empty for the others.
    pub confidence: Vec<(Range<usize>, u16)>,
}

/// A replacement of one byte range of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Range<usize>,
    pub replacement: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TranscriptError {
    #[error(
        "line {line}, column {column} (byte {offset}): not valid UTF-8; if the file is Windows-1252 or Latin-1, pass --encoding windows-1252"
    )]
    NotUtf8 {
        line: usize,
        column: usize,
        offset: usize,
    },
    /// Bytes no transcript has: `what` says which ("NUL byte", "PNG image"...).
    #[error("line {line}, column {column}: binary data ({what}), not a transcript")]
    Binary {
        line: usize,
        column: usize,
        what: String,
    },
    /// Bytes that are not valid in the encoding the file is read as.
    #[error(
        "line {line}, column {column} (byte {offset}): not valid {}: {reason}",
        .encoding.name()
    )]
    Malformed {
        encoding: Encoding,
        line: usize,
        column: usize,
        offset: usize,
        reason: String,
    },
    /// The file starts with the byte order mark of another encoding than the one given.
    #[error(
        "line 1, column 1 (byte 0): starts with a {} byte order mark, not {}; pass --encoding {} or leave --encoding out",
        .marked.name(),
        .given.name(),
        .marked.name()
    )]
    BomMismatch { marked: Encoding, given: Encoding },
    /// A fix writes a character the file's encoding cannot hold.
    #[error(
        "\"{}\" (U+{:04X}) cannot be written in {} (line {line}, column {column} of the corrected text)",
        .character.escape_debug(),
        u32::from(*.character),
        .encoding.name()
    )]
    Unencodable {
        character: char,
        encoding: Encoding,
        line: usize,
        column: usize,
    },
    #[error("{0}")]
    Edit(String),
    #[error("larger than 4 GiB, the most transfix reads; split it first")]
    TooLarge,
    /// The file could not be read to its end.
    #[error("{0}")]
    Read(String),
    /// A TTML file that is not well-formed XML, or not TTML.
    #[error("line {line}, column {column}: {message}")]
    BadXml {
        line: usize,
        column: usize,
        message: String,
    },
    /// A file read as a recogniser's JSON that is not one: what is missing or broken.
    #[error("not {}: {reason}", .format.title())]
    NotJson { format: Format, reason: String },
    /// A caption file whose structure is broken, such as an SRT timing line that does not
    /// parse: reading on would let a timing be edited as text, or silently skip cues.
    #[error("line {line}: {message}")]
    BadStructure { line: usize, message: String },
}

/// Why a corrected transcript could not be written out.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    Transcript(#[from] TranscriptError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// A transcript: its original text and the editable segments found in it.
#[derive(Debug, Clone)]
pub struct Transcript {
    source: String,
    format: Format,
    encoding: Encoding,
    /// The encoding was guessed, not given nor marked by a BOM.
    encoding_assumed: bool,
    segments: Vec<Segment>,
    /// The file's own text when `source` differs from it: JSON is read with the escapes of
    /// its strings decoded (see `json::canonical`), TTML with the references of its spoken
    /// text decoded (see `ttml`), and written back from this.
    original: Option<String>,
    /// Byte offset of each line's start: positions are looked up, not re-counted.
    line_starts: Vec<u32>,
    /// The language the file declares (WebVTT `Language:`, the language a recogniser
    /// detected, TTML's `xml:lang`), as written.
    language: Option<String>,
    /// Where an ASS text ends (its section, its `Format:`): how the text after it reads, when
    /// it is a piece of a long file.
    ass_after: Option<ass::Context>,
}

impl Transcript {
    /// Reads a transcript from raw UTF-8 bytes, detecting its layout from the content.
    pub fn parse(bytes: &[u8]) -> Result<Self, TranscriptError> {
        Self::read(bytes, ReadOptions::default())
    }

    /// Reads a transcript from a file's bytes: encoding and layout as given in `options`, or
    /// detected from the content.
    pub fn read(bytes: &[u8], options: ReadOptions) -> Result<Self, TranscriptError> {
        if bytes.len() > MAX_BYTES {
            return Err(TranscriptError::TooLarge);
        }
        Self::from_decoded(encoding::decode(bytes, options.encoding)?, options, None)
    }

    /// [`Self::read`] of bytes the caller gives up: a UTF-8 file's bytes become the
    /// transcript's text without a copy.
    pub fn read_owned(bytes: Vec<u8>, options: ReadOptions) -> Result<Self, TranscriptError> {
        if bytes.len() > MAX_BYTES {
            return Err(TranscriptError::TooLarge);
        }
        Self::from_decoded(
            encoding::decode_owned(bytes, options.encoding)?,
            options,
            None,
        )
    }

    /// [`Self::read_owned`] of a piece of a long file that goes on from the one before it,
    /// which ended in the ASS context `after` (see `pieces`).
    fn read_piece(
        bytes: Vec<u8>,
        options: ReadOptions,
        after: Option<ass::Context>,
    ) -> Result<Self, TranscriptError> {
        if bytes.len() > MAX_BYTES {
            return Err(TranscriptError::TooLarge);
        }
        let decoded = encoding::decode_owned(bytes, options.encoding)?;
        Self::from_decoded(decoded, options, after)
    }

    fn from_decoded(
        decoded: encoding::Decoded,
        options: ReadOptions,
        ass_before: Option<ass::Context>,
    ) -> Result<Self, TranscriptError> {
        let source = decoded.text;
        if let Some(pos) = source.find('\0') {
            let (line, column) = line_col(&source, pos);
            let what = "NUL byte".to_owned();
            return Err(TranscriptError::Binary { line, column, what });
        }
        let format = options.format.unwrap_or_else(|| detect(&source));
        let read = read_as(format, source, ass_before)?;
        let source = read.source;
        // 32 bits each: a transcript is at most 4 GiB, and a long one has millions of lines.
        let line_starts = (lines::line_starts(&source).into_iter())
            .map(|o| o as u32)
            .collect();
        Ok(Transcript {
            source,
            format,
            encoding: decoded.encoding,
            encoding_assumed: decoded.assumed,
            segments: read.segments,
            original: read.original,
            line_starts,
            language: read.language,
            ass_after: read.ass_after,
        })
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Whether the encoding was guessed rather than given or marked by a BOM.
    pub fn encoding_assumed(&self) -> bool {
        self.encoding_assumed
    }

    /// The corrected file's bytes: `edits` applied, in the transcript's own encoding.
    pub fn write(&self, edits: &[Edit]) -> Result<Vec<u8>, TranscriptError> {
        let text = self.apply(edits)?;
        if self.encoding == Encoding::Utf8 {
            return Ok(text.into_bytes()); // no copy of a long transcript
        }
        encoding::encode(&text, self.encoding)
    }

    /// [`Self::write`] into `out`. Every edit is checked before the first byte is written,
    /// and a UTF-8 transcript is written piece by piece: a long one is never copied whole.
    pub fn write_to(&self, edits: &[Edit], out: &mut dyn std::io::Write) -> Result<(), WriteError> {
        if self.encoding != Encoding::Utf8 || self.escapes() {
            return Ok(out.write_all(&self.write(edits)?)?);
        }
        for piece in self.spliced(edits)? {
            out.write_all(piece.as_bytes())?;
        }
        Ok(())
    }

    /// The language the file declares, as written ("en", "fr-FR", "french"), if it does: a
    /// hint for the matcher, which otherwise tells the language from the words.
    pub fn language(&self) -> Option<&str> {
        self.language.as_deref()
    }

    /// The text spans and proposals point into: the original text, byte for byte (a BOM, if
    /// any, included), except in JSON and TTML, where escaped characters are decoded.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The file's text as read, what `apply(&[])` gives back (differs from [`Self::source`]
    /// only for JSON and TTML with escaped characters).
    pub fn original(&self) -> &str {
        self.original.as_deref().unwrap_or(&self.source)
    }

    pub fn format(&self) -> Format {
        self.format
    }

    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The text of one segment.
    pub fn text(&self, segment: &Segment) -> &str {
        &self.source[segment.span.clone()]
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self
            .line_starts
            .partition_point(|&start| start as usize <= offset)
            .max(1);
        let start = self.line_starts[line - 1] as usize;
        let (_, column) = line_col(&self.source[start..], offset - start.min(offset));
        (line, column)
    }

    /// The source with `edits` applied. Edits must lie inside segments and not overlap.
    pub fn apply(&self, edits: &[Edit]) -> Result<String, TranscriptError> {
        if self.escapes() {
            for edit in edits {
                self.check_edit(edit, 0)?;
            }
            return match self.format {
                Format::Ttml => ttml::apply(self.original(), edits),
                json => json::apply(json, self.original(), &self.source, edits),
            };
        }
        Ok(self.spliced(edits)?.concat())
    }

    /// Whether the format escapes characters, so that a replacement is written escaped and
    /// the file's text can differ from the source: never spliced in as it is.
    fn escapes(&self) -> bool {
        self.format.is_json() || self.format == Format::Ttml
    }

    /// The corrected text as consecutive pieces: unchanged source, replacement, unchanged
    /// source... Every edit is checked first.
    fn spliced<'a>(&'a self, edits: &'a [Edit]) -> Result<Vec<&'a str>, TranscriptError> {
        let mut sorted: Vec<&Edit> = edits.iter().collect();
        sorted.sort_by_key(|e| (e.span.start, e.span.end));
        let mut pieces = Vec::with_capacity(2 * sorted.len() + 1);
        let mut last = 0;
        for edit in sorted {
            self.check_edit(edit, last)?;
            pieces.push(&self.source[last..edit.span.start]);
            pieces.push(edit.replacement.as_str());
            last = edit.span.end;
        }
        pieces.push(&self.source[last..]);
        Ok(pieces)
    }

    fn check_edit(&self, edit: &Edit, last: usize) -> Result<(), TranscriptError> {
        let span = &edit.span;
        // Checked first: slicing the source with such a span would panic.
        if span.start > span.end
            || !self.source.is_char_boundary(span.start)
            || !self.source.is_char_boundary(span.end)
        {
            return Err(TranscriptError::Edit(format!(
                "edit at bytes {}..{} does not fall on character boundaries",
                span.start, span.end
            )));
        }
        // Segments are in source order: the one that may hold the edit is found by bisection
        // (a long transcript has a million segments and a hundred thousand fixes).
        let after = self
            .segments
            .partition_point(|s| s.span.start <= edit.span.start);
        let inside = after > 0 && edit.span.end <= self.segments[after - 1].span.end;
        if edit.span.start < last {
            return Err(TranscriptError::Edit(format!(
                "overlapping edits at byte {}",
                edit.span.start
            )));
        }
        if !inside {
            return Err(TranscriptError::Edit(format!(
                "edit at bytes {}..{} is outside the spoken text",
                edit.span.start, edit.span.end
            )));
        }
        Ok(())
    }
}

/// Largest transcript read: word offsets are kept in 32 bits.
const MAX_BYTES: usize = u32::MAX as usize;

/// The texts of the segments a reader finds: what the readers' tests compare.
#[cfg(test)]
fn segment_texts(source: &str, read: fn(&str) -> Vec<Segment>) -> Vec<&str> {
    read(source)
        .iter()
        .map(|s| &source[s.span.clone()])
        .collect()
}

/// What a reader makes of a file's text.
pub(super) struct Read {
    /// The text spans point into.
    source: String,
    /// The file's own text, when it differs from `source`.
    original: Option<String>,
    segments: Vec<Segment>,
    language: Option<String>,
    /// Where an ASS piece stopped, for the next piece (see `ass::Context`).
    ass_after: Option<ass::Context>,
}

fn read_as(
    format: Format,
    text: String,
    ass_before: Option<ass::Context>,
) -> Result<Read, TranscriptError> {
    let (source, original) = match format {
        json if json.is_json() => json::canonical(json, text)?,
        // Its references are decoded in one pass with the segments found.
        Format::Ttml => return ttml::read(text),
        _ => (text, None),
    };
    let mut ass_after = None;
    let (segments, language) = match format {
        Format::Timed => (timed::segments(&source), None),
        Format::Srt => (srt::segments(&source)?, None),
        Format::Vtt => (vtt::segments(&source)?, vtt::language(&source)),
        Format::Plain => (plain::segments(&source), None),
        Format::Ass => {
            let (segments, after) = ass::read(&source, ass_before.unwrap_or_default())?;
            ass_after = Some(after);
            (segments, None)
        }
        Format::Sbv => (sbv::segments(&source)?, None),
        Format::Ttml => (Vec::new(), None), // read above
        json => json::read(json, &source)?,
    };
    Ok(Read {
        source,
        original,
        segments,
        language,
        ass_after,
    })
}

type LooksLike = fn(&str) -> bool;

/// Guesses the layout from the content. The order matters: the stricter formats go first,
/// plain text accepts anything.
fn detect(source: &str) -> Format {
    if let Some(format) = json::detect(source) {
        return format;
    }
    let readers: [(Format, LooksLike); 7] = [
        (Format::Ttml, ttml::looks_like),
        (Format::Vtt, vtt::looks_like),
        (Format::Srt, srt::looks_like),
        (Format::Sbv, sbv::looks_like),
        // After the cue formats: an SRT cue may say "[Events]" and "Dialogue:"; before the
        // caption pages, which could take the header for page lines.
        (Format::Ass, ass::looks_like),
        (Format::Timed, timed::looks_like),
        (Format::Plain, plain::looks_like),
    ];
    readers
        .iter()
        .find(|(_, looks_like)| looks_like(source))
        .map_or(Format::Plain, |(format, _)| *format)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(span: Range<usize>) -> Edit {
        Edit {
            span,
            replacement: "X".into(),
        }
    }

    #[test]
    fn edits_are_checked_not_trusted() {
        let t = Transcript::parse("été à Paris".as_bytes()).unwrap();
        assert_eq!(t.apply(&[edit(0..2)]).unwrap(), "Xté à Paris");
        assert!(t.apply(&[edit(1..2)]).is_err(), "inside a character");
        assert!(
            t.apply(&[edit(Range { start: 4, end: 2 })]).is_err(),
            "reversed"
        );
        assert!(t.apply(&[edit(0..99)]).is_err(), "past the end");
        assert!(t.apply(&[edit(0..2), edit(1..3)]).is_err(), "overlapping");
    }

    #[test]
    fn rejects_binary_and_invalid_utf8() {
        assert_eq!(
            Transcript::parse(b"ok\nab\0").unwrap_err(),
            TranscriptError::Binary {
                line: 2,
                column: 3,
                what: "NUL byte".into()
            }
        );
        assert_eq!(
            Transcript::parse(b"ok\n\xff").unwrap_err(),
            TranscriptError::NotUtf8 {
                line: 2,
                column: 1,
                offset: 3
            }
        );
    }

    #[test]
    fn detection_order() {
        let detect = |s: &str| Transcript::parse(s.as_bytes()).unwrap().format();
        assert_eq!(
            detect("WEBVTT\n\n1\n00:01.000 --> 00:02.000\nhi\n"),
            Format::Vtt
        );
        assert_eq!(
            detect("1\n00:00:01,000 --> 00:00:02,000\nhi\n"),
            Format::Srt
        );
        assert_eq!(
            detect("Title\nTranscript\n00:01 hi\n00:03 you\n"),
            Format::Timed
        );
        assert_eq!(
            detect("Title\n\n[00:00:01] hi\n\n[00:00:05] you\n"),
            Format::Plain
        );
        assert_eq!(detect(""), Format::Plain);
        assert_eq!(detect("\u{feff}[Script Info]\r\nTitle: x\r\n"), Format::Ass);
        assert_eq!(
            detect("[Events]\nFormat: Start, Text\nDialogue: 0:00:01.00,hi\n"),
            Format::Ass
        );
        assert_eq!(detect("0:00:01.000,0:00:04.000\nhi\n"), Format::Sbv);
        // SRT text that mentions an ASS section is still SRT.
        assert_eq!(
            detect("1\n00:00:01,000 --> 00:00:02,000\n[Events]\nDialogue: hi\n"),
            Format::Srt
        );
        assert_eq!(
            detect("<?xml version=\"1.0\"?>\n<tt xmlns=\"http://www.w3.org/ns/ttml\"/>"),
            Format::Ttml
        );
        assert_eq!(detect("<i>hi</i>\n"), Format::Plain);
    }

    #[test]
    fn format_names() {
        for format in Format::ALL {
            assert_eq!(format.name().parse(), Ok(format));
        }
        assert_eq!("SSA".parse(), Ok(Format::Ass));
        assert_eq!("DFXP".parse::<Format>(), Ok(Format::Ttml));
        assert_eq!("xml".parse::<Format>(), Ok(Format::Ttml));
        let err = "sub".parse::<Format>().unwrap_err();
        assert!(
            err.ends_with(
                "ass, sbv, ttml, whisperx-json, aws-json, deepgram-json, assemblyai-json"
            ),
            "{err}"
        );
    }
}
