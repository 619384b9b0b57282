//! Transcripts in every supported encoding: a no-op write gives back the input byte for byte
//! (BOM and line endings included), a fix is written in the input's own encoding, a character
//! the encoding cannot hold is an error, and invalid bytes are refused with their offset.
//!
//! The expected bytes are built here by hand, not with the library's encoder.

mod common;
use common::transfix_names as transfix;

use proptest::prelude::*;
use std::path::{Path, PathBuf};
use transfix::transcript::encoding::{decode, encode};
use transfix::transcript::{Edit, Encoding, ReadOptions};
use transfix::{Dictionary, Entry, Format, Index, Kind, Matcher, Transcript};

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn utf16be(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(c).expect("a Latin-1 character"))
        .collect()
}

/// The characters Windows-1252 puts in 0x80-0x9F, at their byte.
const CP1252_HIGH: [(u8, char); 27] = [
    (0x80, '€'),
    (0x82, '‚'),
    (0x83, 'ƒ'),
    (0x84, '„'),
    (0x85, '…'),
    (0x86, '†'),
    (0x87, '‡'),
    (0x88, 'ˆ'),
    (0x89, '‰'),
    (0x8A, 'Š'),
    (0x8B, '‹'),
    (0x8C, 'Œ'),
    (0x8E, 'Ž'),
    (0x91, '‘'),
    (0x92, '’'),
    (0x93, '“'),
    (0x94, '”'),
    (0x95, '•'),
    (0x96, '–'),
    (0x97, '—'),
    (0x98, '˜'),
    (0x99, '™'),
    (0x9A, 'š'),
    (0x9B, '›'),
    (0x9C, 'œ'),
    (0x9E, 'ž'),
    (0x9F, 'Ÿ'),
];

fn cp1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match CP1252_HIGH.iter().find(|(_, h)| *h == c) {
            Some((b, _)) => *b,
            None => {
                let b = u8::try_from(c).expect("a Windows-1252 character");
                assert!(!(0x80..0xA0).contains(&b), "{c:?} is not in Windows-1252");
                b
            }
        })
        .collect()
}

/// Every character Windows-1252 can hold.
fn cp1252_repertoire() -> Vec<char> {
    (0u8..=0xFF)
        .filter(|b| !(0x80..0xA0).contains(b))
        .map(char::from)
        .chain(CP1252_HIGH.iter().map(|(_, c)| *c))
        .collect()
}

fn bytes_of(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf16Le => utf16le(text),
        Encoding::Utf16Be => utf16be(text),
        Encoding::Windows1252 => cp1252(text),
        Encoding::Latin1 => latin1(text),
    }
}

fn read(bytes: &[u8], encoding: Option<Encoding>) -> Transcript {
    Transcript::read(
        bytes,
        ReadOptions {
            encoding,
            format: None,
        },
    )
    .unwrap_or_else(|e| panic!("{e}: {bytes:?}"))
}

fn read_err(bytes: &[u8], encoding: Option<Encoding>) -> String {
    Transcript::read(
        bytes,
        ReadOptions {
            encoding,
            format: None,
        },
    )
    .unwrap_err()
    .to_string()
}

/// A sample transcript of each format, with characters every encoding can hold, plus the
/// ones `extra` adds (what sets the encoding apart).
fn samples(eol: &str, extra: &str) -> Vec<(Format, String)> {
    let srt = format!(
        "1{eol}00:00:01,000 --> 00:00:03,500{eol}Déjà vu, {extra}{eol}{eol}2{eol}00:00:04,000 --> 00:00:06,000{eol}Ada Lovlace était là.{eol}"
    );
    let vtt =
        format!("WEBVTT{eol}{eol}00:01.000 --> 00:03.000{eol}<v Ana>Grace Hoper, {extra}{eol}");
    let plain = format!("Première ligne {extra}{eol}{eol}[00:01:10] Grace Hoper à Noël{eol}fin");
    vec![
        (Format::Srt, srt),
        (Format::Vtt, vtt),
        (Format::Plain, plain),
    ]
}

/// What each encoding can hold beyond the common accents.
fn extra(encoding: Encoding) -> &'static str {
    match encoding {
        Encoding::Utf8 | Encoding::Utf16Le | Encoding::Utf16Be => "Şanlı 日本 😀 “ok” €",
        Encoding::Windows1252 => "“ok” — 5 € œuvre Š",
        Encoding::Latin1 => "« ok » ß ÿ ½ \u{85}",
    }
}

#[test]
fn no_op_round_trips_are_byte_identical_in_every_encoding() {
    for encoding in Encoding::ALL {
        let boms: &[&str] = match encoding {
            Encoding::Windows1252 | Encoding::Latin1 => &[""],
            _ => &["", "\u{feff}"],
        };
        for bom in boms {
            for eol in ["\n", "\r\n", "\r"] {
                for (format, body) in samples(eol, extra(encoding)) {
                    let text = format!("{bom}{body}");
                    let bytes = bytes_of(&text, encoding);
                    let what = format!(
                        "{encoding:?} bom={} eol={eol:?} {format:?}",
                        !bom.is_empty()
                    );
                    let forced = read(&bytes, Some(encoding));
                    assert_eq!(forced.source(), text, "{what}");
                    assert_eq!(forced.encoding(), encoding, "{what}");
                    assert!(!forced.encoding_assumed(), "{what}");
                    if eol != "\r" {
                        // The readers split lines at LF; a CR-only file is one line of plain text.
                        assert_eq!(forced.format(), format, "{what}");
                    }
                    assert_eq!(forced.write(&[]).unwrap(), bytes, "{what}");

                    if matches!(encoding, Encoding::Windows1252 | Encoding::Latin1) {
                        continue; // never detected
                    }
                    let detected = read(&bytes, None);
                    assert_eq!(detected.encoding(), encoding, "{what}");
                    assert_eq!(detected.source(), text, "{what}");
                    let guessed = bom.is_empty() && encoding != Encoding::Utf8;
                    assert_eq!(detected.encoding_assumed(), guessed, "{what}");
                    assert_eq!(detected.write(&[]).unwrap(), bytes, "{what}");
                }
            }
        }
    }
}

fn names() -> Index {
    let entry = |name: &str| {
        let mut e = Entry::new(name);
        e.kind = Kind::Person;
        e
    };
    let mut ayse = entry("Ayşe Demir");
    ayse.aliases = vec!["Aysha Demir".into()];
    Index::build(&Dictionary::from_entries(vec![
        entry("Ada Lovelace"),
        entry("Grace Hopper"),
        ayse,
    ]))
}

/// The edits `fix` applies by default (proposals at or above the auto-apply score).
fn fixes(transcript: &Transcript) -> Vec<Edit> {
    let index = names();
    Matcher::new(&index)
        .find(transcript)
        .iter()
        .filter(|p| p.score >= transfix::matcher::AUTO_APPLY)
        .map(|p| p.edit())
        .collect()
}

#[test]
fn a_fix_in_a_utf16le_srt_is_written_in_utf16le() {
    let before = "\u{feff}1\r\n00:00:01,000 --> 00:00:03,000\r\nAujourd’hui, Ada Lovlace 😀\r\n\r\n\
                  2\r\n00:00:04,000 --> 00:00:06,000\r\nthen Grace Hoper, déjà.\r\n";
    let after = "\u{feff}1\r\n00:00:01,000 --> 00:00:03,000\r\nAujourd’hui, Ada Lovelace 😀\r\n\r\n\
                 2\r\n00:00:04,000 --> 00:00:06,000\r\nthen Grace Hopper, déjà.\r\n";
    let bytes = utf16le(before);
    assert!(bytes.starts_with(b"\xff\xfe1\0\r\0\n\0"));
    let transcript = read(&bytes, None);
    assert_eq!(transcript.encoding(), Encoding::Utf16Le);
    assert_eq!(transcript.format(), Format::Srt);
    let edits = fixes(&transcript);
    assert_eq!(edits.len(), 2, "{edits:?}");
    let written = transcript.write(&edits).unwrap();
    assert_eq!(written, utf16le(after));
    assert!(written.starts_with(b"\xff\xfe1\0\r\0\n\0"));
    assert!(written.ends_with(b".\0\r\0\n\0"));

    // The same without a BOM, in big-endian: guessed, and written back the same way.
    let bytes = utf16be(&before['\u{feff}'.len_utf8()..]);
    let transcript = read(&bytes, None);
    assert_eq!(transcript.encoding(), Encoding::Utf16Be);
    assert!(transcript.encoding_assumed());
    let written = transcript.write(&fixes(&transcript)).unwrap();
    assert_eq!(written, utf16be(&after['\u{feff}'.len_utf8()..]));
}

#[test]
fn a_fix_in_a_windows_1252_text_is_written_in_windows_1252() {
    let before = "Le “programme” d’Ada Lovlace coûte 5 €.\r\nGrace Hoper — œuvre.\r\n";
    let bytes = cp1252(before);
    assert_eq!(
        &bytes[..18],
        b"Le \x93programme\x94 d\x92A",
        "hand-made Windows-1252"
    );
    let transcript = read(&bytes, Some(Encoding::Windows1252));
    let edits = fixes(&transcript);
    assert_eq!(edits.len(), 2, "{edits:?}");
    let written = transcript.write(&edits).unwrap();
    assert_eq!(
        written,
        b"Le \x93programme\x94 d\x92Ada Lovelace co\xfbte 5 \x80.\r\nGrace Hopper \x97 \x9cuvre.\r\n"
    );
}

#[test]
fn a_fix_the_encoding_cannot_hold_is_an_error_not_a_question_mark() {
    let bytes = latin1("Café avec Aysha Demir\nfin\n");
    let transcript = read(&bytes, Some(Encoding::Latin1));
    let edits = fixes(&transcript);
    assert_eq!(edits.len(), 1, "{edits:?}");
    assert_eq!(edits[0].replacement, "Ayşe Demir");
    assert_eq!(
        transcript.write(&edits).unwrap_err().to_string(),
        "\"ş\" (U+015F) cannot be written in latin-1 (line 1, column 13 of the corrected text)"
    );
    // Windows-1252 cannot hold it either; UTF-16 can.
    let transcript = read(
        &cp1252("Aysha Demir coûte 5 €\n"),
        Some(Encoding::Windows1252),
    );
    let err = transcript.write(&fixes(&transcript)).unwrap_err();
    assert!(
        err.to_string()
            .contains("cannot be written in windows-1252"),
        "{err}"
    );
    let transcript = read(&utf16le("Aysha Demir\n"), Some(Encoding::Utf16Le));
    assert_eq!(
        transcript.write(&fixes(&transcript)).unwrap(),
        utf16le("Ayşe Demir\n")
    );
    // A replacement Windows-1252 has but Latin-1 has not.
    let transcript = read(b"Ada Lovlace\n", Some(Encoding::Latin1));
    let euro = Edit {
        span: 0..3,
        replacement: "€".into(),
    };
    assert!(transcript.write(std::slice::from_ref(&euro)).is_err());
    let transcript = read(b"Ada Lovlace\n", Some(Encoding::Windows1252));
    assert_eq!(transcript.write(&[euro]).unwrap(), b"\x80 Lovlace\n");
}

#[test]
fn invalid_bytes_are_refused_with_their_offset() {
    // UTF-8 (not given, no BOM): the existing error, with its --encoding hint.
    assert_eq!(
        read_err(b"Bonjour\nNaomi Levin \xff dit\n", None),
        "line 2, column 13 (byte 20): not valid UTF-8; if the file is Windows-1252 or Latin-1, pass --encoding windows-1252"
    );
    // The same file, given as Windows-1252 or Latin-1: read.
    for encoding in [Encoding::Windows1252, Encoding::Latin1] {
        let t = read(b"Bonjour\nNaomi Levin \xff dit\n", Some(encoding));
        assert!(t.source().contains("Levin ÿ dit"));
    }
    // UTF-16: an unpaired surrogate, an odd length.
    let mut bytes = utf16le("\u{feff}1\n00:00:01,000 --> 00:00:02,000\nhé");
    let at = bytes.len();
    bytes.extend_from_slice(b"\x3d\xd8a\0");
    assert_eq!(
        read_err(&bytes, None),
        format!("line 3, column 3 (byte {at}): not valid utf-16le: unpaired surrogate 0xD83D")
    );
    assert_eq!(
        read_err(b"\0a\0b\0\n\0", Some(Encoding::Utf16Be)),
        "line 2, column 1 (byte 6): not valid utf-16be: odd number of bytes (7): a UTF-16 file has two bytes per unit"
    );
    // Windows-1252: one of its five undefined bytes.
    assert_eq!(
        read_err(b"caf\xe9\r\n\x90", Some(Encoding::Windows1252)),
        "line 2, column 1 (byte 6): not valid windows-1252: byte 0x90 is undefined in it; pass --encoding latin-1 to read every byte as is"
    );
    // A BOM saying otherwise than --encoding.
    assert_eq!(
        read_err(b"\xef\xbb\xbfcaf\xc3\xa9", Some(Encoding::Latin1)),
        "line 1, column 1 (byte 0): starts with a utf-8 byte order mark, not latin-1; pass --encoding utf-8 or leave --encoding out"
    );
    // NUL characters are still binary data, whatever the encoding.
    assert_eq!(
        read_err(&utf16le("\u{feff}ok\nab\0"), None),
        "line 2, column 3: binary data (NUL byte), not a transcript"
    );
    assert_eq!(
        read_err(b"ok\nab\0", Some(Encoding::Latin1)),
        "line 2, column 3: binary data (NUL byte), not a transcript"
    );
}

fn any_text() -> impl Strategy<Value = String> {
    let eol = prop_oneof![Just("\n"), Just("\r\n"), Just("\r")];
    let piece = prop_oneof![
        4 => any::<char>().prop_map(String::from),
        1 => eol.prop_map(String::from),
    ];
    (any::<bool>(), prop::collection::vec(piece, 0..60)).prop_map(|(bom, pieces)| {
        format!("{}{}", if bom { "\u{feff}" } else { "" }, pieces.concat())
    })
}

fn text_of(chars: Vec<char>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(chars), 0..60)
        .prop_map(|chars| chars.into_iter().collect())
}

/// Encoding then decoding gives the text back; decoding its bytes then encoding them gives
/// the bytes back, through the transcript model as well when the text is a transcript.
fn round_trip(text: &str, encoding: Encoding) -> Result<(), TestCaseError> {
    let bytes = encode(text, encoding).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&bytes, &bytes_of(text, encoding));
    let boms: [&[u8]; 3] = [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"];
    let own = match encoding {
        Encoding::Windows1252 | Encoding::Latin1 => vec![],
        _ => bytes_of("\u{feff}", encoding),
    };
    if boms.iter().any(|bom| bytes.starts_with(bom) && own != *bom) {
        // Text whose bytes start like another encoding's BOM ("ï»¿" in Latin-1, U+FFFE in
        // UTF-16LE): refused when read with --encoding, as a likely mistake.
        prop_assert!(decode(&bytes, Some(encoding)).is_err());
        return Ok(());
    }
    let decoded = decode(&bytes, Some(encoding)).unwrap();
    prop_assert_eq!(&decoded.text, text);
    prop_assert_eq!(encode(&decoded.text, encoding).unwrap(), bytes.clone());
    if !text.contains('\0') {
        let transcript = read(&bytes, Some(encoding));
        prop_assert_eq!(transcript.write(&[]).unwrap(), bytes);
    }
    Ok(())
}

proptest! {
    #[test]
    fn unicode_round_trips(text in any_text()) {
        for encoding in [Encoding::Utf8, Encoding::Utf16Le, Encoding::Utf16Be] {
            round_trip(&text, encoding)?;
        }
    }

    #[test]
    fn windows_1252_round_trips(text in text_of(cp1252_repertoire())) {
        round_trip(&text, Encoding::Windows1252)?;
    }

    #[test]
    fn latin_1_round_trips(text in text_of((0u8..=0xFF).map(char::from).collect())) {
        round_trip(&text, Encoding::Latin1)?;
    }

    /// Whatever bytes are accepted, as given or detected, are written back unchanged.
    #[test]
    fn accepted_bytes_are_written_back_unchanged(
        bytes in prop::collection::vec(any::<u8>(), 0..80),
        forced in prop::option::of(prop::sample::select(Encoding::ALL.to_vec())),
    ) {
        if let Ok(decoded) = decode(&bytes, forced) {
            if let Some(forced) = forced {
                prop_assert_eq!(decoded.encoding, forced);
            }
            prop_assert_eq!(encode(&decoded.text, decoded.encoding).unwrap(), bytes.clone());
        }
        if let Ok(transcript) = Transcript::read(&bytes, ReadOptions { encoding: forced, format: None }) {
            prop_assert_eq!(transcript.write(&[]).unwrap(), bytes);
        }
    }

    /// Bytes that look like UTF-16 (mostly ASCII units, some surrogates and odd lengths):
    /// detected or refused, and when read, written back unchanged.
    #[test]
    fn utf16_like_bytes_are_written_back_unchanged(
        units in prop::collection::vec(prop_oneof![
            6 => 0x20u16..0x7F,
            1 => Just(0x0Au16),
            1 => any::<u16>(),
            1 => 0xD800u16..0xE000,
        ], 0..40),
        big_endian in any::<bool>(),
        bom in any::<bool>(),
        odd in any::<bool>(),
    ) {
        let mut bytes: Vec<u8> = Vec::new();
        if bom {
            bytes.extend(if big_endian { [0xFE, 0xFF] } else { [0xFF, 0xFE] });
        }
        for u in units {
            bytes.extend(if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        if odd {
            bytes.push(b'x');
        }
        if let Ok(transcript) = Transcript::read(&bytes, ReadOptions::default()) {
            prop_assert_eq!(transcript.write(&[]).unwrap(), bytes.clone());
        }
        if bom && let Ok(decoded) = decode(&bytes, None) {
            let expected = if big_endian { Encoding::Utf16Be } else { Encoding::Utf16Le };
            let kept = decoded.text.starts_with('\u{feff}');
            prop_assert!(!odd && kept && !decoded.assumed);
            prop_assert_eq!(decoded.encoding, expected);
        }
    }

    /// Latin-1 accepts every byte sequence.
    #[test]
    fn latin_1_reads_anything(bytes in prop::collection::vec(any::<u8>(), 0..80)) {
        let decoded = decode(&bytes, Some(Encoding::Latin1));
        prop_assert!(decoded.is_ok() || bytes.starts_with(b"\xef\xbb\xbf") || bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff"));
    }

    /// Characters outside Latin-1 are refused by name, never replaced.
    #[test]
    fn unencodable_characters_are_refused(prefix in "[a-z ]{0,10}", c in any::<char>()) {
        let text = format!("{prefix}{c}");
        match encode(&text, Encoding::Latin1) {
            Ok(bytes) => prop_assert_eq!(bytes, latin1(&text)),
            Err(e) => {
                prop_assert!(u32::from(c) > 0xFF);
                let expected = format!("(U+{:04X}) cannot be written in latin-1", u32::from(c));
                prop_assert!(e.to_string().contains(&expected));
            }
        }
    }
}

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cmd/encoding.in");

/// The binary fixtures of the `tests/cmd/encoding-*.toml` cases hold what those cases say.
#[test]
fn golden_fixtures_are_in_their_encodings() {
    let file = |name: &str| std::fs::read(Path::new(GOLDEN).join(name)).unwrap();
    assert_eq!(
        file("cp1252.txt"),
        cp1252("Le “programme” d’Ada Lovlace coûte 5 €.\r\nGrace Hoper — œuvre.\r\n")
    );
    assert_eq!(
        file("talk.srt"),
        utf16le(
            "\u{feff}1\r\n00:00:01,000 --> 00:00:03,000\r\nAujourd’hui, Ada Lovlace 😀\r\n\r\n\
             2\r\n00:00:04,000 --> 00:00:06,000\r\nthen Grace Hoper, déjà.\r\n"
        )
    );
    assert_eq!(
        file("latin1.txt"),
        latin1("Café avec Aysha Demir et Ada Lovlace.\n")
    );
    assert_eq!(
        file("utf16-nobom.txt"),
        utf16le("Grace Hoper à Paris\nAda Lovlace aussi\n")
    );
}

/// A copy of the golden fixtures in a scratch directory of its own.
fn sandbox(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(GOLDEN).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    dir
}

/// An encoding error in an input, on reading or on writing, writes nothing for it (the other
/// inputs are still corrected) and leaves the input as it was.
#[test]
fn an_encoding_error_writes_nothing_for_its_file() {
    // (arguments, error, the good file's corrected copy, where the bad file's would go)
    let cases: [(&[&str], &str, &str, &str); 3] = [
        // Not UTF-8, no --encoding: refused on reading.
        (
            &["fix", "talk.srt", "cp1252.txt"],
            "error: cp1252.txt:1:4: not valid UTF-8 (byte 3)",
            "corrected/talk.srt",
            "corrected/cp1252.txt",
        ),
        // Latin-1 cannot hold the fix of the second file: refused before it is written.
        (
            &["fix", "--encoding", "latin-1", "cp1252.txt", "latin1.txt"],
            "error: latin1.txt: cannot apply the fixes: \"ş\" (U+015F)",
            "corrected/cp1252.txt",
            "corrected/latin1.txt",
        ),
        // The same, in place: the input stays as it was.
        (
            &[
                "fix",
                "--in-place",
                "--encoding",
                "latin-1",
                "cp1252.txt",
                "latin1.txt",
            ],
            "error: latin1.txt: cannot apply the fixes: \"ş\" (U+015F)",
            "cp1252.txt",
            "",
        ),
    ];
    for (i, (args, error, good, bad)) in cases.iter().enumerate() {
        let dir = sandbox(&format!("encoding-error-{i}"));
        let out = transfix(&dir, args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {out:?}");
        assert!(out.stdout.is_empty(), "{args:?}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
        assert_eq!(errors.len(), 1, "{args:?}: {stderr}");
        assert!(errors[0].starts_with(error), "{args:?}: {stderr}");
        assert!(dir.join(good).exists(), "{args:?}: {good} not written");
        if !bad.is_empty() {
            assert!(!dir.join(bad).exists(), "{args:?}: {bad} written");
        }
        for name in ["latin1.txt", "talk.srt"] {
            assert_eq!(
                std::fs::read(dir.join(name)).unwrap(),
                std::fs::read(Path::new(GOLDEN).join(name)).unwrap(),
                "{args:?}: {name}"
            );
        }
        let leftovers = std::fs::read_dir(&dir).unwrap().flatten();
        let temp = leftovers.filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"));
        assert_eq!(temp.count(), 0, "{args:?}: a temporary file was left");
    }
}

/// `fix -` keeps the encoding of standard input on standard output.
#[test]
fn stdin_to_stdout_keeps_the_encoding() {
    use std::io::Write;
    let dir = sandbox("encoding-stdin");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_transfix"))
        .args(["--dict", "names.toml", "fix", "-"])
        .current_dir(&dir)
        .env("XDG_CONFIG_HOME", "/nonexistent/transfix-tests")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let input = std::fs::read(dir.join("talk.srt")).unwrap();
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        out.stdout,
        utf16le(
            "\u{feff}1\r\n00:00:01,000 --> 00:00:03,000\r\nAujourd’hui, Ada Lovelace 😀\r\n\r\n\
             2\r\n00:00:04,000 --> 00:00:06,000\r\nthen Grace Hopper, déjà.\r\n"
        )
    );
}
