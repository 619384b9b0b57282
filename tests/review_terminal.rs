//! `transfix review` driven through a pseudo-terminal as a person would: single keystrokes,
//! the inline editor, undo, bulk keys, quit and resume, and a kill in the middle.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use expectrl::session::OsSession as Session;
use expectrl::{Eof, Expect};

/// A dictionary with comments everywhere: learning must keep them.
const DICTIONARY: &str = "\
# Computing pioneers (test dictionary).

[[term]]
name = \"Ada Lovelace\"   # first programmer
kind = \"person\"
note = \"mathematician\"

# Between entries.
[[term]]
name = \"Grace Hopper\"
kind = \"person\"

[[term]]
name = \"Alan Turing\"
kind = \"person\"
";

/// Five proposals, in this order: Ada Lovlace, Grace Hoper, Alan Turring, Ada Lovlace,
/// Allan Turring.
const TALK: &str = "\
Transcript
00:01 today we talk about Ada Lovlace and her notes
00:05 then Grace Hoper who wrote compilers
00:09 and of course Alan Turring with his machine
00:14 Ada Lovlace again at the navy
00:20 finally Allan Turring one more time
";

fn workspace(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("transfix-pty-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("names.toml"), DICTIONARY).unwrap();
    std::fs::write(dir.join("talk.txt"), TALK).unwrap();
    dir
}

fn review(dir: &Path, extra: &[&str]) -> Session {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_transfix"));
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", "/nonexistent/transfix-tests")
        .env("TERM", "xterm")
        .args(["--dict", "names.toml", "review", "talk.txt"])
        .args(extra);
    let mut session = expectrl::Session::spawn(cmd).expect("spawn in a pty");
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    session
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_default()
}

/// Waits for the screen of proposal `n` of 5.
fn at(s: &mut Session, n: usize) {
    s.expect(format!("[{n}/5]").as_str())
        .unwrap_or_else(|e| panic!("proposal {n} not shown: {e}"));
}

#[test]
fn accept_reject_undo_edit_and_bulk() {
    let dir = workspace("keys");
    let mut s = review(&dir, &[]);
    at(&mut s, 1);
    s.expect("y accept").unwrap();
    s.send("n").unwrap(); // reject Ada Lovlace...
    at(&mut s, 2);
    s.send("u").unwrap(); // ...no, undo
    at(&mut s, 1);
    s.expect("undone").unwrap();
    s.send("Y").unwrap(); // accept both "Ada Lovlace"
    at(&mut s, 2);
    s.send("e").unwrap(); // edit Grace Hopper into something else
    s.expect("edit (").unwrap();
    s.send("\x15Grace B. Hopper\r").unwrap(); // Ctrl-U clears the line
    at(&mut s, 3);
    s.send("n").unwrap(); // reject Alan Turring
    at(&mut s, 5);
    s.send("y").unwrap();
    s.expect(Eof).unwrap();

    let corrected = read(&dir, "corrected/talk.txt");
    assert!(corrected.contains("about Ada Lovelace and"), "{corrected}");
    assert!(
        corrected.contains("00:14 Ada Lovelace again"),
        "{corrected}"
    );
    assert!(
        corrected.contains("then Grace B. Hopper who"),
        "{corrected}"
    );
    assert!(
        corrected.contains("course Alan Turring with"),
        "{corrected}"
    );
    assert!(corrected.contains("finally Alan Turing one"), "{corrected}");

    let dict = read(&dir, "names.toml");
    assert!(
        dict.starts_with("# Computing pioneers (test dictionary).\n"),
        "{dict}"
    );
    assert!(
        dict.contains("name = \"Ada Lovelace\"   # first programmer"),
        "{dict}"
    );
    assert!(dict.contains("# Between entries."), "{dict}");
    assert!(
        dict.contains("\"Ada Lovlace\""),
        "accepted form learned as alias: {dict}"
    );
    assert!(
        dict.contains("\"Alan Turring\""),
        "rejected form learned as never: {dict}"
    );
    assert!(dict.contains("\"Allan Turring\""), "{dict}");
    let loaded = transfix::Dictionary::parse(&dict, Path::new("names.toml")).unwrap();
    let turing = loaded
        .entries
        .iter()
        .find(|e| e.name == "Alan Turing")
        .unwrap();
    assert_eq!(turing.never, ["Alan Turring"]);
    assert_eq!(turing.aliases, ["Allan Turring"]);
}

#[test]
fn quit_and_resume_at_the_first_undecided_proposal() {
    let dir = workspace("resume");
    let mut s = review(&dir, &["--no-learn"]);
    at(&mut s, 1);
    s.send("y").unwrap();
    at(&mut s, 2);
    s.send("s").unwrap(); // decide later
    at(&mut s, 3);
    s.send("q").unwrap();
    s.expect(Eof).unwrap();
    let first = read(&dir, "corrected/talk.txt");
    assert!(first.contains("about Ada Lovelace and"), "{first}");
    assert!(first.contains("Grace Hoper"), "{first}");

    let mut s = review(&dir, &["--no-learn"]);
    at(&mut s, 2); // the skipped one comes back first
    s.expect("resumed").unwrap();
    s.send("A").unwrap(); // accept the rest of the file
    s.expect(Eof).unwrap();
    let done = read(&dir, "corrected/talk.txt");
    assert!(done.contains("about Ada Lovelace and"), "{done}");
    assert!(done.contains("then Grace Hopper who"), "{done}");
    assert!(done.contains("finally Alan Turing one"), "{done}");
    assert_eq!(
        read(&dir, "names.toml"),
        DICTIONARY,
        "--no-learn leaves it alone"
    );
}

#[test]
fn a_killed_review_loses_no_decision() {
    let dir = workspace("kill");
    let mut s = review(&dir, &["--no-learn"]);
    at(&mut s, 1);
    s.send("y").unwrap();
    at(&mut s, 2);
    s.send("n").unwrap();
    at(&mut s, 3);
    s.get_process_mut()
        .kill(expectrl::process::unix::Signal::SIGKILL)
        .unwrap();
    s.get_process().wait().unwrap();
    let journal = read(&dir, "corrected/.talk.txt.review.jsonl");
    assert_eq!(
        journal.lines().count(),
        3,
        "header and two decisions: {journal}"
    );

    let mut s = review(&dir, &["--no-learn"]);
    at(&mut s, 3);
    s.send("R").unwrap();
    s.expect(Eof).unwrap();
    let done = read(&dir, "corrected/talk.txt");
    assert!(done.contains("about Ada Lovelace and"), "{done}");
    assert!(done.contains("then Grace Hoper who"), "{done}");
    assert!(done.contains("course Alan Turring with"), "{done}");
}

#[test]
fn sigterm_gives_the_terminal_back_and_keeps_the_journal() {
    let dir = workspace("term");
    let mut s = review(&dir, &["--no-learn"]);
    at(&mut s, 1);
    s.send("y").unwrap();
    at(&mut s, 2);
    s.get_process_mut()
        .kill(expectrl::process::unix::Signal::SIGTERM)
        .unwrap();
    let status = s.get_process().wait().unwrap();
    assert!(
        matches!(status, expectrl::process::unix::WaitStatus::Exited(_, 130)),
        "{status:?}"
    );
    let journal = read(&dir, "corrected/.talk.txt.review.jsonl");
    assert_eq!(
        journal.lines().count(),
        2,
        "header and one decision: {journal}"
    );
}
