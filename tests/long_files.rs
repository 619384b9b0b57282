//! A transcript longer than one piece (`transcript::PIECE_BYTES`) is read, matched and written
//! a piece at a time: the result must be what reading it whole gives.

mod common;
use common::{LONG_DICT as DICT, long_srt, transfix_names as run};

use std::path::Path;

use transfix::transcript::{PIECE_BYTES, ReadOptions};
use transfix::{Dictionary, Index, Matcher, Transcript};

#[test]
fn a_file_of_several_pieces_reads_as_if_whole() {
    for (case, ending) in [("lf", "\n"), ("crlf", "\r\n")] {
        let source = long_srt(3 * PIECE_BYTES + 12345, ending);
        reads_as_if_whole(&format!("long-{case}"), "long.srt", &source);
    }
}

/// ASS dialogues follow each other without blank lines: the pieces are cut between two of
/// them, and each piece after the first is read in the `[Events]` section and with the
/// `Format:` line of the file's header.
#[test]
fn a_long_ass_file_reads_as_if_whole() {
    for (case, ending) in [("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")] {
        let source = long_ass(3 * PIECE_BYTES + 12345, ending);
        reads_as_if_whole(&format!("long-ass-{case}"), "long.ass", &source);
    }
}

/// An ASS file of about `bytes` with a short `Format:` line (the text is the fourth field, so
/// a piece read with ASS's default of ten fields would lose its names), a mis-heard name
/// every few dialogues, some across a `\N` line break.
fn long_ass(bytes: usize, ending: &str) -> String {
    let slips = [
        "Ada Lovlace",
        "Grace{\\i1} Hoper",
        "technopolis",
        "Grayce\\NHoper",
    ];
    let mut out = format!(
        "\u{feff}[Script Info]{ending}ScriptType: v4.00+{ending}{ending}[Events]{ending}Format: Start, End, Name, Text{ending}"
    );
    let mut i = 0;
    while out.len() < bytes {
        let text = if i % 7 == 3 {
            format!("and then, {} spoke about it", slips[i % slips.len()])
        } else {
            format!("nothing to see, in dialogue number {i} of the evening")
        };
        let (s, e) = (i % 3600, (i + 1) % 3600);
        out.push_str(&format!(
            "Dialogue: 0:{:02}:{:02}.00,0:{:02}:{:02}.00,Host,{text}{ending}",
            s / 60,
            s % 60,
            e / 60,
            e % 60
        ));
        i += 1;
    }
    out
}

/// `source`, written as `name` in a scratch directory `dir`, is checked and fixed by the binary
/// (which reads it in pieces): the proposals and the corrected file are those of a whole read.
fn reads_as_if_whole(dir: &str, name: &str, source: &str) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(dir);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("names.toml"), DICT).unwrap();
    std::fs::write(dir.join(name), source).unwrap();

    // Read whole, in-process.
    let dictionary = Dictionary::parse(DICT, Path::new("names.toml")).unwrap();
    let index = Index::build(&dictionary);
    let whole = Transcript::read(source.as_bytes(), ReadOptions::default()).unwrap();
    let proposals = Matcher::new(&index).find(&whole);
    assert!(proposals.len() > 1000, "{} proposals", proposals.len());

    // Read in pieces, by the binary: the same proposals at the same places.
    let out = run(&dir, &["check", "--format", "json", name]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let shown: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(shown.len(), proposals.len());
    for (got, want) in shown.iter().zip(&proposals) {
        assert_eq!(got["span"]["start"], want.span.start, "{got}");
        assert_eq!(got["line"], want.line, "{got}");
        assert_eq!(got["replacement"], want.replacement.as_str());
        assert_eq!(
            got["timestamp"],
            want.timestamp.as_deref().unwrap(),
            "{got}"
        );
    }

    // And the corrected file is the whole-file one, byte for byte.
    let out = run(&dir, &["fix", "--min-score", "0", name]);
    assert!(out.status.success(), "{out:?}");
    let edits: Vec<_> = proposals.iter().map(|p| p.edit()).collect();
    let written = std::fs::read(dir.join("corrected").join(name)).unwrap();
    assert!(
        written == whole.write(&edits).unwrap(),
        "{name}: output differs"
    );
}
