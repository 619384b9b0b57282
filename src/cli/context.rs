//! What the inputs of a batch are read and matched with: [`Shared`] by all of them, and each
//! one's own [`Context`] on the thread that works on it.

use std::cell::RefCell;

use transfix::Matcher;
use transfix::transcript::ReadOptions;

use crate::cli::common::Streams;
use crate::cli::progress::{Progress, Ticket};
use crate::cli::workers::{Budget, Pool};

/// What every input is read and matched with, whichever thread does it.
pub(crate) struct Shared<'s> {
    pub(crate) matcher: &'s Matcher<'s>,
    pub(crate) options: ReadOptions,
    pub(crate) streams: &'s Streams,
    pub(crate) progress: &'s Progress,
    pub(crate) budget: &'s Budget,
    pub(crate) jobs: usize,
}

/// What one input is read and matched with, on the thread that does it.
pub(crate) struct Context<'c, 's> {
    pub(crate) shared: &'c Shared<'s>,
    /// The pool the input's pieces are matched on (`None` with `-j 1`).
    pub(crate) pool: Pool<'c, 's>,
    /// The layout to read it as: `--format-in`, or the one a walk found by name and content
    /// (Whisper JSON for a `.json`, TTML for a `.ttml`, `.dfxp` or `.xml`).
    pub(crate) format: Option<transfix::Format>,
    /// What is said about the input on the way (stderr), printed before its output.
    pub(crate) notes: RefCell<String>,
    pub(crate) ticket: Ticket,
}

impl Context<'_, '_> {
    pub(crate) fn options(&self) -> ReadOptions {
        ReadOptions {
            format: self.format,
            ..self.shared.options
        }
    }

    pub(crate) fn streams(&self) -> &Streams {
        self.shared.streams
    }
}
