//! `transfix dict`: keeping the name dictionaries up to date. Each subcommand lives in its own
//! module, with its arguments when they make a struct of their own; this one holds the
//! subcommands' command line and the dispatch.
//!
//! Reads go through the same layers as every command (`cli::layers`); writes go through
//! `transfix::dictionary::edit` (toml_edit, atomic, locked), into the file that defines the
//! term, or for new entries into the first `--dict` file (`dictionaries/local.toml` without
//! `--dict`).

mod export;
mod import;
mod lint;
mod list;
mod modify;
mod suggest;

use clap::{Args, Subcommand};
use transfix::Kind;

use self::export::ExportArgs;
use self::import::ImportArgs;
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

    /// Import terms from a list, a CSV file, another dictionary, Wikidata query results or a
    /// Subtitle Edit name list
    #[command(after_help = "\
Formats, by extension or content (--from to say which):
  list           .txt: one name per line, `#` starts a comment
  csv            .csv: columns name,kind,aliases,never,lang,note (forms separated by `|`),
                 an optional header row; without one, name,kind,aliases
  toml           .toml: another transfix dictionary
  wikidata-json  .json: Wikidata Query Service results (SPARQL JSON or the simple array)
  wikidata-csv   .csv with columns item,itemLabel...: the same results as CSV
  subtitle-edit  .xml: a Subtitle Edit name list (names.xml)

Wikidata results: one term an item (rows of the same item merged). The name is its label
(--lang chooses among labels), other labels and alternative labels (itemAltLabel) become
aliases, the description and the item's id the note; instance of (instanceOf, typeLabel,
P31) gives the kind: human a person, organisations, companies, parties and newspapers
orgs, cities, countries and communes places, books, films, series and albums works.
Aliases are fixed at top confidence: run `transfix dict lint` after importing alternative
labels, which may be ordinary words.

Names already defined are merged (new aliases and never forms added) or skipped when
there is nothing new; the report says which.

Examples:
  transfix dict import guests.csv
  transfix dict import query.json --lang fr
  transfix dict import names.xml
  transfix dict import export.txt --from wikidata-csv")]
    Import(ImportArgs),

    /// Write the terms out for other tools: CSV, JSON, a Subtitle Edit name list, or a
    /// recogniser's hotwords
    #[command(after_help = "\
Formats:
  csv            name,kind,aliases,never,lang,note with a header row: `dict import` reads it back
  json           an array of objects with every field and the file and line defining it
  subtitle-edit  a names.xml of the names, for Subtitle Edit's spell check and OCR
  hotwords       the names on one line, separated by \", \", for Whisper's initial_prompt or
                 faster-whisper's hotwords: the terms with most aliases (mis-hearings
                 learnt) first, within --max-chars

Examples:
  transfix dict export --format csv --out terms.csv
  transfix dict export --format subtitle-edit --kind person --out names.xml
  transfix dict export --format hotwords --lang fr --max-chars 400")]
    Export(ExportArgs),

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
    use_cache: bool,
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
        DictCommand::Import(a) => import::run(a, layers, streams),
        DictCommand::Export(a) => export::run(a, layers, streams),
        DictCommand::Lint => lint::run(layers, streams),
        DictCommand::Suggest(a) => suggest::run(a, layers, read, use_cache, streams),
    }
}
