//! The allocator, and when it gives freed memory back.

/// Matching allocates and frees many small buffers per window; mimalloc serves them from
/// per-thread pages, faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Called once the index is ready, before matching. mimalloc 3 keeps freed pages for a second
/// before giving them back; matching frees the working memory of every piece, so the pages
/// would pile up: peak memory is 45 MB higher at 100,000 entries. Even 5 ms left 248-253 MB at
/// peak against 235-241 MB for an immediate purge, which measured no slower (2.10 s CPU either
/// way, 5 alternating runs). Loading and building keep the default: there an immediate purge
/// makes every page freed and taken again a fresh one the kernel zeroes (a 100,000-entry build,
/// `--no-cache`: 2.36 s ± 0.53, 0.96 s system time, against 1.97 s ± 0.22, 0.35 s).
pub(crate) fn return_freed_memory_promptly() {
    // `mi_option_purge_delay` of mimalloc 3's `mi_option_e`; libmimalloc-sys names only the
    // options of mimalloc 2. Set only if it holds mimalloc 3's default, so a version whose
    // numbering differs, or a delay set in the environment, is left alone.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    const DEFAULT_MS: std::ffi::c_long = 1000;
    // SAFETY: reading and setting an option of the linked allocator; mimalloc reads this one
    // each time it purges, so setting it at any time is allowed.
    unsafe {
        if libmimalloc_sys::mi_option_get(PURGE_DELAY) == DEFAULT_MS {
            libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
        }
    }
}
