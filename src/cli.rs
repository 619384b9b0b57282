//! Command line: clap definitions, orchestration of the modes, and the exit-code policy.
//!
//! The dictionaries are loaded and the inputs checked together first; then each transcript is
//! read, matched and written on its own. A file that fails says why and leaves no partial
//! output; the others still complete, and the exit status is 1. With `-j N`, N workers do the
//! reading and matching; whatever they finish first, output comes in input order.

use std::cell::RefCell;
use std::collections::{HashSet, VecDeque};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use transfix::transcript::{Base, Piece, Pieces, ReadOptions, TranscriptError, WriteError};
use transfix::{Dictionary, Index, Matcher, Proposal, Transcript};

use crate::batch::Source;
use crate::pipeline::{Budget, Ordered, Pending, Pool, in_scope};
use crate::progress::{Progress, Ticket};
use crate::render::{self, Colors};

/// Where dictionaries are read from when no `--dict` is given.
const DEFAULT_DICT_DIR: &str = "dictionaries";
/// Where `dict add`, `dict import` and `dict suggest --add` put new entries when no `--dict`
/// is given: a file of its own, so the shipped ones stay as they were.
const DEFAULT_DICT_FILE: &str = "local.toml";
/// Where `fix` writes corrected copies by default.
pub(crate) const DEFAULT_OUT_DIR: &str = "corrected";

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
    /// Dictionary file; repeat for several. Replaces the default ./dictionaries/*.toml
    #[arg(long = "dict", value_name = "FILE", global = true)]
    dicts: Vec<PathBuf>,

    /// Character encoding of the transcripts: utf-8, utf-16le, utf-16be, windows-1252,
    /// latin-1 [default: from the BOM, else utf-16 if every other byte is NUL, else utf-8]
    #[arg(long, value_name = "NAME", global = true, value_parser = parse_encoding)]
    encoding: Option<transfix::transcript::Encoding>,

    /// Layout of the transcripts: timed, srt, vtt, plain, whisper-json [default: detected]
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

A directory is walked for transcripts (*.srt, *.vtt, *.txt, Whisper *.json; .gitignore and
hidden files are left out); output keeps the input order whatever -j is.

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
    /// import, lint, suggest
    Dict(crate::dict::DictArgs),

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Brief,
    Json,
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

// ---------------------------------------------------------------------------------------------
// Exit-code policy

/// How a successful run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Nothing to propose, or the requested files were written.
    Clean,
    /// Proposals were reported (check, diff).
    Found,
    /// Some inputs failed; their errors are already printed.
    Failed,
}

/// An error, already phrased as `<file>[:line:col]: message`; printed as `error: ...`.
#[derive(Debug)]
pub(crate) struct Failure(pub(crate) String);

impl Failure {
    pub(crate) fn at(name: &str, message: impl std::fmt::Display) -> Self {
        Failure(format!("{name}: {message}"))
    }
}

/// Exit status: 0 clean or success, 2 proposals found, 1 error (usage errors included).
pub fn main() -> ExitCode {
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

/// Colour decisions for stdout and stderr, and raw writes to them.
pub(crate) struct Streams {
    pub(crate) out: Colors,
    pub(crate) err: Colors,
}

impl Streams {
    fn detect() -> Self {
        let on = |choice| choice != anstream::ColorChoice::Never;
        Streams {
            out: Colors {
                on: on(anstream::AutoStream::choice(&std::io::stdout())),
            },
            err: Colors {
                on: on(anstream::AutoStream::choice(&std::io::stderr())),
            },
        }
    }

    pub(crate) fn stdout(&self, bytes: &[u8]) -> Result<(), Failure> {
        let mut out = std::io::stdout().lock();
        match out.write_all(bytes).and_then(|()| out.flush()) {
            // A closed pipe (`| head`) is the reader's choice, not an error worth reporting.
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(Failure(format!("<stdout>: {e}")))
            }
            _ => Ok(()),
        }
    }

    pub(crate) fn stderr(&self, text: &str) {
        let _ = std::io::stderr().write_all(text.as_bytes());
    }

    pub(crate) fn error(&self, Failure(message): &Failure) {
        let label = self.err.paint(render::style::ERROR, "error:");
        self.stderr(&format!("{label} {message}\n"));
    }
}

fn run(cli: Cli, streams: &Streams) -> Result<Outcome, Failure> {
    let read_options = ReadOptions {
        encoding: cli.encoding,
        format: cli.format_in,
    };
    let (mode, batch): (Box<dyn Mode>, BatchArgs) = match cli.command {
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "transfix", &mut script);
            streams.stdout(&script)?;
            return Ok(Outcome::Clean);
        }
        Command::Check(args) => (
            Box::new(Check {
                format: args.format,
                explain: args.explain,
                min_score: args.min_score,
                files: args.files,
            }),
            args.batch,
        ),
        Command::Diff(args) => (
            Box::new(Diff {
                min_score: args.min_score,
                files: args.files,
            }),
            args.batch,
        ),
        Command::Review(args) => {
            let review = crate::interact::Review {
                files: args.files,
                out_dir: args.out_dir,
                in_place: args.in_place,
                backup: args.backup,
                learn: !args.no_learn,
                min_score: args.min_score,
                read: read_options,
            };
            let layers = Layers::resolve(&cli.dicts, cli.isolated)?;
            return crate::interact::run(&review, &layers.load()?, streams);
        }
        Command::Dict(args) => {
            let layers = Layers::resolve(&cli.dicts, cli.isolated)?;
            return crate::dict::run(args, &layers, read_options, streams);
        }
        Command::Fix(args) if args.jsonl => {
            if read_options.encoding.is_some() {
                return Err(Failure(
                    "--jsonl reads UTF-8 JSON lines: --encoding does not apply".to_owned(),
                ));
            }
            let index = Index::build(&Layers::resolve(&cli.dicts, cli.isolated)?.load()?);
            let stream = crate::jsonl::Stream {
                matcher: &Matcher::new(&index),
                format: read_options.format.unwrap_or(transfix::Format::Plain),
                min_score: args.min_score,
                jobs: args.batch.jobs(),
            };
            return stream.run(streams);
        }
        Command::Fix(args) => (
            Box::new(Fix {
                out_dir: args.out_dir,
                min_score: args.min_score,
                in_place: args.in_place,
                backup: args.backup,
                files: args.files,
            }),
            args.batch,
        ),
    };
    let layers = Layers::resolve(&cli.dicts, cli.isolated)?;
    // Never dropped: freeing a large index piece by piece takes longer than the process's
    // exit, which hands the memory back at once.
    let index = std::mem::ManuallyDrop::new(crate::cache::index(&layers, !cli.no_cache)?);
    stdin_at_most_once(mode.files())?;
    let inputs = crate::batch::collect(mode.files(), mode.avoid().as_deref());
    mode.prepare(&inputs.sources)?;
    let matcher = Matcher::new(&index);
    let sizes: Vec<u64> = inputs.sources.iter().map(|s| input_size(&s.path)).collect();
    let progress = Progress::new(!batch.no_progress, &sizes);
    let jobs = batch.jobs();
    let shared = Shared {
        matcher: &matcher,
        options: read_options,
        streams,
        progress: &progress,
        // Pieces of long files read ahead, over what each open file holds: two per worker.
        budget: &Budget::new(2 * jobs),
        jobs,
    };
    let mut run = Run::default();
    for failure in &inputs.errors {
        streams.error(failure);
        run.errors += 1;
    }
    for dir in &inputs.empty {
        streams.stderr(&format!("{}: no transcripts found\n", display_path(dir)));
    }
    let pool = crate::pipeline::pool(jobs).map_err(Failure)?;
    let stopped = in_scope(pool.as_ref(), |scope| {
        run.files(mode.as_ref(), &inputs.sources, &sizes, &shared, scope)
    });
    progress.finish();
    stopped?;
    let outcome = mode.finish(&run.totals, streams, inputs.is_batch());
    if inputs.is_batch() {
        streams.stderr(&run.table(mode.as_ref(), inputs.skipped));
    }
    Ok(if run.errors > 0 {
        Outcome::Failed
    } else {
        outcome
    })
}

/// What every input is read and matched with, whichever thread does it.
struct Shared<'s> {
    matcher: &'s Matcher<'s>,
    options: ReadOptions,
    streams: &'s Streams,
    progress: &'s Progress,
    budget: &'s Budget,
    jobs: usize,
}

/// One input's result and what was said about it on the way, printed when its turn comes.
struct Done {
    notes: String,
    result: Result<Report, Failure>,
}

/// The counts of a run so far.
#[derive(Default)]
struct Run {
    totals: Report,
    files: usize,
    errors: usize,
}

impl Run {
    /// Processes every input, at most `2 * jobs` at once, and prints their output in input
    /// order as they complete. Stops early only if stdout fails.
    fn files<'s>(
        &mut self,
        mode: &'s dyn Mode,
        sources: &'s [Source],
        sizes: &'s [u64],
        shared: &'s Shared<'s>,
        pool: Pool<'_, 's>,
    ) -> Result<(), Failure> {
        let mut ahead = Ordered::new(2 * shared.jobs);
        let mut next = sources.iter().zip(sizes);
        loop {
            while !ahead.is_full() {
                let Some((source, &size)) = next.next() else {
                    break;
                };
                ahead.push(Pending::submit(pool, move |pool| {
                    process(mode, source, size, shared, pool)
                }));
            }
            let Some(pending) = ahead.pop() else {
                return Ok(());
            };
            // Not `take`: this thread is not a worker, so that `-j N` means N threads of work.
            let done = pending.wait();
            shared
                .progress
                .suspend(|| self.print(done, shared.streams))?;
            shared.progress.file_done();
        }
    }

    fn print(&mut self, done: Done, streams: &Streams) -> Result<(), Failure> {
        self.files += 1;
        streams.stderr(&done.notes);
        match done.result {
            Ok(report) => {
                streams.stdout(&report.stdout)?;
                streams.stderr(&report.stderr);
                self.totals.add(&report);
            }
            Err(failure) => {
                streams.error(&failure);
                self.errors += 1;
            }
        }
        Ok(())
    }

    /// The closing table of a batch: one row of headers, one of counts.
    fn table(&self, mode: &dyn Mode, skipped: usize) -> String {
        let mut columns = vec![("files", self.files), ("skipped", skipped)];
        columns.extend(mode.columns(&self.totals));
        columns.push(("errors", self.errors));
        let widths: Vec<usize> = (columns.iter())
            .map(|(name, n)| name.len().max(n.to_string().len()))
            .collect();
        let row = |cell: &dyn Fn(usize) -> String| {
            let cells: Vec<String> = (0..columns.len()).map(cell).collect();
            cells.join("  ") + "\n"
        };
        row(&|i| format!("{:>w$}", columns[i].0, w = widths[i]))
            + &row(&|i| format!("{:>w$}", columns[i].1, w = widths[i]))
    }
}

/// One input, on whichever thread: its output, buffered, and its notes.
fn process<'c, 's>(
    mode: &dyn Mode,
    source: &Source,
    size: u64,
    shared: &'c Shared<'s>,
    pool: Pool<'c, 's>,
) -> Done {
    let context = Context {
        shared,
        pool,
        format: shared.options.format.or(source.format),
        notes: RefCell::new(String::new()),
        ticket: shared.progress.start(&display_path(&source.path), size),
    };
    let result = mode.file(source, &context);
    Done {
        notes: context.notes.into_inner(),
        result,
    }
}

/// The size of an input, for the progress bar (0 for stdin or if unknown).
fn input_size(path: &Path) -> u64 {
    if is_stdin(path) {
        return 0;
    }
    std::fs::metadata(path).map_or(0, |m| m.len())
}

// ---------------------------------------------------------------------------------------------
// Inputs

/// The dictionary files in effect, by layer: `--dict` files or `./dictionaries/*.toml`, then
/// (unless `--isolated`) the personal layer, `*.toml` of `$XDG_CONFIG_HOME/transfix/dictionaries`.
pub(crate) struct Layers {
    pub(crate) layers: Vec<Vec<PathBuf>>,
    /// Where new entries go: the first `--dict` file, or `dictionaries/local.toml`.
    pub(crate) target: PathBuf,
}

impl Layers {
    pub(crate) fn resolve(dicts: &[PathBuf], isolated: bool) -> Result<Self, Failure> {
        let (base, target) = if dicts.is_empty() {
            let dir = Path::new(DEFAULT_DICT_DIR);
            if !dir.is_dir() {
                return Err(Failure::at(
                    &format!("{DEFAULT_DICT_DIR}/"),
                    "no such directory; put name dictionaries (*.toml) there or pass --dict FILE",
                ));
            }
            let files = Dictionary::files_in(dir).map_err(|e| Failure(e.to_string()))?;
            (files, dir.join(DEFAULT_DICT_FILE))
        } else {
            (dicts.to_vec(), dicts[0].clone())
        };
        let mut layers = vec![base];
        if let Some(dir) = personal_dir().filter(|d| d.is_dir() && !isolated) {
            // An empty personal directory is no error: it is optional.
            layers.extend(Dictionary::files_in(&dir).ok());
        }
        Ok(Layers { layers, target })
    }

    pub(crate) fn files(&self) -> impl Iterator<Item = &PathBuf> {
        self.layers.iter().flatten()
    }

    pub(crate) fn load(&self) -> Result<Dictionary, Failure> {
        Dictionary::load_layers(&self.layers).map_err(|e| Failure(e.to_string()))
    }
}

/// The personal dictionary layer: `$XDG_CONFIG_HOME/transfix/dictionaries`, or
/// `~/.config/transfix/dictionaries`.
pub(crate) fn personal_dir() -> Option<PathBuf> {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(config.join("transfix").join("dictionaries"))
}

/// One transcript, parsed, with its proposals.
pub(crate) struct Input {
    /// As shown in messages: the path as given, or `<stdin>`.
    pub(crate) name: String,
    /// `None` for stdin.
    pub(crate) path: Option<PathBuf>,
    pub(crate) transcript: Transcript,
    pub(crate) proposals: Vec<Proposal>,
}

impl Input {
    /// The edits of every proposal scoring at least `min_score`.
    fn edits(&self, min_score: f64) -> Vec<transfix::Edit> {
        (self.proposals.iter())
            .filter(|p| p.score >= min_score)
            .map(Proposal::edit)
            .collect()
    }

    /// The diff of the fixes scoring at least `min_score`, its text in the file's encoding (see
    /// `render::diff::unified`); empty when there is none.
    fn diff(&self, min_score: f64, c: Colors) -> Result<Vec<u8>, Failure> {
        let edits = self.edits(min_score);
        let text = (self.transcript.apply(&edits)).map_err(|e| self.cannot_apply(e))?;
        // Refused as `fix` refuses it, with the position in the whole corrected text.
        let encoding = self.transcript.encoding();
        if encoding != transfix::transcript::Encoding::Utf8 {
            transfix::transcript::encoding::encode(&text, encoding)
                .map_err(|e| self.cannot_apply(e))?;
        }
        let original = self.transcript.original();
        render::diff::unified(&self.name, original, &text, c, encoding)
            .map_err(|e| self.cannot_apply(e))
    }

    pub(crate) fn cannot_apply(&self, e: TranscriptError) -> Failure {
        Failure::at(&self.name, format!("cannot apply the fixes: {e}"))
    }
}

const STDIN_NAME: &str = "<stdin>";

/// One byte more than a transcript may have: an endless input (`/dev/zero`, `yes |`) stops
/// there with "larger than 4 GiB" instead of filling memory.
const MAX_INPUT: u64 = u32::MAX as u64 + 1;

fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    // Sized up front: growing by doubling would hold two copies of a long file for a moment.
    let size = file.metadata().map_or(0, |m| m.len()).min(MAX_INPUT);
    let mut bytes = Vec::with_capacity(size as usize + 1);
    file.take(MAX_INPUT).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn read_stdin() -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(MAX_INPUT)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::at(STDIN_NAME, e))?;
    Ok(bytes)
}

fn is_stdin(file: &Path) -> bool {
    file.as_os_str() == "-"
}

/// stdin can be read once only.
fn stdin_at_most_once(files: &[PathBuf]) -> Result<(), Failure> {
    if files.iter().filter(|f| is_stdin(f)).count() > 1 {
        return Err(Failure::at(STDIN_NAME, "`-` given more than once"));
    }
    Ok(())
}

/// A part of a transcript read piece by piece (see [`transfix::transcript::Pieces`]),
/// matched; its proposals' lines are the file's, their spans the part's.
pub(crate) struct Part {
    pub(crate) transcript: Transcript,
    pub(crate) proposals: Vec<Proposal>,
    pub(crate) base: Base,
}

/// The parts of one transcript, read, parsed and matched as they are asked for: a long file
/// is never whole in memory. Pieces are read in order on the asking thread and matched by the
/// pool's workers, a few ahead of the one asked for (at most `2 * jobs`, within the budget
/// shared by all files); `-j 1` matches each piece when it is asked for.
pub(crate) struct Parts<'c, 's> {
    pub(crate) name: String,
    pieces: Pieces<Box<dyn Read>>,
    context: &'c Context<'c, 's>,
    ahead: Ordered<'s, Result<Part, Failure>>,
    /// For each piece ahead, whether it holds a unit of the budget.
    borrowed: VecDeque<bool>,
    read_all: bool,
}

impl<'c, 's> Parts<'c, 's> {
    fn open(file: &Path, context: &'c Context<'c, 's>) -> Result<Self, Failure> {
        let (name, reader): (_, Box<dyn Read>) = if is_stdin(file) {
            (STDIN_NAME.to_owned(), Box::new(std::io::stdin()))
        } else {
            let name = display_path(file);
            let opened =
                std::fs::File::open(file).map_err(|e| Failure::at(&name, io_message(&e)))?;
            (name, Box::new(opened))
        };
        let jobs = if context.pool.is_some() {
            context.shared.jobs
        } else {
            0
        };
        Ok(Parts {
            name,
            pieces: Pieces::new(reader, context.options()),
            context,
            ahead: Ordered::new(2 * jobs),
            borrowed: VecDeque::new(),
            read_all: false,
        })
    }

    /// Reads pieces and hands them to the workers while the window and the budget allow.
    fn read_ahead(&mut self) {
        let budget = self.context.shared.budget;
        while !self.read_all && !self.ahead.is_full() {
            let borrowed = !self.ahead.is_empty();
            if borrowed && !budget.try_borrow() {
                return;
            }
            let Some(piece) = self.pieces.next() else {
                self.read_all = true;
                if borrowed {
                    budget.give_back();
                }
                return;
            };
            let matcher = self.context.shared.matcher;
            let pending = match piece {
                Ok(piece) => {
                    self.note_encoding(&piece.transcript);
                    Pending::submit(self.context.pool, move |_| Ok(matched(matcher, piece)))
                }
                Err(e) => {
                    let failure = transcript_failure(&self.name, e);
                    Pending::submit(None, move |_| Err(failure))
                }
            };
            self.ahead.push(pending);
            self.borrowed.push_back(borrowed);
        }
    }

    fn note_encoding(&self, transcript: &Transcript) {
        if transcript.encoding_assumed() {
            self.context.notes.borrow_mut().push_str(&format!(
                "{}: not UTF-8; read as {} (pass --encoding to choose)\n",
                self.name,
                transcript.encoding().name()
            ));
        }
    }
}

/// A piece with its proposals, their lines made the file's.
fn matched(matcher: &Matcher, piece: Piece) -> Part {
    let Piece { transcript, base } = piece;
    let mut proposals = matcher.find(&transcript);
    for p in &mut proposals {
        p.line += base.line;
    }
    Part {
        transcript,
        proposals,
        base,
    }
}

impl Iterator for Parts<'_, '_> {
    type Item = Result<Part, Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        self.read_ahead();
        let part = self.ahead.take(self.context.pool)?;
        if self.borrowed.pop_front() == Some(true) {
            self.context.shared.budget.give_back();
        }
        if let Ok(part) = &part {
            let len = part.transcript.source().len();
            self.context.ticket.advance(len as u64);
        }
        Some(part)
    }
}

impl Drop for Parts<'_, '_> {
    /// A file that failed half way gives back what it borrowed for the pieces left ahead.
    fn drop(&mut self) {
        for borrowed in self.borrowed.drain(..) {
            if borrowed {
                self.context.shared.budget.give_back();
            }
        }
    }
}

/// Reads, parses and matches one transcript (`-` is stdin), whole.
pub(crate) fn read_input(
    file: &Path,
    matcher: &Matcher,
    options: ReadOptions,
    notes: &mut String,
) -> Result<Input, Failure> {
    let (name, path, bytes) = if is_stdin(file) {
        (STDIN_NAME.to_owned(), None, read_stdin()?)
    } else {
        let name = display_path(file);
        let bytes = read_bounded(file).map_err(|e| Failure::at(&name, io_message(&e)))?;
        (name, Some(file.to_owned()), bytes)
    };
    let transcript =
        Transcript::read_owned(bytes, options).map_err(|e| transcript_failure(&name, e))?;
    if transcript.encoding_assumed() {
        notes.push_str(&format!(
            "{name}: not UTF-8; read as {} (pass --encoding to choose)\n",
            transcript.encoding().name()
        ));
    }
    let proposals = matcher.find(&transcript);
    Ok(Input {
        name,
        path,
        transcript,
        proposals,
    })
}

/// Every input, read and matched; the first failure stops (for modes that need them all).
pub(crate) fn read_inputs(
    files: &[PathBuf],
    index: &Index,
    options: ReadOptions,
    streams: &Streams,
) -> Result<Vec<Input>, Failure> {
    stdin_at_most_once(files)?;
    let matcher = Matcher::new(index);
    let mut inputs = Vec::with_capacity(files.len());
    for file in files {
        let mut notes = String::new();
        let input = read_input(file, &matcher, options, &mut notes);
        streams.stderr(&notes);
        inputs.push(input?);
    }
    Ok(inputs)
}

pub(crate) fn transcript_failure(name: &str, e: TranscriptError) -> Failure {
    match &e {
        TranscriptError::NotUtf8 {
            line,
            column,
            offset,
        } => Failure(format!(
            "{name}:{line}:{column}: not valid UTF-8 (byte {offset}); if the file is Windows-1252 or Latin-1, pass --encoding windows-1252"
        )),
        TranscriptError::Binary { line, column, what } => Failure(format!(
            "{name}:{line}:{column}: binary data ({what}), not a transcript"
        )),
        TranscriptError::Malformed {
            encoding,
            line,
            column,
            offset,
            reason,
        } => Failure(format!(
            "{name}:{line}:{column}: not valid {} (byte {offset}): {reason}",
            encoding.name()
        )),
        TranscriptError::BomMismatch { marked, given } => Failure(format!(
            "{name}:1:1: starts with a {} byte order mark, not {}; pass --encoding {} or leave --encoding out",
            marked.name(),
            given.name(),
            marked.name()
        )),
        TranscriptError::BadStructure { line, message } => {
            Failure(format!("{name}:{line}: {message}"))
        }
        other => Failure::at(name, other),
    }
}

/// A path as the user wrote it, without a leading `./`.
pub(crate) fn display_path(path: &Path) -> String {
    let shown = path.strip_prefix(".").unwrap_or(path);
    shown.display().to_string()
}

/// An I/O error in lower case, without the `(os error N)` suffix.
pub(crate) fn io_message(e: &std::io::Error) -> String {
    transfix::io_message(e)
}

// ---------------------------------------------------------------------------------------------
// Modes: each turns one parsed input into its output, then sums up.

trait Mode: Sync {
    fn files(&self) -> &[PathBuf];

    /// A directory a walk must not enter: where the corrected copies go.
    fn avoid(&self) -> Option<PathBuf> {
        None
    }

    /// Checks that concern the inputs together, done before any is read.
    fn prepare(&self, _sources: &[Source]) -> Result<(), Failure> {
        Ok(())
    }

    /// One input's output (stdout is written in input order) and its counts.
    fn file(&self, source: &Source, context: &Context) -> Result<Report, Failure>;

    /// The closing summary, once every input is done; a batch's comes as a table.
    fn finish(&self, totals: &Report, streams: &Streams, batch: bool) -> Outcome;

    /// The mode's columns of a batch's table.
    fn columns(&self, totals: &Report) -> Vec<(&'static str, usize)> {
        vec![("proposals", totals.proposals), ("fixes", totals.fixes)]
    }
}

/// What one input is read and matched with, on the thread that does it.
pub(crate) struct Context<'c, 's> {
    shared: &'c Shared<'s>,
    /// The pool the input's pieces are matched on (`None` with `-j 1`).
    pool: Pool<'c, 's>,
    /// The layout to read it as: `--format-in`, or Whisper JSON for a `.json` a walk found.
    format: Option<transfix::Format>,
    /// What is said about the input on the way (stderr), printed before its output.
    notes: RefCell<String>,
    ticket: Ticket,
}

impl<'c, 's> Context<'c, 's> {
    fn parts(&'c self, file: &Path) -> Result<Parts<'c, 's>, Failure> {
        Parts::open(file, self)
    }

    fn options(&self) -> ReadOptions {
        ReadOptions {
            format: self.format,
            ..self.shared.options
        }
    }

    fn streams(&self) -> &Streams {
        self.shared.streams
    }
}

/// What one input gave, or (summed) every input.
#[derive(Debug, Default)]
struct Report {
    stdout: Vec<u8>,
    stderr: String,
    /// Proposals shown (check) or found (diff, fix).
    proposals: usize,
    /// Fixes applied (diff, fix) or that `fix` applies by default (check).
    fixes: usize,
    /// Inputs with at least one proposal shown (check) or fix applied (diff, fix).
    files: usize,
}

impl Report {
    fn add(&mut self, other: &Report) {
        self.proposals += other.proposals;
        self.fixes += other.fixes;
        self.files += other.files;
    }

    fn outcome(count: usize) -> Outcome {
        if count > 0 {
            Outcome::Found
        } else {
            Outcome::Clean
        }
    }
}

struct Check {
    format: Format,
    explain: bool,
    min_score: f64,
    files: Vec<PathBuf>,
}

impl Mode for Check {
    fn files(&self) -> &[PathBuf] {
        &self.files
    }

    fn file(&self, source: &Source, context: &Context) -> Result<Report, Failure> {
        let mut parts = context.parts(&source.path)?;
        let mut out = String::new();
        let mut report = Report::default();
        let name = parts.name.clone();
        for part in parts.by_ref() {
            self.render(&mut out, &name, &part?, context.streams(), &mut report);
        }
        report.files = usize::from(report.proposals > 0);
        report.stdout = out.into_bytes();
        Ok(report)
    }

    fn finish(&self, totals: &Report, streams: &Streams, batch: bool) -> Outcome {
        let auto = transfix::matcher::AUTO_APPLY;
        if totals.proposals > 0 && self.format != Format::Json && !batch {
            streams.stderr(&format!(
                "{} in {}: {} applied by `transfix fix` (score >= {auto:.2}), {} to review\n",
                plural(totals.proposals, "proposal", "proposals"),
                plural(totals.files, "file", "files"),
                totals.fixes,
                totals.proposals - totals.fixes,
            ));
        }
        Report::outcome(totals.proposals)
    }

    fn columns(&self, totals: &Report) -> Vec<(&'static str, usize)> {
        vec![
            ("proposals", totals.proposals),
            ("auto-fix", totals.fixes),
            ("review", totals.proposals - totals.fixes),
        ]
    }
}

impl Check {
    fn render(
        &self,
        out: &mut String,
        name: &str,
        part: &Part,
        streams: &Streams,
        report: &mut Report,
    ) {
        let auto = transfix::matcher::AUTO_APPLY;
        let opts = render::text::Options {
            snippet: self.format == Format::Text,
            explain: self.explain,
            auto_apply: auto,
            colors: streams.out,
        };
        for p in part.proposals.iter().filter(|p| p.score >= self.min_score) {
            match self.format {
                Format::Json => {
                    // Spans in JSON are the file's, for tools that edit it.
                    let start = part.base.byte;
                    let shifted = Proposal {
                        span: p.span.start + start..p.span.end + start,
                        ..p.clone()
                    };
                    out.push_str(&render::json::proposal(name, &shifted, auto));
                    out.push('\n');
                }
                Format::Text | Format::Brief => {
                    let source = part.transcript.source();
                    render::text::proposal(out, name, source, p, opts);
                    if opts.snippet {
                        out.push('\n');
                    }
                }
            }
            report.proposals += 1;
            report.fixes += usize::from(p.score >= auto);
        }
    }
}

struct Diff {
    min_score: f64,
    files: Vec<PathBuf>,
}

impl Mode for Diff {
    fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// The diff is made from the whole file, read at once.
    fn file(&self, source: &Source, context: &Context) -> Result<Report, Failure> {
        let matcher = context.shared.matcher;
        let mut notes = context.notes.borrow_mut();
        let input = read_input(&source.path, matcher, context.options(), &mut notes)?;
        let diff = input.diff(self.min_score, context.streams().out)?;
        let encoding = input.transcript.encoding();
        if !diff.is_empty() && encoding.is_utf16() {
            notes.push_str(&format!(
                "{}: the diff is shown in UTF-8 and does not apply to this {} file; `transfix fix` corrects it in {}
",
                input.name,
                encoding.name(),
                encoding.name()
            ));
        }
        context
            .ticket
            .advance(input.transcript.original().len() as u64);
        let applied = if diff.is_empty() {
            0
        } else {
            input.edits(self.min_score).len()
        };
        Ok(Report {
            stdout: diff,
            proposals: input.proposals.len(),
            fixes: applied,
            files: usize::from(applied > 0),
            ..Report::default()
        })
    }

    fn finish(&self, totals: &Report, _: &Streams, _: bool) -> Outcome {
        Report::outcome(totals.fixes)
    }
}

struct Fix {
    out_dir: Option<PathBuf>,
    min_score: f64,
    in_place: bool,
    backup: bool,
    files: Vec<PathBuf>,
}

impl Fix {
    fn out_dir(&self) -> PathBuf {
        self.out_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_OUT_DIR))
    }

    /// Where the corrected copy of `source` goes; `None` for stdin (to stdout).
    fn destination(&self, source: &Source) -> Result<Option<PathBuf>, Failure> {
        let file = &source.path;
        if is_stdin(file) {
            return Ok(None);
        }
        let name = display_path(file);
        let relative = source.relative.as_deref();
        let out_dir = self.out_dir.as_deref();
        corrected_path_below(&name, file, relative, out_dir, self.in_place).map(Some)
    }

    /// Writes the corrected parts to `dest` as they come, atomically; returns how many fixes
    /// were applied and how many proposals were left below the threshold.
    fn write(&self, parts: &mut Parts, dest: &Path) -> Result<(usize, usize), Failure> {
        if self.backup {
            keep_backup(dest)?;
        }
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            // A subdirectory of the output, for a file found below a walked directory.
            std::fs::create_dir_all(dir)
                .map_err(|e| Failure::at(&display_path(dir), io_message(&e)))?;
        }
        let mut counts = (0, 0);
        let name = parts.name.clone();
        let written = write_atomic_with(dest, |out| {
            for part in parts.by_ref() {
                counts = add(counts, self.write_part(&part?, &name, out)?);
            }
            Ok::<_, WriteFailure>(())
        });
        written.map_err(|e| match e {
            WriteFailure::Failed(failure) => failure,
            WriteFailure::Io(e) => Failure::at(&display_path(dest), io_message(&e)),
        })?;
        Ok(counts)
    }

    /// Writes one corrected part; returns (fixes applied, proposals left below the threshold).
    fn write_part(
        &self,
        part: &Part,
        name: &str,
        out: &mut dyn Write,
    ) -> Result<(usize, usize), WriteFailure> {
        let edits: Vec<_> = (part.proposals.iter())
            .filter(|p| p.score >= self.min_score)
            .map(Proposal::edit)
            .collect();
        part.transcript.write_to(&edits, out).map_err(|e| match e {
            WriteError::Io(e) => WriteFailure::Io(e),
            WriteError::Transcript(e) => {
                WriteFailure::Failed(Failure::at(name, format!("cannot apply the fixes: {e}")))
            }
        })?;
        Ok((edits.len(), part.proposals.len() - edits.len()))
    }
}

fn add(a: (usize, usize), b: (usize, usize)) -> (usize, usize) {
    (a.0 + b.0, a.1 + b.1)
}

/// Why writing a corrected file stopped: the input failed, or the output could not be written.
enum WriteFailure {
    Failed(Failure),
    Io(std::io::Error),
}

impl From<std::io::Error> for WriteFailure {
    fn from(e: std::io::Error) -> Self {
        WriteFailure::Io(e)
    }
}

impl From<Failure> for WriteFailure {
    fn from(failure: Failure) -> Self {
        WriteFailure::Failed(failure)
    }
}

/// Where the corrected copy of the file at `path` goes: under its own name in `out_dir`
/// (default `corrected/`), or over itself when `in_place`. Never over the input otherwise.
pub(crate) fn corrected_path(
    name: &str,
    path: &Path,
    out_dir: Option<&Path>,
    in_place: bool,
) -> Result<PathBuf, Failure> {
    corrected_path_below(name, path, None, out_dir, in_place)
}

/// [`corrected_path`] of a file found by a walk: `relative`, its path below the walked
/// directory, is kept below `out_dir` (`talks/day1/a.srt` from `talks` goes to
/// `corrected/day1/a.srt`).
pub(crate) fn corrected_path_below(
    name: &str,
    path: &Path,
    relative: Option<&Path>,
    out_dir: Option<&Path>,
    in_place: bool,
) -> Result<PathBuf, Failure> {
    if in_place {
        return Ok(path.to_owned());
    }
    let Some(file_name) = path.file_name() else {
        return Err(Failure::at(name, "not a file name"));
    };
    let below = relative.unwrap_or(Path::new(file_name));
    let dest = out_dir.unwrap_or(Path::new(DEFAULT_OUT_DIR)).join(below);
    if same_file(&dest, path) {
        return Err(Failure::at(
            name,
            format!(
                "the corrected copy would overwrite the input ({}); pass --in-place to correct it in place, or another --out-dir",
                display_path(&dest)
            ),
        ));
    }
    Ok(dest)
}

impl Mode for Fix {
    fn files(&self) -> &[PathBuf] {
        &self.files
    }

    fn avoid(&self) -> Option<PathBuf> {
        (!self.in_place).then(|| self.out_dir())
    }

    /// Two inputs written to one file, or a copy over its own input, are refused before
    /// anything is written.
    fn prepare(&self, sources: &[Source]) -> Result<(), Failure> {
        let mut seen = HashSet::new();
        for source in sources {
            let Some(dest) = self.destination(source)? else {
                continue;
            };
            let key = std::fs::canonicalize(&dest).unwrap_or_else(|_| dest.clone());
            if !seen.insert(key) {
                return Err(Failure::at(
                    &display_path(&source.path),
                    format!("another input is also written to {}", display_path(&dest)),
                ));
            }
        }
        if !self.in_place && !seen.is_empty() {
            let dir = self.out_dir();
            std::fs::create_dir_all(&dir)
                .map_err(|e| Failure::at(&display_path(&dir), io_message(&e)))?;
        }
        Ok(())
    }

    fn file(&self, source: &Source, context: &Context) -> Result<Report, Failure> {
        let mut parts = context.parts(&source.path)?;
        let mut report = Report::default();
        let (target, (applied, below)) = match self.destination(source)? {
            None => {
                let mut out = Vec::new();
                let mut counts = (0, 0);
                let name = parts.name.clone();
                for part in parts.by_ref() {
                    let written = self.write_part(&part?, &name, &mut out);
                    counts = add(
                        counts,
                        written.map_err(|e| match e {
                            WriteFailure::Failed(failure) => failure,
                            WriteFailure::Io(e) => Failure(format!("<stdout>: {e}")),
                        })?,
                    );
                }
                report.stdout = out;
                ("<stdout>".to_owned(), counts)
            }
            Some(dest) => (display_path(&dest), self.write(&mut parts, &dest)?),
        };
        report.proposals = applied + below;
        report.fixes = applied;
        report.files = usize::from(applied > 0);
        let c = context.streams().err;
        report.stderr = format!(
            "{} → {}: {} applied",
            c.paint(render::style::PATH, &parts.name),
            c.paint(render::style::PATH, &target),
            plural(applied, "fix", "fixes"),
        );
        if below > 0 {
            report.stderr.push_str(&format!(
                " ({below} more below {:.2}, see `transfix check`)",
                self.min_score
            ));
        }
        report.stderr.push('\n');
        Ok(report)
    }

    fn finish(&self, _: &Report, _: &Streams, _: bool) -> Outcome {
        Outcome::Clean
    }
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Whether two paths name the same existing file.
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Copies `path` to `path.bak` (atomically, like every write) before it is replaced.
pub(crate) fn keep_backup(path: &Path) -> Result<(), Failure> {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    let backup = PathBuf::from(name);
    let shown = display_path(&backup);
    let original =
        std::fs::read(path).map_err(|e| Failure::at(&display_path(path), io_message(&e)))?;
    write_atomic(&backup, &original).map_err(|e| Failure::at(&shown, io_message(&e)))
}

/// Writes `bytes` to `dest` through a temporary file in the same directory and a rename, so
/// `dest` is either the old file or the complete new one. Keeps an existing file's permissions.
pub(crate) fn write_atomic(dest: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(dest, |out| out.write_all(bytes))
}

/// [`write_atomic`] of what `fill` writes: the content is never whole in memory. If `fill`
/// fails, the temporary file is removed and `dest` stays as it was.
pub(crate) fn write_atomic_with<E: From<std::io::Error>>(
    dest: &Path,
    fill: impl FnOnce(&mut dyn Write) -> Result<(), E>,
) -> Result<(), E> {
    let dir = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = dest
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy());
    let tmp = dir.join(format!(".{name}.transfix-{}.tmp", std::process::id()));
    let result = (|| -> Result<(), E> {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        fill(&mut out)?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        if let Ok(meta) = std::fs::metadata(dest) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        Ok(std::fs::rename(&tmp, dest)?)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
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

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_file() {
        let dir = std::env::temp_dir().join(format!("transfix-write-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let dest = dir.join("a.txt");
        std::fs::write(&dest, "old").unwrap();
        write_atomic(&dest, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "new");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
