//! Writes a benchmark workload: a dictionary of made-up names in several languages and an SRT
//! transcript of ordinary French and English speech with some of them planted, half altered
//! the way speech recognition slips. Deterministic: same options, same bytes.
//!
//! ```sh
//! cargo run --release --example generate -- --entries 100000 --words 1000000 --out bench-data
//! transfix --dict bench-data/dictionary.toml fix --out-dir out bench-data/transcript.srt
//! rg -F -f bench-data/names.txt bench-data/transcript.srt
//! ```
//!
//! The generation code is `benches/support/workload.rs`, shared with the benches.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Parser;
use transfix::Transcript;
use transfix::transcript::ReadOptions;

#[path = "../benches/support/workload.rs"]
mod workload;

use workload::{Lang, Mix};

/// Generate a benchmark workload for transfix (dictionary, transcript, name list).
#[derive(Parser)]
#[command(
    after_help = "Files written in --out: dictionary.toml, transcript.srt, transcript.txt \
                  (the same words as plain text, one paragraph a cue), names.txt (one \
                  canonical name a line, for `rg -F -f`), planted.tsv (byte offsets in \
                  transcript.srt of each planted name, whether it was altered, its term)."
)]
struct Args {
    /// Dictionary entries.
    #[arg(long, default_value_t = 100_000)]
    entries: usize,
    /// Words of transcript (approximately: the last cue is finished).
    #[arg(long, default_value_t = 1_000_000)]
    words: usize,
    /// Directory to write into (created if missing).
    #[arg(long, default_value = "bench-data")]
    out: PathBuf,
    /// Languages of the names with their weights; `fr:60,en:40` is the first bench's workload.
    #[arg(long, default_value = workload::DEFAULT_LANGS, value_parser = Mix::parse)]
    langs: Mix,
    /// Seed of the generator (decimal or 0x-hex).
    #[arg(long, default_value = "0x72616e7366697821", value_parser = parse_seed)]
    seed: u64,
    /// Also write captions.srt: the spoken lines of every transcript under DIR (real
    /// captions), one cue each, repeated in order to --words words.
    #[arg(long, value_name = "DIR")]
    captions: Option<PathBuf>,
}

fn parse_seed(s: &str) -> Result<u64, String> {
    let parsed = match s.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(&hex.replace('_', ""), 16),
        None => s.replace('_', "").parse(),
    };
    parsed.map_err(|e| format!("`{s}`: {e}"))
}

fn main() {
    let args = Args::parse();
    let t = Instant::now();
    let workload = workload::generate(args.entries, args.words, args.seed, &args.langs);
    let generated_s = t.elapsed().as_secs_f64();
    if let Err(e) = workload::write_files(&args.out, &workload) {
        eprintln!("generate: cannot write to {}: {e}", args.out.display());
        std::process::exit(1);
    }
    let t_all = t.elapsed().as_secs_f64();

    let dict = &workload.dictionary;
    let transcript = &workload.transcript;
    let by_lang: Vec<String> = Lang::ALL
        .into_iter()
        .filter_map(|lang| {
            let n = (dict.entries.iter())
                .filter(|e| e.lang.as_deref() == Some(lang.code()))
                .count();
            (n > 0).then(|| format!("{} {n}", lang.code()))
        })
        .collect();
    let longest = (dict.entries.iter())
        .map(|e| e.name.split_whitespace().count())
        .max()
        .unwrap_or(0);
    println!(
        "wrote {} ({:.2} s, generation {:.2} s)",
        args.out.display(),
        t_all,
        generated_s
    );
    println!(
        "  entries    {} ({}; longest {longest} words)",
        dict.entries.len(),
        by_lang.join(", ")
    );
    println!(
        "  words      {} ({} bytes of SRT)",
        transcript.words,
        transcript.text.len()
    );
    println!(
        "  planted    {} names, {} altered",
        transcript.planted.len(),
        transcript.perturbed
    );
    println!("  files      {}", workload::FILES.join(", "));
    if let Some(dir) = &args.captions {
        match captions(dir, args.words, &args.out.join("captions.srt")) {
            Ok((lines, words)) => println!(
                "  captions   {words} words, {lines} cues of the transcripts in {}",
                dir.display()
            ),
            Err(e) => {
                eprintln!("generate: captions from {}: {e}", dir.display());
                std::process::exit(1);
            }
        }
    }
}

/// Writes the spoken lines of the transcripts under `dir` (sorted by path) as SRT cues, over
/// and over until `words` words; returns the cues and words written.
fn captions(dir: &Path, words: usize, out: &Path) -> Result<(usize, usize), String> {
    let mut lines = Vec::new();
    for path in transcripts(dir)? {
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let t = Transcript::read(&bytes, ReadOptions::default())
            .map_err(|e| format!("{}: {e}", path.display()))?;
        for segment in t.segments() {
            let line = t
                .text(segment)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            if !line.is_empty() {
                lines.push(line);
            }
        }
    }
    if lines.is_empty() {
        return Err("no transcript with spoken text".into());
    }
    let mut srt = String::new();
    let (mut cues, mut written) = (0, 0);
    for line in lines.iter().cycle() {
        if written >= words {
            break;
        }
        let (start, end) = (cues * 3, cues * 3 + 3);
        cues += 1;
        written += line.split(' ').count();
        let time = |s: usize| format!("{:02}:{:02}:{:02},000", s / 3600, s / 60 % 60, s % 60);
        srt.push_str(&format!(
            "{cues}\n{} --> {}\n{line}\n\n",
            time(start),
            time(end)
        ));
    }
    std::fs::write(out, srt).map_err(|e| format!("{}: {e}", out.display()))?;
    Ok((cues, written))
}

/// Transcript files under `dir`, sorted, leaving out gold annotations and notes.
fn transcripts(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if path.is_dir() {
                stack.push(path);
            } else if !name.ends_with(".toml") && !name.ends_with(".md") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}
