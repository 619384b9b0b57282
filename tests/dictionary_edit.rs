//! Learning into dictionary files: the file keeps its layout, the loader sees the new forms,
//! and concurrent writers lose nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};
use transfix::dictionary::edit::{self, Applied, Change, Field};
use transfix::dictionary::{Dictionary, DictionaryError};

/// A fresh, empty directory for one test, removed when the test ends.
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "transfix-dictionary-edit-{}-{test}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// `text` written as `names.toml` in the directory.
    fn dictionary(&self, text: &str) -> PathBuf {
        let path = self.0.join("names.toml");
        fs::write(&path, text).unwrap();
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn change(name: &str, field: Field, form: &str) -> Change {
    Change {
        name: name.into(),
        field,
        form: form.into(),
    }
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

const COMMENTED: &str = include_str!("data/dictionaries/commented.toml");

/// `commented.toml` after `golden_changes`: only the learnt forms differ.
const COMMENTED_LEARNT: &str = r#"# Guests and organisations of the podcast.
# Keep entries in order of first appearance.

# --- Episode 12 ---------------------------------------------------------------

[[term]]   # the guest
name = "Noémie Levain"          # canonical spelling
kind = "person"
aliases = [
    "Naomi Levin",   # ASR, episode 12
    "Naomie Levain",
]
never = ["Noémie", "Noemi Le Vin"]  # the first name alone is too common
lang = "fr"

# An organisation; no aliases yet.
[[term]]
name = "La Quadrature du Net"
kind = "org"
note = "Digital rights group"	# tab before this comment
aliases = ["Quoite autour du Net"]


[[term]]
name    = "Creative Commons"   # odd spacing is kept
aliases = [ ]
never = [
  "commons",  # lowercase noun
  "creative commons",
  "Creative Common",
]

# Trailing comment at the end of the file.
"#;

fn golden_changes() -> Vec<Change> {
    vec![
        change("Noémie Levain", Field::Never, "Noemi Le Vin"),
        change("Noémie Levain", Field::Aliases, "Naomie Levain"),
        change("Noémie Levain", Field::Aliases, "Naomi Levin"),
        change(
            "La Quadrature du Net",
            Field::Aliases,
            "Quoite autour du Net",
        ),
        change("Creative Commons", Field::Never, "Creative Common"),
        change("Nobody", Field::Aliases, "No Body"),
    ]
}

#[test]
fn comments_and_layout_survive_byte_for_byte() {
    let scratch = Scratch::new("golden");
    let path = scratch.dictionary(COMMENTED);
    let changes = golden_changes();
    let applied = edit::apply(&path, &changes).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), COMMENTED_LEARNT);
    let mut added = changes[..5].to_vec();
    added.remove(2); // "Naomi Levin" was already an alias
    assert_eq!(
        applied,
        Applied {
            added,
            missing: vec![changes[5].clone()],
        }
    );
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

#[test]
fn the_loader_sees_the_learnt_forms_at_the_right_lines() {
    let scratch = Scratch::new("round-trip");
    let path = scratch.dictionary(COMMENTED);
    edit::apply(&path, &golden_changes()).unwrap();
    let dict = Dictionary::load(std::slice::from_ref(&path)).unwrap();
    let summary: Vec<(&str, Vec<&str>, Vec<&str>, usize)> = dict
        .entries
        .iter()
        .map(|e| {
            let origin = e.origin.as_ref().unwrap();
            assert_eq!(&*origin.path, path.as_path());
            (
                e.name.as_str(),
                strs(&e.aliases),
                strs(&e.never),
                origin.line,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "Noémie Levain",
                vec!["Naomi Levin", "Naomie Levain"],
                vec!["Noémie", "Noemi Le Vin"],
                6
            ),
            (
                "La Quadrature du Net",
                vec!["Quoite autour du Net"],
                vec![],
                17
            ),
            (
                "Creative Commons",
                vec![],
                vec!["commons", "creative commons", "Creative Common"],
                24
            ),
        ]
    );
}

#[test]
fn a_form_moves_between_aliases_and_never() {
    let scratch = Scratch::new("move");
    let path =
        scratch.dictionary("[[term]]\nname = \"A\"\naliases = [\"x\", \"y\"]\nnever = [\"z\"]\n");
    let to_never = change("A", Field::Never, "x");
    assert_eq!(
        edit::apply(&path, std::slice::from_ref(&to_never))
            .unwrap()
            .added,
        [to_never]
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "[[term]]\nname = \"A\"\naliases = [\"y\"]\nnever = [\"z\", \"x\"]\n"
    );
    let to_aliases = change(" A ", Field::Aliases, " z ");
    edit::apply(&path, &[to_aliases]).unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "[[term]]\nname = \"A\"\naliases = [\"y\", \"z\"]\nnever = [\"x\"]\n"
    );
}

#[test]
fn duplicates_and_missing_terms_leave_the_file_alone() {
    let text = "[[term]]\nname = \"A\"\naliases = [\"x\"]\nnever = [\"z\"]\n";
    let scratch = Scratch::new("no-op");
    let path = scratch.dictionary(text);
    let before = fs::metadata(&path).unwrap();
    let changes = [
        change("A", Field::Aliases, "x"),
        change("A", Field::Aliases, " x "),
        change("A", Field::Never, "z"),
        change("A", Field::Never, ""),
        change("B", Field::Aliases, "x"),
    ];
    let applied = edit::apply(&path, &changes).unwrap();
    assert_eq!(
        applied,
        Applied {
            added: vec![],
            missing: vec![changes[4].clone()],
        }
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert_eq!(
        fs::metadata(&path).unwrap().modified().unwrap(),
        before.modified().unwrap()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // A rewrite would have renamed a new file (a new inode) into place.
        assert_eq!(fs::metadata(&path).unwrap().ino(), before.ino());
    }
}

#[test]
fn a_form_in_one_batch_twice_is_added_once() {
    let scratch = Scratch::new("batch");
    let path = scratch.dictionary("[[term]]\nname = \"A\"\n");
    let twice = [
        change("A", Field::Aliases, "x"),
        change("A", Field::Aliases, "x"),
    ];
    assert_eq!(edit::apply(&path, &twice).unwrap().added, twice[..1]);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "[[term]]\nname = \"A\"\naliases = [\"x\"]\n"
    );
}

#[test]
fn concurrent_writers_lose_no_update() {
    const THREADS: usize = 8;
    const ROUNDS: usize = 4;
    let scratch = Scratch::new("concurrent");
    let path = scratch.dictionary("# shared\n[[term]]\nname = \"A\"\n\n[[term]]\nname = \"B\"\n");
    for round in 0..ROUNDS {
        let barrier = Arc::new(Barrier::new(THREADS));
        let writers: Vec<_> = (0..THREADS)
            .map(|t| {
                let (barrier, path) = (Arc::clone(&barrier), path.clone());
                std::thread::spawn(move || {
                    let alias = change("A", Field::Aliases, &format!("r{round}t{t}"));
                    barrier.wait();
                    edit::apply(&path, std::slice::from_ref(&alias)).unwrap()
                })
            })
            .collect();
        for writer in writers {
            assert_eq!(writer.join().unwrap().added.len(), 1);
        }
    }
    let text = fs::read_to_string(&path).unwrap();
    let dict = Dictionary::parse(&text, &path).unwrap();
    let mut aliases = dict.entries[0].aliases.clone();
    aliases.sort();
    let mut expected: Vec<String> = (0..ROUNDS)
        .flat_map(|r| (0..THREADS).map(move |t| format!("r{r}t{t}")))
        .collect();
    expected.sort();
    assert_eq!(aliases, expected);
    assert!(dict.entries[1].aliases.is_empty());
    assert_eq!(
        names_in(path.parent().unwrap()),
        [".names.toml.lock", "names.toml"]
    );
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = Scratch::new("permissions");
    let path = scratch.dictionary("[[term]]\nname = \"A\"\n");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    edit::apply(&path, &[change("A", Field::Aliases, "x")]).unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[cfg(unix)]
#[test]
fn a_symlink_stays_a_symlink() {
    let scratch = Scratch::new("symlink");
    let target = scratch.dictionary("[[term]]\nname = \"A\"\n");
    let link = target.with_file_name("link.toml");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    edit::apply(&link, &[change("A", Field::Aliases, "x")]).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        fs::read_to_string(&target).unwrap(),
        "[[term]]\nname = \"A\"\naliases = [\"x\"]\n"
    );
    assert_eq!(
        names_in(target.parent().unwrap()),
        [".names.toml.lock", "link.toml", "names.toml"]
    );
}

#[test]
fn a_broken_dictionary_is_refused_and_left_untouched() {
    let text = "[[term]]\nname = \"A\"\naliases = [\"x\"\n";
    let scratch = Scratch::new("broken");
    let path = scratch.dictionary(text);
    let err = edit::apply(&path, &[change("A", Field::Aliases, "y")]).unwrap_err();
    assert!(matches!(
        err,
        DictionaryError::Syntax {
            line: 3,
            column: 15,
            ..
        }
    ));
    assert_eq!(
        err.to_string(),
        format!("{}:3:15: unclosed array, expected `]`", path.display())
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert_eq!(
        names_in(path.parent().unwrap()),
        [".names.toml.lock", "names.toml"]
    );
}

#[test]
fn a_missing_dictionary_is_an_error_naming_it() {
    let scratch = Scratch::new("missing");
    let path = scratch.0.join("names.toml");
    let err = edit::apply(&path, &[change("A", Field::Aliases, "y")]).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("{}: ", path.display())),
        "{err}"
    );
    assert!(names_in(path.parent().unwrap()).is_empty());
}

/// Set in the environment of the child processes of `concurrent_processes_lose_no_update`.
const CHILD_DICTIONARY: &str = "TRANSFIX_TEST_EDIT_DICTIONARY";
const CHILD_NAME: &str = "TRANSFIX_TEST_EDIT_WRITER";
const CHILD_WRITES: usize = 10;

/// The writer run by each child process; a no-op in a normal test run.
#[test]
fn child_writer() {
    let (Ok(path), Ok(writer)) = (std::env::var(CHILD_DICTIONARY), std::env::var(CHILD_NAME))
    else {
        return;
    };
    for i in 0..CHILD_WRITES {
        let alias = change("A", Field::Aliases, &format!("{writer}-{i}"));
        assert_eq!(
            edit::apply(Path::new(&path), &[alias]).unwrap().added.len(),
            1
        );
    }
}

#[test]
fn concurrent_processes_lose_no_update() {
    const PROCESSES: usize = 4;
    let scratch = Scratch::new("processes");
    let path = scratch.dictionary("[[term]]\nname = \"A\"\n");
    let children: Vec<_> = (0..PROCESSES)
        .map(|p| {
            std::process::Command::new(std::env::current_exe().unwrap())
                .args(["--exact", "child_writer", "--quiet"])
                .env(CHILD_DICTIONARY, &path)
                .env(CHILD_NAME, format!("p{p}"))
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let dict = Dictionary::load(std::slice::from_ref(&path)).unwrap();
    assert_eq!(dict.entries[0].aliases.len(), PROCESSES * CHILD_WRITES);
    assert_eq!(names_in(&scratch.0), [".names.toml.lock", "names.toml"]);
}
