//! Harvesting candidate terms from transcripts for `dict suggest`.
//!
//! Two sources. Text written by people around the captions (a caption page's title and
//! description, WebVTT speaker names) spells names right: its capitalised phrases are
//! candidates as soon as they appear once. The spoken text spells them as heard: only
//! capitalised phrases that recur there are candidates. Phrases a term already covers are left
//! out. Then each candidate is matched against the transcript like a dictionary term, and the
//! spoken forms it would fix are its likely mis-hearings (future `aliases`).

use std::collections::HashMap;

use crate::dictionary::{Dictionary, Entry};
use crate::matcher::lexicon::{Lang, Lexicon, is_function_word};
use crate::matcher::{Index, Matcher};
use crate::transcript::{Transcript, lines};

/// Where a suggestion was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Found {
    /// Written around the captions (title, description, speaker names): spelled right.
    Written,
    /// Recurring in the spoken text.
    Spoken,
}

/// A spoken form that sounds like a suggested name.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Heard {
    pub form: String,
    pub count: usize,
    /// 1-based line of its first occurrence.
    pub line: usize,
    pub score: f64,
}

/// A candidate term.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Suggestion {
    pub name: String,
    pub found: Found,
    /// Occurrences in the text it was found in.
    pub count: usize,
    /// 1-based line of its first occurrence.
    pub line: usize,
    pub aliases: Vec<Heard>,
}

/// Words a name may have between capitalised words ("Jeanne d'Arc", "Coupe de France").
const LINKS: &[&str] = &[
    "de", "du", "des", "la", "le", "d", "l", "van", "von", "der", "den", "da", "di", "del", "of",
    "the", "and", "et", "y",
];

/// Longest phrase considered, in words.
const MAX_WORDS: usize = 5;

/// Candidate terms of `transcript` that `index` does not cover, most useful first: written
/// ones, then by count.
pub fn suggest(transcript: &Transcript, index: &Index, min_count: usize) -> Vec<Suggestion> {
    let source = transcript.source();
    let covered = covered_keys(index);
    let mut found: Vec<Suggestion> = Vec::new();
    let spoken: Vec<(usize, &str)> = (transcript.segments().iter())
        .map(|s| (s.span.start, transcript.text(s)))
        .collect();
    let mut written: Vec<(usize, &str)> = outside_segments(transcript);
    let speakers = transcript.segments().iter().filter_map(|s| {
        let name = s.speaker.as_deref()?;
        Some((
            source[s.span.start..]
                .find(name)
                .map_or(s.span.start, |o| s.span.start + o),
            name,
        ))
    });
    written.extend(speakers);
    for (kind, parts, min) in [
        (Found::Written, &written, 1),
        (Found::Spoken, &spoken, min_count),
    ] {
        for (name, (count, offset)) in phrases(parts) {
            let known = covered.contains(&crate::matcher::spelling_key(&name))
                || found.iter().any(|f| same_key(&f.name, &name));
            if count >= min.max(1) && !known {
                let line = transcript.line_col(offset).0;
                found.push(Suggestion {
                    name,
                    found: kind,
                    count,
                    line,
                    aliases: Vec::new(),
                });
            }
        }
    }
    found.sort_by(|a, b| {
        (a.found as u8, std::cmp::Reverse(a.count), a.line).cmp(&(
            b.found as u8,
            std::cmp::Reverse(b.count),
            b.line,
        ))
    });
    heard_forms(transcript, &mut found);
    found
}

/// Spelling keys of every term, every alias, and every run of words of a term's name: a
/// phrase that is part of a known name ("Parisien" of "Le Parisien") is covered too.
fn covered_keys(index: &Index) -> std::collections::HashSet<String> {
    let mut keys = std::collections::HashSet::new();
    for name in index.names() {
        let words: Vec<&str> = name
            .split([' ', '-', '\'', '’'])
            .filter(|w| !w.is_empty())
            .collect();
        for start in 0..words.len() {
            for end in start + 1..=words.len() {
                keys.insert(crate::matcher::spelling_key(&words[start..end].join(" ")));
            }
        }
    }
    keys.extend(index.alias_keys().map(str::to_owned));
    keys
}

/// The text of a transcript that is not spoken: header, description, notes. Timestamps and
/// cue numbers are not names, so lines made only of them go.
fn outside_segments(t: &Transcript) -> Vec<(usize, &str)> {
    let source = t.source();
    let mut out = Vec::new();
    let mut at = 0;
    let mut push = |from: usize, to: usize| {
        for line in lines(&source[from..to]) {
            let text = line.text.trim();
            if text.chars().any(char::is_alphabetic) && !text.contains("-->") {
                out.push((from + line.start, line.text));
            }
        }
    };
    for s in t.segments() {
        push(at, s.span.start.max(at));
        at = at.max(s.span.end);
    }
    push(at, source.len());
    out
}

/// Capitalised phrases of `parts` (offset, text) with their count and first offset, in order
/// of first appearance.
fn phrases(parts: &[(usize, &str)]) -> Vec<(String, (usize, usize))> {
    let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
    let mut order = Vec::new();
    for &(offset, text) in parts {
        for (start, phrase) in capitalised_phrases(text) {
            let slot = seen.entry(phrase.clone()).or_insert_with(|| {
                order.push(phrase.clone());
                (0, offset + start)
            });
            slot.0 += 1;
        }
    }
    order
        .into_iter()
        .map(|p| {
            let v = seen[&p];
            (p, v)
        })
        .collect()
}

/// A word of a text with its byte offset, and whether a sentence starts with it.
struct Word<'a> {
    start: usize,
    text: &'a str,
    sentence_start: bool,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut sentence_start = true;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        // Letters, digits, and an apostrophe or hyphen inside a word ("d'Arc", "Saint-Malo").
        let inner = matches!(c, '-' | '\'' | '’') && start.is_some();
        let word_char = c.is_alphanumeric() || inner;
        match (start, word_char) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let w = text[s..i].trim_end_matches(['-', '\'', '’']);
                // "l’Intelligence", "d'Arc": the elided article is a word of its own.
                let elided = w
                    .find(['\'', '’'])
                    .filter(|&a| a <= 2 && w[a..].chars().nth(1).is_some_and(char::is_uppercase));
                if let Some(a) = elided {
                    out.push(Word {
                        start: s,
                        text: &w[..a],
                        sentence_start,
                    });
                    let rest = a + w[a..].chars().next().map_or(1, char::len_utf8);
                    out.push(Word {
                        start: s + rest,
                        text: &w[rest..],
                        sentence_start: false,
                    });
                } else {
                    out.push(Word {
                        start: s,
                        text: w,
                        sentence_start,
                    });
                }
                sentence_start = false;
                start = None;
            }
            _ => {}
        }
        if start.is_none()
            && matches!(
                c,
                '.' | '!' | '?' | '…' | ':' | '\n' | '\r' | '"' | '«' | '“'
            )
        {
            sentence_start = true;
        }
    }
    out
}

/// Maximal runs of capitalised words (with links between them) of a text, as (offset, phrase).
fn capitalised_phrases(text: &str) -> Vec<(usize, String)> {
    let words = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !is_name_word(&words[i]) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        let mut last_name = i;
        while end < words.len() && end - i < MAX_WORDS {
            let w = &words[end];
            let joined = text[words[end - 1].start + words[end - 1].text.len()..w.start]
                .chars()
                .all(|c| c == ' ' || c == '\'' || c == '’');
            if !joined {
                break;
            }
            if is_name_word(w) {
                last_name = end;
            } else if !LINKS.contains(&w.text.to_lowercase().as_str()) {
                break;
            }
            end += 1;
        }
        if let Some(phrase) = trimmed(&words[i..=last_name]) {
            let from = phrase[0].start;
            let to = phrase[phrase.len() - 1].start + phrase[phrase.len() - 1].text.len();
            out.push((from, text[from..to].to_owned()));
        }
        i = last_name + 1;
    }
    out
}

/// A capitalised word that may be part of a name: not shouted text, not a lone capital.
fn is_name_word(w: &Word) -> bool {
    let Some(first) = w.text.chars().next() else {
        return false;
    };
    let letters = w.text.chars().filter(|c| c.is_alphabetic()).count();
    let upper = w.text.chars().filter(|c| c.is_uppercase()).count();
    // An acronym is short and not a word; capitals on ordinary words are shouting ("JE SIGNE").
    let shouting = upper == letters && (letters > 5 || ordinary(w.text));
    first.is_uppercase() && letters >= 2 && !shouting
}

/// A word of ordinary speech: every part of it ("C'est", "Soutenez-les") is a common or a
/// function word of French or English.
fn ordinary(word: &str) -> bool {
    word.to_lowercase()
        .split(['\'', '’', '-'])
        .filter(|p| !p.is_empty())
        .all(|p| {
            Lang::ALL
                .iter()
                .any(|&l| Lexicon::get(l).is_common(p) || is_function_word(l, p))
        })
}

/// The part of a phrase worth suggesting, if any: without an ordinary word whose capital only
/// says a sentence starts ("Et", "C'est"); then several words, or one that is not ordinary.
fn trimmed<'p, 'a>(phrase: &'p [Word<'a>]) -> Option<&'p [Word<'a>]> {
    let skip = phrase
        .iter()
        .take_while(|w| w.sentence_start && ordinary(w.text))
        .count();
    let rest = &phrase[skip..];
    let names = rest.iter().filter(|w| is_name_word(w)).count();
    match rest {
        [] => None,
        [one] if ordinary(one.text) => None,
        _ if names == 0 => None,
        _ => Some(rest),
    }
}

/// Whether two names have the same spelling key (case and accents aside).
fn same_key(a: &str, b: &str) -> bool {
    let key = |s: &str| crate::matcher::spelling_key(s);
    key(a) == key(b)
}

/// Fills each suggestion's likely mis-hearings: the spoken forms the matcher would fix to it.
fn heard_forms(transcript: &Transcript, found: &mut [Suggestion]) {
    if found.is_empty() {
        return;
    }
    let entries = found.iter().map(|s| Entry::new(s.name.clone())).collect();
    let index = Index::build(&Dictionary::from_entries(entries));
    let mut by_term: HashMap<String, Vec<Heard>> = HashMap::new();
    for p in Matcher::new(&index).find(transcript) {
        let forms = by_term.entry(p.term.clone()).or_default();
        match forms.iter_mut().find(|h| h.form == p.original) {
            Some(h) => h.count += 1,
            None => forms.push(Heard {
                form: p.original.clone(),
                count: 1,
                line: p.line,
                score: p.score,
            }),
        }
    }
    for s in found {
        s.aliases = by_term.remove(&s.name).unwrap_or_default();
    }
}
