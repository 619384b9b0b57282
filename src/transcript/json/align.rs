//! Which words of a word list, and which places of a copy, say which part of the spoken
//! strings. Both are found in order, the way the recogniser wrote them, each search starting
//! where the last one ended: in the current string, then at the start of the next one.

use std::ops::Range;

use super::layout::Words;

/// How far ahead of the last match a search looks: a word or a token missing from a copy
/// costs a bounded search, not a scan of the rest of a long transcript.
const WINDOW: usize = 4096;

/// How much more than the spoken text a copy may hold between two tokens (a speaker's label,
/// paragraph breaks).
const SLACK: usize = 256;

/// Where each word of `list` lies in the spoken strings `texts` (contents, in order); `None`
/// for a word that is not there (or has no text).
pub fn words(source: &str, texts: &[Range<usize>], list: &Words) -> Vec<Option<Range<usize>>> {
    let mut cursor = Cursor::default();
    (list.items.iter())
        .map(|(_, word)| {
            let word = &source[list.keys.text_of(source, word)?];
            cursor.find(source, texts, |text, from| locate_word(text, from, word))
        })
        .collect()
}

/// Where each of `tokens` (ranges of the spoken strings, in order) lies in the copy `strings`:
/// the same characters, not inside a longer word of the copy, and about as far from the last
/// token found as in the spoken text (a copy adds little: "Speaker 1:", line breaks), so that
/// a token the copy lacks is not taken from a later sentence.
pub fn tokens(
    source: &str,
    tokens: &[Range<usize>],
    strings: &[Range<usize>],
) -> Vec<Option<Range<usize>>> {
    let mut cursor = Cursor::default();
    let mut last = tokens.first().map_or(0, |t| t.start);
    (tokens.iter())
        .map(|token| {
            let reach = (token.start.saturating_sub(last) + SLACK).min(WINDOW);
            let text = &source[token.clone()];
            let found = cursor.find(source, strings, |copy, from| {
                locate_token(copy, from, text, reach)
            });
            if found.is_some() {
                last = token.end;
            }
            found
        })
        .collect()
}

/// The maximal runs of `range` without whitespace (a `\n`, `\r` or `\t` escape is whitespace
/// too): the words a copy is compared by.
pub fn split(source: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let text = &source[range.clone()];
    let mut out = Vec::new();
    let mut start = None;
    let mut i = 0;
    while i <= text.len() {
        let (space, step) = if i == text.len() {
            (true, 1)
        } else {
            at_space(text, i)
        };
        match (start, space) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                out.push(range.start + s..range.start + i);
                start = None;
            }
            _ => {}
        }
        i += step;
    }
    out
}

/// Whether the character (or escape sequence) at `i` of a JSON string's contents is
/// whitespace, and its length.
fn at_space(text: &str, i: usize) -> (bool, usize) {
    let bytes = text.as_bytes();
    if bytes[i] == b'\\' {
        let next = bytes.get(i + 1).copied();
        let want = match next {
            Some(b'u') => 6,
            _ => 1 + text[i + 1..].chars().next().map_or(0, char::len_utf8),
        };
        let mut end = (i + want).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        return (matches!(next, Some(b'n' | b'r' | b't')), end - i);
    }
    let c = text[i..].chars().next().unwrap_or(' ');
    (c.is_whitespace(), c.len_utf8())
}

/// The string searched and the offset in it where the next search starts.
#[derive(Default)]
struct Cursor {
    string: usize,
    offset: usize,
}

impl Cursor {
    /// The first match of `locate` (a relative range in a string's text, searched from an
    /// offset) in the current string, else in the next one; the cursor moves past it.
    fn find(
        &mut self,
        source: &str,
        strings: &[Range<usize>],
        locate: impl Fn(&str, usize) -> Option<Range<usize>>,
    ) -> Option<Range<usize>> {
        for (k, range) in strings.iter().enumerate().skip(self.string).take(2) {
            let from = if k == self.string { self.offset } else { 0 };
            let range = range.clone();
            if let Some(found) = locate(&source[range.clone()], from) {
                (self.string, self.offset) = (k, found.end);
                return Some(range.start + found.start..range.start + found.end);
            }
        }
        None
    }
}

/// `text[from..]`, cut to the search window on a character boundary.
fn window(text: &str, from: usize) -> &str {
    let end = text.floor_char_boundary(from.saturating_add(WINDOW).min(text.len()));
    &text[from.min(end)..end]
}

/// A word at `from`, else further on, else without its surrounding spaces.
fn locate_word(text: &str, from: usize, word: &str) -> Option<Range<usize>> {
    if text[from..].starts_with(word) {
        return Some(from..from + word.len());
    }
    let ahead = window(text, from);
    if let Some(p) = ahead.find(word).filter(|_| !word.is_empty()) {
        return Some(from + p..from + p + word.len());
    }
    let trim = word.trim();
    let p = ahead.find(trim).filter(|_| !trim.is_empty())?;
    Some(from + p..from + p + trim.len())
}

/// A token as a whole word of the text (whitespace or the string's ends around it), within
/// `reach` bytes of `from`.
fn locate_token(text: &str, from: usize, token: &str, reach: usize) -> Option<Range<usize>> {
    if token.is_empty() {
        return None;
    }
    let end = text.floor_char_boundary(from.saturating_add(reach + token.len()).min(text.len()));
    let ahead = &text[from.min(end)..end];
    let mut searched = 0;
    while let Some(p) = ahead[searched..].find(token) {
        let (start, end) = (from + searched + p, from + searched + p + token.len());
        if spaced_before(text, start) && (end == text.len() || at_space(text, end).0) {
            return Some(start..end);
        }
        searched += p + token.chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Whether `text[..at]` is empty or ends with whitespace (or a `\n`, `\r`, `\t` escape).
fn spaced_before(text: &str, at: usize) -> bool {
    let before = &text[..at];
    if before.chars().next_back().is_none_or(char::is_whitespace) {
        return true;
    }
    let Some(rest) = before.strip_suffix(['n', 'r', 't']) else {
        return false;
    };
    // The letter is escaped if an odd number of backslashes comes before it.
    let backslashes = rest.len() - rest.trim_end_matches('\\').len();
    backslashes % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_found_as_whole_words_across_strings() {
        let source = "Ada Lovlace wrote|\nSpeaker 0: notes on Lovlace";
        let strings = [0..17, 18..source.len()];
        let spoken = split(source, 0..11);
        assert_eq!(spoken, [0..3, 4..11]);
        let found = tokens(source, &spoken, &strings);
        assert_eq!(found, [Some(0..3), Some(4..11)]);
        // "notes" is in the next string; "on" is not "Speaker 0:"'s "0".
        let notes = source.find("notes").unwrap()..source.find("notes").unwrap() + 5;
        let later = std::slice::from_ref(&notes);
        assert_eq!(tokens(source, later, &strings), [Some(notes.clone())]);
        let on = source.find(" on ").unwrap() + 1;
        let on = on..on + 2;
        let found = tokens(source, std::slice::from_ref(&on), &strings);
        assert_eq!(found, [Some(on)]);
    }

    #[test]
    fn escaped_line_breaks_part_words() {
        let source = r"notes.\n\nSpeaker 1: Then a\\nb";
        let words: Vec<&str> = (split(source, 0..source.len()).into_iter())
            .map(|r| &source[r])
            .collect();
        assert_eq!(words, ["notes.", "Speaker", "1:", "Then", r"a\\nb"]);
        assert!(spaced_before(source, source.find("Speaker").unwrap()));
        assert!(!spaced_before(r"a\\nb", 4));
    }

    #[test]
    fn a_token_the_copy_lacks_is_not_taken_from_far_ahead() {
        let copy = format!("Then {} notes.", "x ".repeat(200));
        let source = format!("notes. Then|{copy}");
        let strings = [12..source.len(), source.len()..source.len()];
        let found = tokens(&source, &[0..6, 7..11], &strings);
        assert_eq!(found, [None, Some(12..16)]);
    }

    #[test]
    fn a_word_not_there_leaves_the_cursor() {
        assert_eq!(locate_word(" Ada Lovlace", 4, " Lovlace"), Some(4..12));
        assert_eq!(locate_word(" Ada Lovlace", 0, "Lovlace "), Some(5..12));
        assert_eq!(locate_word(" Ada", 0, "Grace"), None);
        assert_eq!(locate_word(" Ada", 4, ""), Some(4..4));
    }
}
