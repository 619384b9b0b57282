//! Advanced SubStation Alpha and SubStation Alpha (`.ass`, `.ssa`): Aegisub's, fansubbers' and
//! broadcasters' subtitles. Sections (`[Script Info]`, `[V4+ Styles]`, `[Events]`...) hold
//! `Key: value` lines; in `[Events]`, a `Format:` line names the fields of the `Dialogue:`
//! lines after it, the text last.
//!
//! Only the text field of `Dialogue:` lines is editable. Everything else is frozen: the other
//! sections, `Comment:` lines (kept out of the video), the other fields, `{...}` blocks
//! (override tags such as `{\i1}`, and comments), and the `\N`, `\n` and `\h` escapes. Those
//! escapes cut the text into the parts shown on separate lines (or either side of a hard
//! space): each part is a segment of its own in the dialogue's cue, as the text lines of one
//! SRT cue are, so a name across `\N` is fixed in each part.

use std::ops::Range;

use super::scan::{self, Line, Run};
use super::{Segment, TranscriptError};

/// Where the fields of a `Dialogue:` line are, as the `Format:` line of `[Events]` names them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fields {
    /// How many fields: the text is what follows the first `count - 1` commas, commas and all.
    count: usize,
    start: Option<usize>,
    name: Option<usize>,
}

impl Default for Fields {
    /// `Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text` (ASS; SSA has
    /// `Marked` for `Layer`), what a file without a `Format:` line is read with.
    fn default() -> Self {
        Fields {
            count: 10,
            start: Some(1),
            name: Some(4),
        }
    }
}

impl Fields {
    /// The fields a `Format:` line names. The text must come last: it is the one field that
    /// may hold commas.
    fn parse(value: &str) -> Result<Self, String> {
        let names: Vec<&str> = value.split(',').map(str::trim).collect();
        let last = names.last().copied().unwrap_or_default();
        if !last.eq_ignore_ascii_case("Text") {
            return Err(format!(
                "the [Events] Format line ends with \"{last}\", not Text"
            ));
        }
        let find = |wanted: &str| names.iter().position(|n| n.eq_ignore_ascii_case(wanted));
        Ok(Fields {
            count: names.len(),
            start: find("Start"),
            name: find("Name"),
        })
    }
}

/// What a line means depends on the lines before it: the section it is in and the `Format:`
/// of `[Events]`; a cue's index counts the dialogues before it. A piece of a long file (see
/// `pieces`) is read from where the piece before it ended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Context {
    events: bool,
    fields: Fields,
    dialogues: usize,
}

/// The name inside a section header line such as `[Events]`.
fn section(text: &str) -> Option<&str> {
    text.trim().strip_prefix('[')?.strip_suffix(']')
}

/// The first non-blank line is `[Script Info]`, or an `[Events]` section holds `Dialogue:`
/// lines (files that leave the script info out).
pub(super) fn looks_like(source: &str) -> bool {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let mut lines = super::lines(source).filter(|l| !l.text.trim().is_empty());
    let first = lines.next().and_then(|l| section(l.text));
    if first.is_some_and(|s| s.eq_ignore_ascii_case("Script Info")) {
        return true;
    }
    let mut events = false;
    super::lines(source).any(|line| match section(line.text) {
        Some(name) => {
            events = name.eq_ignore_ascii_case("Events");
            false
        }
        None => events && line.text.trim_start().starts_with("Dialogue:"),
    })
}

/// The segments of `source` read from `context` (the start of a file: the default), and the
/// context at its end.
///
/// A `Dialogue:` line with fewer fields than the `Format:` line names, or a `Format:` line
/// that does not end with the text, is an error: reading on would take a timing or a style
/// for text.
pub(super) fn read(
    source: &str,
    mut context: Context,
) -> Result<(Vec<Segment>, Context), TranscriptError> {
    let mut out = Vec::new();
    for (i, line) in scan::lines(source).iter().enumerate() {
        let error = |message| TranscriptError::BadStructure {
            line: i + 1,
            message,
        };
        if let Some(name) = section(line.text) {
            context.events = name.eq_ignore_ascii_case("Events");
            continue;
        }
        if !context.events {
            continue;
        }
        let text = line.text.trim_start();
        let at = line.text.len() - text.len();
        if let Some(value) = text.strip_prefix("Format:") {
            context.fields = Fields::parse(value).map_err(error)?;
        } else if text.starts_with("Dialogue:") {
            let cue = context.dialogues;
            context.dialogues += 1;
            let at = at + "Dialogue:".len();
            dialogue(line, at, &context.fields, cue, &mut out).map_err(error)?;
        }
    }
    Ok((out, context))
}

/// The segments of the `Dialogue:` line `line`, whose fields start at byte `at`.
fn dialogue(
    line: &Line,
    at: usize,
    fields: &Fields,
    cue: usize,
    out: &mut Vec<Segment>,
) -> Result<(), String> {
    let value = &line.text[at..];
    let starts = field_starts(value, fields.count)?;
    let field = |k: usize| {
        let end = starts.get(k + 1).map_or(value.len(), |next| next - 1);
        Some(value[starts[k]..end].trim()).filter(|f| !f.is_empty())
    };
    let template = Segment {
        span: 0..0,
        timestamp: fields.start.and_then(field).map(str::to_owned),
        cue,
        speaker: fields.name.and_then(field).map(str::to_owned),
        confidence: Vec::new(),
    };
    push_text(line, at + starts[fields.count - 1], &template, out);
    Ok(())
}

/// Where each of the `count` fields of a dialogue's `value` starts: after the commas, but for
/// those of the text, the last field.
fn field_starts(value: &str, count: usize) -> Result<Vec<usize>, String> {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(value.match_indices(',').map(|(k, _)| k + 1))
        .take(count)
        .collect();
    if starts.len() < count {
        return Err(format!(
            "Dialogue line with {} fields, the Format line names {count}",
            starts.len()
        ));
    }
    Ok(starts)
}

/// One segment (a copy of `template` but for its span) per run of spoken text of the text field
/// starting at byte `at` of `line`, part by part.
fn push_text(line: &Line, at: usize, template: &Segment, out: &mut Vec<Segment>) {
    for (part, runs) in parts(&line.text[at..]) {
        let offset = at + part.start;
        let part_text = &line.text[offset..at + part.end];
        for i in 0..runs.len() {
            let local = scan::spoken(part_text, &runs, i);
            if let Some(span) = line.trimmed(offset + local.start..offset + local.end) {
                out.push(Segment {
                    span,
                    ..template.clone()
                });
            }
        }
    }
}

/// What a mark in a dialogue's text does.
enum Mark {
    /// `\N`, `\n` or `\h`: a line break or a hard space, between two parts of the text.
    Break,
    /// A `{...}` block, or a backslash glued to a word outside a block (`\i1`, shown as is).
    /// A fix must not touch the word after a backslash: a name starting with N, n or h put
    /// there would turn it into a line break.
    Frozen,
}

/// The mark starting at byte `at` of `text` (a `{` or a `\`) and its length, if it is one; a
/// `{` without a `}` after it, or a `\` before neither a letter nor a digit, is text.
fn mark_at(text: &str, at: usize, last_close: Option<usize>) -> Option<(Mark, usize)> {
    let rest = &text[at..];
    if rest.starts_with('{') {
        // Known first: a line of many `{` and no `}` would otherwise be searched again and again.
        last_close.filter(|&close| close > at)?;
        return rest.find('}').map(|close| (Mark::Frozen, close + 1));
    }
    let after = rest.strip_prefix('\\')?;
    if after.starts_with(['N', 'n', 'h']) {
        return Some((Mark::Break, 2));
    }
    let word = after
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(after.len());
    (word > 0).then_some((Mark::Frozen, 1 + word))
}

/// A dialogue's text cut at its breaks: each part's range in `text`, and its runs of text and
/// frozen marks (as `Run::Tag`), local to the part.
fn parts(text: &str) -> Vec<(Range<usize>, Vec<Run>)> {
    let last_close = text.rfind('}');
    let mut out = Vec::new();
    let mut runs = Vec::new();
    let (mut part_start, mut text_start, mut pos) = (0, 0, 0);
    while let Some(found) = text[pos..].find(['{', '\\']) {
        let at = pos + found;
        let Some((mark, len)) = mark_at(text, at, last_close) else {
            pos = at + 1;
            continue;
        };
        if text_start < at {
            runs.push(Run::Text(text_start - part_start..at - part_start));
        }
        match mark {
            Mark::Frozen => runs.push(Run::Tag(at - part_start..at + len - part_start)),
            Mark::Break => {
                out.push((part_start..at, std::mem::take(&mut runs)));
                part_start = at + len;
            }
        }
        text_start = at + len;
        pos = text_start;
    }
    if text_start < text.len() {
        runs.push(Run::Text(text_start - part_start..text.len() - part_start));
    }
    out.push((part_start..text.len(), runs));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\u{feff}[Script Info]\r\nTitle: Dialogue: not an event, 0:00:00.00\r\nScriptType: v4.00+\r\n\r\n[V4+ Styles]\r\nFormat: Name, Fontname, Fontsize\r\nStyle: Default,Arial,20\r\n\r\n[Events]\r\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\r\nDialogue: 0,0:00:01.00,0:00:04.00,Default,Host,0,0,0,,{\\an8}Hello, this is Ada\\NLovlace, and {\\i1}Grace{\\i0} Hoper\r\nComment: 0,0:00:04.00,0:00:05.00,Default,,0,0,0,,Ada Lovlace in a comment\r\nDialogue: 0,0:00:05.00,0:00:07.00,Default,,0,0,0,,  Grace\\hHoper {a note} said so  \r\n";

    fn texts(source: &str) -> Vec<&str> {
        let (segs, _) = read(source, Context::default()).unwrap();
        segs.iter().map(|s| &source[s.span.clone()]).collect()
    }

    fn error(source: &str) -> String {
        read(source, Context::default()).unwrap_err().to_string()
    }

    #[test]
    fn detects_ass() {
        assert!(looks_like(SAMPLE));
        assert!(looks_like("\n[script info]\nTitle: x\n"));
        assert!(looks_like(
            "[Events]\nFormat: Start, Text\nDialogue: 0:00:01.00,hi\n"
        ));
        assert!(!looks_like("[Events]\nnothing here\n"));
        assert!(!looks_like(
            "Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,hi\n"
        ));
        assert!(!looks_like("[00:00:01] hello\n"));
    }

    #[test]
    fn only_the_text_of_dialogues_is_editable() {
        assert_eq!(
            texts(SAMPLE),
            vec![
                "Hello, this is Ada",
                "Lovlace, and",
                "Grace",
                "Hoper",
                "Grace",
                "Hoper",
                "said so"
            ]
        );
    }

    #[test]
    fn segments_carry_start_cue_and_speaker() {
        let (segs, after) = read(SAMPLE, Context::default()).unwrap();
        assert_eq!(segs[0].timestamp.as_deref(), Some("0:00:01.00"));
        assert_eq!(segs[0].speaker.as_deref(), Some("Host"));
        assert!(segs[..4].iter().all(|s| s.cue == 0));
        assert_eq!(segs[4].cue, 1, "the comment is no cue");
        assert_eq!(segs[4].timestamp.as_deref(), Some("0:00:05.00"));
        assert_eq!(segs[4].speaker, None);
        assert_eq!(after.dialogues, 2);
        assert!(after.events);
    }

    #[test]
    fn the_format_line_says_where_the_text_is() {
        let source = "[Events]\nFormat: Start, Name, Text\nDialogue: 0:00:01.00,Ann,a, b, c\n";
        let (segs, _) = read(source, Context::default()).unwrap();
        assert_eq!(texts(source), vec!["a, b, c"]);
        assert_eq!(segs[0].timestamp.as_deref(), Some("0:00:01.00"));
        assert_eq!(segs[0].speaker.as_deref(), Some("Ann"));
        // SSA, and no Format line: ten fields.
        let source = "[Events]\nDialogue: Marked=0,0:00:01.00,0:00:02.00,*Default,,0,0,0,,x, y\n";
        assert_eq!(texts(source), vec!["x, y"]);
    }

    #[test]
    fn marks_are_frozen_and_breaks_cut_parts() {
        let part_texts = |text: &str| -> Vec<Vec<String>> {
            (parts(text).into_iter())
                .map(|(range, runs)| {
                    let part = &text[range];
                    (runs.iter())
                        .map(|r| match r {
                            Run::Text(r) => format!("t:{}", &part[r.clone()]),
                            Run::Tag(r) => format!("m:{}", &part[r.clone()]),
                        })
                        .collect()
                })
                .collect()
        };
        assert_eq!(
            part_texts("a{\\b1}b\\Nc\\hd\\ne"),
            [
                vec!["t:a", "m:{\\b1}", "t:b"],
                vec!["t:c"],
                vec!["t:d"],
                vec!["t:e"]
            ]
        );
        assert_eq!(
            part_texts("x\\\\Ny {z \\i1 w}"),
            [vec!["t:x\\"], vec!["t:y ", "m:{z \\i1 w}"]]
        );
        assert_eq!(
            part_texts("{ open \\ë2 } {"),
            [vec!["m:{ open \\ë2 }", "t: {"]]
        );
        assert_eq!(part_texts("a \\bold b"), [vec!["t:a ", "m:\\bold", "t: b"]]);
        assert_eq!(part_texts("\\N"), [Vec::<String>::new(), Vec::new()]);
    }

    #[test]
    fn a_word_cut_by_a_block_is_frozen() {
        let source = "[Events]\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,Grace Hop{\\b1}per\\Nand{\\i1} Ada\n";
        assert_eq!(texts(source), vec!["Grace", "and", "Ada"]);
    }

    #[test]
    fn other_sections_and_lines_are_frozen() {
        let source = "[Script Info]\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,info\n[Fonts]\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,font\n[Events]\n; Dialogue: a comment\nPicture: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,pic\n  Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,spoken\n";
        assert_eq!(texts(source), vec!["spoken"]);
    }

    #[test]
    fn a_piece_reads_from_the_context_before_it() {
        let head = "[Events]\nFormat: Start, Text\nDialogue: 0:00:01.00,one\n";
        let tail = "Dialogue: 0:00:02.00,two, three\n";
        let (_, context) = read(head, Context::default()).unwrap();
        let (segs, _) = read(tail, context).unwrap();
        assert_eq!(&tail[segs[0].span.clone()], "two, three");
        assert_eq!(segs[0].cue, 1);
        assert_eq!(segs[0].timestamp.as_deref(), Some("0:00:02.00"));
        let (alone, _) = read(tail, Context::default()).unwrap();
        assert!(alone.is_empty(), "outside [Events], nothing is read");
    }

    #[test]
    fn broken_events_are_errors_on_their_line() {
        let source = "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,ok\nDialogue: 0,0:00:01.00,0:00:02.00,Default\n";
        assert_eq!(
            error(source),
            "line 4: Dialogue line with 4 fields, the Format line names 10"
        );
        let source = "[Script Info]\r\n\r\n[Events]\r\nFormat: Start, Text, End\r\n";
        assert_eq!(
            error(source),
            "line 4: the [Events] Format line ends with \"End\", not Text"
        );
    }
}
