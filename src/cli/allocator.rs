//! The allocator, and when it gives freed memory back.

use std::ffi::c_long;
use std::sync::atomic::{AtomicBool, Ordering};

/// Matching allocates and frees many small buffers per window; mimalloc serves them from
/// per-thread pages, faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` of mimalloc 3's `mi_option_e`; libmimalloc-sys names only the
/// options of mimalloc 2.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
/// mimalloc 3's own delay: freed pages are kept a second before they go back to the system.
const DEFAULT_MS: c_long = 1000;
/// While the dictionary is read and indexed. An immediate purge there makes every page freed
/// and taken again a fresh page the kernel zeroes: a 100,000-entry build (`--no-cache`) took
/// 2.01 s with it, 1.75 s at 50 ms, for 300 MB at peak instead of 289 (4 alternating runs);
/// a million entries, 24.8 s against 19.9 s. A second (the default) kept 435 MB at peak.
const BUILDING_MS: c_long = 50;

/// Whether this module set the delay (a delay set in the environment is left alone).
static SET_HERE: AtomicBool = AtomicBool::new(false);

/// At the start: freed memory waits `BUILDING_MS` before it goes back.
pub(crate) fn while_building() {
    if purge_delay() == DEFAULT_MS {
        set_purge_delay(BUILDING_MS);
        SET_HERE.store(true, Ordering::Relaxed);
    }
}

/// Once the index is ready, before matching: freed memory goes back at once. Matching frees
/// the working memory of every piece, so the pages would pile up: with a second's delay peak
/// memory is 45 MB higher at 100,000 entries, and even 5 ms left 248-253 MB at peak against
/// 235-241 MB for an immediate purge, which measured no slower.
pub(crate) fn while_matching() {
    if SET_HERE.load(Ordering::Relaxed) {
        set_purge_delay(0);
    }
}

fn purge_delay() -> c_long {
    // SAFETY: reading an option of the linked allocator.
    unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }
}

fn set_purge_delay(ms: c_long) {
    // SAFETY: mimalloc reads this option each time it purges, so setting it at any time is
    // allowed.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, ms) }
}
