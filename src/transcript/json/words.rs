//! Keeping a word list in agreement with the spoken text: the words an edit overlaps are
//! replaced by the words of the new text, split at spaces.
//!
//! The words that stay the same at either end keep their objects ("Ada Lovlace" → "Ada
//! Lovelace" rewrites " Lovlace" only). The others become new objects modelled on the first
//! replaced one (see `objects`): as many new words as old ones keep each its old times, more or
//! fewer share the run's time by length. Where the words are slots other parts of the file
//! point at (`WordKeys::slots`), or a run crosses from one array to the next (the words of two
//! utterances), no object is added or removed: the new words take the old places in order,
//! extra words join the last one and a place left over is emptied.

use std::ops::Range;

use super::escape::splice;
use super::layout::{WordKeys, Words};
use super::objects;
use super::runs;
use super::tree::Node;
use crate::transcript::Edit;

/// A word of a list: the index of its array and its node.
type Word<'n> = (usize, &'n Node);

/// The changes of the word list `list` for `edits` (sorted) of the spoken strings `texts`, its
/// words placed at `ranges` (see `align::words`): canonical ranges and their new text.
pub fn changes(
    source: &str,
    list: &Words,
    (texts, ranges): (&[Range<usize>], &[Option<Range<usize>>]),
    edits: &[&Edit],
) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    for (first, last, group) in runs::runs(source, list.keys, ranges, edits) {
        let (Some(from), Some(to)) = (ranges[first].as_ref(), ranges[last].as_ref()) else {
            continue;
        };
        let run = from.start.min(group[0].span.start)..to.end.max(group[group.len() - 1].span.end);
        if !texts
            .iter()
            .any(|t| t.start <= run.start && run.end <= t.end)
        {
            continue; // words of two strings: never one run
        }
        let text = splice(source, run, &group);
        let pieces = pieces(&text, list.keys);
        let (old, pieces) = changed_words(source, list.keys, &list.items[first..=last], &pieces);
        if old.is_empty() || pieces.is_empty() {
            continue;
        }
        let array = old[0].0;
        if list.keys.slots || old.iter().any(|(a, _)| *a != array) {
            out.extend(slot_changes(source, list.keys, old, pieces));
        } else if let Some(change) =
            objects::replace(source, list.keys, list.arrays[array], old, pieces)
        {
            out.push(change);
        }
    }
    out
}

/// The new text cut into words as the list writes them: with their leading spaces, or bare.
fn pieces<'t>(text: &'t str, keys: &WordKeys) -> Vec<&'t str> {
    let pieces = split_words(text);
    if keys.spaced {
        pieces
    } else {
        pieces.into_iter().map(str::trim).collect()
    }
}

/// The text cut into words as whisper lists them: each with its leading spaces; trailing
/// spaces stay with the last word. Never empty.
pub fn split_words(text: &str) -> Vec<&str> {
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

/// The replaced words and their replacements without the words that stay the same at either
/// end ("Ada Lovlace" → "Ada Lovelace" replaces " Lovlace" only), keeping at least one word on
/// each side. Empty when nothing changes.
fn changed_words<'o, 'n, 'p>(
    source: &str,
    keys: &WordKeys,
    old: &'o [Word<'n>],
    pieces: &'p [&'p str],
) -> (&'o [Word<'n>], &'p [&'p str]) {
    let same = |w: &Word, piece: &str| {
        keys.text_of(source, w.1)
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

/// The new words in the old words' places, in order: the last place takes the words left, a
/// place with none left is emptied. The places are the words that say something (a
/// punctuation mark's place is emptied: the new words carry their own); each gets the lowest
/// confidence.
fn slot_changes(
    source: &str,
    keys: &WordKeys,
    old: &[Word],
    pieces: &[&str],
) -> Vec<(Range<usize>, String)> {
    let said = |w: &&Node| keys.text_of(source, w).map(|r| objects::heard(&source[r]));
    let all: Vec<&Node> = old
        .iter()
        .map(|w| w.1)
        .filter(|w| said(w).is_some())
        .collect();
    let heard: Vec<&Node> = all
        .iter()
        .copied()
        .filter(|w| said(w) == Some(true))
        .collect();
    let slots = if heard.is_empty() { all.clone() } else { heard };
    let lowest = objects::lowest_confidence(source, keys, old);
    let mut out = Vec::new();
    for mark in all
        .iter()
        .filter(|w| !slots.iter().any(|s| std::ptr::eq(*s, **w)))
    {
        out.extend(objects::rewrite(source, keys, mark, "", None));
    }
    for (k, slot) in slots.iter().enumerate() {
        let text = if k + 1 == slots.len() {
            let rest = pieces.get(k..).unwrap_or_default();
            if keys.spaced {
                rest.concat()
            } else {
                rest.join(" ")
            }
        } else {
            pieces.get(k).copied().unwrap_or_default().to_owned()
        };
        out.extend(objects::rewrite(
            source,
            keys,
            slot,
            &text,
            lowest.as_deref(),
        ));
    }
    out.sort_by_key(|(range, _)| range.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_with_their_leading_spaces() {
        assert_eq!(split_words(" Ada Lovelace."), [" Ada", " Lovelace."]);
        assert_eq!(split_words("Ada  Lovelace "), ["Ada", "  Lovelace "]);
        assert_eq!(split_words(" "), [" "]);
        assert_eq!(split_words(""), [""]);
    }
}
