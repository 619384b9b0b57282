//! Property tests of the transcript model: generated transcripts of every format round-trip
//! byte for byte, their segments are exactly the spoken text, and an edit changes only its
//! own span. Arbitrary input never panics.

use proptest::prelude::*;
use proptest::sample::Index;
use transfix::transcript::Edit;
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

fn eol() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("\n"), Just("\r\n")]
}

/// Byte order mark and final newline, the two things a writer must keep as they were.
fn framing() -> impl Strategy<Value = (bool, bool)> {
    (any::<bool>(), any::<bool>())
}

fn finish(body: String, eol: &str, (bom, final_newline): (bool, bool)) -> String {
    let mut source = if bom { format!("\u{feff}{body}") } else { body };
    if final_newline {
        source.push_str(eol);
    }
    source
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

fn srt_cue(number: usize) -> impl Strategy<Value = (Vec<String>, Vec<String>)> {
    let sep = prop_oneof![Just(','), Just('.')];
    let lines = prop::collection::vec((text(), any::<bool>()), 1..4);
    (
        sep.prop_flat_map(|sep| (cue_time(sep), cue_time(sep))),
        lines,
    )
        .prop_map(move |((start, end), lines)| {
            let mut out = vec![number.to_string(), format!("{start} --> {end}")];
            let mut expected = Vec::new();
            for (line, italic) in lines {
                out.push(if italic {
                    format!("<i>{line}</i>")
                } else {
                    line.clone()
                });
                expected.push(line);
            }
            (out, expected)
        })
}

fn srt() -> impl Strategy<Value = Case> {
    let cues = (1..8usize).prop_flat_map(|n| (1..=n).map(srt_cue).collect::<Vec<_>>());
    (cues, eol(), framing()).prop_map(|(cues, eol, framing)| {
        let blocks: Vec<String> = cues.iter().map(|(lines, _)| lines.join(eol)).collect();
        Case {
            source: finish(blocks.join(&format!("{eol}{eol}")), eol, framing),
            format: Format::Srt,
            expected: cues.into_iter().flat_map(|(_, e)| e).collect(),
        }
    })
}

/// A VTT text line: text runs joined by inline tags, maybe opened by a voice tag.
fn vtt_line() -> impl Strategy<Value = (String, Vec<String>)> {
    let tag = prop_oneof![
        Just("<i>"),
        Just("</i>"),
        Just("<b>"),
        Just("<c.yellow>"),
        Just("</c>"),
        Just("<00:00:01.000>"),
        Just("</v>"),
    ];
    let voice = prop::option::of("[A-Z][a-zé]{1,6}( [0-9])?");
    (voice, prop::collection::vec((tag, text()), 1..4)).prop_map(|(voice, runs)| {
        let mut line = voice.map_or(String::new(), |v| format!("<v {v}>"));
        let mut expected = Vec::new();
        for (i, (tag, run)) in runs.into_iter().enumerate() {
            if i > 0 {
                line.push_str(&format!(" {tag}"));
            }
            line.push_str(&run);
            expected.push(run);
        }
        (line, expected)
    })
}

fn vtt_cue() -> impl Strategy<Value = (Vec<String>, Vec<String>)> {
    let id = prop::option::of(prop_oneof!["[0-9]{1,3}", "[a-z][a-z0-9-]{0,8}"]);
    let settings = prop::option::of(Just(" align:start position:10%"));
    let lines = prop::collection::vec(vtt_line(), 1..3);
    (id, cue_time('.'), cue_time('.'), settings, lines).prop_map(
        |(id, start, end, settings, lines)| {
            let mut out: Vec<String> = id.into_iter().collect();
            out.push(format!("{start} --> {end}{}", settings.unwrap_or("")));
            let mut expected = Vec::new();
            for (line, runs) in lines {
                out.push(line);
                expected.extend(runs);
            }
            (out, expected)
        },
    )
}

fn vtt() -> impl Strategy<Value = Case> {
    let header = prop_oneof![
        Just("WEBVTT"),
        Just("WEBVTT - A show: 20:00 tonight"),
        Just("WEBVTT\nKind: captions\nLanguage: fr"),
        Just("WEBVTT\n\nNOTE auto-generated 00:01 --- 12:00\nsecond note line"),
        Just("WEBVTT\n\nSTYLE\n::cue { color: yellow }\n\nREGION\nid:fred width:40%"),
    ];
    let cues = prop::collection::vec(vtt_cue(), 1..6);
    (header, cues, eol(), framing()).prop_map(|(header, cues, eol, framing)| {
        let mut blocks = vec![header.replace('\n', eol)];
        blocks.extend(cues.iter().map(|(lines, _)| lines.join(eol)));
        Case {
            source: finish(blocks.join(&format!("{eol}{eol}")), eol, framing),
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
    (header, marker, lines, footer, eol(), framing()).prop_map(
        |(header, marker, lines, footer, eol, framing)| {
            let mut all = header;
            all.extend(marker.map(String::from));
            all.extend(lines.iter().map(|(line, _)| line.clone()));
            all.extend(footer.map(String::from));
            Case {
                source: finish(all.join("\n").replace('\n', eol), eol, framing),
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
    (title, paragraphs, eol(), framing()).prop_map(|(title, paragraphs, eol, framing)| {
        let mut blocks: Vec<String> = title.iter().cloned().collect();
        blocks.extend(paragraphs.iter().map(|(p, _)| p.clone()));
        let mut expected: Vec<String> = title.into_iter().collect();
        expected.extend(paragraphs.into_iter().flat_map(|(_, e)| e));
        Case {
            source: finish(blocks.join("\n\n").replace('\n', eol), eol, framing),
            format: Format::Plain,
            expected,
        }
    })
}

fn any_case() -> impl Strategy<Value = Case> {
    prop_oneof![srt(), vtt(), timed(), plain()]
}

fn starts_with_timestamp(text: &str) -> bool {
    let text = text.trim_start_matches(['[', '|']);
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && text[digits..].starts_with(':')
}

/// Invariants that hold for any input the reader accepts.
fn check_segments(t: &Transcript) -> Result<(), TestCaseError> {
    prop_assert_eq!(t.apply(&[]).unwrap(), t.source());
    // A leading BOM is never part of a segment (elsewhere U+FEFF is an ordinary character).
    let mut last_end = if t.source().starts_with('\u{feff}') {
        3
    } else {
        0
    };
    for seg in t.segments() {
        prop_assert!(last_end <= seg.span.start && seg.span.start < seg.span.end);
        prop_assert!(t.source().is_char_boundary(seg.span.start));
        prop_assert!(t.source().is_char_boundary(seg.span.end));
        let text = t.text(seg);
        prop_assert!(!text.contains(['\r', '\n']), "{:?}", text);
        last_end = seg.span.end;
    }
    Ok(())
}

/// The byte offset of the `index`th char boundary of `text` (its end included).
fn boundary(text: &str, index: Index) -> usize {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    bounds[index.index(bounds.len())]
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
        let seg = &t.segments()[which.index(t.segments().len())];
        let (a, b) = (boundary(t.text(seg), from), boundary(t.text(seg), to));
        let span = seg.span.start + a.min(b)..seg.span.start + a.max(b);
        let out = t.apply(&[Edit { span: span.clone(), replacement: replacement.clone() }]).unwrap();
        let source = t.source();
        prop_assert_eq!(out, format!("{}{replacement}{}", &source[..span.start], &source[span.end..]));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in any::<Vec<u8>>()) {
        if let Ok(t) = Transcript::parse(&bytes) {
            check_segments(&t)?;
        }
    }

    /// Input built from the pieces the readers look for, to reach their corners.
    #[test]
    fn caption_like_noise_never_panics(parts in prop::collection::vec(prop_oneof![
        Just("\n"), Just("\r\n"), Just("\r"), Just("\u{feff}"), Just("WEBVTT"), Just("-->"),
        Just("00:01"), Just("0:00:01,5"), Just(":"), Just("["), Just("]"), Just("<"), Just(">"),
        Just("<v A>"), Just("{\\an8}"), Just("|"), Just(" "), Just("1"), Just("é"), Just("日"),
        Just("Transcript"), Just("word"),
    ], 0..60)) {
        let source = parts.concat();
        let t = Transcript::parse(source.as_bytes()).unwrap();
        check_segments(&t)?;
    }
}
