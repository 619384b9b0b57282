//! The segments the matcher reads: a recogniser's segment whole, a transcript written in one
//! string cut into sentences; each with its start time and the confidences of its words.
//!
//! A long transcript is cut after a word that ends a sentence, where the speaker changes and at
//! a pause of two seconds or more: a name seldom runs across them, and each part gets the time
//! it is said at, which a proposal shows.

use std::ops::Range;

use super::align;
use super::layout::{Layout, Spoken, Words};
use super::objects::heard;
use super::tree::Node;
use crate::transcript::Segment;

/// A pause this long (seconds) between two words ends a segment.
const PAUSE: f64 = 2.0;

/// A word of a list that is read, placed in a spoken string.
struct Said<'s> {
    range: Range<usize>,
    /// Thousandths; `None` for punctuation, which is not heard.
    confidence: Option<u16>,
    start: Option<f64>,
    end: Option<f64>,
    speaker: Option<&'s str>,
}

/// The segments of the document, in order.
pub fn segments(source: &str, layout: &Layout) -> Vec<Segment> {
    let said = said(source, layout);
    let mut out = Vec::new();
    let mut cue = 0;
    for (spoken, said) in layout.spoken.iter().zip(&said) {
        let parts = if spoken.long {
            sentences(source, spoken.text.clone(), said)
        } else {
            vec![spoken.text.clone()]
        };
        for part in parts {
            if !part.is_empty() {
                out.push(segment(source, spoken, part, said, cue));
            }
            cue += 1;
        }
    }
    out
}

fn segment(
    source: &str,
    spoken: &Spoken,
    span: Range<usize>,
    said: &[Said],
    cue: usize,
) -> Segment {
    let from = said.partition_point(|w| w.range.start < span.start);
    let to = said.partition_point(|w| w.range.start < span.end);
    let inside: Vec<&Said> = (said[from..to.max(from)].iter())
        .filter(|w| w.range.end <= span.end)
        .collect();
    // A recogniser's segment has its own time; a sentence, its first word's.
    let start = if spoken.long {
        inside.iter().find_map(|w| w.start)
    } else {
        spoken.start
    };
    let confidence = (inside.iter())
        .filter_map(|w| Some((trimmed(source, w.range.clone()), w.confidence?)))
        .filter(|(range, _)| !range.is_empty())
        .collect();
    Segment {
        span,
        timestamp: start.map(timestamp),
        cue,
        speaker: None,
        confidence,
    }
}

/// The words of the lists that are read, for each spoken string, in order.
fn said<'s>(source: &'s str, layout: &Layout) -> Vec<Vec<Said<'s>>> {
    let mut out: Vec<Vec<Said>> = layout.spoken.iter().map(|_| Vec::new()).collect();
    for list in layout.words.iter().filter(|l| l.read) {
        let texts: Vec<Range<usize>> = (layout.spoken[list.follows.clone()].iter())
            .map(|s| s.text.clone())
            .collect();
        let ranges = align::words(source, &texts, list);
        for ((_, word), range) in list.items.iter().zip(ranges) {
            let Some(range) = range else {
                continue;
            };
            let k = list.follows.start + texts.partition_point(|t| t.end < range.end);
            if let Some(words) = out.get_mut(k) {
                words.push(said_word(source, list, word, range));
            }
        }
    }
    out
}

fn said_word<'s>(source: &'s str, list: &Words, word: &Node, range: Range<usize>) -> Said<'s> {
    let keys = list.keys;
    let number = |key: &str| word.path(source, key).and_then(|v| v.number(source));
    let confidence = number(keys.confidence)
        .filter(|_| heard(&source[range.clone()]))
        .map(|p| (p * 1000.0).round().clamp(0.0, 1000.0) as u16);
    let speaker = keys
        .speaker
        .and_then(|key| word.path(source, key))
        .map(|v| &source[v.span.clone()]);
    Said {
        confidence,
        start: number(keys.start).map(|t| keys.time.seconds(t)),
        end: number(keys.end).map(|t| keys.time.seconds(t)),
        speaker,
        range,
    }
}

/// A long transcript's sentences (see the module documentation), without the spaces between.
fn sentences(source: &str, text: Range<usize>, said: &[Said]) -> Vec<Range<usize>> {
    let tokens = align::split(source, text);
    let mut out = Vec::new();
    let mut first = 0;
    for k in 0..tokens.len() {
        let last = k + 1 == tokens.len();
        if last || ends_here(source, &tokens[k], &tokens[k + 1], said) {
            out.push(tokens[first].start..tokens[k].end);
            first = k + 1;
        }
    }
    out
}

/// Whether a segment ends between the words `before` and `after`.
fn ends_here<'s>(
    source: &str,
    before: &Range<usize>,
    after: &Range<usize>,
    said: &[Said<'s>],
) -> bool {
    if ends_sentence(&source[before.clone()]) {
        return true;
    }
    // The words said from `from` on, before `to`: an emptied word (a fix took its place) lies
    // between two words, and still takes its time.
    let between = |from: usize, to: usize| {
        let a = said.partition_point(|s| s.range.start < from);
        let b = said.partition_point(|s| s.range.start < to);
        &said[a..b.max(a)]
    };
    let (left, right) = (
        between(before.start, after.start),
        between(after.start, after.end),
    );
    let speaker = |words: &[Said<'s>], last: bool| -> Option<&'s str> {
        let mut it = words.iter().filter_map(|w| w.speaker);
        if last { it.next_back() } else { it.next() }
    };
    if let (Some(a), Some(b)) = (speaker(left, true), speaker(right, false))
        && a != b
    {
        return true;
    }
    let end = left.iter().rev().find_map(|w| w.end);
    let start = right.iter().find_map(|w| w.start);
    matches!((end, start), (Some(end), Some(start)) if start - end >= PAUSE)
}

/// Whether a word ends a sentence: a full stop, question or exclamation mark, closing quotes or
/// brackets after it. Only the punctuation says so, never the letters, so that a fix (which
/// replaces letters) never joins or parts two segments; an initial ("J. Smith") parts a name,
/// and a name so cut is still matched across the cut (see `propose::proposals`).
fn ends_sentence(word: &str) -> bool {
    let word = word.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']']);
    word.ends_with(['.', '?', '!', '…', '。', '？', '！'])
}

/// `range` without the whitespace at its ends.
fn trimmed(source: &str, range: Range<usize>) -> Range<usize> {
    let text = &source[range.clone()];
    let start = range.start + (text.len() - text.trim_start().len());
    let end = range.end - (text.len() - text.trim_end().len());
    start..end.max(start)
}

/// Seconds as `HH:MM:SS.mmm`.
fn timestamp(seconds: f64) -> String {
    let ms = (seconds.max(0.0) * 1000.0).round() as u64;
    let (h, m, s) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60);
    format!("{h:02}:{m:02}:{s:02}.{:03}", ms % 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_their_punctuation() {
        for word in ["notes.", "Really?", "Yes!\"", "compiler.)", "well…", "Dr."] {
            assert!(ends_sentence(word), "{word}");
        }
        for word in ["Hopper,", "Ada", "\"Ada\""] {
            assert!(!ends_sentence(word), "{word}");
        }
    }

    #[test]
    fn a_long_text_is_cut_at_sentences_speakers_and_pauses() {
        let source = "Hi there. Ada Lovlace spoke then Grace";
        let word = |w: &str, start: f64, speaker: &'static str| {
            let at = source.find(w).unwrap();
            Said {
                range: at..at + w.len(),
                confidence: None,
                start: Some(start),
                end: Some(start + 0.4),
                speaker: Some(speaker),
            }
        };
        let said = [
            word("Ada", 1.0, "A"),
            word("Lovlace", 1.5, "A"),
            word("spoke", 2.0, "A"),
            word("then", 5.0, "A"),
            word("Grace", 5.5, "B"),
        ];
        let parts: Vec<&str> = sentences(source, 0..source.len(), &said)
            .into_iter()
            .map(|r| &source[r])
            .collect();
        assert_eq!(parts, ["Hi there.", "Ada Lovlace spoke", "then", "Grace"]);
    }

    #[test]
    fn timestamps_in_hours_minutes_seconds() {
        assert_eq!(timestamp(3723.4567), "01:02:03.457");
    }
}
