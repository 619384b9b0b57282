//! The `transfix` binary: argument parsing, rendering and exit codes. The engine is the library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
