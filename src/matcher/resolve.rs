//! Verifying candidates: similarity features, guards, overlap resolution, consistency.

use rustc_hash::FxHashMap;
use std::ops::Range;

use super::align::align;
use super::index::{Index, KeyHash, Term, glued_ortho, spaced_ortho};
use super::normalize::Case;
use super::text::Text;
use crate::dictionary::Kind;
use crate::proposal::Reason;

/// A verified match of a term on a token window.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub term: u32,
    pub start: usize,
    pub end: usize,
    pub score: f64,
    pub replacement: String,
    /// Sound and spelling evidence of a fuzzy match; spelled out in words only for the
    /// candidates that become proposals (see `explain`).
    pub evidence: Option<Evidence>,
    pub reasons: Vec<Reason>,
}

/// What the alignment found, kept small: most candidates are discarded.
#[derive(Debug, Clone, Copy)]
pub struct Evidence {
    sound: f32,
    ortho: f32,
    coverage: f32,
    /// Which reading of the term matched best.
    reading: u8,
}

impl Candidate {
    fn overlaps(&self, other: &Candidate) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Score of a fix that only restores accents, separators or apostrophes.
const SPELLING_SCORE: f64 = 0.97;
/// Score of a listed alias.
const ALIAS_SCORE: f64 = 1.0;
/// An exact form scoring this much is trusted over fuzzy windows (guarded forms score less).
const KNOWN_FORM: f64 = 0.9;

/// Exact matches starting at token `i`: canonical spellings (claims, or spelling fixes when
/// accents or separators differ) and listed aliases.
pub fn exact(
    index: &Index,
    text: &Text,
    i: usize,
    run_end: usize,
    claims: &mut Vec<Candidate>,
    out: &mut Vec<Candidate>,
) {
    let mut hash = KeyHash::default();
    // Letters said one by one make many words of one term: bound by spelling length instead.
    for len in 1..=run_end - i {
        hash.push(text.tokens[i + len - 1].ortho().as_bytes());
        if hash.len() > index.max_glued {
            break;
        }
        if index.may_be_exact(&hash) {
            exact_at(index, text, i..i + len, claims, out);
        }
        // (A word with no letters left adds nothing to the key: keep going.)
        if hash.len() > 0 && !index.may_grow_exact(&hash) {
            break;
        }
    }
}

/// The canonical names and aliases spelt exactly as the window `w`.
fn exact_at(
    index: &Index,
    text: &Text,
    w: Range<usize>,
    claims: &mut Vec<Candidate>,
    out: &mut Vec<Candidate>,
) {
    let glued = glued_ortho(&text.tokens[w.clone()]);
    for &id in index.canonical.get(&glued).into_iter().flatten() {
        let term = index.term(id);
        if same_words(term, text, &w) {
            claims.push(candidate(id, w.clone(), 1.0, term.name.to_string(), vec![]));
        } else if let Some(c) = spelling_fix(index, id, w.clone(), text) {
            out.push(c);
        }
    }
    for &id in index.aliases.get(&glued).into_iter().flatten() {
        let term = index.term(id);
        let reason = Reason::Alias {
            alias: text.source(w.clone()).to_owned(),
        };
        out.push(fix(id, term, w.clone(), text, ALIAS_SCORE, vec![reason]));
    }
}

/// Same words as the canonical form, up to case: the term is already right.
fn same_words(term: &Term, text: &Text, w: &Range<usize>) -> bool {
    w.len() == term.tokens.len()
        && term
            .tokens
            .iter()
            .zip(&text.tokens[w.clone()])
            .all(|(a, b)| a.lower() == b.lower())
}

fn spelling_fix(index: &Index, id: u32, w: Range<usize>, text: &Text) -> Option<Candidate> {
    let term = index.term(id);
    let mut score = SPELLING_SCORE;
    // "le pain" for "Lepain": a phrase opened by a function word glued into a name is
    // as likely the phrase itself; it needs a capital to be trusted.
    let letters = text.letter_by_letter(&w);
    if w.len() > 1
        && term.tokens.len() == 1
        && !letters
        && text.is_function_word(w.start)
        && all_common(text, &w)
        && !any_capitalised(text, &w)
        || stray_edge(term, &w, text)
    {
        score = 0.6;
    }
    let reasons = vec![Reason::Spelling];
    Some(fix(id, term, w, text, score, reasons))
}

/// A candidate that writes the term's name over the window, fitted to the sentence.
fn fix(
    id: u32,
    term: &Term,
    w: Range<usize>,
    text: &Text,
    score: f64,
    reasons: Vec<Reason>,
) -> Candidate {
    let replacement = replacement(term, text, &w);
    candidate(id, w, score, replacement, reasons)
}

fn candidate(
    term: u32,
    w: Range<usize>,
    score: f64,
    replacement: String,
    reasons: Vec<Reason>,
) -> Candidate {
    Candidate {
        term,
        start: w.start,
        end: w.end,
        score,
        replacement,
        evidence: None,
        reasons,
    }
}

fn all_common(text: &Text, w: &Range<usize>) -> bool {
    w.clone().all(|i| text.is_common(i))
}

fn any_capitalised(text: &Text, w: &Range<usize>) -> bool {
    w.clone().any(|i| text.capitalised(i))
}

/// The canonical name, capitalised when it replaces a sentence-initial capital.
fn replacement(term: &Term, text: &Text, w: &Range<usize>) -> String {
    let name = &*term.name;
    let first = &text.tokens[w.start];
    let starts_lower = name.chars().next().is_some_and(char::is_lowercase);
    if starts_lower && first.case() == Case::Capital {
        let mut chars = name.chars();
        let head = chars
            .next()
            .map(|c| c.to_uppercase().collect::<String>())
            .unwrap_or_default();
        return head + chars.as_str();
    }
    name.to_owned()
}

/// Similarity features of a window against a term.
struct Features {
    sound: f64,
    reading: usize,
    coverage: f64,
    ortho: f64,
    anchors: Vec<String>,
    anchor_share: f64,
    /// A whole word at the window's edge matched nothing of the term.
    loose_edge: bool,
}

/// No window sounding less like a term than this is ever proposed (the echo floor, the
/// lowest of the gates).
const SOUND_FLOOR: f64 = 0.55;

fn features(
    term: &Term,
    w: &Range<usize>,
    text: &Text,
    window_ortho: &str,
    anchors: Vec<String>,
) -> Option<Features> {
    let window: Vec<u8> = w.clone().flat_map(|i| text.reading(i).bytes()).collect();
    let mut best: (f64, f64, usize) = (0.0, 0.0, 0);
    let mut loose_edge = false;
    for (k, r) in term.readings.iter().enumerate() {
        // A reading in neither the transcript's nor the term's language is a weaker witness.
        let foreign = r.lang != text.lang && term.lang != Some(r.lang);
        let penalty = if foreign { 0.03 } else { 0.0 };
        let floor = best.0.max(SOUND_FLOOR) + penalty;
        let Some(a) = align(&window, &r.phonemes, &r.ends, floor) else {
            continue;
        };
        let sim = a.similarity - penalty;
        let cov = term
            .distinctive
            .iter()
            .zip(&a.coverage)
            .filter(|(d, _)| **d)
            .map(|(_, c)| *c)
            .fold(1.0f64, f64::min);
        if sim > best.0 {
            best = (sim, cov, k);
            loose_edge = loose(&a.unmatched_edges, w, text);
        }
    }
    if best.0 == 0.0 {
        return None;
    }
    Some(Features {
        sound: best.0,
        coverage: best.1,
        reading: best.2,
        ortho: strsim::normalized_levenshtein(window_ortho, &term.ortho),
        anchor_share: anchors.len() as f64 / term.distinctive_count().max(1) as f64,
        anchors,
        loose_edge,
    })
}

/// Distinctive words of the term found verbatim in the window.
fn anchors(term: &Term, w: &Range<usize>, text: &Text) -> Vec<String> {
    term.tokens
        .iter()
        .zip(&term.distinctive)
        .filter(|(t, d)| {
            **d && text.tokens[w.clone()]
                .iter()
                .any(|x| x.ortho() == t.ortho())
        })
        .map(|(t, _)| t.ortho().to_string())
        .collect()
}

/// The window's words that are not anchors: those the mis-hearing is about.
fn unanchored<'a>(
    text: &'a Text,
    w: &Range<usize>,
    anchors: &'a [String],
) -> impl Iterator<Item = usize> + 'a {
    w.clone()
        .filter(move |&i| !anchors.iter().any(|a| **a == *text.tokens[i].ortho()))
}

/// Guards decided by the words alone, before any alignment: most windows stop here.
fn words_allow(term: &Term, w: &Range<usize>, text: &Text, anchors: &[String]) -> bool {
    let loose: Vec<usize> = unanchored(text, w, anchors).collect();
    let all_anchored = anchors.len() == term.distinctive_count();
    // "and Mills" is not "Rand Mills": a function word is no name heard wrong.
    let only_function = loose.iter().all(|&i| text.is_function_word(i));
    // "Dubrec a": the next little word is not part of the name.
    // An all-anchors window is the right name in another frame ("du Parisien").
    // Ordinary speech ("le vin", "the door") stays as it is.
    let ordinary = w.clone().all(|i| text.is_ordinary(i)) && anchors.is_empty() && !term.domain;
    !(only_function || stray_edge(term, w, text) || all_anchored || ordinary)
}

/// Whether the first or last word of a multi-word window lies wholly outside the term.
fn loose(edges: &(usize, usize), w: &Range<usize>, text: &Text) -> bool {
    let first = text.reading(w.start).len();
    let last = text.reading(w.end - 1).len();
    w.len() > 1 && (edges.0 >= first || edges.1 >= last)
}

/// Verifies a fuzzy candidate: features, guards and score.
pub fn verify(
    index: &Index,
    id: u32,
    w: Range<usize>,
    text: &Text,
    attested: bool,
) -> Option<Candidate> {
    let term = index.term(id);
    if !comparable_length(term, &w, text) || !plausible(term, &w, text) {
        return None;
    }
    let window_ortho = glued_ortho(&text.tokens[w.clone()]);
    if *window_ortho == *term.ortho
        || term.never_says(&window_ortho)
        || touches_never_form(term, text, &w)
        || (term.name.starts_with(char::is_lowercase) && inflected(&window_ortho, &term.ortho))
    {
        return None; // exact forms are handled by `exact`; `never` forms are off limits
    }
    let anchors = anchors(term, &w, text);
    if !words_allow(term, &w, text, &anchors) {
        return None;
    }
    let f = features(term, &w, text, &window_ortho, anchors)?;
    let score = gate(term, &w, text, &f, attested)?;
    let mut c = fix(id, term, w, text, score, Vec::new());
    c.evidence = Some(Evidence {
        sound: f.sound as f32,
        ortho: f.ortho as f32,
        coverage: f.coverage as f32,
        reading: f.reading as u8,
    });
    Some(c)
}

/// Word readings in IPA, one space between words.
fn words_ipa<S: AsRef<str>>(words: &[S]) -> String {
    let words: Vec<String> = (words.iter())
        .map(|w| super::phonetic::ipa(w.as_ref()))
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ")
}

/// The reasons behind a candidate, in words a reviewer can check.
pub fn explain(c: &Candidate, index: &Index, text: &Text) -> Vec<Reason> {
    let Some(e) = c.evidence else {
        return c.reasons.clone();
    };
    let term = index.term(c.term);
    let w = c.start..c.end;
    let heard: Vec<&str> = w.clone().map(|i| text.reading(i)).collect();
    let reading = &term.readings[usize::from(e.reading)];
    let expected: Vec<String> = (0..term.tokens.len())
        .map(|k| String::from_utf8_lossy(reading.words(k..k + 1)).into_owned())
        .collect();
    let mut reasons = vec![
        Reason::Sound {
            similarity: round(f64::from(e.sound)),
            heard: words_ipa(&heard),
            expected: words_ipa(&expected),
        },
        Reason::Orthography {
            similarity: round(f64::from(e.ortho)),
        },
        Reason::Coverage {
            similarity: round(f64::from(e.coverage)),
        },
    ];
    let anchors = anchors(term, &w, text);
    let unsure: Vec<usize> = unanchored(text, &w, &anchors)
        .filter(|&i| text.unsure(i))
        .collect();
    if !anchors.is_empty() {
        reasons.push(Reason::Anchors { words: anchors });
    }
    if w.len() != term.tokens.len() {
        reasons.push(Reason::Segmentation {
            words_heard: w.len(),
            words_expected: term.tokens.len(),
        });
    }
    if any_capitalised(text, &w) {
        reasons.push(Reason::Capitalised);
    }
    let lowest = (unsure.iter())
        .filter_map(|&i| text.confidence(i))
        .fold(f64::INFINITY, f64::min);
    if !unsure.is_empty() {
        reasons.push(Reason::LowConfidence {
            words: unsure
                .iter()
                .map(|&i| text.source(i..i + 1).to_owned())
                .collect(),
            probability: round(lowest),
        });
    }
    reasons.extend(c.reasons.iter().cloned());
    reasons
}

/// Guards that need no alignment, checked first because most candidates fail them.
fn plausible(term: &Term, w: &Range<usize>, text: &Text) -> bool {
    let letters = text.letter_by_letter(w);
    if term.tokens.len() == 1 && term.ortho.chars().count() <= 3 && !letters {
        return false; // short names are too ambiguous for anything but aliases and spelled letters
    }
    let proper = term.name.starts_with(char::is_uppercase);
    if w.len() == 1
        && proper
        && text.tokens[w.start].case() == Case::Lower
        && text.is_known(w.start)
    {
        return false; // "d'origine anthropique": a real lowercase word, not a name heard wrong
    }
    // "Saint-Denis" is one name: a window never cuts a hyphenated compound.
    let hyphen = |i: usize| {
        text.tokens
            .get(i)
            .is_some_and(|t| t.gap == super::normalize::Gap::Hyphen)
    };
    if hyphen(w.start) || hyphen(w.end) {
        return false;
    }
    // A web address is only heard as one when its dot is there.
    !term.domain
        || w.clone()
            .any(|i| text.tokens[i].gap == super::normalize::Gap::Dot)
}

/// A window much shorter or longer than every reading of the term cannot align well:
/// skip the alignment.
fn comparable_length(term: &Term, w: &Range<usize>, text: &Text) -> bool {
    let n: usize = w.clone().map(|i| text.reading(i).len()).sum();
    term.readings.iter().any(|r| {
        let m = r.phonemes.len();
        10 * n >= 6 * m && 10 * n <= 16 * m + 20
    })
}

/// Added to a fuzzy candidate whose mis-heard words the recogniser rated low.
const LOW_CONFIDENCE_BONUS: f64 = 0.05;

/// Guards and ranking score; `None` when the window must not be rewritten as this term.
fn gate(term: &Term, w: &Range<usize>, text: &Text, f: &Features, attested: bool) -> Option<f64> {
    let single = term.tokens.len() == 1;
    let capital = any_capitalised(text, w);
    let common = all_common(text, w);
    let ordinary =
        unanchored(text, w, &f.anchors).all(|i| text.is_common(i) && !text.capitalised(i));
    if ordinary && f.coverage < 0.85 {
        return None; // ordinary words standing where the term's words should be need a close sound
    }
    // A term the transcript names elsewhere, heard again with one of its words intact,
    // may have its other words heard further off, if a capital marks them as a name too.
    let loose_capital = unanchored(text, w, &f.anchors).any(|i| text.capitalised(i));
    let echo = attested && f.anchor_share > 0.0 && loose_capital;
    let (floor, sound_floor) = if echo { (0.3, SOUND_FLOOR) } else { (0.5, 0.6) };
    if f.coverage < floor || f.sound < sound_floor || f.loose_edge {
        return None;
    }
    // Calibrated on the development set so that AUTO_APPLY sits where precision stays high.
    let mut s = 0.1 + 0.6 * f.sound + 0.15 * f.coverage + 0.15 * f.ortho + 0.1 * f.anchor_share;
    if common && f.anchor_share == 0.0 {
        s -= if single { 0.15 } else { 0.08 }; // a capital alone is weak evidence against a dictionary word
    }
    if single && f.sound < 0.8 {
        s -= 0.1;
    }
    if capital {
        s += 0.03;
    }
    if echo {
        s += 0.15;
    }
    // The recogniser itself doubted a word the fix is about (kept small: a nudge, never a
    // reason alone to apply a fix).
    if unanchored(text, w, &f.anchors).any(|i| text.unsure(i)) {
        s += LOW_CONFIDENCE_BONUS;
    }
    (s >= super::MIN_SCORE).then_some(s.min(0.99))
}

/// A lowercase function word at an edge of the window where the term has no particle.
/// Letters said one by one ("b b c") and web addresses ("the guardian.com") glue their words.
fn stray_edge(term: &Term, w: &Range<usize>, text: &Text) -> bool {
    let stray = |i: usize, k: usize| {
        text.is_function_word(i) && !text.capitalised(i) && term.distinctive[k]
    };
    let letters = text.letter_by_letter(w);
    w.len() > 1
        && !letters
        && !term.domain
        && (stray(w.start, 0) || stray(w.end - 1, term.tokens.len() - 1))
}

/// The term with a plural ending: the same word, rightly spelled. Only common-noun terms
/// ("nanoseconde") take plurals; a name or acronym with an extra letter is a mishearing.
fn inflected(window: &str, term: &str) -> bool {
    window
        .strip_prefix(term)
        .is_some_and(|rest| matches!(rest, "s" | "x" | "es"))
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Keeps the best non-overlapping candidates; exact claims block what they overlap unless
/// the replacement keeps the claimed words.
pub fn resolve(
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
        let blocked = claimed
            .overlapping(claims, c)
            .any(|k| !keeps_claim(c, k, text) && !outgrows(c, k));
        if blocked || taken[c.start..c.end].iter().any(|&t| t) {
            continue;
        }
        taken[c.start..c.end].fill(true);
        let mut kept = c.clone();
        apply_margin(&mut kept, by_start.overlapping(candidates, c));
        chosen.push(kept);
    }
    chosen.retain(|c| c.score >= super::MIN_SCORE);
    chosen
}

/// A known form of a term (alias, restored spelling) says where the term is: a fuzzy window
/// of the same term around it only adds the neighbouring words to the fix.
fn drop_windows_around_known_forms(candidates: &mut Vec<Candidate>) {
    let mut known: FxHashMap<u32, Vec<(usize, usize)>> = FxHashMap::default();
    for c in candidates.iter() {
        if c.evidence.is_none() && c.score >= KNOWN_FORM {
            known.entry(c.term).or_default().push((c.start, c.end));
        }
    }
    candidates.retain(|c| {
        let around = |&(start, end): &(usize, usize)| c.start <= start && end <= c.end;
        c.evidence.is_none() || !known.get(&c.term).is_some_and(|k| k.iter().any(around))
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
    let exact = c
        .reasons
        .iter()
        .any(|r| matches!(r, Reason::Spelling | Reason::Alias { .. }));
    exact
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
            c.score = (c.score - 0.1).max(0.0);
            c.reasons.push(Reason::Margin {
                over: r.replacement.clone(),
                by: round(by),
            });
        }
    }
}

/// A word of a name that can stand alone: not one half of a hyphenated or elided compound.
fn standalone(term: &Term, k: usize) -> bool {
    let glued = |g: super::normalize::Gap| {
        !matches!(
            g,
            super::normalize::Gap::Space
                | super::normalize::Gap::Start
                | super::normalize::Gap::Cue
        )
    };
    !glued(term.tokens[k].gap) && term.tokens.get(k + 1).is_none_or(|n| !glued(n.gap))
}

/// Whether the tokens `w` overlap a form the term must never replace: a reviewer who rejected
/// "Alan Turring" wants neither "Alan Turring said" nor "Turring" alone fixed there.
fn touches_never_form(term: &Term, text: &Text, w: &Range<usize>) -> bool {
    if term.never.is_empty() {
        return false;
    }
    let longest = term.tokens.len() + 2;
    let starts = w.start.saturating_sub(longest - 1)..w.end;
    starts.into_iter().any(|start| {
        let ends = (start + 1).max(w.start + 1)..=(start + longest).min(text.tokens.len());
        ends.into_iter().any(|end| {
            let words = spaced_ortho(&text.tokens[start..end]);
            term.never_words.iter().any(|n| **n == words)
        })
    })
}

/// What word `k` of a term is, for a reviewer: "surname of Ada Lovelace".
fn part_name(term: &Term, k: usize) -> &'static str {
    match term.kind {
        Kind::Person if k == 0 => "first name",
        Kind::Person if k + 1 == term.tokens.len() => "surname",
        _ => "word",
    }
}

/// Once a full name is established, the same mis-heard first name or surname alone is fixed too.
pub fn consistency(chosen: &mut Vec<Candidate>, claims: &[Candidate], text: &Text, index: &Index) {
    let mut heard: FxHashMap<&str, (u32, String, Reason, f64)> = FxHashMap::default();
    for c in chosen.iter() {
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
                let reason = Reason::Consistency {
                    full: term.name.to_string(),
                    part: part_name(term, k).to_owned(),
                    at: text.timestamp(c.start).map(str::to_owned),
                };
                heard.insert(tok.ortho(), (c.term, canonical, reason, c.score));
            }
        }
    }
    // Who holds each word already: a claim (usize::MAX) or a chosen candidate.
    let mut holder = vec![None; text.tokens.len()];
    for (k, c) in chosen.iter().enumerate() {
        holder[c.start..c.end].fill(Some(k));
    }
    for c in claims {
        holder[c.start..c.end].fill(Some(usize::MAX));
    }
    let mut found = Vec::new();
    for (i, tok) in text.tokens.iter().enumerate() {
        let Some((term, canonical, reason, score)) = heard.get(tok.ortho()) else {
            continue;
        };
        // "Chris from Leeds" after "Chris Hartley" was fixed: a frequent word stays.
        if text.is_frequent(i) || (tok.case() == Case::Lower && text.is_known(i)) {
            continue;
        }
        if touches_never_form(index.term(*term), text, &(i..i + 1)) {
            continue;
        }
        let reasons = vec![reason.clone()];
        let fix = candidate(*term, i..i + 1, score * 0.95, canonical.clone(), reasons);
        match holder[i] {
            None => found.push(fix),
            // The same fix found alone with less confidence: the full name vouches for it.
            Some(k) if k != usize::MAX && upgrades(&chosen[k], &fix) => chosen[k] = fix,
            Some(_) => {}
        }
    }
    chosen.extend(found);
}

fn upgrades(weaker: &Candidate, fix: &Candidate) -> bool {
    weaker.start == fix.start
        && weaker.end == fix.end
        && weaker.replacement == fix.replacement
        && weaker.score < fix.score
}
