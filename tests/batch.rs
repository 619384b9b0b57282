//! Batches through the binary: directories walked, copies written below the output directory,
//! and the same output, byte for byte, whatever `-j` is.

mod common;
use common::{LONG_DICT, copy_dir, long_srt};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use transfix::transcript::PIECE_BYTES;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cmd/batch.in");

/// The workers share the index and send transcripts and proposals between threads.
#[test]
fn what_the_workers_share_may_be_shared() {
    fn shared<T: Sync>() {}
    fn sent<T: Send>() {}
    shared::<transfix::Index>();
    shared::<transfix::Matcher>();
    sent::<transfix::Transcript>();
    sent::<transfix::Proposal>();
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("batch-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A fresh copy of `tests/cmd/batch.in`.
fn sandbox(name: &str) -> PathBuf {
    let dir = scratch(name);
    copy_dir(Path::new(FIXTURES), &dir);
    dir
}

fn transfix(dir: &Path, args: &[&str]) -> Output {
    transfix_with(dir, args, None)
}

fn transfix_with(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_transfix"))
        .args(args)
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", "/nonexistent/transfix-tests")
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(bytes) = stdin {
        let mut input = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        // Written from a thread: the output pipes must be drained at the same time.
        std::thread::spawn(move || input.write_all(&bytes).unwrap());
    }
    child.wait_with_output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file below `dir`, by relative path, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                files.insert(path.strip_prefix(dir).unwrap().to_owned(), bytes);
            }
        }
    }
    files
}

/// A tree of many small transcripts, some to fix, some clean, one broken, in nested
/// directories: enough files for the workers to finish out of order.
fn many_files(dir: &Path) {
    let talk = std::fs::read_to_string(dir.join("talks/a.txt")).unwrap();
    let srt = std::fs::read_to_string(dir.join("talks/day1/b.srt")).unwrap();
    for i in 0..40 {
        let sub = dir.join(format!("many/d{}/e{}", i % 4, i % 3));
        std::fs::create_dir_all(&sub).unwrap();
        let (name, text) = match i % 4 {
            0 => (format!("t{i}.txt"), talk.repeat(1 + i % 5)),
            1 => (format!("s{i}.srt"), srt.clone()),
            2 => (
                format!("c{i}.txt"),
                format!("Rien à corriger, numéro {i}.\n"),
            ),
            _ => (format!("n{i}.txt"), talk.replace("Naomi", "Naomie")),
        };
        std::fs::write(sub.join(name), text).unwrap();
    }
    std::fs::write(
        dir.join("many/d1/broken.srt"),
        "1\n00:00:01,000 --> nope\nNaomi\n",
    )
    .unwrap();
}

#[test]
fn a_tree_gives_the_same_output_for_any_number_of_jobs() {
    let dir = sandbox("jobs-tree");
    many_files(&dir);
    for mode in [&["check", "--format", "json"][..], &["check"], &["diff"]] {
        let run = |jobs: &str| {
            let args = [mode, &["-j", jobs, "many", "talks"]].concat();
            transfix(&dir, &args)
        };
        let one = run("1");
        assert_eq!(
            one.status.code(),
            Some(1),
            "the broken file: {}",
            stderr(&one)
        );
        assert!(stderr(&one).contains("error: many/d1/broken.srt:2:"));
        for jobs in ["2", "4", "7"] {
            let other = run(jobs);
            assert_eq!(other.status, one.status, "{mode:?} -j {jobs}");
            assert!(
                other.stdout == one.stdout,
                "{mode:?} -j {jobs}: stdout differs"
            );
            assert_eq!(stderr(&other), stderr(&one), "{mode:?} -j {jobs}");
        }
    }
    let one = transfix(
        &dir,
        &["fix", "-j", "1", "--out-dir", "out1", "many", "talks"],
    );
    let four = transfix(
        &dir,
        &["fix", "-j", "4", "--out-dir", "out4", "many", "talks"],
    );
    assert_eq!(four.status.code(), Some(1));
    assert_eq!(
        stderr(&four),
        stderr(&one).replace("out1/", "out4/"),
        "the per-file lines and the table come in the same order"
    );
    let (one, four) = (tree(&dir.join("out1")), tree(&dir.join("out4")));
    assert_eq!(
        one.len(),
        45,
        "40 good files of many/, 5 of talks/: {:?}",
        one.keys()
    );
    assert!(one == four, "the written trees differ");
    assert!(
        !one.contains_key(Path::new("d1/broken.srt")),
        "a failed file leaves no copy"
    );
}

#[test]
fn a_long_file_gives_the_same_output_for_any_number_of_jobs() {
    let dir = scratch("jobs-long");
    std::fs::write(dir.join("names.toml"), LONG_DICT).unwrap();
    let source = long_srt(3 * PIECE_BYTES + 54321, "\r\n");
    std::fs::write(dir.join("long.srt"), &source).unwrap();
    // Plain text: the cues' words, in paragraphs of ten lines.
    let plain: String = (long_srt(9 * PIECE_BYTES / 2, "\n").lines())
        .filter(|l| l.chars().next().is_some_and(char::is_alphabetic))
        .enumerate()
        .map(|(i, l)| format!("{l}\n{}", if i % 10 == 9 { "\n" } else { "" }))
        .collect();
    assert!(plain.len() > 2 * PIECE_BYTES);
    std::fs::write(dir.join("long.txt"), &plain).unwrap();

    let check = |jobs: &str, file: &str| {
        let args = [
            "--dict",
            "names.toml",
            "check",
            "--format",
            "json",
            "-j",
            jobs,
            file,
        ];
        transfix(&dir, &args)
    };
    // Proposals, with their lines and spans (the files' own): matched a piece at a time.
    let one = check("1", "long.srt");
    assert_eq!(one.status.code(), Some(2), "{}", stderr(&one));
    assert!(one.stdout.len() > PIECE_BYTES, "many proposals expected");
    let four = check("4", "long.srt");
    assert!(four.stdout == one.stdout, "proposals differ with -j 4");

    // Every fix applied, with `jobs` workers, then `rest`.
    let fix_all = |jobs: &'static str, rest: &[&'static str]| -> Vec<&'static str> {
        let args = [
            "--dict",
            "names.toml",
            "fix",
            "--min-score",
            "0",
            "-j",
            jobs,
        ];
        [&args[..], rest].concat()
    };
    let fix = |jobs: &'static str, out: &'static str| {
        transfix(
            &dir,
            &fix_all(jobs, &["--out-dir", out, "long.srt", "long.txt"]),
        )
    };
    assert!(fix("1", "out1").status.success());
    assert!(fix("4", "out4").status.success());
    let (one, four) = (tree(&dir.join("out1")), tree(&dir.join("out4")));
    assert_eq!(one.len(), 2);
    assert!(one == four, "corrected copies differ with -j 4");
    assert!(
        one[Path::new("long.srt")] != source.as_bytes(),
        "nothing was fixed"
    );

    // stdin to stdout, pieces matched by the workers: the same bytes as the copy.
    let piped = transfix_with(&dir, &fix_all("4", &["-"]), Some(source.as_bytes()));
    assert!(piped.status.success(), "{}", stderr(&piped));
    assert!(
        piped.stdout == one[Path::new("long.srt")],
        "stdin output differs"
    );
}

#[test]
fn a_walk_never_reads_the_copies_it_writes() {
    let dir = sandbox("walk-dot");
    // `fix .` writes corrected/...; run twice, the second must not take corrected/ as input.
    let first = transfix(&dir, &["fix", "."]);
    assert!(first.status.success(), "{}", stderr(&first));
    let second = transfix(&dir, &["fix", "."]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert_eq!(stderr(&first), stderr(&second));
    assert!(!read(&second, "corrected/"), "{}", stderr(&second));
    assert!(dir.join("corrected/talks/day1/b.srt").is_file());
    assert!(!dir.join("corrected/corrected").exists());

    // Nor an output directory inside the walked tree, named however.
    let args = ["fix", "--out-dir", "talks/./fixed", "talks"];
    let first = transfix(&dir, &args);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(dir.join("talks/fixed/day1/b.srt").is_file());
    let second = transfix(&dir, &args);
    assert_eq!(stderr(&first), stderr(&second));
    assert!(!read(&second, "fixed/"), "{}", stderr(&second));
}

/// Whether `fix` read a file whose path contains `part` (its `INPUT → COPY` lines).
fn read(out: &Output, part: &str) -> bool {
    (stderr(out).lines()).any(|l| l.split(" → ").next().unwrap().contains(part))
}

#[test]
fn a_walk_follows_ignore_rules_and_counts_what_it_skips() {
    let dir = sandbox("walk-rules");
    // Outside a git repository too, as in a plain directory of transcripts.
    std::fs::write(dir.join("talks/.gitignore"), "day1/c.vtt\n").unwrap();
    std::fs::write(
        dir.join("talks/UPPER.SRT"),
        "1\n00:00:01,000 --> 00:00:02,000\nNaomi Levin\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("talks/whisper-ish.json"),
        r#"{"segments": [{"start": 1}]}"#,
    )
    .unwrap();
    let out = transfix(&dir, &["check", "--format", "brief", "talks"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let files: Vec<&str> = stdout
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    let mut shown = files.clone();
    shown.dedup();
    assert_eq!(
        shown,
        [
            "talks/UPPER.SRT",
            "talks/a.txt",
            "talks/day1/b.srt",
            "talks/day1/w.json"
        ],
        "name order; c.vtt (.gitignore), .hidden/, drafts/ (.ignore) left out"
    );
    // A JSON file with `"segments": [` is read as Whisper JSON: not one, it is an error.
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("error: talks/whisper-ish.json:"),
        "{}",
        stderr(&out)
    );
    let table = stderr(&out)
        .lines()
        .rev()
        .take(2)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(table.contains("skipped"), "{table}");
    let counts: Vec<&str> = table.lines().next().unwrap().split_whitespace().collect();
    // files, skipped (notes.md, package.json), proposals, auto-fix, expected-wrong, review,
    // errors
    assert_eq!(counts[..2], ["6", "2"], "{table}");
    assert_eq!(counts[6], "1", "{table}");
}

#[test]
fn colliding_copies_are_refused_before_anything_is_written() {
    let dir = sandbox("walk-collide");
    let before = tree(&dir);
    let out = transfix(&dir, &["fix", "talks", "other"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: other/a.txt: another input is also written to corrected/a.txt\n"
    );
    assert_eq!(tree(&dir), before);
}

#[test]
fn in_place_corrects_a_whole_tree() {
    let dir = sandbox("walk-in-place");
    let out = transfix(&dir, &["fix", "--in-place", "-j", "3", "talks/day1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("talks/day1/b.srt → talks/day1/b.srt: 2 fixes applied"));
    let fixed = std::fs::read_to_string(dir.join("talks/day1/b.srt")).unwrap();
    assert!(fixed.contains("Noémie Levain") && !fixed.contains("Naomi Levin"));
    assert!(!dir.join("corrected").exists());
}

/// `n` records, every third one with a name to fix, a blank line now and then.
fn records(n: usize) -> String {
    (0..n)
        .map(|i| {
            let text = match i % 3 {
                0 => format!("Record {i}: merci Naomi Levin, de Quoite autour du Net."),
                1 => format!("Record {i} \\u00e9 \\\"rien\\\" à corriger."),
                _ => format!("Record {i}: {}", "le préfet Laurent Nunez. ".repeat(i % 50)),
            };
            let blank = if i % 17 == 0 { "\n" } else { "" };
            format!("{{\"id\": {i}, \"text\": \"{text}\", \"n\": [{i}]}}\n{blank}")
        })
        .collect()
}

#[test]
fn a_stream_gives_the_same_lines_for_any_number_of_jobs() {
    let dir = sandbox("jsonl-jobs");
    let input = records(3000);
    let run = |jobs: &str| {
        let args = ["fix", "--jsonl", "-j", jobs];
        transfix_with(&dir, &args, Some(input.as_bytes()))
    };
    let one = run("1");
    assert!(one.status.success(), "{}", stderr(&one));
    let lines: Vec<serde_json::Value> = String::from_utf8(one.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines.len(),
        3000,
        "one line per record, blank lines skipped"
    );
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["id"], i, "order");
        assert_eq!(line["n"][0], i, "other fields kept");
        let fixes = line["fixes"].as_array().unwrap().len();
        assert_eq!(
            fixes > 0,
            i % 3 != 1 && !(i % 3 == 2 && i % 50 == 0),
            "{line}"
        );
    }
    for jobs in ["2", "5"] {
        let other = run(jobs);
        assert!(other.status.success());
        assert!(other.stdout == one.stdout, "-j {jobs}: the stream differs");
    }
}

#[test]
fn a_stream_answers_each_line_before_the_next_comes() {
    use std::io::{BufRead, BufReader, Write};
    let dir = sandbox("jsonl-interactive");
    let mut child = Command::new(env!("CARGO_BIN_EXE_transfix"))
        .args(["fix", "--jsonl", "-j", "2"])
        .current_dir(&dir)
        .env("XDG_CONFIG_HOME", "/nonexistent/transfix-tests")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let mut output = BufReader::new(child.stdout.take().unwrap());
    // Each answer is read before the next line is written: a stream that waited for more
    // input, or for its end, before writing would never answer.
    for i in 0..5 {
        writeln!(input, r#"{{"id": {i}, "text": "Merci Naomi Levin."}}"#).unwrap();
        input.flush().unwrap();
        let mut line = String::new();
        output.read_line(&mut line).unwrap();
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(value["id"], i);
        assert_eq!(value["text"], "Merci Noémie Levain.");
    }
    drop(input);
    assert!(child.wait().unwrap().success());
}

/// Everything a run prints on a terminal (stdout and stderr are the same pty).
#[cfg(unix)]
fn on_a_terminal(dir: &Path, args: &[&str]) -> String {
    use expectrl::Expect;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_transfix"));
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", "/nonexistent/transfix-tests")
        .env("TERM", "xterm")
        .args(args);
    let mut session = expectrl::Session::spawn(cmd).expect("spawn in a pty");
    session.set_expect_timeout(Some(std::time::Duration::from_secs(60)));
    let found = session.expect(expectrl::Eof).unwrap();
    // Eof matches whatever was left: the whole output.
    let all: Vec<u8> = found.matches().flatten().copied().collect();
    String::from_utf8_lossy(&[found.before(), &all].concat()).into_owned()
}

#[cfg(unix)]
#[test]
fn the_progress_bar_is_drawn_on_a_terminal_only() {
    let dir = sandbox("progress");
    let shown = on_a_terminal(&dir, &["fix", "-j", "2", "talks"]);
    assert!(shown.contains("/5 files, talks/"), "no bar: {shown:?}");
    assert!(shown.contains("files  skipped"), "{shown:?}");
    let quiet = on_a_terminal(&dir, &["fix", "-j", "2", "--no-progress", "talks"]);
    assert!(!quiet.contains("/5 files"), "{quiet:?}");
    assert!(quiet.contains("talks/a.txt → corrected/a.txt: 4 fixes applied"));
    // A single short file: no bar.
    let single = on_a_terminal(&dir, &["fix", "talks/a.txt"]);
    assert!(!single.contains("files,"), "{single:?}");
    // Through a pipe, as in every other test: never.
    let piped = transfix(&dir, &["fix", "-j", "2", "talks"]);
    assert!(!stderr(&piped).contains("/5 files"));
}
