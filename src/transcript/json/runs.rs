//! Which words of a list an edit changes: those it overlaps, and, since the new text may join
//! or part them, the words around a space it changes; where words carry no spaces (all but
//! Whisper's), also a word the new text glues onto, or the word next to new words that
//! replace none.

use std::ops::Range;

use super::layout::WordKeys;
use super::objects;
use crate::transcript::Edit;

/// Runs of words the edits change (first and last index) and the edits inside them.
pub fn runs<'e>(
    source: &str,
    keys: &WordKeys,
    ranges: &[Option<Range<usize>>],
    edits: &[&'e Edit],
) -> Vec<(usize, usize, Vec<&'e Edit>)> {
    let placed: Vec<(usize, Range<usize>)> = (ranges.iter().enumerate())
        .filter_map(|(k, r)| Some((k, r.clone()?)))
        .collect();
    let mut out: Vec<(usize, usize, Vec<&Edit>)> = Vec::new();
    for &e in edits {
        let spaced = |a: &Range<usize>, b: &Range<usize>| {
            (source.get(a.end..b.start)).is_some_and(|gap| gap.trim().is_empty())
        };
        let mut hit = changed(&placed, &e.span, spaced);
        if !keys.spaced {
            hit = glued(source, &placed, hit, e);
        }
        let Some((first, last)) = hit else {
            continue; // no word of the list says these characters: nothing to update
        };
        let (first, last) = (placed[first].0, placed[last].0);
        match out.last_mut() {
            Some(run) if first <= run.1 => {
                run.1 = run.1.max(last);
                run.2.push(e);
            }
            _ => out.push((first, last, vec![e])),
        }
    }
    out
}

/// The first and last of the `placed` words (sorted) an edit of `span` changes: those it
/// overlaps, and both words around a space between them it changes (in one string: `spaced`
/// says whether only whitespace parts two words), since the new text may join them or part
/// them otherwise. An insertion changes the word it touches.
fn changed(
    placed: &[(usize, Range<usize>)],
    span: &Range<usize>,
    spaced: impl Fn(&Range<usize>, &Range<usize>) -> bool,
) -> Option<(usize, usize)> {
    if span.is_empty() {
        let first = placed.partition_point(|(_, r)| r.end < span.start);
        let last = placed.partition_point(|(_, r)| r.start <= span.start);
        return (first < last).then(|| (first, last - 1));
    }
    let after = placed.partition_point(|(_, r)| r.end <= span.start);
    let before = placed.partition_point(|(_, r)| r.start < span.end);
    let inner = |k: usize| k > 0 && k < placed.len() && spaced(&placed[k - 1].1, &placed[k].1);
    let first = if inner(after) && placed[after].1.start > span.start {
        after - 1
    } else {
        after
    };
    let last = if inner(before) && placed[before - 1].1.end < span.end {
        before
    } else {
        before.checked_sub(1)?
    };
    (first <= last).then_some((first, last))
}

/// The run widened to a word the new text glues onto, where words carry no spaces: a word
/// right before the edit (a punctuation mark between, as AWS lists it) when the replacement
/// starts with no space, or right after when it ends with none. The list can only say the
/// glued word as one.
fn glued(
    source: &str,
    placed: &[(usize, Range<usize>)],
    hit: Option<(usize, usize)>,
    e: &Edit,
) -> Option<(usize, usize)> {
    let glues = |word: &Range<usize>, side: Option<char>| {
        objects::heard(&source[word.clone()]) && side.is_some_and(|c| !c.is_whitespace())
    };
    // The words just outside the run (or around the edit, when it changes none).
    let (before, after) = match hit {
        Some((first, last)) => (first.checked_sub(1), last + 1),
        None => {
            let after = placed.partition_point(|(_, r)| r.start < e.span.end);
            let before = placed.partition_point(|(_, r)| r.end <= e.span.start);
            (before.checked_sub(1), after)
        }
    };
    let before = before.filter(|&k| {
        let word = &placed[k].1;
        word.end == e.span.start && glues(word, e.replacement.chars().next())
    });
    let after = Some(after).filter(|&k| {
        placed.get(k).is_some_and(|(_, word)| {
            word.start == e.span.end && glues(word, e.replacement.chars().next_back())
        })
    });
    let first = before.or(hit.map(|h| h.0)).or(after);
    let last = after.or(hit.map(|h| h.1)).or(before);
    match (first, last) {
        (Some(first), Some(last)) => Some((first, last)),
        _ => beside(source, placed, e),
    }
}

/// For an edit that changes no word but says something (a word added between two others, or
/// before the first): the word after it, else the word before, with only spaces between.
fn beside(source: &str, placed: &[(usize, Range<usize>)], e: &Edit) -> Option<(usize, usize)> {
    if e.replacement.trim().is_empty() {
        return None;
    }
    let blank = |a: usize, b: usize| source.get(a..b).is_some_and(|s| s.trim().is_empty());
    let after = placed.partition_point(|(_, r)| r.start < e.span.end);
    if placed
        .get(after)
        .is_some_and(|(_, r)| blank(e.span.end, r.start))
    {
        return Some((after, after));
    }
    let before = placed
        .partition_point(|(_, r)| r.end <= e.span.start)
        .checked_sub(1)?;
    blank(placed[before].1.end, e.span.start).then_some((before, before))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changed_in(placed: &[(usize, Range<usize>)], span: &Range<usize>) -> Option<(usize, usize)> {
        changed(placed, span, |_, _| true)
    }

    #[test]
    fn an_edit_changes_the_words_it_overlaps_and_those_around_a_space() {
        // "Ada Lovlace," as bare words and a punctuation mark: 0..3, 4..11, 11..12.
        let placed = [(0, 0..3), (1, 4..11), (2, 11..12)];
        assert_eq!(changed_in(&placed, &(4..11)), Some((1, 1)));
        assert_eq!(changed_in(&placed, &(0..11)), Some((0, 1)));
        assert_eq!(
            changed_in(&placed, &(3..4)),
            Some((0, 1)),
            "the space: both words"
        );
        assert_eq!(changed_in(&placed, &(0..4)), Some((0, 1)));
        assert_eq!(changed_in(&placed, &(11..11)), Some((1, 2)), "an insertion");
        assert_eq!(changed_in(&placed, &(12..13)), None);
        // Whisper's words carry their spaces: no space between them.
        let spaced = [(0, 0..4), (1, 4..12)];
        assert_eq!(changed_in(&spaced, &(5..12)), Some((1, 1)));
        // Words of two strings are never joined.
        assert_eq!(changed(&placed, &(3..4), |_, _| false), None);
    }

    fn edit(span: Range<usize>, replacement: &str) -> Edit {
        Edit {
            span,
            replacement: replacement.into(),
        }
    }

    #[test]
    fn new_text_glued_to_a_word_or_beside_one_takes_it_along() {
        // "Later, Ada" as AWS lists it: "Later" 0..5, "," 5..6, "Ada" 7..10.
        let source = "Later, Ada";
        let placed = [(0, 0..5), (1, 5..6), (2, 7..10)];
        let comma = Some((1, 1));
        assert_eq!(
            glued(source, &placed, comma, &edit(5..6, "x")),
            Some((0, 1))
        );
        assert_eq!(glued(source, &placed, comma, &edit(5..6, " x")), comma);
        // Words added where the list has none (before the first): the next word takes them.
        let source = " Ada";
        let placed = [(0, 1..4)];
        assert_eq!(
            glued(source, &placed, None, &edit(0..1, " Dr ")),
            Some((0, 0))
        );
        assert_eq!(glued(source, &placed, None, &edit(0..1, "  ")), None);
    }
}
