//! TTML: fixes found through the decoded text, written back with the file's own references,
//! in every encoding; the corrected file still parses as XML, checked by quick-xml and by
//! Python's `xml.etree.ElementTree` (a parser transfix does not use); and property tests:
//! generated documents read exactly, arbitrary input never panics and always comes back
//! byte for byte.

use proptest::prelude::*;
use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};
use transfix::transcript::{Encoding, ReadOptions, encoding};
use transfix::{Dictionary, Edit, Entry, Format, Index, Kind, Matcher, Transcript};

const TALK: &str = include_str!("cmd/ttml.in/talk.ttml");
const CLEAN: &str = include_str!("cmd/ttml.in/clean.ttml");

fn person(name: &str, aliases: &[&str]) -> Entry {
    let mut e = Entry::new(name);
    e.kind = Kind::Person;
    e.aliases = aliases.iter().map(|a| a.to_string()).collect();
    e
}

fn pioneers() -> Vec<Entry> {
    vec![person("Ada Lovelace", &[]), person("Grace Hopper", &[])]
}

fn read(bytes: &[u8]) -> Transcript {
    let t = Transcript::read(bytes, ReadOptions::default()).expect("a transcript");
    assert_eq!(t.format(), Format::Ttml);
    t
}

/// Every proposal the matcher makes, as edits.
fn edits(entries: Vec<Entry>, t: &Transcript) -> Vec<Edit> {
    let index = Index::build(&Dictionary::from_entries(entries));
    (Matcher::new(&index).find(t).into_iter())
        .map(|p| Edit {
            span: p.span,
            replacement: p.replacement,
        })
        .collect()
}

/// The qualified names of a document's elements, in order, as quick-xml reads them (which
/// also checks start and end tags match).
fn elements(xml: &str) -> Vec<String> {
    let mut reader = Reader::from_str(xml.trim_start_matches('\u{feff}'));
    let mut out = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) | Event::Empty(e) => out.push(e.name().as_ref().to_owned()),
            Event::Eof => return out,
            _ => {}
        }
    }
}

/// What Python's ElementTree reads: every element's tag, and the text of each `<p>`. `None`
/// where there is no python3 to ask.
fn python_reads(bytes: &[u8]) -> Option<Value> {
    const SCRIPT: &str = r#"
import json, sys, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.buffer.read())
print(json.dumps({
    "tags": [e.tag for e in root.iter()],
    "p": ["".join(p.itertext()) for p in root.iter("{http://www.w3.org/ns/ttml}p")],
}))
"#;
    let child = Command::new("python3")
        .args(["-c", SCRIPT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("python3 not found: ElementTree check skipped");
            return None;
        }
        Err(e) => panic!("python3: {e}"),
    };
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "ElementTree refused it: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).unwrap())
}

/// The talk, as written in each encoding TTML files come in.
fn encodings() -> Vec<(&'static str, Encoding, Vec<u8>)> {
    let utf16 = TALK.replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
    let units = |big: bool| -> Vec<u8> {
        format!("\u{feff}{utf16}")
            .encode_utf16()
            .flat_map(|u| {
                if big {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    };
    vec![
        ("utf-8", Encoding::Utf8, TALK.as_bytes().to_vec()),
        (
            "utf-8, BOM and CRLF",
            Encoding::Utf8,
            format!("\u{feff}{}", TALK.replace('\n', "\r\n")).into_bytes(),
        ),
        ("utf-16le", Encoding::Utf16Le, units(false)),
        ("utf-16be", Encoding::Utf16Be, units(true)),
    ]
}

#[test]
fn the_fixes_leave_a_document_every_parser_reads() {
    for (name, encoding, bytes) in encodings() {
        let t = read(&bytes);
        assert_eq!(t.encoding(), encoding, "{name}");
        assert_eq!(t.write(&[]).unwrap(), bytes, "{name}: no edit, same bytes");
        let edits = edits(pioneers(), &t);
        assert_eq!(edits.len(), 3, "{name}");
        let fixed = t.write(&edits).unwrap();
        let text = encoding::decode(&fixed, None).unwrap().text;
        let original = t.original();
        assert_eq!(elements(&text), elements(original), "{name}");
        for kept in [
            "&amp; the first",
            "&#8220;bug&#8221;",
            "Ada Lovlace &amp; Grace Hoper</ttm:title>",
        ] {
            assert!(text.contains(kept), "{name}: {kept} lost");
        }
        let expected = original
            .replace("Lovlace<br/>", "Lovelace<br/>")
            .replace("<br/>Lovlace", "<br/>Lovelace")
            .replace("Grace Hoper</span>", "Grace Hopper</span>");
        assert_eq!(text, expected, "{name}");
        let (Some(before), Some(after)) = (python_reads(&bytes), python_reads(&fixed)) else {
            continue;
        };
        assert_eq!(before["tags"], after["tags"], "{name}");
        assert_eq!(
            after["p"],
            serde_json::json!([
                "Today we talk about Ada Lovelaceand her notes on the engine.",
                "Then Grace Hopper & the first compiler, her “bug”.",
                "Both AdaLovelace and Grace Hopper wrote code.",
            ]),
            "{name}"
        );
    }
}

#[test]
fn the_matcher_sees_characters_and_the_file_keeps_its_entities() {
    let file = r#"<?xml version="1.0"?>
<tt xmlns="http://www.w3.org/ns/ttml"><body><div>
<p begin="1s">Shares of Procter &amp; Gamble rose.</p>
<p begin="2s">Procter and Gamble said so &#x2014; again.</p>
</div></body></tt>
"#;
    let t = read(file.as_bytes());
    let mut soap = Entry::new("Procter & Gamble");
    soap.kind = Kind::Org;
    soap.aliases = vec!["Procter and Gamble".into()];
    let edits = edits(vec![soap], &t);
    // The one written right is right: only the alias is fixed.
    assert_eq!(edits.len(), 1, "{edits:?}");
    assert_eq!(&t.source()[edits[0].span.clone()], "Procter and Gamble");
    let fixed = String::from_utf8(t.write(&edits).unwrap()).unwrap();
    assert_eq!(
        fixed,
        file.replace("Procter and Gamble", "Procter &amp; Gamble")
    );
    if let Some(after) = python_reads(fixed.as_bytes()) {
        assert_eq!(after["p"][1], "Procter & Gamble said so — again.");
    }
}

#[test]
fn a_file_without_fixes_is_written_as_it_was() {
    let t = read(CLEAN.as_bytes());
    assert!(edits(pioneers(), &t).is_empty());
    assert_eq!(t.write(&[]).unwrap(), CLEAN.as_bytes());
    let mut out = Vec::new();
    t.write_to(&[], &mut out).unwrap();
    assert_eq!(out, CLEAN.as_bytes());
}

/// A `<p>` of generated words, with references between them: the file's text and the text
/// the reader must find (decoded).
fn paragraph() -> impl Strategy<Value = (String, String)> {
    let piece = prop_oneof![
        "[a-zA-Zéü日]{1,8}".prop_map(|w| (w.clone(), w)),
        Just(("&amp;".to_owned(), "&".to_owned())),
        Just(("&lt;".to_owned(), "<".to_owned())),
        Just(("&#233;".to_owned(), "é".to_owned())),
        Just(("&#x1F600;".to_owned(), "😀".to_owned())),
        Just(("&quot;".to_owned(), "\"".to_owned())),
    ];
    prop::collection::vec(piece, 1..8).prop_map(|pieces| {
        let file: Vec<String> = pieces.iter().map(|(f, _)| f.clone()).collect();
        let text: Vec<String> = pieces.iter().map(|(_, t)| t.clone()).collect();
        (file.join(" "), text.join(" "))
    })
}

fn document() -> impl Strategy<Value = (String, Vec<String>)> {
    (prop::collection::vec(paragraph(), 1..6), any::<bool>()).prop_map(|(ps, crlf)| {
        let eol = if crlf { "\r\n" } else { "\n" };
        let mut file = format!(
            "<?xml version=\"1.0\"?>{eol}<tt xmlns=\"http://www.w3.org/ns/ttml\" xml:lang=\"en\">{eol}<head><metadata>&amp; head</metadata></head>{eol}<body><div>{eol}"
        );
        for (k, (p, _)) in ps.iter().enumerate() {
            file.push_str(&format!("<p begin=\"{k}s\">{p}</p>{eol}"));
        }
        file.push_str(&format!("</div></body></tt>{eol}"));
        (file, ps.into_iter().map(|(_, t)| t).collect())
    })
}

/// Pieces of XML for noise: mostly ones that keep a document well-formed inside a `<p>`, some
/// that break it or make it something else than TTML.
fn xml_piece() -> impl Strategy<Value = &'static str> {
    let kept = prop::sample::select(vec![
        "<span ttm:agent='a'>Ada</span>",
        "<span begin='2s'>Lovlace <br/>Ada</span>",
        "<br/>",
        "<br></br>",
        "<metadata>Ada</metadata>",
        "&amp;",
        "&#233;",
        "&#x1;",
        "&#10;",
        "&#9;",
        "&nbsp;",
        "<![CDATA[Ada]]>",
        "<![CDATA[]]>",
        "<!-- c -->",
        "<?pi x?>",
        "Ada",
        "Lovlace",
        "Hop",
        "per",
        " ",
        "\n",
        "\r\n",
        "\r",
        "é",
        "'",
        "\"",
        ">",
        "]",
    ]);
    let broken = prop::sample::select(vec![
        "<tt xmlns='http://www.w3.org/ns/ttml'>",
        "</tt>",
        "<body>",
        "</body>",
        "<p begin='1s'>",
        "</p>",
        "<head>",
        "&",
        "<",
        "]]>",
        "<![CDATA[",
        "<?xml version='1.0'?>",
        "<p a='1' a='2'>",
        "<span begin='2s'>",
        "</span>",
    ]);
    prop_oneof![40 => kept, 1 => broken]
}

/// What every TTML transcript read satisfies: the file back byte for byte without edits, and
/// an edit of each segment either refused or written as a file with the same elements.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let forced = ReadOptions {
        format: Some(Format::Ttml),
        ..ReadOptions::default()
    };
    let Ok(t) = Transcript::read(bytes, forced) else {
        return Ok(());
    };
    prop_assert_eq!(t.write(&[]).unwrap(), bytes);
    prop_assert_eq!(t.apply(&[]).unwrap(), t.original());
    let edits: Vec<Edit> = (t.segments().iter())
        .map(|s| Edit {
            span: s.span.clone(),
            replacement: "Grace & <Hopper".into(),
        })
        .collect();
    // Escaped (or, in a CDATA section, free of `]` and `>`), the replacement never breaks the
    // file.
    let fixed = t.apply(&edits);
    prop_assert!(fixed.is_ok(), "{:?}", fixed);
    let fixed = fixed.unwrap();
    prop_assert_eq!(elements(&fixed), elements(t.original()));
    let again = Transcript::read(fixed.as_bytes(), forced).unwrap();
    // Read back as the matcher sees it, every replacement is there as written.
    let found = again.source().matches("Grace & <Hopper").count();
    prop_assert_eq!(found, edits.len(), "{}", again.source());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_documents_read_exactly((file, expected) in document()) {
        let t = read(file.as_bytes());
        let texts: Vec<&str> = t.segments().iter().map(|s| t.text(s)).collect();
        prop_assert_eq!(texts, expected);
        prop_assert_eq!(t.apply(&[]).unwrap(), file.clone());
        prop_assert_eq!(t.language(), Some("en"));
        check(file.as_bytes())?;
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in any::<Vec<u8>>()) {
        check(&bytes)?;
    }

    #[test]
    fn xml_noise_never_panics(parts in prop::collection::vec(xml_piece(), 0..30)) {
        let noise = parts.concat();
        check(noise.as_bytes())?;
        let text = format!(
            "<tt xmlns='http://www.w3.org/ns/ttml' xmlns:ttm='http://www.w3.org/ns/ttml#metadata'><body><p>{noise}</p></body></tt>"
        );
        check(text.as_bytes())?;
    }
}
