//! `dict import`: terms from a plain list, a CSV file, another dictionary, Wikidata query
//! results or a Subtitle Edit name list.
//!
//! The whole file is read and checked, and every decision taken, before anything is written:
//! a bad line means no change anywhere. New names go to `layers.target`; known names with new
//! aliases or never forms have them added in the file defining them; the rest is skipped.

use std::path::{Path, PathBuf};

use clap::Args;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use transfix::dictionary::edit::{self, Change, Field};
use transfix::dictionary::first_of_each_name;
use transfix::dictionary::import::{self, AltLabels, Format, Options, Skipped};
use transfix::{Dictionary, Entry};

use super::modify::{Definitions, failure, origin_path};
use crate::cli::common::{Failure, Outcome, Streams, display_path, io_message, plural};
use crate::cli::layers::Layers;

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import
    file: PathBuf,
    /// Read the file as this format, whatever its name and content say
    #[arg(long, value_name = "FORMAT", value_parser = formats())]
    from: Option<Format>,
    /// Wikidata results: the language of the label that names an item (fr, en...)
    /// [default: the language most terms have]
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// Wikidata results: where an item's other labels go. auto: a label spelt as the name
    /// but for accents, case or punctuation is an alias (its accents restored), any other a
    /// `never` form (kept as written); alias: all aliases (replaced by the name); never: all
    /// never forms; skip: left out
    #[arg(long, value_name = "WHERE", default_value = "auto", value_parser = alt_labels())]
    alt_labels: AltLabels,
}

fn alt_labels() -> impl TypedValueParser<Value = AltLabels> {
    PossibleValuesParser::new(AltLabels::ALL.map(AltLabels::as_str))
        .try_map(|s| s.parse::<AltLabels>())
}

fn formats() -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(Format::ALL.map(Format::as_str)).try_map(|s| s.parse::<Format>())
}

pub fn run(args: ImportArgs, layers: &Layers, streams: &Streams) -> Result<Outcome, Failure> {
    let file = args.file.as_path();
    let text = std::fs::read_to_string(file)
        .map_err(|e| Failure::at(&display_path(file), io_message(&e)))?;
    let known = layers.load()?;
    let options = Options {
        lang: args.lang.or_else(|| usual_lang(&known)),
        alt_labels: args.alt_labels,
    };
    let format = args.from.unwrap_or_else(|| Format::detect(file, &text));
    let imported = import::parse_as(format, &text, file, &options).map_err(failure)?;
    let (entries, repeated) = import::fold_duplicates(imported.entries);
    let plan = Plan::new(entries, &known, &Definitions::load(layers)?);
    let merged = plan.write(&layers.target)?;
    let skipped = &imported.skipped;
    let mut report = plan.report(file, &layers.target, &merged, repeated, skipped.len());
    report.push_str(&left_out(file, skipped));
    streams.stderr(&report);
    Ok(Outcome::Clean)
}

/// The language most of the terms are said in: the one whose labels name Wikidata items
/// when `--lang` does not say.
fn usual_lang(dictionary: &Dictionary) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for lang in dictionary.entries.iter().filter_map(|e| e.lang.as_deref()) {
        match counts.iter_mut().find(|(l, _)| *l == lang) {
            Some((_, n)) => *n += 1,
            None => counts.push((lang, 1)),
        }
    }
    // The first of equally frequent languages, in load order.
    let most = counts.iter().map(|(_, n)| *n).max()?;
    counts
        .into_iter()
        .find(|(_, n)| *n == most)
        .map(|(l, _)| l.to_owned())
}

/// A line for each record of the file that gave no term.
fn left_out(file: &Path, skipped: &[Skipped]) -> String {
    let file = display_path(file);
    skipped
        .iter()
        .map(|s| format!("  left out {file}:{}: {}\n", s.line, s.reason))
        .collect()
}

/// What to do with each imported name.
#[derive(Default)]
struct Plan {
    /// New names, for the target file.
    added: Vec<Entry>,
    /// Known names with forms they lack: the term's name and file, and the changes.
    merged: Vec<Merge>,
    /// Known names with nothing new.
    skipped: usize,
}

struct Merge {
    name: String,
    path: PathBuf,
    changes: Vec<Change>,
}

impl Plan {
    /// `known` is the dictionary as the matcher sees it (layers folded): a form it already has
    /// in either list is not new, so an import never overrules a `never`. `definitions` says
    /// which file a term's new forms go to.
    fn new(entries: Vec<Entry>, known: &Dictionary, definitions: &Definitions) -> Self {
        let mut plan = Plan::default();
        let terms = first_of_each_name(&known.entries);
        for entry in entries {
            let name = entry.name.trim();
            let term = terms.get(name).map(|&i| &known.entries[i]);
            let (Some(term), Some(definition)) = (term, definitions.find(name)) else {
                plan.added.push(entry);
                continue;
            };
            let changes = new_forms(&entry, term);
            if changes.is_empty() {
                plan.skipped += 1;
            } else {
                plan.merged.push(Merge {
                    name: definition.name.trim().to_owned(),
                    path: origin_path(definition).to_owned(),
                    changes,
                });
            }
        }
        plan
    }

    /// Writes the new entries, then the merges, one write a file. Returns the changes that
    /// modified a file, by merge.
    fn write(&self, target: &Path) -> Result<Vec<Vec<Change>>, Failure> {
        edit::add_entries(target, &self.added).map_err(failure)?;
        let mut files: Vec<(&Path, Vec<Change>)> = Vec::new();
        for merge in &self.merged {
            match files.iter_mut().find(|(p, _)| *p == merge.path.as_path()) {
                Some((_, changes)) => changes.extend(merge.changes.iter().cloned()),
                None => files.push((&merge.path, merge.changes.clone())),
            }
        }
        let mut added = Vec::new();
        for (path, changes) in files {
            added.extend(edit::apply(path, &changes).map_err(failure)?.added);
        }
        let applied = |m: &Merge| {
            let changes = m.changes.iter().filter(|c| added.contains(c));
            changes.cloned().collect()
        };
        Ok(self.merged.iter().map(applied).collect())
    }

    /// The summary line, then a line for each added and each merged name.
    fn report(
        &self,
        file: &Path,
        target: &Path,
        merged: &[Vec<Change>],
        repeated: usize,
        left_out: usize,
    ) -> String {
        let mut out = format!(
            "imported {}: {} added, {} merged, {} skipped (already known)",
            display_path(file),
            self.added.len(),
            self.merged.len(),
            self.skipped
        );
        if repeated > 0 {
            let repeats = plural(repeated, "repeated name", "repeated names");
            out.push_str(&format!("; {repeats} folded into the first"));
        }
        if left_out > 0 {
            let records = plural(left_out, "record", "records");
            out.push_str(&format!("; {records} without a name left out"));
        }
        out.push('\n');
        for entry in &self.added {
            out.push_str(&format!(
                "  added {} ({}) to {}\n",
                entry.name.trim(),
                entry.kind.as_str(),
                display_path(target)
            ));
        }
        for (merge, applied) in self.merged.iter().zip(merged) {
            out.push_str(&format!(
                "  merged {} ({}): {}\n",
                merge.name,
                display_path(&merge.path),
                describe(applied)
            ));
        }
        out
    }
}

/// The aliases and never forms of `entry` that `term` has in neither list.
fn new_forms(entry: &Entry, term: &Entry) -> Vec<Change> {
    let known = |form: &str| {
        let mut all = term.aliases.iter().chain(&term.never);
        all.any(|f| f.trim() == form)
    };
    let name = term.name.trim();
    [
        (Field::Aliases, &entry.aliases),
        (Field::Never, &entry.never),
    ]
    .into_iter()
    .flat_map(|(field, forms)| forms.iter().map(move |form| (field, form.trim())))
    .filter(|(_, form)| !form.is_empty() && !known(form))
    .map(|(field, form)| Change {
        name: name.to_owned(),
        field,
        form: form.to_owned(),
    })
    .collect()
}

/// `aliases "A", "B"; never "C"`, or what happened if nothing was written.
fn describe(changes: &[Change]) -> String {
    let mut parts = Vec::new();
    for (field, list) in [(Field::Aliases, "aliases"), (Field::Never, "never")] {
        let forms: Vec<String> = changes
            .iter()
            .filter(|c| c.field == field)
            .map(|c| format!("{:?}", c.form))
            .collect();
        if !forms.is_empty() {
            parts.push(format!("{list} {}", forms.join(", ")));
        }
    }
    if parts.is_empty() {
        // Another writer added the same forms between our read and our write.
        return "nothing left to add".into();
    }
    parts.join("; ")
}
