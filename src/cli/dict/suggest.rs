//! `dict suggest`: candidate terms harvested from transcripts, and `--add` to keep them.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;
use transfix::dictionary::harvest::{Found, Suggestion, suggest};
use transfix::{Entry, Index, Transcript};

use super::list::ListFormat;
use crate::cli::common::{Failure, Outcome, Streams, display_path, io_message, plural};
use crate::cli::index_cache;
use crate::cli::input::transcript_failure;
use crate::cli::layers::Layers;

#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// Transcripts to harvest
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Add the suggested terms (with their likely aliases as `aliases`) to the dictionary
    #[arg(long)]
    add: bool,
    /// With --add: add only this suggestion (repeatable)
    #[arg(long, value_name = "NAME", requires = "add")]
    only: Vec<String>,
    /// Only phrases seen at least this many times in the spoken text
    #[arg(long, value_name = "N", default_value_t = 2)]
    min_count: usize,
    /// `text` or `json` (one object per line)
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
}

pub fn run(
    args: SuggestArgs,
    layers: &Layers,
    read: transfix::transcript::ReadOptions,
    use_cache: bool,
    streams: &Streams,
) -> Result<Outcome, Failure> {
    let loaded = index_cache::index(layers, || layers.load(), use_cache)?;
    let outcome = suggest_from(args, layers, loaded.index(), read, streams);
    loaded.finish();
    outcome
}

fn suggest_from(
    args: SuggestArgs,
    layers: &Layers,
    index: &Index,
    read: transfix::transcript::ReadOptions,
    streams: &Streams,
) -> Result<Outcome, Failure> {
    let mut all: Vec<(String, Suggestion)> = Vec::new();
    for file in &args.files {
        let name = display_path(file);
        let bytes = std::fs::read(file).map_err(|e| Failure::at(&name, io_message(&e)))?;
        let transcript =
            Transcript::read(&bytes, read).map_err(|e| transcript_failure(&name, e))?;
        for s in suggest(&transcript, index, args.min_count) {
            // The same name from several transcripts is one suggestion.
            match all.iter_mut().find(|(_, t)| t.name == s.name) {
                Some((_, t)) => merge(t, s),
                None => all.push((name.clone(), s)),
            }
        }
    }
    // A wrong --only is an error before anything is printed.
    if let Some(missing) = (args.only.iter()).find(|n| !all.iter().any(|(_, s)| &s.name == *n)) {
        return Err(Failure(format!("{missing:?} is not among the suggestions")));
    }
    let out = match args.format {
        ListFormat::Text => text(&all),
        ListFormat::Json => json(&all),
    };
    streams.stdout(out.as_bytes())?;
    if args.add {
        add(&all, &args.only, layers, streams)?;
    } else if args.format == ListFormat::Text {
        streams.stderr(&format!(
            "{} ({} to add them all, --add --only NAME for some)\n",
            plural(all.len(), "suggestion", "suggestions"),
            "--add"
        ));
    }
    Ok(Outcome::Clean)
}

fn merge(into: &mut Suggestion, other: Suggestion) {
    into.count += other.count;
    for h in other.aliases {
        match into.aliases.iter_mut().find(|a| a.form == h.form) {
            Some(a) => a.count += h.count,
            None => into.aliases.push(h),
        }
    }
}

fn text(all: &[(String, Suggestion)]) -> String {
    let width = all
        .iter()
        .map(|(_, s)| s.name.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (file, s) in all {
        let seen = match s.found {
            Found::Written => format!("written in {file}:{}", s.line),
            Found::Spoken => format!("spoken ×{} in {file}, first at line {}", s.count, s.line),
        };
        let pad = width - s.name.chars().count();
        let _ = write!(out, "{}{}  {seen}", s.name, " ".repeat(pad));
        let heard: Vec<String> = (s.aliases.iter())
            .filter(|h| h.form != s.name)
            .map(|h| {
                format!(
                    "{:?} ×{} (line {}, score {})",
                    h.form,
                    h.count,
                    h.line,
                    crate::cli::render::score(h.score)
                )
            })
            .collect();
        if !heard.is_empty() {
            let _ = write!(
                out,
                "\n{}  heard as {}",
                " ".repeat(width),
                heard.join(", ")
            );
        }
        out.push('\n');
    }
    out
}

fn json(all: &[(String, Suggestion)]) -> String {
    let mut out = String::new();
    for (file, s) in all {
        let mut v = serde_json::to_value(s).unwrap_or_default();
        v["file"] = serde_json::Value::from(file.as_str());
        out.push_str(&v.to_string());
        out.push('\n');
    }
    out
}

/// Adds the chosen suggestions, their heard forms as aliases, to the target dictionary.
fn add(
    all: &[(String, Suggestion)],
    only: &[String],
    layers: &Layers,
    streams: &Streams,
) -> Result<(), Failure> {
    let entries: Vec<Entry> = (all.iter())
        .filter(|(_, s)| only.is_empty() || only.contains(&s.name))
        .map(|(_, s)| {
            let mut e = Entry::new(s.name.clone());
            e.aliases = (s.aliases.iter())
                .filter(|h| h.form != s.name)
                .map(|h| h.form.clone())
                .collect();
            e
        })
        .collect();
    let target = display_path(&layers.target);
    transfix::dictionary::edit::add_entries(&layers.target, &entries)
        .map_err(|e| Failure(e.to_string()))?;
    streams.stderr(&format!(
        "added {} to {target}\n",
        plural(entries.len(), "term", "terms")
    ));
    Ok(())
}
