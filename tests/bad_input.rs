//! Bad input through the real binary: binary files, NUL bytes, empty files, huge lines and
//! files, malformed SRT timings, broken dictionaries, unreadable paths, and an output
//! directory that is the input's own. The error policy under test: exit 1, one line on stderr
//! (`error: FILE[:LINE:COL]: message`), nothing on stdout, nothing written. The exact messages
//! are pinned by the golden cases `tests/cmd/bad-*.toml`; these tests check what a snapshot
//! cannot: that no file was written, byte-level output, sizes and times.
//!
//! The 200 MB test is `#[ignore]`d (it takes minutes in a debug build): run it with
//! `cargo test --release --test bad_input -- --ignored --nocapture`.

mod common;
use common::copy_dir;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cmd/bad.in");
const BIN: &str = env!("CARGO_BIN_EXE_transfix");

/// A fresh copy of `tests/cmd/bad.in` in a scratch directory of its own.
fn sandbox(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("bad_input")
        .join(name);
    if dir.exists() {
        make_readable(&dir);
        std::fs::remove_dir_all(&dir).unwrap();
    }
    copy_dir(Path::new(FIXTURES), &dir);
    dir
}

/// Undoes the `chmod 000` of a test that stopped half-way, so the sandbox can be removed.
fn make_readable(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for entry in walk(dir) {
        let _ = std::fs::set_permissions(dir.join(entry), std::fs::Permissions::from_mode(0o644));
    }
}

fn command(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(dir)
        // No personal dictionary layer of whoever runs the tests.
        .env("XDG_CONFIG_HOME", "/nonexistent/transfix-tests")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    cmd
}

fn transfix(dir: &Path, args: &[&str]) -> Output {
    command(dir, args).output().unwrap()
}

/// Every file under `dir` (relative path → bytes): what a run wrote, or did not.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walk(dir)
        .into_iter()
        .filter(|p| dir.join(p).is_file())
        .map(|p| {
            let bytes = std::fs::read(dir.join(&p)).unwrap_or_default();
            (p, bytes)
        })
        .collect()
}

/// Relative paths of every file and directory under `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![PathBuf::new()];
    while let Some(rel) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(dir.join(&rel)) else {
            continue;
        };
        for entry in entries {
            let entry = entry.unwrap();
            let path = rel.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                todo.push(path.clone());
            }
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Exit 1, nothing on stdout, exactly one line on stderr, naming `file` first.
#[track_caller]
fn assert_error(out: &Output, file: &str) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(
        out.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(stderr.lines().count(), 1, "one line expected: {stderr:?}");
    let prefix = format!("error: {file}:");
    assert!(
        stderr.starts_with(&prefix),
        "expected `{prefix}...`, got {stderr:?}"
    );
    assert!(stderr.ends_with('\n'));
    stderr
}

/// Runs `args` in a fresh sandbox, expects the one-line error naming `file` from every mode,
/// and checks that nothing was written or changed.
#[track_caller]
fn assert_refused_everywhere(name: &str, file: &str, args: &[&str]) -> String {
    let dir = sandbox(name);
    let before = snapshot(&dir);
    let mut message = None;
    for mode in ["check", "diff", "fix"] {
        let mut full: Vec<&str> = Vec::new();
        let mut rest = args.iter();
        // Global options (`--dict FILE`) go before the mode, files after it.
        while let Some(&arg) = rest.clone().next() {
            if arg != "--dict" {
                break;
            }
            full.push(rest.next().unwrap());
            full.push(rest.next().unwrap());
        }
        full.push(mode);
        full.extend(rest);
        let out = transfix(&dir, &full);
        let line = assert_error(&out, file);
        // Every mode says the same thing.
        assert_eq!(message.get_or_insert_with(|| line.clone()), &line);
        assert_eq!(
            snapshot(&dir),
            before,
            "`{}` wrote something",
            full.join(" ")
        );
    }
    message.unwrap()
}

/// Runs every mode on `good` then `bad` in a fresh sandbox: the bad file's one-line error, exit
/// 1, nothing written for it, and the good file still done. Returns the error line.
#[track_caller]
fn assert_others_complete(name: &str, good: &str, bad: &str) -> String {
    let mut message = None;
    for mode in ["check", "diff", "fix"] {
        let dir = sandbox(&format!("{name}-{mode}"));
        let out = transfix(&dir, &[mode, good, bad]);
        assert_eq!(out.status.code(), Some(1), "{mode}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
        assert_eq!(errors.len(), 1, "{mode}: {stderr}");
        assert!(errors[0].starts_with(&format!("error: {bad}:")), "{stderr}");
        assert_eq!(
            message.get_or_insert_with(|| errors[0].to_owned()),
            errors[0]
        );
        let corrected = dir.join("corrected");
        if mode == "fix" {
            assert!(corrected.join(good).exists(), "{good} not corrected");
            assert!(!corrected.join(bad).exists(), "{bad} written");
        } else {
            assert!(!out.stdout.is_empty(), "{mode}: nothing shown for {good}");
            assert!(!corrected.exists(), "{mode} wrote something");
        }
    }
    message.unwrap()
}

#[test]
fn binary_files_are_refused_with_their_position() {
    let line = assert_refused_everywhere("binary", "binary.bin", &["binary.bin"]);
    assert_eq!(
        line,
        "error: binary.bin:1:8: binary data (NUL byte), not a transcript\n"
    );
    // Not UTF-8, and a PNG signature: binary, not text in another encoding.
    let line = assert_refused_everywhere("png", "image.png", &["image.png"]);
    assert_eq!(
        line,
        "error: image.png:1:1: binary data (PNG image), not a transcript\n"
    );
    let line = assert_refused_everywhere("random", "random.bin", &["random.bin"]);
    assert_eq!(
        line,
        "error: random.bin:2:4: binary data (control byte 0x05), not a transcript\n"
    );
    // A good file before a bad one is still done.
    assert_others_complete("binary-second", "talk.txt", "binary.bin");
}

#[test]
fn nul_bytes_are_refused_with_line_and_column() {
    let line = assert_refused_everywhere("nul", "nul.txt", &["nul.txt"]);
    assert_eq!(
        line,
        "error: nul.txt:2:32: binary data (NUL byte), not a transcript\n"
    );
}

#[test]
fn nul_bytes_on_stdin_are_refused() {
    let dir = sandbox("nul-stdin");
    let mut child = command(&dir, &["fix", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Naomi Levin\0\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let line = assert_error(&out, "<stdin>");
    assert_eq!(
        line,
        "error: <stdin>:1:12: binary data (NUL byte), not a transcript\n"
    );
}

#[test]
fn empty_files_are_valid_and_stay_byte_identical() {
    for file in ["empty.txt", "bom-only.txt"] {
        let dir = sandbox(&format!("empty-{file}"));
        let input = std::fs::read(dir.join(file)).unwrap();
        let out = transfix(&dir, &["fix", file]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert!(out.stdout.is_empty());
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("{file} → corrected/{file}: 0 fixes applied\n")
        );
        assert_eq!(
            std::fs::read(dir.join("corrected").join(file)).unwrap(),
            input
        );
        for mode in ["check", "diff"] {
            let out = transfix(&dir, &[mode, file]);
            assert_eq!(out.status.code(), Some(0), "{mode}: {out:?}");
            assert!(out.stdout.is_empty() && out.stderr.is_empty(), "{out:?}");
        }
    }
    // Empty stdin: empty stdout.
    let dir = sandbox("empty-stdin");
    let out = command(&dir, &["fix", "-"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stdout.is_empty());
}

/// Ordinary French words, none of them close to a dictionary name, with `Naomi Levin` (a known
/// alias of Noémie Levain) every `every` words.
fn prose(bytes: usize, every: usize, line_every: Option<usize>) -> String {
    const WORDS: [&str; 16] = [
        "nous", "avons", "parlé", "hier", "soir", "avec", "des", "amis", "dans", "une", "grande",
        "maison", "au", "bord", "de", "l'eau",
    ];
    let mut out = String::with_capacity(bytes + 64);
    let mut i = 0usize;
    let mut state = 0x2545_f491_4f6c_dd1du64;
    while out.len() < bytes {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        if i > 0 {
            let newline = line_every.is_some_and(|n| i.is_multiple_of(n));
            out.push(if newline { '\n' } else { ' ' });
        }
        if i % every == every - 1 {
            out.push_str("Naomi Levin");
        } else {
            out.push_str(WORDS[(state % WORDS.len() as u64) as usize]);
        }
        i += 1;
    }
    out
}

#[test]
fn a_one_megabyte_single_line_works() {
    let dir = sandbox("one-line");
    let text = prose(1 << 20, 500, None);
    assert!(!text.contains('\n'));
    std::fs::write(dir.join("line.txt"), &text).unwrap();
    let start = Instant::now();
    let out = transfix(&dir, &["fix", "line.txt"]);
    let took = start.elapsed();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fixed = std::fs::read_to_string(dir.join("corrected/line.txt")).unwrap();
    assert_eq!(fixed, text.replace("Naomi Levin", "Noémie Levain"));
    eprintln!("1 MB single line: {took:?}");
    // Generous: a debug build on a loaded 2-core machine; the release build takes well under 1 s.
    assert!(took < Duration::from_secs(120), "took {took:?}");
}

/// `/usr/bin/time -v` figures of a finished run: (wall seconds, peak RSS in kB).
fn time_v(stderr: &str) -> Option<(f64, u64)> {
    let field = |name: &str| {
        stderr.lines().find_map(|l| {
            l.trim()
                .strip_prefix(name)
                .map(str::trim)
                .map(str::to_owned)
        })
    };
    let wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss):")?;
    let seconds = wall.split(':').fold(0.0, |acc, part| {
        acc * 60.0 + part.parse::<f64>().unwrap_or(0.0)
    });
    let rss = field("Maximum resident set size (kbytes):")?.parse().ok()?;
    Some((seconds, rss))
}

#[test]
#[ignore = "200 MB: minutes in a debug build; run with --release -- --ignored --nocapture"]
fn a_200_megabyte_plain_text_works() {
    let dir = sandbox("huge");
    let text = prose(200 << 20, 2000, Some(15));
    std::fs::write(dir.join("huge.txt"), &text).unwrap();
    let timed = Path::new("/usr/bin/time").exists();
    let mut cmd = if timed {
        let mut cmd = Command::new("/usr/bin/time");
        cmd.arg("-v").arg(BIN);
        cmd
    } else {
        Command::new(BIN)
    };
    let start = Instant::now();
    let out = cmd
        .args(["fix", "huge.txt"])
        .current_dir(&dir)
        .env("XDG_CONFIG_HOME", "/nonexistent/transfix-tests")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let took = start.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let fixed = std::fs::read(dir.join("corrected/huge.txt")).unwrap();
    assert!(fixed == text.replace("Naomi Levin", "Noémie Levain").as_bytes());
    match time_v(&stderr) {
        Some((wall, rss)) => eprintln!(
            "200 MB plain text: wall {wall:.1} s, peak RSS {} MB ({} build)",
            rss / 1024,
            if cfg!(debug_assertions) {
                "debug"
            } else {
                "release"
            }
        ),
        None => eprintln!("200 MB plain text: {took:?} (no /usr/bin/time)"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn malformed_srt_timings_are_refused_with_their_line() {
    // A timing line that does not parse would otherwise be edited as text or skip cues.
    let dir = sandbox("timings");
    let out = transfix(&dir, &["fix", "timing.srt"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error: timing.srt:2: malformed SRT timing") && err.lines().count() == 1,
        "{err}"
    );
    assert!(
        !dir.join("corrected/timing.srt").exists(),
        "nothing written"
    );
    // `->` is no timing at all: the file reads as timed lines, and nothing but names changes.
    let input = std::fs::read_to_string(dir.join("no-arrow.srt")).unwrap();
    let out = transfix(&dir, &["fix", "no-arrow.srt"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let fixed = std::fs::read_to_string(dir.join("corrected/no-arrow.srt")).unwrap();
    let expected = input
        .replace("Naomi Levin", "Noémie Levain")
        .replace("Quoite autour du Net", "La Quadrature du Net");
    assert_eq!(fixed, expected);
}

#[test]
fn broken_dictionaries_are_refused_with_file_line_and_column() {
    let cases = [
        (
            "syntax.toml",
            "5:1: missing comma between array elements, expected `,`",
        ),
        ("unknown-field.toml", "7:1: unknown field `alias`"),
        (
            "wrong-type.toml",
            "3:11: invalid type: string \"Naomi Levin\", expected a sequence",
        ),
        ("bad-kind.toml", "3:8: unknown variant `people`"),
        ("empty-name.toml", "5:8: term has an empty `name`"),
        (
            "blank-name.toml",
            "5:8: term has a `name` of only white space",
        ),
        ("empty-alias.toml", "3:27: `aliases` has an empty form"),
        (
            "blank-never.toml",
            "5:5: `never` has a form of only white space",
        ),
        ("no-name.toml", "1:1: missing field `name`"),
        (
            "table-note.toml",
            "3:1: invalid type: map, expected a string",
        ),
    ];
    for (file, message) in cases {
        let path = format!("dicts/{file}");
        let line = assert_refused_everywhere(
            &format!("dict-{file}"),
            &path,
            &["--dict", &path, "talk.txt"],
        );
        assert!(
            line.starts_with(&format!("error: {path}:{message}")),
            "{file}: {line}"
        );
    }
    // Not UTF-8: refused, naming the file (no position: see the golden case).
    assert_refused_everywhere(
        "dict-not-utf8",
        "dicts/not-utf8.toml",
        &["--dict", "dicts/not-utf8.toml", "talk.txt"],
    );
    // The default dictionaries directory, broken the same way.
    let dir = sandbox("dict-default-broken");
    std::fs::copy(
        dir.join("dicts/empty-name.toml"),
        dir.join("dictionaries/zz.toml"),
    )
    .unwrap();
    let before = snapshot(&dir);
    let out = transfix(&dir, &["fix", "talk.txt"]);
    assert_eq!(
        assert_error(&out, "dictionaries/zz.toml"),
        "error: dictionaries/zz.toml:5:8: term has an empty `name`\n"
    );
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn unreadable_transcripts_are_refused() {
    // check, diff, fix (tests/batch.rs) and review walk a directory: one without a
    // transcript is worth a word, not an error.
    let dir = sandbox("dir-review");
    let out = transfix(&dir, &["review", "adir"]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with("adir: no transcript found\n"),
        "{out:?}"
    );
    let line = assert_others_complete("missing", "talk.txt", "missing.txt");
    assert_eq!(line, "error: missing.txt: no such file or directory");
    // A directory without dictionaries as a dictionary: refused, naming it (the exact
    // wording: see below).
    assert_refused_everywhere("dict-dir", "adir", &["--dict", "adir", "talk.txt"]);
    assert_refused_everywhere(
        "dict-missing",
        "missing.toml",
        &["--dict", "missing.toml", "talk.txt"],
    );
}

#[test]
fn dictionary_read_errors_are_worded_like_transcript_ones() {
    let dir = sandbox("dict-wording");
    let out = transfix(&dir, &["--dict", "adir", "check", "talk.txt"]);
    assert_eq!(
        assert_error(&out, "adir"),
        "error: adir: no *.toml dictionary in this directory\n"
    );
    let out = transfix(&dir, &["--dict", "missing.toml", "check", "talk.txt"]);
    assert_eq!(
        assert_error(&out, "missing.toml"),
        "error: missing.toml: no such file or directory\n"
    );
    let out = transfix(
        &dir,
        &["--dict", "dicts/not-utf8.toml", "check", "talk.txt"],
    );
    assert_eq!(
        assert_error(&out, "dicts/not-utf8.toml"),
        "error: dicts/not-utf8.toml:2:11: not valid UTF-8 (byte 19)\n"
    );
}

#[test]
fn a_file_without_read_permission_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = sandbox("mode-000");
    let locked = dir.join("talk.txt");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // As root (CI, containers) mode 000 does not stop reading: then the file is simply read.
    let readable = std::fs::File::open(&locked).is_ok();
    let before = snapshot(&dir);
    let out = transfix(&dir, &["fix", "talk.txt"]);
    if readable {
        eprintln!("running as root: mode 000 is still readable, checking it reads normally");
        assert_eq!(out.status.code(), Some(0), "{out:?}");
    } else {
        let line = assert_error(&out, "talk.txt");
        assert_eq!(line, "error: talk.txt: permission denied\n");
        assert_eq!(snapshot(&dir), before);
    }
    // A dictionary without read permission, the same way.
    let dict = dir.join("dictionaries/names.toml");
    std::fs::set_permissions(&dict, std::fs::Permissions::from_mode(0o000)).unwrap();
    let out = transfix(&dir, &["check", "sub/talk.txt"]);
    if readable {
        assert_eq!(out.status.code(), Some(2), "{out:?}");
    } else {
        // Worded `Permission denied (os error 13)`: see the ignored wording test.
        let line = assert_error(&out, "dictionaries/names.toml");
        assert!(line.to_lowercase().contains("permission denied"), "{line}");
    }
    make_readable(&dir);
}

#[test]
fn an_endless_input_fails_cleanly_under_a_memory_limit() {
    // `/dev/zero` never ends: with 1 GiB of address space the read must fail with the usual
    // one-line error (not an abort, not an OOM kill), and nothing is written.
    if !Path::new("/dev/zero").exists() || !Path::new("/bin/sh").exists() {
        return;
    }
    let dir = sandbox("dev-zero");
    let before = snapshot(&dir);
    let out = Command::new("/bin/sh")
        .arg("-c")
        .arg("ulimit -v 1048576 && exec \"$0\" fix /dev/zero")
        .arg(BIN)
        .current_dir(&dir)
        .env("XDG_CONFIG_HOME", "/nonexistent/transfix-tests")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_error(&out, "/dev/zero");
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn the_inputs_own_directory_is_refused_as_output_without_in_place() {
    let dir = sandbox("same-dir");
    let abs = dir.join("sub").to_string_lossy().into_owned();
    std::os::unix::fs::symlink(dir.join("sub"), dir.join("link")).unwrap();
    let cases: [(&[&str], &str, &str); 6] = [
        (&["fix", "--out-dir", ".", "talk.txt"], ".", "talk.txt"),
        (
            &["fix", "--out-dir", "sub", "sub/talk.txt"],
            ".",
            "sub/talk.txt",
        ),
        (
            &["fix", "--out-dir", "./sub/", "sub/talk.txt"],
            ".",
            "sub/talk.txt",
        ),
        (
            &["fix", "--out-dir", &abs, "sub/talk.txt"],
            ".",
            "sub/talk.txt",
        ),
        (
            &["fix", "--out-dir", "link", "sub/talk.txt"],
            ".",
            "sub/talk.txt",
        ),
        // A first input that would be fine, then one whose copy is itself: nothing written.
        (
            &["fix", "--out-dir", "sub", "talk.txt", "sub/talk.txt"],
            ".",
            "sub/talk.txt",
        ),
    ];
    let before = snapshot(&dir);
    for (args, cwd, file) in cases {
        let out = transfix(&dir.join(cwd), args);
        let line = assert_error(&out, file);
        assert!(
            line.contains("the corrected copy would overwrite the input")
                && line.contains("--in-place"),
            "{args:?}: {line}"
        );
        assert_eq!(snapshot(&dir), before, "{args:?} wrote something");
    }
    // From inside the directory, with the dictionary given.
    let out = transfix(
        &dir.join("sub"),
        &[
            "--dict",
            "../dictionaries/names.toml",
            "fix",
            "--out-dir",
            "../sub",
            "talk.txt",
        ],
    );
    assert_error(&out, "talk.txt");
    assert_eq!(snapshot(&dir), before);
    // With --in-place it is allowed, and only the input changes.
    let out = transfix(&dir, &["fix", "--in-place", "sub/talk.txt"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let after = snapshot(&dir);
    let changed: Vec<&PathBuf> = after
        .iter()
        .filter(|(p, b)| before.get(*p) != Some(*b))
        .map(|(p, _)| p)
        .collect();
    assert_eq!(changed, [Path::new("sub/talk.txt")]);
}
