//! The index of a large dictionary is cached by content: a second run reads it back, any
//! change of the dictionaries means another cache file, and a damaged file is rebuilt.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A dictionary of invented names large enough to be cached (over 256 KiB), with `extra`
/// appended as one more term.
fn dictionary(extra: &str) -> String {
    let onsets = ["b", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v"];
    let vowels = ["a", "e", "i", "o", "ou", "an"];
    let mut out = String::new();
    for i in 0..7000usize {
        let syl = |k: usize| format!("{}{}", onsets[(i / k) % 12], vowels[(i / (k * 12) + k) % 6]);
        let first = format!("{}{}", syl(1), syl(7)).to_uppercase();
        let first = format!("{}{}", &first[..1], first[1..].to_lowercase());
        let last = format!("{}{}{}", syl(3), syl(5), syl(11));
        let last = format!("{}{}", last[..1].to_uppercase(), &last[1..]);
        out.push_str(&format!(
            "[[term]]\nname = \"{first} {last}ier\"\nkind = \"person\"\nnote = \"entry {i}\"\n\n"
        ));
    }
    out.push_str(extra);
    out
}

const ADA: &str = "[[term]]\nname = \"Ada Lovelace\"\nkind = \"person\"\n";
const GRACE: &str = "[[term]]\nname = \"Grace Hopper\"\nkind = \"person\"\n";
const TRANSCRIPT: &str =
    "1\n00:00:01,000 --> 00:00:03,000\nThen Ada Lovlace spoke, and Grace Hoper.\n";

fn sandbox(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cache-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("talk.srt"), TRANSCRIPT).unwrap();
    std::fs::write(dir.join("a.toml"), dictionary(ADA)).unwrap();
    std::fs::write(dir.join("b.toml"), dictionary(GRACE)).unwrap();
    dir
}

fn check(dir: &Path, dict: &str, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_transfix"))
        .args(["--dict", dict])
        .args(extra)
        .args(["check", "--format", "brief", "talk.srt"])
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", "/nonexistent/transfix-tests")
        .env("TRANSFIX_CACHE_DIR", dir.join("cache"))
        .env("NO_COLOR", "1")
        .env("TRANSFIX_TIMINGS", "1")
        .output()
        .unwrap()
}

fn cached(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("cache"))
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// How the run had its index: "built", "read from the cache", "updated from the cache".
fn how(out: &Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr
        .lines()
        .find(|l| l.starts_with("transfix: index "))
        .unwrap_or("");
    let how = line.trim_start_matches("transfix: index ");
    how.split(" in ").next().unwrap_or("").to_owned()
}

fn stdout(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn a_cached_index_is_read_back_and_keyed_by_content() {
    let dir = sandbox("keyed");
    let first = stdout(&check(&dir, "a.toml", &[]));
    assert!(first.contains("Ada Lovlace → Ada Lovelace"), "{first}");
    let files = cached(&dir);
    assert_eq!(files.len(), 1, "one index cached");
    assert_eq!(
        stdout(&check(&dir, "a.toml", &[])),
        first,
        "same from the cache"
    );
    assert_eq!(cached(&dir), files, "nothing new cached");

    // Another dictionary: another key, another file, its own result.
    let other = stdout(&check(&dir, "b.toml", &[]));
    assert!(other.contains("Grace Hoper → Grace Hopper"), "{other}");
    let both = cached(&dir);
    assert_eq!(both.len(), 2);

    // The cache is what is read: put b's index under a's key, and a's run answers as b.
    let b_file = both.iter().find(|f| !files.contains(f)).unwrap();
    std::fs::copy(b_file, &files[0]).unwrap();
    assert_eq!(stdout(&check(&dir, "a.toml", &[])), other);
    // ... unless told not to use it.
    assert_eq!(stdout(&check(&dir, "a.toml", &["--no-cache"])), first);
}

#[test]
fn a_damaged_cache_is_rebuilt_and_an_edit_changes_the_key() {
    let dir = sandbox("damaged");
    let first = stdout(&check(&dir, "a.toml", &[]));
    let files = cached(&dir);
    let mut bytes = std::fs::read(&files[0]).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&files[0], &bytes).unwrap();
    assert_eq!(stdout(&check(&dir, "a.toml", &[])), first, "rebuilt");
    assert_ne!(std::fs::read(&files[0]).unwrap(), bytes, "rewritten");

    // One more term: the old index must not be used.
    std::fs::write(dir.join("a.toml"), dictionary(&format!("{ADA}\n{GRACE}"))).unwrap();
    let both = stdout(&check(&dir, "a.toml", &[]));
    assert!(both.contains("Grace Hoper → Grace Hopper"), "{both}");
    assert_eq!(cached(&dir).len(), 2);
}

#[test]
fn after_an_edit_the_index_cached_is_the_one_a_build_makes() {
    let dir = sandbox("edited");
    let first = check(&dir, "a.toml", &[]);
    assert_eq!(how(&first), "built");
    let again = check(&dir, "a.toml", &[]);
    assert_eq!(how(&again), "read from the cache");
    let before = cached(&dir);
    // An alias for one of the invented names, and a new term above the others.
    let text = dictionary(ADA).replacen(
        "note = \"entry 7\"",
        "note = \"entry 7\"\naliases = [\"Somebody Else\"]",
        1,
    );
    std::fs::write(dir.join("a.toml"), format!("{GRACE}\n{text}")).unwrap();
    let edited = check(&dir, "a.toml", &[]);
    assert_eq!(how(&edited), "updated from the cache");
    let edited = stdout(&edited);
    assert!(edited.contains("Grace Hoper → Grace Hopper"), "{edited}");
    assert!(edited.contains("Ada Lovlace → Ada Lovelace"), "{edited}");
    let after: Vec<PathBuf> = (cached(&dir).into_iter())
        .filter(|f| !before.contains(f))
        .collect();
    assert_eq!(after.len(), 1, "the edited dictionary's index is cached");

    // The same dictionary indexed from nothing: the cache emptied, the same run again.
    let updated = std::fs::read(&after[0]).unwrap();
    std::fs::remove_dir_all(dir.join("cache")).unwrap();
    let built = check(&dir, "a.toml", &[]);
    assert_eq!(how(&built), "built");
    assert_eq!(stdout(&built), edited);
    assert_eq!(cached(&dir), after, "the same content, the same key");
    assert!(
        std::fs::read(&after[0]).unwrap() == updated,
        "the index cached after the edit is the one a build makes"
    );
}

#[test]
fn a_dictionary_file_added_to_the_set_updates_the_index_of_the_set_before() {
    let dir = sandbox("added");
    assert_eq!(how(&check(&dir, "a.toml", &[])), "built");
    // The first `dict add` into a new `local.toml`, say.
    std::fs::write(dir.join("more.toml"), GRACE).unwrap();
    let more = check(&dir, "a.toml", &["--dict", "more.toml"]);
    assert_eq!(how(&more), "updated from the cache");
    let out = stdout(&more);
    assert!(out.contains("Grace Hoper → Grace Hopper"), "{out}");
    assert!(out.contains("Ada Lovlace → Ada Lovelace"), "{out}");
    let built = check(&dir, "a.toml", &["--dict", "more.toml", "--no-cache"]);
    assert_eq!(how(&built), "built");
    assert_eq!(stdout(&built), out);
}

/// `check --format json` of the sandbox's transcript from `dir`, with `dict` (as spelt).
fn json_from(dir: &Path, sandbox: &Path, dict: &str, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_transfix"))
        .args(["--dict", dict])
        .args(extra)
        .args(["check", "--format", "json"])
        .arg(sandbox.join("talk.srt"))
        .current_dir(dir)
        .env("XDG_CONFIG_HOME", "/nonexistent/transfix-tests")
        .env("TRANSFIX_CACHE_DIR", sandbox.join("cache"))
        .env("TRANSFIX_TIMINGS", "1")
        .output()
        .unwrap()
}

#[test]
fn the_same_file_named_from_another_directory_is_read_from_the_cache_under_its_new_name() {
    let dir = sandbox("renamed");
    let sub = dir.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    let first = json_from(&dir, &dir, "a.toml", &[]);
    assert_eq!(how(&first), "built");
    assert!(
        stdout(&first).contains("\"dictionary\":\"a.toml:"),
        "{}",
        stdout(&first)
    );

    let again = json_from(&sub, &dir, "../a.toml", &[]);
    assert_eq!(how(&again), "read from the cache");
    let fresh = json_from(&sub, &dir, "../a.toml", &["--no-cache"]);
    assert_eq!(
        stdout(&again),
        stdout(&fresh),
        "origins named as this run names them"
    );
    assert!(
        stdout(&again).contains("\"dictionary\":\"../a.toml:"),
        "{}",
        stdout(&again)
    );
    assert_eq!(cached(&dir).len(), 1, "one set of files, one cache file");
}

/// The same file named twice in one run is one file: read from the cache, its terms are
/// named as a run without the cache names them, where it was first listed.
#[test]
fn a_file_named_twice_in_one_run_is_read_once_and_named_as_first_listed() {
    let dir = sandbox("twice");
    let twice = ["--dict", "./a.toml"];
    let first = json_from(&dir, &dir, "a.toml", &twice);
    assert_eq!(how(&first), "built");
    let again = json_from(&dir, &dir, "a.toml", &twice);
    assert_eq!(how(&again), "read from the cache");
    let fresh = json_from(&dir, &dir, "a.toml", &["--dict", "./a.toml", "--no-cache"]);
    let once = json_from(&dir, &dir, "a.toml", &["--no-cache"]);
    assert_eq!(stdout(&again), stdout(&fresh));
    assert_eq!(stdout(&fresh), stdout(&once), "listed twice, loaded once");
    assert!(
        stdout(&again).contains("\"dictionary\":\"a.toml:"),
        "{}",
        stdout(&again)
    );
}
