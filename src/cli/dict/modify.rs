//! `dict add`, `dict alias`, `dict never`, `dict remove`, `dict rename`.
//!
//! A term is changed in the file that defines it: the first loaded file with an entry of that
//! name (later layers' entries of the same name fold into that one). New terms go to
//! `layers.target`. Reports go to stderr, one line each.

use std::path::{Path, PathBuf};

use clap::Args;
use rustc_hash::FxHashMap;
use transfix::dictionary::edit::{self, Change, Field};
use transfix::dictionary::first_of_each_name;
use transfix::{Dictionary, Entry, Kind};
use unicode_normalization::UnicodeNormalization;

use crate::cli::common::{Failure, Outcome, Streams, display_path};
use crate::cli::layers::Layers;

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Canonical spelling
    name: String,
    /// person, org, place, work or term
    #[arg(long, value_parser = str::parse::<Kind>)]
    kind: Option<Kind>,
    /// A known mis-hearing (repeatable)
    #[arg(long = "alias", value_name = "FORM")]
    aliases: Vec<String>,
    /// A form the term must never replace (repeatable)
    #[arg(long = "never", value_name = "FORM")]
    never: Vec<String>,
    /// Free text for people editing the dictionary
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// Language of the name's pronunciation (fr, en...)
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// If the name exists, add the aliases and never forms to it instead of refusing
    #[arg(long)]
    merge: bool,
}

/// Which list of an entry `dict alias` / `dict never` add to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Aliases,
    Never,
}

impl List {
    fn field(self) -> Field {
        match self {
            List::Aliases => Field::Aliases,
            List::Never => Field::Never,
        }
    }
}

pub fn add(args: AddArgs, layers: &Layers, streams: &Streams) -> Result<Outcome, Failure> {
    let entry = new_entry(&args)?;
    let definitions = Definitions::load(layers)?;
    let Some(existing) = definitions.find(&entry.name) else {
        let target = &layers.target;
        let created = !target.exists();
        edit::add_entries(target, std::slice::from_ref(&entry)).map_err(failure)?;
        let new_file = if created { " (new file)" } else { "" };
        streams.stderr(&format!(
            "added {} ({}) to {}{new_file}\n",
            entry.name,
            entry.kind.as_str(),
            display_path(target)
        ));
        return Ok(Outcome::Clean);
    };
    if !args.merge {
        return Err(Failure(format!(
            "{} is already defined at {} (use --merge to add to it)",
            entry.name,
            location(existing)
        )));
    }
    streams.stderr(&merge(&entry, existing, args.kind.is_some())?);
    Ok(Outcome::Clean)
}

/// The entry `dict add` was asked for, checked.
fn new_entry(args: &AddArgs) -> Result<Entry, Failure> {
    let name = args.name.trim();
    if name.is_empty() {
        return Err(Failure("the name is empty".into()));
    }
    let aliases = clean_forms(&args.aliases)?;
    let never = clean_forms(&args.never)?;
    if let Some(both) = aliases.iter().find(|a| never.contains(a)) {
        // Each list would undo the other.
        return Err(Failure(format!(
            "{both:?} is given both as --alias and as --never"
        )));
    }
    Ok(Entry {
        kind: args.kind.unwrap_or_default(),
        aliases,
        never,
        lang: optional(&args.lang),
        note: optional(&args.note),
        ..Entry::new(name)
    })
}

fn optional(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// Forms from the command line, trimmed and without repeats; an empty one is refused.
fn clean_forms(given: &[String]) -> Result<Vec<String>, Failure> {
    let mut forms: Vec<String> = Vec::with_capacity(given.len());
    for form in given {
        let form = form.trim();
        if form.is_empty() {
            return Err(Failure("a form is empty".into()));
        }
        if !forms.iter().any(|f| f == form) {
            forms.push(form.to_owned());
        }
    }
    Ok(forms)
}

/// `dict add --merge`: the new entry's forms, note and language go into the existing one.
fn merge(entry: &Entry, existing: &Entry, kind_given: bool) -> Result<String, Failure> {
    let changes: Vec<Change> = [
        (Field::Aliases, &entry.aliases),
        (Field::Never, &entry.never),
    ]
    .into_iter()
    .flat_map(|(field, forms)| forms.iter().map(move |form| change(existing, field, form)))
    .collect();
    let mut report = write_forms(existing, &changes)?;
    report.push_str(&fill_in(entry, existing)?);
    let name = existing.name.trim();
    if kind_given && entry.kind != existing.kind {
        report.push_str(&format!(
            "{name} keeps its kind, {}: --kind {} not applied\n",
            existing.kind.as_str(),
            entry.kind.as_str()
        ));
    }
    if report.is_empty() {
        // Nothing was asked beyond the name: say so rather than print nothing.
        report = format!("nothing to add to {name} ({})\n", location(existing));
    }
    Ok(report)
}

/// Sets the note and language of `entry` on `existing` where it has none; says what it did.
fn fill_in(entry: &Entry, existing: &Entry) -> Result<String, Failure> {
    if entry.note.is_none() && entry.lang.is_none() {
        return Ok(String::new());
    }
    let path = origin_path(existing);
    let name = existing.name.trim();
    let filled = edit::set_missing(path, name, entry.note.as_deref(), entry.lang.as_deref())
        .map_err(failure)?;
    let mut report = String::new();
    for (field, given, set) in [
        ("note", &entry.note, filled.note),
        ("lang", &entry.lang, filled.lang),
    ] {
        match (given, set) {
            (None, _) => {}
            (Some(_), true) => report.push_str(&format!(
                "set `{field}` of {name} ({})\n",
                display_path(path)
            )),
            (Some(_), false) => report.push_str(&format!(
                "{name} already has a `{field}`: --{field} not applied\n"
            )),
        }
    }
    Ok(report)
}

pub fn forms(
    name: &str,
    forms_given: &[String],
    list: List,
    layers: &Layers,
    streams: &Streams,
) -> Result<Outcome, Failure> {
    let forms = clean_forms(forms_given)?;
    let definitions = Definitions::load(layers)?;
    let term = definitions.require(name, layers)?;
    let changes: Vec<Change> = forms
        .iter()
        .map(|form| change(term, list.field(), form))
        .collect();
    streams.stderr(&write_forms(term, &changes)?);
    Ok(Outcome::Clean)
}

fn change(term: &Entry, field: Field, form: &str) -> Change {
    Change {
        name: term.name.trim().to_owned(),
        field,
        form: form.to_owned(),
    }
}

/// Writes `changes` into the file defining `term` (as loaded before the write) and says, form
/// by form, what happened: added, moved from the other list, or already there.
fn write_forms(term: &Entry, changes: &[Change]) -> Result<String, Failure> {
    if changes.is_empty() {
        return Ok(String::new());
    }
    let path = origin_path(term);
    let applied = edit::apply(path, changes).map_err(failure)?;
    let file = display_path(path);
    let name = term.name.trim();
    let mut report = String::new();
    for c in changes {
        let (list, other) = match c.field {
            Field::Aliases => ("aliases", &term.never),
            Field::Never => ("never", &term.aliases),
        };
        let line = if !applied.added.contains(c) {
            format!("{:?} is already in `{list}` of {name}\n", c.form)
        } else if other.iter().any(|f| f.trim() == c.form) {
            let from = if c.field == Field::Aliases {
                "never"
            } else {
                "aliases"
            };
            format!(
                "moved {:?} from `{from}` to `{list}` of {name} ({file})\n",
                c.form
            )
        } else {
            format!("added {:?} to `{list}` of {name} ({file})\n", c.form)
        };
        report.push_str(&line);
    }
    Ok(report)
}

pub fn remove(name: &str, layers: &Layers, streams: &Streams) -> Result<Outcome, Failure> {
    let definitions = Definitions::load(layers)?;
    let term = definitions.require(name, layers)?;
    let path = origin_path(term);
    if !edit::remove_entry(path, term.name.trim()).map_err(failure)? {
        return Err(changed_meanwhile(term));
    }
    let mut report = format!("removed {} from {}\n", term.name.trim(), location(term));
    report.push_str(&definitions.still_defined(term));
    streams.stderr(&report);
    Ok(Outcome::Clean)
}

pub fn rename(
    old: &str,
    new: &str,
    layers: &Layers,
    streams: &Streams,
) -> Result<Outcome, Failure> {
    let new = new.trim();
    if new.is_empty() {
        return Err(Failure("the new name is empty".into()));
    }
    if new == old.trim() {
        return Err(Failure(format!("{new} already has that name")));
    }
    let definitions = Definitions::load(layers)?;
    let term = definitions.require(old, layers)?;
    if let Some(taken) = definitions.find(new) {
        return Err(Failure(format!(
            "{new} is already defined at {}",
            location(taken)
        )));
    }
    let old = term.name.trim();
    if !edit::rename_entry(origin_path(term), old, new).map_err(failure)? {
        return Err(changed_meanwhile(term));
    }
    // The old name is often a mis-spelling worth keeping as an alias, but not always (a
    // typo in the dictionary itself): that is for the user to say.
    let mut report = format!(
        "renamed {old} to {new} at {}\n\
         its aliases and never forms are kept; {old:?} is not made an alias \
         (transfix dict alias {new:?} {old:?} would)\n",
        location(term)
    );
    report.push_str(&definitions.still_defined(term));
    streams.stderr(&report);
    Ok(Outcome::Clean)
}

// ---------------------------------------------------------------------------------------------
// Finding terms (also used by `dict import`)

/// Every entry of every loaded file, in load order, each with its file and line. Unlike
/// `Layers::load`, entries of the same name in later layers are not folded into the first:
/// they are where a change would go, and what remains after a removal.
pub(super) struct Definitions {
    entries: Vec<Entry>,
    /// The first definition of each name (trimmed): an import of many names into a large
    /// dictionary looks each up.
    first: FxHashMap<String, usize>,
}

impl Definitions {
    pub(super) fn load(layers: &Layers) -> Result<Self, Failure> {
        let files: Vec<PathBuf> = layers.files().cloned().collect();
        let entries = Dictionary::load(&files).map_err(failure)?.entries;
        Ok(Definitions {
            first: (first_of_each_name(&entries).into_iter())
                .map(|(name, i)| (name.to_owned(), i))
                .collect(),
            entries,
        })
    }

    /// The first definition of `name` (trimmed): the one a change goes to.
    pub(super) fn find(&self, name: &str) -> Option<&Entry> {
        self.first.get(name.trim()).map(|&i| &self.entries[i])
    }

    /// The first definition of `name`, or the error saying there is none.
    fn require(&self, name: &str, layers: &Layers) -> Result<&Entry, Failure> {
        self.find(name).ok_or_else(|| {
            let hint = closest(name, &self.entries)
                .map(|n| format!(" (did you mean {n:?}?)"))
                .unwrap_or_default();
            Failure(format!(
                "no term named {:?} in {}{hint}",
                name.trim(),
                sources(layers)
            ))
        })
    }

    /// Lines naming the other definitions of `term`'s name, which a change to `term` leaves.
    fn still_defined(&self, term: &Entry) -> String {
        let name = term.name.trim();
        self.entries
            .iter()
            .filter(|e| e.name.trim() == name && e.origin != term.origin)
            .map(|e| format!("{name} is still defined at {}\n", location(e)))
            .collect()
    }
}

/// The file defining a loaded entry.
pub(super) fn origin_path(entry: &Entry) -> &Path {
    // Every entry loaded from a file has an origin; the fallback only avoids a panic.
    entry.origin.as_ref().map_or(Path::new(""), |o| &*o.path)
}

/// `FILE:LINE` of an entry's `[[term]]` header.
pub(super) fn location(entry: &Entry) -> String {
    match &entry.origin {
        Some(o) => format!("{}:{}", display_path(&o.path), o.line),
        None => "?".into(),
    }
}

pub(super) fn failure(e: impl std::fmt::Display) -> Failure {
    Failure(e.to_string())
}

/// The file was edited by someone else between loading and writing.
fn changed_meanwhile(term: &Entry) -> Failure {
    Failure(format!(
        "{}: {} is no longer there (the file changed meanwhile)",
        display_path(origin_path(term)),
        term.name.trim()
    ))
}

/// The loaded files, for an error: each layer's files, or their directory when there are
/// many.
fn sources(layers: &Layers) -> String {
    let described: Vec<String> = layers
        .layers
        .iter()
        .filter(|files| !files.is_empty())
        .map(|files| describe_files(files))
        .collect();
    described.join(" or ")
}

fn describe_files(files: &[PathBuf]) -> String {
    const LISTED: usize = 3;
    if files.len() <= LISTED {
        let shown: Vec<String> = files.iter().map(|f| display_path(f)).collect();
        return shown.join(", ");
    }
    let dir = files[0].parent().filter(|d| !d.as_os_str().is_empty());
    match dir.filter(|d| files.iter().all(|f| f.parent() == Some(*d))) {
        Some(dir) => format!("{}/", display_path(dir)),
        None => format!("{} dictionaries", files.len()),
    }
}

/// The term name most like `name`, if one is close: the same but for case and accents, a
/// few letters off, or one whose words include all of `name`'s ("Hopper").
fn closest<'e>(name: &str, entries: &'e [Entry]) -> Option<&'e str> {
    const CLOSE: f64 = 0.7;
    let key = fold(name);
    let words: Vec<&str> = key.split_whitespace().collect();
    let score = |entry: &Entry| {
        let other = fold(&entry.name);
        let contains = !words.is_empty()
            && words
                .iter()
                .all(|w| other.split_whitespace().any(|o| o == *w));
        let similarity = strsim::normalized_levenshtein(&key, &other);
        if contains {
            similarity.max(CLOSE)
        } else {
            similarity
        }
    };
    entries
        .iter()
        .map(|e| (score(e), e.name.trim()))
        .filter(|(s, _)| *s >= CLOSE)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}

/// Lowercase, without accents, white space collapsed: how a name is compared for hints.
fn fold(name: &str) -> String {
    let letters: String = name
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    letters.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_find_case_accents_typos_and_surnames() {
        let entries: Vec<Entry> = ["Grace Hopper", "Institut Pasteur", "Élise Durand"]
            .into_iter()
            .map(Entry::new)
            .collect();
        assert_eq!(closest("grace hopper", &entries), Some("Grace Hopper"));
        assert_eq!(closest("Elise Durand", &entries), Some("Élise Durand"));
        assert_eq!(
            closest("Institut Pasteru", &entries),
            Some("Institut Pasteur")
        );
        assert_eq!(closest("Hopper", &entries), Some("Grace Hopper"));
        assert_eq!(closest("Alan Turing", &entries), None);
    }

    #[test]
    fn many_files_are_described_by_their_directory() {
        let files = |names: &[&str]| names.iter().map(PathBuf::from).collect::<Vec<_>>();
        assert_eq!(
            describe_files(&files(&["a.toml", "b.toml"])),
            "a.toml, b.toml"
        );
        assert_eq!(
            describe_files(&files(&["d/a.toml", "d/b.toml", "d/c.toml", "d/e.toml"])),
            "d/"
        );
        assert_eq!(
            describe_files(&files(&["a.toml", "b.toml", "c.toml", "e.toml"])),
            "4 dictionaries"
        );
    }
}
