//! Format detection with every encoding option: the first byte picks no `--encoding` or one of
//! them forced, the rest is the file. Same checks as the single-format targets.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    transfix_fuzz::read_any_target(data);
});
