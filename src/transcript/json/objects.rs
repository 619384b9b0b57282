//! Word objects for a new text, modelled on the ones they replace: the text, its normalised
//! form, the confidence and the times change; every other key is the model's, as written.
//!
//! Every new word gets the lowest confidence of the words it replaces: the corrected word was
//! not heard with more confidence than that, and the field stays present for the tools that
//! expect it. When there are as many new words as replaced ones, each keeps the times of the
//! word it replaces; otherwise the first replaced word's start and the last one's end are
//! spread over the new words by length, rounded as the service rounds them.

use std::ops::Range;

use super::layout::{Time, WordKeys};
use super::tree::Node;

/// The change that puts new word objects for `pieces` in place of the run `old` (array index
/// and node) of `array`; `None` if no old word is an object to model them on.
pub fn replace(
    source: &str,
    keys: &WordKeys,
    array: &Node,
    old: &[(usize, &Node)],
    pieces: &[&str],
) -> Option<(Range<usize>, String)> {
    let template = old.iter().map(|w| w.1).find(|w| w.is_object())?;
    let lowest = lowest_confidence(source, keys, old);
    let nodes: Vec<&Node> = old.iter().map(|w| w.1).collect();
    let times = timings(source, keys, &nodes, pieces);
    let objects: Vec<String> = (pieces.iter().zip(times))
        .map(|(piece, (start, end))| {
            let mut changes = text_changes(source, keys, template, piece, true);
            let mut set = |key: &str, value: Option<String>| {
                if let (Some(node), Some(value)) = (template.path(source, key), value) {
                    changes.push((node.span.clone(), value));
                }
            };
            set(keys.confidence, lowest.clone());
            set(keys.start, start);
            set(keys.end, end);
            splice_into(source, template.span.clone(), changes)
        })
        .collect();
    let range = nodes[0].span.start..nodes[nodes.len() - 1].span.end;
    Some((range, objects.join(&separator(source, array))))
}

/// The changes that make the word `word` say `text` with the confidence `lowest`, in place.
pub fn rewrite(
    source: &str,
    keys: &WordKeys,
    word: &Node,
    text: &str,
    lowest: Option<&str>,
) -> Vec<(Range<usize>, String)> {
    let current = keys.text_node(source, word).and_then(Node::string);
    let mut out = Vec::new();
    if current.is_some_and(|r| source[r] != *text) {
        out = text_changes(source, keys, word, text, false);
    }
    if let (Some(node), Some(lowest)) = (word.path(source, keys.confidence), lowest) {
        out.push((node.span.clone(), lowest.to_owned()));
    }
    out
}

/// The lowest confidence of the words (those that say a letter or digit: punctuation is not
/// heard), as written.
pub fn lowest_confidence(
    source: &str,
    keys: &WordKeys,
    words: &[(usize, &Node)],
) -> Option<String> {
    (words.iter())
        .filter(|(_, w)| keys.text_of(source, w).is_some_and(|r| heard(&source[r])))
        .filter_map(|(_, w)| {
            let v = w.path(source, keys.confidence)?;
            Some((v.number(source)?, &source[v.span.clone()]))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, raw)| raw.to_owned())
}

/// Whether a word says something: a letter or a digit.
pub fn heard(word: &str) -> bool {
    word.chars().any(char::is_alphanumeric)
}

/// The changes of a word's text (and its normalised form) to `text`: whole values when `whole`
/// (a new object, whatever the model held there), else the strings' contents.
fn text_changes(
    source: &str,
    keys: &WordKeys,
    word: &Node,
    text: &str,
    whole: bool,
) -> Vec<(Range<usize>, String)> {
    let value = |node: &Node, text: String| match (whole, node.string()) {
        (false, Some(contents)) => Some((contents, text)),
        (false, None) => None,
        (true, _) => Some((node.span.clone(), format!("\"{text}\""))),
    };
    let shown = keys.text_node(source, word);
    let mut out: Vec<(Range<usize>, String)> = shown
        .and_then(|n| value(n, text.to_owned()))
        .into_iter()
        .collect();
    let plain = keys.plain.and_then(|key| word.path(source, key));
    if let Some(plain) = plain.filter(|p| shown.is_none_or(|s| s.span != p.span)) {
        let old = plain.string().map_or("", |r| &source[r]);
        out.extend(value(plain, normalised(text, old)));
    }
    out
}

/// A word as the recogniser normalises it, after the model `old`: without the punctuation
/// around it, and in lower case if `old` is.
fn normalised(text: &str, old: &str) -> String {
    let bare = text.trim_matches(|c: char| !c.is_alphanumeric());
    if old == old.to_lowercase() {
        bare.to_lowercase()
    } else {
        bare.to_owned()
    }
}

/// `source[range]` with `changes` (inside it) made; changes that overlap an earlier one are
/// left out.
fn splice_into(
    source: &str,
    range: Range<usize>,
    mut changes: Vec<(Range<usize>, String)>,
) -> String {
    changes.sort_by_key(|(r, _)| r.start);
    let mut out = String::new();
    let mut last = range.start;
    for (r, text) in changes {
        if r.start < last || r.end > range.end {
            continue;
        }
        out.push_str(&source[last..r.start]);
        out.push_str(&text);
        last = r.end;
    }
    out.push_str(&source[last..range.end]);
    out
}

/// The text between two items of the array, as the file writes it.
fn separator(source: &str, array: &Node) -> String {
    let words = array.items().unwrap_or_default();
    if let [a, b, ..] = words {
        return source[a.span.end..b.span.start].to_owned();
    }
    let after_open = source
        .get(array.span.start + 1..words.first().map_or(array.span.start + 1, |w| w.span.start))
        .unwrap_or_default();
    if after_open.contains('\n') {
        return format!(",{after_open}");
    }
    // One line: Python writes ", " between items, compact writers ",".
    let object = words.first().map_or("", |w| &source[w.span.clone()]);
    match object.find(',') {
        Some(p) if object[p + 1..].starts_with(' ') => ", ".into(),
        _ => ",".into(),
    }
}

/// The start and end of each new word, as JSON text (see the module documentation). `None`
/// where the word that gives it has no such key: the model's own stays.
fn timings(
    source: &str,
    keys: &WordKeys,
    old: &[&Node],
    pieces: &[&str],
) -> Vec<(Option<String>, Option<String>)> {
    let raw = |node: &Node, key: &str| {
        node.path(source, key)
            .map(|v| source[v.span.clone()].to_owned())
    };
    let timed =
        |w: &&Node| w.path(source, keys.start).is_some() && w.path(source, keys.end).is_some();
    if old.len() == pieces.len() && old.iter().all(timed) {
        return (old.iter())
            .map(|w| (raw(w, keys.start), raw(w, keys.end)))
            .collect();
    }
    let (first, last) = (old[0], old[old.len() - 1]);
    let (start_raw, end_raw) = (raw(first, keys.start), raw(last, keys.end));
    let number = |node: &Node, key: &str| node.path(source, key).and_then(|v| v.number(source));
    let same = vec![(start_raw.clone(), end_raw.clone()); pieces.len()];
    // Times a float cannot hold (`1e400`) or whose span it cannot (`-1e308` to `1e308`) are
    // not spread: a bound would be written `inf` or `NaN`, which is no JSON.
    let (Some(start), Some(end)) = (number(first, keys.start), number(last, keys.end)) else {
        return same;
    };
    if !(end - start).is_finite() {
        return same;
    }
    let bounds = bounds(start, end, pieces, keys.time);
    (0..pieces.len())
        .map(|k| {
            let s = if k == 0 {
                start_raw.clone()
            } else {
                Some(bounds[k - 1].clone())
            };
            let e = if k + 1 == pieces.len() {
                end_raw.clone()
            } else {
                Some(bounds[k].clone())
            };
            (s, e)
        })
        .collect()
}

/// The times between the new words, from `start` to `end` shared by length.
fn bounds(start: f64, end: f64, pieces: &[&str], time: Time) -> Vec<String> {
    let weights: Vec<usize> = (pieces.iter())
        .map(|p| p.trim().chars().count().max(1))
        .collect();
    let total: usize = weights.iter().sum();
    let mut out = Vec::new();
    let mut sum = 0;
    for w in &weights[..weights.len() - 1] {
        sum += w;
        let t = start + (end - start) * sum as f64 / total as f64;
        out.push(written(t, time));
    }
    out
}

/// A time as the service writes it.
fn written(t: f64, time: Time) -> String {
    match time {
        Time::Seconds { decimals } => {
            let scale = 10f64.powi(decimals);
            let rounded = (t * scale).round() / scale;
            python_float(if rounded.is_finite() { rounded } else { t })
        }
        Time::Millis if t.abs() < 9e15 => format!("{}", t.round() as i64),
        Time::Millis => python_float(t),
    }
}

/// A float as Python's `repr` writes it (`1.0`, not `1`).
fn python_float(x: f64) -> String {
    let s = format!("{x}");
    if s.contains(['.', 'e', 'E', 'i', 'N']) {
        s
    } else {
        s + ".0"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_as_python_writes_them() {
        assert_eq!(python_float(1.0), "1.0");
        assert_eq!(python_float(1.28), "1.28");
        assert_eq!(written(1234.6, Time::Millis), "1235");
        assert_eq!(written(1.23456, Time::Seconds { decimals: 3 }), "1.235");
    }

    #[test]
    fn normalised_words_follow_their_model() {
        assert_eq!(normalised("Lovelace.", "lovlace"), "lovelace");
        assert_eq!(normalised("\\\"Ada\\\"", "Ada"), "Ada");
        assert_eq!(normalised("...", "x"), "");
    }
}
