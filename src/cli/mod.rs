//! Command line: clap definitions, dispatch to the commands, and the exit-code policy.
//!
//! The dictionaries are loaded and the inputs checked together first; then each transcript is
//! read, matched and written on its own (see `batch`). Each command has its module: `check`,
//! `diff` and `fix` are modes of one batch run, `fix --jsonl` is a `stream`, `review` and
//! `dict` are their own. `common` is what they all share; it imports none of them.

mod allocator;
mod batch;
mod check;
mod common;
mod context;
mod destination;
mod dict;
mod diff;
mod fix;
mod index_cache;
mod input;
mod layers;
mod mode;
mod progress;
mod render;
mod review;
mod sniff;
mod stream;
mod walk;
mod workers;
mod write;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use transfix::Matcher;
use transfix::transcript::ReadOptions;

use crate::cli::check::{Check, Format};
use crate::cli::common::{Failure, Outcome, Streams};
use crate::cli::diff::Diff;
use crate::cli::fix::Fix;
use crate::cli::layers::Layers;
use crate::cli::mode::Mode;

const EXAMPLES: &str = "\
Examples:
  transfix fix seeds/talk.txt              write corrected/talk.txt (fixes scoring >= 0.80)
  transfix check seeds/talk.txt            list every proposal, with the source line
  transfix check --explain --min-score 0.5 talk.srt
  transfix diff talk.vtt | git apply       apply the auto fixes as a patch
  transfix --dict names.toml fix - < in.txt > out.txt

Exit status: 0 nothing to propose (check, diff) or success (fix), 2 proposals found
(check, diff), 1 error.
Dictionaries: every *.toml of ./dictionaries/, unless --dict is given.";

/// Correct mis-transcribed names and terms in automatic transcripts, from name dictionaries.
#[derive(Debug, Parser)]
#[command(name = "transfix", version, after_help = EXAMPLES, arg_required_else_help = true)]
pub struct Cli {
    /// Dictionary file, or directory of *.toml dictionaries; repeat for several. Replaces the
    /// default ./dictionaries/*.toml
    #[arg(long = "dict", value_name = "FILE|DIR", global = true)]
    dicts: Vec<PathBuf>,

    /// Character encoding of the transcripts: utf-8, utf-16le, utf-16be, windows-1252,
    /// latin-1 [default: from the BOM, else utf-16 if every other byte is NUL, else utf-8]
    #[arg(long, value_name = "NAME", global = true, value_parser = parse_encoding)]
    encoding: Option<transfix::transcript::Encoding>,

    /// Layout of the transcripts: timed, srt, vtt, plain, whisper-json, ass (or ssa), sbv,
    /// ttml (or dfxp), whisperx-json, aws-json, deepgram-json, assemblyai-json [default:
    /// detected]
    #[arg(long, value_name = "FORMAT", global = true, value_parser = parse_format_in)]
    format_in: Option<transfix::Format>,

    /// Only the --dict files (or ./dictionaries/): leave out the personal layer in
    /// $XDG_CONFIG_HOME/transfix/dictionaries
    #[arg(long, global = true)]
    isolated: bool,

    /// Build the index of large dictionaries afresh, not from $XDG_CACHE_HOME/transfix
    #[arg(long, global = true)]
    no_cache: bool,

    /// When to use colours (NO_COLOR is honoured with `auto`)
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto, global = true)]
    color: ColorWhen,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Report every proposed fix as a diagnostic (exit 2 if there is any)
    #[command(after_help = "\
Shows everything a review would show (--min-score defaults to 0) and marks with `auto-fix`
the proposals `transfix fix` applies by default (score >= 0.80); the others say `review`.

A directory is walked for transcripts (*.srt, *.vtt, *.ass, *.ssa, *.sbv, *.txt, Whisper
*.json; .gitignore and hidden files are left out); output keeps the input order whatever -j is.

Examples:
  transfix check talk.srt
  transfix check --format brief --min-score 0.8 *.txt
  transfix check --format json talk.vtt | jq .replacement
  transfix check -j 4 talks/")]
    Check(CheckArgs),

    /// Print the fixes `fix` would apply as a unified diff (exit 2 if not empty)
    #[command(after_help = "\
The diff has `a/` and `b/` headers: apply it with `git apply` or `patch -p1`.

Examples:
  transfix diff talk.txt
  transfix diff --min-score 0.6 talk.txt > talk.patch && git apply talk.patch
  transfix diff talks/ > talks.patch")]
    Diff(DiffArgs),

    /// Write corrected copies of transcripts (never the input itself unless --in-place)
    #[command(after_help = "\
Examples:
  transfix fix talk.txt                       writes corrected/talk.txt
  transfix fix --out-dir out --min-score 0 *.srt
  transfix fix --in-place talk.vtt
  transfix fix - < talk.txt > fixed.txt       `-` reads stdin, writes stdout
  transfix fix -j 4 talks/                    talks/day1/a.srt -> corrected/day1/a.srt
  transfix fix --jsonl < in.jsonl > out.jsonl {\"id\": ..., \"text\": ...} a line, same order

--jsonl: each line's `text` is corrected (as plain text unless --format-in), every other field
is written back as it was, and `fixes` lists the fixes applied (start/end in characters of the
input text). A bad line gives {\"id\": ..., \"error\": ...} in its place and exit status 1;
blank lines are skipped.")]
    Fix(FixArgs),

    /// Accept or reject every proposed fix, one keystroke each; the dictionaries learn
    #[command(after_help = "\
Shows each proposal in its caption with the change as a word diff. Keys: y accept, n reject,
s skip, e edit then accept, u undo, Y/N accept/reject every remaining one with the same text
and term, A/R every remaining one in the file, ? help, q save and quit.

Each decision is written to a journal next to the corrected file (.NAME.review.jsonl) as it
is made: a killed review loses nothing, and the next review of the same, unchanged file
resumes at the first undecided proposal. When the review ends the corrected file is written
(corrected/NAME by default) and the dictionaries learn: accepted forms become `aliases`,
rejected ones `never` (--no-learn to keep them as they are).

Without a terminal, answers are read one a line from stdin: y, n, s, e NEW TEXT, u, Y, N,
A, R, q.

Examples:
  transfix review talk.srt
  printf 'y\\nn\\ne Ada Lovelace\\nq\\n' | transfix review talk.txt")]
    Review(ReviewArgs),

    /// Keep the dictionaries up to date: add, alias, never, remove, rename, list, show,
    /// import, export, lint, suggest
    Dict(dict::DictArgs),

    /// Print a shell completion script
    #[command(
        after_help = "Example:\n  transfix completions bash > ~/.local/share/bash-completion/completions/transfix"
    )]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Transcripts to check (`-` reads stdin), or directories to walk
    #[arg(required = true, value_name = "FILE|DIR")]
    files: Vec<PathBuf>,

    #[command(flatten)]
    batch: BatchArgs,

    /// Output format: `text` (with the source line), `brief` (one line each) or `json` (one
    /// object per line)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,

    /// Add the reasons behind each proposal (text and brief formats)
    #[arg(long)]
    explain: bool,

    /// Only show proposals scoring at least this (0 to 1)
    #[arg(long, value_name = "SCORE", default_value_t = 0.0, value_parser = parse_score)]
    min_score: f64,
}

#[derive(Debug, Args)]
struct DiffArgs {
    /// Transcripts to diff (`-` reads stdin), or directories to walk
    #[arg(required = true, value_name = "FILE|DIR")]
    files: Vec<PathBuf>,

    #[command(flatten)]
    batch: BatchArgs,

    /// Apply proposals scoring at least this (0 to 1)
    #[arg(long, value_name = "SCORE", default_value_t = transfix::matcher::AUTO_APPLY, value_parser = parse_score)]
    min_score: f64,
}

#[derive(Debug, Args)]
struct FixArgs {
    /// Transcripts to correct (`-` reads stdin and writes the corrected text to stdout), or
    /// directories to walk
    #[arg(required_unless_present = "jsonl", value_name = "FILE|DIR")]
    files: Vec<PathBuf>,

    /// Directory for the corrected copies (a directory's tree is kept below it), created if
    /// missing [default: corrected]
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,

    /// Read JSON lines {"id": ..., "text": ...} from stdin and write each with its text
    /// corrected and its "fixes", in the same order, one line each (for Spark, Hadoop)
    #[arg(long, conflicts_with_all = ["files", "out_dir", "in_place"])]
    jsonl: bool,

    /// Apply proposals scoring at least this (0 to 1; 0 applies all)
    #[arg(long, value_name = "SCORE", default_value_t = transfix::matcher::AUTO_APPLY, value_parser = parse_score)]
    min_score: f64,

    /// Overwrite the input files with their corrected text
    #[arg(long, conflicts_with = "out_dir")]
    in_place: bool,

    /// With --in-place: keep the original as FILE.bak (written before the input is replaced)
    #[arg(long, requires = "in_place")]
    backup: bool,

    #[command(flatten)]
    batch: BatchArgs,
}

/// How a batch runs.
#[derive(Debug, Args)]
struct BatchArgs {
    /// Files (and pieces of long files) worked on at once; output order stays the input
    /// order [default: one per core]
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    jobs: Option<u16>,

    /// No progress bar (it is only ever drawn on a terminal, for several or long files)
    #[arg(long)]
    no_progress: bool,
}

impl BatchArgs {
    fn jobs(&self) -> usize {
        self.jobs.map_or_else(
            || std::thread::available_parallelism().map_or(1, usize::from),
            usize::from,
        )
    }
}

#[derive(Debug, Args)]
struct ReviewArgs {
    /// Transcripts to review
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,

    /// Directory for the corrected copies, created if missing [default: corrected]
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,

    /// Write the corrected text over the input once every proposal is decided
    #[arg(long, conflicts_with = "out_dir")]
    in_place: bool,

    /// With --in-place: keep the original as FILE.bak (written before the input is replaced)
    #[arg(long, requires = "in_place")]
    backup: bool,

    /// Review only proposals scoring at least this (0 to 1)
    #[arg(long, value_name = "SCORE", default_value_t = transfix::matcher::MIN_SCORE, value_parser = parse_score)]
    min_score: f64,

    /// Leave the dictionaries as they are
    #[arg(long)]
    no_learn: bool,
}

impl ReviewArgs {
    fn review(self, read: ReadOptions) -> review::Review {
        review::Review {
            files: self.files,
            out_dir: self.out_dir,
            in_place: self.in_place,
            backup: self.backup,
            learn: !self.no_learn,
            min_score: self.min_score,
            read,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

fn parse_encoding(s: &str) -> Result<transfix::transcript::Encoding, String> {
    s.parse()
}

fn parse_format_in(s: &str) -> Result<transfix::Format, String> {
    s.parse()
}

fn parse_score(s: &str) -> Result<f64, String> {
    let v: f64 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{s} is not between 0 and 1"))
    }
}

/// Exit status: 0 clean or success, 2 proposals found, 1 error (usage errors included).
pub fn main() -> ExitCode {
    allocator::while_building();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 1 } else { 0 });
        }
    };
    anstream::ColorChoice::write_global(match cli.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    });
    let streams = Streams::detect();
    match run(cli, &streams) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Found) => ExitCode::from(2),
        Ok(Outcome::Failed) => ExitCode::from(1),
        Err(failure) => {
            streams.error(&failure);
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli, streams: &Streams) -> Result<Outcome, Failure> {
    let read = ReadOptions {
        encoding: cli.encoding,
        format: cli.format_in,
    };
    let layers = || Layers::resolve(&cli.dicts, cli.isolated);
    let (mode, batch): (Box<dyn Mode>, BatchArgs) = match cli.command {
        Command::Completions { shell } => return completions(shell, streams),
        Command::Review(args) => {
            warm_word_lists();
            let layers = layers()?;
            let dictionary = layers.load()?;
            let index = index_cache::index(&layers, || Ok(&dictionary), !cli.no_cache)?;
            return review::run(&args.review(read), &dictionary, index, streams);
        }
        Command::Dict(args) => return dict::run(args, &layers()?, read, !cli.no_cache, streams),
        Command::Fix(args) if args.jsonl => {
            return fix_stream(&args, read, layers, !cli.no_cache, streams);
        }
        Command::Check(CheckArgs {
            files,
            batch,
            format,
            explain,
            min_score,
        }) => {
            let check = Check {
                format,
                explain,
                min_score,
                files,
            };
            (Box::new(check), batch)
        }
        Command::Diff(DiffArgs {
            files,
            batch,
            min_score,
        }) => (Box::new(Diff { min_score, files }), batch),
        Command::Fix(FixArgs {
            files,
            out_dir,
            min_score,
            in_place,
            backup,
            batch,
            ..
        }) => {
            let fix = Fix {
                out_dir,
                min_score,
                in_place,
                backup,
                files,
            };
            (Box::new(fix), batch)
        }
    };
    warm_word_lists();
    let layers = layers()?;
    let loaded = index_cache::index(&layers, || layers.load(), !cli.no_cache)?;
    allocator::while_matching();
    let settings = batch::Settings {
        options: read,
        jobs: batch.jobs(),
        progress: !batch.no_progress,
    };
    let outcome = batch::run(mode.as_ref(), loaded.index(), settings, streams);
    loaded.finish();
    outcome
}

/// Before a command that matches loads its index: the common-word lists are built on another
/// thread meanwhile, not when matching first asks (a 10,000-word transcript against 100,000
/// entries: median 120-124 → 103-107 ms).
fn warm_word_lists() {
    // Without a thread, matching builds them when it first needs them.
    let _ = std::thread::Builder::new().spawn(transfix::matcher::lexicon::warm);
}

fn completions(shell: clap_complete::Shell, streams: &Streams) -> Result<Outcome, Failure> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "transfix", &mut script);
    streams.stdout(&script)?;
    Ok(Outcome::Clean)
}

/// `fix --jsonl`. A wrong `--encoding` is said before anything about the dictionaries, as a
/// usage error comes first.
fn fix_stream(
    args: &FixArgs,
    read: ReadOptions,
    layers: impl FnOnce() -> Result<Layers, Failure>,
    use_cache: bool,
    streams: &Streams,
) -> Result<Outcome, Failure> {
    if read.encoding.is_some() {
        return Err(Failure(
            "--jsonl reads UTF-8 JSON lines: --encoding does not apply".to_owned(),
        ));
    }
    warm_word_lists();
    let layers = layers()?;
    let loaded = index_cache::index(&layers, || layers.load(), use_cache)?;
    allocator::while_matching();
    let stream = stream::Stream {
        matcher: &Matcher::new(loaded.index()),
        format: read.format.unwrap_or(transfix::Format::Plain),
        min_score: args.min_score,
        jobs: args.batch.jobs(),
    };
    let outcome = stream.run(streams);
    loaded.finish();
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn scores_outside_0_1_are_refused() {
        assert_eq!(parse_score("0.5"), Ok(0.5));
        assert!(parse_score("1.5").is_err());
        assert!(parse_score("-0").is_ok());
        assert!(parse_score("x").is_err());
        assert!(parse_score("NaN").is_err());
    }
}
