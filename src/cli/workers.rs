//! Work spread over the `-j N` threads, its results taken back in the order it was given.
//!
//! Every job is queued on the pool, but the thread that needs a result first may run the job
//! itself if no worker has started it. So a worker waiting for its next piece never waits for
//! queued work, only for work in progress on another thread: however many long files are open
//! at once, nothing deadlocks, and `-j 1` (no pool at all) runs each job where it is given.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

use rayon::ScopeFifo;

/// Where jobs go: the pool's scope, or nowhere (`-j 1`: run at once, on the caller's thread).
pub(crate) type Pool<'p, 's> = Option<&'p ScopeFifo<'s>>;

type Work<'s, T> = Box<dyn for<'p> FnOnce(Pool<'p, 's>) -> T + Send + 's>;

enum State<'s, T> {
    Queued(Work<'s, T>),
    Running,
    Done(std::thread::Result<T>),
    Taken,
}

struct Job<'s, T> {
    state: Mutex<State<'s, T>>,
    done: Condvar,
}

impl<'s, T> Job<'s, T> {
    fn lock(&self) -> MutexGuard<'_, State<'s, T>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs the job unless another thread has started it already.
    fn run(&self, pool: Pool<'_, 's>) {
        let work = {
            let mut state = self.lock();
            match std::mem::replace(&mut *state, State::Running) {
                State::Queued(work) => work,
                other => {
                    *state = other;
                    return;
                }
            }
        };
        // A panic is handed to whoever takes the result: a waiting thread must not wait forever.
        let result = catch_unwind(AssertUnwindSafe(|| work(pool)));
        *self.lock() = State::Done(result);
        self.done.notify_all();
    }

    fn wait(&self) -> T {
        let mut state = self.lock();
        loop {
            match std::mem::replace(&mut *state, State::Taken) {
                State::Done(Ok(value)) => return value,
                State::Done(Err(panic)) => resume_unwind(panic),
                other => {
                    *state = other;
                    state = self
                        .done
                        .wait(state)
                        .unwrap_or_else(PoisonError::into_inner);
                }
            }
        }
    }

    fn is_done(&self) -> bool {
        matches!(*self.lock(), State::Done(_))
    }

    fn is_queued(&self) -> bool {
        matches!(*self.lock(), State::Queued(_))
    }
}

/// A result to come.
pub(crate) struct Pending<'s, T> {
    job: Arc<Job<'s, T>>,
}

impl<'s, T: Send + 's> Pending<'s, T> {
    /// Queues `work` on the pool, or runs it now when there is none.
    pub(crate) fn submit(
        pool: Pool<'_, 's>,
        work: impl for<'p> FnOnce(Pool<'p, 's>) -> T + Send + 's,
    ) -> Self {
        let job = Arc::new(Job {
            state: Mutex::new(State::Queued(Box::new(work))),
            done: Condvar::new(),
        });
        match pool {
            Some(scope) => {
                let queued = Arc::clone(&job);
                scope.spawn_fifo(move |scope| queued.run(Some(scope)));
            }
            None => job.run(None),
        }
        Pending { job }
    }

    /// The result, computed by the pool: for a thread that is not one of its workers, so that
    /// the work is done by exactly `-j` threads.
    pub(crate) fn wait(self) -> T {
        self.job.wait()
    }

    pub(crate) fn is_done(&self) -> bool {
        self.job.is_done()
    }
}

/// Results taken in order, with at most `window` of them in flight.
pub(crate) struct Ordered<'s, T> {
    pending: VecDeque<Pending<'s, T>>,
    window: usize,
}

impl<'s, T: Send + 's> Ordered<'s, T> {
    pub(crate) fn new(window: usize) -> Self {
        Ordered {
            pending: VecDeque::new(),
            window: window.max(1),
        }
    }

    pub(crate) fn is_full(&self) -> bool {
        self.pending.len() >= self.window
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    pub(crate) fn push(&mut self, pending: Pending<'s, T>) {
        self.pending.push_back(pending);
    }

    pub(crate) fn front_is_done(&self) -> bool {
        self.pending.front().is_some_and(Pending::is_done)
    }

    pub(crate) fn pop(&mut self) -> Option<Pending<'s, T>> {
        self.pending.pop_front()
    }

    /// The first result, computed here if no worker has started on it; while another thread
    /// computes it, this one runs the jobs behind it that nobody has started. Otherwise a
    /// reader waiting for its next piece would leave the pieces it read ahead to the others,
    /// and one long file would keep only one worker busy.
    pub(crate) fn take(&mut self, pool: Pool<'_, 's>) -> Option<T> {
        let front = self.pending.pop_front()?;
        front.job.run(pool);
        while !front.is_done() {
            let Some(next) = self.pending.iter().find(|p| p.job.is_queued()) else {
                break;
            };
            next.job.run(pool);
        }
        Some(front.job.wait())
    }
}

/// How many pieces of long files may be read ahead, all files together: each open file may
/// always hold one (so none waits for another), and borrows from here to hold more.
pub(crate) struct Budget(AtomicUsize);

impl Budget {
    pub(crate) fn new(pieces: usize) -> Self {
        Budget(AtomicUsize::new(pieces))
    }

    pub(crate) fn try_borrow(&self) -> bool {
        (self
            .0
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1)))
        .is_ok()
    }

    pub(crate) fn give_back(&self) {
        self.0.fetch_add(1, Ordering::AcqRel);
    }
}

/// A rayon pool of `jobs` threads, or none for `-j 1`.
pub(crate) fn pool(jobs: usize) -> Result<Option<rayon::ThreadPool>, String> {
    if jobs <= 1 {
        return Ok(None);
    }
    (rayon::ThreadPoolBuilder::new().num_threads(jobs))
        .thread_name(|i| format!("transfix-{i}"))
        .build()
        .map(Some)
        .map_err(|e| e.to_string())
}

/// Runs `op` with a scope on `pool` (jobs go there), or with none.
pub(crate) fn in_scope<'s, R>(
    pool: Option<&rayon::ThreadPool>,
    op: impl for<'p> FnOnce(Pool<'p, 's>) -> R,
) -> R {
    match pool {
        Some(pool) => pool.in_place_scope_fifo(|scope| op(Some(scope))),
        None => op(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_whoever_computes_them() {
        let pool = pool(3).unwrap();
        let got = in_scope(pool.as_ref(), |scope| {
            let mut ordered = Ordered::new(4);
            let mut out = Vec::new();
            for i in 0..100u64 {
                if ordered.is_full() {
                    out.push(ordered.pop().unwrap().wait());
                }
                // Uneven work, so that later jobs often finish first.
                ordered.push(Pending::submit(scope, move |_| {
                    let spin = (100 - i) * 2000;
                    (0..spin).fold(i, |a, _| std::hint::black_box(a))
                }));
            }
            while let Some(p) = ordered.pop() {
                out.push(p.wait());
            }
            out
        });
        assert_eq!(got, (0..100).collect::<Vec<_>>());
    }

    #[test]
    fn workers_waiting_for_their_own_jobs_do_not_deadlock() {
        // Two workers, each running a job that needs four more: the waiting worker runs its
        // own jobs when nobody has started them.
        let pool = pool(2).unwrap();
        let sums = in_scope(pool.as_ref(), |scope| {
            let outer: Vec<_> = (0..4)
                .map(|k| {
                    Pending::submit(scope, move |inner| {
                        let mut parts = Ordered::new(4);
                        for i in 0..4 {
                            parts.push(Pending::submit(inner, move |_| k * 10 + i));
                        }
                        std::iter::from_fn(|| parts.take(inner)).sum::<usize>()
                    })
                })
                .collect();
            outer.into_iter().map(Pending::wait).collect::<Vec<_>>()
        });
        assert_eq!(sums, vec![6, 46, 86, 126]);
    }

    #[test]
    fn a_panic_reaches_the_taker() {
        let pool = pool(2).unwrap();
        let caught = catch_unwind(AssertUnwindSafe(|| {
            in_scope(pool.as_ref(), |scope| {
                Pending::submit(scope, |_| -> u8 { panic!("boom") }).wait()
            })
        }));
        assert!(caught.is_err());
    }

    #[test]
    fn the_budget_never_goes_below_zero() {
        let budget = Budget::new(2);
        assert!(budget.try_borrow());
        assert!(budget.try_borrow());
        assert!(!budget.try_borrow());
        budget.give_back();
        assert!(budget.try_borrow());
    }
}
