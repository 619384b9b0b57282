//! The `transfix` binary: argument parsing, rendering and exit codes. The engine is the library.

mod batch;
mod cache;
mod cli;
mod dict;
mod interact;
mod jsonl;
mod pipeline;
mod progress;
mod render;

/// Matching allocates and frees many small buffers per window; mimalloc serves them from
/// per-thread pages, faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
