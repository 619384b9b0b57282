//! Synthetic tool outputs for checking the scorer port against score.py (run by
//! `quality/verify_score.py`, never by a plain `cargo test`).
//!
//! Each output is the raw transcript with a random, reproducible mix of gold fixes,
//! near-miss fixes and bogus edits, so that every branch of `score_text` is taken:
//! hits, misses with and without a tool edit, false changes, case-only edits,
//! insertions, deletions, merges and splits of tokens.

use std::fs;
use std::ops::Range;
use std::path::Path;

use serde_json::json;

use super::difflib::edit_opcodes;
use super::gold::Case;
use super::score::{self, Span};

const VARIANTS_PER_FILE: u64 = 12;
const DIFFLIB_PAIRS: u64 = 400;

/// xorshift64*: small, seedable, the same on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

type RawEdit = (Range<usize>, String);

/// How the synthetic tool handles one gold fix.
fn gold_edit(rng: &mut Rng, raw: &str, s: &Span) -> Option<RawEdit> {
    let span = s.start..s.end;
    match rng.below(8) {
        0..=2 => Some((span, s.right.clone())),
        3 => None,
        4 => Some((span, s.right.to_uppercase())), // right up to case: still a hit
        5 => Some((span, format!("{}x", s.right))), // near miss
        6 => Some((span, s.right.split(' ').next().unwrap_or("").to_owned())),
        _ => {
            // the fix plus the next word swallowed
            let end = raw[s.end..].find(' ').map_or(raw.len(), |i| s.end + i + 1);
            Some((s.start..end, format!("{} ", s.right)))
        }
    }
}

/// A bogus edit around a random token of the raw text.
fn bogus_edit(rng: &mut Rng, raw: &str, toks: &[score::Token]) -> Option<RawEdit> {
    let i = rng.below(toks.len());
    let t = toks.get(i)?;
    let span = t.start..t.end;
    Some(match rng.below(7) {
        0 => (span, "Zorglub".into()),
        1 => {
            // delete the word and the character after it
            let after = raw[t.end..].chars().next().map_or(0, char::len_utf8);
            (t.start..t.end + after, String::new())
        }
        2 => (t.start..t.start, "euh ".into()), // insert word
        3 => (span, t.text.to_uppercase()),     // case only
        4 => {
            // merge with the next token
            let next = toks.get(i + 1)?;
            (span.start..next.end, format!("{}{}", t.text, next.text))
        }
        5 => {
            // split inside the token
            let mid = t.text.char_indices().nth(1).map(|(b, _)| b)?;
            (span, format!("{} {}", &t.text[..mid], &t.text[mid..]))
        }
        _ => (span, t.text.to_owned()), // a no-op edit
    })
}

/// Keeps non-overlapping edits in position order and applies them.
fn apply_edits(raw: &str, mut edits: Vec<RawEdit>) -> String {
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    let mut out = String::new();
    let mut last = 0;
    for (r, rep) in edits {
        if r.start < last {
            continue;
        }
        out.push_str(&raw[last..r.start]);
        out.push_str(&rep);
        last = r.end;
    }
    out.push_str(&raw[last..]);
    out
}

fn variant(rng: &mut Rng, case: &Case, v: u64) -> String {
    let raw = &case.raw;
    match v {
        0 => return score::apply(raw, &case.spans),
        1 => return raw.clone(),
        _ => {}
    }
    let toks = score::tokens(raw);
    let mut edits: Vec<RawEdit> = case
        .spans
        .iter()
        .filter_map(|s| gold_edit(rng, raw, s))
        .collect();
    let bogus = rng.below(7);
    edits.extend((0..bogus).filter_map(|_| bogus_edit(rng, raw, &toks)));
    apply_edits(raw, edits)
}

fn score_json(s: &score::Score) -> serde_json::Value {
    let details: Vec<_> = s
        .details
        .iter()
        .map(|d| json!([d.kind, d.raw, d.gold, d.out]))
        .collect();
    json!({"gold": s.gold, "hit": s.hit, "tp": s.tp, "fp": s.fp, "details": details,
           "level_hits": s.level_hits, "level_tot": s.level_tot})
}

/// Writes `cases.jsonl` (one synthetic output and its Rust score a line), the outputs,
/// and `difflib.jsonl` (random token sequences with many ties and their opcodes).
pub fn dump(cases: &[Case], dir: &Path) {
    fs::create_dir_all(dir).expect("dump dir");
    let mut lines = Vec::new();
    for (n, case) in cases.iter().enumerate() {
        for v in 0..VARIANTS_PER_FILE {
            let mut rng = Rng::new(n as u64 * 1000 + v);
            let out = variant(&mut rng, case, v);
            let out_path = dir.join(format!("{n:03}-{v:02}.out"));
            fs::write(&out_path, &out).expect("write output");
            let s = score::score_text(&case.raw, &case.spans, &out);
            let toks: Vec<&str> = score::tokens(&case.raw).iter().map(|t| t.text).collect();
            lines.push(json!({
                "gold": case.gold_path, "transcript": case.transcript_path, "out": out_path,
                "score": score_json(&s), "raw_tokens": if v == 0 { json!(toks) } else { json!(null) },
            }));
        }
    }
    write_jsonl(&dir.join("cases.jsonl"), &lines);
    let mut rng = Rng::new(7);
    let pairs: Vec<_> = (0..DIFFLIB_PAIRS)
        .map(|_| {
            let mut seq = || -> Vec<String> {
                let len = rng.below(30);
                (0..len)
                    .map(|_| ["a", "b", "c", "d"][rng.below(4)].to_owned())
                    .collect()
            };
            let (a, b) = (seq(), seq());
            let ops: Vec<_> = edit_opcodes(&a, &b)
                .iter()
                .map(|o| [o.i1, o.i2, o.j1, o.j2])
                .collect();
            json!({"a": a, "b": b, "ops": ops})
        })
        .collect();
    write_jsonl(&dir.join("difflib.jsonl"), &pairs);
    println!(
        "wrote {} cases and {} difflib pairs to {}",
        lines.len(),
        pairs.len(),
        dir.display()
    );
}

fn write_jsonl(path: &Path, lines: &[serde_json::Value]) {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    fs::write(path, text).expect("write jsonl");
}
