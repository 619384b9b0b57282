//! `transfix review`: walks a person through every proposal, journals each decision as it is
//! made, writes the corrected transcripts and teaches the dictionaries what was decided.
//!
//! Two front ends read the answers: single keystrokes on a terminal (`keys`), or one answer a
//! line when stdin is not a terminal (`lines`), so scripts and tests can drive a review.

mod front;
mod keys;
mod lines;

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use transfix::dictionary::edit::{Change, Field};
use transfix::review::journal::{Journal, Start};
use transfix::review::{Lesson, List, Session, Verdict};
use transfix::transcript::ReadOptions;
use transfix::{Dictionary, Index, Matcher};

use self::front::{Action, FrontEnd};
use crate::cli::common::{Failure, Outcome, Streams, display_path, io_message};
use crate::cli::destination::{DEFAULT_OUT_DIR, corrected_path_below};
use crate::cli::index_cache::Loaded;
use crate::cli::input::{Input, read_input};
use crate::cli::render::{self, Colors};
use crate::cli::walk::{self, Source};
use crate::cli::write::{keep_backup, write_atomic};

/// Options of `transfix review`.
pub struct Review {
    pub files: Vec<PathBuf>,
    pub out_dir: Option<PathBuf>,
    pub in_place: bool,
    pub backup: bool,
    pub learn: bool,
    pub min_score: f64,
    pub read: transfix::transcript::ReadOptions,
}

/// Loads, reviews every file in turn, writes, learns.
pub fn run(
    review: &Review,
    dictionary: &Dictionary,
    index: Loaded,
    streams: &Streams,
) -> Result<Outcome, Failure> {
    if review.files.iter().any(|f| f.as_os_str() == "-") {
        return Err(Failure::at(
            "<stdin>",
            "review needs a file: stdin carries the answers when it is not a terminal",
        ));
    }
    let sources = sources(review, streams)?;
    // What the reviewer teaches in one file applies to the next: the terms are learnt in
    // memory as each file ends (and written to the dictionaries at the end).
    let mut dictionary = dictionary.clone();
    let mut index = index.into_index();
    let names = term_names(&dictionary);
    // Every file is read first: one that cannot be read stops the review before it starts.
    let mut inputs = read_sources(&sources, &index, review.read, streams)?;
    let terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let mut front: Box<dyn FrontEnd> = if terminal {
        Box::new(keys::Terminal::start(streams.out).map_err(|e| Failure::at("<terminal>", e))?)
    } else {
        Box::new(lines::Lines::new(streams.out))
    };
    let mut report = Vec::new();
    let mut lessons = Vec::new();
    let mut outcome = Ok(());
    let mut taught = false;
    let files = inputs.len();
    for (k, (input, source)) in inputs.iter_mut().zip(&sources).enumerate() {
        if taught {
            input.proposals = Matcher::new(&index).find(&input.transcript);
        }
        let place = Place {
            relative: source.relative.as_deref(),
            file: (k, files),
        };
        match review_file(review, input, &place, front.as_mut(), streams.out) {
            Ok(done) => {
                let learnt = done.session.lessons(|name| names.get(name).cloned());
                let new = (learnt.iter()).fold(false, |new, l| l.teach(&mut dictionary) | new);
                if new {
                    // A few entries changed: updated, not built again (see `Index::update`).
                    index =
                        (index.update(&dictionary)).unwrap_or_else(|| Index::build(&dictionary));
                    taught = true;
                }
                lessons.extend(learnt);
                report.push(done.summary);
                if done.quit {
                    break;
                }
            }
            Err(e) => {
                outcome = Err(e);
                break;
            }
        }
    }
    front.finish();
    for line in &report {
        streams.stderr(&format!("{line}\n"));
    }
    outcome?;
    if review.learn {
        streams.stderr(&learn(&lessons)?);
    }
    Ok(Outcome::Clean)
}

/// The transcripts to review: the files named, and those found below the directories named
/// (as `fix` walks them, never into the output directory).
fn sources(review: &Review, streams: &Streams) -> Result<Vec<Source>, Failure> {
    let out_dir = (review.out_dir.clone()).unwrap_or_else(|| PathBuf::from(DEFAULT_OUT_DIR));
    let avoid = (!review.in_place).then_some(out_dir);
    let mut batch = walk::collect(&review.files, avoid.as_deref());
    if let Some(error) = batch.errors.drain(..).next() {
        return Err(error);
    }
    for dir in &batch.empty {
        streams.stderr(&format!("{}: no transcript found\n", display_path(dir)));
    }
    Ok(batch.sources)
}

/// Reads every source with the index as it stands.
fn read_sources(
    sources: &[Source],
    index: &Index,
    read: ReadOptions,
    streams: &Streams,
) -> Result<Vec<Input>, Failure> {
    let matcher = Matcher::new(index);
    let mut inputs = Vec::with_capacity(sources.len());
    for source in sources {
        let mut notes = String::new();
        let options = ReadOptions {
            format: read.format.or(source.format),
            ..read
        };
        let input = read_input(&source.path, &matcher, options, &mut notes);
        streams.stderr(&notes);
        inputs.push(input?);
    }
    Ok(inputs)
}

/// Where a file stands in the review: its path below a walked directory, and k of m files.
struct Place<'a> {
    relative: Option<&'a Path>,
    file: (usize, usize),
}

/// Canonical names (trimmed) → (name, dictionary file), for edits that write another term.
fn term_names(dictionary: &Dictionary) -> HashMap<String, (String, PathBuf)> {
    let mut names = HashMap::new();
    for e in &dictionary.entries {
        if let Some(origin) = &e.origin {
            let name = e.name.trim().to_owned();
            names
                .entry(name.clone())
                .or_insert_with(|| (name, origin.path.to_path_buf()));
        }
    }
    names
}

/// How one file's review ended.
struct Done {
    session: Session,
    summary: String,
    quit: bool,
}

fn review_file(
    review: &Review,
    input: &Input,
    place: &Place,
    front: &mut dyn FrontEnd,
    colors: Colors,
) -> Result<Done, Failure> {
    let proposals = (input.proposals.iter())
        .filter(|p| p.score >= review.min_score)
        .cloned()
        .collect();
    let mut session = Session::new(proposals);
    let dest = destination(review, input, place.relative)?;
    let journal_path = journal_path(&dest);
    let source = input.transcript.source();
    let (mut journal, start) = Journal::open(&journal_path, &input.name, source.as_bytes())
        .map_err(|e| Failure(e.to_string()))?;
    let mut status = match start {
        Start::Resumed(records) => {
            session.replay(&records);
            Some("resumed: earlier decisions restored".to_owned())
        }
        Start::Stale(old) => Some(format!(
            "the transcript changed since the last review; its journal was moved to {}",
            display_path(&old)
        )),
        Start::New => None,
    };
    let quit = walk(
        &mut session,
        &mut journal,
        front,
        (input, place.file),
        colors,
        &mut status,
    )?;
    let t = session.tally();
    // In place, the input changes only once every proposal is decided: until then the journal
    // keeps pointing at the words it was written for.
    let write = !review.in_place || t.open == 0;
    let written = if write {
        let bytes =
            (input.transcript.write(&session.edits())).map_err(|e| input.cannot_apply(e))?;
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| Failure::at(&display_path(dir), io_message(&e)))?;
        }
        if review.backup {
            keep_backup(&dest)?;
        }
        write_atomic(&dest, &bytes)
            .map_err(|e| Failure::at(&display_path(&dest), io_message(&e)))?;
        Some(display_path(&dest))
    } else {
        None
    };
    let mut summary = render::review::summary(&input.name, &t, written.as_deref());
    if !write {
        summary.push_str(" (input unchanged until every proposal is decided)");
    }
    Ok(Done {
        session,
        summary,
        quit,
    })
}

/// The review loop for one file; true if the reviewer quit.
fn walk(
    session: &mut Session,
    journal: &mut Journal,
    front: &mut dyn FrontEnd,
    (input, file): (&Input, (usize, usize)),
    colors: Colors,
    status: &mut Option<String>,
) -> Result<bool, Failure> {
    let io = |e: std::io::Error| Failure::at("<terminal>", e);
    let journal_failure = |e: transfix::review::journal::JournalError| Failure(e.to_string());
    let mut current = session.next_open(0);
    while let Some(i) = current {
        let p = session.proposal(i);
        let alike = (i..session.len())
            .filter(|&j| {
                let q = session.proposal(j);
                session.is_open(j) && q.original == p.original && q.term == p.term
            })
            .count();
        let frame = render::review::Frame {
            file: &input.name,
            source: input.transcript.source(),
            position: i,
            total: session.len(),
            nth_file: file,
            alike,
            status: status.as_deref(),
        };
        front
            .show(&render::review::screen(p, &frame, colors))
            .map_err(io)?;
        *status = None;
        let record = match front.ask().map_err(io)? {
            Action::Quit => return Ok(true),
            Action::Help => {
                front.show(render::review::HELP).map_err(io)?;
                front.pause().map_err(io)?;
                continue;
            }
            Action::Undo => match session.undo() {
                Some((back, record)) => {
                    journal.append(&record).map_err(journal_failure)?;
                    *status = Some("undone".into());
                    current = Some(back);
                    continue;
                }
                None => {
                    *status = Some("nothing to undo".into());
                    continue;
                }
            },
            Action::Edit(text) => {
                let text = match text {
                    Some(text) => Some(text),
                    None => front.edit(&p.replacement).map_err(io)?,
                };
                match text.filter(|t| !t.trim().is_empty()) {
                    Some(text) => session.decide(i, Verdict::Edit(text)),
                    None => {
                        *status = Some("edit cancelled".into());
                        continue;
                    }
                }
            }
            Action::Accept => session.decide(i, Verdict::Accept),
            Action::Reject => session.decide(i, Verdict::Reject),
            Action::Skip => session.decide(i, Verdict::Skip),
            Action::AcceptAlike => session.decide_alike(i, Verdict::Accept),
            Action::RejectAlike => session.decide_alike(i, Verdict::Reject),
            Action::AcceptRest => session.decide_rest(i, Verdict::Accept),
            Action::RejectRest => session.decide_rest(i, Verdict::Reject),
        };
        journal.append(&record).map_err(journal_failure)?;
        current = session.next_open(i + 1);
    }
    Ok(false)
}

/// The corrected file of `input`: in the output directory (below it as below the walked
/// directory), or the input itself.
fn destination(
    review: &Review,
    input: &Input,
    relative: Option<&Path>,
) -> Result<PathBuf, Failure> {
    let Some(path) = &input.path else {
        return Err(Failure::at(&input.name, "review needs a file"));
    };
    corrected_path_below(
        &input.name,
        path,
        relative,
        review.out_dir.as_deref(),
        review.in_place,
    )
}

/// The journal sits next to the corrected file: `.NAME.review.jsonl`.
fn journal_path(dest: &Path) -> PathBuf {
    let name = dest
        .file_name()
        .map_or_else(|| "transcript".into(), |n| n.to_string_lossy());
    dest.with_file_name(format!(".{name}.review.jsonl"))
}

/// Writes the lessons into their dictionaries; says what was learned.
fn learn(lessons: &[Lesson]) -> Result<String, Failure> {
    let mut by_file: Vec<(&Path, Vec<Change>)> = Vec::new();
    for l in lessons {
        let change = Change {
            name: l.term.clone(),
            field: match l.list {
                List::Aliases => Field::Aliases,
                List::Never => Field::Never,
            },
            form: l.form.clone(),
        };
        match by_file
            .iter_mut()
            .find(|(p, _)| *p == l.dictionary.as_path())
        {
            Some((_, changes)) => changes.push(change),
            None => by_file.push((&l.dictionary, vec![change])),
        }
    }
    let mut out = String::new();
    for (path, changes) in by_file {
        let applied = transfix::dictionary::edit::apply(path, &changes)
            .map_err(|e| Failure(e.to_string()))?;
        for c in &applied.added {
            let list = match c.field {
                Field::Aliases => "aliases",
                Field::Never => "never",
            };
            out.push_str(&format!(
                "learned: {:?} in `{list}` of {} ({})\n",
                c.form,
                c.name,
                display_path(path)
            ));
        }
    }
    if out.is_empty() {
        out.push_str("learned: nothing new\n");
    }
    Ok(out)
}
