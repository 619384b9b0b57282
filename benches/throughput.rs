//! Throughput benchmark: a generated 100,000-entry dictionary against a generated
//! 1,000,000-word SRT transcript, matched in-process on one thread.
//!
//! Run with `cargo bench --bench throughput`. Scale down with `TRANSFIX_BENCH_ENTRIES` and
//! `TRANSFIX_BENCH_WORDS`; `TRANSFIX_BENCH_LANGS` picks the languages of the names
//! (`fr:60,en:40` is the workload of the first version). Without cargo's `--bench` flag (e.g.
//! under `cargo test --all-targets`) it runs a small smoke-sized workload instead.
//!
//! Reports index build time, matching throughput (words/s), proposal count and peak RSS,
//! as a table on stdout and as one JSON line in `target/bench-throughput.json`. The workload
//! comes from `support/workload.rs`, shared with `examples/generate.rs`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::HashMap;
use std::hint::black_box;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use transfix::matcher::AUTO_APPLY;
use transfix::{Index, Matcher, Transcript};

#[path = "support/workload.rs"]
mod workload;

use workload::{Mix, Planted, Slip};

const DEFAULT_ENTRIES: usize = 100_000;
const DEFAULT_WORDS: usize = 1_000_000;
/// Workload when the binary is not run by `cargo bench` (keeps `cargo test --all-targets` fast).
const SMOKE_ENTRIES: usize = 2_000;
const SMOKE_WORDS: usize = 20_000;

// ---------------------------------------------------------------------------------------
// Measurement.

/// The system allocator, counting live heap bytes: RSS says what the process holds, this says
/// what each structure costs (RSS keeps freed pages that the allocator has not returned).
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(live, Relaxed);
}

// SAFETY: every call is forwarded unchanged to `System`; only the byte count is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        grew(new_size);
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live_mb() -> f64 {
    LIVE.load(Relaxed) as f64 / (1024.0 * 1024.0)
}

fn peak_heap_mb() -> f64 {
    PEAK.load(Relaxed) as f64 / (1024.0 * 1024.0)
}

/// Peak resident set size of this process in kB (`VmHWM`), if the platform reports it.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn env_usize(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .replace('_', "")
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a number")),
        Err(_) => default,
    }
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// Writes the generated workload (the files of `examples/generate.rs`) for inspection.
fn dump(dir: &std::path::Path, workload: &workload::Workload) {
    match workload::write_files(dir, workload) {
        Ok(()) => println!("  dumped workload to {}", dir.display()),
        Err(e) => eprintln!("  could not dump workload to {}: {e}", dir.display()),
    }
}

fn mb(kb: Option<u64>) -> String {
    kb.map_or("n/a".to_owned(), |kb| {
        format!("{:.1} MB", kb as f64 / 1024.0)
    })
}

fn main() {
    let benching = std::env::args().any(|a| a == "--bench");
    let (default_entries, default_words) = if benching {
        (DEFAULT_ENTRIES, DEFAULT_WORDS)
    } else {
        (SMOKE_ENTRIES, SMOKE_WORDS)
    };
    let n_entries = env_usize("TRANSFIX_BENCH_ENTRIES", default_entries).max(1);
    let n_words = env_usize("TRANSFIX_BENCH_WORDS", default_words).max(1);

    let mix = match std::env::var("TRANSFIX_BENCH_LANGS") {
        Ok(spec) => Mix::parse(&spec).unwrap_or_else(|e| panic!("TRANSFIX_BENCH_LANGS: {e}")),
        Err(_) => Mix::default_mix(),
    };

    let t = Instant::now();
    let workload = workload::generate(n_entries, n_words, workload::SEED, &mix);
    let gen_s = t.elapsed().as_secs_f64();
    if let Some(dir) = std::env::var_os("TRANSFIX_BENCH_DUMP") {
        dump(&PathBuf::from(dir), &workload);
    }
    let workload::Workload {
        dictionary: dict,
        transcript: mut generated,
    } = workload;
    // The canonical names of the planted entries, to check the proposals' terms.
    let planted_terms: HashMap<usize, String> = (generated.planted.iter())
        .map(|p| (p.entry, dict.entries[p.entry].name.clone()))
        .collect();
    let rss_before_kb = peak_rss_kb();
    let heap_before = live_mb();

    let (index, build_s, build_cpu) = workload::timed(|| Index::build(&dict));
    let rss_index_kb = peak_rss_kb();
    let heap_index = live_mb() - heap_before;
    // As the CLI does: the entries are not needed once the index is built.
    drop(dict);
    let heap_build_peak = peak_heap_mb();
    PEAK.store(LIVE.load(Relaxed), Relaxed);

    let t = Instant::now();
    let transcript = Transcript::parse(generated.text.as_bytes()).expect("generated transcript");
    // The transcript holds its own copy, as the CLI's read buffer is dropped after parsing.
    let bytes = std::mem::take(&mut generated.text).len();
    let parse_s = t.elapsed().as_secs_f64();

    let (proposals, match_s, match_cpu) =
        workload::timed(|| black_box(Matcher::new(&index).find(black_box(&transcript))));
    let rss_peak_kb = peak_rss_kb();

    let spans: Vec<Range<usize>> = proposals.iter().map(|p| p.span.clone()).collect();
    let all: Vec<&Planted> = generated.planted.iter().collect();
    let hits = workload::planted_hits(&all, &spans, |_, _| true);
    // Names whose words changed (not only their case or spacing): the ones a fix is due for.
    let to_fix: Vec<&Planted> = (all.iter().copied())
        .filter(|p| p.slip.needs_fix())
        .collect();
    let right_term = |p: &Planted, i: usize| proposals[i].term == planted_terms[&p.entry];
    let fixed_right = |p: &Planted, i: usize| right_term(p, i) && proposals[i].score >= AUTO_APPLY;
    let proposed = workload::planted_hits(&to_fix, &spans, right_term);
    let fixed = workload::planted_hits(&to_fix, &spans, fixed_right);
    // Per kind of slip: (fixed with the right term, planted).
    let by_slip: Vec<(Slip, usize, usize)> = (Slip::ALL.into_iter())
        .filter(|&slip| slip != Slip::Intact)
        .map(|slip| {
            let these: Vec<&Planted> = (all.iter().copied()).filter(|p| p.slip == slip).collect();
            let n = workload::planted_hits(&these, &spans, fixed_right);
            (slip, n, these.len())
        })
        .collect();
    let auto: Vec<Range<usize>> = (proposals.iter())
        .filter(|p| p.score >= AUTO_APPLY)
        .map(|p| p.span.clone())
        .collect();
    let false_fixes = workload::unplanted(&generated.planted, &auto);
    let words_per_s = generated.words as f64 / match_s.max(1e-9);
    let words_per_cpu_s = match_cpu.map(|c| generated.words as f64 / c.max(1e-9));
    let load = workload::load_average();

    println!(
        "transfix throughput ({})",
        if benching { "bench" } else { "smoke run" }
    );
    println!("  {:<28} {:>16}", "dictionary entries", index.len());
    println!("  {:<28} {:>16}", "retrieval keys", index.key_count());
    println!("  {:<28} {:>16}", "name languages", mix.spec());
    println!("  {:<28} {:>16}", "transcript words", generated.words);
    println!("  {:<28} {:>16}", "transcript bytes", bytes);
    println!(
        "  {:<28} {:>16}",
        "planted names (perturbed)",
        format!("{} ({})", generated.planted.len(), generated.perturbed)
    );
    println!("  {:<28} {:>14.3} s", "generation", gen_s);
    println!(
        "  {:<28} {:>16}",
        "load average (1, 5, 15 min)",
        load.as_deref().unwrap_or("n/a")
    );
    println!("  {:<28} {:>14.3} s", "index build", build_s);
    if let Some(cpu) = build_cpu {
        println!("  {:<28} {:>14.3} s", "index build, CPU time", cpu);
    }
    println!("  {:<28} {:>14.3} s", "transcript parse", parse_s);
    println!("  {:<28} {:>14.3} s", "matching (1 thread)", match_s);
    if match_s < 1e-6 {
        println!("  {:<28} {:>16}", "matching words/s", "n/a (<1 µs)");
    } else {
        println!("  {:<28} {:>16.0}", "matching words/s", words_per_s);
    }
    if let (Some(cpu), Some(wpc)) = (match_cpu, words_per_cpu_s) {
        println!("  {:<28} {:>14.3} s", "matching, CPU time", cpu);
        println!("  {:<28} {:>16.0}", "matching words/CPU-s", wpc);
    }
    println!("  {:<28} {:>16}", "proposals", proposals.len());
    println!("  {:<28} {:>16}", "planted names proposed", hits);
    println!(
        "  {:<28} {:>16}",
        "misspelt: right term",
        format!("{proposed} / {}", to_fix.len())
    );
    println!(
        "  {:<28} {:>16}",
        "misspelt: fixed (>= 0.80)",
        format!("{fixed} / {}", to_fix.len())
    );
    let slips: Vec<String> = (by_slip.iter())
        .map(|(slip, n, of)| format!("{} {n}/{of}", slip.name()))
        .collect();
    println!("  {:<28} {}", "fixed, by slip", slips.join(", "));
    println!(
        "  {:<28} {:>16}",
        "fixes off planted names",
        format!("{false_fixes} / {}", auto.len())
    );
    println!(
        "  {:<28} {:>16}",
        "peak RSS before index",
        mb(rss_before_kb)
    );
    println!("  {:<28} {:>16}", "peak RSS after index", mb(rss_index_kb));
    println!("  {:<28} {:>13.1} MB", "index heap (live)", heap_index);
    println!("  {:<28} {:>16}", "peak RSS (VmHWM)", mb(rss_peak_kb));
    println!(
        "  {:<28} {:>13.1} MB",
        "peak heap, index build", heap_build_peak
    );
    println!(
        "  {:<28} {:>13.1} MB",
        "peak heap, matching",
        peak_heap_mb()
    );

    let json = serde_json::json!({
        "bench": "throughput",
        "mode": if benching { "bench" } else { "smoke" },
        "langs": mix.spec(),
        "entries": index.len(),
        "keys": index.key_count(),
        "words": generated.words,
        "bytes": bytes,
        "planted": generated.planted.len(),
        "planted_perturbed": generated.perturbed,
        "generation_s": gen_s,
        "load_average": load,
        "index_build_s": build_s,
        "index_build_cpu_s": build_cpu,
        "parse_s": parse_s,
        "match_s": match_s,
        "words_per_s": (match_s >= 1e-6).then_some(words_per_s),
        "match_cpu_s": match_cpu,
        "words_per_cpu_s": words_per_cpu_s,
        "proposals": proposals.len(),
        "planted_proposed": hits,
        "misspelt": to_fix.len(),
        "misspelt_right_term": proposed,
        "misspelt_fixed": fixed,
        "fixed_by_slip": by_slip
            .iter()
            .map(|(slip, n, of)| (slip.name().to_owned(), serde_json::json!([n, of])))
            .collect::<serde_json::Map<_, _>>(),
        "auto_fixes": auto.len(),
        "auto_fixes_off_planted": false_fixes,
        "peak_rss_kb_before_index": rss_before_kb,
        "peak_rss_kb_after_index": rss_index_kb,
        "index_heap_mb": heap_index,
        "peak_heap_build_mb": heap_build_peak,
        "peak_heap_matching_mb": peak_heap_mb(),
        "peak_rss_kb": rss_peak_kb,
    });
    if !benching {
        // Keep the figures of the last real `cargo bench` run.
        println!("  (smoke run: target/bench-throughput.json left untouched)");
        return;
    }
    let dir = target_dir();
    let path = dir.join("bench-throughput.json");
    match std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, format!("{json}\n"))) {
        Ok(()) => println!("  wrote {}", path.display()),
        Err(e) => eprintln!("  could not write {}: {e}", path.display()),
    }
}
