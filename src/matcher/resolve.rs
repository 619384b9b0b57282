//! Decisions across candidates: which of overlapping candidates is kept, the margin of each
//! over its runner-up, and document consistency (a lone word of a name established earlier).
//! They rank candidates by score, so they come after `score`; what they find (a margin, a
//! full name) is recorded in the evidence, and the score read from it again.

use rustc_hash::FxHashMap;

use super::Candidate;
use super::decide::worth_review;
use super::evidence::{Basis, Evidence, Margin};
use super::index::{Index, Term};
use super::normalize::Gap;
use super::score;
use super::text::Text;
use super::window::touches_never_form;

/// An exact form scoring this much is trusted over fuzzy windows (guarded forms score less).
const KNOWN_FORM: f64 = 0.9;

/// Keeps the best non-overlapping candidates; exact claims block what they overlap unless
/// the replacement keeps the claimed words.
pub fn choose(
    candidates: &mut Vec<Candidate>,
    claims: &[Candidate],
    text: &Text,
) -> Vec<Candidate> {
    drop_windows_around_known_forms(candidates);
    // A longer match that explains more words wins over a near-equal part of it.
    let rank = |c: &Candidate| c.score + 0.03 * (c.end - c.start - 1) as f64;
    candidates.sort_by(|a, b| {
        rank(b)
            .total_cmp(&rank(a))
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
    });
    let by_start = ByStart::new(candidates);
    let claimed = ByStart::new(claims);
    let mut taken = vec![false; text.tokens.len()];
    let mut chosen: Vec<Candidate> = Vec::new();
    for c in candidates.iter() {
        let blocked = claimed.overlapping(claims, c).any(|k| {
            another_term_on_its_words(c, k)
                || !(keeps_claim(c, k, text) || outgrows(c, k) || surrounds(c, k))
        });
        if blocked || taken[c.start..c.end].iter().any(|&t| t) {
            continue;
        }
        taken[c.start..c.end].fill(true);
        let mut kept = c.clone();
        apply_margin(&mut kept, by_start.overlapping(candidates, c));
        chosen.push(kept);
    }
    chosen.retain(|c| worth_review(c.score));
    chosen
}

/// A known form of a term (alias, restored spelling) says where the term is: a fuzzy window
/// of the same term around it only adds the neighbouring words to the fix.
fn drop_windows_around_known_forms(candidates: &mut Vec<Candidate>) {
    let mut known: FxHashMap<u32, Vec<(usize, usize)>> = FxHashMap::default();
    for c in candidates.iter() {
        if !c.evidence.is_fuzzy() && c.score >= KNOWN_FORM {
            known.entry(c.term).or_default().push((c.start, c.end));
        }
    }
    candidates.retain(|c| {
        let around = |&(start, end): &(usize, usize)| c.start <= start && end <= c.end;
        !c.evidence.is_fuzzy() || !known.get(&c.term).is_some_and(|k| k.iter().any(around))
    });
}

/// Candidates ordered by start, to find those overlapping a span without a full scan.
struct ByStart {
    order: Vec<usize>,
    longest: usize,
}

impl ByStart {
    fn new(all: &[Candidate]) -> Self {
        let mut order: Vec<usize> = (0..all.len()).collect();
        order.sort_by_key(|&i| all[i].start);
        let longest = all.iter().map(|c| c.end - c.start).max().unwrap_or(0);
        ByStart { order, longest }
    }

    fn overlapping<'a>(
        &'a self,
        all: &'a [Candidate],
        c: &'a Candidate,
    ) -> impl Iterator<Item = &'a Candidate> {
        let from = c.start.saturating_sub(self.longest);
        let first = self.order.partition_point(|&i| all[i].start < from);
        self.order[first..]
            .iter()
            .map(|&i| &all[i])
            .take_while(|o| o.start < c.end)
            .filter(|o| o.overlaps(c))
    }
}

/// An exact form (spelling fix or alias) that strictly contains a claimed name is the longer,
/// more specific reading: "example reserve.org" over "Example Reserve".
fn outgrows(c: &Candidate, claim: &Candidate) -> bool {
    let exact = matches!(c.evidence.basis, Basis::Spelling(_) | Basis::Alias);
    exact
        && c.start <= claim.start
        && claim.end <= c.end
        && c.end - c.start > claim.end - claim.start
}

/// Another term on exactly the words a term already spells right: "Valmo" claimed is not
/// "Valmo-Bertin" heard short, whatever the replacement keeps of it.
fn another_term_on_its_words(c: &Candidate, claim: &Candidate) -> bool {
    c.term != claim.term && c.start == claim.start && c.end == claim.end
}

/// A longer name heard around a claimed shorter one: "Bruno Marchal" with "Marchal" claimed
/// where the dictionary also holds "Bruno Marchais". In a large dictionary a surname heard
/// wrong is often another term's right spelling; a word of the longer name found as is
/// beside it (an anchor the replacement does not take from the claim, see `keeps_claim`)
/// and a confident match say the longer name was meant.
fn surrounds(c: &Candidate, claim: &Candidate) -> bool {
    let anchored = matches!(&c.evidence.basis, Basis::Fuzzy(f) if f.anchors > 0);
    anchored
        && c.score >= KNOWN_FORM
        && c.start <= claim.start
        && claim.end <= c.end
        && c.end - c.start > claim.end - claim.start
}

fn keeps_claim(c: &Candidate, claim: &Candidate, text: &Text) -> bool {
    let claimed = text.source(claim.start..claim.end).to_lowercase();
    c.replacement.to_lowercase().contains(&claimed)
}

/// "Martin-Duval" and "Paul Martin-Duval" agree: one name inside the other is no rival.
fn nested(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    a.contains(&b) || b.contains(&a)
}

/// Two different terms fitting the same words almost equally well: leave it to review.
fn apply_margin<'a>(c: &mut Candidate, overlapping: impl Iterator<Item = &'a Candidate>) {
    let rival = overlapping
        .filter(|o| o.term != c.term && !nested(&o.replacement, &c.replacement))
        .max_by(|a, b| a.score.total_cmp(&b.score));
    if let Some(r) = rival {
        let by = c.score - r.score;
        if by < 0.03 {
            let over = r.replacement.clone();
            c.evidence.margin = Some(Box::new(Margin { over, by }));
            c.score = score::of(&c.evidence);
        }
    }
}

/// A word of a name that can stand alone: not one half of a hyphenated or elided compound.
fn standalone(term: &Term, k: usize) -> bool {
    let glued = |g: Gap| !matches!(g, Gap::Space | Gap::Start | Gap::Cue | Gap::Line);
    !glued(term.tokens[k].gap) && term.tokens.get(k + 1).is_none_or(|n| !glued(n.gap))
}

/// Once a full name is established, the same mis-heard first name or surname alone is fixed too.
pub fn consistency(chosen: &mut Vec<Candidate>, claims: &[Candidate], text: &Text, index: &Index) {
    let heard = heard_in_full(chosen, text, index);
    let holder = holders(chosen, claims, text.tokens.len());
    let near = Nearby::of(&heard, text, chosen, &holder);
    let mut found = Vec::new();
    for (i, tok) in text.tokens.iter().enumerate() {
        let Some((term, canonical, evidence)) = heard.get(tok.ortho()) else {
            continue;
        };
        // "Chris from Leeds" after "Chris Hartley" was fixed: a frequent word stays.
        if (text.is_frequent(i) || text.reads_as_word(i)) && !vouched_without_case(i, text, &near) {
            continue;
        }
        if touches_never_form(index.term(*term), text, &(i..i + 1)) {
            continue;
        }
        let fix = Candidate::new(*term, i..i + 1, canonical.clone(), evidence.clone());
        match holder[i] {
            None => found.push(fix),
            // The same fix found alone with less confidence: the full name vouches for it.
            Some(k) if k != usize::MAX && upgrades(&chosen[k], &fix) => chosen[k] = fix,
            Some(_) => {}
        }
    }
    chosen.extend(found);
}

/// Tokens this close after or before a full name are heard with it.
const NEAR: usize = 8;

/// Where the mis-heard words of full names stand alone, and whether each stands near one.
struct Nearby<'t> {
    /// Per mis-heard word: its lone occurrences, and how many of them are near a full name.
    lone: FxHashMap<&'t str, (usize, usize)>,
    /// Per token: it is a lone occurrence within `NEAR` tokens of a full name using it.
    near: Vec<bool>,
}

impl<'t> Nearby<'t> {
    fn of(
        heard: &Heard<'t>,
        text: &'t Text,
        chosen: &[Candidate],
        holder: &[Option<usize>],
    ) -> Self {
        let mut near = vec![false; text.tokens.len()];
        let mut lone: FxHashMap<&str, (usize, usize)> = FxHashMap::default();
        if text.case_informative() {
            return Nearby { lone, near };
        }
        for (i, tok) in text.tokens.iter().enumerate() {
            let Some((term, _, e)) = heard.get(tok.ortho()) else {
                continue;
            };
            let Basis::Consistency(c) = e.basis else {
                continue;
            };
            let in_full_name = |k: usize| {
                k != usize::MAX && chosen[k].term == *term && chosen[k].end - chosen[k].start > 1
            };
            if holder[i].is_some_and(in_full_name) {
                continue;
            }
            let counts = lone.entry(tok.ortho()).or_default();
            counts.0 += 1;
            if i.abs_diff(c.full_at) <= NEAR {
                near[i] = true;
                counts.1 += 1;
            }
        }
        Nearby { lone, near }
    }
}

/// In a transcript without capitals, no capital tells a word of the language from the name
/// heard as it ("knight" for "Nite" in "Tessa Nite"): the document and the lexicon do. A
/// rare word (not ordinary speech) heard in a full name is the name again. A more common one
/// is where it stands just beside that full name ("tessa knight, minister knight"), as long as the
/// transcript never uses it anywhere else (every lone occurrence is that near): a speaker
/// who says the word in passing says it elsewhere too. After a function word ("the thatch",
/// "la barre") it is the word: a name heard alone stands without an article.
fn vouched_without_case(i: usize, text: &Text, near: &Nearby) -> bool {
    let after_function_word = i > 0 && text.is_function_word(i - 1);
    if text.case_informative() || after_function_word {
        return false;
    }
    let word = text.tokens[i].ortho();
    let rare = !text.is_common(i) && !text.is_frequent(i);
    rare || near.near[i]
        && near
            .lone
            .get(word)
            .is_some_and(|&(all, close)| all == close)
}

/// See `heard_in_full`.
type Heard<'t> = FxHashMap<&'t str, (u32, String, Evidence)>;

/// The mis-heard words of the full names chosen, each with its term, the word as the term
/// spells it and the evidence a lone occurrence of it gets.
fn heard_in_full<'t>(chosen: &[Candidate], text: &'t Text, index: &Index) -> Heard<'t> {
    let mut heard = FxHashMap::default();
    for c in chosen {
        let term = index.term(c.term);
        if term.tokens.len() < 2 || c.end - c.start != term.tokens.len() {
            continue;
        }
        for (k, i) in (c.start..c.end).enumerate() {
            let (tok, word) = (&text.tokens[i], &term.tokens[k]);
            if term.distinctive[k]
                && tok.ortho() != word.ortho()
                && tok.ortho().len() >= 3
                && standalone(term, k)
            {
                let canonical = term.name[word.range()].to_owned();
                let evidence = Evidence::consistency(c.start, k, c.score);
                heard.insert(tok.ortho(), (c.term, canonical, evidence));
            }
        }
    }
    heard
}

/// Who holds each word already: a claim (`usize::MAX`) or a chosen candidate.
fn holders(chosen: &[Candidate], claims: &[Candidate], words: usize) -> Vec<Option<usize>> {
    let mut holder = vec![None; words];
    for (k, c) in chosen.iter().enumerate() {
        holder[c.start..c.end].fill(Some(k));
    }
    for c in claims {
        holder[c.start..c.end].fill(Some(usize::MAX));
    }
    holder
}

fn upgrades(weaker: &Candidate, fix: &Candidate) -> bool {
    weaker.start == fix.start
        && weaker.end == fix.end
        && weaker.replacement == fix.replacement
        && weaker.score < fix.score
}
