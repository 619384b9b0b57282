//! Small scanners shared by the readers: lines, timestamps, inline tags.
//!
//! Everything here works on byte offsets that are always char boundaries, so a reader can
//! never produce a span that slices a character in two.

use std::ops::Range;

pub(super) use super::Line;

impl Line<'_> {
    pub(super) fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The absolute span of `self.text[local]` with surrounding whitespace removed, if any text
    /// is left.
    pub(super) fn trimmed(&self, local: Range<usize>) -> Option<Range<usize>> {
        let part = self.text.get(local.clone())?;
        let text = part.trim_start();
        let lead = part.len() - text.len();
        let text = text.trim_end();
        if text.is_empty() {
            return None;
        }
        let start = self.start + local.start + lead;
        Some(start..start + text.len())
    }
}

/// The lines of `source`, without a leading BOM. No line (hence no segment) ever contains a
/// line-ending character.
pub(super) fn lines(source: &str) -> Vec<Line<'_>> {
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    super::lines(&source[bom..])
        .map(|line| Line {
            start: line.start + bom,
            ..line
        })
        .collect()
}

fn count_digits(bytes: &[u8], from: usize) -> usize {
    bytes.get(from..).map_or(0, |rest| {
        rest.iter().take_while(|b| b.is_ascii_digit()).count()
    })
}

/// Byte length of a timestamp at the start of `s`: `5:03`, `00:05`, `00:00:05`,
/// `00:00:01,229`, `00:02.382`, `0:08.8`.
pub(super) fn timestamp_len(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let lead = count_digits(bytes, 0);
    if !(1..=3).contains(&lead) {
        return None;
    }
    let mut end = lead;
    let mut groups = 0;
    // Exactly two digits per group, so `00:0520 ans` (no space) still reads as `00:05`.
    while groups < 2 && bytes.get(end) == Some(&b':') && count_digits(bytes, end + 1) >= 2 {
        end += 3;
        groups += 1;
    }
    if groups == 0 {
        return None;
    }
    if matches!(bytes.get(end), Some(b'.' | b',')) {
        let fraction = count_digits(bytes, end + 1);
        if (1..=3).contains(&fraction) {
            end += 1 + fraction;
        }
    }
    Some(end)
}

/// The `[00:01:10]` marker at the start of `s`: (marker length, timestamp range inside `s`).
pub(super) fn bracketed_timestamp(s: &str) -> Option<(usize, Range<usize>)> {
    let inner = s.strip_prefix('[')?;
    let len = timestamp_len(inner)?;
    inner[len..]
        .starts_with(']')
        .then_some((len + 2, 1..len + 1))
}

/// A piece of a caption text line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Run {
    /// Spoken text (local byte range).
    Text(Range<usize>),
    /// An inline tag such as `<i>`, `</v>`, `<00:00:01.000>` or `{\an8}` (local byte range).
    Tag(Range<usize>),
}

/// Splits a caption line into text runs and inline tags. A `<` or `{` that does not open a
/// complete tag is ordinary text.
pub(super) fn runs(text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut pos = 0;
    while let Some(found) = text[pos..].find(['<', '{']) {
        let open = pos + found;
        let Some(end) = tag_end(&text[open..]).map(|len| open + len) else {
            pos = open + 1;
            continue;
        };
        if text_start < open {
            out.push(Run::Text(text_start..open));
        }
        out.push(Run::Tag(open..end));
        text_start = end;
        pos = end;
    }
    if text_start < text.len() {
        out.push(Run::Text(text_start..text.len()));
    }
    out
}

/// The range of text run `runs[i]` that a fix may touch: all of it, less the piece of a word
/// that a tag cuts (`Hop<b>per</b>`, `Gr{\i1}ace`) at either end. Both pieces of such a word
/// only make sense together, so neither is spoken text on its own: no fix rewrites half a word.
/// A tag has no spoken text: an empty range.
pub(super) fn spoken(text: &str, runs: &[Run], i: usize) -> Range<usize> {
    let Run::Text(range) = &runs[i] else {
        return 0..0;
    };
    let mut range = range.clone();
    if i > 0 && inside_word(text, runs, i - 1) {
        range.start += text[range.clone()]
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(range.len());
    }
    if i + 1 < runs.len() && inside_word(text, runs, i + 1) {
        range.end -= text[range.clone()]
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric())
            .map(char::len_utf8)
            .sum::<usize>();
    }
    range
}

/// Whether the tags around `runs[tag]` (a tag, with the tags next to it) sit between two
/// letters or digits.
fn inside_word(text: &str, runs: &[Run], tag: usize) -> bool {
    let is_tag = |i: &usize| matches!(runs[*i], Run::Tag(_));
    let first = (0..=tag).rev().take_while(is_tag).last().unwrap_or(tag);
    let last = (tag..runs.len()).take_while(is_tag).last().unwrap_or(tag);
    let (Run::Tag(first), Run::Tag(last)) = (&runs[first], &runs[last]) else {
        return false;
    };
    let before = text[..first.start].chars().next_back();
    let after = text[last.end..].chars().next();
    before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric)
}

/// Length of the tag starting `s` (which starts with `<` or `{`), if it is a complete tag:
/// `<i>`, `</font>`, `<font color="red">`, `<c.yellow>`, `<v Name>`, `<lang en>`, `<ruby>`,
/// a WebVTT timestamp `<00:00:01.500>`, or an ASS override such as `{\an8}` or `{\i1}`.
fn tag_end(s: &str) -> Option<usize> {
    let (open, close) = if s.starts_with('<') {
        ('<', '>')
    } else if s.starts_with("{\\") {
        ('{', '}')
    } else {
        return None;
    };
    let after = &s[1..];
    let end = after.find(close)?;
    let inner = &after[..end];
    // `a < b and c > d` is text: a `<` tag starts with a letter, a digit (a timestamp, or
    // WebVTT's tag for anything else, such as `<3 you >`) or `/`; no tag holds a second opening
    // bracket. Only that first character decides, never what a word after it is: a fix
    // replaces words by words, so it can neither make a tag (`<2pac>` → `<Tupac>`, which
    // would hide the name) nor unmake one.
    let starts_right = open == '{' || inner.starts_with(|c: char| c.is_alphanumeric() || c == '/');
    (starts_right && !inner.contains(open)).then_some(end + 2)
}

/// Whether `text` is a timestamp and nothing else (`00:00:01.500`, `01:02.500`).
pub(super) fn is_timestamp(text: &str) -> bool {
    timestamp_len(text) == Some(text.len())
}

/// The speaker of a WebVTT voice tag (`<v Anchor>`, `<v.loud Jane Doe>`).
pub(super) fn voice(tag: &str) -> Option<&str> {
    let inner = tag.strip_prefix("<v")?.strip_suffix('>')?;
    if !inner.starts_with(['.', ' ', '\t']) {
        return None;
    }
    let name = inner
        .split_once([' ', '\t'])
        .map_or("", |(_, name)| name)
        .trim();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_handle_every_line_ending_and_the_bom() {
        let source = "\u{feff}a\r\nb\nc\rd";
        let got: Vec<(usize, &str)> = lines(source).iter().map(|l| (l.start, l.text)).collect();
        assert_eq!(got, vec![(3, "a"), (6, "b"), (8, "c"), (10, "d")]);
    }

    #[test]
    fn trailing_newline_adds_no_line() {
        assert_eq!(lines("a\n").len(), 1);
        assert!(lines("").is_empty());
    }

    #[test]
    fn timestamps() {
        assert_eq!(timestamp_len("00:05 text"), Some(5));
        assert_eq!(timestamp_len("00:00:05text"), Some(8));
        assert_eq!(timestamp_len("00:00:01,229 -->"), Some(12));
        assert_eq!(timestamp_len("0:08.8 |"), Some(6));
        assert_eq!(timestamp_len("00:0520 ans"), Some(5));
        assert_eq!(timestamp_len("2024: a year"), None);
        assert_eq!(timestamp_len("12 h"), None);
        assert_eq!(timestamp_len("1:5"), None);
        assert_eq!(timestamp_len(""), None);
    }

    #[test]
    fn bracketed() {
        assert_eq!(bracketed_timestamp("[00:01:10] hi"), Some((10, 1..9)));
        assert_eq!(bracketed_timestamp("[00:01:10 hi"), None);
        assert_eq!(bracketed_timestamp("[music]"), None);
    }

    /// The text of each run, tag or not.
    fn run_texts(text: &str) -> Vec<&str> {
        (runs(text).into_iter())
            .map(|r| match r {
                Run::Text(r) | Run::Tag(r) => &text[r],
            })
            .collect()
    }

    #[test]
    fn runs_split_tags_from_text() {
        assert_eq!(
            run_texts("<v Host>hi <i>there</i> &amp; a < b"),
            vec!["<v Host>", "hi ", "<i>", "there", "</i>", " &amp; a < b"]
        );
    }

    #[test]
    fn a_bracket_before_a_word_or_digit_opens_a_tag() {
        // Found by fuzzing (read_any): `<0font>` was text, and a fix of its word `0font` into
        // a name made it a tag, freezing (and hiding) the name.
        assert_eq!(
            run_texts("Grace Hopper<0font> found <3 you > a < b"),
            vec!["Grace Hopper", "<0font>", " found ", "<3 you >", " a < b"]
        );
        assert_eq!(tag_end("<00:00:01.500>"), Some(14));
        assert_eq!(tag_end("<Zfont>"), tag_end("<0font>"));
        assert_eq!(tag_end("<'x>"), None);
        assert_eq!(tag_end("< x>"), None);
    }

    #[test]
    fn runs_accept_ass_overrides_and_unclosed_brackets() {
        assert_eq!(runs("{\\an8}x"), vec![Run::Tag(0..6), Run::Text(6..7)]);
        assert_eq!(runs("{x} <y"), vec![Run::Text(0..6)]);
    }

    #[test]
    fn voices() {
        assert_eq!(voice("<v Speaker 1>"), Some("Speaker 1"));
        assert_eq!(voice("<v.loud Jane>"), Some("Jane"));
        assert_eq!(voice("<vx>"), None);
        assert_eq!(voice("<i>"), None);
    }
}
