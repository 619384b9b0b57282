//! `dict import`'s readers (list, CSV, TOML, Wikidata JSON and CSV, Subtitle Edit): the first
//! byte picks the format and the language option, the rest is the file. No panic, one-line
//! errors naming the file, tidy forms, a CSV export that reads back, an index that builds (see
//! `transfix_fuzz::import_target`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| transfix_fuzz::import_target(data));
