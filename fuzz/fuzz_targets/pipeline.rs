//! Read → index a few invented names (picked by the first bytes, with their slips written into
//! the text) → `Matcher::find` → apply each proposal alone, then all of them: every proposal
//! lies in one segment, changes only its span, and the output reads back with the same format,
//! segments and non-segment text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    transfix_fuzz::pipeline_target(data);
});
