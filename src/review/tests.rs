use super::journal::{Journal, Start};
use super::*;
use crate::dictionary::{Kind, Origin};

/// A proposal for `original` at `start`, fuzzy unless `alias`.
fn proposal(start: usize, original: &str, term: &str, alias: bool) -> Proposal {
    let reasons = if alias {
        vec![Reason::Alias {
            alias: original.into(),
        }]
    } else {
        vec![Reason::Orthography { similarity: 0.8 }]
    };
    Proposal {
        span: start..start + original.len(),
        line: 1,
        column: start + 1,
        timestamp: None,
        original: original.into(),
        replacement: term.into(),
        term: term.into(),
        kind: Kind::Person,
        score: 0.9,
        reasons,
        note: None,
        dictionary: Some(Origin {
            path: std::path::Path::new("people.toml").into(),
            line: 1,
        }),
        features: None,
    }
}

fn session() -> Session {
    Session::new(vec![
        proposal(0, "Ada Lovlace", "Ada Lovelace", false),
        proposal(20, "Lovlace", "Ada Lovelace", false),
        proposal(40, "Ada Lovlace", "Ada Lovelace", false),
        proposal(60, "Bob Smyth", "Bob Smith", true),
    ])
}

#[test]
fn decisions_move_on_and_tally() {
    let mut s = session();
    assert_eq!(s.next_open(0), Some(0));
    s.decide(0, Verdict::Accept);
    s.decide(1, Verdict::Reject);
    s.decide(2, Verdict::Skip);
    s.decide(3, Verdict::Edit("Bob Smith Jr".into()));
    assert_eq!(s.next_open(0), None);
    let t = s.tally();
    assert_eq!(
        (t.accepted, t.rejected, t.skipped, t.edited, t.open),
        (1, 1, 1, 1, 0)
    );
    let edits = s.edits();
    assert_eq!(edits.len(), 2);
    assert_eq!(edits[1].replacement, "Bob Smith Jr");
}

#[test]
fn alike_and_rest_decide_only_later_open_proposals() {
    let mut s = session();
    s.decide(1, Verdict::Reject);
    let Record::Decide { decide, .. } = s.decide_alike(0, Verdict::Accept) else {
        panic!("a decision");
    };
    assert_eq!(decide.len(), 2, "both 'Ada Lovlace', not the surname alone");
    assert_eq!(s.verdict(1), Some(&Verdict::Reject));
    s.decide_rest(3, Verdict::Reject);
    assert_eq!(s.tally().open, 0);
}

#[test]
fn undo_restores_a_whole_step() {
    let mut s = session();
    s.decide(1, Verdict::Accept);
    s.decide_alike(0, Verdict::Reject);
    let (back, record) = s.undo().expect("a step to undo");
    assert_eq!(back, 0);
    assert_eq!(record, Record::Undo { undo: true });
    assert!(s.is_open(0) && s.is_open(2));
    assert_eq!(s.verdict(1), Some(&Verdict::Accept));
    s.undo();
    assert_eq!(s.tally().open, 4);
    assert!(s.undo().is_none());
}

#[test]
fn accepting_withdraws_overlapping_proposals_until_undone() {
    let mut s = Session::new(vec![
        proposal(0, "Jean Dupont", "Jean Dupont", false),
        proposal(5, "Dupont la", "Dupontla", false),
        proposal(20, "Paris", "Paris", false),
    ]);
    s.decide(0, Verdict::Accept);
    assert_eq!(s.withdrawn_by(1), Some(0));
    assert_eq!(s.next_open(1), Some(2));
    assert_eq!(s.edits().len(), 1);
    s.undo();
    assert!(s.is_open(1));
}

#[test]
fn lessons_follow_the_decisions() {
    let mut s = session();
    s.decide(0, Verdict::Accept);
    s.decide(1, Verdict::Reject);
    s.decide(3, Verdict::Accept); // a known alias: nothing new
    s.decide(2, Verdict::Edit("Grace Hopper".into()));
    let named =
        |name: &str| (name == "Grace Hopper").then(|| (name.to_owned(), "other.toml".into()));
    let lessons = s.lessons(named);
    let summary: Vec<(&str, List, &str, &str)> = lessons
        .iter()
        .map(|l| {
            (
                l.term.as_str(),
                l.list,
                l.form.as_str(),
                l.dictionary.to_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("Ada Lovelace", List::Aliases, "Ada Lovlace", "people.toml"),
            ("Ada Lovelace", List::Never, "Lovlace", "people.toml"),
            ("Grace Hopper", List::Aliases, "Ada Lovlace", "other.toml"),
        ]
    );
}

#[test]
fn replay_reproduces_decisions_and_reopens_skips() {
    let mut s = session();
    let records = vec![
        s.decide(0, Verdict::Accept),
        s.decide(1, Verdict::Skip),
        s.decide(2, Verdict::Reject),
        s.undo().unwrap().1,
        s.decide_rest(2, Verdict::Reject),
    ];
    let mut again = session();
    again.replay(&records);
    assert_eq!(again.verdict(0), Some(&Verdict::Accept));
    assert!(again.is_open(1), "a skip is open again on resume");
    assert_eq!(again.verdict(2), Some(&Verdict::Reject));
    assert_eq!(again.verdict(3), Some(&Verdict::Reject));
}

#[test]
fn replay_undoes_the_step_that_was_undone() {
    let mut s = session();
    let records = vec![
        s.decide(0, Verdict::Accept),
        s.decide(1, Verdict::Skip),
        s.undo().unwrap().1,
    ];
    let mut again = session();
    again.replay(&records);
    assert_eq!(again.verdict(0), Some(&Verdict::Accept));
    assert!(again.is_open(1));
}

#[test]
fn replay_passes_over_proposals_that_are_gone() {
    let mut s = session();
    let records = vec![
        s.decide(1, Verdict::Reject),
        s.decide(0, Verdict::Accept),
        s.decide(3, Verdict::Reject),
        s.undo().unwrap().1,
    ];
    // The rejected surname is no longer proposed (learned `never`).
    let mut again = Session::new(vec![
        proposal(0, "Ada Lovlace", "Ada Lovelace", true),
        proposal(40, "Ada Lovlace", "Ada Lovelace", true),
    ]);
    again.replay(&records);
    assert_eq!(again.verdict(0), Some(&Verdict::Accept));
    assert!(again.is_open(1));
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("transfix-journal-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn journal_resumes_and_survives_a_torn_line() {
    let dir = temp_dir("resume");
    let path = dir.join("talk.review.jsonl");
    let (mut j, start) = Journal::open(&path, "talk.txt", b"hello").unwrap();
    assert_eq!(start, Start::New);
    let mut s = session();
    let first = s.decide(0, Verdict::Accept);
    j.append(&first).unwrap();
    j.append(&s.decide(1, Verdict::Edit("Ada \"L\"".into())))
        .unwrap();
    drop(j);
    // A write cut short by a crash.
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(b"{\"decide\":[{\"sta");
    std::fs::write(&path, bytes).unwrap();
    let (_, start) = Journal::open(&path, "talk.txt", b"hello").unwrap();
    let Start::Resumed(records) = start else {
        panic!("resumed, got {start:?}");
    };
    assert_eq!(records.len(), 2);
    assert_eq!(records[0], first);
}

#[test]
fn journal_of_a_changed_transcript_is_set_aside() {
    let dir = temp_dir("stale");
    let path = dir.join("talk.review.jsonl");
    let (mut j, _) = Journal::open(&path, "talk.txt", b"hello").unwrap();
    j.append(&session().decide(0, Verdict::Accept)).unwrap();
    drop(j);
    let (_, start) = Journal::open(&path, "talk.txt", b"hello, edited").unwrap();
    let Start::Stale(old) = start else {
        panic!("stale, got {start:?}");
    };
    assert!(old.exists());
    let (_, start) = Journal::open(&path, "talk.txt", b"hello, edited").unwrap();
    assert_eq!(start, Start::Resumed(vec![]));
}

#[test]
fn a_lesson_teaches_the_dictionary_in_memory() {
    let mut dictionary = crate::Dictionary::from_entries(vec![crate::Entry::new("Ada Lovelace")]);
    let lesson = |list, form: &str| Lesson {
        dictionary: "people.toml".into(),
        term: "Ada Lovelace".into(),
        list,
        form: form.into(),
    };
    assert!(lesson(List::Aliases, "Ada Lovlace").teach(&mut dictionary));
    assert!(
        !lesson(List::Aliases, "Ada Lovlace").teach(&mut dictionary),
        "known"
    );
    assert!(lesson(List::Never, "Ada Lovlace").teach(&mut dictionary));
    let entry = &dictionary.entries[0];
    assert!(
        entry.aliases.is_empty(),
        "a rejected form leaves the aliases"
    );
    assert_eq!(entry.never, ["Ada Lovlace"]);
    let mut stranger = lesson(List::Aliases, "Bob");
    stranger.term = "Bob Smith".into();
    assert!(!stranger.teach(&mut dictionary), "no such term");
}
