//! The `transfix` binary: argument parsing, rendering and exit codes. The engine is the library.

mod batch;
mod cli;
mod dict;
mod interact;
mod jsonl;
mod pipeline;
mod progress;
mod render;

fn main() -> std::process::ExitCode {
    cli::main()
}
