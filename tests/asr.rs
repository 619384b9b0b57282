//! The JSON of ASR services (WhisperX, AWS Transcribe, Deepgram, AssemblyAI): detection,
//! segments and word confidences read, byte-exact round trips, fixes that leave every copy of
//! the text agreeing, errors on files of another kind, and the confidences as evidence.
//!
//! The fixtures in `tests/cmd/asr.in/` are written by `make_fixtures.py` there, in each
//! service's layout: the same talk, two speakers, "Ada Lovlace" and "Grace Hoper" mis-heard.

mod common;

use serde_json::Value;
use transfix::transcript::{ReadOptions, TranscriptError};
use transfix::{
    Dictionary, Edit, Entry, Format, Index, Kind, Matcher, Proposal, Reason, Transcript,
};

const WHISPERX: &str = include_str!("cmd/asr.in/whisperx.json");
const AWS: &str = include_str!("cmd/asr.in/aws.json");
const DEEPGRAM: &str = include_str!("cmd/asr.in/deepgram.json");
const DEEPGRAM_PARAGRAPHS: &str = include_str!("cmd/asr.in/deepgram-paragraphs.json");
const ASSEMBLYAI: &str = include_str!("cmd/asr.in/assemblyai.json");

/// The check that a document's copies of the text agree.
type Agrees = fn(&Value, Agree);

/// Every fixture, its format and the check that its copies agree.
fn fixtures() -> Vec<(&'static str, Format, Agrees)> {
    vec![
        (WHISPERX, Format::WhisperxJson, whisperx_agrees),
        (AWS, Format::AwsJson, aws_agrees),
        (DEEPGRAM, Format::DeepgramJson, deepgram_agrees),
        (DEEPGRAM_PARAGRAPHS, Format::DeepgramJson, deepgram_agrees),
        (ASSEMBLYAI, Format::AssemblyaiJson, assemblyai_agrees),
    ]
}

fn read(text: &str, format: Format) -> Transcript {
    let t = Transcript::parse(text.as_bytes()).expect("a transcript");
    assert_eq!(t.format(), format);
    t
}

fn forced(format: Format) -> ReadOptions {
    ReadOptions {
        format: Some(format),
        ..ReadOptions::default()
    }
}

fn person(name: &str, aliases: &[&str]) -> Entry {
    let mut e = Entry::new(name);
    e.kind = Kind::Person;
    e.aliases = aliases.iter().map(|a| a.to_string()).collect();
    e
}

fn pioneers() -> Vec<Entry> {
    vec![
        person("Ada Lovelace", &["Ada Love Lace"]),
        person("Grace Hopper", &[]),
    ]
}

fn proposals(entries: Vec<Entry>, t: &Transcript) -> Vec<Proposal> {
    let index = Index::build(&Dictionary::from_entries(entries));
    Matcher::new(&index).find(t)
}

/// The edit replacing the first occurrence of `old` in a segment by `new`.
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

fn parsed(out: &str) -> Value {
    serde_json::from_str(out.trim_start_matches('\u{feff}')).expect("valid JSON")
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

fn array(v: &Value) -> &Vec<Value> {
    v.as_array().unwrap_or_else(|| panic!("not an array: {v}"))
}

/// Words joined by single spaces, the empty ones left out.
fn joined<'a>(words: impl Iterator<Item = &'a str>) -> String {
    words
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every run of whitespace as one space, none at the ends.
fn squeezed(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How strictly copies must agree.
#[derive(Clone, Copy)]
enum Agree {
    /// The same words (a word list knows no double spaces).
    Words,
    /// The same characters but for spaces: a list of bare words cannot say every space an
    /// arbitrary edit leaves (one before a punctuation mark AWS lists apart, say).
    Letters,
}

#[track_caller]
fn same(how: Agree, a: &str, b: &str) {
    match how {
        Agree::Words => assert_eq!(squeezed(a), squeezed(b)),
        Agree::Letters => assert_eq!(
            a.replace(char::is_whitespace, ""),
            b.replace(char::is_whitespace, "")
        ),
    }
}

/// Each segment's text is its words; `word_segments` is every segment's words.
fn whisperx_agrees(doc: &Value, how: Agree) {
    let mut all = Vec::new();
    for s in array(&doc["segments"]) {
        let words = array(&s["words"]);
        same(
            how,
            text(&s["text"]),
            &joined(words.iter().map(|w| text(&w["word"]))),
        );
        all.extend(words.iter().cloned());
    }
    assert_eq!(array(&doc["word_segments"]), &all);
}

/// AWS: items joined as Transcribe writes them, a space before each word, none before a
/// punctuation mark.
fn aws_text<'a>(items: impl Iterator<Item = &'a Value>) -> String {
    let mut out = String::new();
    for item in items {
        let content = text(&item["alternatives"][0]["content"]);
        if content.is_empty() {
            continue;
        }
        if !out.is_empty() && item["type"] == "pronunciation" {
            out.push(' ');
        }
        out.push_str(content);
    }
    out
}

/// The transcript is the items; each audio segment is its items, and all of them the
/// transcript.
fn aws_agrees(doc: &Value, how: Agree) {
    let results = &doc["results"];
    let items = array(&results["items"]);
    let transcript = text(&results["transcripts"][0]["transcript"]);
    same(how, transcript, &aws_text(items.iter()));
    let segments = array(&results["audio_segments"]);
    same(
        how,
        transcript,
        &joined(segments.iter().map(|s| text(&s["transcript"]))),
    );
    for s in segments {
        let ids: Vec<&Value> = array(&s["items"]).iter().collect();
        let mine = items.iter().filter(|i| ids.contains(&&i["id"]));
        same(how, text(&s["transcript"]), &aws_text(mine));
    }
}

/// Every copy is the transcript: its words (and their plain forms), the paragraphs, the
/// sentences, the utterances and their words.
fn deepgram_agrees(doc: &Value, how: Agree) {
    let alternative = &doc["results"]["channels"][0]["alternatives"][0];
    let transcript = text(&alternative["transcript"]);
    let words = array(&alternative["words"]);
    same(
        how,
        transcript,
        &joined(words.iter().map(|w| text(&w["punctuated_word"]))),
    );
    for w in words {
        let plain = text(&w["punctuated_word"])
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        assert_eq!(text(&w["word"]), plain, "{w}");
    }
    if let Some(paragraphs) = alternative.get("paragraphs") {
        let labelled = text(&paragraphs["transcript"]);
        let unlabelled = labelled
            .replace("Speaker 0: ", "")
            .replace("Speaker 1: ", "");
        same(how, &unlabelled, transcript);
        let sentences = array(&paragraphs["paragraphs"])
            .iter()
            .flat_map(|p| array(&p["sentences"]))
            .map(|s| text(&s["text"]));
        same(how, &joined(sentences), transcript);
    }
    let utterances = array(&doc["results"]["utterances"]);
    same(
        how,
        &joined(utterances.iter().map(|u| text(&u["transcript"]))),
        transcript,
    );
    let mut all = Vec::new();
    for u in utterances {
        let mine = array(&u["words"]);
        same(
            how,
            text(&u["transcript"]),
            &joined(mine.iter().map(|w| text(&w["punctuated_word"]))),
        );
        all.extend(mine.iter().cloned());
    }
    assert_eq!(&all, words);
}

/// The text is its words, and the utterances with theirs.
fn assemblyai_agrees(doc: &Value, how: Agree) {
    let full = text(&doc["text"]);
    let words = array(&doc["words"]);
    same(how, full, &joined(words.iter().map(|w| text(&w["text"]))));
    let utterances = array(&doc["utterances"]);
    same(
        how,
        full,
        &joined(utterances.iter().map(|u| text(&u["text"]))),
    );
    let mut all = Vec::new();
    for u in utterances {
        let mine = array(&u["words"]);
        same(
            how,
            text(&u["text"]),
            &joined(mine.iter().map(|w| text(&w["text"]))),
        );
        all.extend(mine.iter().cloned());
    }
    assert_eq!(&all, words);
}

#[test]
fn the_fixtures_agree_with_themselves() {
    for (file, format, agrees) in fixtures() {
        agrees(&parsed(file), Agree::Words);
        assert!(!read(file, format).segments().is_empty());
    }
}

#[test]
fn each_service_is_detected_and_whisper_still_is() {
    for (file, format, _) in fixtures() {
        assert_eq!(read(file, format).format(), format);
        let pretty = serde_json::to_string_pretty(&parsed(file)).unwrap();
        assert_eq!(read(&pretty, format).format(), format, "indented");
    }
    let whisper = include_str!("cmd/whisper.in/talk.json");
    assert_eq!(
        Transcript::parse(whisper.as_bytes()).unwrap().format(),
        Format::WhisperJson
    );
    // WhisperX without `word_segments` is told by its words' scores; without either, its
    // segments read as Whisper's.
    let mut doc = parsed(WHISPERX);
    doc.as_object_mut().unwrap().remove("word_segments");
    let scored = doc.to_string();
    assert_eq!(
        read(&scored, Format::WhisperxJson).format(),
        Format::WhisperxJson
    );
    let bare = r#"{"segments": [{"start": 0.0, "end": 1.0, "text": " Hi."}]}"#;
    assert_eq!(
        Transcript::parse(bare.as_bytes()).unwrap().format(),
        Format::WhisperJson
    );
}

#[test]
fn without_edits_every_file_comes_back_byte_for_byte() {
    for (file, format, _) in fixtures() {
        for text in [
            file.to_owned(),
            format!("\u{feff}{}", file.replace('\n', "\r\n")),
        ] {
            let t = read(&text, format);
            assert_eq!(t.apply(&[]).unwrap(), text);
            assert_eq!(t.write(&[]).unwrap(), text.as_bytes());
        }
    }
}

#[test]
fn long_transcripts_are_read_as_sentences_with_their_times() {
    for (file, format) in [
        (AWS, Format::AwsJson),
        (DEEPGRAM, Format::DeepgramJson),
        (ASSEMBLYAI, Format::AssemblyaiJson),
    ] {
        let t = read(file, format);
        let texts: Vec<&str> = t.segments().iter().map(|s| t.text(s)).collect();
        assert_eq!(
            texts,
            [
                "Welcome back to the history of computing.",
                "Today we talk about Ada Lovlace and her notes.",
                "Then Grace Hoper, who wrote the first compiler in 1952.",
                "Later, Ada Love Lace wrote more notes.",
            ],
            "{format:?}"
        );
        let times: Vec<&str> = (t.segments().iter())
            .map(|s| s.timestamp.as_deref().unwrap())
            .collect();
        assert_eq!(
            times,
            [
                "00:00:00.000",
                "00:00:03.400",
                "00:00:07.600",
                "00:00:12.200"
            ],
            "{format:?}"
        );
    }
    let t = read(WHISPERX, Format::WhisperxJson);
    assert_eq!(
        t.text(&t.segments()[1]),
        " Today we talk about Ada Lovlace and her notes."
    );
    assert_eq!(t.segments()[1].timestamp.as_deref(), Some("00:00:03.400"));
}

#[test]
fn word_confidences_are_read_where_each_service_writes_them() {
    for (file, format, _) in fixtures() {
        let t = read(file, format);
        let seg = &t.segments()[1];
        let confidence: Vec<(&str, u16)> = (seg.confidence.iter())
            .map(|(r, c)| (&t.source()[r.clone()], *c))
            .collect();
        assert_eq!(confidence.len(), 9, "{format:?}: {confidence:?}");
        assert!(
            confidence.contains(&("Lovlace", 310)),
            "{format:?}: {confidence:?}"
        );
        assert!(
            confidence.contains(&("Ada", 620)),
            "{format:?}: {confidence:?}"
        );
    }
    // Punctuation is not heard (AWS rates it 0.0), and WhisperX leaves a number unscored.
    let t = read(AWS, Format::AwsJson);
    assert!(t.segments()[2].confidence.iter().all(|(_, c)| *c > 0));
    let t = read(WHISPERX, Format::WhisperxJson);
    let words = &t.segments()[2].confidence;
    assert!(
        !words
            .iter()
            .any(|(r, _)| t.source()[r.clone()].contains("1952"))
    );
}

#[test]
fn the_matcher_fixes_every_copy_alike() {
    for (file, format, agrees) in fixtures() {
        let t = read(file, format);
        let p = proposals(pioneers(), &t);
        let found: Vec<&str> = p.iter().map(|p| p.original.as_str()).collect();
        assert_eq!(
            found,
            ["Ada Lovlace", "Grace Hoper", "Ada Love Lace"],
            "{format:?}"
        );
        let edits: Vec<Edit> = p.iter().map(Proposal::edit).collect();
        let out = t.apply(&edits).unwrap();
        let doc = parsed(&out);
        agrees(&doc, Agree::Words);
        assert!(
            !out.contains("Lovlace") && !out.contains("Love Lace"),
            "{format:?}"
        );
        assert!(
            !out.contains("Hoper") && !out.contains("hoper"),
            "{format:?}"
        );
        // Read again, the fixed file says the names.
        let again = read(&out, format);
        let texts: String = again.segments().iter().map(|s| again.text(s)).collect();
        assert!(texts.contains("Ada Lovelace and") && texts.contains("Grace Hopper,"));
    }
}

#[test]
fn a_name_fixed_across_two_words_changes_both_everywhere() {
    for (file, format, agrees) in fixtures() {
        let t = read(file, format);
        let edits = [
            edit(&t, "Ada Lovlace", "Augusta Lovelace"),
            edit(&t, "Grace Hoper", "Rear Admiral Grace Hopper"),
            edit(&t, "Ada Love Lace", "Ada Lovelace"),
        ];
        let out = t.apply(&edits).unwrap();
        let doc = parsed(&out);
        agrees(&doc, Agree::Words);
        for name in [
            "Augusta Lovelace",
            "Admiral Grace Hopper",
            "Later, Ada Lovelace",
        ] {
            assert!(out.contains(name), "{format:?}: {name}");
        }
        // Nothing else changed: every value that says none of the words fixed is the same.
        same_outside(&parsed(file), &doc);
    }
}

/// Whether a value says one of the words the edits above change.
fn says_a_fixed_word(v: &Value) -> bool {
    let s = v.to_string().to_lowercase();
    ["lovlace", "hoper", "love", "lace", "ada", "grace"]
        .iter()
        .any(|w| s.contains(w))
}

/// `before` and `after` agree everywhere but in the words fixed: a word object that says one
/// (its times and confidence change with it), the strings that say one, the lists that hold
/// one more or one fewer.
fn same_outside(before: &Value, after: &Value) {
    let word = |v: &Value| {
        ["word", "punctuated_word", "alternatives", "score"]
            .iter()
            .any(|k| v.get(k).is_some())
            || (v.get("text").is_some() && v.get("words").is_none())
    };
    match (before, after) {
        (Value::Object(_), _) if word(before) && says_a_fixed_word(before) => {}
        (Value::Object(a), Value::Object(b)) => {
            assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
            for (k, v) in a {
                same_outside(v, &b[k]);
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (x, y) in a.iter().zip(b) {
                same_outside(x, y);
            }
        }
        _ if !says_a_fixed_word(before) => assert_eq!(before, after),
        _ => {}
    }
}

#[test]
fn times_ids_and_speakers_stay_as_they_were() {
    // AWS: the items are slots (audio segments name them by id): as many as before, with
    // their ids, times and speakers; the word left over is emptied.
    let t = read(AWS, Format::AwsJson);
    let out = parsed(
        &t.apply(&[edit(&t, "Ada Love Lace", "Ada Lovelace")])
            .unwrap(),
    );
    let before = parsed(AWS);
    let (old, new) = (
        array(&before["results"]["items"]),
        array(&out["results"]["items"]),
    );
    assert_eq!(old.len(), new.len());
    for (a, b) in old.iter().zip(new) {
        for key in ["id", "type", "start_time", "end_time", "speaker_label"] {
            assert_eq!(a.get(key), b.get(key), "{key}");
        }
    }
    let contents: Vec<&str> = new
        .iter()
        .map(|i| text(&i["alternatives"][0]["content"]))
        .collect();
    let love = contents.iter().position(|c| *c == "Lovelace").unwrap();
    assert_eq!(contents[love + 1], "");
    assert_eq!(new[love]["alternatives"][0]["confidence"], "0.470");
    // AssemblyAI: the two words become one, from the first's start to the last's end, in
    // milliseconds, with the speaker of the first.
    let t = read(ASSEMBLYAI, Format::AssemblyaiJson);
    let out = parsed(&t.apply(&[edit(&t, "Love Lace", "Lovelace")]).unwrap());
    let word = array(&out["words"])
        .iter()
        .find(|w| w["text"] == "Lovelace")
        .unwrap();
    assert_eq!(word["start"], 13000);
    assert_eq!(word["end"], 13750);
    assert_eq!(word["confidence"], 0.47);
    assert_eq!(word["speaker"], "B");
    // Deepgram: a word split in two shares its time by length, rounded to the millisecond.
    let t = read(DEEPGRAM, Format::DeepgramJson);
    let out = parsed(&t.apply(&[edit(&t, "Lovlace", "Love Lace")]).unwrap());
    let words = array(&out["results"]["channels"][0]["alternatives"][0]["words"]);
    let love = words
        .iter()
        .position(|w| w["punctuated_word"] == "Love")
        .unwrap();
    assert_eq!(words[love]["word"], "love");
    assert_eq!(words[love]["start"], 5.4);
    assert_eq!(words[love + 1]["start"], words[love]["end"]);
    assert_eq!(words[love + 1]["end"], 5.75);
    assert_eq!(words[love + 1]["speaker"], 0);
}

#[test]
fn a_file_of_another_kind_says_what_it_lacks() {
    let error = |file: &str, format: Format| {
        Transcript::read(file.as_bytes(), forced(format))
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        error(DEEPGRAM, Format::AwsJson),
        "not AWS Transcribe JSON: no `results.transcripts[0].transcript` string"
    );
    assert_eq!(
        error(AWS, Format::DeepgramJson),
        "not Deepgram JSON: no `results.channels` array"
    );
    assert_eq!(
        error(AWS, Format::AssemblyaiJson),
        "not AssemblyAI JSON: no `text` string"
    );
    assert_eq!(
        error(AWS, Format::WhisperxJson),
        "not WhisperX JSON: no `segments` array"
    );
    assert_eq!(
        error(
            r#"{"text": null, "status": "error"}"#,
            Format::AssemblyaiJson
        ),
        "not AssemblyAI JSON: no `text` string"
    );
    assert_eq!(
        error(r#"{"text": "hi"}"#, Format::AssemblyaiJson),
        "not AssemblyAI JSON: no `words` array"
    );
    assert_eq!(
        error(r#"{"results": {"channels": [{}]}}"#, Format::DeepgramJson),
        "not Deepgram JSON: channel 0 has no `alternatives` array"
    );
    assert_eq!(
        error(&AWS[..40], Format::AwsJson),
        "not AWS Transcribe JSON: EOF while parsing a string at line 1 column 40"
    );
    assert_eq!(
        error("[1]", Format::DeepgramJson),
        "not Deepgram JSON: not a JSON object"
    );
    // Not detected as a service either: read as plain text.
    let t = Transcript::parse(&AWS.as_bytes()[..40]).unwrap();
    assert!(!t.format().is_json());
}

#[test]
fn edits_are_checked() {
    let t = read(AWS, Format::AwsJson);
    let a = edit(&t, "Ada Lovlace", "Ada Lovelace");
    let b = edit(&t, "Lovlace", "Lovelace");
    assert!(matches!(
        t.apply(&[a.clone(), b]),
        Err(TranscriptError::Edit(_))
    ));
    // Outside the spoken text: a key, or the space between two sentences.
    let key = t.source().find("jobName").unwrap();
    let outside = |span: std::ops::Range<usize>| Edit {
        span,
        replacement: "X".into(),
    };
    assert!(t.apply(&[outside(key..key + 3)]).is_err());
    let gap = t.segments()[0].span.end;
    assert!(t.apply(&[outside(gap..gap + 1)]).is_err());
    assert!(t.apply(&[a]).is_ok());
}

#[test]
fn edits_at_the_edges_of_a_segment_keep_the_copies_agreeing() {
    // Found by the property tests below: an edit of a WhisperX segment's leading space took
    // the last word of the segment before along (`word_segments` lists both), and gave
    // invalid JSON; an insertion at a segment's end was refused.
    for (file, format, agrees) in fixtures() {
        let t = read(file, format);
        for seg in t.segments() {
            let (start, end) = (seg.span.start, seg.span.end);
            for (span, replacement) in [
                (start..start, "\"Hi "),
                (end..end, " Hi"),
                (start..start + 1, "x"),
            ] {
                let e = Edit {
                    span,
                    replacement: replacement.into(),
                };
                let out = t.apply(&[e]).unwrap();
                agrees(&parsed(&out), Agree::Letters);
            }
        }
    }
}

/// One sentence of AssemblyAI words, the capitalised ones rated `confidence`.
fn assemblyai_sentence(sentence: &str, confidence: f64) -> String {
    let words: Vec<Value> = (sentence.split(' ').enumerate())
        .map(|(k, w)| {
            let c = if w.starts_with(char::is_uppercase) { confidence } else { 0.99 };
            serde_json::json!({"text": w, "start": k * 500, "end": k * 500 + 400, "confidence": c, "speaker": "A"})
        })
        .collect();
    serde_json::json!({"text": sentence, "words": words, "language_code": "en_us"}).to_string()
}

fn confidence_reasons(sentence: &str, confidence: f64) -> (f64, Vec<Reason>) {
    let t = read(
        &assemblyai_sentence(sentence, confidence),
        Format::AssemblyaiJson,
    );
    let p = proposals(pioneers(), &t);
    assert_eq!(p.len(), 1, "{p:#?}");
    (p[0].score, p[0].reasons.clone())
}

#[test]
fn the_recogniser_s_confidence_is_evidence_either_way() {
    let sentence = "we spoke with Eda Lavlice yesterday";
    let (doubted, reasons) = confidence_reasons(sentence, 0.2);
    assert!(reasons.iter().any(|r| matches!(
        r,
        Reason::LowConfidence { probability, .. } if *probability == 0.2
    )));
    let (sure, reasons) = confidence_reasons(sentence, 0.97);
    let Some(Reason::HighConfidence { words, probability }) = reasons
        .iter()
        .find(|r| matches!(r, Reason::HighConfidence { .. }))
    else {
        panic!("no high-confidence reason: {reasons:?}");
    };
    assert_eq!((words.len(), *probability), (2, 0.97));
    assert!(
        !reasons
            .iter()
            .any(|r| matches!(r, Reason::LowConfidence { .. }))
    );
    // Doubt raises the score a little, certainty lowers it a little; between the two,
    // neither weighs.
    let (between, reasons) = confidence_reasons(sentence, 0.7);
    assert!(
        doubted > between && between > sure,
        "{sure} < {between} < {doubted}"
    );
    assert!(doubted - sure < 0.2, "{sure} → {doubted}");
    let weighs =
        |r: &Reason, name: &str| matches!(r, Reason::Weighs { feature, .. } if feature == name);
    let (_, sure_reasons) = confidence_reasons(sentence, 0.97);
    assert!(sure_reasons.iter().any(|r| weighs(r, "high_confidence")));
    assert!(!reasons.iter().any(|r| matches!(
        r,
        Reason::LowConfidence { .. } | Reason::HighConfidence { .. }
    )));
}

mod props {
    use super::*;
    use proptest::prelude::*;
    use proptest::sample::Index as Pick;

    /// Whole words of a segment, as the matcher's fixes take them (letters and digits, not the
    /// punctuation around them): from the start of one word to the end of another.
    fn words_span(text: &str, from: Pick, to: Pick) -> std::ops::Range<usize> {
        let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let starts: Vec<usize> = (text.char_indices())
            .filter(|&(i, c)| c.is_alphanumeric() && !letter(text[..i].chars().next_back()))
            .map(|(i, _)| i)
            .collect();
        let ends: Vec<usize> = (text.char_indices())
            .map(|(i, c)| i + c.len_utf8())
            .filter(|&e| letter(text[..e].chars().next_back()) && !letter(text[e..].chars().next()))
            .collect();
        let a = starts[from.index(starts.len())];
        let b = ends[to.index(ends.len())];
        a.min(b)..a.max(b)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Fixes of whole words (the matcher's kind), by any words: every copy agrees after, and
        /// the file reads back in as many segments (the punctuation that cuts them stays).
        #[test]
        fn word_edits_keep_every_copy_agreeing(
            which in 0..5usize,
            edits in prop::collection::vec(
                (any::<Pick>(), any::<Pick>(), any::<Pick>(), "[A-Za-zé]{1,8}( [A-Za-zé]{1,8}){0,2}"),
                1..4,
            ),
        ) {
            let (file, format, agrees) = fixtures().swap_remove(which);
            let t = read(file, format);
            let spans = common::edits(&t, edits, words_span);
            let out = t.apply(&spans).unwrap();
            agrees(&parsed(&out), Agree::Words);
            let again = Transcript::read(out.as_bytes(), forced(format)).unwrap();
            prop_assert_eq!(again.segments().len(), t.segments().len());
        }

        /// Any edits inside segments give valid JSON whose copies say the same words, or a
        /// clear error when an edit would cut an escape.
        #[test]
        fn any_edits_keep_every_copy_agreeing(
            which in 0..5usize,
            edits in prop::collection::vec(
                (any::<Pick>(), any::<Pick>(), any::<Pick>(), "[a-zA-Zé日😀 ,.'\"\\\\-]{0,12}"),
                1..4,
            ),
        ) {
            let (file, format, agrees) = fixtures().swap_remove(which);
            let t = read(file, format);
            let spans = common::edits(&t, edits, common::between_boundaries);
            match t.apply(&spans) {
                Ok(out) => {
                    agrees(&parsed(&out), Agree::Letters);
                }
                Err(e) => prop_assert!(e.to_string().contains("escape"), "{}", e),
            }
        }

        /// Whatever the bytes, read as any of the services: no panic, and with no edit the
        /// file back byte for byte; the matcher's fixes give valid JSON.
        #[test]
        fn any_input_never_panics_and_round_trips(
            format in prop::sample::select(vec![
                Format::WhisperxJson, Format::AwsJson, Format::DeepgramJson, Format::AssemblyaiJson,
            ]),
            parts in prop::collection::vec(prop_oneof![
                Just("{"), Just("}"), Just("["), Just("]"), Just(","), Just(":"), Just("\""),
                Just("\\"), Just("\\u00e9"), Just("\\n"), Just(" "), Just("\n"), Just("null"),
                Just("\"results\""), Just("\"transcripts\""), Just("\"transcript\""),
                Just("\"items\""), Just("\"alternatives\""), Just("\"content\""),
                Just("\"confidence\""), Just("\"channels\""), Just("\"words\""),
                Just("\"word\""), Just("\"punctuated_word\""), Just("\"utterances\""),
                Just("\"paragraphs\""), Just("\"sentences\""), Just("\"text\""),
                Just("\"segments\""), Just("\"word_segments\""), Just("\"score\""),
                Just("\"start\""), Just("\"end\""), Just("\"start_time\""), Just("\"speaker\""),
                Just("0"), Just("0.5"), Just("\"0.5\""), Just("1e400"), Just("é"),
                Just("\"Ada Lovlace.\""), Just("\"Ada\""), Just("\"Lovlace\""), Just("\u{feff}"),
            ], 0..80),
        ) {
            let source = parts.concat();
            if let Ok(t) = Transcript::read(source.as_bytes(), forced(format)) {
                prop_assert_eq!(t.apply(&[]).unwrap(), source.clone());
                prop_assert_eq!(t.write(&[]).unwrap(), source.as_bytes());
                let p = proposals(pioneers(), &t);
                let edits: Vec<Edit> = p.iter().map(Proposal::edit).collect();
                if let Ok(out) = t.apply(&edits) {
                    parsed(&out);
                }
            }
            let _ = Transcript::parse(source.as_bytes());
        }
    }
}
