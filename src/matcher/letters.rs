//! Letters and numbers as a recogniser writes them when a name is said letter by letter or
//! digit by digit: separated letters ("r a t p"), letter names spelled as words in either
//! language ("enne èr té pé", "ee ess pee en", "ex"), letter names run together into one word
//! ("énertépé"), digits and number words ("9 4", "nine four"). A window made of such units
//! spells a string of letters and digits; when that string is, letter for letter, what a
//! term is said as (an acronym, "xAI", "M6", a word with digits such as "Nine4"), the window
//! is that term.

use rustc_hash::FxHashMap;
use std::ops::Range;

use super::index::{Index, Term};
use super::normalize::{Case, Gap, Token};
use super::numbers;
use super::text::Text;
use super::window::MAX_WINDOW;

/// Most tokens a spelled window holds: a long acronym said letter by letter.
const MAX_UNITS: usize = 10;

/// What one transcript token spells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    /// Letters (lowercase ASCII): a lone letter, a letter name, an acronym in capitals, or
    /// letter names run together.
    Letters(String),
    /// A number, as digits.
    Number(String),
    /// A word said as a word, beside spelled letters ("cé tavoli" for "ctavoli").
    Word(String),
}

impl Unit {
    fn text(&self) -> &str {
        match self {
            Unit::Letters(s) | Unit::Number(s) | Unit::Word(s) => s,
        }
    }
}

/// The letter a letter name stands for, written as French and English recognisers write it
/// (spelling key: lowercase, no accents).
fn letter_name(name: &str) -> Option<char> {
    Some(match name {
        "ah" | "ay" => 'a',
        "be" | "bee" => 'b',
        "ce" | "cee" | "see" | "sea" => 'c',
        "de" | "dee" => 'd',
        "eu" | "ee" => 'e',
        "ef" | "eff" | "effe" => 'f',
        "ge" | "gee" => 'g',
        "ache" | "hache" | "aitch" => 'h',
        "eye" => 'i',
        "ji" | "jay" => 'j',
        "ka" | "kay" => 'k',
        "el" | "elle" | "ell" => 'l',
        "em" | "emme" => 'm',
        "en" | "enne" => 'n',
        "oh" => 'o',
        "pe" | "pee" | "pea" => 'p',
        "cu" | "ku" | "cue" | "queue" => 'q',
        "er" | "erre" | "air" | "ar" | "are" => 'r',
        "es" | "esse" | "ess" => 's',
        "te" | "tee" | "tea" => 't',
        "you" | "yu" => 'u',
        "ve" | "vee" => 'v',
        "ix" | "ixe" | "iks" | "ex" | "ecks" => 'x',
        "igrec" | "why" | "wye" => 'y',
        "zed" | "zede" | "zee" => 'z',
        _ => return None,
    })
}

/// Letter names as they run together inside one word ("énertépé" is "enne èr té pé"): the
/// names of two letters or more, and the vowels, which are their own names.
const RUN_NAMES: &[&str] = &[
    "be", "ce", "de", "ef", "ge", "ache", "ji", "ka", "el", "em", "en", "pe", "ku", "er", "es",
    "te", "ve", "iks", "zed", "a", "i", "o", "u",
];

/// The letters a word spells as letter names run together, if the whole word is made of them
/// and spells three letters or more (fewer is any short word).
fn run_of_names(ortho: &str) -> Option<String> {
    fn go(rest: &str, out: &mut String) -> bool {
        if rest.is_empty() {
            return true;
        }
        for name in RUN_NAMES {
            if let Some(tail) = rest.strip_prefix(name) {
                let letter = letter_name(name).unwrap_or_else(|| name.chars().next().unwrap());
                out.push(letter);
                if go(tail, out) {
                    return true;
                }
                out.pop();
            }
        }
        false
    }
    if ortho.len() < 4 || !ortho.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let mut out = String::new();
    (go(ortho, &mut out) && out.len() >= 3).then_some(out)
}

/// What token `i` spells, if it is a letter or number unit.
pub fn unit(text: &Text, i: usize) -> Option<Unit> {
    let t = &text.tokens[i];
    let ortho = t.ortho();
    if ortho.is_empty() || ortho.len() > 8 {
        return None;
    }
    if let Some(n) = numbers::value(ortho) {
        return Some(Unit::Number(n));
    }
    let mut chars = ortho.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_ascii_lowercase().then(|| Unit::Letters(c.to_string()));
    }
    if let Some(c) = letter_name(ortho) {
        return Some(Unit::Letters(c.to_string()));
    }
    // An acronym in capitals among spelled letters ("ex AI").
    if t.case() == Case::Upper && ortho.len() <= 4 && ortho.bytes().all(|b| b.is_ascii_lowercase())
    {
        return Some(Unit::Letters(ortho.to_owned()));
    }
    if !text.is_known(i) {
        return run_of_names(ortho).map(Unit::Letters);
    }
    None
}

/// A unit that is a closed-class word of the transcript's language ("a", "elle", "you"):
/// as likely speech as spelling. (Lexicons hold too many short forms, letter names among
/// them, for "ordinary word" to tell.)
fn weak(text: &Text, i: usize) -> bool {
    text.is_function_word(i)
}

/// A unit that speech rarely makes: capitals, digits, letter names run together.
fn marked(text: &Text, i: usize) -> bool {
    let t = &text.tokens[i];
    let ortho = t.ortho();
    (t.case() == Case::Upper && ortho.len() > 1)
        || numbers::digits(ortho)
        || (ortho.len() >= 4 && letter_name(ortho).is_none())
}

/// Whether the units of window `w` are spelling rather than speech: a lone token only when
/// it is letter names run together; two tokens when neither is a closed-class word, or one is
/// marked (see `marked`); more when closed-class words are at most half. An elision ("l'")
/// is speech.
fn spelling_not_speech(text: &Text, w: &Range<usize>) -> bool {
    if (w.start + 1..w.end).any(|i| text.tokens[i].gap == Gap::Apostrophe) {
        return false;
    }
    let weak_count = w.clone().filter(|&i| weak(text, i)).count();
    match w.len() {
        1 => text.tokens[w.start].ortho().len() >= 4 && weak_count == 0,
        2 => weak_count == 0 || w.clone().any(|i| marked(text, i)),
        n => 2 * weak_count <= n,
    }
}

/// A term as said letter by letter or digit by digit: its letters and digits in order, with
/// number words as digits ("Nine4" is "94", "xAI" is "xai", "NRTP" is "nrtp"). `None`
/// for a term with a word said as a word ("Vanoro", "Studio 5").
pub fn term_spelled(term: &Term) -> Option<String> {
    let mut out = String::new();
    for t in term.tokens.iter() {
        let written = &term.name[t.range()];
        out.push_str(&token_spelled(written, t)?);
    }
    (!out.is_empty()).then_some(out)
}

fn token_spelled(written: &str, t: &Token) -> Option<String> {
    let ortho = t.ortho();
    if let Some(n) = numbers::value(ortho) {
        return Some(n);
    }
    if ortho.chars().count() == 1 || (t.case() == Case::Upper && ortho.len() <= 6) {
        return Some(ortho.to_owned());
    }
    let mut out = String::new();
    let pieces = super::reading::pieces(written);
    if pieces.len() < 2 {
        return None;
    }
    for piece in pieces {
        let key = super::normalize::ortho_key(piece);
        if let Some(n) = numbers::value(&key) {
            out.push_str(&n);
        } else if piece.chars().count() == 1 || piece.chars().all(char::is_uppercase) {
            out.push_str(&key);
        } else {
            return None;
        }
    }
    Some(out)
}

/// Whether the window spells out, one letter a token, a term said as a word ("V-A-N-O-R-O"
/// for a brand name): the speaker spelling the name out, which the transcript has right.
pub fn spells_word(term: &Term, w: &Range<usize>, text: &Text) -> bool {
    w.len() > 1
        && w.clone().all(|i| {
            let o = text.tokens[i].ortho();
            o.chars().count() == 1 && o.chars().all(char::is_alphabetic)
        })
        && term_spelled(term).is_none()
}

/// The window `w` widened to the whole run of letters said one by one that it cuts at either
/// edge ("k elle M" of "b k elle M"): a name read letter by letter is retrieved by its keys of
/// three words at most, which may start past its first letters. `None` when it cuts none.
pub fn whole_letter_run(text: &Text, w: &Range<usize>, run: &Range<usize>) -> Option<Range<usize>> {
    let spaced = |i: usize| matches!(text.tokens[i].gap, Gap::Space | Gap::Hyphen);
    // A lone letter, not an elision ("j'") nor what follows one ("'s").
    let letter = |i: usize| {
        let o = text.tokens[i].ortho();
        let elided = text.tokens[i].gap == Gap::Apostrophe
            || text
                .tokens
                .get(i + 1)
                .is_some_and(|n| n.gap == Gap::Apostrophe);
        o.len() == 1 && o.bytes().all(|b| b.is_ascii_lowercase()) && !elided
    };
    let mut start = w.start;
    while start > run.start && letter(start) && spaced(start) && letter(start - 1) {
        start -= 1;
    }
    let mut end = w.end;
    while end < run.end && letter(end - 1) && spaced(end) && letter(end) {
        end += 1;
    }
    let wider = start..end;
    (wider != *w && wider.len() <= MAX_WINDOW).then_some(wider)
}

/// An acronym said as a word ("les zaques" for "ZAK"): one word no lexicon knows, sounding
/// exactly as the acronym read as a word in the transcript's language. Strong enough for a
/// short acronym, which an ordinary word never is.
pub fn said_as_word(term: &Term, w: &Range<usize>, text: &Text) -> bool {
    let acronym = term.tokens.len() == 1 && term.tokens[0].case() == Case::Upper;
    acronym
        && w.len() == 1
        && !text.is_known(w.start)
        && (term.readings.iter())
            .find(|r| r.lang == text.lang_at(w.start))
            .is_some_and(|r| *r.phonemes == *text.reading(w.start).as_bytes())
}

/// A window spelling a term letter for letter, with the term.
pub struct Spelled {
    pub term: u32,
    pub window: Range<usize>,
}

/// Every window of `text` made of letter and number units that spells a term exactly, where
/// the plain spelling of the window does not already (that is `retrieve::exact`'s).
pub fn find(index: &Index, text: &Text, runs: &[Range<usize>]) -> Vec<Spelled> {
    let (ids, distinct) = units_of(text);
    let units: Vec<Option<&Unit>> = (ids.iter())
        .map(|id| id.map(|k| &distinct[k as usize]))
        .collect();
    // Where a letter name is said: only windows near one may mix words and letters.
    let names: Vec<bool> = (units.iter().enumerate())
        .map(|(i, u)| named(text, i, *u))
        .collect();
    let mut out = Vec::new();
    for run in runs {
        for s in run.clone() {
            if names[s..(s + MAX_MIXED).min(run.end)].contains(&true) {
                mixed_windows(index, text, s, run, &units[s..run.end], &mut out);
            }
            if units[s].is_none() {
                continue;
            }
            let mut e = s;
            while e < run.end && e - s < MAX_UNITS && units[e].is_some() {
                if e > s && text.tokens[e].gap == Gap::Cue {
                    break;
                }
                e += 1;
                let spelled: Vec<&Unit> = units[s..e].iter().flatten().copied().collect();
                spelled_window(index, text, s..e, &spelled, &mut out);
            }
        }
    }
    out
}

/// The unit of every token, as an index into the distinct units, worked out once per word:
/// transcripts repeat their words.
fn units_of(text: &Text) -> (Vec<Option<u32>>, Vec<Unit>) {
    let mut memo: FxHashMap<usize, Option<u32>> = FxHashMap::default();
    let mut distinct = Vec::new();
    let ids = (0..text.tokens.len())
        .map(|i| {
            *memo.entry(text.tokens[i].word_id()).or_insert_with(|| {
                distinct.push(unit(text, i)?);
                Some((distinct.len() - 1) as u32)
            })
        })
        .collect();
    (ids, distinct)
}

/// A letter name written as a word ("cé", "pee"), not a closed-class word.
fn named(text: &Text, i: usize, u: Option<&Unit>) -> bool {
    u.is_some_and(|u| {
        matches!(u, Unit::Letters(_)) && u.text() != text.tokens[i].ortho() && !weak(text, i)
    })
}

/// Most words in a window of spelled letters and words said as words.
const MAX_MIXED: usize = 4;

/// Windows from `start` that mix words said as words with letter names ("cé tavoli" for
/// "ctavoli"), spelling a term's name exactly once the letter names are letters. A
/// closed-class word ("de", "en") is taken as itself: it is speech far more often than a
/// letter; so is a number word ("le studio cinq fois" is no "Studio 5").
fn mixed_windows(
    index: &Index,
    text: &Text,
    start: usize,
    run: &Range<usize>,
    units: &[Option<&Unit>],
    out: &mut Vec<Spelled>,
) {
    let mut window: Vec<Unit> = Vec::new();
    let (mut converted, mut plain) = (0, 0);
    for (k, u) in units.iter().enumerate().take(MAX_MIXED) {
        let i = start + k;
        if i >= run.end || (k > 0 && text.tokens[i].gap == Gap::Cue) {
            break;
        }
        match u.filter(|u| named(text, i, Some(u))) {
            Some(u) => {
                converted += 1;
                window.push(u.clone());
            }
            None => {
                plain += 1;
                window.push(Unit::Word(text.tokens[i].ortho().to_owned()));
            }
        }
        if converted == 0 || plain == 0 {
            continue;
        }
        let units: Vec<&Unit> = window.iter().collect();
        for variant in numbers::as_words(&units) {
            for &term in index.canonical.get(&variant).into_iter().flatten() {
                out.push(Spelled {
                    term,
                    window: start..i + 1,
                });
            }
        }
    }
}

/// The terms the window's units spell (see `find`).
fn spelled_window(
    index: &Index,
    text: &Text,
    w: Range<usize>,
    units: &[&Unit],
    out: &mut Vec<Spelled>,
) {
    if !spelling_not_speech(text, &w) {
        return;
    }
    let key: String = units.iter().map(|u| u.text()).collect();
    if key.len() < 2 {
        return;
    }
    let plain: String = w.clone().map(|i| text.tokens[i].ortho()).collect();
    for variant in numbers::as_words(units) {
        if variant == plain {
            continue; // the plain spelling: found as an exact form already
        }
        for &term in index.canonical.get(&variant).into_iter().flatten() {
            if term_spelled(index.term(term)).as_deref() == Some(key.as_str()) {
                out.push(Spelled {
                    term,
                    window: w.clone(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::{Dictionary, Entry};
    use crate::transcript::Transcript;

    /// The terms `find` spells in `said`, by name with the words they replace.
    fn spelled(names: &[&str], said: &str) -> Vec<(String, String)> {
        let index = Index::build(&Dictionary::from_entries(
            names.iter().map(|n| Entry::new(*n)).collect(),
        ));
        let transcript = Transcript::parse(said.as_bytes()).unwrap();
        let text = Text::new(&transcript, 0..transcript.segments().len());
        find(&index, &text, &text.runs())
            .into_iter()
            .map(|s| {
                let name = index.term(s.term).name.to_string();
                (name, text.source(s.window).to_owned())
            })
            .collect()
    }

    #[test]
    fn letter_names_and_numbers_spell_terms() {
        let names = ["SNCV", "KBO", "Eight4", "zQT"];
        let found = spelled(&names, "on a pris la esse enne cé vé hier, puis le kabéo");
        assert!(found.contains(&("SNCV".into(), "esse enne cé vé".into())));
        assert!(found.contains(&("KBO".into(), "kabéo".into())));
        let found = spelled(&names, "they streamed it on 8 4 and then on zed cue tee");
        assert!(found.contains(&("Eight4".into(), "8 4".into())));
        assert!(found.contains(&("zQT".into(), "zed cue tee".into())));
    }

    #[test]
    fn speech_is_not_spelling() {
        // "elle a" is no "LA", nor a word said as a word spelled out.
        assert!(spelled(&["LA"], "et puis elle a dit non").is_empty());
        assert!(spelled(&["Vanoro"], "the brand v a n o r o was new").is_empty());
    }

    #[test]
    fn a_word_spelled_out_is_not_joined_into_it() {
        let index = Index::build(&Dictionary::from_entries(vec![
            Entry::new("Vanoro"),
            Entry::new("VNR"),
        ]));
        let transcript = Transcript::parse(b"spell it v a n o r o please").unwrap();
        let text = Text::new(&transcript, 0..transcript.segments().len());
        let w = 2..8;
        assert!(spells_word(index.term(0), &w, &text));
        assert!(!spells_word(index.term(1), &(2..5), &text));
    }

    #[test]
    fn an_acronym_said_as_a_word_needs_a_word_no_lexicon_knows() {
        let index = Index::build(&Dictionary::from_entries(vec![
            Entry::new("ZAK"),
            Entry::new("BAK"),
        ]));
        let transcript = Transcript::parse("on refait les zaques et le bac".as_bytes()).unwrap();
        let text = Text::new(&transcript, 0..transcript.segments().len());
        assert!(said_as_word(index.term(0), &(3..4), &text));
        assert!(!said_as_word(index.term(1), &(6..7), &text));
        assert!(!said_as_word(index.term(0), &(2..4), &text));
    }

    #[test]
    fn a_letter_run_is_verified_whole() {
        let transcript = Transcript::parse(b"we met d j en V today").unwrap();
        let text = Text::new(&transcript, 0..transcript.segments().len());
        let run = 0..text.tokens.len();
        assert_eq!(whole_letter_run(&text, &(3..6), &run), Some(2..6));
        assert_eq!(whole_letter_run(&text, &(0..2), &run), None);
    }

    #[test]
    fn letter_names_run_together_spell_letters() {
        assert_eq!(run_of_names("enertepe").as_deref(), Some("nrtp"));
        assert_eq!(run_of_names("maison"), None);
        assert_eq!(run_of_names("ate"), None);
    }

    #[test]
    fn letter_names_of_both_languages() {
        assert_eq!(letter_name("pee"), Some('p'));
        assert_eq!(letter_name("te"), Some('t'));
        assert_eq!(letter_name("maison"), None);
    }
}
