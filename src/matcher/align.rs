//! Weighted alignment of phoneme strings, with per-word coverage from the back-trace.
//!
//! Both sides are compared without spaces, so a split ("techno police") or a merge
//! ("Vandermeer" for "van der Meer") costs nothing by itself; the back-trace then tells how well each word
//! of the term was heard, so a window cannot match on one shared word.

use std::sync::OnceLock;

/// Result of aligning a window's phonemes with a term's.
#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    /// 1 − weighted cost / longer length, in [0, 1].
    pub similarity: f64,
    /// Per term word: 1 − cost of its part / its length, in [0, 1].
    pub coverage: Vec<f64>,
    /// Window phonemes left unmatched before the term starts and after it ends.
    pub unmatched_edges: (usize, usize),
}

const VOWELS: &[u8] = b"ieaouy2@135";

/// Pairs that differ by one feature (voicing, nasality, openness...) cost 0.35.
const CLOSE: &[(u8, u8)] = &[
    (b'p', b'b'),
    (b't', b'd'),
    (b'k', b'g'),
    (b'f', b'v'),
    (b's', b'z'),
    (b'S', b'Z'),
    (b's', b'S'),
    (b'z', b'Z'),
    (b'T', b't'),
    (b'T', b'f'),
    (b'T', b's'),
    (b'D', b'd'),
    (b'D', b'z'),
    (b'D', b'v'),
    (b'm', b'n'),
    (b'n', b'N'),
    (b'n', b'G'),
    (b'j', b'i'),
    (b'w', b'u'),
    (b'w', b'v'),
    (b'e', b'i'),
    (b'e', b'@'),
    (b'2', b'@'),
    (b'2', b'e'),
    (b'o', b'u'),
    (b'u', b'y'),
    (b'y', b'i'),
    (b'a', b'@'),
    (b'o', b'@'),
    (b'1', b'e'),
    (b'5', b'3'),
    (b'1', b'5'),
    (b'5', b'a'),
    (b'3', b'o'),
    (b'j', b'Z'),
    (b'l', b'R'),
    (b'k', b'x'),
    (b'h', b'R'),
];

/// Substitution costs between any two phoneme bytes: indexed by `u8`, never out of bounds.
type Table = [[f32; 256]; 256];

fn table() -> &'static Table {
    static TABLE: OnceLock<Box<Table>> = OnceLock::new();
    TABLE.get_or_init(|| {
        // Built on the heap: 256 kB is too much for a thread's stack.
        let mut t: Box<Table> = (vec![[1.0f32; 256]; 256].into_boxed_slice().try_into())
            .unwrap_or_else(|_| unreachable!());
        for a in 0..=255u8 {
            t[a as usize][a as usize] = 0.0;
        }
        for a in 0..128u8 {
            for b in 0..128u8 {
                if a != b && VOWELS.contains(&a) && VOWELS.contains(&b) {
                    t[a as usize][b as usize] = 0.6;
                }
            }
        }
        for &(a, b) in CLOSE {
            t[a as usize][b as usize] = 0.35;
            t[b as usize][a as usize] = 0.35;
        }
        t
    })
}

fn sub(table: &Table, a: u8, b: u8) -> f32 {
    table[usize::from(a)][usize::from(b)]
}

/// Sounds whose presence or absence ASR and spelling blur (schwa, h, glides) cost half.
fn indel(a: u8) -> f32 {
    if matches!(a, b'@' | b'h' | b'j' | b'w') {
        0.5
    } else {
        1.0
    }
}

/// The indel cost of the phoneme at `k` of `s`. The stop of an affricate before its
/// fricative ("dZ", "tS") also costs half: a French "j" or "ch" is an English "j" or "ch"
/// without it (an English dʒ heard in a French ʒ, tʃ in ʃ, and the other way round).
fn indel_in(s: &[u8], k: usize) -> f32 {
    let affricate_stop = matches!(
        (s[k], s.get(k + 1)),
        (b'd', Some(b'Z')) | (b't', Some(b'S'))
    );
    if affricate_stop { 0.5 } else { indel(s[k]) }
}

/// Aligns `window` with `term`, whose words end at the byte offsets in `term_ends`.
/// `None` as soon as the similarity is sure to stay below `floor`: every path crosses every
/// row, so a row whose cheapest cell is already too dear ends the search. Most candidates
/// stop after a few rows.
pub fn align(window: &[u8], term: &[u8], term_ends: &[usize], floor: f64) -> Option<Alignment> {
    let (n, m) = (window.len(), term.len());
    let longer = n.max(m).max(1) as f64;
    let budget = ((1.0 - floor) * longer) as f32 + 1e-4;
    // Every extra phoneme of the longer side costs at least a weak indel.
    if n.abs_diff(m) as f32 * 0.5 > budget {
        return None;
    }
    thread_local! {
        // The matrix of the last alignment, reused: most alignments are tiny and many.
        static COST: std::cell::RefCell<Matrix> = std::cell::RefCell::default();
    }
    COST.with_borrow_mut(|matrix| {
        fill(matrix, window, term, budget)?;
        let cost = &matrix.cost;
        let total = f64::from(cost[n * (m + 1) + m]);
        let (coverage, unmatched_edges) = trace(cost, window, term, term_ends);
        Some(Alignment {
            similarity: (1.0 - total / longer).max(0.0),
            coverage,
            unmatched_edges,
        })
    })
}

/// The cost matrix, and per term phoneme its deletion cost: the innermost loop of
/// verification reads it instead of recomputing it row after row.
#[derive(Default)]
struct Matrix {
    cost: Vec<f32>,
    term_indel: Vec<f32>,
}

/// Fills the cost matrix row by row; `None` once a whole row costs more than `budget`.
fn fill(matrix: &mut Matrix, window: &[u8], term: &[u8], budget: f32) -> Option<()> {
    let (n, m) = (window.len(), term.len());
    let table = table();
    let w = m + 1;
    let Matrix { cost, term_indel } = matrix;
    // Every cell is written before it is read: the matrix is only grown, never cleared.
    if cost.len() < (n + 1) * w {
        cost.resize((n + 1) * w, 0.0);
    }
    term_indel.clear();
    term_indel.extend((0..term.len()).map(|k| indel_in(term, k)));
    cost[0] = 0.0;
    for j in 1..=m {
        cost[j] = cost[j - 1] + term_indel[j - 1];
    }
    for i in 1..=n {
        let (a, skip_a) = (window[i - 1], indel_in(window, i - 1));
        let (above, row) = cost[(i - 1) * w..(i + 1) * w].split_at_mut(w);
        row[0] = above[0] + skip_a;
        let subs = &table[usize::from(a)];
        // A path through a cell still has to cross the difference of the lengths left on
        // both sides, at least a weak indel a phoneme: the row's cheapest cell counts it.
        let ahead = (n - i) as f32 - m as f32;
        let (mut left, mut cheapest) = (row[0], row[0] + 0.5 * ahead.abs());
        let (mut gap, mut diagonal) = (ahead, above[0]);
        // Zipped, not indexed: no bounds checks in the hottest loop of verification.
        let cells = (row[1..].iter_mut().zip(&above[1..])).zip(term.iter().zip(&*term_indel));
        for ((cell, &up), (&b, &del)) in cells {
            let here = least(
                least(diagonal + subs[usize::from(b)], up + skip_a),
                left + del,
            );
            *cell = here;
            (left, diagonal) = (here, up);
            gap += 1.0;
            cheapest = least(cheapest, here + 0.5 * gap.abs());
        }
        if cheapest > budget {
            return None;
        }
    }
    (cost[n * w + m] <= budget).then_some(())
}

/// `<` rather than `f32::min`: no NaN here, and this is the hottest loop.
fn least(a: f32, b: f32) -> f32 {
    if b < a { b } else { a }
}

/// Walks the cost matrix back and charges each step to the term word it falls in; also
/// counts the window phonemes inserted before and after the term.
fn trace(
    cost: &[f32],
    window: &[u8],
    term: &[u8],
    term_ends: &[usize],
) -> (Vec<f64>, (usize, usize)) {
    let w = term.len() + 1;
    let word_of = |j: usize| {
        term_ends
            .iter()
            .position(|&end| j < end)
            .unwrap_or(term_ends.len() - 1)
    };
    let mut charged = vec![0f32; term_ends.len()];
    let mut heard = vec![0usize; term_ends.len()];
    let (mut i, mut j) = (window.len(), term.len());
    let mut trailing = 0;
    let mut leading = 0;
    while i > 0 || j > 0 {
        let here = cost[i * w + j];
        // Insertions are charged to the word they follow (or the first word).
        let word = word_of(j.saturating_sub(1));
        if i > 0
            && j > 0
            && close(
                here,
                cost[(i - 1) * w + j - 1] + sub(table(), window[i - 1], term[j - 1]),
            )
        {
            charged[word] += here - cost[(i - 1) * w + j - 1];
            heard[word] += 1;
            i -= 1;
            j -= 1;
        } else if i > 0 && close(here, cost[(i - 1) * w + j] + indel_in(window, i - 1)) {
            charged[word] += here - cost[(i - 1) * w + j];
            heard[word] += 1;
            trailing += usize::from(j == term.len());
            leading += usize::from(j == 0);
            i -= 1;
        } else {
            charged[word] += here - cost[i * w + j - 1];
            j -= 1;
        }
    }
    let mut start = 0;
    let coverage = term_ends
        .iter()
        .enumerate()
        .map(|(k, &end)| {
            let len = (end - start).max(heard[k]).max(1) as f64;
            start = end;
            (1.0 - f64::from(charged[k]) / len).max(0.0)
        })
        .collect();
    (coverage, (leading, trailing))
}

/// 1 − edit distance / the longer's length: 1 for equal strings, empty ones too.
pub fn similarity(a: &[u8], b: &[u8]) -> f64 {
    similarity_of(levenshtein(a, b), a.len().max(b.len()))
}

/// The most `similarity` can be for strings of `a` and `b` units: every unit one has over
/// the other is an edit.
pub fn similarity_at_most(a: usize, b: usize) -> f64 {
    similarity_of(a.abs_diff(b), a.max(b))
}

fn similarity_of(distance: usize, longer: usize) -> f64 {
    1.0 - distance as f64 / longer.max(1) as f64
}

/// Plain edit distance of two byte strings (strsim's generic version wants sized,
/// owned sequences; this one runs on slices). Keys of up to 64 bytes, nearly all, take the
/// bit-parallel algorithm: one row in a machine word.
pub fn levenshtein(a: &[u8], b: &[u8]) -> usize {
    if b.is_empty() || a.is_empty() {
        return a.len().max(b.len());
    }
    if b.len() <= 64 {
        return bit_parallel(a, b);
    }
    dynamic(a, b)
}

/// Myers' bit-vector edit distance (Hyyrö's formulation for whole strings), `b` at most 64
/// bytes: the vertical deltas of a row of the matrix are kept as two bit masks.
fn bit_parallel(a: &[u8], b: &[u8]) -> usize {
    thread_local! {
        // Where each byte occurs in `b`; cleared after use, so only `b`'s bytes are touched.
        static PEQ: std::cell::RefCell<[u64; 256]> = const { std::cell::RefCell::new([0; 256]) };
    }
    PEQ.with_borrow_mut(|peq| {
        for (i, &c) in b.iter().enumerate() {
            peq[usize::from(c)] |= 1 << i;
        }
        let m = b.len();
        let last = 1u64 << (m - 1);
        let (mut pv, mut mv) = (u64::MAX >> (64 - m), 0u64);
        let mut score = m;
        for &c in a {
            let eq = peq[usize::from(c)];
            let xv = eq | mv;
            let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
            let ph = mv | !(xh | pv);
            let mh = pv & xh;
            if ph & last != 0 {
                score += 1;
            } else if mh & last != 0 {
                score -= 1;
            }
            let ph = (ph << 1) | 1;
            pv = (mh << 1) | !(xv | ph);
            mv = ph & xv;
        }
        for &c in b {
            peq[usize::from(c)] = 0;
        }
        score
    })
}

/// The textbook dynamic programme, one row at a time.
fn dynamic(a: &[u8], b: &[u8]) -> usize {
    // Keys are short: a row on the stack saves an allocation per retrieval hit.
    let mut stack = [0usize; 64];
    let mut heap = Vec::new();
    let row: &mut [usize] = if b.len() < stack.len() {
        &mut stack[..=b.len()]
    } else {
        heap.resize(b.len() + 1, 0);
        &mut heap
    };
    row.iter_mut().enumerate().for_each(|(j, x)| *x = j);
    for (i, &x) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &y) in b.iter().enumerate() {
            let next = (diag + usize::from(x != y))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() < 1e-4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_strings_align_fully() {
        let a = align(b"kadRatyRdynet", b"kadRatyRdynet", &[8, 10, 13], 0.0).unwrap();
        assert_eq!(a.similarity, 1.0);
        assert_eq!(a.coverage, vec![1.0, 1.0, 1.0]);
    }

    #[test]
    fn a_missing_word_has_no_coverage() {
        let a = align(b"Z1s1", b"Z1s1wa5", &[4, 7], 0.0).unwrap();
        assert!(a.coverage[0] > 0.99);
        assert!(a.coverage[1] < 0.3, "{a:?}");
    }

    #[test]
    fn extra_words_at_the_edges_are_counted() {
        let a = align(b"lakadRatyR", b"kadRatyR", &[8], 0.0).unwrap();
        assert_eq!(a.unmatched_edges, (2, 0));
    }

    #[test]
    fn plain_edit_distance() {
        assert_eq!(levenshtein(b"kitten", b"sitting"), 3);
        assert_eq!(levenshtein(b"", b"abc"), 3);
        assert_eq!(levenshtein(b"same", b"same"), 0);
    }

    #[test]
    fn bit_parallel_distance_is_the_textbook_one() {
        // A fixed pseudo-random walk over short strings of a small alphabet (many repeats).
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        for _ in 0..20_000 {
            let mut word = |max: u64| -> Vec<u8> {
                let len = next(max + 1) as usize;
                (0..len).map(|_| b"abcdeR@"[next(7) as usize]).collect()
            };
            let (a, b) = (word(70), word(66));
            assert_eq!(levenshtein(&a, &b), dynamic(&a, &b), "{a:?} {b:?}");
            assert_eq!(levenshtein(&b, &a), dynamic(&b, &a), "{a:?} {b:?}");
        }
        let long = vec![b'x'; 64];
        assert_eq!(levenshtein(&long, b"xyx"), 62);
        assert_eq!(levenshtein(b"", b"abc"), 3);
    }

    #[test]
    fn close_sounds_cost_less() {
        let voiced = align(b"dagRin", b"tagRin", &[6], 0.0).unwrap().similarity;
        let other = align(b"magRin", b"tagRin", &[6], 0.0).unwrap().similarity;
        assert!(align(b"magRin", b"tagRin", &[6], 0.9).is_none());
        assert!(voiced > other);
    }

    #[test]
    fn an_affricate_heard_without_its_stop_costs_half() {
        let french = align(b"Zakel", b"dZakel", &[6], 0.0).unwrap().similarity;
        assert!((french - (1.0 - 0.5 / 6.0)).abs() < 1e-6);
        let english = align(b"tSaRl", b"SaRl", &[4], 0.0).unwrap().similarity;
        assert!((english - (1.0 - 0.5 / 5.0)).abs() < 1e-6);
        let plain = align(b"Zadel", b"Zakel", &[5], 0.0).unwrap().similarity;
        assert!(plain < french);
    }
}
