//! The `transfix` binary: argument parsing, rendering and exit codes. The engine is the library.

mod cache;
mod cli;
mod dict;
mod interact;
mod render;

fn main() -> std::process::ExitCode {
    cli::main()
}
