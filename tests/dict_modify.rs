//! Adding, removing and importing whole entries: through the library (`dictionary::edit`,
//! `dictionary::import`) and through `transfix dict`, checked by loading the files again.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Barrier};

use transfix::dictionary::edit;
use transfix::dictionary::import;
use transfix::{Dictionary, Entry, Kind, Origin};

/// A fresh, empty directory for one test, removed when the test ends.
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "transfix-dict-modify-{}-{test}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        fs::write(&path, text).unwrap();
        path
    }

    /// Runs `transfix ARGS` in the directory, without a personal dictionary layer.
    fn transfix(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_transfix"))
            .args(args)
            .current_dir(&self.0)
            .env("XDG_CONFIG_HOME", "/nonexistent/transfix-tests")
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

const PIONEERS: &str = "\
# Computing pioneers.

# The first programmer.
[[term]]
name = \"Ada Lovelace\"   # countess
kind = \"person\"

# Rear admiral; COBOL.
[[term]]
name = \"Grace Hopper\"
aliases = [
    \"Grace Hoper\",  # episode 3
]
# never = [\"grace\"]   (to decide)

# Enigma.
[[term]]
name = \"Alan Turing\"   # keep this comment
";

fn find<'d>(dict: &'d Dictionary, name: &str) -> &'d Entry {
    dict.entries
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("{name} not loaded"))
}

fn origin(path: &Path, line: usize) -> Option<Origin> {
    Some(Origin {
        path: path.into(),
        line,
    })
}

#[test]
fn an_added_entry_loads_with_its_fields_and_origin() {
    let scratch = Scratch::new("add-load");
    let path = scratch.write("names.toml", PIONEERS);
    let katherine = Entry {
        kind: Kind::Person,
        aliases: vec!["Catherine Johnson".into()],
        never: vec!["Johnson".into()],
        lang: Some("en".into()),
        note: Some("NASA \"computer\"".into()),
        ..Entry::new("Katherine Johnson")
    };
    edit::add_entries(&path, &[katherine.clone(), Entry::new("Bletchley Park")]).unwrap();

    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with(PIONEERS), "the file before them is kept");
    let dict = Dictionary::load(std::slice::from_ref(&path)).unwrap();
    assert_eq!(dict.entries.len(), 5);
    // The old entries keep their lines; the new ones come after a blank line each.
    assert_eq!(find(&dict, "Alan Turing").origin, origin(&path, 17));
    let loaded = find(&dict, "Katherine Johnson");
    assert_eq!(
        loaded,
        &Entry {
            origin: origin(&path, 20),
            ..katherine
        }
    );
    assert_eq!(find(&dict, "Bletchley Park").origin, origin(&path, 28));
    assert_eq!(find(&dict, "Bletchley Park").kind, Kind::Term);
}

#[test]
fn dict_add_writes_where_the_loader_then_finds_it() {
    let scratch = Scratch::new("add-cli");
    scratch.write("names.toml", PIONEERS);
    let out = scratch.transfix(&[
        "--dict",
        "names.toml",
        "dict",
        "add",
        "Hedy Lamarr",
        "--kind",
        "person",
        "--alias",
        "Heddy Lamar",
    ]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "added Hedy Lamarr (person) to names.toml\n"
    );
    let path = scratch.0.join("names.toml");
    let dict = Dictionary::load(std::slice::from_ref(&path)).unwrap();
    let hedy = find(&dict, "Hedy Lamarr");
    assert_eq!(hedy.origin, origin(&path, 20));
    assert_eq!(hedy.aliases, ["Heddy Lamar"]);

    // The same name again is refused at the place it is now defined.
    let again = scratch.transfix(&["--dict", "names.toml", "dict", "add", "Hedy Lamarr"]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&again.stderr),
        "error: Hedy Lamarr is already defined at names.toml:20 (use --merge to add to it)\n"
    );
}

#[test]
fn a_missing_file_is_created_with_a_header() {
    let scratch = Scratch::new("add-create");
    let path = scratch.0.join("local.toml");
    edit::add_entries(&path, &[Entry::new("Bletchley Park")]).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# "), "{text}");
    assert!(
        text.ends_with("\n\n[[term]]\nname = \"Bletchley Park\"\n"),
        "{text}"
    );
    let dict = Dictionary::load(std::slice::from_ref(&path)).unwrap();
    assert_eq!(dict.entries[0].origin, origin(&path, 3));
    // Its directory is not created.
    let nowhere = scratch.0.join("missing").join("local.toml");
    let err = edit::add_entries(&nowhere, &[Entry::new("A")]).unwrap_err();
    assert!(
        err.to_string().starts_with(&nowhere.display().to_string()),
        "{err}"
    );
}

#[test]
fn concurrent_adders_lose_no_entry() {
    const WRITERS: usize = 4;
    const ENTRIES: usize = 5;
    let scratch = Scratch::new("add-concurrent");
    // Created by the first writer to get the lock.
    let path = Arc::new(scratch.0.join("local.toml"));
    let start = Arc::new(Barrier::new(WRITERS));
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let (path, start) = (Arc::clone(&path), Arc::clone(&start));
            std::thread::spawn(move || {
                start.wait();
                for i in 0..ENTRIES {
                    edit::add_entries(&path, &[Entry::new(format!("W{w} E{i}"))]).unwrap();
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    let dict = Dictionary::load(&[path.to_path_buf()]).unwrap();
    assert_eq!(dict.entries.len(), WRITERS * ENTRIES);
    let text = fs::read_to_string(&*path).unwrap();
    assert_eq!(text.matches("# Terms added").count(), 1, "one header");
}

#[test]
fn removing_keeps_the_neighbours_and_their_comments() {
    let scratch = Scratch::new("remove");
    let path = scratch.write("names.toml", PIONEERS);
    assert!(edit::remove_entry(&path, " Grace Hopper ").unwrap());
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        PIONEERS.replace(
            "# Rear admiral; COBOL.\n[[term]]\nname = \"Grace Hopper\"\naliases = [\n    \"Grace Hoper\",  # episode 3\n]\n# never = [\"grace\"]   (to decide)\n\n",
            ""
        )
    );
    let dict = Dictionary::load(std::slice::from_ref(&path)).unwrap();
    let names: Vec<&str> = dict.entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Ada Lovelace", "Alan Turing"]);

    // An unknown name leaves the file as it is.
    let before = fs::read_to_string(&path).unwrap();
    assert!(!edit::remove_entry(&path, "Grace Hopper").unwrap());
    assert_eq!(fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn dict_remove_and_rename_through_the_command_line() {
    let scratch = Scratch::new("remove-cli");
    let path = scratch.write("names.toml", PIONEERS);
    let out = scratch.transfix(&["--dict", "names.toml", "dict", "remove", "Ada Lovelace"]);
    assert!(out.status.success(), "{out:?}");
    let out = scratch.transfix(&[
        "--dict",
        "names.toml",
        "dict",
        "rename",
        "Alan Turing",
        "Alan M. Turing",
    ]);
    assert!(out.status.success(), "{out:?}");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# Computing pioneers.\n\n# Rear admiral; COBOL.\n[[term]]\n"));
    assert!(
        text.ends_with("# Enigma.\n[[term]]\nname = \"Alan M. Turing\"   # keep this comment\n")
    );
}

#[test]
fn csv_fields_may_quote_commas() {
    let text = "name,kind,aliases\n\"Lovelace, Ada\",person,\"Ada, Countess of Lovelace|Love Lace\"\n\"Hopper, Grace \"\"Amazing Grace\"\"\",,\n";
    let entries = import::parse(text, Path::new("people.csv")).unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].name, "Lovelace, Ada");
    assert_eq!(entries[0].kind, Kind::Person);
    assert_eq!(
        entries[0].aliases,
        ["Ada, Countess of Lovelace", "Love Lace"]
    );
    assert_eq!(entries[1].name, "Hopper, Grace \"Amazing Grace\"");
    assert_eq!(entries[1].kind, Kind::Term);
    assert_eq!(entries[1].origin, origin(Path::new("people.csv"), 3));
}

#[test]
fn import_counts_added_merged_skipped_and_repeated_names() {
    let scratch = Scratch::new("import");
    let names = scratch.write("names.toml", PIONEERS);
    // Repeated inside the file: Hedy Lamarr (one new entry with both aliases) and Grace
    // Hopper. Known: Ada Lovelace (nothing new), Grace Hopper (one new alias of two), Alan
    // Turing (a new alias).
    scratch.write(
        "people.csv",
        "Hedy Lamarr,person,Hedy Lamar\n\
         Ada Lovelace,person,\n\
         Grace Hopper,,Grace Hoper\n\
         Hedy Lamarr,,Heddy Lamarr\n\
         Grace Hopper,,Grays Hopper\n\
         Alan Turing,,Alan Turning\n",
    );
    let out = scratch.transfix(&["--dict", "names.toml", "dict", "import", "people.csv"]);
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "imported people.csv: 1 added, 2 merged, 1 skipped (already known); 2 repeated names folded into the first\n\
         \x20 added Hedy Lamarr (person) to names.toml\n\
         \x20 merged Grace Hopper (names.toml): aliases \"Grays Hopper\"\n\
         \x20 merged Alan Turing (names.toml): aliases \"Alan Turning\"\n"
    );
    let dict = Dictionary::load(std::slice::from_ref(&names)).unwrap();
    assert_eq!(
        find(&dict, "Hedy Lamarr").aliases,
        ["Hedy Lamar", "Heddy Lamarr"]
    );
    assert_eq!(
        find(&dict, "Grace Hopper").aliases,
        ["Grace Hoper", "Grays Hopper"]
    );

    // A second import finds everything known.
    let again = scratch.transfix(&["--dict", "names.toml", "dict", "import", "people.csv"]);
    assert!(
        String::from_utf8_lossy(&again.stderr).starts_with(
            "imported people.csv: 0 added, 0 merged, 4 skipped (already known); 2 repeated"
        ),
        "{again:?}"
    );
}

#[test]
fn a_bad_line_anywhere_means_nothing_is_imported() {
    let scratch = Scratch::new("import-bad");
    let names = scratch.write("names.toml", PIONEERS);
    scratch.write(
        "list.csv",
        "Hedy Lamarr,person\nGrace Hopper,,Grays Hopper\n,person\n",
    );
    let out = scratch.transfix(&["--dict", "names.toml", "dict", "import", "list.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: list.csv:3: no name in this row\n"
    );
    assert_eq!(fs::read_to_string(&names).unwrap(), PIONEERS);
}
