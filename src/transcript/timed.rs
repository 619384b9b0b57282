//! Caption pages: page lines (title, age, description, category), an optional `Transcript`
//! line, then timed lines such as `00:05 text`, `00:00:05text`, `[00:05] text` or
//! `0:08.8 | text |`.
//!
//! The page lines are frozen: they were written by people (the description even spells the
//! names right), so only the timed section is editable. Descriptions can mention times
//! ("rendez-vous à 20:00") or hold chapter lists, hence the care in finding where the timed
//! section starts.

use super::Segment;
use super::scan::{self, Line};
use std::ops::Range;

/// A timed line, split into its (local) timestamp and text ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Timed {
    timestamp: Range<usize>,
    text: Range<usize>,
    bracketed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Blank,
    Timed(Timed),
    Other,
}

pub(super) fn looks_like(source: &str) -> bool {
    let lines = scan::lines(source);
    section_start(&lines, &classify(&lines)).is_some()
}

pub(super) fn segments(source: &str) -> Vec<Segment> {
    let lines = scan::lines(source);
    let kinds = classify(&lines);
    let Some(start) = section_start(&lines, &kinds).or_else(|| first_timed(&kinds)) else {
        return Vec::new();
    };
    let last_timed = kinds
        .iter()
        .rposition(|k| matches!(k, Kind::Timed(_)))
        .unwrap_or(start);
    let mut section = Section::default();
    for (i, (line, kind)) in lines.iter().zip(&kinds).enumerate().skip(start) {
        section.read(line, kind, i > last_timed);
    }
    section.out
}

/// State while reading the timed section.
#[derive(Default)]
struct Section {
    out: Vec<Segment>,
    cue: Option<usize>,
    timestamp: Option<String>,
    in_footer: bool,
}

impl Section {
    fn read(&mut self, line: &Line, kind: &Kind, after_last_timed: bool) {
        match kind {
            Kind::Timed(timed) => {
                self.cue = Some(self.cue.map_or(0, |c| c + 1));
                self.timestamp = Some(line.text[timed.timestamp.clone()].to_owned());
                self.push(line.trimmed(timed.text.clone()));
            }
            // A blank line after the last timed line starts the page footer
            // ("Recommandations", related videos): not part of the transcript.
            Kind::Blank => self.in_footer |= after_last_timed,
            // Continuation of the previous timed line (a caption wrapped over two lines).
            Kind::Other if !self.in_footer => self.push(line.trimmed(0..line.text.len())),
            Kind::Other => {}
        }
    }

    fn push(&mut self, span: Option<Range<usize>>) {
        if let Some(span) = span {
            self.out.push(Segment {
                span,
                timestamp: self.timestamp.clone(),
                cue: self.cue.unwrap_or(0),
                speaker: None,
                confidence: Vec::new(),
            });
        }
    }
}

fn classify(lines: &[Line]) -> Vec<Kind> {
    lines
        .iter()
        .map(|line| {
            if line.is_blank() {
                Kind::Blank
            } else {
                parse_timed(line.text).map_or(Kind::Other, Kind::Timed)
            }
        })
        .collect()
}

fn parse_timed(text: &str) -> Option<Timed> {
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    let (timestamp, after, bracketed) = match scan::bracketed_timestamp(rest) {
        Some((len, inner)) => (lead + inner.start..lead + inner.end, lead + len, true),
        None => {
            let len = scan::timestamp_len(rest)?;
            (lead..lead + len, lead + len, false)
        }
    };
    Some(Timed {
        timestamp,
        text: piped_text(text, after),
        bracketed,
    })
}

/// The text after the timestamp; for the `| text |` style, only what is inside the bars.
fn piped_text(text: &str, after: usize) -> Range<usize> {
    let body = &text[after..];
    let trimmed = body.trim_start();
    let Some(inner) = trimmed.strip_prefix('|') else {
        return after..text.len();
    };
    let start = text.len() - inner.len();
    let inner = inner.trim_end();
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    start..start + inner.len()
}

fn first_timed(kinds: &[Kind]) -> Option<usize> {
    kinds.iter().position(|k| matches!(k, Kind::Timed(_)))
}

/// Where the timed section begins: after a `Transcript` line, else at the first timed line
/// closely followed by another, else at the first of several `00:05 text` lines.
fn section_start(lines: &[Line], kinds: &[Kind]) -> Option<usize> {
    after_marker(lines, kinds)
        .or_else(|| first_close_pair(kinds))
        .or_else(|| first_of_bare(kinds))
}

fn is_marker(text: &str) -> bool {
    let text = text.trim().trim_end_matches(':').trim_end();
    const MARKERS: [&str; 5] = [
        "transcript",
        "transcription",
        "transcripción",
        "trascrizione",
        "transkript",
    ];
    MARKERS.contains(&text.to_lowercase().as_str())
}

fn after_marker(lines: &[Line], kinds: &[Kind]) -> Option<usize> {
    lines.iter().enumerate().find_map(|(i, line)| {
        if !is_marker(line.text) {
            return None;
        }
        let next = (i + 1..kinds.len()).find(|&j| kinds[j] != Kind::Blank)?;
        matches!(kinds[next], Kind::Timed(_)).then_some(next)
    })
}

/// A timed line followed, within three lines and without a blank line, by another one. Times
/// in prose rarely come that close; `0:05` on its own line followed by its text does.
fn first_close_pair(kinds: &[Kind]) -> Option<usize> {
    (0..kinds.len()).find(|&i| {
        matches!(kinds[i], Kind::Timed(_))
            && kinds[i + 1..]
                .iter()
                .take(3)
                .take_while(|k| **k != Kind::Blank)
                .any(|k| matches!(k, Kind::Timed(_)))
    })
}

/// Timed lines separated by blank lines: unbracketed ones only, since `[00:01:10]` paragraphs
/// are the plain format.
fn first_of_bare(kinds: &[Kind]) -> Option<usize> {
    let mut bare =
        (0..kinds.len()).filter(|&i| matches!(&kinds[i], Kind::Timed(t) if !t.bracketed));
    let first = bare.next()?;
    bare.next().map(|_| first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(source: &str) -> Vec<&str> {
        crate::transcript::segment_texts(source, segments)
    }

    #[test]
    fn header_is_frozen_after_transcript_line() {
        let source = "Title\nOn at 20:00 tonight\nTranscript\n00:03 hello there\n00:12 bye\n";
        assert!(looks_like(source));
        assert_eq!(texts(source), vec!["hello there", "bye"]);
        let segs = segments(source);
        assert_eq!(segs[1].timestamp.as_deref(), Some("00:12"));
        assert_eq!(segs[1].cue, 1);
    }

    #[test]
    fn timestamp_styles() {
        let source = "00:00:02all right\n00:05text\n[00:07] bracketed\n0:08.8 | piped text |\n";
        assert_eq!(
            texts(source),
            vec!["all right", "text", "bracketed", "piped text"]
        );
        assert_eq!(segments(source)[2].timestamp.as_deref(), Some("00:07"));
    }

    #[test]
    fn time_in_description_does_not_start_the_section() {
        let source =
            "Show\n20:00 on Monday, as always\n\nTranscription\n00:00 first\n00:02 second\n";
        assert_eq!(texts(source), vec!["first", "second"]);
    }

    #[test]
    fn without_marker_the_first_close_pair_starts_the_section() {
        let source = "Show at 20:00\n12:30 lunch break\n\n00:00 first\n00:02 second\n";
        assert_eq!(texts(source), vec!["first", "second"]);
    }

    #[test]
    fn continuation_lines_are_text_but_the_footer_is_not() {
        let source = "Transcript\n0:00\nhello\n0:05 world\nwrapped\n\nRecommandations\n";
        let segs = segments(source);
        assert_eq!(texts(source), vec!["hello", "world", "wrapped"]);
        assert_eq!(segs[0].timestamp.as_deref(), Some("0:00"));
        assert_eq!(segs[2].cue, 1);
    }

    #[test]
    fn paragraphs_with_bracketed_markers_are_not_timed() {
        assert!(!looks_like(
            "Title\n\n[00:00:03] hello\n\n[00:00:11] there\n"
        ));
        assert!(looks_like("00:03 hello\n\n00:11 there\n"));
    }

    #[test]
    fn marker_variants() {
        assert!(is_marker("Transcript"));
        assert!(is_marker("  TRANSCRIPTION : "));
        assert!(is_marker("Transcripción"));
        assert!(!is_marker("Transcript of the show"));
    }

    #[test]
    fn crlf_and_bom() {
        let source = "\u{feff}Transcript\r\n00:01 a b\r\n00:02 c";
        assert_eq!(texts(source), vec!["a b", "c"]);
    }
}
