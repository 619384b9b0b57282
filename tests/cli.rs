//! Golden CLI tests (`tests/cmd/*.toml`, bless with `TRYCMD=overwrite cargo test --test cli`)
//! and a few byte-level checks that text snapshots cannot express.

mod common;
use common::copy_dir;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[test]
fn cli_cases() {
    // No personal dictionary layer of whoever runs the tests.
    trycmd::TestCases::new()
        .env("XDG_CONFIG_HOME", "/nonexistent/transfix-tests")
        .case("tests/cmd/*.toml");
}

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cmd/fixtures");
const REVIEW_FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cmd/review.in");

/// A fresh copy of the fixtures in a scratch directory of its own.
fn sandbox(name: &str) -> PathBuf {
    sandbox_of(FIXTURES, name)
}

fn sandbox_of(fixtures: &str, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(Path::new(fixtures), &dir);
    dir
}

/// Runs `transfix` in `dir` with `input` on stdin.
fn transfix_with_input(dir: &Path, args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_transfix"))
        .args(args)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", "/nonexistent/transfix-tests")
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// `(original, score, first reason)` of every proposal `check` reports.
fn checked(dir: &Path) -> Vec<(String, f64, String)> {
    let out = transfix(
        dir,
        &[
            "--dict",
            "names.toml",
            "check",
            "--format",
            "json",
            "talk.txt",
        ],
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let reason = v["reasons"][0]["type"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            (
                v["original"].as_str().unwrap().to_owned(),
                v["score"].as_f64().unwrap(),
                reason,
            )
        })
        .collect()
}

#[test]
fn after_a_review_check_knows_the_accepted_forms_and_drops_the_rejected() {
    let dir = sandbox_of(REVIEW_FIXTURES, "review-learns");
    let before = checked(&dir);
    assert!(
        before
            .iter()
            .any(|(o, s, _)| o == "Ada Lovlace" && *s < 1.0),
        "{before:?}"
    );
    assert!(
        before.iter().any(|(o, _, _)| o == "Alan Turring"),
        "{before:?}"
    );
    // Accept both "Ada Lovlace", then reject "Grace Hoper" and "Alan Turring".
    let out = transfix_with_input(
        &dir,
        &["--dict", "names.toml", "review", "talk.txt"],
        "Y\nn\nn\nq\n",
    );
    assert!(out.status.success(), "{out:?}");
    let after = checked(&dir);
    let ada: Vec<_> = after
        .iter()
        .filter(|(o, _, _)| o == "Ada Lovlace")
        .collect();
    assert_eq!(ada.len(), 2, "{after:?}");
    assert!(
        ada.iter().all(|(_, s, r)| *s == 1.0 && r == "alias"),
        "{after:?}"
    );
    assert!(
        !after
            .iter()
            .any(|(o, _, _)| o.contains("Turring") && !o.starts_with("Allan")),
        "the rejected form, or a part of it, is proposed again: {after:?}"
    );
    assert!(
        !after.iter().any(|(o, _, _)| o == "Grace Hoper"),
        "{after:?}"
    );
    assert!(
        after.iter().any(|(o, _, _)| o == "Allan Turring"),
        "{after:?}"
    );
}

#[test]
fn an_edit_to_another_terms_name_teaches_that_term() {
    let dir = sandbox_of(REVIEW_FIXTURES, "review-edit-learns");
    let out = transfix_with_input(
        &dir,
        &["--dict", "names.toml", "review", "talk.txt"],
        "s\ne Ada Lovelace\nq\n",
    );
    assert!(out.status.success(), "{out:?}");
    let dict = std::fs::read_to_string(dir.join("names.toml")).unwrap();
    let loaded = transfix::Dictionary::parse(&dict, Path::new("names.toml")).unwrap();
    let ada = loaded
        .entries
        .iter()
        .find(|e| e.name == "Ada Lovelace")
        .unwrap();
    assert_eq!(ada.aliases, ["Grace Hoper"], "{dict}");
}

fn transfix(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_transfix"))
        .args(args)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", "/nonexistent/transfix-tests")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .unwrap()
}

#[test]
fn fix_without_proposals_is_byte_identical() {
    let dir = sandbox("noop");
    let out = transfix(&dir, &["fix", "crlf_bom.txt"]);
    assert!(out.status.success(), "{out:?}");
    let original = std::fs::read(dir.join("crlf_bom.txt")).unwrap();
    assert!(original.starts_with(b"\xef\xbb\xbf") && original.windows(2).any(|w| w == b"\r\n"));
    assert_eq!(
        std::fs::read(dir.join("corrected/crlf_bom.txt")).unwrap(),
        original
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "crlf_bom.txt → corrected/crlf_bom.txt: 0 fixes applied\n"
    );
}

#[test]
fn fix_of_stdin_without_proposals_is_byte_identical() {
    use std::io::Write;
    let dir = sandbox("noop-stdin");
    let original = std::fs::read(dir.join("crlf_bom.txt")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_transfix"))
        .args(["fix", "-"])
        .current_dir(&dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&original).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(out.stdout, original);
    assert!(!dir.join("corrected/crlf_bom.txt").exists());
}

#[test]
fn an_error_in_one_input_writes_nothing_for_it_and_the_others_complete() {
    let dir = sandbox("no-partial");
    std::fs::remove_dir_all(dir.join("corrected")).ok();
    let out = transfix(&dir, &["fix", "not-utf8.txt", "talk.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut lines = stderr.lines();
    assert_eq!(
        lines.next(),
        Some(
            "error: not-utf8.txt:2:13: not valid UTF-8 (byte 20); if the file is Windows-1252 or Latin-1, pass --encoding windows-1252"
        )
    );
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("talk.txt → corrected/talk.txt: ")
    );
    assert!(!dir.join("corrected/not-utf8.txt").exists());
    assert!(dir.join("corrected/talk.txt").exists());
}

/// `diff` output applies with `git apply` and with `patch -p1` (each one installed) and gives
/// what `fix` writes, byte for byte.
#[test]
fn diff_applies_and_matches_fix() {
    let files = ["talk.txt", "talk.srt", "talk.vtt", "crlf_bom.txt"];
    assert_diff_applies_like_fix(FIXTURES, "diff-apply", &[], &files);
}

/// Lines ended by a lone CR are one line for `patch`: the diff is written so.
#[test]
fn diff_of_cr_only_files_applies() {
    let readers = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cmd/readers.in");
    let files = ["mac.txt", "mac.srt"];
    assert_diff_applies_like_fix(readers, "diff-apply-cr", &["--dict", "names.toml"], &files);
}

/// The diff of a Windows-1252 file is in Windows-1252: applied to the file, it gives the
/// Windows-1252 file `fix` writes.
#[test]
fn diff_of_a_windows_1252_file_applies() {
    let encoding = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cmd/encoding.in");
    let args = ["--dict", "names.toml", "--encoding", "windows-1252"];
    assert_diff_applies_like_fix(encoding, "diff-apply-1252", &args, &["accents.txt"]);
}

/// Runs `diff` then `fix` on `files` (copies of `fixtures`), applies the diff to the inputs
/// with each patch tool installed, and checks that every input then equals its corrected copy.
fn assert_diff_applies_like_fix(fixtures: &str, name: &str, options: &[&str], files: &[&str]) {
    let tools: [&[&str]; 2] = [&["git", "apply"], &["patch", "-p1", "-i"]];
    for tool in tools {
        let dir = sandbox_of(fixtures, &format!("{name}-{}", tool[0]));
        let fix = transfix(&dir, &[options, &["fix"], files].concat());
        assert!(fix.status.success(), "{fix:?}");
        let diff = transfix(&dir, &[options, &["diff"], files].concat());
        assert_eq!(diff.status.code(), Some(2), "nothing to apply: {diff:?}");
        std::fs::write(dir.join("fix.patch"), &diff.stdout).unwrap();
        let Ok(applied) = Command::new(tool[0])
            .args(&tool[1..])
            .arg("fix.patch")
            .current_dir(&dir)
            .output()
        else {
            continue; // not installed
        };
        assert!(applied.status.success(), "{tool:?}: {applied:?}");
        for file in files {
            assert_eq!(
                std::fs::read(dir.join(file)).unwrap(),
                std::fs::read(dir.join("corrected").join(file)).unwrap(),
                "{tool:?} {file}"
            );
        }
    }
}

#[test]
fn in_place_rewrites_the_input_only() {
    let dir = sandbox("in-place");
    let out = transfix(&dir, &["fix", "--in-place", "--min-score", "0", "talk.txt"]);
    assert!(out.status.success(), "{out:?}");
    assert!(!dir.join("corrected/talk.txt").exists());
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn odd_inputs_never_panic() {
    let dir = sandbox("odd");
    let cases: [&[u8]; 7] = [
        b"",
        b"\xef\xbb\xbf",
        b"\r\n\r\n",
        b"\0binary",
        b"WEBVTT\n\n00:00.000 --> 00:01.000\nNaomi Levin",
        b"1\n00:00:01,000 --> \nNaomi Levin\n",
        "Naomi Levin\u{0301}\u{200d} Quoite autour du Net".as_bytes(),
    ];
    for (i, bytes) in cases.iter().enumerate() {
        let name = format!("odd{i}.txt");
        std::fs::write(dir.join(&name), bytes).unwrap();
        for cmd in ["check", "diff", "fix"] {
            let out = transfix(&dir, &[cmd, "--min-score", "0", &name]);
            assert!(
                matches!(out.status.code(), Some(0..=2)),
                "{cmd} {name}: {out:?}"
            );
            assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
        }
    }
}

#[test]
fn review_in_place_rewrites_the_input_only_once_all_is_decided() {
    let dir = sandbox_of(REVIEW_FIXTURES, "review-in-place");
    let original = std::fs::read_to_string(dir.join("talk.txt")).unwrap();
    let args = [
        "--dict",
        "names.toml",
        "review",
        "--in-place",
        "--no-learn",
        "talk.txt",
    ];
    let out = transfix_with_input(&dir, &args, "y\nq\n");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        std::fs::read_to_string(dir.join("talk.txt")).unwrap(),
        original
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("input unchanged until"));
    assert!(dir.join(".talk.txt.review.jsonl").exists());
    assert!(!dir.join("corrected").exists());

    let out = transfix_with_input(&dir, &args, "R\n");
    assert!(out.status.success(), "{out:?}");
    let text = std::fs::read_to_string(dir.join("talk.txt")).unwrap();
    let expected = original.replacen("Ada Lovlace and", "Ada Lovelace and", 1);
    assert_eq!(text, expected, "only the accepted fix, the rest rejected");
}

#[test]
fn a_personal_layer_masks_a_form_and_isolated_leaves_it_out() {
    let dir = sandbox_of(REVIEW_FIXTURES, "layers");
    let config = dir.join("config");
    let personal = config.join("transfix/dictionaries");
    std::fs::create_dir_all(&personal).unwrap();
    std::fs::write(
        personal.join("mine.toml"),
        "[[term]]\nname = \"Ada Lovelace\"\nnever = [\"Ada Lovlace\"]\n",
    )
    .unwrap();
    let check = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_transfix"))
            .args([
                "--dict",
                "names.toml",
                "check",
                "--format",
                "brief",
                "talk.txt",
            ])
            .args(extra)
            .current_dir(&dir)
            .env("XDG_CONFIG_HOME", &config)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let layered = check(&[]);
    assert!(!layered.contains("Ada Lovlace"), "{layered}");
    assert!(layered.contains("Alan Turring"), "{layered}");
    let isolated = check(&["--isolated"]);
    assert!(isolated.contains("Ada Lovlace"), "{isolated}");
}

#[test]
fn a_review_of_a_directory_is_one_queue_and_what_file_one_teaches_applies_to_file_two() {
    let dir = sandbox_of(REVIEW_FIXTURES, "review-queue");
    std::fs::create_dir_all(dir.join("talks/day2")).unwrap();
    std::fs::rename(dir.join("talk.txt"), dir.join("talks/a.txt")).unwrap();
    std::fs::write(
        dir.join("talks/day2/b.txt"),
        "Transcript\n00:01 Ada Lovlace and Grace Hoper met\n",
    )
    .unwrap();
    // File 1: accept both "Ada Lovlace", reject "Grace Hoper", then quit the rest of it;
    // file 2 then has nothing of either left but known forms.
    let out = transfix_with_input(
        &dir,
        &["--dict", "names.toml", "review", "--no-learn", "talks"],
        "Y\nn\nR\ny\n",
    );
    assert!(out.status.success(), "{out:?}");
    let screens = String::from_utf8_lossy(&out.stdout);
    assert!(
        screens.contains("talks/a.txt  00:01  line 2  (file 1 of 2)"),
        "{screens}"
    );
    let second: Vec<&str> = (screens.split("(file 2 of 2)").skip(1)).collect();
    assert_eq!(second.len(), 1, "one proposal in file 2: {screens}");
    assert!(
        second[0].contains("Ada Lovlace → Ada Lovelace"),
        "{screens}"
    );
    assert!(second[0].contains("score 1.00 · known alias"), "{screens}");
    assert!(
        !second[0].contains("Grace Hoper →"),
        "rejected in file 1: {screens}"
    );
    let b = std::fs::read_to_string(dir.join("corrected/day2/b.txt")).unwrap();
    assert_eq!(b, "Transcript\n00:01 Ada Lovelace and Grace Hoper met\n");
    let names = std::fs::read_to_string(dir.join("names.toml")).unwrap();
    assert!(
        !names.contains("Lovlace"),
        "--no-learn writes nothing: {names}"
    );
}

#[test]
fn a_dictionary_directory_loads_every_toml_in_it() {
    let dir = sandbox_of(REVIEW_FIXTURES, "dict-dir-layers");
    std::fs::create_dir_all(dir.join("beat")).unwrap();
    std::fs::remove_file(dir.join("names.toml")).unwrap();
    std::fs::write(
        dir.join("beat/a.toml"),
        "[[term]]\nname = \"Ada Lovelace\"\nkind = \"person\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("beat/b.toml"),
        "[[term]]\nname = \"Alan Turing\"\nkind = \"person\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("beat/notes.txt"), "not a dictionary\n").unwrap();
    let out = transfix(
        &dir,
        &["--dict", "beat", "check", "--format", "brief", "talk.txt"],
    );
    let found = String::from_utf8_lossy(&out.stdout);
    assert!(found.contains("→ Ada Lovelace"), "a.toml: {out:?}");
    assert!(found.contains("→ Alan Turing"), "b.toml: {out:?}");
    let out = transfix(
        &dir,
        &["--dict", "beat", "dict", "add", "Katherine Johnson"],
    );
    assert!(out.status.success(), "{out:?}");
    let local = std::fs::read_to_string(dir.join("beat/local.toml")).unwrap();
    assert!(local.contains("Katherine Johnson"), "{local}");
}

const EXPORT_FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cmd/dict-export.in");

/// Runs `transfix` in `dir`, which must succeed.
fn transfix_ok(dir: &Path, args: &[&str]) -> Output {
    let out = transfix(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The terms of dictionary files, without where they are defined.
fn terms_of(dir: &Path, files: &[&str]) -> Vec<transfix::Entry> {
    let paths: Vec<PathBuf> = files.iter().map(|f| dir.join(f)).collect();
    let mut entries = transfix::Dictionary::load(&paths).unwrap().entries;
    for entry in &mut entries {
        entry.origin = None;
    }
    entries
}

#[test]
fn exported_csv_imports_back_as_the_same_terms() {
    let dir = sandbox_of(EXPORT_FIXTURES, "export-round-trip");
    let dicts = ["--dict", "names.toml", "--dict", "more.toml"];
    transfix_ok(
        &dir,
        &[&dicts[..], &["dict", "export", "--out", "terms.csv"]].concat(),
    );
    std::fs::write(dir.join("empty.toml"), "").unwrap();
    transfix_ok(
        &dir,
        &["--dict", "empty.toml", "dict", "import", "terms.csv"],
    );
    assert_eq!(
        terms_of(&dir, &["empty.toml"]),
        terms_of(&dir, &["names.toml", "more.toml"])
    );
}

#[test]
fn exported_names_xml_parses_as_xml() {
    let dir = sandbox_of(EXPORT_FIXTURES, "export-names-xml");
    let args = [
        "--dict",
        "names.toml",
        "--dict",
        "more.toml",
        "dict",
        "export",
    ];
    let out = transfix_ok(&dir, &[&args[..], &["--format", "subtitle-edit"]].concat());
    let xml = String::from_utf8(out.stdout).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut names = Vec::new();
    let mut inside = false;
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(tag) => {
                inside = tag.name().as_ref() == "name";
                if inside {
                    names.push(String::new());
                }
            }
            quick_xml::events::Event::Text(text) if inside => {
                names.last_mut().unwrap().push_str(&text.xml10_content())
            }
            quick_xml::events::Event::GeneralRef(r) if inside => {
                let entity: &str = &r;
                let resolved = quick_xml::escape::resolve_predefined_entity(entity).unwrap();
                names.last_mut().unwrap().push_str(resolved);
            }
            quick_xml::events::Event::End(_) => inside = false,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(names.len(), 7, "{xml}");
    assert_eq!(names[2], "Lenny & the Gulls");
    // Python's parser too, where there is one.
    let script = "import sys, xml.etree.ElementTree as E\n\
        root = E.parse(sys.argv[1]).getroot()\n\
        print(root.tag, '|'.join(n.text for n in root.iter('name')))";
    std::fs::write(dir.join("names.xml"), &xml).unwrap();
    let python = Command::new("python3")
        .args(["-c", script, "names.xml"])
        .current_dir(&dir)
        .output();
    if let Ok(python) = python {
        let error = String::from_utf8_lossy(&python.stderr);
        assert!(python.status.success(), "{error}");
        let printed = String::from_utf8_lossy(&python.stdout);
        assert!(
            printed.starts_with(
                "ignore_words Maëlle Travenec|Coopérative Brunelle|Lenny & the Gulls|"
            ),
            "{printed}"
        );
    }
}
