//! `dict export`: the terms of every layer, for other tools.
//!
//! The text comes from the engine (`dictionary::export`, `subtitle_edit`, `hotwords`); this
//! module chooses the terms, and writes to stdout or, atomically, to `--out`, never over a
//! dictionary file.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use transfix::dictionary::{export, hotwords, subtitle_edit};
use transfix::{Entry, Kind};

use crate::cli::common::{Failure, Outcome, Streams, display_path, io_message, plural};
use crate::cli::layers::Layers;
use crate::cli::write::write_atomic;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    SubtitleEdit,
    Hotwords,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// csv, json, subtitle-edit or hotwords (see below)
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    format: ExportFormat,
    /// Write to this file (replaced atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    out: Option<PathBuf>,
    /// Only terms of this kind
    #[arg(long, value_parser = str::parse::<Kind>)]
    kind: Option<Kind>,
    /// Only terms said in this language (their `lang`)
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// With --format hotwords: the length of the line, in characters [default: 800, about
    /// the 223 tokens Whisper keeps of a prompt]
    #[arg(long, value_name = "N")]
    max_chars: Option<usize>,
}

pub fn run(args: ExportArgs, layers: &Layers, streams: &Streams) -> Result<Outcome, Failure> {
    if args.max_chars.is_some() && args.format != ExportFormat::Hotwords {
        return Err(Failure(
            "--max-chars applies to --format hotwords only".into(),
        ));
    }
    let dictionary = layers.load()?;
    let chosen: Vec<Entry> = (dictionary.entries.into_iter())
        .filter(|e| args.kind.is_none_or(|k| e.kind == k))
        .filter(|e| args.lang.is_none() || e.lang == args.lang)
        .collect();
    let (text, summary) = render(&args, &chosen);
    match &args.out {
        Some(out) => {
            refuse_dictionary(out, layers)?;
            write_atomic(out, text.as_bytes())
                .map_err(|e| Failure::at(&display_path(out), io_message(&e)))?;
            streams.stderr(&format!("{summary} to {}\n", display_path(out)));
        }
        None => {
            streams.stdout(text.as_bytes())?;
            streams.stderr(&format!("{summary}\n"));
        }
    }
    Ok(Outcome::Clean)
}

/// The exported text, and what the summary line says of it.
fn render(args: &ExportArgs, entries: &[Entry]) -> (String, String) {
    let terms = plural(entries.len(), "term", "terms");
    let exported = |format: &str| format!("exported {terms} as {format}");
    match args.format {
        ExportFormat::Csv => (export::csv(entries), exported("CSV")),
        ExportFormat::Json => (export::json(entries), exported("JSON")),
        ExportFormat::SubtitleEdit => {
            let names = entries.iter().map(|e| e.name.as_str());
            (
                subtitle_edit::write(names),
                exported("a Subtitle Edit name list"),
            )
        }
        ExportFormat::Hotwords => {
            let max = args.max_chars.unwrap_or(hotwords::DEFAULT_MAX_CHARS);
            let names = hotwords::select(entries, max);
            let line = hotwords::line(&names);
            let used = line.trim_end().chars().count();
            let summary = format!(
                "exported {} of {} as hotwords ({used} of {max} characters)",
                names.len(),
                terms
            );
            (line, summary)
        }
    }
}

/// A dictionary is never replaced by an export of itself in another format.
fn refuse_dictionary(out: &std::path::Path, layers: &Layers) -> Result<(), Failure> {
    let same = |file: &PathBuf| match (out.canonicalize(), file.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    match layers.files().find(|f| same(f)) {
        Some(_) => Err(Failure::at(
            &display_path(out),
            "is a dictionary in use; export to another file",
        )),
        None => Ok(()),
    }
}
