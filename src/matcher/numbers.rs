//! Numbers as a recogniser writes them (digits, or number words in either language) and as
//! terms write them (digits, number words, small Roman numerals). A number is heard exactly or
//! not at all: "16" is never a mis-hearing of "XIV", however close "seize" sounds to "quatorze".

use std::ops::Range;

use super::index::Term;
use super::letters::Unit;
use super::normalize::{Case, ortho_key};
use super::reading::{pieces, roman_value};
use super::text::Text;

/// Number words from zero to twenty, by value (spelling keys).
const FR: [&str; 21] = [
    "zero", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
    "douze", "treize", "quatorze", "quinze", "seize", "dixsept", "dixhuit", "dixneuf", "vingt",
];
const EN: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// Number units in a window beyond which only the digits are looked up (each unit has three
/// spellings).
const MAX_SPELLED_NUMBERS: usize = 3;

/// Whether a spelling key is a number written in digits.
pub fn digits(ortho: &str) -> bool {
    !ortho.is_empty() && ortho.bytes().all(|b| b.is_ascii_digit())
}

/// The number a spelling key stands for, as digits: a short run of digits or a number word.
pub fn value(ortho: &str) -> Option<String> {
    if ortho.len() <= 4 && digits(ortho) {
        return Some(ortho.to_owned());
    }
    // Most words are no number: a byte and a length rule them out before any comparison.
    let first = *ortho.as_bytes().first()?;
    if !b"zudtqcshnoeftvsw".contains(&first) || ortho.len() > 9 {
        return None;
    }
    if ortho == "une" {
        return Some("1".to_owned());
    }
    let n = FR
        .iter()
        .position(|w| *w == ortho)
        .or_else(|| EN.iter().position(|w| *w == ortho))?;
    Some(n.to_string())
}

/// Spellings of the units glued together, a number as its digits or its word in either
/// language ("9", "4" → "94", "nine4", "neuf4", ...), for looking up terms written either way.
pub fn as_words(units: &[&Unit]) -> Vec<String> {
    let numbers = units
        .iter()
        .filter(|u| matches!(u, Unit::Number(_)))
        .count();
    let mut out = vec![String::new()];
    for u in units {
        match u {
            Unit::Letters(s) | Unit::Word(s) => out.iter_mut().for_each(|o| o.push_str(s)),
            Unit::Number(d) => {
                let words = word_forms(d);
                if numbers > MAX_SPELLED_NUMBERS || words.is_empty() {
                    out.iter_mut().for_each(|o| o.push_str(d));
                    continue;
                }
                out = out
                    .iter()
                    .flat_map(|o| {
                        std::iter::once(d.as_str())
                            .chain(words.iter().copied())
                            .map(move |w| format!("{o}{w}"))
                    })
                    .collect();
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The number words for digits, in both languages.
fn word_forms(digits: &str) -> Vec<&'static str> {
    let Some(n) = digits.parse::<usize>().ok().filter(|&n| n <= 20) else {
        return Vec::new();
    };
    let mut words = vec![FR[n], EN[n]];
    words.dedup();
    words
}

/// The numbers a term holds, as digits: digit runs, number words, small Roman numerals.
fn term_numbers(term: &Term) -> Vec<String> {
    let mut out = Vec::new();
    for t in term.tokens.iter() {
        let written = &term.name[t.range()];
        if let Some(n) = roman_value(written) {
            out.push(n.to_string());
        }
        for piece in pieces(written) {
            if let Some(n) = value(&ortho_key(piece)) {
                out.push(n);
            }
        }
    }
    out
}

/// Whether the numbers written in digits in window `w` are numbers of the term: a digit is
/// heard exactly, so "battu 12 à 16" is no mis-hearing of "XIV de Lyon", nor "16" of a name.
pub fn agree(term: &Term, w: &Range<usize>, text: &Text) -> bool {
    let is_digits = |i: &usize| {
        let t = &text.tokens[*i];
        // Digits have no case: most words are ruled out without reading them.
        t.case() == Case::None && digits(t.ortho())
    };
    if !w.clone().any(|i| is_digits(&i)) {
        return true;
    }
    let numbers = term_numbers(term);
    let all: String = numbers.concat();
    w.clone().filter(is_digits).all(|i| {
        let o = text.tokens[i].ortho();
        o == all || numbers.iter().any(|n| n == o)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_digits_and_words() {
        assert_eq!(value("sept").as_deref(), Some("7"));
        assert_eq!(value("seven").as_deref(), Some("7"));
        assert_eq!(value("42").as_deref(), Some("42"));
        assert_eq!(value("maison"), None);
        assert_eq!(pieces("Nine4"), vec!["Nine", "4"]);
        assert_eq!(pieces("xAI"), vec!["x", "AI"]);
    }

    #[test]
    fn a_number_in_digits_is_heard_exactly() {
        let index = crate::Index::build(&crate::Dictionary::from_entries(vec![crate::Entry::new(
            "XIV de Lyon",
        )]));
        let transcript =
            crate::Transcript::parse("le 14 de Lyon a battu le 16 de Lyon".as_bytes()).unwrap();
        let text = Text::new(&transcript, 0..transcript.segments().len());
        let term = index.term(0);
        assert!(agree(term, &(1..4), &text));
        assert!(!agree(term, &(7..10), &text));
        assert!(agree(term, &(2..4), &text));
    }

    #[test]
    fn numbers_are_looked_up_in_every_spelling() {
        let (seven, m) = (Unit::Number("7".into()), Unit::Letters("m".into()));
        let words = as_words(&[&m, &seven]);
        assert!(words.contains(&"m7".to_owned()));
        assert!(words.contains(&"mseven".to_owned()));
        assert!(words.contains(&"msept".to_owned()));
    }
}
