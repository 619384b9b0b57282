//! `transfix dict`: keeping the name dictionaries up to date. Each subcommand lives in its own
//! module, with its arguments when they make a struct of their own; this one holds the
//! subcommands' command line and the dispatch.
//!
//! Reads go through the same layers as every command (`cli::layers`); writes go through
//! `transfix::dictionary::edit` (toml_edit, atomic, locked), into the file that defines the
//! term, or for new entries into the first `--dict` file (`dictionaries/local.toml` without
//! `--dict`).

mod import;
mod lint;
mod list;
mod modify;
mod suggest;

use std::path::PathBuf;

use clap::{Args, Subcommand};
use transfix::Kind;

use self::list::ListFormat;
use self::modify::AddArgs;
use self::suggest::SuggestArgs;
use crate::cli::common::{Failure, Outcome, Streams};
use crate::cli::layers::Layers;

#[derive(Debug, Args)]
pub struct DictArgs {
    #[command(subcommand)]
    command: DictCommand,
}

#[derive(Debug, Subcommand)]
enum DictCommand {
    /// Add a term (refuses a name already defined, unless --merge)
    #[command(after_help = "\
Examples:
  transfix dict add \"Ada Lovelace\" --kind person --alias \"Ada Lovlace\" --note \"mathematician\"
  transfix --dict show.toml dict add \"Institut Curie\" --kind org --merge --alias \"institut curi\"")]
    Add(AddArgs),

    /// Add known mis-hearings of a term to its `aliases`
    Alias {
        /// The term's canonical name
        name: String,
        /// Forms as the transcripts have them
        #[arg(required = true)]
        forms: Vec<String>,
    },

    /// Add forms the term must never replace to its `never`
    Never {
        /// The term's canonical name
        name: String,
        /// Forms to leave alone
        #[arg(required = true)]
        forms: Vec<String>,
    },

    /// Remove a term
    Remove {
        /// The term's canonical name
        name: String,
    },

    /// Rename a term (its aliases and never forms stay with it)
    Rename {
        /// The current canonical name
        old: String,
        /// The new canonical name
        new: String,
    },

    /// List the terms, with the file and line defining each
    List {
        /// Only terms of this kind
        #[arg(long, value_parser = str::parse::<Kind>)]
        kind: Option<Kind>,
        /// Only terms whose name, aliases or note contain this (case and accents ignored)
        #[arg(long, value_name = "TEXT")]
        grep: Option<String>,
        /// `text` (one line each) or `json` (one object per line)
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },

    /// Show one term: every field, and the file and line defining it
    Show {
        /// The term's canonical name
        name: String,
    },

    /// Import terms from a plain list, a CSV file or another dictionary
    #[command(after_help = "\
Formats, by extension or content:
  .txt   one name per line, `#` starts a comment
  .csv   columns name,kind,aliases (aliases separated by `|`), an optional header row
  .toml  another transfix dictionary

Names already defined are merged (new aliases and never forms added) or skipped when
there is nothing new; the report says which.")]
    Import {
        /// The file to import
        file: PathBuf,
    },

    /// Check the dictionaries: duplicates, contradictions, names that collide with ordinary words
    Lint,

    /// Harvest candidate terms from transcripts: names in their headers and recurring
    /// capitalised phrases no term covers, with likely mis-hearings of them
    Suggest(SuggestArgs),
}

pub fn run(
    args: DictArgs,
    layers: &Layers,
    read: transfix::transcript::ReadOptions,
    streams: &Streams,
) -> Result<Outcome, Failure> {
    match args.command {
        DictCommand::Add(a) => modify::add(a, layers, streams),
        DictCommand::Alias { name, forms } => {
            modify::forms(&name, &forms, modify::List::Aliases, layers, streams)
        }
        DictCommand::Never { name, forms } => {
            modify::forms(&name, &forms, modify::List::Never, layers, streams)
        }
        DictCommand::Remove { name } => modify::remove(&name, layers, streams),
        DictCommand::Rename { old, new } => modify::rename(&old, &new, layers, streams),
        DictCommand::List { kind, grep, format } => {
            list::list(kind, grep.as_deref(), format, layers, streams)
        }
        DictCommand::Show { name } => list::show(&name, layers, streams),
        DictCommand::Import { file } => import::run(&file, layers, streams),
        DictCommand::Lint => lint::run(layers, streams),
        DictCommand::Suggest(a) => suggest::run(a, layers, read, streams),
    }
}
