//! Reading a long transcript a piece at a time, so that memory stays bounded whatever its
//! length: a 200 MB caption archive is read, matched and written half a megabyte at a time.
//!
//! A piece ends at a blank line, where every reader ends a cue or a paragraph anyway, so each
//! piece reads alone exactly as it reads within the whole file. An ASS file, whose dialogues
//! follow each other without blank lines, is cut at any line end: each of its lines is a
//! whole dialogue or header line, and a piece is read from where the one before it ended
//! (its section and `Format:` line, see `ass::Context`). Only UTF-8 SRT, WebVTT, SBV, ASS and
//! plain text are cut: a caption page's page lines, a recogniser's one JSON document, TTML's one document
//! (a blank line inside an XML document ends nothing: a piece of it would not be XML) and the
//! other encodings (rare, and small in practice) are read whole.

use std::io::Read;

use super::{Format, ReadOptions, Transcript, TranscriptError, encoding};

/// About how much text a piece holds. Document-wide evidence (a name established earlier)
/// reaches across one piece: half a megabyte is some eight hours of speech. Smaller pieces
/// would hold less memory per worker; larger ones gain nothing measurable.
pub const PIECE_BYTES: usize = 1 << 19;

/// Bytes read before the layout is judged (see `Transcript::read`'s detection).
const DETECT_BYTES: usize = 64 << 10;

/// Where a piece starts in its file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Base {
    /// Byte offset of the piece's first byte.
    pub byte: usize,
    /// Lines before the piece: add it to a 1-based line within the piece.
    pub line: usize,
}

/// A piece of a transcript and where it starts.
#[derive(Debug)]
pub struct Piece {
    pub transcript: Transcript,
    pub base: Base,
}

/// The pieces of a transcript read from `reader`, in order. The first error ends them.
pub struct Pieces<R> {
    reader: R,
    options: ReadOptions,
    /// Read but not yet handed out.
    buf: Vec<u8>,
    eof: bool,
    started: bool,
    done: bool,
    base: Base,
    /// Bytes read so far: a file may not exceed the transcript limit.
    total: u64,
    /// About how many bytes a piece holds (`PIECE_BYTES`; smaller in tests).
    size: usize,
    /// The language the file's header declares: only the first piece holds the header.
    language: Option<String>,
    /// Where the last piece of an ASS file ended: the next one reads on from there.
    ass_after: Option<super::ass::Context>,
}

impl<R: Read> Pieces<R> {
    pub fn new(reader: R, options: ReadOptions) -> Self {
        Self::with_size(reader, options, PIECE_BYTES)
    }

    /// Pieces of about `size` bytes (at least 1): tests cut small files as `new` cuts long ones.
    pub fn with_size(reader: R, options: ReadOptions, size: usize) -> Self {
        Pieces {
            size: size.max(1),
            reader,
            options,
            buf: Vec::new(),
            eof: false,
            started: false,
            done: false,
            base: Base::default(),
            total: 0,
            language: None,
            ass_after: None,
        }
    }

    fn next_piece(&mut self) -> Result<Option<Piece>, TranscriptError> {
        if self.started && self.buf.is_empty() && self.eof {
            return Ok(None);
        }
        let first = !std::mem::replace(&mut self.started, true);
        // The layout is told from the first bytes: enough of them, whatever the piece size.
        self.fill(if first {
            self.size.max(DETECT_BYTES)
        } else {
            self.size
        })?;
        if first && !self.cuttable() {
            self.fill(usize::MAX)?;
        }
        let cut = self.cut()?;
        let rest = self.buf.split_off(cut);
        let bytes = std::mem::replace(&mut self.buf, rest);
        let len = bytes.len();
        let mut transcript = Transcript::read_piece(bytes, self.options, self.ass_after.take())
            .map_err(|e| shifted(e, self.base))?;
        self.ass_after.clone_from(&transcript.ass_after);
        let base = self.base;
        self.base.byte += len;
        self.base.line += transcript.line_starts.len() - 1;
        if first {
            // The rest is read as the first piece was: same layout, and UTF-8 if it was cut.
            self.options.format = Some(transcript.format());
            self.options.encoding = Some(transcript.encoding());
            self.language.clone_from(&transcript.language);
        } else {
            transcript.language.clone_from(&self.language);
        }
        Ok(Some(Piece { transcript, base }))
    }

    /// Whether the file may be cut, judged on its first bytes.
    fn cuttable(&mut self) -> bool {
        let utf8 = match self.options.encoding {
            Some(forced) => forced == encoding::Encoding::Utf8,
            None => encoding::looks_utf8(&self.buf),
        };
        if !utf8 {
            return false;
        }
        // A JSON document is told from the whole of it: its first block alone is no valid JSON,
        // and would be taken for plain text, its keys and copies of the text matched.
        if self.options.format.is_none() && opens_an_object(&self.buf) {
            return false;
        }
        let format = *self.options.format.get_or_insert_with(|| {
            // A multi-byte character cut at the end of the block must not spoil detection.
            super::detect(&String::from_utf8_lossy(&self.buf))
        });
        // Never TTML nor Whisper JSON: one document each, which no blank line cuts.
        matches!(
            format,
            Format::Srt | Format::Vtt | Format::Plain | Format::Sbv | Format::Ass
        )
    }

    /// Where the next piece ends: after the last blank line read, reading on until there is
    /// one (a paragraph of plain text may instead end at a line end, and ASS at any line end),
    /// or at the end.
    fn cut(&mut self) -> Result<usize, TranscriptError> {
        loop {
            if self.eof {
                return Ok(self.buf.len());
            }
            let plain = self.options.format == Some(Format::Plain);
            let any_line = self.options.format == Some(Format::Ass);
            if let Some(cut) = last_break(&self.buf, !any_line).or_else(|| {
                // A paragraph longer than a piece: cut between two of its lines.
                plain.then(|| last_break(&self.buf, false)).flatten()
            }) {
                return Ok(cut);
            }
            if self.buf.contains(&0) {
                // Binary data, refused when read: no need to read on for a line end.
                return Ok(self.buf.len());
            }
            let more = self.buf.len().saturating_mul(2).max(self.size);
            self.fill(more)?;
        }
    }

    /// Reads until `buf` holds `want` bytes or the input ends.
    fn fill(&mut self, want: usize) -> Result<(), TranscriptError> {
        let mut block = vec![0; 64 << 10];
        while self.buf.len() < want && !self.eof {
            let n = match self.reader.read(&mut block) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(TranscriptError::Read(crate::io_message(&e))),
            };
            self.total += n as u64;
            if self.total > super::MAX_BYTES as u64 {
                return Err(TranscriptError::TooLarge);
            }
            self.eof = n == 0;
            self.buf.extend_from_slice(&block[..n]);
        }
        Ok(())
    }
}

impl<R: Read> Iterator for Pieces<R> {
    type Item = Result<Piece, TranscriptError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let next = self.next_piece().transpose();
        self.done = !matches!(next, Some(Ok(_)));
        next
    }
}

/// The offset just after the last line end in `bytes` that ends a blank line (`blank`) or any
/// line, leaving at least one byte after it: a `\r` at the very end may be the first half of
/// a `\r\n` still to be read, and a cut must not part them.
fn last_break(bytes: &[u8], blank: bool) -> Option<usize> {
    let ends_line = |i: usize| match bytes[i] {
        b'\n' => true,
        b'\r' => bytes.get(i + 1) != Some(&b'\n'),
        _ => false,
    };
    let mut i = bytes.len().checked_sub(1)?;
    while i > 0 {
        i -= 1;
        if ends_line(i) && (!blank || ends_blank_line(bytes, i, ends_line)) {
            return Some(i + 1);
        }
    }
    None
}

/// Whether the line ended at `end` is empty or only spaces and tabs.
fn ends_blank_line(bytes: &[u8], end: usize, ends_line: impl Fn(usize) -> bool) -> bool {
    let mut i = end;
    if bytes[i] == b'\n' && i > 0 && bytes[i - 1] == b'\r' {
        i -= 1; // the `\r` of a `\r\n`
    }
    while i > 0 && matches!(bytes[i - 1], b' ' | b'\t') {
        i -= 1;
    }
    i == 0 || ends_line(i - 1)
}

/// An error of a piece, with its positions made the file's.
fn shifted(e: TranscriptError, base: Base) -> TranscriptError {
    match e {
        TranscriptError::NotUtf8 {
            line,
            column,
            offset,
        } => TranscriptError::NotUtf8 {
            line: line + base.line,
            column,
            offset: offset + base.byte,
        },
        TranscriptError::Binary { line, column, what } => TranscriptError::Binary {
            line: line + base.line,
            column,
            what,
        },
        TranscriptError::BadStructure { line, message } => TranscriptError::BadStructure {
            line: line + base.line,
            message,
        },
        other => other,
    }
}

/// Whether the bytes start (after a BOM and spaces) with `{`.
fn opens_an_object(bytes: &[u8]) -> bool {
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `source` in pieces from a reader that hands out `step` bytes at a time.
    fn pieces(source: &str, step: usize) -> Vec<(String, Base)> {
        let reader = Trickle(source.as_bytes(), step);
        Pieces::new(reader, ReadOptions::default())
            .map(|p| {
                let p = p.unwrap();
                (p.transcript.source().to_owned(), p.base)
            })
            .collect()
    }

    /// A reader that returns at most `.1` bytes a call.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.len().min(self.1).min(out.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    fn long_srt(cues: usize, ending: &str) -> String {
        (0..cues)
            .map(|i| format!("{}{ending}00:00:01,000 --> 00:00:02,000{ending}cue number {i} says something{ending}{ending}", i + 1))
            .collect()
    }

    #[test]
    fn pieces_put_back_together_are_the_file_and_end_at_blank_lines() {
        for ending in ["\n", "\r\n", "\r"] {
            let source = long_srt(60_000, ending);
            let got = pieces(&source, 7919);
            assert!(got.len() > 2, "{} pieces", got.len());
            assert_eq!(got.concat_sources(), source);
            for (i, (text, base)) in got.iter().enumerate() {
                assert!(text.ends_with(&ending.repeat(2)), "piece {i} ends mid-cue");
                let before = &source[..base.byte];
                assert_eq!(
                    base.line,
                    crate::transcript::lines::line_starts(before).len() - 1
                );
            }
        }
    }

    trait Concat {
        fn concat_sources(&self) -> String;
    }

    impl Concat for Vec<(String, Base)> {
        fn concat_sources(&self) -> String {
            self.iter().map(|(t, _)| t.as_str()).collect()
        }
    }

    #[test]
    fn a_cut_never_parts_cr_from_lf() {
        assert_eq!(last_break(b"a\r\n\r", true), None);
        assert_eq!(last_break(b"a\r\n\r\nb", true), Some(5));
        assert_eq!(last_break(b"a\r\rb", true), Some(3));
        assert_eq!(last_break(b"a\n \nb", true), Some(4));
        assert_eq!(last_break(b"a\nb\nc", true), None);
        assert_eq!(last_break(b"a\nb\nc", false), Some(4));
    }

    #[test]
    fn errors_point_into_the_whole_file() {
        let mut source = long_srt(60_000, "\n");
        let line = source.lines().count() + 1;
        source.push_str("9\n00:00:01,000 --> nonsense\ntext\n");
        let err = Pieces::new(source.as_bytes(), ReadOptions::default())
            .find_map(Result::err)
            .unwrap();
        assert!(
            matches!(err, TranscriptError::BadStructure { line: l, .. } if l == line + 1),
            "{err:?}"
        );
        let mut bad = long_srt(60_000, "\n").into_bytes();
        let offset = bad.len() - 3;
        bad[offset] = 0xff;
        let err = Pieces::new(&bad[..], ReadOptions::default())
            .find_map(Result::err)
            .unwrap();
        assert!(
            matches!(err, TranscriptError::NotUtf8 { offset: o, .. } if o == offset),
            "{err:?}"
        );
    }

    #[test]
    fn small_and_uncuttable_files_are_one_piece() {
        assert_eq!(pieces("", 10).len(), 1, "an empty file is one empty piece");
        assert_eq!(pieces("hello\n\nworld\n", 3).len(), 1);
        let page = format!(
            "Title\nTranscript\n{}",
            "00:05 some words\n".repeat(100_000)
        );
        assert_eq!(pieces(&page, 4096).len(), 1, "caption pages are read whole");
        let ttml = format!(
            "<?xml version=\"1.0\"?>\n<tt xmlns=\"http://www.w3.org/ns/ttml\"><body>\n{}</body></tt>\n",
            "<p begin=\"1s\">some words</p>\n\n".repeat(100_000)
        );
        let got = pieces(&ttml, 4096);
        assert_eq!(got.len(), 1, "a TTML document is read whole");
        assert_eq!(got[0].0, ttml);
    }

    fn long_ass(dialogues: usize, ending: &str) -> String {
        let head = format!(
            "\u{feff}[Script Info]{ending}ScriptType: v4.00+{ending}{ending}[Events]{ending}Format: Start, Name, Text{ending}"
        );
        let events = (0..dialogues).map(|i| {
            format!(
                "Dialogue: 0:00:{:02}.00,Host {i},line {i}, says\\Nsomething{ending}",
                i % 60
            )
        });
        std::iter::once(head).chain(events).collect()
    }

    #[test]
    fn an_ass_file_is_cut_between_dialogues_and_each_piece_reads_on() {
        for ending in ["\n", "\r\n", "\r"] {
            let source = long_ass(40_000, ending);
            let whole = Transcript::parse(source.as_bytes()).unwrap();
            let reader = Trickle(source.as_bytes(), 7919);
            let mut got = Vec::new();
            let mut bases = 0;
            for piece in Pieces::new(reader, ReadOptions::default()) {
                let Piece {
                    transcript: t,
                    base,
                } = piece.unwrap();
                assert_eq!(t.format(), Format::Ass);
                for s in t.segments() {
                    let span = s.span.start + base.byte..s.span.end + base.byte;
                    got.push((span, s.timestamp.clone(), s.cue, s.speaker.clone()));
                }
                bases += 1;
            }
            assert!(bases > 2, "{bases} pieces");
            let want: Vec<_> = (whole.segments().iter())
                .map(|s| {
                    (
                        s.span.clone(),
                        s.timestamp.clone(),
                        s.cue,
                        s.speaker.clone(),
                    )
                })
                .collect();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn a_json_document_longer_than_the_first_block_is_read_whole_as_json() {
        let text = " Ada Lovlace spoke.".repeat(2000);
        let words: Vec<String> = (0..40_000)
            .map(|k| {
                format!("{{\"text\": \"w{k}\", \"start\": {k}, \"end\": {k}, \"confidence\": 0.9}}")
            })
            .collect();
        let doc = format!(
            "{{\"text\": \"{text}\",\n\n\"words\": [{}]}}",
            words.join(",\n\n")
        );
        assert!(doc.len() > 2 * PIECE_BYTES);
        let mut pieces = Pieces::new(doc.as_bytes(), ReadOptions::default());
        let piece = pieces.next().unwrap().unwrap();
        assert_eq!(piece.transcript.format(), Format::AssemblyaiJson);
        assert_eq!(piece.transcript.source().len(), doc.len());
        assert!(pieces.next().is_none());
    }

    #[test]
    fn a_plain_paragraph_longer_than_a_piece_is_cut_between_lines() {
        let source = "a line of plain text\n".repeat(120_000);
        let got = pieces(&source, 65536);
        assert!(got.len() > 1);
        assert_eq!(got.concat_sources(), source);
    }
}
