//! Command line: clap definitions, orchestration of the modes, and the exit-code policy.
//!
//! Every mode first reads and parses all inputs and dictionaries, computes everything in memory,
//! and only then writes: an error means no partial output.

use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use transfix::transcript::{ReadOptions, TranscriptError};
use transfix::{Dictionary, Index, Matcher, Proposal, Transcript};

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

Examples:
  transfix check talk.srt
  transfix check --format brief --min-score 0.8 *.txt
  transfix check --format json talk.vtt | jq .replacement")]
    Check(CheckArgs),

    /// Print the fixes `fix` would apply as a unified diff (exit 2 if not empty)
    #[command(after_help = "\
The diff has `a/` and `b/` headers: apply it with `git apply` or `patch -p1`.

Examples:
  transfix diff talk.txt
  transfix diff --min-score 0.6 talk.txt > talk.patch && git apply talk.patch")]
    Diff(DiffArgs),

    /// Write corrected copies of transcripts (never the input itself unless --in-place)
    #[command(after_help = "\
Examples:
  transfix fix talk.txt                       writes corrected/talk.txt
  transfix fix --out-dir out --min-score 0 *.srt
  transfix fix --in-place talk.vtt
  transfix fix - < talk.txt > fixed.txt       `-` reads stdin, writes stdout")]
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
    /// Transcripts to check (`-` reads stdin)
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,

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
    /// Transcripts to diff (`-` reads stdin)
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,

    /// Apply proposals scoring at least this (0 to 1)
    #[arg(long, value_name = "SCORE", default_value_t = transfix::matcher::AUTO_APPLY, value_parser = parse_score)]
    min_score: f64,
}

#[derive(Debug, Args)]
struct FixArgs {
    /// Transcripts to correct (`-` reads stdin and writes the corrected text to stdout)
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,

    /// Directory for the corrected copies, created if missing [default: corrected]
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,

    /// Apply proposals scoring at least this (0 to 1; 0 applies all)
    #[arg(long, value_name = "SCORE", default_value_t = transfix::matcher::AUTO_APPLY, value_parser = parse_score)]
    min_score: f64,

    /// Overwrite the input files with their corrected text
    #[arg(long, conflicts_with = "out_dir")]
    in_place: bool,

    /// With --in-place: keep the original as FILE.bak (written before the input is replaced)
    #[arg(long, requires = "in_place")]
    backup: bool,
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
        Err(Failure(message)) => {
            let label = streams.err.paint(render::style::ERROR, "error:");
            let _ = writeln!(std::io::stderr(), "{label} {message}");
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
}

fn run(cli: Cli, streams: &Streams) -> Result<Outcome, Failure> {
    let read_options = ReadOptions {
        encoding: cli.encoding,
        format: cli.format_in,
    };
    let mode: Box<dyn Mode> = match cli.command {
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "transfix", &mut script);
            streams.stdout(&script)?;
            return Ok(Outcome::Clean);
        }
        Command::Check(args) => Box::new(Check {
            format: args.format,
            explain: args.explain,
            min_score: args.min_score,
            files: args.files,
        }),
        Command::Diff(args) => Box::new(Diff {
            min_score: args.min_score,
            files: args.files,
        }),
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
        Command::Fix(args) => Box::new(Fix {
            out_dir: args.out_dir,
            min_score: args.min_score,
            in_place: args.in_place,
            backup: args.backup,
            files: args.files,
        }),
    };
    let index = Index::build(&Layers::resolve(&cli.dicts, cli.isolated)?.load()?);
    let inputs = read_inputs(mode.files(), &index, read_options, streams)?;
    mode.run(&inputs, streams)
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

    /// The corrected file's bytes, in the input's encoding, and how many fixes it has.
    fn corrected_bytes(&self, min_score: f64) -> Result<(Vec<u8>, usize), Failure> {
        let edits = self.edits(min_score);
        let bytes = (self.transcript.write(&edits)).map_err(|e| self.cannot_apply(e))?;
        Ok((bytes, edits.len()))
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
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_INPUT)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

pub(crate) fn read_inputs(
    files: &[PathBuf],
    index: &Index,
    options: ReadOptions,
    streams: &Streams,
) -> Result<Vec<Input>, Failure> {
    let matcher = Matcher::new(index);
    let mut stdin_used = false;
    let mut inputs = Vec::with_capacity(files.len());
    for file in files {
        let is_stdin = file.as_os_str() == "-";
        let (name, path, bytes) = if is_stdin {
            if std::mem::replace(&mut stdin_used, true) {
                return Err(Failure::at(STDIN_NAME, "`-` given more than once"));
            }
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(MAX_INPUT)
                .read_to_end(&mut bytes)
                .map_err(|e| Failure::at(STDIN_NAME, e))?;
            (STDIN_NAME.to_owned(), None, bytes)
        } else {
            let name = display_path(file);
            let bytes = read_bounded(file).map_err(|e| Failure::at(&name, io_message(&e)))?;
            (name, Some(file.clone()), bytes)
        };
        let transcript =
            Transcript::read(&bytes, options).map_err(|e| transcript_failure(&name, e))?;
        drop(bytes); // the transcript keeps its own copy
        if transcript.encoding_assumed() {
            streams.stderr(&format!(
                "{name}: not UTF-8; read as {} (pass --encoding to choose)\n",
                transcript.encoding().name()
            ));
        }
        let proposals = matcher.find(&transcript);
        inputs.push(Input {
            name,
            path,
            transcript,
            proposals,
        });
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
// Modes: each turns the parsed inputs into output, computing everything before writing.

trait Mode {
    fn files(&self) -> &[PathBuf];
    fn run(&self, inputs: &[Input], streams: &Streams) -> Result<Outcome, Failure>;
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

    fn run(&self, inputs: &[Input], streams: &Streams) -> Result<Outcome, Failure> {
        let auto = transfix::matcher::AUTO_APPLY;
        let opts = render::text::Options {
            snippet: self.format == Format::Text,
            explain: self.explain,
            auto_apply: auto,
            colors: streams.out,
        };
        let mut out = String::new();
        let (mut shown, mut auto_fixes, mut files) = (0, 0, 0);
        for input in inputs {
            let mut any = false;
            for p in input.proposals.iter().filter(|p| p.score >= self.min_score) {
                match self.format {
                    Format::Json => {
                        out.push_str(&render::json::proposal(&input.name, p, auto));
                        out.push('\n');
                    }
                    Format::Text | Format::Brief => {
                        render::text::proposal(
                            &mut out,
                            &input.name,
                            input.transcript.source(),
                            p,
                            opts,
                        );
                        if opts.snippet {
                            out.push('\n');
                        }
                    }
                }
                shown += 1;
                auto_fixes += usize::from(p.score >= auto);
                any = true;
            }
            files += usize::from(any);
        }
        streams.stdout(out.as_bytes())?;
        if shown == 0 {
            return Ok(Outcome::Clean);
        }
        if self.format != Format::Json {
            streams.stderr(&format!(
                "{} in {}: {auto_fixes} applied by `transfix fix` (score >= {auto:.2}), {} to review\n",
                plural(shown, "proposal", "proposals"),
                plural(files, "file", "files"),
                shown - auto_fixes,
            ));
        }
        Ok(Outcome::Found)
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

    fn run(&self, inputs: &[Input], streams: &Streams) -> Result<Outcome, Failure> {
        let mut out = Vec::new();
        let mut notes = String::new();
        let mut found = false;
        for input in inputs {
            let diff = input.diff(self.min_score, streams.out)?;
            found |= !diff.is_empty();
            let encoding = input.transcript.encoding();
            if !diff.is_empty() && encoding.is_utf16() {
                notes.push_str(&format!(
                    "{}: the diff is shown in UTF-8 and does not apply to this {} file; `transfix fix` corrects it in {}\n",
                    input.name,
                    encoding.name(),
                    encoding.name()
                ));
            }
            out.extend(diff);
        }
        streams.stdout(&out)?;
        streams.stderr(&notes);
        Ok(if found {
            Outcome::Found
        } else {
            Outcome::Clean
        })
    }
}

struct Fix {
    out_dir: Option<PathBuf>,
    min_score: f64,
    in_place: bool,
    backup: bool,
    files: Vec<PathBuf>,
}

/// Where one corrected transcript goes.
enum Destination {
    Stdout,
    File(PathBuf),
}

impl Fix {
    fn out_dir(&self) -> PathBuf {
        self.out_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_OUT_DIR))
    }

    fn destination(&self, input: &Input) -> Result<Destination, Failure> {
        let Some(path) = &input.path else {
            return Ok(Destination::Stdout);
        };
        let dest = corrected_path(&input.name, path, self.out_dir.as_deref(), self.in_place)?;
        Ok(Destination::File(dest))
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
    if in_place {
        return Ok(path.to_owned());
    }
    let Some(file_name) = path.file_name() else {
        return Err(Failure::at(name, "not a file name"));
    };
    let dest = out_dir
        .unwrap_or(Path::new(DEFAULT_OUT_DIR))
        .join(file_name);
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

    fn run(&self, inputs: &[Input], streams: &Streams) -> Result<Outcome, Failure> {
        // Plan every write first: nothing is written if any input fails.
        let mut plans = Vec::with_capacity(inputs.len());
        let mut seen = HashSet::new();
        for input in inputs {
            let dest = self.destination(input)?;
            if let Destination::File(path) = &dest {
                let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
                if !seen.insert(key) {
                    return Err(Failure::at(
                        &input.name,
                        format!("another input is also written to {}", display_path(path)),
                    ));
                }
            }
            let (bytes, applied) = input.corrected_bytes(self.min_score)?;
            let below = input.proposals.len() - applied;
            plans.push((input, dest, bytes, applied, below));
        }
        if !self.in_place && plans.iter().any(|p| matches!(p.1, Destination::File(_))) {
            let dir = self.out_dir();
            std::fs::create_dir_all(&dir)
                .map_err(|e| Failure::at(&display_path(&dir), io_message(&e)))?;
        }
        let mut summary = String::new();
        for (input, dest, bytes, applied, below) in plans {
            let target = match &dest {
                Destination::Stdout => {
                    streams.stdout(&bytes)?;
                    "<stdout>".to_owned()
                }
                Destination::File(path) => {
                    let shown = display_path(path);
                    if self.backup {
                        keep_backup(path)?;
                    }
                    write_atomic(path, &bytes).map_err(|e| Failure::at(&shown, io_message(&e)))?;
                    shown
                }
            };
            let c = streams.err;
            summary.push_str(&format!(
                "{} → {}: {} applied",
                c.paint(render::style::PATH, &input.name),
                c.paint(render::style::PATH, &target),
                plural(applied, "fix", "fixes"),
            ));
            if below > 0 {
                summary.push_str(&format!(
                    " ({below} more below {:.2}, see `transfix check`)",
                    self.min_score
                ));
            }
            summary.push('\n');
        }
        streams.stderr(&summary);
        Ok(Outcome::Clean)
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
    let dir = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = dest
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy());
    let tmp = dir.join(format!(".{name}.transfix-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Ok(meta) = std::fs::metadata(dest) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, dest)
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
