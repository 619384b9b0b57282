//! Keeping a copy of the spoken text in agreement: each change of a spoken string is made
//! again where the copy says the same words.
//!
//! A change is widened to the whole words it touches, then placed in the copy by one of those
//! words (or, for a change between words, by the word before or after it), found in order.
//! It is made only where the copy holds exactly the characters it replaces: a copy that says
//! something else there is left as it was rather than guessed at.

use std::ops::Range;

use super::align;
use super::escape::splice;
use crate::transcript::Edit;

/// The changes of the copy `strings` (contents, in order) for `edits` (sorted) of the spoken
/// strings `texts`: canonical ranges and their new text.
pub fn changes(
    source: &str,
    texts: &[Range<usize>],
    strings: &[Range<usize>],
    edits: &[&Edit],
) -> Vec<(Range<usize>, String)> {
    let words: Vec<Vec<Range<usize>>> = (texts.iter())
        .map(|t| align::split(source, t.clone()))
        .collect();
    let all: Vec<Range<usize>> = words.iter().flatten().cloned().collect();
    let placed = align::tokens(source, &all, strings);
    let mut out: Vec<(Range<usize>, String)> = Vec::new();
    let mut first = 0; // index in `all` of the current text's first word
    for (text, words) in texts.iter().zip(&words) {
        let placed = &placed[first..first + words.len()];
        first += words.len();
        for (range, group) in groups(words, edits_in(edits, text)) {
            let Some(at) = place(source, &range, words, placed, strings) else {
                continue;
            };
            if out.last().is_none_or(|(last, _)| last.end <= at.start) {
                out.push((at, splice(source, range, &group)));
            }
        }
    }
    whole_strings(source, strings, out)
}

/// The changes (sorted, each inside one string) as new contents of whole strings: the file's
/// text is written back a string at a time (see `escape::write_back`).
fn whole_strings(
    source: &str,
    strings: &[Range<usize>],
    changes: Vec<(Range<usize>, String)>,
) -> Vec<(Range<usize>, String)> {
    let mut out: Vec<(Range<usize>, String, usize)> = Vec::new();
    for (range, text) in changes {
        let k = strings.partition_point(|s| s.end < range.end);
        let Some(string) = strings.get(k) else {
            continue;
        };
        match out.last_mut() {
            Some((whole, new, last)) if *whole == *string => {
                new.push_str(&source[*last..range.start]);
                new.push_str(&text);
                *last = range.end;
            }
            _ => {
                let mut new = source[string.start..range.start].to_owned();
                new.push_str(&text);
                out.push((string.clone(), new, range.end));
            }
        }
    }
    (out.into_iter())
        .map(|(whole, mut new, last)| {
            new.push_str(&source[last..whole.end]);
            (whole, new)
        })
        .collect()
}

/// The edits that lie in `text`.
fn edits_in<'e>(edits: &[&'e Edit], text: &Range<usize>) -> Vec<&'e Edit> {
    let from = edits.partition_point(|e| e.span.start < text.start);
    (edits[from..].iter())
        .take_while(|e| e.span.end <= text.end)
        .copied()
        .collect()
}

/// The edits widened to the words they touch, those that then overlap taken together.
fn groups<'e>(words: &[Range<usize>], edits: Vec<&'e Edit>) -> Vec<(Range<usize>, Vec<&'e Edit>)> {
    let mut out: Vec<(Range<usize>, Vec<&Edit>)> = Vec::new();
    for e in edits {
        let start = touching(words, e.span.start).map_or(e.span.start, |w| w.start);
        let end = touching(words, e.span.end).map_or(e.span.end, |w| w.end);
        match out.last_mut() {
            Some((range, group)) if start < range.end => {
                range.end = range.end.max(end);
                group.push(e);
            }
            _ => out.push((start..end, vec![e])),
        }
    }
    out
}

/// The word `at` lies in, or at an end of.
fn touching(words: &[Range<usize>], at: usize) -> Option<&Range<usize>> {
    let k = words.partition_point(|w| w.end < at);
    words.get(k).filter(|w| w.start <= at)
}

/// Where the copy holds `range` of a spoken string: placed by a word inside it, else the word
/// before, else the word after; `None` unless the copy holds the very same characters there.
fn place(
    source: &str,
    range: &Range<usize>,
    words: &[Range<usize>],
    placed: &[Option<Range<usize>>],
    strings: &[Range<usize>],
) -> Option<Range<usize>> {
    let inside = words.partition_point(|w| w.start < range.start);
    let candidates = (inside..words.len())
        .take_while(|&k| words[k].end <= range.end)
        .chain(inside.checked_sub(1))
        .chain((inside..words.len()).find(|&k| words[k].start >= range.end));
    let (word, copy) = candidates
        .filter_map(|k| Some((&words[k], placed[k].as_ref()?)))
        .next()?;
    let start = (copy.start + range.start).checked_sub(word.start)?;
    let at = start..start + range.len();
    let string = strings.get(strings.partition_point(|s| s.end < copy.end))?;
    let same = string.start <= at.start
        && at.end <= string.end
        && source.get(at.clone()) == source.get(range.clone());
    same.then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(source: &str, old: &str, new: &str) -> Edit {
        let at = source.find(old).unwrap();
        Edit {
            span: at..at + old.len(),
            replacement: new.into(),
        }
    }

    /// The copy after `edits` of the spoken string: `source` is "spoken|copy".
    fn copied(source: &str, edits: &[Edit]) -> String {
        let bar = source.find('|').unwrap();
        let edits: Vec<&Edit> = edits.iter().collect();
        let (spoken, copy) = (0..bar, bar + 1..source.len());
        let changes = changes(
            source,
            std::slice::from_ref(&spoken),
            std::slice::from_ref(&copy),
            &edits,
        );
        let mut out = source[bar + 1..].to_owned();
        for (range, text) in changes.into_iter().rev() {
            out.replace_range(range.start - bar - 1..range.end - bar - 1, &text);
        }
        out
    }

    #[test]
    fn a_change_is_made_where_the_copy_says_the_same_words() {
        let s = " Ada Lovlace met Ada Lovlace.|\nSpeaker 0: Ada Lovlace met Ada Lovlace.";
        let second = s.rfind("Ada Lovlace.").unwrap();
        let e = |from: usize| Edit {
            span: from..from + 11,
            replacement: "Ada Lovelace".into(),
        };
        let out = copied(s, &[e(s.find("Ada").unwrap())]);
        assert_eq!(out, "\nSpeaker 0: Ada Lovelace met Ada Lovlace.");
        // The second one: placed by its own words, not by the first match.
        let spoken_second = s[..s.find('|').unwrap()].rfind("Ada").unwrap();
        assert!(spoken_second < second);
        let out = copied(s, &[e(spoken_second)]);
        assert_eq!(out, "\nSpeaker 0: Ada Lovlace met Ada Lovelace.");
    }

    #[test]
    fn changes_between_words_and_inside_them() {
        let s = " Ada Lovlace.| Ada Lovlace.";
        assert_eq!(copied(s, &[edit(s, "a L", "aL")]), " AdaLovlace.");
        assert_eq!(copied(s, &[edit(s, "ovl", "ovel")]), " Ada Lovelace.");
        let mut space = edit(s, " A", "");
        space.span.end -= 1;
        assert_eq!(copied(s, &[space]), "Ada Lovlace.");
    }

    #[test]
    fn a_copy_that_differs_there_is_left_alone() {
        let s = " Ada Lovlace.| Ada  Lovlace.";
        assert_eq!(copied(s, &[edit(s, "Ada Lovlace", "X")]), " Ada  Lovlace.");
    }
}
