//! transfix against the obvious approach: compare every window of 1 to k words of the
//! transcript (k = the longest dictionary name, in words) with every dictionary entry by a
//! normalised string similarity (strsim), and keep the best entry above a threshold.
//! O(windows × entries), so it runs on a subsample of the throughput bench's workload.
//!
//! ```sh
//! cargo bench --bench baseline          # 100k entries; 300 words for speed, 2,000 for recall
//! TRANSFIX_BASELINE_WORDS=100 TRANSFIX_BASELINE_RECALL_WORDS=500 cargo bench --bench baseline
//! TRANSFIX_BASELINE_METRIC=jaro-winkler cargo bench --bench baseline   # threshold 0.90
//! ```
//!
//! Speed is measured on the first `TRANSFIX_BASELINE_WORDS` (300) words of the throughput
//! workload (100,000 entries, 1,000,000 words, default languages): transfix, the naive
//! baseline, and the same baseline scanning only the entries whose length can reach the
//! threshold (exact for Levenshtein: same matches, checked). Recall is measured on the
//! workload's cues that hold a misspelt name (letters changed, words split or glued), in
//! order, until `TRANSFIX_BASELINE_RECALL_WORDS` (2,000) words: dense in names, so that it
//! counts a few hundred misspelt names rather than a dozen; the baseline runs there with the
//! length band. Both run on one thread on the same text; transfix's index build and the
//! baseline's preparation of the entries are timed apart. Reported: wall and CPU time,
//! words/s, the ratio, and for each matcher the misspelt names fixed with the right term or a
//! wrong one, the lower-cased names given back their capitals, the names already right that
//! were changed, and the changes where no name was planted. About 4 minutes on 2 cores.
//!
//! Without `--bench` (under `cargo test --all-targets`) it runs a tiny smoke workload.

use std::hint::black_box;
use std::ops::Range;

use transfix::matcher::AUTO_APPLY;
use transfix::{Index, Matcher, Transcript};

#[path = "support/workload.rs"]
mod workload;

use workload::{Mix, Planted, Slip};

struct Sizes {
    entries: usize,
    source_words: usize,
    /// Words of the speed sample (the naive baseline's cost is about 1 µs per window and
    /// entry: 300 words x 100,000 entries take about 2 minutes).
    speed_words: usize,
    /// Words of the recall sample.
    recall_words: usize,
}

const BENCH: Sizes = Sizes {
    entries: 100_000,
    source_words: 1_000_000,
    speed_words: 300,
    recall_words: 2_000,
};
/// Under `cargo test --all-targets` (unoptimised): well under a second.
const SMOKE: Sizes = Sizes {
    entries: 200,
    source_words: 20_000,
    speed_words: 40,
    recall_words: 100,
};

#[derive(Clone, Copy, PartialEq)]
enum Metric {
    Levenshtein,
    JaroWinkler,
}

impl Metric {
    fn score(self, a: &str, b: &str) -> f64 {
        match self {
            Metric::Levenshtein => strsim::normalized_levenshtein(a, b),
            Metric::JaroWinkler => strsim::jaro_winkler(a, b),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Metric::Levenshtein => "normalised Levenshtein",
            Metric::JaroWinkler => "Jaro-Winkler",
        }
    }
}

/// A match of the baseline: a span of the transcript and the entry it is closest to.
struct Found {
    span: Range<usize>,
    entry: usize,
    score: f64,
    /// The span already reads exactly as the entry: it claims its words, nothing changes.
    exact: bool,
}

/// Characters trimmed from the ends of a word; a word that had some ends a window.
fn is_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | '?' | '!' | ';' | ':' | '"' | '(' | ')' | '«' | '»'
    )
}

/// Words of a segment: byte spans, and whether a window may continue past the word.
fn words(text: &str, offset: usize) -> Vec<(Range<usize>, bool)> {
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in text.split_whitespace() {
        let start = pos + text[pos..].find(raw).expect("word of the text");
        pos = start + raw.len();
        let word = raw.trim_matches(is_punct);
        if word.is_empty() {
            // A lone punctuation mark ends the window before it.
            if let Some(last) = out.last_mut() {
                let (_, open): &mut (Range<usize>, bool) = last;
                *open = false;
            }
            continue;
        }
        let lead = raw.len() - raw.trim_start_matches(is_punct).len();
        let s = offset + start + lead;
        let open = !raw.ends_with(is_punct);
        out.push((s..s + word.len(), open));
    }
    out
}

/// How the baseline finds the entry closest to a window.
enum Scan {
    /// Every entry, in order: the obvious way.
    All,
    /// Only the entries whose length allows a normalised Levenshtein score at or above the
    /// threshold (|a| - |b| edits at least, so a score of at most 1 - ||a| - |b|| / max):
    /// the same matches as `All` (ties go to the first entry in both), in less time.
    LengthBand(Vec<(usize, usize)>),
}

impl Scan {
    fn length_band(lower: &[String]) -> Scan {
        let mut by_len: Vec<(usize, usize)> = (lower.iter().enumerate())
            .map(|(e, n)| (n.chars().count(), e))
            .collect();
        by_len.sort_unstable();
        Scan::LengthBand(by_len)
    }

    /// The closest entry to `said` and its score (the first such entry on ties).
    fn best(&self, said: &str, lower: &[String], metric: Metric, threshold: f64) -> (usize, f64) {
        let (mut best, mut best_score) = (usize::MAX, f64::MIN);
        let mut consider = |e: usize| {
            let score = metric.score(said, &lower[e]);
            if score > best_score || (score == best_score && e < best) {
                (best, best_score) = (e, score);
            }
        };
        match self {
            Scan::All => (0..lower.len()).for_each(&mut consider),
            Scan::LengthBand(by_len) => {
                let n = said.chars().count() as f64;
                let lo = (threshold * n).ceil() as usize;
                let hi = (n / threshold).floor() as usize;
                let from = by_len.partition_point(|&(len, _)| len < lo);
                for &(len, e) in &by_len[from..] {
                    if len > hi {
                        break;
                    }
                    consider(e);
                }
            }
        }
        (best, best_score)
    }
}

/// The obvious matcher. `names` are the entries' canonical names, `lower` the same in lower
/// case (prepared once, like an index).
fn baseline(
    transcript: &Transcript,
    names: &[String],
    lower: &[String],
    k: usize,
    (metric, threshold): (Metric, f64),
    scan: &Scan,
) -> (Vec<Found>, usize) {
    let source = transcript.source();
    let mut found = Vec::new();
    let mut windows = 0;
    for segment in transcript.segments() {
        let ws = words(transcript.text(segment), segment.span.start);
        for i in 0..ws.len() {
            let mut said = String::new();
            let mut written = String::new();
            for j in i..(i + k).min(ws.len()) {
                if j > i {
                    said.push(' ');
                    written.push(' ');
                }
                let word = &source[ws[j].0.clone()];
                written.push_str(word);
                said.push_str(&word.to_lowercase());
                windows += 1;
                let (best, best_score) = scan.best(&said, lower, metric, threshold);
                if best_score >= threshold {
                    found.push(Found {
                        span: ws[i].0.start..ws[j].0.end,
                        entry: best,
                        score: best_score,
                        exact: written == names[best],
                    });
                }
                if !ws[j].1 {
                    break;
                }
            }
        }
    }
    // Overlaps: best score first, then the longer span.
    found.sort_by(|a, b| {
        (b.score.total_cmp(&a.score))
            .then((b.span.len()).cmp(&a.span.len()))
            .then(a.span.start.cmp(&b.span.start))
    });
    let mut kept: Vec<Found> = Vec::new();
    for f in found {
        if !kept
            .iter()
            .any(|k| k.span.start < f.span.end && f.span.start < k.span.end)
        {
            kept.push(f);
        }
    }
    kept.sort_by_key(|f| f.span.start);
    (kept, windows)
}

/// The cues of `srt` for which `keep(planted names inside)` holds, in order, until `want`
/// words; with the planted names moved to their offsets in the sample.
fn sample(
    srt: &str,
    planted: &[Planted],
    want: usize,
    keep: impl Fn(&[Planted]) -> bool,
) -> (String, Vec<Planted>, usize) {
    let mut text = String::new();
    let mut moved = Vec::new();
    let mut words = 0;
    let mut start = 0;
    let mut p = 0;
    while start < srt.len() && words < want {
        let end = srt[start..]
            .find("\n\n")
            .map_or(srt.len(), |i| start + i + 2);
        let first = p;
        while p < planted.len() && planted[p].span.start < end {
            p += 1;
        }
        let inside = &planted[first..p];
        if keep(inside) {
            let shift = text.len() as isize - start as isize;
            text.push_str(&srt[start..end]);
            for x in inside {
                moved.push(Planted {
                    span: (x.span.start as isize + shift) as usize
                        ..(x.span.end as isize + shift) as usize,
                    ..x.clone()
                });
            }
            words += (srt[start..end].lines().skip(2))
                .flat_map(str::split_whitespace)
                .filter(|w| !w.trim_matches(is_punct).is_empty())
                .count();
        }
        start = end;
    }
    (text, moved, words)
}

struct Outcome {
    /// Misspelt names changed to their own term.
    right: usize,
    /// Misspelt names changed to another term (and not to theirs).
    wrong: usize,
    /// Lower-cased names given back their capitals (their own term).
    recapitalised: usize,
    /// Names already right (intact, or a doubled space) changed.
    intact_changed: usize,
    /// Changes overlapping no planted name.
    elsewhere: usize,
    changes: usize,
}

/// Scores changes (`span`, term name) against the planted names.
fn outcome(planted: &[Planted], names: &[String], changes: &[(Range<usize>, &str)]) -> Outcome {
    let of = |keep: fn(Slip) -> bool| -> Vec<&Planted> {
        planted.iter().filter(|p| keep(p.slip)).collect()
    };
    let misspelt = of(Slip::needs_fix);
    let spans: Vec<Range<usize>> = changes.iter().map(|c| c.0.clone()).collect();
    let own = |p: &Planted, i: usize| changes[i].1 == names[p.entry];
    let right = workload::planted_hits(&misspelt, &spans, own);
    let touched = workload::planted_hits(&misspelt, &spans, |_, _| true);
    Outcome {
        right,
        wrong: touched - right,
        recapitalised: workload::planted_hits(&of(|s| s == Slip::Lowercased), &spans, own),
        intact_changed: workload::planted_hits(
            &of(|s| matches!(s, Slip::Intact | Slip::Spacing)),
            &spans,
            |_, _| true,
        ),
        elsewhere: workload::unplanted(planted, &spans),
        changes: changes.len(),
    }
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(v) => (v.trim().replace('_', "").parse().ok())
            .unwrap_or_else(|| panic!("{name}={v:?} is not a valid value")),
        Err(_) => default,
    }
}

/// Wall and CPU seconds of a run (CPU: what this thread ran, see `workload::thread_cpu_s`;
/// the wall time when the platform does not tell).
#[derive(Clone, Copy)]
struct Took {
    wall: f64,
    cpu: f64,
}

fn took<T>(f: impl FnOnce() -> T) -> (T, Took) {
    let (out, wall, cpu) = workload::timed(f);
    (
        out,
        Took {
            wall,
            cpu: cpu.unwrap_or(wall),
        },
    )
}

/// transfix on `transcript`: the mean times of repeated matching runs (at least 5, and at
/// least half a second in all: the CPU clock ticks in milliseconds), and the proposals.
fn run_transfix(index: &Index, transcript: &Transcript) -> (Took, Vec<transfix::Proposal>) {
    let mut runs = 0;
    let mut proposals = Vec::new();
    let ((), all) = took(|| {
        let start = std::time::Instant::now();
        while runs < 5 || start.elapsed().as_secs_f64() < 0.5 {
            proposals = black_box(Matcher::new(index).find(black_box(transcript)));
            runs += 1;
        }
    });
    let t = Took {
        wall: all.wall / runs as f64,
        cpu: all.cpu / runs as f64,
    };
    (t, proposals)
}

fn changes_of(proposals: &[transfix::Proposal], min: f64) -> Vec<(Range<usize>, &str)> {
    (proposals.iter())
        .filter(|p| p.score >= min)
        .map(|p| (p.span.clone(), p.term.as_str()))
        .collect()
}

fn baseline_changes<'a>(found: &[Found], names: &'a [String]) -> Vec<(Range<usize>, &'a str)> {
    (found.iter())
        .filter(|f| !f.exact)
        .map(|f| (f.span.clone(), names[f.entry].as_str()))
        .collect()
}

fn main() {
    let benching = std::env::args().any(|a| a == "--bench");
    let sizes = if benching { BENCH } else { SMOKE };
    let entries = env_or("TRANSFIX_BASELINE_ENTRIES", sizes.entries).max(1);
    let speed_words = env_or("TRANSFIX_BASELINE_WORDS", sizes.speed_words).max(1);
    let recall_words = env_or("TRANSFIX_BASELINE_RECALL_WORDS", sizes.recall_words);
    let metric = match std::env::var("TRANSFIX_BASELINE_METRIC").as_deref() {
        Ok("jaro-winkler" | "jw") => Metric::JaroWinkler,
        Ok("levenshtein" | "lev") | Err(_) => Metric::Levenshtein,
        Ok(other) => panic!("TRANSFIX_BASELINE_METRIC={other:?}: levenshtein or jaro-winkler"),
    };
    let default_threshold = match metric {
        Metric::Levenshtein => 0.80,
        Metric::JaroWinkler => 0.90,
    };
    let threshold = env_or("TRANSFIX_BASELINE_THRESHOLD", default_threshold);
    let rule = (metric, threshold);

    let mix = Mix::default_mix();
    let work = workload::generate(entries, sizes.source_words, workload::SEED, &mix);
    let names: Vec<String> = (work.dictionary.entries.iter())
        .map(|e| e.name.clone())
        .collect();
    let k = (names.iter())
        .map(|n| n.split_whitespace().count())
        .max()
        .unwrap_or(1);
    let srt = &work.transcript.text;
    let all_planted = &work.transcript.planted;

    let (index, build) = took(|| Index::build(&work.dictionary));
    let build_s = build.wall;
    let (lower, prep) = took(|| names.iter().map(|n| n.to_lowercase()).collect::<Vec<_>>());
    let (banded, band_prep) = took(|| Scan::length_band(&lower));
    let prep_s = prep.wall + band_prep.wall;
    // The length band is exact for normalised Levenshtein only.
    let fast = if metric == Metric::Levenshtein {
        &banded
    } else {
        &Scan::All
    };

    println!(
        "transfix vs naive all-pairs baseline ({})",
        if benching { "bench" } else { "smoke run" }
    );
    println!(
        "  dictionary: {} entries ({}), longest name {k} words; workload {} words",
        names.len(),
        mix.spec(),
        work.transcript.words
    );
    println!(
        "  baseline: every window of 1..={k} words x every entry, {} >= {threshold:.2}, best entry kept, overlaps resolved best first",
        metric.name()
    );
    println!(
        "  load average at start: {}",
        workload::load_average().unwrap_or_default()
    );
    println!(
        "  not timed: transfix index build {build_s:.2} s; baseline lowercasing and length sort {prep_s:.3} s"
    );

    // 1. Speed, on the beginning of the workload (names at their usual 1 %).
    let (text, planted, words) = sample(srt, all_planted, speed_words, |_| true);
    let transcript = Transcript::parse(text.as_bytes()).expect("generated transcript");
    let (tf, _) = run_transfix(&index, &transcript);
    let ((naive, windows), naive_t) =
        took(|| baseline(&transcript, &names, &lower, k, rule, &Scan::All));
    let ((band, _), band_t) = took(|| baseline(&transcript, &names, &lower, k, rule, fast));
    let same = naive.len() == band.len()
        && (naive.iter().zip(&band)).all(|(a, b)| a.span == b.span && a.entry == b.entry);
    let comparisons = windows as f64 * names.len() as f64;
    let wps = |s: f64| words as f64 / s.max(1e-9);
    println!();
    println!(
        "  SPEED: the first {words} words of the workload ({} planted names), {windows} windows",
        planted.len()
    );
    println!(
        "  {:<38} {:>9} {:>9} {:>12} {:>12} {:>8}",
        "", "wall s", "CPU s", "words/s", "words/CPU-s", "ratio"
    );
    let line = |label: &str, t: Took, ratio: &str| {
        println!(
            "  {label:<38} {:>9.4} {:>9.4} {:>12.1} {:>12.1} {ratio:>8}",
            t.wall,
            t.cpu,
            wps(t.wall),
            wps(t.cpu)
        );
    };
    line("transfix (1 thread, mean of repeats)", tf, "1");
    let ratio = |t: Took| format!("{:.0}x", t.cpu / tf.cpu.max(1e-12));
    line("naive baseline (all pairs)", naive_t, &ratio(naive_t));
    line(
        if metric == Metric::Levenshtein {
            "baseline, length band (same matches)"
        } else {
            "baseline again (no band for this metric)"
        },
        band_t,
        &ratio(band_t),
    );
    println!(
        "  ratio: CPU time of the baseline / transfix's; naive: {:.0} ns a comparison ({comparisons:.3e})",
        naive_t.cpu * 1e9 / comparisons.max(1.0),
    );
    println!(
        "  the length band finds the naive run's matches: {}",
        if same { "yes" } else { "NO" }
    );
    assert!(same, "the length band changed the baseline's matches");

    // 2. Recall, on cues that hold a misspelt name.
    if recall_words == 0 {
        return;
    }
    let (text, planted, words) = sample(srt, all_planted, recall_words, |inside| {
        inside.iter().any(|p| p.slip.needs_fix())
    });
    let transcript = Transcript::parse(text.as_bytes()).expect("generated transcript");
    let count = |keep: fn(Slip) -> bool| planted.iter().filter(|p| keep(p.slip)).count();
    let altered = count(Slip::needs_fix);
    let lowercased = count(|s| s == Slip::Lowercased);
    let intact = count(|s| matches!(s, Slip::Intact | Slip::Spacing));
    let (tf_t, proposals) = run_transfix(&index, &transcript);
    let ((found, windows), base_t) = took(|| baseline(&transcript, &names, &lower, k, rule, fast));
    let tf = outcome(&planted, &names, &changes_of(&proposals, AUTO_APPLY));
    let tf_any = outcome(&planted, &names, &changes_of(&proposals, 0.0));
    let base = outcome(&planted, &names, &baseline_changes(&found, &names));
    let wps = |s: f64| words as f64 / s.max(1e-9);
    println!();
    println!(
        "  RECALL: {words} words in the {} cues that hold a misspelt name (the first ones of the workload), {windows} windows",
        transcript.segments().len()
    );
    println!(
        "  planted names: {} ({altered} misspelt, {lowercased} only lower-cased, {intact} intact or with a doubled space)",
        planted.len(),
    );
    println!(
        "  {:<34} {:>16} {:>16} {:>16}",
        "", "transfix fix", "transfix check", "baseline"
    );
    let pct = |n: usize| format!("{n} ({:.1} %)", 100.0 * n as f64 / altered.max(1) as f64);
    println!(
        "  {:<34} {:>16} {:>16} {:>16}",
        "misspelt names, right term",
        pct(tf.right),
        pct(tf_any.right),
        pct(base.right)
    );
    let row = |label: &str, a: usize, b: usize, c: usize| {
        println!("  {label:<34} {a:>16} {b:>16} {c:>16}");
    };
    row(
        "misspelt names, wrong term",
        tf.wrong,
        tf_any.wrong,
        base.wrong,
    );
    println!(
        "  {:<34} {:>16} {:>16} {:>16}",
        "lower-cased names recapitalised",
        format!("{}/{lowercased}", tf.recapitalised),
        format!("{}/{lowercased}", tf_any.recapitalised),
        format!("{}/{lowercased}", base.recapitalised),
    );
    row(
        "names already right, changed",
        tf.intact_changed,
        tf_any.intact_changed,
        base.intact_changed,
    );
    row(
        "changes off planted names",
        tf.elsewhere,
        tf_any.elsewhere,
        base.elsewhere,
    );
    row("changes in all", tf.changes, tf_any.changes, base.changes);
    println!(
        "  {:<34} {:>16.0} {:>16} {:>16.2}",
        "words/CPU-s on this sample",
        wps(tf_t.cpu),
        "",
        wps(base_t.cpu)
    );
    println!(
        "  (transfix fix = proposals >= {AUTO_APPLY:.2}, what `fix` applies; check = every proposal `check` lists;"
    );
    println!(
        "   baseline = the length-band run, whose matches are the naive one's{})",
        if metric == Metric::Levenshtein {
            ""
        } else {
            " (here: the naive run)"
        }
    );
    println!(
        "  load average at the end: {}",
        workload::load_average().unwrap_or_default()
    );
}
