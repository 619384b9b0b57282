//! Whisper JSON (`openai-whisper --output_format json`): `text`, `segments[].text` and optional
//! `segments[].words[]`. The segment texts are the spoken text; writing keeps `text` and
//! `words` consistent with them and every other field as it was.
//!
//! **Reading.** The file is checked with serde_json, then rewritten once into a canonical form
//! in which every string holds its characters raw (`\u00e9` → `é`, `\ud83d\ude00` → `😀`,
//! `\/` → `/`); only `\"`, `\\` and control characters stay escaped. Nothing outside the
//! strings changes, so the layout, the numbers and the line numbers stay the file's. That
//! canonical text is the transcript's `source`: the segment spans (the contents of each
//! `segments[i].text`, between the quotes) hold real characters, as the matcher expects.
//! The file's own text is kept and written back from.
//!
//! **Writing.** Only the strings and word lists an edit changes are rewritten; every other byte
//! is the file's, so no edit means the file byte for byte. A changed segment text is written
//! back into the top-level `text` (whisper's `text` is the concatenation of the segment texts)
//! and its `words[]`: the words an edit overlaps are replaced by the words of the new text,
//! split at spaces (each keeps its leading space). When there are as many new words as
//! replaced ones, each keeps the timing of the word it replaces; otherwise the first replaced
//! word's `start` and the last one's `end` are spread over the new words by length (rounded to
//! 0.01 s, as whisper does). Every new word gets the lowest `probability` of the words it
//! replaces: the corrected word was not heard with more confidence than that, and the field
//! stays present for the tools that expect it. Any other key of a word is copied from the
//! first replaced word. Segment `tokens` (token ids) are left as they were. Non-ASCII
//! characters are written as `\uXXXX`, as Python's `json.dump` does by default, unless the file
//! holds raw non-ASCII characters already.

use serde::Deserialize;
use std::ops::Range;

use super::{Edit, Segment, TranscriptError};

/// Whether the text is a Whisper JSON document: an object with a `segments` array whose items
/// have a string `text`.
pub fn looks_like(source: &str) -> bool {
    let body = without_bom(source);
    if !body.trim_start().starts_with('{') || !body.contains("\"segments\"") {
        return false;
    }
    #[derive(Deserialize)]
    struct Probe {
        #[serde(rename = "segments")]
        _segments: Vec<ProbeSegment>,
    }
    #[derive(Deserialize)]
    struct ProbeSegment {
        #[serde(rename = "text")]
        _text: String,
    }
    serde_json::from_str::<Probe>(body).is_ok()
}

/// The top-level `language` Whisper detected ("en", or a name: "english"), as written.
pub fn language(source: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Top {
        language: Option<String>,
    }
    let top: Top = serde_json::from_str(without_bom(source)).ok()?;
    top.language.filter(|l| !l.trim().is_empty())
}

/// The file's text as the transcript's source: escapes decoded inside strings (see the module
/// documentation). The second value is the file's own text when it differs.
pub fn canonical(text: String) -> Result<(String, Option<String>), TranscriptError> {
    serde_json::from_str::<serde::de::IgnoredAny>(without_bom(&text))
        .map_err(|e| TranscriptError::NotWhisperJson(e.to_string()))?;
    let (canonical, shifts) = unescape(&text);
    if shifts.is_empty() {
        Ok((text, None))
    } else {
        Ok((canonical, Some(text)))
    }
}

/// The editable spans: the contents of each `segments[].text` string of the canonical text.
pub fn segments(source: &str) -> Result<Vec<Segment>, TranscriptError> {
    let doc = Doc::parse(source)?;
    let mut out = Vec::new();
    for (cue, item) in doc.items.iter().enumerate() {
        let Some(text) = item.text.clone() else {
            return Err(TranscriptError::NotWhisperJson(format!(
                "segment {cue} has no `text` string"
            )));
        };
        if text.is_empty() {
            continue;
        }
        let start = item
            .node
            .get(source, "start")
            .and_then(|n| n.number(source));
        let mut confidence = Vec::new();
        if let Some(words) = item.words(source) {
            for (word, range) in words.iter().zip(word_ranges(source, &text, words)) {
                let p = word
                    .get(source, "probability")
                    .and_then(|n| n.number(source));
                if let (Some(p), Some(range)) = (p, range) {
                    let range = trimmed(source, range);
                    if !range.is_empty() {
                        confidence.push((range, (p * 1000.0).round().clamp(0.0, 1000.0) as u16));
                    }
                }
            }
        }
        out.push(Segment {
            span: text,
            timestamp: start.map(timestamp),
            cue,
            speaker: None,
            confidence,
        });
    }
    Ok(out)
}

/// The file's text (`original`) with `edits` (ranges of the canonical `source`) applied to the
/// segment texts, `text` and `words` kept consistent. Edits must lie inside segment texts.
pub fn apply(original: &str, source: &str, edits: &[Edit]) -> Result<String, TranscriptError> {
    if edits.is_empty() {
        return Ok(original.to_owned());
    }
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    for pair in sorted.windows(2) {
        if pair[1].span.start < pair[0].span.end {
            return Err(TranscriptError::Edit(format!(
                "overlapping edits at byte {}",
                pair[1].span.start
            )));
        }
    }
    let doc = Doc::parse(source)?;
    // Canonical ranges and their new canonical text.
    let mut changes: Vec<(Range<usize>, String)> = Vec::new();
    // Old and (if changed) new text of every segment, for the top-level `text`.
    let mut texts: Vec<(&str, Option<String>)> = Vec::new();
    let mut applied = 0;
    for item in &doc.items {
        let Some(content) = item.text.clone() else {
            continue;
        };
        let mine: Vec<&Edit> = sorted
            .iter()
            .copied()
            .filter(|e| content.start <= e.span.start && e.span.end <= content.end)
            .collect();
        let old = &source[content.clone()];
        if mine.is_empty() {
            texts.push((old, None));
            continue;
        }
        applied += mine.len();
        check_escapes(source, &content, &mine)?;
        let new = splice(source, content.clone(), &mine);
        if let Some(words) = item.words(source) {
            changes.extend(word_changes(source, &content, item, words, &mine));
        }
        changes.push((content, new.clone()));
        texts.push((old, Some(new)));
    }
    if applied < sorted.len() {
        return Err(TranscriptError::Edit(
            "an edit lies outside the segment texts".into(),
        ));
    }
    if let Some(top) = doc.text.clone()
        && let Some(new) = updated_text(&source[top.clone()], &texts)
    {
        changes.push((top, new));
    }
    let out = write_back(original, changes);
    serde_json::from_str::<serde::de::IgnoredAny>(without_bom(&out)).map_err(|e| {
        TranscriptError::Edit(format!("the corrected Whisper JSON would be invalid: {e}"))
    })?;
    Ok(out)
}

/// Splices the canonical `changes` into the file's text, written in the file's style.
fn write_back(original: &str, mut changes: Vec<(Range<usize>, String)>) -> String {
    let (_, shifts) = unescape(original);
    let ascii = without_bom(original).is_ascii();
    // A canonical offset outside the decoded strings (or at their ends) in the file's text.
    let to_original = |p: usize| {
        let k = shifts.partition_point(|s| s.canonical.end <= p);
        k.checked_sub(1)
            .map_or(p, |k| p - shifts[k].canonical.end + shifts[k].original.end)
    };
    changes.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(original.len() + 64);
    let mut last = 0;
    for (range, text) in changes {
        let (start, end) = (to_original(range.start), to_original(range.end));
        out.push_str(&original[last..start]);
        if ascii {
            escape_non_ascii(&text, &mut out);
        } else {
            out.push_str(&text);
        }
        last = end;
    }
    out.push_str(&original[last..]);
    out
}

/// Python's `ensure_ascii`: every non-ASCII character as `\uXXXX` (surrogate pairs beyond the
/// BMP, lowercase hex). Outside strings JSON text is ASCII, so a whole fragment can go through.
fn escape_non_ascii(text: &str, out: &mut String) {
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
}

/// `source[range]` with the edits (inside it, sorted) applied, replacements escaped as JSON.
fn splice(source: &str, range: Range<usize>, edits: &[&Edit]) -> String {
    let mut out = String::new();
    let mut last = range.start;
    for e in edits {
        out.push_str(&source[last..e.span.start]);
        escape_into(&e.replacement, &mut out);
        last = e.span.end;
    }
    out.push_str(&source[last..range.end]);
    out
}

/// Escapes for the inside of a JSON string, as the canonical form keeps them.
fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
}

/// An edit that starts or ends inside an escape sequence (`\"`, `\n`, `\u0001`) would break it.
fn check_escapes(
    source: &str,
    content: &Range<usize>,
    edits: &[&Edit],
) -> Result<(), TranscriptError> {
    let bytes = source.as_bytes();
    let mut i = content.start;
    while i < content.end {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let len = if bytes.get(i + 1) == Some(&b'u') {
            6
        } else {
            2
        };
        let inside = |p: usize| i < p && p < i + len;
        if let Some(e) = edits
            .iter()
            .find(|e| inside(e.span.start) || inside(e.span.end))
        {
            return Err(TranscriptError::Edit(format!(
                "edit at bytes {}..{} cuts an escape sequence",
                e.span.start, e.span.end
            )));
        }
        i += len;
    }
    Ok(())
}

/// The top-level `text` with the changed segment texts written in, each found after the
/// previous one; `None` when nothing changed (or no changed segment was found in it).
fn updated_text(top: &str, texts: &[(&str, Option<String>)]) -> Option<String> {
    let mut out = String::with_capacity(top.len() + 64);
    let (mut last, mut cursor, mut changed) = (0, 0, false);
    for (old, new) in texts {
        let old_trim = old.trim();
        if old_trim.is_empty() {
            continue;
        }
        // Whole, as whisper writes it; else without the segment's surrounding spaces.
        let found = if top[cursor..].starts_with(old) {
            Some((cursor, *old))
        } else if let Some(p) = top[cursor..].find(old) {
            Some((cursor + p, *old))
        } else {
            top[cursor..].find(old_trim).map(|p| (cursor + p, old_trim))
        };
        let Some((at, matched)) = found else {
            continue;
        };
        if let Some(new) = new {
            let new = if matched.len() == old.len() {
                new.as_str()
            } else {
                new.trim()
            };
            out.push_str(&top[last..at]);
            out.push_str(new);
            last = at + matched.len();
            changed = true;
        }
        cursor = at + matched.len();
    }
    out.push_str(&top[last..]);
    changed.then_some(out)
}

/// The new word objects for the words the edits of one segment overlap: canonical ranges of
/// the `words` array and their replacement.
fn word_changes(
    source: &str,
    content: &Range<usize>,
    item: &Item,
    words: &[Node],
    edits: &[&Edit],
) -> Vec<(Range<usize>, String)> {
    let ranges = word_ranges(source, content, words);
    // Runs of overlapped words (first, last) and the edits inside them.
    let mut groups: Vec<(usize, usize, Vec<&Edit>)> = Vec::new();
    for &e in edits {
        let hit = |r: &Range<usize>| {
            if e.span.is_empty() {
                r.start <= e.span.start && e.span.start <= r.end // an insertion: the word it touches
            } else {
                r.start < e.span.end && e.span.start < r.end
            }
        };
        let overlapped: Vec<usize> = (ranges.iter().enumerate())
            .filter(|(_, r)| r.as_ref().is_some_and(hit))
            .map(|(k, _)| k)
            .collect();
        let (Some(&first), Some(&last)) = (overlapped.first(), overlapped.last()) else {
            continue; // no word of the list says these characters: nothing to update
        };
        match groups.last_mut() {
            Some(g) if first <= g.1 => {
                g.1 = g.1.max(last);
                g.2.push(e);
            }
            _ => groups.push((first, last, vec![e])),
        }
    }
    let separator = separator(source, item, words);
    let mut out = Vec::new();
    for (first, last, group) in groups {
        let (Some(from), Some(to)) = (ranges[first].as_ref(), ranges[last].as_ref()) else {
            continue;
        };
        let run = from.start.min(group[0].span.start)..to.end.max(group[group.len() - 1].span.end);
        let text = splice(source, run, &group);
        let pieces = split_words(&text);
        let (old, pieces) = changed_words(source, &words[first..=last], &pieces);
        if old.is_empty() || pieces.is_empty() {
            continue;
        }
        let objects = new_words(source, old, pieces);
        if objects.is_empty() {
            continue; // no word object to model the new ones on: the list stays as it was
        }
        out.push((
            old[0].span.start..old[old.len() - 1].span.end,
            objects.join(&separator),
        ));
    }
    out
}

/// The replaced words and their replacements without the words that stay the same at either
/// end ("Ada Lovlace" → "Ada Lovelace" replaces " Lovlace" only), keeping at least one word on
/// each side. Empty when nothing changes.
fn changed_words<'n, 'p>(
    source: &str,
    old: &'n [Node],
    pieces: &'p [&'p str],
) -> (&'n [Node], &'p [&'p str]) {
    let same = |w: &Node, piece: &str| {
        w.get(source, "word")
            .and_then(|v| v.string(source))
            .is_some_and(|r| source[r] == *piece)
    };
    let shortest = old.len().min(pieces.len());
    let mut prefix = (0..shortest)
        .take_while(|&k| same(&old[k], pieces[k]))
        .count();
    let mut suffix = (0..shortest - prefix)
        .take_while(|&k| same(&old[old.len() - 1 - k], pieces[pieces.len() - 1 - k]))
        .count();
    if prefix + suffix == old.len() && old.len() == pieces.len() {
        return (&[], &[]);
    }
    // Words added or removed: one old word at least to take their place.
    while prefix + suffix >= shortest && prefix + suffix > 0 {
        if suffix > 0 {
            suffix -= 1;
        } else {
            prefix -= 1;
        }
    }
    (
        &old[prefix..old.len() - suffix],
        &pieces[prefix..pieces.len() - suffix],
    )
}

/// The text between two items of the `words` array, as the file writes it.
fn separator(source: &str, item: &Item, words: &[Node]) -> String {
    if let [a, b, ..] = words {
        return source[a.span.end..b.span.start].to_owned();
    }
    let array = item
        .node
        .get(source, "words")
        .map_or(0..0, |n| n.span.clone());
    let after_open = source
        .get(array.start + 1..words.first().map_or(array.start + 1, |w| w.span.start))
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

/// New word objects, modelled on the first of the `old` ones that is an object, for the words
/// `pieces`; none if no old one is. A time the replaced words do not give (a word without
/// `start` or `end`) stays as the model has it.
fn new_words(source: &str, old: &[Node], pieces: &[&str]) -> Vec<String> {
    let Some((template, members)) = old.iter().find_map(|w| match &w.value {
        Value::Object(members) => Some((w, members)),
        _ => None,
    }) else {
        return Vec::new();
    };
    // The lowest probability of the replaced words, as written.
    let probability = (old.iter())
        .filter_map(|w| {
            let v = w.get(source, "probability")?;
            Some((v.number(source)?, &source[v.span.clone()]))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, raw)| raw.to_owned());
    let times = timings(source, old, pieces);
    (pieces.iter().zip(times))
        .map(|(piece, (start, end))| {
            let mut object = String::new();
            let mut last = template.span.start;
            for (key, value) in members {
                let new = match &source[key.clone()] {
                    "word" => format!("\"{piece}\""),
                    "start" => match &start {
                        Some(start) => start.clone(),
                        None => continue,
                    },
                    "end" => match &end {
                        Some(end) => end.clone(),
                        None => continue,
                    },
                    "probability" => match &probability {
                        Some(p) => p.clone(),
                        None => continue,
                    },
                    _ => continue,
                };
                object.push_str(&source[last..value.span.start]);
                object.push_str(&new);
                last = value.span.end;
            }
            object.push_str(&source[last..template.span.end]);
            object
        })
        .collect()
}

/// `start` and `end` of each new word, as JSON text: the replaced words' own when there are as
/// many (and all have both), else the first's start and the last's end spread over the new
/// words by length. `None` where the word that gives it has no such key.
fn timings(source: &str, old: &[Node], pieces: &[&str]) -> Vec<(Option<String>, Option<String>)> {
    let raw = |node: &Node, key: &str| {
        node.get(source, key)
            .map(|v| source[v.span.clone()].to_owned())
    };
    let timed = |w: &Node| w.get(source, "start").is_some() && w.get(source, "end").is_some();
    if old.len() == pieces.len() && old.iter().all(timed) {
        return old
            .iter()
            .map(|w| (raw(w, "start"), raw(w, "end")))
            .collect();
    }
    let first = &old[0];
    let last = &old[old.len() - 1];
    let (start_raw, end_raw) = (raw(first, "start"), raw(last, "end"));
    let number = |node: &Node, key: &str| node.get(source, key).and_then(|v| v.number(source));
    // Times a float cannot hold (`1e400`) or whose span it cannot (`-1e308` to `1e308`) are
    // not spread: a bound would be written `inf` or `NaN`, which is no JSON.
    let (Some(start), Some(end)) = (number(first, "start"), number(last, "end")) else {
        return vec![(start_raw, end_raw); pieces.len()];
    };
    if !(end - start).is_finite() {
        return vec![(start_raw, end_raw); pieces.len()];
    }
    let weights: Vec<usize> = (pieces.iter())
        .map(|p| p.trim().chars().count().max(1))
        .collect();
    let total: usize = weights.iter().sum();
    let mut bounds = Vec::new();
    let mut sum = 0;
    for w in &weights[..weights.len() - 1] {
        sum += w;
        let t = start + (end - start) * sum as f64 / total as f64;
        let rounded = (t * 100.0).round() / 100.0;
        bounds.push(python_float(if rounded.is_finite() { rounded } else { t }));
    }
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

/// A float as Python's `repr` writes it (`1.0`, not `1`).
fn python_float(x: f64) -> String {
    let s = format!("{x}");
    if s.contains(['.', 'e', 'E', 'i', 'N']) {
        s
    } else {
        s + ".0"
    }
}

/// The text cut into words as whisper lists them: each with its leading spaces; trailing
/// spaces stay with the last word. Never empty.
fn split_words(text: &str) -> Vec<&str> {
    let mut starts = vec![0];
    let (mut after_space, mut seen_word) = (false, false);
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if space && !after_space && seen_word {
            starts.push(i);
        }
        seen_word |= !space;
        after_space = space;
    }
    if let [.., _, last] = starts[..]
        && text[last..].trim().is_empty()
    {
        starts.pop();
    }
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    starts.iter().zip(ends).map(|(&a, b)| &text[a..b]).collect()
}

/// Where each word of `words` lies in the segment text `content` (canonical, absolute), found
/// in order; `None` for a word that is not there.
fn word_ranges(source: &str, content: &Range<usize>, words: &[Node]) -> Vec<Option<Range<usize>>> {
    let text = &source[content.clone()];
    let mut cursor = 0;
    words
        .iter()
        .map(|w| {
            let word = w.get(source, "word")?.string(source)?;
            let word = &source[word];
            let (at, len) = if text[cursor..].starts_with(word) {
                (cursor, word.len())
            } else if let Some(p) = text[cursor..].find(word).filter(|_| !word.is_empty()) {
                (cursor + p, word.len())
            } else {
                let trim = word.trim();
                let p = text[cursor..].find(trim).filter(|_| !trim.is_empty())?;
                (cursor + p, trim.len())
            };
            cursor = at + len;
            Some(content.start + at..content.start + at + len)
        })
        .collect()
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

fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// A string whose contents the canonical form changed: its contents in both texts.
struct Shift {
    original: Range<usize>,
    canonical: Range<usize>,
}

/// The canonical form of a valid JSON text (see the module documentation), and the strings
/// it changed, in order.
fn unescape(text: &str) -> (String, Vec<Shift>) {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut shifts = Vec::new();
    let (mut i, mut copied) = (0, 0);
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        let start = i + 1;
        let (mut j, mut escaped) = (start, false);
        while j < bytes.len() && bytes[j] != b'"' {
            escaped |= bytes[j] == b'\\';
            j += if bytes[j] == b'\\' { 2 } else { 1 };
        }
        let end = j.min(bytes.len());
        if escaped {
            let decoded = decode(&text[start..end]);
            if decoded != text[start..end] {
                if out.is_empty() {
                    out.reserve(text.len());
                }
                out.push_str(&text[copied..start]);
                let at = out.len();
                out.push_str(&decoded);
                shifts.push(Shift {
                    original: start..end,
                    canonical: at..out.len(),
                });
                copied = end;
            }
        }
        i = end + 1;
    }
    if shifts.is_empty() {
        return (String::new(), shifts);
    }
    out.push_str(&text[copied..]);
    (out, shifts)
}

/// The contents of a JSON string with its escapes decoded, but for `\"`, `\\` and control
/// characters.
fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('\\') {
        out.push_str(&rest[..p]);
        let esc = &rest[p..];
        let hex = |from: usize| {
            esc.get(from..from + 4)
                .and_then(|h| u32::from_str_radix(h, 16).ok())
        };
        let len = match esc.as_bytes().get(1) {
            Some(b'/') => {
                out.push('/');
                2
            }
            Some(b'u') => match hex(2) {
                Some(high @ 0xD800..0xDC00) => {
                    let low = hex(8)
                        .filter(|l| esc[6..].starts_with("\\u") && (0xDC00..0xE000).contains(l));
                    match low.and_then(|l| {
                        char::from_u32(0x10000 + ((high - 0xD800) << 10) + (l - 0xDC00))
                    }) {
                        Some(c) => {
                            out.push(c);
                            12
                        }
                        None => {
                            out.push_str(&esc[..6]); // a lone surrogate has no character
                            6
                        }
                    }
                }
                Some(unit) => {
                    match char::from_u32(unit) {
                        Some('"') => out.push_str("\\\""),
                        Some('\\') => out.push_str("\\\\"),
                        Some(c) if c >= ' ' => out.push(c),
                        _ => out.push_str(&esc[..6]),
                    }
                    6
                }
                None => {
                    out.push_str(&esc[..2]);
                    2
                }
            },
            Some(_) => {
                let len = esc[1..].chars().next().map_or(1, |c| 1 + c.len_utf8());
                out.push_str(&esc[..len]);
                len
            }
            None => {
                out.push('\\');
                1
            }
        };
        rest = &esc[len..];
    }
    out.push_str(rest);
    out
}

/// A JSON value and its byte range in the text parsed.
struct Node {
    span: Range<usize>,
    value: Value,
}

enum Value {
    /// Members: the key's contents (between the quotes) and the value.
    Object(Vec<(Range<usize>, Node)>),
    Array(Vec<Node>),
    String,
    /// Numbers, `true`, `false`, `null`.
    Other,
}

impl Node {
    /// The value of `key`, in an object.
    fn get(&self, source: &str, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Object(members) => (members.iter())
                .find(|(k, _)| &source[k.clone()] == key)
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// The contents of a string (between the quotes).
    fn string(&self, _source: &str) -> Option<Range<usize>> {
        matches!(self.value, Value::String).then(|| self.span.start + 1..self.span.end - 1)
    }

    fn number(&self, source: &str) -> Option<f64> {
        match self.value {
            Value::Other => source[self.span.clone()].parse().ok(),
            _ => None,
        }
    }

    fn items(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }
}

/// The parts of a Whisper document the reader and writer use.
struct Doc {
    /// Contents of the top-level `text`.
    text: Option<Range<usize>>,
    items: Vec<Item>,
}

/// One item of `segments`.
struct Item {
    node: Node,
    /// Contents of its `text`.
    text: Option<Range<usize>>,
}

impl Item {
    fn words(&self, source: &str) -> Option<&[Node]> {
        self.node.get(source, "words")?.items()
    }
}

impl Doc {
    /// Parses the canonical text (valid JSON: checked when it was read).
    fn parse(source: &str) -> Result<Doc, TranscriptError> {
        let body = without_bom(source);
        let mut parser = Parser {
            bytes: source.as_bytes(),
            pos: source.len() - body.len(),
        };
        let not = |what: &str| TranscriptError::NotWhisperJson(what.to_owned());
        let root = parser.value().ok_or_else(|| not("not valid JSON"))?;
        if !matches!(root.value, Value::Object(_)) {
            return Err(not("not a JSON object"));
        }
        let text = root.get(source, "text").and_then(|t| t.string(source));
        let Some(Node {
            value: Value::Array(segments),
            ..
        }) = take(root, source, "segments")
        else {
            return Err(not("no `segments` array"));
        };
        let items = segments
            .into_iter()
            .map(|node| Item {
                text: node.get(source, "text").and_then(|t| t.string(source)),
                node,
            })
            .collect();
        Ok(Doc { text, items })
    }
}

/// The value of `key` in an object, moved out.
fn take(node: Node, source: &str, key: &str) -> Option<Node> {
    match node.value {
        Value::Object(members) => (members.into_iter())
            .find(|(k, _)| &source[k.clone()] == key)
            .map(|(_, v)| v),
        _ => None,
    }
}

/// A JSON parser that keeps the byte range of every value. It reads text serde_json has
/// already accepted, so it only needs to be right on valid JSON (and never panic otherwise).
struct Parser<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn skip_whitespace(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        let found = self.bytes.get(self.pos) == Some(&byte);
        self.pos += usize::from(found);
        found
    }

    fn value(&mut self) -> Option<Node> {
        self.skip_whitespace();
        let start = self.pos;
        let value = match self.bytes.get(self.pos)? {
            b'{' => {
                self.pos += 1;
                let mut members = Vec::new();
                if !self.eat(b'}') {
                    loop {
                        self.skip_whitespace();
                        let key = self.string()?;
                        if !self.eat(b':') {
                            return None;
                        }
                        members.push((key, self.value()?));
                        if self.eat(b'}') {
                            break;
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                    }
                }
                Value::Object(members)
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                if !self.eat(b']') {
                    loop {
                        items.push(self.value()?);
                        if self.eat(b']') {
                            break;
                        }
                        if !self.eat(b',') {
                            return None;
                        }
                    }
                }
                Value::Array(items)
            }
            b'"' => {
                self.string()?;
                Value::String
            }
            _ => {
                let len = self.bytes[self.pos..]
                    .iter()
                    .take_while(|b| !matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r'))
                    .count();
                if len == 0 {
                    return None;
                }
                self.pos += len;
                Value::Other
            }
        };
        Some(Node {
            span: start..self.pos,
            value,
        })
    }

    /// A string at the position: the range of its contents.
    fn string(&mut self) -> Option<Range<usize>> {
        if self.bytes.get(self.pos) != Some(&b'"') {
            return None;
        }
        let start = self.pos + 1;
        let mut i = start;
        loop {
            match self.bytes.get(i)? {
                b'"' => break,
                b'\\' => i += 2,
                _ => i += 1,
            }
        }
        self.pos = i + 1;
        Some(start..i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_language_whisper_detected() {
        let doc = r#"{"text": " Hi.", "segments": [{"text": " Hi."}], "language": "en"}"#;
        assert_eq!(language(doc).as_deref(), Some("en"));
        assert_eq!(language(r#"{"segments": []}"#), None);
    }

    #[test]
    fn decodes_all_but_quotes_backslashes_and_controls() {
        assert_eq!(decode(r"\u00e9t\u00e9"), "été");
        assert_eq!(decode(r"\ud83d\ude00 \/"), "😀 /");
        assert_eq!(
            decode(r#"\" \\ \n \u0001 \u0022 \u005C"#),
            r#"\" \\ \n \u0001 \" \\"#
        );
        assert_eq!(decode(r"\ud83d alone"), r"\ud83d alone");
    }

    #[test]
    fn canonical_form_keeps_everything_outside_strings() {
        let file = "{\"text\": \"\\u00e9\",\n \"n\": 1.50}";
        let (canonical, shifts) = unescape(file);
        assert_eq!(canonical, "{\"text\": \"é\",\n \"n\": 1.50}");
        assert_eq!(shifts.len(), 1);
        assert_eq!(unescape("{\"a\": \"\\n\"}").1.len(), 0);
    }

    #[test]
    fn words_split_with_their_leading_spaces() {
        assert_eq!(split_words(" Ada Lovelace."), [" Ada", " Lovelace."]);
        assert_eq!(split_words("Ada  Lovelace "), ["Ada", "  Lovelace "]);
        assert_eq!(split_words(" "), [" "]);
        assert_eq!(split_words(""), [""]);
    }

    #[test]
    fn floats_as_python_writes_them() {
        assert_eq!(python_float(1.0), "1.0");
        assert_eq!(python_float(1.28), "1.28");
        assert_eq!(timestamp(3723.4567), "01:02:03.457");
    }

    /// `apply` on a document read as a transcript would be: canonical form, then the edit of
    /// the first occurrence of `old` in a segment text.
    fn edited(file: &str, old: &str, new: &str) -> Result<String, TranscriptError> {
        let (source, original) = canonical(file.to_owned()).unwrap();
        let at = segments(&source)
            .unwrap()
            .iter()
            .find_map(|s| source[s.span.clone()].find(old).map(|i| s.span.start + i))
            .expect("occurrence");
        let edit = Edit {
            span: at..at + old.len(),
            replacement: new.to_owned(),
        };
        apply(original.as_deref().unwrap_or(&source), &source, &[edit])
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
        let texts = [
            (" Hi.", None),
            (" Ada Lovlace.", Some(" Ada Lovelace.".to_owned())),
        ];
        assert_eq!(
            updated_text(" Hi. Ada Lovlace.", &texts).as_deref(),
            Some(" Hi. Ada Lovelace.")
        );
        assert_eq!(
            updated_text("Hi. Ada Lovlace.", &texts).as_deref(),
            Some("Hi. Ada Lovelace."),
            "trimmed"
        );
        assert_eq!(updated_text("something else", &texts), None);
    }
}
