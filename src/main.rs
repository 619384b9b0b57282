//! The `transfix` binary: argument parsing, rendering and exit codes. The engine is the library.

mod cli;

/// Matching allocates and frees many small buffers per window; mimalloc serves them from
/// per-thread pages, faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    return_freed_memory_promptly();
    cli::main()
}

/// mimalloc 3 keeps freed pages for a second before giving them back; transfix frees the
/// working memory of every piece it matches, so the pages would pile up: peak memory is 45 MB
/// higher at 100,000 entries. Even 5 ms left 248-253 MB at peak against 235-241 MB for an
/// immediate purge, which measured no slower (2.10 s CPU either way, 5 alternating runs).
fn return_freed_memory_promptly() {
    // `mi_option_purge_delay` of mimalloc 3's `mi_option_e`; libmimalloc-sys names only the
    // options of mimalloc 2. Set only if it holds mimalloc 3's default, so a version whose
    // numbering differs is left alone.
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
