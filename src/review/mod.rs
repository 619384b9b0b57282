//! A review of one transcript's proposals: decisions, bulk decisions, undo, overlapping
//! proposals, and what the dictionary learns from it all. Pure state: `journal` makes the
//! decisions durable, the binary draws them and reads the keys.

pub mod journal;

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

use crate::proposal::{Proposal, Reason};
use crate::transcript::Edit;

/// A reviewer's answer to one proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Accept,
    Reject,
    /// Decide later: open again at the next review of the file.
    Skip,
    /// Accept with this text instead of the proposed replacement.
    Edit(String),
}

/// Identifies a proposal across runs: the matcher's scores may change when the dictionary
/// learns, its span and replacement do not.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Key {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

impl Key {
    pub fn of(p: &Proposal) -> Self {
        Key {
            start: p.span.start,
            end: p.span.end,
            replacement: p.replacement.clone(),
        }
    }
}

/// One thing the reviewer did, as the journal keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Record {
    Decide { decide: Vec<Key>, verdict: Verdict },
    Undo { undo: bool },
}

#[derive(Debug, Clone, Default, PartialEq)]
struct State {
    verdict: Option<Verdict>,
    /// Set when an accepted proposal overlapping this one took its words.
    withdrawn_by: Option<usize>,
}

/// The states a step changed, as they were before it: what `undo` restores.
#[derive(Debug)]
struct Step {
    before: Vec<(usize, State)>,
}

/// Counts for the end-of-review summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub accepted: usize,
    pub rejected: usize,
    pub edited: usize,
    pub skipped: usize,
    /// Overlapped an accepted proposal and went with it.
    pub withdrawn: usize,
    /// Not decided yet.
    pub open: usize,
}

/// Which list of a dictionary entry a lesson adds to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Aliases,
    Never,
}

/// What the dictionary learns from one decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lesson {
    /// The dictionary file the term is defined in.
    pub dictionary: PathBuf,
    pub term: String,
    pub list: List,
    /// The text as the transcript has it.
    pub form: String,
}

impl Lesson {
    /// Teaches `dictionary` in memory what `dictionary::edit` writes into the lesson's file:
    /// the form joins the term's `aliases` or its `never` (and leaves the other list), so
    /// that the next transcript of a review is matched with it. False if it was known.
    pub fn teach(&self, dictionary: &mut crate::Dictionary) -> bool {
        let Some(entry) = (dictionary.entries.iter_mut()).find(|e| e.name.trim() == self.term)
        else {
            return false;
        };
        let (to, from) = match self.list {
            List::Aliases => (&mut entry.aliases, &mut entry.never),
            List::Never => (&mut entry.never, &mut entry.aliases),
        };
        from.retain(|f| f != &self.form);
        if to.contains(&self.form) {
            return false;
        }
        to.push(self.form.clone());
        true
    }
}

/// The proposals of one transcript and the reviewer's decisions on them.
#[derive(Debug)]
pub struct Session {
    proposals: Vec<Proposal>,
    states: Vec<State>,
    history: Vec<Step>,
}

impl Session {
    /// `proposals` sorted by position, as the matcher returns them.
    pub fn new(proposals: Vec<Proposal>) -> Self {
        let states = vec![State::default(); proposals.len()];
        Session {
            proposals,
            states,
            history: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.proposals.len()
    }

    pub fn is_empty(&self) -> bool {
        self.proposals.is_empty()
    }

    pub fn proposal(&self, i: usize) -> &Proposal {
        &self.proposals[i]
    }

    pub fn verdict(&self, i: usize) -> Option<&Verdict> {
        self.states[i].verdict.as_ref()
    }

    /// The accepted proposal that took this one's words, if any.
    pub fn withdrawn_by(&self, i: usize) -> Option<usize> {
        self.states[i].withdrawn_by
    }

    /// Waiting for a decision in this pass: no verdict, not withdrawn.
    pub fn is_open(&self, i: usize) -> bool {
        let s = &self.states[i];
        s.verdict.is_none() && s.withdrawn_by.is_none()
    }

    /// The first open proposal at or after `from`.
    pub fn next_open(&self, from: usize) -> Option<usize> {
        (from..self.len()).find(|&i| self.is_open(i))
    }

    /// Decides proposal `i`.
    pub fn decide(&mut self, i: usize, verdict: Verdict) -> Record {
        self.apply(&[i], verdict)
    }

    /// Decides `i` and every later open proposal with the same original text and term.
    pub fn decide_alike(&mut self, i: usize, verdict: Verdict) -> Record {
        let p = &self.proposals[i];
        let alike: Vec<usize> = std::iter::once(i)
            .chain((i + 1..self.len()).filter(|&j| {
                let q = &self.proposals[j];
                self.is_open(j) && q.original == p.original && q.term == p.term
            }))
            .collect();
        self.apply(&alike, verdict)
    }

    /// Decides `i` and every later open proposal of the file.
    pub fn decide_rest(&mut self, i: usize, verdict: Verdict) -> Record {
        let rest: Vec<usize> = std::iter::once(i)
            .chain((i + 1..self.len()).filter(|&j| self.is_open(j)))
            .collect();
        self.apply(&rest, verdict)
    }

    /// Takes back the last step; returns the proposal to show again.
    pub fn undo(&mut self) -> Option<(usize, Record)> {
        let step = self.history.pop()?;
        let first = step.before.iter().map(|(i, _)| *i).min()?;
        for (i, state) in step.before.into_iter().rev() {
            self.states[i] = state;
        }
        Some((first, Record::Undo { undo: true }))
    }

    /// Replays journaled records. Keys no longer proposed (the transcript or the dictionary
    /// changed them) are passed over; each record still makes one step, so a later undo
    /// takes back the right one. Skipped proposals are open again: "later" has come.
    pub fn replay(&mut self, records: &[Record]) {
        let index: std::collections::HashMap<Key, usize> = (0..self.len())
            .map(|i| (Key::of(&self.proposals[i]), i))
            .collect();
        for record in records {
            match record {
                Record::Decide { decide, verdict } => {
                    let found: Vec<usize> = (decide.iter().filter_map(|k| index.get(k)))
                        .copied()
                        .filter(|&i| self.is_open(i))
                        .collect();
                    self.apply(&found, verdict.clone());
                }
                Record::Undo { .. } => {
                    self.undo();
                }
            }
        }
        for state in &mut self.states {
            if state.verdict == Some(Verdict::Skip) {
                state.verdict = None;
            }
        }
    }

    fn apply(&mut self, items: &[usize], verdict: Verdict) -> Record {
        let mut before = Vec::new();
        let accepts = matches!(verdict, Verdict::Accept | Verdict::Edit(_));
        for &i in items {
            before.push((i, self.states[i].clone()));
            self.states[i].verdict = Some(verdict.clone());
            if accepts {
                self.withdraw_overlapping(i, &mut before);
            }
        }
        self.history.push(Step { before });
        Record::Decide {
            decide: items.iter().map(|&i| Key::of(&self.proposals[i])).collect(),
            verdict,
        }
    }

    /// An accepted fix owns its words: open proposals on any of them go.
    fn withdraw_overlapping(&mut self, i: usize, before: &mut Vec<(usize, State)>) {
        let span = self.proposals[i].span.clone();
        for j in 0..self.len() {
            let other = &self.proposals[j].span;
            if j != i && self.is_open(j) && other.start < span.end && span.start < other.end {
                before.push((j, self.states[j].clone()));
                self.states[j].withdrawn_by = Some(i);
            }
        }
    }

    /// The edits the decisions make, in order.
    pub fn edits(&self) -> Vec<Edit> {
        (0..self.len())
            .filter_map(|i| match &self.states[i].verdict {
                Some(Verdict::Accept) => Some(self.proposals[i].edit()),
                Some(Verdict::Edit(text)) => Some(Edit {
                    span: self.proposals[i].span.clone(),
                    replacement: text.clone(),
                }),
                _ => None,
            })
            .collect()
    }

    pub fn tally(&self) -> Tally {
        let mut t = Tally::default();
        for s in &self.states {
            match (&s.verdict, s.withdrawn_by) {
                (Some(Verdict::Accept), _) => t.accepted += 1,
                (Some(Verdict::Reject), _) => t.rejected += 1,
                (Some(Verdict::Edit(_)), _) => t.edited += 1,
                (Some(Verdict::Skip), _) => t.skipped += 1,
                (None, Some(_)) => t.withdrawn += 1,
                (None, None) => t.open += 1,
            }
        }
        t
    }

    /// What the dictionary learns: an accepted fuzzy fix makes the heard form an alias of its
    /// term, a rejected one puts it in the term's `never`, an edit that writes another term's
    /// name makes the form an alias of that term (`named` finds a term by name: its canonical
    /// name and dictionary file). Known aliases, spelling fixes and fixes of part of a name
    /// (a surname alone) teach nothing new.
    pub fn lessons(&self, named: impl Fn(&str) -> Option<(String, PathBuf)>) -> Vec<Lesson> {
        let mut out = Vec::new();
        for (i, p) in self.proposals.iter().enumerate() {
            let lesson = |term: String, dictionary: PathBuf, list| Lesson {
                dictionary,
                term,
                list,
                form: p.original.clone(),
            };
            let own = p.dictionary.as_ref().map(|o| o.path.to_path_buf());
            match (&self.states[i].verdict, own) {
                (Some(Verdict::Accept), Some(path)) if teaches(p) => {
                    out.push(lesson(p.term.clone(), path, List::Aliases));
                }
                (Some(Verdict::Reject), Some(path)) => {
                    out.push(lesson(p.term.clone(), path, List::Never));
                }
                (Some(Verdict::Edit(text)), _) => {
                    if let Some((term, path)) = named(text.trim()) {
                        out.push(lesson(term, path, List::Aliases));
                    }
                }
                _ => {}
            }
        }
        out.dedup();
        out
    }
}

/// Whether accepting `p` is news to the dictionary: a fuzzy match of the whole term.
fn teaches(p: &Proposal) -> bool {
    let known = p.reasons.iter().any(|r| {
        matches!(
            r,
            Reason::Alias { .. } | Reason::Spelling | Reason::Recapitalised
        )
    });
    let whole = p.replacement.to_lowercase() == p.term.to_lowercase();
    !known && whole && p.original.trim() != p.replacement
}

#[cfg(test)]
mod tests;
