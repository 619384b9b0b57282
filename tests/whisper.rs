//! Whisper JSON: reading, byte-exact round trips, fixes that keep `text`, `segments[].text` and
//! `words` consistent, and the recogniser's word probabilities as evidence.
//!
//! The fixtures in `tests/cmd/whisper.in/` are written by Python's `json.dump`, as
//! `openai-whisper --output_format json` writes them: `talk.json` on one line with non-ASCII
//! escaped (whisper's default), `pretty.json` indented by 2, `raw.json` indented by 4 with raw
//! UTF-8 (`ensure_ascii=False`).

mod common;

use serde_json::Value;
use transfix::transcript::{ReadOptions, TranscriptError};
use transfix::{
    Dictionary, Edit, Entry, Format, Index, Kind, Matcher, Proposal, Reason, Transcript,
};

const COMPACT: &str = include_str!("cmd/whisper.in/talk.json");
const PRETTY: &str = include_str!("cmd/whisper.in/pretty.json");
const RAW: &str = include_str!("cmd/whisper.in/raw.json");

fn all_layouts() -> Vec<(&'static str, String)> {
    vec![
        ("compact", COMPACT.to_owned()),
        ("pretty", PRETTY.to_owned()),
        ("raw", RAW.to_owned()),
        (
            "bom+crlf",
            format!("\u{feff}{}", PRETTY.replace('\n', "\r\n")),
        ),
    ]
}

fn read(text: &str) -> Transcript {
    let t = Transcript::parse(text.as_bytes()).expect("a transcript");
    assert_eq!(t.format(), Format::WhisperJson);
    t
}

fn person(name: &str, aliases: &[&str]) -> Entry {
    let mut e = Entry::new(name);
    e.kind = Kind::Person;
    e.aliases = aliases.iter().map(|a| a.to_string()).collect();
    e
}

fn proposals(entries: Vec<Entry>, t: &Transcript) -> Vec<Proposal> {
    let index = Index::build(&Dictionary::from_entries(entries));
    Matcher::new(&index).find(t)
}

fn pioneers() -> Vec<Entry> {
    vec![person("Ada Lovelace", &[]), person("Grace Hopper", &[])]
}

/// The edit replacing the first occurrence of `old` in a segment text by `new`.
fn edit(t: &Transcript, old: &str, new: &str) -> Edit {
    let start = t
        .segments()
        .iter()
        .find_map(|s| t.text(s).find(old).map(|i| s.span.start + i))
        .expect("occurrence");
    Edit {
        span: start..start + old.len(),
        replacement: new.into(),
    }
}

/// `text` is the concatenation of the segment texts, each of which is its words'.
fn assert_consistent(doc: &Value) {
    let segments = doc["segments"].as_array().unwrap();
    let joined: String = segments
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(doc["text"].as_str().unwrap(), joined);
    for s in segments {
        let words: String = (s["words"].as_array().unwrap().iter())
            .map(|w| w["word"].as_str().unwrap())
            .collect();
        assert_eq!(s["text"].as_str().unwrap(), words, "{s}");
    }
}

#[test]
fn the_fixtures_are_consistent_whisper_documents() {
    for (name, text) in all_layouts() {
        let doc: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).unwrap();
        assert_consistent(&doc);
        assert_eq!(read(&text).segments().len(), 4, "{name}");
    }
}

#[test]
fn without_edits_the_file_comes_back_byte_for_byte() {
    for (name, text) in all_layouts() {
        let t = read(&text);
        assert_eq!(t.apply(&[]).unwrap(), text, "{name}");
        assert_eq!(t.write(&[]).unwrap(), text.as_bytes(), "{name}");
        assert_eq!(t.original(), text, "{name}");
    }
    // Escapes Python never writes, kept as they are.
    let odd = r#"{"text": "a\/b \u00E9", "segments": [{"text": "a\/b \u00E9\n\t\u0001"}]}"#;
    assert_eq!(read(odd).apply(&[]).unwrap(), odd);
}

#[test]
fn the_matcher_reads_the_characters_not_their_escapes() {
    let expected = [
        " Welcome back to the history of computing.",
        " Today we talk about Ada Lovlace and her notes.",
        " Then Grace Hoper, who wrote the first compiler.",
        " A café in Zürich named after \\\"Ada\\\" 🙂.",
    ];
    for (name, text) in all_layouts() {
        let t = read(&text);
        let texts: Vec<&str> = t.segments().iter().map(|s| t.text(s)).collect();
        assert_eq!(texts, expected, "{name}");
        // Spans and positions point into the source as shown, lines as in the file.
        let p = proposals(pioneers(), &t);
        assert_eq!(p.len(), 2, "{name}: {p:#?}");
        assert_eq!(&t.source()[p[0].span.clone()], "Ada Lovlace");
        let line = (text.lines())
            .position(|l| l.contains("\"text\": \" Today"))
            .unwrap()
            + 1;
        assert_eq!(p[0].line, line, "{name}");
    }
}

#[test]
fn segments_carry_start_times_and_word_probabilities() {
    let t = read(COMPACT);
    let seg = &t.segments()[1];
    assert_eq!(seg.timestamp.as_deref(), Some("00:00:03.200"));
    assert_eq!(seg.cue, 1);
    assert_eq!(seg.confidence.len(), 9);
    let (range, p) = seg.confidence[5].clone();
    assert_eq!((&t.source()[range], p), ("Lovlace", 310));
}

#[test]
fn a_fix_changes_the_word_the_segment_and_the_text_and_nothing_else() {
    for (name, text) in all_layouts() {
        let t = read(&text);
        let p = proposals(pioneers(), &t);
        let edits: Vec<Edit> = p.iter().map(Proposal::edit).collect();
        let out = t.apply(&edits).unwrap();
        // Same word count: each word keeps its timing and probability; only the words heard
        // wrong change, in the text, the segment and the word list alike.
        let expected = text
            .replace("Lovlace", "Lovelace")
            .replace("Hoper,", "Hopper,");
        assert_eq!(out, expected, "{name}");
        let doc: Value = serde_json::from_str(out.trim_start_matches('\u{feff}')).unwrap();
        assert_consistent(&doc);
    }
}

#[test]
fn words_added_share_the_replaced_words_time() {
    // "Love lace" said for "Lovelace": two words become one; and the reverse.
    let t = read(COMPACT);
    let out = t
        .apply(&[
            edit(&t, "Ada Lovlace", "Ada Love Lace"),
            edit(&t, "Grace Hoper", "Grace"),
        ])
        .unwrap();
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_consistent(&doc);
    let before: Value = serde_json::from_str(COMPACT).unwrap();
    let words = doc["segments"][1]["words"].as_array().unwrap();
    let old = before["segments"][1]["words"].as_array().unwrap();
    assert_eq!(words.len(), 10);
    assert_eq!(words[4], old[4], "\" Ada\" is untouched");
    let (love, lace) = (&words[5], &words[6]);
    assert_eq!(love["word"], " Love");
    assert_eq!(lace["word"], " Lace");
    assert_eq!(love["start"], old[5]["start"]);
    assert_eq!(lace["end"], old[5]["end"]);
    assert_eq!(love["end"], lace["start"]);
    let mid = love["end"].as_f64().unwrap();
    assert!(old[5]["start"].as_f64().unwrap() < mid && mid < old[5]["end"].as_f64().unwrap());
    assert_eq!(love["probability"], 0.31);
    assert_eq!(lace["probability"], 0.31);
    assert_eq!(words[7], old[6]);
    // " Grace Hoper," → " Grace,": the two words make one, from the first's start to the
    // last's end, at the lower probability.
    let words = doc["segments"][2]["words"].as_array().unwrap();
    let old = before["segments"][2]["words"].as_array().unwrap();
    assert_eq!(words.len(), old.len() - 1);
    assert_eq!(words[1]["word"], " Grace,");
    assert_eq!(words[1]["start"], old[1]["start"]);
    assert_eq!(words[1]["end"], old[2]["end"]);
    assert_eq!(words[1]["probability"], 0.42);
    // Written as whisper writes: one line, Python's separators.
    assert!(!out.contains('\n'));
    assert!(out.contains(r#"{"word": " Love", "start": 5.59, "end": 5.83, "probability": 0.31}, {"word": " Lace", "start": 5.83"#), "{out}");
}

#[test]
fn timing_and_every_other_field_stay_as_they_were() {
    let t = read(PRETTY);
    let p = proposals(pioneers(), &t);
    let edits: Vec<Edit> = p.iter().map(Proposal::edit).collect();
    let out: Value = serde_json::from_str(&t.apply(&edits).unwrap()).unwrap();
    let mut before: Value = serde_json::from_str(PRETTY).unwrap();
    // The expected document: the input with the three strings of each fix changed.
    let text = before["text"].as_str().unwrap().to_owned();
    before["text"] = text
        .replace("Lovlace", "Lovelace")
        .replace("Hoper", "Hopper")
        .into();
    before["segments"][1]["text"] = " Today we talk about Ada Lovelace and her notes.".into();
    before["segments"][1]["words"][5]["word"] = " Lovelace".into();
    before["segments"][2]["text"] = " Then Grace Hopper, who wrote the first compiler.".into();
    before["segments"][2]["words"][2]["word"] = " Hopper,".into();
    assert_eq!(out, before);
}

#[test]
fn non_ascii_is_written_as_the_file_writes_it() {
    let names = vec![person("Léa Fontaine", &["Ada Lovlace"])];
    for (name, text, escaped) in [("compact", COMPACT, true), ("raw", RAW, false)] {
        let t = read(text);
        let p = proposals(names.clone(), &t);
        let alias = p.iter().find(|p| p.original == "Ada Lovlace").unwrap();
        let out = t.apply(&[alias.edit()]).unwrap();
        assert_eq!(out.is_ascii(), escaped, "{name}");
        assert_eq!(out.contains(r"L\u00e9a Fontaine"), escaped, "{name}");
        let doc: Value = serde_json::from_str(&out).unwrap();
        assert_consistent(&doc);
        assert_eq!(doc["segments"][1]["words"][4]["word"], " Léa");
        assert_eq!(doc["segments"][1]["words"][5]["word"], " Fontaine");
    }
}

#[test]
fn replacements_with_quotes_and_backslashes_stay_valid_json() {
    let t = read(COMPACT);
    let out = t.apply(&[edit(&t, "Lovlace", "\"Love\\lace\"")]).unwrap();
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_consistent(&doc);
    assert_eq!(
        doc["segments"][1]["words"][5]["word"], " \"Love\\lace\"",
        "{out}"
    );
}

#[test]
fn edits_are_checked() {
    let t = read(COMPACT);
    let a = edit(&t, "Ada Lovlace", "Ada Lovelace");
    let b = edit(&t, "Lovlace", "Lovelace");
    assert!(matches!(
        t.apply(&[a.clone(), b]),
        Err(TranscriptError::Edit(_))
    ));
    // Inside `\"`: it would break the escape.
    let quote = t.source().find("\\\"Ada").unwrap();
    let cut = Edit {
        span: quote + 1..quote + 5,
        replacement: "X".into(),
    };
    assert!(matches!(t.apply(&[cut]), Err(TranscriptError::Edit(_))));
    // Outside the segment texts (the top-level `text` is not a segment).
    let top = Edit {
        span: 12..15,
        replacement: "X".into(),
    };
    assert!(t.apply(&[top]).is_err());
    assert!(t.apply(&[a]).is_ok());
}

#[test]
fn malformed_json_is_not_taken_for_whisper() {
    let broken = include_str!("cmd/whisper.in/broken.json");
    let cases = [
        broken,
        r#"{"segments": [{"id": 0}]}"#,
        r#"{"segments": "none"}"#,
        r#"[{"text": "hi"}]"#,
        r#"{"text": "no segments"}"#,
        "{ not json \"segments\" }",
    ];
    for case in cases {
        let t = Transcript::parse(case.as_bytes()).unwrap();
        assert_ne!(t.format(), Format::WhisperJson, "{case}");
    }
    // Forced, it says why.
    let forced = ReadOptions {
        format: Some(Format::WhisperJson),
        ..ReadOptions::default()
    };
    let error = |s: &str| {
        Transcript::read(s.as_bytes(), forced)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        error(broken),
        "not Whisper JSON: EOF while parsing a list at line 1 column 71"
    );
    assert_eq!(
        error(r#"{"text": "no segments"}"#),
        "not Whisper JSON: no `segments` array"
    );
    assert_eq!(
        error(r#"{"segments": [{"id": 0}]}"#),
        "not Whisper JSON: segment 0 has no `text` string"
    );
    assert_eq!(error("[1]"), "not Whisper JSON: not a JSON object");
    // A document without words is fine; so are empty segment texts.
    let bare = r#"{"text":"","segments":[{"text":""},{"text":" Ada Lovlace"}]}"#;
    let t = Transcript::read(bare.as_bytes(), forced).unwrap();
    assert_eq!(t.segments().len(), 1);
    let out = t.apply(&[edit(&t, "Lovlace", "Lovelace")]).unwrap();
    assert_eq!(out, bare.replace("Lovlace", "Lovelace"));
}

/// The same sentence with its mis-heard words rated `probability`.
fn one_segment(text: &str, probability: f64) -> String {
    let words: Vec<Value> = (text.split_inclusive(' '))
        .enumerate()
        .map(|(k, w)| {
            serde_json::json!({
                "word": format!(" {}", w.trim_end()),
                "start": k as f64,
                "end": k as f64 + 1.0,
                "probability": if w.starts_with(char::is_uppercase) { probability } else { 0.99 },
            })
        })
        .collect();
    let text = format!(" {text}");
    serde_json::json!({"text": text, "segments": [{"text": text, "words": words}]}).to_string()
}

fn score_and_reasons(text: &str, probability: f64) -> (f64, Vec<Reason>) {
    let t = read(&one_segment(text, probability));
    let p = proposals(pioneers(), &t);
    assert_eq!(p.len(), 1, "{p:#?}");
    (p[0].score, p[0].reasons.clone())
}

#[test]
fn words_the_recogniser_doubted_add_a_little_evidence() {
    for text in [
        "we spoke with Eda Lavlice yesterday",
        "the team met Gracie Hopping there",
    ] {
        // 0.7: neither doubted nor sure (see `the_recogniser_s_confidence_is_evidence_either_way`
        // in tests/asr.rs for certainty).
        let (sure, reasons) = score_and_reasons(text, 0.7);
        assert!(
            !reasons
                .iter()
                .any(|r| matches!(r, Reason::LowConfidence { .. }))
        );
        let (unsure, reasons) = score_and_reasons(text, 0.2);
        assert!(
            unsure > sure && unsure - sure < 0.1,
            "{text}: {sure} → {unsure}"
        );
        let Some(Reason::LowConfidence { words, probability }) = reasons
            .iter()
            .find(|r| matches!(r, Reason::LowConfidence { .. }))
        else {
            panic!("no low-confidence reason: {reasons:?}");
        };
        assert_eq!(*probability, 0.2);
        assert_eq!(words.len(), 2, "{words:?}");
        // Never enough alone to reach the auto-apply point from below 0.7.
        if sure < 0.7 {
            assert!(unsure < transfix::matcher::AUTO_APPLY);
        }
    }
}

#[test]
fn words_of_the_term_heard_right_are_no_evidence() {
    // Only "Ada" was doubted, and "Ada" is heard right: nothing to add.
    let doc = COMPACT
        .replace(
            r#"" Ada", "start": 5.11, "end": 5.59, "probability": 0.91"#,
            r#"" Ada", "start": 5.11, "end": 5.59, "probability": 0.1"#,
        )
        .replace(r#""probability": 0.31"#, r#""probability": 0.95"#);
    assert_ne!(doc, COMPACT);
    let p = proposals(pioneers(), &read(&doc));
    let ada = p.iter().find(|p| p.original == "Ada Lovlace").unwrap();
    assert!(
        !ada.reasons
            .iter()
            .any(|r| matches!(r, Reason::LowConfidence { .. })),
        "{ada:#?}"
    );
}

/// `transfix fix` on the escaped fixtures, byte for byte (trycmd cannot compare backslashes).
#[test]
fn the_cli_writes_the_escaped_files_byte_for_byte() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/whisper.in");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("whisper-fix-escaped");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let files = ["talk.json", "pretty.json", "raw.json"];
    for file in files.iter().chain(&["names.toml"]) {
        std::fs::copy(fixtures.join(file), dir.join(file)).unwrap();
    }
    // Nothing to fix: a copy of the input, byte for byte.
    std::fs::write(dir.join("none.toml"), "[[term]]\nname = \"Alan Turing\"\n").unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_transfix"))
            .args(args)
            .current_dir(&dir)
            .env("XDG_CONFIG_HOME", "/nonexistent/transfix-tests")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    };
    run(&[
        &["--dict", "none.toml", "fix", "--out-dir", "same"][..],
        &files,
    ]
    .concat());
    run(&[&["--dict", "names.toml", "fix"][..], &files].concat());
    for file in files {
        let input = std::fs::read_to_string(dir.join(file)).unwrap();
        let same = std::fs::read_to_string(dir.join("same").join(file)).unwrap();
        assert_eq!(same, input, "{file}");
        let fixed = std::fs::read_to_string(dir.join("corrected").join(file)).unwrap();
        let expected = input
            .replace("Lovlace", "Lovelace")
            .replace("Hoper,", "Hopper,");
        assert_eq!(fixed, expected, "{file}");
    }
}

mod props {
    use super::*;
    use proptest::prelude::*;
    use proptest::sample::Index as Pick;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any edits inside segment texts give valid JSON whose `text`, segment texts and
        /// words agree, or a clear error when an edit would cut an escape.
        #[test]
        fn edits_keep_the_document_consistent(
            layout in 0..4usize,
            edits in prop::collection::vec(
                (any::<Pick>(), any::<Pick>(), any::<Pick>(), "[a-zA-Zé日😀 '\"\\\\-]{0,12}"),
                1..4,
            ),
        ) {
            let (_, text) = all_layouts().swap_remove(layout);
            let t = read(&text);
            let spans = common::edits(&t, edits, common::between_boundaries);
            match t.apply(&spans) {
                Ok(out) => {
                    let body = out.trim_start_matches('\u{feff}');
                    let doc: Value = serde_json::from_str(body).unwrap();
                    assert_consistent(&doc);
                    // Escaped as the file is: non-ASCII characters stay `\uXXXX`.
                    let escaped = text.trim_start_matches('\u{feff}').is_ascii();
                    prop_assert!(body.is_ascii() || !escaped);
                }
                Err(e) => prop_assert!(e.to_string().contains("escape"), "{}", e),
            }
        }

        #[test]
        fn any_input_forced_as_whisper_never_panics(parts in prop::collection::vec(prop_oneof![
            Just("{"), Just("}"), Just("["), Just("]"), Just(","), Just(":"), Just("\""),
            Just("\\"), Just("\\u00e9"), Just("\\ud83d"), Just("\\ude42"), Just("\\n"), Just(" "),
            Just("\n"), Just("\"segments\""), Just("\"text\""), Just("\"words\""), Just("\"word\""),
            Just("\"probability\""), Just("\"start\""), Just("0.5"), Just("1e3"), Just("null"),
            Just("é"), Just("\u{feff}"), Just("Ada Lovlace"),
        ], 0..60)) {
            let source = parts.concat();
            let forced = ReadOptions { format: Some(Format::WhisperJson), ..ReadOptions::default() };
            if let Ok(t) = Transcript::read(source.as_bytes(), forced) {
                prop_assert_eq!(t.apply(&[]).unwrap(), source.clone());
                let p = proposals(pioneers(), &t);
                let edits: Vec<Edit> = p.iter().map(Proposal::edit).collect();
                if let Ok(out) = t.apply(&edits) {
                    let _: Value = serde_json::from_str(out.trim_start_matches('\u{feff}')).unwrap();
                }
            }
            let _ = Transcript::parse(source.as_bytes());
        }
    }
}
