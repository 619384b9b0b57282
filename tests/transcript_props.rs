//! Property tests of the transcript model: generated transcripts of every format (inline
//! tags, `\n`, `\r\n`, lone `\r` and mixed line endings, cues without the blank line between
//! them) round-trip byte for byte, their segments are exactly the spoken text (never a tag nor
//! a timing), line numbers count every kind of line ending, and an edit changes only its own
//! span. ASS dialogue texts are read between their blocks and breaks, SBV text lines after their
//! timings. A broken timing is reported on its line. Arbitrary input never panics.

mod common;

use proptest::prelude::*;
use proptest::sample::Index;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;
use transfix::transcript::{Edit, Pieces, ReadOptions, TranscriptError};
use transfix::{Format, Transcript};

/// A generated transcript and the segment texts a reader must find in it.
#[derive(Debug, Clone)]
struct Case {
    source: String,
    format: Format,
    expected: Vec<String>,
}

/// Spoken text: unicode words that never start like a timestamp and hold no tag or arrow.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Zéàüœ日本Ωß][a-zA-Zéàüœ日本Ωß'&;,.!? 0-9-]{0,25}[a-zA-Zéàüœ日Ω.!?]"
}

/// Line endings, used in turn: all alike (`\n`, `\r\n`, or a lone `\r` as in old Mac files)
/// or mixed.
fn endings() -> impl Strategy<Value = Vec<&'static str>> {
    let one = prop_oneof![Just("\n"), Just("\r\n"), Just("\r")];
    prop_oneof![
        one.clone().prop_map(|e| vec![e]),
        prop::collection::vec(one, 2..6),
    ]
}

/// `body` (lines joined by `\n`) with its line breaks taken in turn from `endings`. A lone `\r`
/// followed by a `\n` would read as one `\r\n`, so an empty line after a `\r` ends in `\r\n`.
fn with_endings(body: &str, endings: &[&str]) -> String {
    let lines: Vec<&str> = body.split('\n').collect();
    let mut out = String::from(lines[0]);
    let mut previous = "";
    for (k, line) in lines[1..].iter().enumerate() {
        let mut ending = endings[k % endings.len()];
        if ending == "\n" && previous == "\r" && lines[k].is_empty() {
            ending = "\r\n";
        }
        out.push_str(ending);
        out.push_str(line);
        previous = ending;
    }
    out
}

/// Byte order mark and final newline, the two things a writer must keep as they were.
fn framing() -> impl Strategy<Value = (bool, bool)> {
    (any::<bool>(), any::<bool>())
}

/// The source from a `\n`-joined body: line endings as drawn, BOM and final newline.
fn finish(body: String, endings: &[&str], (bom, final_newline): (bool, bool)) -> String {
    let body = if final_newline { body + "\n" } else { body };
    let source = with_endings(&body, endings);
    if bom {
        format!("\u{feff}{source}")
    } else {
        source
    }
}

/// `00:00:01,229`, `0:00:02.456`, `00:02.382`, `00:05`, `0:08.8`.
fn clock() -> impl Strategy<Value = (u32, u32, u32, u32)> {
    (0..100u32, 0..60u32, 0..60u32, 0..1000u32)
}

fn cue_time(sep: char) -> impl Strategy<Value = String> {
    (clock(), 0..3usize).prop_map(move |((h, m, s, ms), style)| match style {
        0 => format!("{h:02}:{m:02}:{s:02}{sep}{ms:03}"),
        1 => format!("{}:{m:02}:{s:02}{sep}{ms:03}", h % 10),
        _ => format!("{m:02}:{s:02}{sep}{ms:03}"),
    })
}

/// A caption text line: text runs between inline tags (a tag may also open or close the
/// line), and the runs a reader must find.
fn tagged_line(tag: BoxedStrategy<&'static str>) -> impl Strategy<Value = (String, Vec<String>)> {
    let lead = prop::option::of(tag.clone());
    let trail = prop::option::of(tag.clone());
    let spacing = prop_oneof![
        Just((" ", " ")),
        Just((" ", "")),
        Just(("", " ")),
        Just(("", "")),
    ];
    let more = prop::collection::vec((tag, spacing, text()), 0..3);
    (lead, text(), more, trail).prop_map(|(lead, first, more, trail)| {
        let mut line = lead.unwrap_or_default().to_owned();
        line.push_str(&first);
        let mut runs = vec![first];
        // Whether a tag cuts a word between run `i` and the next.
        let mut cut = Vec::new();
        for (tag, (before, after), run) in more {
            let last = runs.last().unwrap();
            let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            cut.push(
                before.is_empty()
                    && after.is_empty()
                    && letter(last.chars().next_back())
                    && letter(run.chars().next()),
            );
            line.push_str(&format!("{before}{tag}{after}{run}"));
            runs.push(run);
        }
        line.push_str(trail.unwrap_or_default());
        // The pieces of a word cut by a tag are not spoken text a fix may touch.
        let expected = runs
            .iter()
            .enumerate()
            .filter_map(|(i, run)| {
                let mut run = run.as_str();
                if i > 0 && cut[i - 1] {
                    run = run.trim_start_matches(char::is_alphanumeric).trim_start();
                }
                if cut.get(i) == Some(&true) {
                    run = run.trim_end_matches(char::is_alphanumeric).trim_end();
                }
                (!run.is_empty()).then(|| run.to_owned())
            })
            .collect();
        (line, expected)
    })
}

/// SRT styling: HTML-like tags and ASS overrides.
fn srt_tag() -> BoxedStrategy<&'static str> {
    prop_oneof![
        Just("<i>"),
        Just("</i>"),
        Just("<b>"),
        Just("</b>"),
        Just("<u>"),
        Just("</u>"),
        Just("<font color=\"#ffff00\">"),
        Just("<font face=\"Arial\" size=\"20\">"),
        Just("</font>"),
        Just("{\\an8}"),
        Just("{\\i1}"),
        Just("{\\i0}"),
        Just("{\\pos(10,20)\\b1}"),
    ]
    .boxed()
}

/// A cue's lines, the texts a reader must find in them, and whether it has a cue number.
type CueLines = (Vec<String>, Vec<String>);

fn srt_cue(number: usize) -> impl Strategy<Value = (CueLines, bool)> {
    let sep = prop_oneof![Just(','), Just('.')];
    let lines = prop::collection::vec(tagged_line(srt_tag()), 1..4);
    // Some writers leave the numbers out, of some cues or of all.
    let numbered = prop_oneof![4 => Just(true), 1 => Just(false)];
    (
        sep.prop_flat_map(|sep| (cue_time(sep), cue_time(sep))),
        lines,
        numbered,
    )
        .prop_map(move |((start, end), lines, numbered)| {
            let mut out = Vec::new();
            if numbered {
                out.push(number.to_string());
            }
            out.push(format!("{start} --> {end}"));
            let mut expected = Vec::new();
            for (line, runs) in lines {
                out.push(line);
                expected.extend(runs);
            }
            ((out, expected), numbered)
        })
}

/// Cues joined by a blank line, or by none (some files leave it out).
fn join_cues(cues: &[CueLines], blank: &[bool]) -> String {
    let mut body = String::new();
    for (i, (lines, _)) in cues.iter().enumerate() {
        if i > 0 {
            body.push_str(if blank[i % blank.len()] { "\n\n" } else { "\n" });
        }
        body.push_str(&lines.join("\n"));
    }
    body
}

fn srt() -> impl Strategy<Value = Case> {
    let cues = (1..8usize).prop_flat_map(|n| (1..=n).map(srt_cue).collect::<Vec<_>>());
    let blank = prop::collection::vec(prop_oneof![3 => Just(true), 1 => Just(false)], 1..4);
    (cues, blank, endings(), framing()).prop_map(|(cues, blank, endings, framing)| {
        let cues: Vec<CueLines> = cues.into_iter().map(|(cue, _)| cue).collect();
        Case {
            source: finish(join_cues(&cues, &blank), &endings, framing),
            format: Format::Srt,
            expected: cues.into_iter().flat_map(|(_, e)| e).collect(),
        }
    })
}

/// WebVTT inline tags (voice tags aside).
fn vtt_tag() -> BoxedStrategy<&'static str> {
    prop_oneof![
        Just("<i>"),
        Just("</i>"),
        Just("<b>"),
        Just("<u>"),
        Just("</u>"),
        Just("<c.yellow>"),
        Just("<c.yellow.bg_blue>"),
        Just("</c>"),
        Just("<00:00:01.000>"),
        Just("<01:02.500>"),
        Just("<lang en>"),
        Just("</lang>"),
        Just("<ruby>"),
        Just("<rt>"),
        Just("</rt>"),
        Just("</ruby>"),
        Just("</v>"),
    ]
    .boxed()
}

/// A VTT text line: text runs between inline tags, maybe opened by a voice tag.
fn vtt_line() -> impl Strategy<Value = (String, Vec<String>)> {
    let voice = prop::option::of("[A-Z][a-zé]{1,6}( [0-9])?");
    (voice, tagged_line(vtt_tag())).prop_map(|(voice, (line, expected))| {
        let voice = voice.map_or(String::new(), |v| format!("<v {v}>"));
        (format!("{voice}{line}"), expected)
    })
}

/// A VTT cue and whether its id (if any) is a number: only then may the blank line before it
/// be missing, since a word right after cue text is more cue text.
fn vtt_cue() -> impl Strategy<Value = (CueLines, bool)> {
    let id = prop::option::of(prop_oneof![
        "[0-9]{1,3}".prop_map(|id| (id, true)),
        "[a-z][a-z0-9-]{0,8}".prop_map(|id| (id, false)),
    ]);
    let settings = prop::option::of(prop_oneof![
        Just(" align:start position:10%"),
        Just(" line:0 size:50% region:fred"),
        Just("\tvertical:rl"),
    ]);
    let lines = prop::collection::vec(vtt_line(), 1..3);
    (id, cue_time('.'), cue_time('.'), settings, lines).prop_map(
        |(id, start, end, settings, lines)| {
            let glueable = id.as_ref().is_none_or(|(_, number)| *number);
            let mut out: Vec<String> = id.into_iter().map(|(id, _)| id).collect();
            out.push(format!("{start} --> {end}{}", settings.unwrap_or("")));
            let mut expected = Vec::new();
            for (line, runs) in lines {
                out.push(line);
                expected.extend(runs);
            }
            ((out, expected), glueable)
        },
    )
}

fn vtt() -> impl Strategy<Value = Case> {
    let header = prop_oneof![
        Just("WEBVTT"),
        Just("WEBVTT - A show: 20:00 tonight"),
        Just("WEBVTT\nKind: captions\nLanguage: fr"),
        Just("WEBVTT\n\nNOTE auto-generated 00:01 --- 12:00\nsecond note line"),
        Just("WEBVTT\n\nNOTE\n2024\nchapters: intro --> part 2\n00:01 --> later"),
        Just("WEBVTT\n\nSTYLE\n::cue { color: yellow }\n\nREGION\nid:fred width:40%"),
        Just("WEBVTT\n\nSTYLE\n::cue(b) { color: red } /* a --> b */"),
    ];
    let cues = prop::collection::vec((vtt_cue(), any::<bool>()), 1..6);
    (header, cues, endings(), framing()).prop_map(|(header, cues, endings, framing)| {
        let blank: Vec<bool> = cues
            .iter()
            .map(|((_, glueable), blank)| *blank || !glueable)
            .collect();
        let cues: Vec<CueLines> = cues.into_iter().map(|((cue, _), _)| cue).collect();
        let body = format!("{header}\n\n{}", join_cues(&cues, &blank));
        Case {
            source: finish(body, &endings, framing),
            format: Format::Vtt,
            expected: cues.into_iter().flat_map(|(_, e)| e).collect(),
        }
    })
}

/// A caption-page line in one of the styles seen in the wild.
fn timed_line() -> impl Strategy<Value = (String, Vec<String>)> {
    let line = (clock(), 0..6usize, text()).prop_map(|((h, m, s, ms), style, text)| {
        let line = match style {
            0 => format!("{m:02}:{s:02} {text}"),
            1 => format!("{m:02}:{s:02}{text}"),
            2 => format!("{h:02}:{m:02}:{s:02} {text}"),
            3 => format!("{h:02}:{m:02}:{s:02}{text}"),
            4 => format!("[{m:02}:{s:02}] {text}"),
            _ => format!("{}:{s:02}.{} | {text} |", m % 10, ms % 10),
        };
        (line, text)
    });
    (line, prop::option::of(text())).prop_map(|((line, text), continuation)| {
        let mut lines = vec![line];
        let mut expected = vec![text];
        if let Some(more) = continuation {
            lines.push(more.clone());
            expected.push(more);
        }
        (lines.join("\n"), expected)
    })
}

fn timed() -> impl Strategy<Value = Case> {
    let header = prop::collection::vec(
        prop_oneof![
            text(),
            Just(String::new()),
            Just("Live at 20:00 every day".into())
        ],
        0..5,
    );
    // Without the `Transcript` line, the run of timed lines alone must mark the section.
    let marker = prop::option::of(prop_oneof![Just("Transcript"), Just("Transcription")]);
    let lines = prop::collection::vec(timed_line(), 2..8);
    let footer = prop::option::of(Just("\nRecommandations"));
    (header, marker, lines, footer, endings(), framing()).prop_map(
        |(header, marker, lines, footer, endings, framing)| {
            let mut all = header;
            all.extend(marker.map(String::from));
            all.extend(lines.iter().map(|(line, _)| line.clone()));
            all.extend(footer.map(String::from));
            Case {
                source: finish(all.join("\n"), &endings, framing),
                format: Format::Timed,
                expected: lines.into_iter().flat_map(|(_, e)| e).collect(),
            }
        },
    )
}

fn paragraph() -> impl Strategy<Value = (String, Vec<String>)> {
    let marker =
        prop::option::of(clock().prop_map(|(h, m, s, _)| format!("[{h:02}:{m:02}:{s:02}] ")));
    (marker, prop::collection::vec(text(), 1..3)).prop_map(|(marker, lines)| {
        (
            format!("{}{}", marker.unwrap_or_default(), lines.join("\n")),
            lines,
        )
    })
}

fn plain() -> impl Strategy<Value = Case> {
    let title = prop::option::of(text());
    let paragraphs = prop::collection::vec(paragraph(), 1..6);
    (title, paragraphs, endings(), framing()).prop_map(|(title, paragraphs, endings, framing)| {
        let mut blocks: Vec<String> = title.iter().cloned().collect();
        blocks.extend(paragraphs.iter().map(|(p, _)| p.clone()));
        let mut expected: Vec<String> = title.into_iter().collect();
        expected.extend(paragraphs.into_iter().flat_map(|(_, e)| e));
        Case {
            source: finish(blocks.join("\n\n"), &endings, framing),
            format: Format::Plain,
            expected,
        }
    })
}

/// ASS override and comment blocks.
fn ass_tag() -> BoxedStrategy<&'static str> {
    prop_oneof![
        Just("{\\i1}"),
        Just("{\\i0}"),
        Just("{\\an8}"),
        Just("{\\pos(10,20)\\b1}"),
        Just("{\\c&H00FFFF&}"),
        Just("{a translator's note, with commas}"),
        Just("{}"),
    ]
    .boxed()
}

/// The text field of a dialogue: parts between `\N`, `\n` or `\h`, each text runs between
/// blocks, and the runs a reader must find.
fn ass_text() -> impl Strategy<Value = (String, Vec<String>)> {
    let brk = prop_oneof![Just("\\N"), Just("\\n"), Just("\\h")];
    let more = prop::collection::vec((brk, tagged_line(ass_tag())), 0..3);
    (tagged_line(ass_tag()), more).prop_map(|((first, mut expected), more)| {
        let mut text = first;
        for (brk, (part, runs)) in more {
            text.push_str(brk);
            text.push_str(&part);
            expected.extend(runs);
        }
        (text, expected)
    })
}

/// How the `[Events]` section names its fields: ASS's ten, none (the same ten), or three.
#[derive(Debug, Clone, Copy)]
enum AssFormat {
    Full,
    Missing,
    Short,
}

/// An `[Events]` line: a dialogue (with the texts to find) or a comment line (none).
fn ass_event(format: AssFormat) -> impl Strategy<Value = (String, Vec<String>, bool)> {
    let name = prop_oneof![Just(String::new()), "[A-Z][a-zé]{1,6}( [A-Z][a-z]{1,5})?"];
    let dialogue = prop_oneof![4 => Just(true), 1 => Just(false)];
    (dialogue, clock(), name, ass_text()).prop_map(
        move |(dialogue, (h, m, s, ms), name, (text, runs))| {
            let kind = if dialogue { "Dialogue" } else { "Comment" };
            let start = format!("{}:{m:02}:{s:02}.{:02}", h % 10, ms % 100);
            let line = match format {
                AssFormat::Short => format!("{kind}: {start},{name},{text}"),
                _ => format!("{kind}: 0,{start},9:59:59.99,Default,{name},0,0,0,,{text}"),
            };
            (line, if dialogue { runs } else { Vec::new() }, dialogue)
        },
    )
}

const ASS_HEADS: [&str; 3] = [
    // No [Script Info]: the dialogues in [Events] make the file ASS.
    "",
    "[Script Info]\n; by hand: Dialogue: 0,0:00:01.00,x\nTitle: 20:00, tonight\nScriptType: v4.00+\n\n[V4+ Styles]\nFormat: Name, Fontname, Fontsize\nStyle: Default,Arial,20\n\n",
    "[Script Info]\nScriptType: v4.00\n\n",
];

fn ass_format_line(format: AssFormat) -> &'static str {
    match format {
        AssFormat::Full => {
            "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
        }
        AssFormat::Missing => "",
        AssFormat::Short => "Format: Start, Name, Text\n",
    }
}

fn ass() -> impl Strategy<Value = Case> {
    let format = prop_oneof![
        Just(AssFormat::Full),
        Just(AssFormat::Missing),
        Just(AssFormat::Short)
    ];
    format
        .prop_flat_map(|format| {
            let events = prop::collection::vec((ass_event(format), any::<bool>()), 1..8);
            let fonts = any::<bool>();
            (
                Just(format),
                0..ASS_HEADS.len(),
                events,
                fonts,
                endings(),
                framing(),
            )
        })
        .prop_filter_map(
            "a file without [Script Info] needs a dialogue",
            |(format, head, events, fonts, endings, framing)| {
                let head = ASS_HEADS[head];
                if head.is_empty() && !events.iter().any(|((_, _, d), _)| *d) {
                    return None;
                }
                let mut body = format!("{head}[Events]\n{}", ass_format_line(format));
                let mut expected = Vec::new();
                for ((line, runs, _), blank) in events {
                    body.push_str(&line);
                    body.push_str(if blank { "\n\n" } else { "\n" });
                    expected.extend(runs);
                }
                if fonts {
                    body.push_str("[Fonts]\nfontname: a.ttf\nDialogue: 0,0:00:01.00,x\n");
                }
                Some(Case {
                    source: finish(body.trim_end().to_owned(), &endings, framing),
                    format: Format::Ass,
                    expected,
                })
            },
        )
}

/// `0:00:01.000`, as YouTube writes SBV times.
fn sbv_time() -> impl Strategy<Value = String> {
    clock().prop_map(|(h, m, s, ms)| format!("{}:{m:02}:{s:02}.{ms:03}", h % 10))
}

/// SBV cues: a timing, text lines, and a blank line after (mostly: a timing alone starts a cue).
fn sbv() -> impl Strategy<Value = Case> {
    let blank = prop_oneof![4 => Just(true), 1 => Just(false)];
    let cue = (
        sbv_time(),
        sbv_time(),
        prop::collection::vec(text(), 1..4),
        blank,
    );
    let cues = prop::collection::vec(cue, 1..8);
    (cues, endings(), framing()).prop_map(|(cues, endings, framing)| {
        let mut body = String::new();
        let mut expected = Vec::new();
        for (start, end, lines, blank) in cues {
            body.push_str(&format!("{start},{end}\n{}\n", lines.join("\n")));
            if blank {
                body.push('\n');
            }
            expected.extend(lines);
        }
        Case {
            source: finish(body.trim_end().to_owned(), &endings, framing),
            format: Format::Sbv,
            expected,
        }
    })
}

fn any_case() -> impl Strategy<Value = Case> {
    prop_oneof![srt(), vtt(), timed(), plain(), ass(), sbv()]
}

fn starts_with_timestamp(text: &str) -> bool {
    let text = text.trim_start_matches(['[', '|']);
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && text[digits..].starts_with(':')
}

/// A complete inline tag, as the caption readers recognise them.
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<[\p{Alphabetic}/][^<>]*>|<\d{1,3}(:\d\d){1,2}([.,]\d{1,3})?>|\{\\[^{}]*\}")
        .unwrap()
});

/// What an ASS reader freezes inside a dialogue's text: a `{...}` block, a `\N`, `\n` or `\h`
/// break, a backslash glued to a word.
static ASS_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\{[^}]*\}|\\[\p{Alphabetic}\p{N}]").unwrap());

/// A cue timing line as the generators write them (not an arrow in a comment).
static TIMING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\d:.,]+ --> [\d:.,]+(\s|$)").unwrap());

/// The lines of `source` as `(start, end)` byte offsets, every line ending counted, computed
/// here independently of the readers.
fn line_spans(source: &str) -> Vec<(usize, usize)> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push((start, i));
                start = i + 1;
            }
            b'\r' => {
                out.push((start, i));
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push((start, bytes.len()));
    out
}

/// Invariants that hold for any input the reader accepts.
fn check_segments(t: &Transcript) -> Result<(), TestCaseError> {
    prop_assert_eq!(t.apply(&[]).unwrap(), t.source());
    // Bytes in another encoding (a UTF-16 guess, say) come back as they were read, not as the
    // UTF-8 of the text: the callers that have the bytes check that.
    if t.encoding() == transfix::transcript::Encoding::Utf8 {
        prop_assert_eq!(t.write(&[]).unwrap(), t.source().as_bytes());
    }
    // A leading BOM is never part of a segment (elsewhere U+FEFF is an ordinary character).
    let mut last_end = if t.source().starts_with('\u{feff}') {
        3
    } else {
        0
    };
    let caption = matches!(t.format(), Format::Srt | Format::Vtt);
    let lines = line_spans(t.source());
    for seg in t.segments() {
        prop_assert!(last_end <= seg.span.start && seg.span.start < seg.span.end);
        prop_assert!(t.source().is_char_boundary(seg.span.start));
        prop_assert!(t.source().is_char_boundary(seg.span.end));
        let text = t.text(seg);
        prop_assert!(!text.contains(['\r', '\n']), "{:?}", text);
        if t.format() == Format::Ass {
            prop_assert!(!ASS_MARK.is_match(text), "a block or a break in {:?}", text);
        }
        if caption {
            prop_assert!(!text.contains("-->"), "a timing in {:?}", text);
            prop_assert!(!TAG.is_match(text), "a tag in {:?}", text);
            // Nor does a tag straddle either end.
            let line = lines
                .iter()
                .find(|(s, e)| *s <= seg.span.start && seg.span.end <= *e);
            let &(start, end) = line.expect("a segment lies within a line");
            let tags: Vec<Range<usize>> = TAG
                .find_iter(&t.source()[start..end])
                .map(|tag| start + tag.start()..start + tag.end())
                .collect();
            for tag in &tags {
                prop_assert!(
                    tag.end <= seg.span.start || seg.span.end <= tag.start,
                    "{:?} overlaps a tag",
                    text
                );
            }
            // Nor is a word cut by a tag half in a segment.
            let source = t.source();
            let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            let mut before = seg.span.start;
            while let Some(tag) = tags.iter().find(|tag| tag.end == before) {
                before = tag.start;
            }
            let mut after = seg.span.end;
            while let Some(tag) = tags.iter().find(|tag| tag.start == after) {
                after = tag.end;
            }
            let cut_start = before < seg.span.start
                && word(source[..before].chars().next_back())
                && word(text.chars().next());
            let cut_end = after > seg.span.end
                && word(source[after..].chars().next())
                && word(text.chars().next_back());
            prop_assert!(!cut_start && !cut_end, "{:?} is half a word", text);
        }
        // `file:line:col` positions count every kind of line ending.
        let (line, column) = t.line_col(seg.span.start);
        let (start, _) = lines[line - 1];
        prop_assert!(start <= seg.span.start, "line {} for {:?}", line, text);
        prop_assert!(
            lines
                .get(line)
                .is_none_or(|&(next, _)| seg.span.start < next),
            "line {} for {:?}",
            line,
            text
        );
        prop_assert_eq!(
            column,
            t.source()[start..seg.span.start].chars().count() + 1
        );
        last_end = seg.span.end;
    }
    Ok(())
}

/// A generated SRT or WebVTT file with one timing line broken, and the line it is on.
fn broken_cues() -> impl Strategy<Value = (String, usize, Format)> {
    (prop_oneof![srt(), vtt()], any::<Index>(), 0..3usize).prop_filter_map(
        "no cue to break",
        |(case, which, how)| {
            let lines = line_spans(&case.source);
            let timings: Vec<usize> = (0..lines.len())
                .filter(|&i| {
                    let line = &case.source[lines[i].0..lines[i].1];
                    TIMING.is_match(line.trim_start_matches('\u{feff}'))
                })
                .collect();
            let n = timings[which.index(timings.len())];
            let (start, end) = lines[n];
            let line = &case.source[start..end];
            let broken = match how {
                // `00:00:01,000 --> x0:00:02,000`, `00:00:01,00x --> …`, `… - …`.
                0 => line.replacen("--> ", "--> x", 1),
                1 => {
                    let arrow = line.find(" -->")?;
                    format!("{}x{}", &line[..arrow - 1], &line[arrow..])
                }
                _ => {
                    // Without its arrow, a timing is only known as one after a cue number, and
                    // a file as SRT by its first timing.
                    if n == timings[0] {
                        return None;
                    }
                    let previous = n
                        .checked_sub(1)
                        .map(|p| &case.source[lines[p].0..lines[p].1]);
                    let number = previous
                        .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
                    if !number {
                        return None;
                    }
                    line.replacen("-->", "-", 1)
                }
            };
            let source = format!("{}{broken}{}", &case.source[..start], &case.source[end..]);
            Some((source, n + 1, case.format))
        },
    )
}

/// A generated SBV file with one timing line broken (a letter for its last digit), and the
/// line it is on.
fn broken_sbv() -> impl Strategy<Value = (String, usize)> {
    (sbv(), any::<Index>()).prop_map(|(case, which)| {
        let lines = line_spans(&case.source);
        let timing = |&(start, end): &(usize, usize)| {
            let line = case.source[start..end].trim_start_matches('\u{feff}');
            line.contains(',') && line.starts_with(|c: char| c.is_ascii_digit())
        };
        let timings: Vec<usize> = (0..lines.len()).filter(|&i| timing(&lines[i])).collect();
        let n = timings[which.index(timings.len())];
        let end = lines[n].1;
        let source = format!("{}x{}", &case.source[..end - 1], &case.source[end..]);
        (source, n + 1)
    })
}

/// A reader that hands out at most `.1` bytes a call, as a pipe does.
struct Trickle<'a>(&'a [u8], usize);

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.len().min(self.1).min(out.len());
        out[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

/// Reads `source` in pieces of about `size` bytes; the texts of all segments in order, or the
/// first error.
fn read_in_pieces(source: &[u8], size: usize) -> Result<(String, Vec<String>), TranscriptError> {
    read_in_pieces_as(source, size, ReadOptions::default())
}

fn read_in_pieces_as(
    source: &[u8],
    size: usize,
    options: ReadOptions,
) -> Result<(String, Vec<String>), TranscriptError> {
    let mut whole = String::new();
    let mut texts = Vec::new();
    let reader = Trickle(source, size);
    for piece in Pieces::with_size(reader, options, size) {
        let t = piece?.transcript;
        texts.extend(t.segments().iter().map(|s| t.text(s).to_owned()));
        whole.push_str(t.source());
    }
    Ok((whole, texts))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn generated_transcripts_read_exactly(case in any_case()) {
        let t = Transcript::parse(case.source.as_bytes()).unwrap();
        prop_assert_eq!(t.format(), case.format);
        check_segments(&t)?;
        let texts: Vec<&str> = t.segments().iter().map(|s| t.text(s)).collect();
        prop_assert_eq!(texts, case.expected.iter().map(String::as_str).collect::<Vec<_>>());
        for seg in t.segments() {
            let text = t.text(seg);
            prop_assert!(!starts_with_timestamp(text) && !text.contains("-->"), "{:?}", text);
            prop_assert!(!text.contains('\u{feff}'), "{:?}", text);
        }
    }

    #[test]
    fn an_edit_changes_only_its_span(
        case in any_case(),
        which in any::<Index>(),
        from in any::<Index>(),
        to in any::<Index>(),
        replacement in "[a-zA-Zé日 '-]{0,12}",
    ) {
        let t = Transcript::parse(case.source.as_bytes()).unwrap();
        // Every word may be cut by a tag.
        prop_assume!(!t.segments().is_empty());
        let seg = &t.segments()[which.index(t.segments().len())];
        let local = common::between_boundaries(t.text(seg), from, to);
        let span = seg.span.start + local.start..seg.span.start + local.end;
        let out = t.apply(&[Edit { span: span.clone(), replacement: replacement.clone() }]).unwrap();
        let source = t.source();
        prop_assert_eq!(out, format!("{}{replacement}{}", &source[..span.start], &source[span.end..]));
    }

    #[test]
    fn a_broken_timing_is_reported_on_its_line((source, line, format) in broken_cues()) {
        let name = if format == Format::Srt { "SRT" } else { "WebVTT" };
        match Transcript::parse(source.as_bytes()) {
            Err(TranscriptError::BadStructure { line: got, message }) => {
                prop_assert_eq!(got, line, "{}", message);
                let expected = format!("malformed {name} timing");
                prop_assert!(message.starts_with(&expected), "{}", message);
            }
            other => prop_assert!(false, "{:?}", other.map(|t| t.format())),
        }
    }

    #[test]
    fn a_broken_sbv_timing_is_reported_on_its_line((source, line) in broken_sbv()) {
        match Transcript::parse(source.as_bytes()) {
            Err(TranscriptError::BadStructure { line: got, message }) => {
                prop_assert_eq!(got, line, "{}", message);
                prop_assert!(message.starts_with("malformed SBV timing"), "{}", message);
            }
            other => prop_assert!(false, "{:?}", other.map(|t| t.format())),
        }
        let pieces = read_in_pieces(source.as_bytes(), 40).map(|_| ());
        prop_assert_eq!(Transcript::parse(source.as_bytes()).map(|_| ()), pieces);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in any::<Vec<u8>>()) {
        if let Ok(t) = Transcript::parse(&bytes) {
            prop_assert_eq!(t.write(&[]).unwrap(), bytes);
            check_segments(&t)?;
        }
    }

    /// Input built from the pieces the readers look for, to reach their corners. Only a
    /// caption file may be refused, and only for a broken timing.
    #[test]
    fn caption_like_noise_never_panics(parts in prop::collection::vec(prop_oneof![
        Just("\n"), Just("\r\n"), Just("\r"), Just("\u{feff}"), Just("WEBVTT"), Just("-->"),
        Just("00:01"), Just("0:00:01,5"), Just(":"), Just("["), Just("]"), Just("<"), Just(">"),
        Just("<v A>"), Just("{\\an8}"), Just("|"), Just(" "), Just("1"), Just("é"), Just("日"),
        Just("Transcript"), Just("word"), Just("<i>"), Just("</i>"), Just("{\\i1}"),
        Just("<00:00:01.500>"), Just("NOTE"), Just("STYLE"), Just("x"), Just(","),
    ], 0..60)) {
        let source = parts.concat();
        match Transcript::parse(source.as_bytes()) {
            Ok(t) => check_segments(&t)?,
            Err(TranscriptError::BadStructure { line, .. }) => {
                prop_assert!(line >= 1 && line <= line_spans(&source).len());
            }
            Err(e) => prop_assert!(false, "{}", e),
        }
    }

    /// The same for ASS and SBV: their pieces, read detected and forced, never panic, a no-op
    /// write gives the bytes back, and only a broken structure is refused, on a line of the
    /// file.
    #[test]
    fn subtitle_like_noise_never_panics(parts in prop::collection::vec(prop_oneof![
        Just("\n"), Just("\r\n"), Just("\r"), Just("\u{feff}"), Just("[Script Info]"),
        Just("[Events]"), Just("[Fonts]"), Just("Format: "), Just("Start"), Just("Name"),
        Just("Text"), Just("Dialogue: "), Just("Comment: "), Just(","), Just(", "), Just("{"),
        Just("}"), Just("{\\i1}"), Just("\\N"), Just("\\n"), Just("\\h"), Just("\\"),
        Just("N"), Just("h"), Just("0:00:01.00"), Just("0:00:01.000,0:00:02.000"),
        Just("0:00:0x.000"), Just("10:30"), Just(" "), Just("word"), Just("é"), Just("日"),
    ], 0..60)) {
        let source = parts.concat();
        for format in [None, Some(Format::Ass), Some(Format::Sbv)] {
            let options = ReadOptions { encoding: None, format };
            match Transcript::read(source.as_bytes(), options) {
                Ok(t) => {
                    prop_assert_eq!(t.write(&[]).unwrap(), source.as_bytes());
                    check_segments(&t)?;
                }
                Err(TranscriptError::BadStructure { line, .. }) => {
                    prop_assert!(line >= 1 && line <= line_spans(&source).len());
                }
                Err(e) => prop_assert!(false, "{}", e),
            }
            let whole = Transcript::read(source.as_bytes(), options).map(|t| {
                t.segments().iter().map(|s| t.text(s).to_owned()).collect::<Vec<_>>()
            });
            let pieces = read_in_pieces_as(source.as_bytes(), 7, options).map(|(_, texts)| texts);
            prop_assert_eq!(whole, pieces);
        }
    }

    /// A transcript read in pieces reads as it reads whole: the pieces put back together are
    /// the file, the segments are the same, and an error is the same error at the same place.
    #[test]
    fn pieces_read_as_the_whole(case in any_case(), size in 1usize..400) {
        let whole = Transcript::parse(case.source.as_bytes());
        let pieces = read_in_pieces(case.source.as_bytes(), size);
        match (whole, pieces) {
            (Ok(t), Ok((source, texts))) => {
                prop_assert_eq!(source, case.source.clone());
                let expected: Vec<String> =
                    t.segments().iter().map(|s| t.text(s).to_owned()).collect();
                prop_assert_eq!(texts, expected);
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "whole {:?}, pieces {:?}", a.map(|_| ()), b.map(|_| ())),
        }
    }

    #[test]
    fn broken_files_fail_in_pieces_as_whole((source, _, _) in broken_cues(), size in 1usize..200) {
        let whole = Transcript::parse(source.as_bytes()).map(|_| ());
        let pieces = read_in_pieces(source.as_bytes(), size).map(|_| ());
        prop_assert_eq!(whole, pieces);
    }

    #[test]
    fn arbitrary_bytes_in_pieces_never_panic(bytes in any::<Vec<u8>>(), size in 1usize..64) {
        let _ = read_in_pieces(&bytes, size);
    }
}

/// Found by `arbitrary_bytes_never_panic`: two bytes whose second is NUL read as UTF-16, and
/// write back as the same two bytes (not as the UTF-8 of the text).
#[test]
fn a_utf16_guess_writes_back_its_own_bytes() {
    let bytes = [1u8, 0];
    let t = Transcript::parse(&bytes).unwrap();
    assert_eq!(t.write(&[]).unwrap(), bytes);
}
