//! Reading transcripts: whole, or piece by piece as the workers match them, and the
//! wording of what can go wrong on the way.

use std::collections::VecDeque;
use std::io::Read;
use std::path::{Path, PathBuf};

use transfix::transcript::{Base, Piece, Pieces, ReadOptions, TranscriptError};
use transfix::{Matcher, Proposal, Transcript};

use crate::cli::common::{Failure, display_path, io_message};
use crate::cli::context::Context;
use crate::cli::render::{self, Colors};
use crate::cli::workers::{Ordered, Pending};

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
    pub(crate) fn edits(&self, min_score: f64) -> Vec<transfix::Edit> {
        (self.proposals.iter())
            .filter(|p| p.score >= min_score)
            .map(Proposal::edit)
            .collect()
    }

    /// The diff of the fixes scoring at least `min_score`, its text in the file's encoding (see
    /// `render::diff::unified`); empty when there is none.
    pub(crate) fn diff(&self, min_score: f64, c: Colors) -> Result<Vec<u8>, Failure> {
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

pub(crate) fn is_stdin(file: &Path) -> bool {
    file.as_os_str() == "-"
}

/// stdin can be read once only.
pub(crate) fn stdin_at_most_once(files: &[PathBuf]) -> Result<(), Failure> {
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
    pub(crate) fn open(file: &Path, context: &'c Context<'c, 's>) -> Result<Self, Failure> {
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
    pub(crate) fn read_ahead(&mut self) {
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

    pub(crate) fn note_encoding(&self, transcript: &Transcript) {
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
        TranscriptError::BadXml {
            line,
            column,
            message,
        } => Failure(format!("{name}:{line}:{column}: {message}")),
        other => Failure::at(name, other),
    }
}
