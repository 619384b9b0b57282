//! Criterion benchmarks of the hot paths, through the library's public API only:
//! index build, matching, dictionary parsing, transcript reading and writing, spelling keys
//! and phonetic readings. Inputs come from the shared generator (`support/workload.rs`).
//!
//! ```sh
//! cargo bench --bench hot                 # 10k entries, 20k-word transcript
//! cargo bench --bench hot -- --quick      # shorter, rougher
//! cargo bench --bench hot -- matcher      # one group
//! ```
//!
//! Without `--bench` (as `cargo test --all-targets` runs it) criterion runs each benchmark
//! once, as a test, on a tiny workload.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput};
use transfix::matcher::{AUTO_APPLY, ortho_key, phonetic, spelling_key};
use transfix::transcript::ReadOptions;
use transfix::{Dictionary, Edit, Index, Matcher, Transcript};

#[path = "support/workload.rs"]
mod workload;

struct Sizes {
    entries: usize,
    words: usize,
}

const BENCH: Sizes = Sizes {
    entries: 10_000,
    words: 20_000,
};
/// Test mode (no `--bench`): every benchmark runs once, unoptimised; keep it instant.
const TEST: Sizes = Sizes {
    entries: 500,
    words: 1_000,
};

fn main() {
    let benching = std::env::args().any(|a| a == "--bench");
    let sizes = if benching { BENCH } else { TEST };
    let mut c = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();

    let mix = workload::Mix::default_mix();
    let work = workload::generate(sizes.entries, sizes.words, workload::SEED, &mix);
    let dict = &work.dictionary;
    let srt = work.transcript.text.as_bytes();
    let words = work.transcript.words as u64;
    let entries = dict.entries.len() as u64;

    let index = Index::build(dict);
    let transcript = Transcript::parse(srt).expect("generated transcript");
    let proposals = Matcher::new(&index).find(&transcript);
    let edits: Vec<Edit> = (proposals.iter())
        .filter(|p| p.score >= AUTO_APPLY)
        .map(|p| p.edit())
        .collect();

    // Index::build, and reading the TOML it is built from.
    let mut group = c.benchmark_group("dictionary");
    group.throughput(Throughput::Elements(entries));
    group.bench_function(format!("index_build/{entries}_entries"), |b| {
        b.iter(|| Index::build(black_box(dict)))
    });
    let toml = workload::dictionary_toml(dict);
    group.bench_function(format!("parse_toml/{entries}_entries"), |b| {
        b.iter(|| Dictionary::parse(black_box(&toml), Path::new("bench.toml")).expect("valid"))
    });
    group.finish();

    // Matcher::find on the whole transcript (the index is built once).
    let mut group = c.benchmark_group("matcher");
    group.throughput(Throughput::Elements(words));
    group.bench_function(format!("find/{words}_words_{entries}_entries"), |b| {
        b.iter(|| Matcher::new(&index).find(black_box(&transcript)))
    });
    group.finish();

    // Reading an SRT file's bytes, and writing the corrected copy.
    let mut group = c.benchmark_group("transcript");
    group.throughput(Throughput::Bytes(srt.len() as u64));
    group.bench_function(format!("read_srt/{}_bytes", srt.len()), |b| {
        b.iter(|| Transcript::read(black_box(srt), ReadOptions::default()).expect("valid"))
    });
    group.bench_function(format!("read_owned_srt/{}_bytes", srt.len()), |b| {
        b.iter_batched(
            || srt.to_vec(),
            |bytes| Transcript::read_owned(bytes, ReadOptions::default()).expect("valid"),
            BatchSize::LargeInput,
        )
    });
    group.bench_function(format!("write/{}_edits", edits.len()), |b| {
        b.iter(|| transcript.write(black_box(&edits)).expect("valid edits"))
    });
    group.bench_function(format!("write_to_sink/{}_edits", edits.len()), |b| {
        b.iter(|| {
            (transcript.write_to(black_box(&edits), &mut std::io::sink())).expect("valid edits")
        })
    });
    group.finish();

    // Normalisation and phonetic keys, per word.
    let names: Vec<&str> = dict.entries.iter().map(|e| e.name.as_str()).collect();
    let name_words: Vec<String> = (names.iter())
        .flat_map(|n| n.split([' ', '-']))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let speech: Vec<&str> = (transcript.segments().iter())
        .flat_map(|s| transcript.text(s).split_whitespace())
        .collect();
    let mut group = c.benchmark_group("keys");
    group.throughput(Throughput::Elements(names.len() as u64));
    group.bench_function(format!("spelling_key/{}_names", names.len()), |b| {
        b.iter(|| {
            for name in &names {
                black_box(spelling_key(black_box(name)));
            }
        })
    });
    group.throughput(Throughput::Elements(speech.len() as u64));
    group.bench_function(
        format!("ortho_key/{}_transcript_words", speech.len()),
        |b| {
            b.iter(|| {
                for word in &speech {
                    black_box(ortho_key(black_box(word)));
                }
            })
        },
    );
    group.throughput(Throughput::Elements(name_words.len() as u64));
    group.bench_function(
        format!("phonetic_french/{}_name_words", name_words.len()),
        |b| {
            b.iter(|| {
                for word in &name_words {
                    black_box(phonetic::french(black_box(word)));
                }
            })
        },
    );
    group.bench_function(
        format!("phonetic_english/{}_name_words", name_words.len()),
        |b| {
            b.iter(|| {
                for word in &name_words {
                    black_box(phonetic::english(black_box(word)));
                }
            })
        },
    );
    group.finish();

    c.final_summary();
}
