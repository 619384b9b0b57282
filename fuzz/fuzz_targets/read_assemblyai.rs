//! The AssemblyAI JSON reader, forced with `ReadOptions { format: Some(Format::AssemblyaiJson), .. }`:
//! no panic, a no-op write is the input byte for byte, segments are sound, and whole-word edits
//! change only their spans and keep the structure (see `transfix_fuzz::check_edits`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| transfix_fuzz::read_forced(data, transfix::Format::AssemblyaiJson));
