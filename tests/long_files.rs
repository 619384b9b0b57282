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
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("long-{case}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("names.toml"), DICT).unwrap();
        let source = long_srt(3 * PIECE_BYTES + 12345, ending);
        std::fs::write(dir.join("long.srt"), &source).unwrap();

        // Read whole, in-process.
        let dictionary = Dictionary::parse(DICT, Path::new("names.toml")).unwrap();
        let index = Index::build(&dictionary);
        let whole = Transcript::read(source.as_bytes(), ReadOptions::default()).unwrap();
        let proposals = Matcher::new(&index).find(&whole);
        assert!(proposals.len() > 1000, "{} proposals", proposals.len());

        // Read in pieces, by the binary: the same proposals at the same places.
        let out = run(&dir, &["check", "--format", "json", "long.srt"]);
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
        }

        // And the corrected file is the whole-file one, byte for byte.
        let out = run(&dir, &["fix", "--min-score", "0", "long.srt"]);
        assert!(out.status.success(), "{out:?}");
        let edits: Vec<_> = proposals.iter().map(|p| p.edit()).collect();
        let written = std::fs::read(dir.join("corrected/long.srt")).unwrap();
        assert!(
            written == whole.write(&edits).unwrap(),
            "{case}: output differs"
        );
    }
}
