//! `transfix fix --jsonl`: a stream of JSON lines on stdin, each corrected on its own and
//! written back in the same order, so that transfix can be a Spark `RDD.pipe` or Hadoop
//! Streaming mapper.
//!
//! Each line is an object with a string `text`; every other field (an `id` of any type most
//! of all) is written back as it was read, byte for byte, in its place. The corrected `text`
//! replaces the original and `fixes` lists what was applied. A line that cannot be corrected
//! gives an `{"id": ..., "error": ...}` line in its place and an `error:` line on stderr, and
//! the stream goes on: a mapper must not lose the records after a bad one, and one output line
//! per record keeps the two sides aligned. Blank lines hold no record and are skipped.
//!
//! A thread reads the lines; up to `-j` workers correct them, a few ahead of the one being
//! written; output is flushed whenever the next line is not ready yet, so a slow producer
//! sees each answer at once, and a fast one is not slowed down by a write per line.

use std::collections::VecDeque;
use std::io::{BufRead, Write};
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError};

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use transfix::transcript::{Encoding, ReadOptions};
use transfix::{Format, Matcher, Proposal, Transcript};

use crate::cli::common::{Failure, Outcome, Streams, io_message};
use crate::cli::workers::{Ordered, Pending, Pool, in_scope};

const STDIN: &str = "<stdin>";

/// The longest line read: a record holds one transcript, and a 4-hour one is some 200 kB.
const MAX_LINE: usize = 64 << 20;

/// How `fix --jsonl` corrects what it reads.
pub(crate) struct Stream<'s> {
    pub(crate) matcher: &'s Matcher<'s>,
    /// How each `text` is read: plain text unless `--format-in` says otherwise.
    pub(crate) format: Format,
    pub(crate) min_score: f64,
    pub(crate) jobs: usize,
}

/// What the reading thread hands over.
enum Line {
    Record { number: usize, bytes: Vec<u8> },
    TooLong { number: usize },
    Failed(String),
}

/// One output line, and the error to report on stderr if the record could not be corrected.
struct Answer {
    json: String,
    error: Option<Failure>,
}

impl Stream<'_> {
    pub(crate) fn run(&self, streams: &Streams) -> Result<Outcome, Failure> {
        let (lines, received) = std::sync::mpsc::sync_channel(2);
        // Ours, not stdin's own buffer: what it holds tells whether a line can be read now.
        let input = std::io::BufReader::with_capacity(1 << 16, std::io::stdin());
        // Detached: if stdout closes, the process ends without waiting for stdin.
        std::thread::spawn(move || read_lines(input, &lines));
        let pool = crate::cli::workers::pool(self.jobs).map_err(Failure)?;
        let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        in_scope(pool.as_ref(), |scope| {
            let mut writer = Writer {
                out,
                streams,
                errors: 0,
            };
            let mut incoming = Incoming {
                batches: received,
                lines: VecDeque::new(),
            };
            match self.answer(&mut incoming, &mut writer, scope) {
                Ok(()) => {}
                // A closed pipe (`| head`) is the reader's choice, not an error worth reporting.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(Outcome::Clean),
                Err(e) => return Err(Failure::at("<stdout>", io_message(&e))),
            }
            Ok(if writer.errors > 0 {
                Outcome::Failed
            } else {
                Outcome::Clean
            })
        })
    }

    /// Takes lines as they come, keeps up to `2 * jobs` of them being corrected, and writes
    /// the answers in order.
    fn answer<'s>(
        &'s self,
        lines: &mut Incoming,
        writer: &mut Writer,
        pool: Pool<'_, 's>,
    ) -> std::io::Result<()> {
        let mut ahead = Ordered::new(2 * self.jobs);
        let mut open = true;
        loop {
            while open && !ahead.is_full() {
                let line = match lines.try_next() {
                    Ok(line) => Some(line),
                    Err(TryRecvError::Disconnected) => None,
                    Err(TryRecvError::Empty) if !ahead.is_empty() => break,
                    Err(TryRecvError::Empty) => {
                        // Nothing to write until more comes: what was written must reach
                        // the reader now.
                        writer.out.flush()?;
                        lines.next()
                    }
                };
                let Some(line) = line else {
                    open = false;
                    break;
                };
                ahead.push(Pending::submit(pool, move |_| self.correct(line)));
            }
            if !ahead.front_is_done() {
                writer.out.flush()?;
            }
            let Some(pending) = ahead.pop() else {
                return writer.out.flush();
            };
            writer.write(pending.wait())?;
        }
    }

    fn correct(&self, line: Line) -> Answer {
        match line {
            Line::Record { number, bytes } => self.correct_record(number, &bytes),
            Line::TooLong { number } => failed(
                None,
                Failure(format!(
                    "{STDIN}:{number}: longer than {} MiB",
                    MAX_LINE >> 20
                )),
            ),
            Line::Failed(message) => failed(None, Failure::at(STDIN, message)),
        }
    }

    fn correct_record(&self, number: usize, bytes: &[u8]) -> Answer {
        let record: Record = match serde_json::from_slice(bytes) {
            Ok(record) => record,
            Err(e) => return failed(None, json_failure(number, &e)),
        };
        let id = record.get("id");
        match self.corrected(&record) {
            Ok(json) => Answer { json, error: None },
            Err(message) => failed(id, Failure(format!("{STDIN}:{number}: {message}"))),
        }
    }

    /// The record's line with its text corrected and its fixes.
    fn corrected(&self, record: &Record) -> Result<String, String> {
        let text = record.text()?;
        let options = ReadOptions {
            encoding: Some(Encoding::Utf8),
            format: Some(self.format),
        };
        let transcript =
            Transcript::read(text.as_bytes(), options).map_err(|e| format!("\"text\": {e}"))?;
        let proposals = self.matcher.find(&transcript);
        let applied: Vec<&Proposal> = (proposals.iter())
            .filter(|p| p.score >= self.min_score)
            .collect();
        let edits: Vec<_> = applied.iter().map(|p| p.edit()).collect();
        let corrected =
            (transcript.apply(&edits)).map_err(|e| format!("cannot apply the fixes: {e}"))?;
        let fixes = fixes(transcript.source(), &applied);
        Ok(record.with(&corrected, &fixes))
    }
}

/// The lines read, handed over in batches: one a line would cost more in waking threads than
/// in correcting short records.
struct Incoming {
    batches: Receiver<Vec<Line>>,
    lines: VecDeque<Line>,
}

impl Incoming {
    fn try_next(&mut self) -> Result<Line, TryRecvError> {
        if self.lines.is_empty() {
            self.lines.extend(self.batches.try_recv()?);
        }
        self.lines.pop_front().ok_or(TryRecvError::Empty)
    }

    /// The next line, waiting for it; `None` at the end.
    fn next(&mut self) -> Option<Line> {
        if self.lines.is_empty() {
            self.lines.extend(self.batches.recv().ok()?);
        }
        self.lines.pop_front()
    }
}

/// Where the answers go, and how many were errors.
struct Writer<'a> {
    out: std::io::BufWriter<std::io::StdoutLock<'a>>,
    streams: &'a Streams,
    errors: usize,
}

impl Writer<'_> {
    fn write(&mut self, answer: Answer) -> std::io::Result<()> {
        if let Some(failure) = &answer.error {
            self.streams.error(failure);
            self.errors += 1;
        }
        self.out.write_all(answer.json.as_bytes())?;
        self.out.write_all(b"\n")
    }
}

fn failed(id: Option<&RawValue>, failure: Failure) -> Answer {
    #[derive(Serialize)]
    struct ErrorLine<'a> {
        id: Option<&'a RawValue>,
        error: &'a str,
    }
    let line = ErrorLine {
        id,
        error: &failure.0,
    };
    Answer {
        json: serde_json::to_string(&line).unwrap_or_default(),
        error: Some(failure),
    }
}

/// `<stdin>:LINE:COLUMN: not valid JSON: what serde_json says` (its own position taken out of
/// the message), or `<stdin>:LINE: not a JSON object` for valid JSON of another type.
fn json_failure(number: usize, e: &serde_json::Error) -> Failure {
    if e.classify() == serde_json::error::Category::Data {
        return Failure(format!("{STDIN}:{number}: not a JSON object"));
    }
    let message = e.to_string();
    let message = message
        .rfind(" at line ")
        .map_or(&message[..], |i| &message[..i]);
    Failure(format!(
        "{STDIN}:{number}:{}: not valid JSON: {message}",
        e.column()
    ))
}

/// One applied fix, with its place in the input `text` in characters (Unicode code points,
/// what Python's `str` indexes).
#[derive(Serialize)]
struct Fix<'a> {
    original: &'a str,
    replacement: &'a str,
    term: &'a str,
    score: f64,
    start: usize,
    end: usize,
}

fn fixes<'a>(source: &str, applied: &[&'a Proposal]) -> Vec<Fix<'a>> {
    let (mut byte, mut chars) = (0, 0);
    let mut count_to = |to: usize| {
        chars += source[byte.min(to)..to].chars().count();
        byte = byte.max(to);
        chars
    };
    (applied.iter())
        .map(|p| Fix {
            original: &p.original,
            replacement: &p.replacement,
            term: &p.term,
            score: p.score,
            start: count_to(p.span.start),
            end: count_to(p.span.end),
        })
        .collect()
}

/// A JSON object's fields in their order, each value as written.
struct Record(Vec<(String, Box<RawValue>)>);

impl Record {
    fn get(&self, key: &str) -> Option<&RawValue> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| &**v)
    }

    fn text(&self) -> Result<String, String> {
        let mut texts = self.0.iter().filter(|(k, _)| k == "text");
        let Some((_, raw)) = texts.next() else {
            return Err("no \"text\" field".to_owned());
        };
        if texts.next().is_some() {
            return Err("\"text\" given twice".to_owned());
        }
        serde_json::from_str(raw.get()).map_err(|_| "\"text\" is not a string".to_owned())
    }

    /// The object again, with `text` replaced and `fixes` (any former one dropped) last.
    fn with(&self, text: &str, fixes: &[Fix]) -> String {
        let mut out = String::from("{");
        for (key, value) in self.0.iter().filter(|(k, _)| k != "fixes") {
            out.push_str(&json_string(key));
            out.push(':');
            if key == "text" {
                out.push_str(&json_string(text));
            } else {
                out.push_str(value.get());
            }
            out.push(',');
        }
        out.push_str("\"fixes\":");
        out.push_str(&serde_json::to_string(fixes).unwrap_or_else(|_| "[]".to_owned()));
        out.push('}');
        out
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> Visitor<'de> for Fields {
            type Value = Record;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
                let mut fields = Vec::new();
                while let Some(field) = map.next_entry::<String, Box<RawValue>>()? {
                    fields.push(field);
                }
                Ok(Record(fields))
            }
        }
        deserializer.deserialize_map(Fields)
    }
}

/// Most lines handed over at once.
const BATCH: usize = 256;

/// Reads stdin a line at a time and hands over the records, numbered from 1 (blank lines
/// are counted, not handed over), in batches: a batch goes as soon as the next line is not
/// in the buffer yet, so a line written alone is answered alone. Stops at the end, or at a
/// read error, which it hands over.
fn read_lines<R: std::io::Read>(mut input: std::io::BufReader<R>, lines: &SyncSender<Vec<Line>>) {
    let mut number = 0;
    let mut batch = Vec::new();
    loop {
        number += 1;
        let mut bytes = Vec::new();
        let line = match read_line(&mut input, &mut bytes, MAX_LINE) {
            Ok(Read::End) => {
                let _ = lines.send(batch);
                return;
            }
            Ok(Read::TooLong) => Some(Line::TooLong { number }),
            Ok(Read::Line) if bytes.trim_ascii().is_empty() => None,
            Ok(Read::Line) => Some(Line::Record { number, bytes }),
            Err(e) => Some(Line::Failed(io_message(&e))),
        };
        let stop = matches!(line, Some(Line::Failed(_)));
        batch.extend(line);
        let ready = stop || batch.len() >= BATCH || !input.buffer().contains(&b'\n');
        if ready && !batch.is_empty() && lines.send(std::mem::take(&mut batch)).is_err() || stop {
            return;
        }
    }
}

enum Read {
    Line,
    TooLong,
    End,
}

/// One line into `line`, without its line end; a line longer than `max` is read past and
/// dropped, so that memory stays bounded whatever comes in.
fn read_line(input: &mut impl BufRead, line: &mut Vec<u8>, max: usize) -> std::io::Result<Read> {
    let mut too_long = false;
    let mut any = false;
    loop {
        let buf = match input.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(if any {
                ended(line, too_long, max)
            } else {
                Read::End
            });
        }
        any = true;
        let end = buf.iter().position(|&b| b == b'\n');
        let chunk = &buf[..end.map_or(buf.len(), |i| i + 1)];
        // Room for the line end, taken off at the end.
        too_long |= line.len() + chunk.len() > max + 2;
        if too_long {
            *line = Vec::new();
        } else {
            line.extend_from_slice(chunk);
        }
        let used = chunk.len();
        input.consume(used);
        if end.is_some() {
            return Ok(ended(line, too_long, max));
        }
    }
}

/// A whole line read: its line end taken off, its length checked.
fn ended(line: &mut Vec<u8>, too_long: bool, max: usize) -> Read {
    for ending in [b'\n', b'\r'] {
        if line.last() == Some(&ending) {
            line.pop();
        }
    }
    if too_long || line.len() > max {
        Read::TooLong
    } else {
        Read::Line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &str) -> Vec<String> {
        // Through a small buffer, so that long lines come in several reads.
        let mut reader = std::io::BufReader::with_capacity(4, input.as_bytes());
        let mut out = Vec::new();
        loop {
            let mut line = Vec::new();
            match read_line(&mut reader, &mut line, 10).unwrap() {
                Read::End => return out,
                Read::TooLong => out.push("<too long>".to_owned()),
                Read::Line => out.push(String::from_utf8(line).unwrap()),
            }
        }
    }

    #[test]
    fn lines_lose_their_ends_and_the_last_needs_none() {
        assert_eq!(lines("a\nb\r\n\nc"), ["a", "b", "", "c"]);
        assert_eq!(lines(""), Vec::<String>::new());
    }

    #[test]
    fn a_line_too_long_is_dropped_and_the_next_one_read() {
        let long = "x".repeat(11);
        assert_eq!(
            lines(&format!("0123456789\r\n{long}\nnext\n{long}")),
            ["0123456789", "<too long>", "next", "<too long>"]
        );
    }

    #[test]
    fn fields_keep_their_order_and_values_as_written() {
        let record: Record = serde_json::from_str(
            r#"{"n": 1.50, "text": "a\u00e9", "id": {"k": [1, 2]}, "fixes": 3}"#,
        )
        .unwrap();
        assert_eq!(record.text().unwrap(), "aé");
        assert_eq!(
            record.with("b", &[]),
            r#"{"n":1.50,"text":"b","id":{"k": [1, 2]},"fixes":[]}"#
        );
    }

    #[test]
    fn offsets_count_characters() {
        let source = "é Naomi Levin et Ŝ Naomi Levin";
        let p = |start: usize, end: usize| Proposal {
            span: start..end,
            ..crate::cli::render::text::tests::proposal_in(
                source,
                "Naomi Levin",
                "Noémie Levain",
                1.0,
            )
        };
        let (a, b) = (p(3, 14), p(21, 32));
        assert_eq!(&source[a.span.clone()], "Naomi Levin");
        assert_eq!(&source[b.span.clone()], "Naomi Levin");
        let got: Vec<_> = fixes(source, &[&a, &b])
            .iter()
            .map(|f| (f.start, f.end))
            .collect();
        assert_eq!(got, [(2, 13), (19, 30)]);
    }
}
