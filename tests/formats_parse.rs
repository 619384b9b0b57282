//! What `fix` writes for ASS and SBV files (`tests/cmd/subs.in`), byte for byte: only the names
//! change; the BOM, the CRLF endings, the override blocks, the `\N` breaks, the other fields and
//! sections stay; a file without a proposal is copied as it was. trycmd cannot check these
//! bytes: it turns backslashes into slashes and line endings into LF before comparing.
//!
//! And the corrected files still parse in a reader that is not transfix's: pysubs2 (a Python
//! library many subtitle tools use; `.ci/run` installs it) for ASS and for YouTube's
//! word-timed WebVTT, and for SBV, which pysubs2 does not read, a small parser written here.

use std::path::{Path, PathBuf};
use std::process::Command;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cmd/subs.in");

/// The fixes `talk.*` needs, as (wrong, right) snippets of the file, each found once in it.
const ASS_FIXES: [(&str, &str); 3] = [
    ("Tonight, Ada Lovlace and", "Tonight, Ada Lovelace and"),
    ("{\\i1}Grace Hoper{\\i0}", "{\\i1}Grace Hopper{\\i0}"),
    ("Grayce\\NHoper", "Grace\\NHopper"),
];
const SBV_FIXES: [(&str, &str); 3] = [
    ("Tonight, Ada Lovlace and", "Tonight, Ada Lovelace and"),
    ("\r\nGrace Hoper found", "\r\nGrace Hopper found"),
    ("Grayce\r\nHoper", "Grace\r\nHopper"),
];

/// A fresh copy of the fixtures in a scratch directory of its own.
fn sandbox(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(FIXTURES).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    dir
}

fn fix(dir: &Path, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_transfix"))
        .args(["--dict", "names.toml", "fix"])
        .args(args)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", "/nonexistent/transfix-tests")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

fn read(path: &Path) -> String {
    String::from_utf8(std::fs::read(path).unwrap()).unwrap()
}

/// `source` with each fix applied, every wrong snippet being there exactly once.
fn fixed(source: &str, fixes: &[(&str, &str)]) -> String {
    let mut out = source.to_owned();
    for (wrong, right) in fixes {
        assert_eq!(source.matches(wrong).count(), 1, "{wrong:?}");
        out = out.replacen(wrong, right, 1);
    }
    out
}

#[test]
fn fix_changes_only_the_names_byte_for_byte() {
    let dir = sandbox("subs-bytes");
    fix(&dir, &["talk.ass", "talk.sbv", "clean.ass", "clean.sbv"]);
    for name in ["clean.ass", "clean.sbv"] {
        let original = std::fs::read(dir.join(name)).unwrap();
        assert!(
            original.starts_with("\u{feff}".as_bytes()),
            "{name} has a BOM"
        );
        assert_eq!(
            std::fs::read(dir.join("corrected").join(name)).unwrap(),
            original
        );
    }
    let ass = read(&dir.join("talk.ass"));
    assert!(ass.starts_with('\u{feff}') && ass.matches("\r\n").count() == ass.lines().count());
    assert_eq!(
        read(&dir.join("corrected/talk.ass")),
        fixed(&ass, &ASS_FIXES)
    );
    let sbv = read(&dir.join("talk.sbv"));
    assert!(sbv.matches("\r\n").count() == sbv.lines().count());
    assert_eq!(
        read(&dir.join("corrected/talk.sbv")),
        fixed(&sbv, &SBV_FIXES)
    );

    // In place, the same bytes.
    let dir = sandbox("subs-in-place");
    fix(&dir, &["--in-place", "talk.ass", "talk.sbv"]);
    assert_eq!(read(&dir.join("talk.ass")), fixed(&ass, &ASS_FIXES));
    assert_eq!(read(&dir.join("talk.sbv")), fixed(&sbv, &SBV_FIXES));
}

/// Every event of an ASS file as pysubs2 reads it: type (Dialogue, Comment), start and end in
/// milliseconds, style, name, and text as written.
const EVENTS: &str = r#"
import json, sys
try:
    import pysubs2
except ImportError:
    sys.exit("pysubs2 is missing: python3 -m pip install pysubs2 (.ci/run installs it)")
subs = pysubs2.load(sys.argv[1], encoding="utf-8-sig")
print(json.dumps([[e.type, e.start, e.end, e.style, e.name, e.text] for e in subs.events]))
"#;

/// The events of the ASS file `path`, read by pysubs2. A missing python3 or pysubs2 fails the
/// test: `.ci/run` installs pysubs2, so its absence is a broken setup, not a reason to skip.
fn pysubs2_events(path: &Path) -> Vec<serde_json::Value> {
    let out = Command::new("python3")
        .args(["-c", EVENTS])
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("python3 could not be run ({e}): install it, then pysubs2"));
    assert!(
        out.status.success(),
        "pysubs2 could not read {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn corrected_ass_files_parse_in_pysubs2() {
    let dir = sandbox("subs-pysubs2");
    fix(&dir, &["talk.ass", "clean.ass"]);
    let before = pysubs2_events(&dir.join("talk.ass"));
    let after = pysubs2_events(&dir.join("corrected/talk.ass"));
    assert_eq!(after.len(), 4, "{after:?}");
    let types: Vec<&str> = after.iter().map(|e| e[0].as_str().unwrap()).collect();
    assert_eq!(types, ["Dialogue", "Comment", "Dialogue", "Dialogue"]);
    for (old, new) in before.iter().zip(&after) {
        // Type, timing, style and name as they were (the name "Grace Hoper" included).
        assert_eq!(old.as_array().unwrap()[..5], new.as_array().unwrap()[..5]);
        let (old, new) = (old[5].as_str().unwrap(), new[5].as_str().unwrap());
        let expected = ASS_FIXES
            .iter()
            .fold(old.to_owned(), |text, (wrong, right)| {
                text.replace(wrong, right)
            });
        assert_eq!(new, expected);
    }
    assert_eq!(after[1][5], "Grace Hoper, in a comment: left alone");
    assert_eq!(after[2][4], "Grace Hoper");
    assert_eq!(after[3][5], "and later, Grace\\NHopper wrote notes");
    assert_eq!(
        pysubs2_events(&dir.join("corrected/clean.ass")),
        pysubs2_events(&dir.join("clean.ass"))
    );
}

/// An SBV cue as a parser independent of transfix's reads it: start, end, text lines.
type Cue = (String, String, Vec<String>);

/// A strict SBV parser: blocks separated by blank lines, each a `H:MM:SS.mmm,H:MM:SS.mmm`
/// timing and one text line or more. Anything else is an error.
fn parse_sbv(text: &str) -> Result<Vec<Cue>, String> {
    let timing = regex::Regex::new(r"^(\d+:\d\d:\d\d\.\d\d\d),(\d+:\d\d:\d\d\.\d\d\d)$").unwrap();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().collect();
    let mut cues = Vec::new();
    for block in lines.split(|l| l.trim().is_empty()) {
        let Some((first, rest)) = block.split_first() else {
            continue;
        };
        let caps = timing
            .captures(first)
            .ok_or_else(|| format!("not a timing: {first:?}"))?;
        if rest.is_empty() {
            return Err(format!("no text after {first:?}"));
        }
        let text = rest.iter().map(|l| l.to_string()).collect();
        cues.push((caps[1].to_owned(), caps[2].to_owned(), text));
    }
    Ok(cues)
}

#[test]
fn corrected_sbv_files_parse_in_an_independent_reader() {
    let dir = sandbox("subs-sbv-parse");
    fix(&dir, &["talk.sbv", "clean.sbv"]);
    let before = parse_sbv(&read(&dir.join("talk.sbv"))).unwrap();
    let after = parse_sbv(&read(&dir.join("corrected/talk.sbv"))).unwrap();
    assert_eq!(after.len(), 3);
    for (old, new) in before.iter().zip(&after) {
        assert_eq!((&old.0, &old.1), (&new.0, &new.1), "timings kept");
        assert_eq!(old.2.len(), new.2.len(), "text lines kept");
    }
    assert_eq!(after[0].2[0], "Tonight, Ada Lovelace and");
    assert_eq!(after[1].2, ["Grace Hopper found a moth"]);
    assert_eq!(after[2].2, ["and later, Grace", "Hopper wrote notes"]);
    let clean = read(&dir.join("corrected/clean.sbv"));
    assert_eq!(
        parse_sbv(&clean).unwrap(),
        after,
        "the clean file says it all right"
    );
    assert!(parse_sbv("0:00:01.000,0:00:0x.000\nhi\n").is_err());
}

/// Start, end and text of every cue of a WebVTT file, as pysubs2 reads it.
const VTT_CUES: &str = r#"
import json, sys
try:
    import pysubs2
except ImportError:
    sys.exit("pysubs2 is missing: python3 -m pip install pysubs2 (.ci/run installs it)")
subs = pysubs2.load(sys.argv[1], encoding="utf-8-sig")
print(json.dumps([[e.start, e.end, e.text] for e in subs.events]))
"#;

#[test]
fn corrected_word_timed_captions_parse_in_pysubs2_with_their_timings() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("word-timed-pysubs2");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let readers = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/readers.in");
    for name in ["autosubs.vtt", "names.toml"] {
        std::fs::copy(readers.join(name), dir.join(name)).unwrap();
    }
    fix(&dir, &["autosubs.vtt"]);
    let cues = |path: &Path| -> Vec<(i64, i64, String)> {
        let out = Command::new("python3")
            .args(["-c", VTT_CUES])
            .arg(path)
            .output()
            .unwrap_or_else(|e| panic!("python3 could not be run ({e})"));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let cues: Vec<(i64, i64, String)> = serde_json::from_slice(&out.stdout).unwrap();
        cues
    };
    let before = cues(&dir.join("autosubs.vtt"));
    let after = cues(&dir.join("corrected/autosubs.vtt"));
    assert_eq!(before.len(), after.len());
    for ((b0, b1, b), (a0, a1, a)) in before.iter().zip(&after) {
        assert_eq!((b0, b1), (a0, a1), "timings kept");
        // Inline word timings stay, one per word.
        assert_eq!(b.matches("<00:").count(), a.matches("<00:").count(), "{a}");
    }
    let last = &after.last().unwrap().2;
    assert_eq!(last, "today Ada Lovelace and Grace Hopper");
    assert!(
        after[2]
            .2
            .contains("<00:00:02.800> Ada<00:00:03.200> Lovelace"),
        "{}",
        after[2].2
    );
}
