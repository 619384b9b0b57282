//! A port of `score.py` (`/work/shared/eval/score.py`): gold spans, token-level edit
//! blocks, connected components and the tp / fp / hit counts.
//!
//! Offsets here are bytes where Python uses characters; both only locate spans and
//! tokens, so the counts are the same. The functions keep score.py's names so the two
//! can be read side by side.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::difflib::{Block, edit_opcodes};
use super::gold::GoldFix;

/// score.py's `\w+|[^\w\s]` under Python's `re`: `\w` is a letter, a number (any `N`
/// category, `²` included) or `_`, but not a combining mark, unlike the `regex` crate's
/// `\w`; `\s` also covers the separators U+001C..U+001F, as `str.isspace()` does.
static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{L}\p{N}_]+|[^\p{L}\p{N}_\s\x1C-\x1F]").expect("token pattern")
});

/// A gold fix located in the raw text: `raw[start..end]` should read `right`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub right: String,
    pub level: String,
    /// The fix's `kind`, [`UNKNOWN_KIND`] where the gold file gives none.
    pub kind: String,
}

/// The kind of a fix whose gold entry has no `kind`.
pub const UNKNOWN_KIND: &str = "other";

/// score.py's `spans`: locate each fix by `wrong` and `occurrence` (overlapping
/// occurrences count, as `str.find(w, pos + 1)` does), skip case-only fixes, sort.
pub fn spans(text: &str, fixes: &[GoldFix]) -> Result<Vec<Span>, String> {
    let mut out = Vec::new();
    for fx in fixes {
        if fx.wrong.to_lowercase() == fx.right.to_lowercase() {
            continue; // case-only fixes are neither required nor penalised
        }
        let start = nth_occurrence(text, &fx.wrong, fx.occurrence).ok_or_else(|| {
            format!(
                "gold: {:?} occurrence {} not found",
                fx.wrong, fx.occurrence
            )
        })?;
        out.push(Span {
            start,
            end: start + fx.wrong.len(),
            right: fx.right.clone(),
            level: fx.level.clone(),
            kind: fx.kind.clone().unwrap_or_else(|| UNKNOWN_KIND.into()),
        });
    }
    out.sort();
    if out.windows(2).any(|w| w[1].start < w[0].end) {
        return Err("gold: overlapping fixes".into());
    }
    Ok(out)
}

/// Byte offset of the `k`-th (1-based) occurrence of `needle`, overlaps counted.
fn nth_occurrence(text: &str, needle: &str, k: usize) -> Option<usize> {
    let mut pos: Option<usize> = None;
    for _ in 0..k {
        // Python's `pos + 1` is one character on, here the next char boundary.
        let from = pos.map_or(0, |p| {
            p + text[p..].chars().next().map_or(1, char::len_utf8)
        });
        pos = Some(from + text.get(from..)?.find(needle)?);
    }
    pos
}

/// score.py's `apply`: the raw text with the gold replacements.
pub fn apply(text: &str, fixes: &[Span]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for fx in fixes {
        out.push_str(&text[last..fx.start]);
        out.push_str(&fx.right);
        last = fx.end;
    }
    out.push_str(&text[last..]);
    out
}

#[derive(Debug, Clone, Copy)]
pub struct Token<'t> {
    pub text: &'t str,
    pub start: usize,
    pub end: usize,
}

pub fn tokens(text: &str) -> Vec<Token<'_>> {
    TOKEN
        .find_iter(text)
        .map(|m| Token {
            text: m.as_str(),
            start: m.start(),
            end: m.end(),
        })
        .collect()
}

fn words<'t>(toks: &[Token<'t>]) -> Vec<&'t str> {
    toks.iter().map(|t| t.text).collect()
}

/// score.py's `edit_blocks`: the non-equal opcodes of `src` -> `dst` over token texts.
pub fn edit_blocks(src: &[Token], dst: &[Token]) -> Vec<Block> {
    edit_opcodes(&words(src), &words(dst))
}

/// One line of score.py's verbose output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    /// `"miss"` (a gold region not read as gold) or `"false"` (an edit gold does not make).
    pub kind: &'static str,
    pub raw: String,
    pub gold: String,
    pub out: String,
}

/// What `score_text` returns, field for field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Score {
    pub gold: usize,
    pub hit: usize,
    pub tp: usize,
    pub fp: usize,
    pub details: Vec<Detail>,
    pub level_hits: BTreeMap<String, usize>,
    pub level_tot: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Gold,
    Tool,
}

/// score.py's `iv`: the raw-token interval of an edit; an insertion touches one point.
fn iv(e: &Block) -> (usize, usize) {
    if e.i1 == e.i2 {
        (e.i1, e.i1 + 1)
    } else {
        (e.i1, e.i2)
    }
}

/// Groups gold and tool edits whose raw intervals overlap (or where an insertion touches
/// the end of the group), in score.py's order: gold edits first among equal intervals.
fn components(ge: &[Block], te: &[Block]) -> Vec<Vec<(Side, Block)>> {
    let mut items: Vec<(Side, Block)> = ge.iter().map(|e| (Side::Gold, *e)).collect();
    items.extend(te.iter().map(|e| (Side::Tool, *e)));
    items.sort_by_key(|(_, e)| iv(e)); // stable, like Python's sort
    let mut comps = Vec::new();
    let mut cur: Vec<(Side, Block)> = Vec::new();
    let mut end = 0;
    for it in items {
        let (a, b) = iv(&it.1);
        let joins = !cur.is_empty() && (a < end || (a == end && it.1.i1 == it.1.i2));
        if joins {
            cur.push(it);
            end = end.max(b);
        } else {
            if !cur.is_empty() {
                comps.push(std::mem::take(&mut cur));
            }
            cur.push(it);
            end = b;
        }
    }
    if !cur.is_empty() {
        comps.push(cur);
    }
    comps
}

/// Python's `seq[j1:j2]` for possibly negative or out-of-range bounds.
fn py_slice<T>(seq: &[T], j1: isize, j2: isize) -> &[T] {
    let len = seq.len() as isize;
    let norm = |j: isize| if j < 0 { (j + len).max(0) } else { j.min(len) };
    let (a, b) = (norm(j1), norm(j2));
    if a < b {
        &seq[a as usize..b as usize]
    } else {
        &[]
    }
}

/// score.py's `seg`: what the component's raw range `i1..i2` reads as on one side.
fn seg<'t>(
    comp: &[(Side, Block)],
    side: Side,
    raw: &[Token<'t>],
    x: &[Token<'t>],
    (i1, i2): (usize, usize),
) -> Vec<&'t str> {
    let sel: Vec<&Block> = comp
        .iter()
        .filter(|(s, _)| *s == side)
        .map(|(_, e)| e)
        .collect();
    if sel.is_empty() {
        return words(&raw[i1..i2]);
    }
    let min = |f: fn(&Block) -> usize| sel.iter().map(|e| f(e) as isize).min().unwrap_or(0);
    let max = |f: fn(&Block) -> usize| sel.iter().map(|e| f(e) as isize).max().unwrap_or(0);
    let j1 = min(|e| e.j1) - (min(|e| e.i1) - i1 as isize);
    let j2 = max(|e| e.j2) + (i2 as isize - max(|e| e.i2));
    words(py_slice(x, j1, j2))
}

fn lower(ws: &[&str]) -> Vec<String> {
    ws.iter().map(|w| w.to_lowercase()).collect()
}

/// score.py's `raw_tok_range`: the raw tokens a char span touches, `(0, 0)` if none.
fn raw_tok_range(raw: &[Token], a: usize, b: usize) -> (usize, usize) {
    let idx: Vec<usize> = (0..raw.len())
        .filter(|&i| raw[i].start < b && raw[i].end > a)
        .collect();
    match (idx.first(), idx.last()) {
        (Some(&f), Some(&l)) => (f, l + 1),
        _ => (0, 0),
    }
}

/// score.py's `score_text`.
pub fn score_text(raw: &str, gold_fixes: &[Span], out: &str) -> Score {
    let gold_text = apply(raw, gold_fixes);
    let (r, g, t) = (tokens(raw), tokens(&gold_text), tokens(out));
    let comps = components(&edit_blocks(&r, &g), &edit_blocks(&r, &t));
    let mut score = Score::default();
    // Per component: its raw range, and whether it holds gold and reads as gold.
    let mut comp_ranges = Vec::new();
    let mut comp_same = Vec::new();
    for comp in &comps {
        let i1 = comp.iter().map(|(_, e)| e.i1).min().unwrap_or(0);
        let i2 = comp.iter().map(|(_, e)| e.i2).max().unwrap_or(0);
        let gseg = seg(comp, Side::Gold, &r, &g, (i1, i2));
        let tseg = seg(comp, Side::Tool, &r, &t, (i1, i2));
        let rseg = words(&r[i1..i2]);
        let has_t = comp.iter().any(|(s, _)| *s == Side::Tool);
        let has_g = comp.iter().any(|(s, _)| *s == Side::Gold);
        let same = lower(&gseg) == lower(&tseg);
        let case_only_t = lower(&tseg) == lower(&rseg);
        comp_ranges.push((i1, i2.max(i1 + 1)));
        comp_same.push(same && has_g);
        let detail = |kind, gold: &[&str]| Detail {
            kind,
            raw: rseg.join(" "),
            gold: gold.join(" "),
            out: tseg.join(" "),
        };
        if has_g {
            if same {
                score.tp += 1;
            } else {
                score.details.push(detail("miss", &gseg));
                if has_t && !case_only_t {
                    score.fp += 1;
                }
            }
        } else if has_t && !case_only_t {
            score.fp += 1;
            score.details.push(detail("false", &[]));
        }
    }
    for fx in gold_fixes {
        let (g0, g1) = raw_tok_range(&r, fx.start, fx.end);
        let over: Vec<usize> = (0..comp_ranges.len())
            .filter(|&k| comp_ranges[k].0 < g1.max(g0 + 1) && comp_ranges[k].1 > g0)
            .collect();
        if over.is_empty() {
            continue; // the fix vanishes under tokenisation (e.g. whitespace only)
        }
        score.gold += 1;
        *score.level_tot.entry(fx.level.clone()).or_default() += 1;
        if over.iter().all(|&k| comp_same[k]) {
            score.hit += 1;
            *score.level_hits.entry(fx.level.clone()).or_default() += 1;
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_follow_python_re() {
        // re.findall(r"\w+|[^\w\s]", "e\u0301t\u00e9 x\u00b2 a\u203fb \ufeffz") in CPython
        let got: Vec<&str> = tokens("e\u{301}t\u{e9} x\u{b2} a\u{203f}b \u{feff}z")
            .iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            got,
            [
                "e", "\u{301}", "t\u{e9}", "x\u{b2}", "a", "\u{203f}", "b", "\u{feff}", "z"
            ]
        );
    }

    #[test]
    fn occurrences_overlap_like_str_find() {
        assert_eq!(nth_occurrence("aaa", "aa", 1), Some(0));
        assert_eq!(nth_occurrence("aaa", "aa", 2), Some(1));
        assert_eq!(nth_occurrence("aaa", "aa", 3), None);
        assert_eq!(nth_occurrence("éaéa", "a", 2), Some(5));
    }
}
