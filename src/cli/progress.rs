//! A progress bar on stderr for batches and long files, only on a terminal: pipes, files and
//! tests never see it.

use std::cell::Cell;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Worth a bar: a batch, or one file longer than this.
const LONG_FILE: u64 = 4 << 20;

/// Bytes read of all the inputs, files done, and the file last started.
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    files: usize,
    done: AtomicUsize,
}

impl Progress {
    /// A bar if stderr is a terminal, `wanted`, and there is more than one file or a long one.
    pub(crate) fn new(wanted: bool, sizes: &[u64]) -> Self {
        let total: u64 = sizes.iter().sum();
        let worth = sizes.len() > 1 || total > LONG_FILE;
        let bar = (wanted && worth && std::io::stderr().is_terminal()).then(|| {
            let style = ProgressStyle::with_template(
                "{wide_bar} {binary_bytes}/{binary_total_bytes} {eta} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
                .with_style(style)
        });
        Progress {
            bar,
            files: sizes.len(),
            done: AtomicUsize::new(0),
        }
    }

    /// A file starts: the bar names it, and counts its bytes as they are read.
    pub(crate) fn start(&self, name: &str, size: u64) -> Ticket {
        if let Some(bar) = &self.bar {
            let done = self.done.load(Ordering::Relaxed);
            bar.set_message(format!("{done}/{} files, {name}", self.files));
        }
        Ticket {
            bar: self.bar.clone(),
            left: Cell::new(size),
        }
    }

    pub(crate) fn file_done(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// Writes without tearing the bar: it is cleared, then drawn again.
    pub(crate) fn suspend<R>(&self, write: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(write),
            None => write(),
        }
    }

    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// One file's share of the bar; what was not counted as read is counted when it is dropped.
pub(crate) struct Ticket {
    bar: Option<ProgressBar>,
    left: Cell<u64>,
}

impl Ticket {
    pub(crate) fn advance(&self, bytes: u64) {
        let step = bytes.min(self.left.get());
        self.left.set(self.left.get() - step);
        if let Some(bar) = &self.bar {
            bar.inc(step);
        }
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.advance(u64::MAX);
    }
}
