//! A port of Python's `difflib.SequenceMatcher(isjunk=None, autojunk=False)`, limited to
//! `get_opcodes()`.
//!
//! It must follow CPython step by step, not merely compute "a" diff: the scorer groups edit
//! blocks into components, so a different (equally minimal) alignment would change the
//! counts and the figures would no longer match `score.py`. Without junk and without the
//! popularity heuristic, CPython's junk-extension loops reduce to the plain extension loops
//! kept below.

use std::collections::HashMap;
use std::hash::Hash;

/// One opcode of `get_opcodes()`, minus `equal`: `a[i1..i2]` becomes `b[j1..j2]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub i1: usize,
    pub i2: usize,
    pub j1: usize,
    pub j2: usize,
}

/// A maximal matching run: `a[i..i + size] == b[j..j + size]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Match {
    i: usize,
    j: usize,
    size: usize,
}

struct SequenceMatcher<'s, T> {
    a: &'s [T],
    b: &'s [T],
    /// Positions of each element in `b`, ascending (CPython's `b2j`).
    b2j: HashMap<&'s T, Vec<usize>>,
}

impl<'s, T: Eq + Hash> SequenceMatcher<'s, T> {
    fn new(a: &'s [T], b: &'s [T]) -> Self {
        let mut b2j: HashMap<&T, Vec<usize>> = HashMap::new();
        for (j, elt) in b.iter().enumerate() {
            b2j.entry(elt).or_default().push(j);
        }
        SequenceMatcher { a, b, b2j }
    }

    /// CPython's `find_longest_match`: the longest block, earliest in `a`, then earliest
    /// in `b` (ties are broken by the strict `>` below, in the same scan order).
    fn find_longest_match(&self, alo: usize, ahi: usize, blo: usize, bhi: usize) -> Match {
        let (a, b) = (self.a, self.b);
        let (mut besti, mut bestj, mut bestsize) = (alo, blo, 0);
        // j2len[j]: length of the longest match ending with a[i - 1] and b[j]. CPython
        // uses a fresh dict per row; two arrays reset through the touched indices give
        // the same values (untouched entries read 0, like a missing key).
        let mut j2len = vec![0usize; bhi];
        let mut newj2len = vec![0usize; bhi];
        let (mut touched, mut newtouched) = (Vec::new(), Vec::new());
        for (i, elt) in a.iter().enumerate().take(ahi).skip(alo) {
            for &j in self.b2j.get(elt).map_or(&[][..], Vec::as_slice) {
                if j < blo {
                    continue;
                }
                if j >= bhi {
                    break;
                }
                let k = if j > 0 { j2len[j - 1] } else { 0 } + 1;
                newj2len[j] = k;
                newtouched.push(j);
                if k > bestsize {
                    (besti, bestj, bestsize) = (i + 1 - k, j + 1 - k, k);
                }
            }
            for &j in &touched {
                j2len[j] = 0;
            }
            touched.clear();
            std::mem::swap(&mut j2len, &mut newj2len);
            std::mem::swap(&mut touched, &mut newtouched);
        }
        // CPython extends the best match over equal neighbours (no-ops without junk, kept
        // so the port reads like the original).
        while besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1] {
            (besti, bestj, bestsize) = (besti - 1, bestj - 1, bestsize + 1);
        }
        while besti + bestsize < ahi
            && bestj + bestsize < bhi
            && a[besti + bestsize] == b[bestj + bestsize]
        {
            bestsize += 1;
        }
        Match {
            i: besti,
            j: bestj,
            size: bestsize,
        }
    }

    /// CPython's `get_matching_blocks`, with adjacent blocks collapsed and the sentinel.
    fn matching_blocks(&self) -> Vec<Match> {
        let (la, lb) = (self.a.len(), self.b.len());
        let mut queue = vec![(0, la, 0, lb)];
        let mut blocks = Vec::new();
        while let Some((alo, ahi, blo, bhi)) = queue.pop() {
            let m = self.find_longest_match(alo, ahi, blo, bhi);
            if m.size == 0 {
                continue;
            }
            blocks.push(m);
            if alo < m.i && blo < m.j {
                queue.push((alo, m.i, blo, m.j));
            }
            if m.i + m.size < ahi && m.j + m.size < bhi {
                queue.push((m.i + m.size, ahi, m.j + m.size, bhi));
            }
        }
        blocks.sort();
        let mut collapsed = Vec::new();
        let mut cur = Match {
            i: 0,
            j: 0,
            size: 0,
        };
        for m in blocks {
            if cur.i + cur.size == m.i && cur.j + cur.size == m.j {
                cur.size += m.size;
            } else {
                if cur.size > 0 {
                    collapsed.push(cur);
                }
                cur = m;
            }
        }
        if cur.size > 0 {
            collapsed.push(cur);
        }
        collapsed.push(Match {
            i: la,
            j: lb,
            size: 0,
        });
        collapsed
    }
}

/// The non-`equal` opcodes of `SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()`.
pub fn edit_opcodes<T: Eq + Hash>(a: &[T], b: &[T]) -> Vec<Block> {
    let sm = SequenceMatcher::new(a, b);
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    for m in sm.matching_blocks() {
        if i < m.i || j < m.j {
            out.push(Block {
                i1: i,
                i2: m.i,
                j1: j,
                j2: m.j,
            });
        }
        (i, j) = (m.i + m.size, m.j + m.size);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(a: &str, b: &str) -> Vec<(usize, usize, usize, usize)> {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        edit_opcodes(&a, &b)
            .iter()
            .map(|o| (o.i1, o.i2, o.j1, o.j2))
            .collect()
    }

    /// Values printed by CPython 3.11 for the same inputs.
    #[test]
    fn matches_cpython_examples() {
        // SequenceMatcher(None, "qabxcd", "abycdf", autojunk=False).get_opcodes()
        assert_eq!(
            ops("qabxcd", "abycdf"),
            [(0, 1, 0, 0), (3, 4, 2, 3), (6, 6, 5, 6)]
        );
        // Ties: the earliest longest match in `a` wins ("ab" at a[0], not at a[3]).
        assert_eq!(ops("abxab", "ab"), [(2, 5, 2, 2)]);
        assert_eq!(ops("", "abc"), [(0, 0, 0, 3)]);
        assert_eq!(ops("abc", ""), [(0, 3, 0, 0)]);
        assert_eq!(ops("abc", "abc"), []);
    }
}
