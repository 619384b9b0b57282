//! How a word sounds: phonetic readings of tokens, including clitics and spelled letters.

use super::lexicon::Lang;
use super::normalize::{Gap, Token};
use super::phonetic;

/// Clitics that elide before a vowel ("l'", "d'", "qu'"): read as their bare consonant.
fn clitic(lower: &str, lang: Lang) -> Option<&'static str> {
    Some(match (lang, lower) {
        (Lang::Fr, "l") => "l",
        (Lang::Fr, "d") => "d",
        (Lang::Fr, "j") => "Z",
        (Lang::Fr, "m") => "m",
        (Lang::Fr, "n") => "n",
        (Lang::Fr, "s") => "s",
        (Lang::Fr, "t") => "t",
        (Lang::Fr, "c") => "s",
        (Lang::Fr, "qu") => "k",
        (Lang::Fr, "jusqu") => "Zysk",
        (Lang::Fr, "lorsqu") => "loRsk",
        (Lang::Fr, "puisqu") => "pyisk",
        (_, "o") => "o",
        (_, "l") => "l",
        (_, "d") => "d",
        (_, "n") => "n",
        (_, "m") => "m",
        _ => return None,
    })
}

/// The name of a letter said aloud, as in an acronym read letter by letter.
pub fn letter_name(letter: char, lang: Lang) -> &'static str {
    const FR: [&str; 26] = [
        "a", "be", "se", "de", "@", "ef", "Ze", "aS", "i", "Zi", "ka", "el", "em", "en", "o", "pe",
        "ky", "eR", "es", "te", "y", "ve", "dubl@ve", "iks", "igRek", "zed",
    ];
    const EN: [&str; 26] = [
        "e", "bi", "si", "di", "i", "ef", "dZi", "etS", "aj", "dZe", "ke", "el", "em", "en", "o",
        "pi", "kju", "aR", "es", "ti", "ju", "vi", "d@b@lju", "eks", "waj", "zed",
    ];
    let Some(i) = letter
        .to_ascii_lowercase()
        .is_ascii_lowercase()
        .then(|| (letter.to_ascii_lowercase() as u8 - b'a') as usize)
    else {
        return "";
    };
    match lang {
        Lang::Fr => FR[i],
        Lang::En => EN[i],
    }
}

/// Spelled-out reading of a word, letter by letter (digits kept as they are).
pub fn spelled(word: &str, lang: Lang) -> String {
    word.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                c.to_string()
            } else {
                letter_name(c, lang).to_owned()
            }
        })
        .collect()
}

/// Reading of one token; `next_gap` is the gap after it, `spell` asks for letter names.
pub fn token(tok: &Token, next_gap: Option<Gap>, spell: bool, lang: Lang) -> String {
    if next_gap == Some(Gap::Apostrophe)
        && let Some(c) = clitic(tok.lower(), lang)
    {
        return c.to_owned();
    }
    if tok.ortho().chars().all(|c| c.is_ascii_digit()) {
        return number(tok.ortho(), lang).unwrap_or_else(|| tok.ortho().to_string());
    }
    if spell {
        return spelled(tok.ortho(), lang);
    }
    let mut out = String::new();
    for part in letter_digit_runs(tok.lower()) {
        if part.starts_with(|c: char| c.is_ascii_digit()) {
            out.push_str(&number(part, lang).unwrap_or_else(|| part.to_owned()));
        } else {
            let word: String = part.chars().filter(|c| c.is_alphabetic()).collect();
            out.push_str(&match lang {
                Lang::Fr => phonetic::french(&word),
                Lang::En => phonetic::english(&word),
            });
        }
    }
    if out.is_empty() {
        tok.ortho().to_string()
    } else {
        out
    }
}

/// "cas9" → ["cas", "9"]: letters and digits are read by different rules.
fn letter_digit_runs(word: &str) -> Vec<&str> {
    let mut runs = Vec::new();
    let mut start = 0;
    let mut prev_digit = None;
    for (i, c) in word.char_indices() {
        let digit = c.is_ascii_digit();
        if prev_digit.is_some_and(|p| p != digit) {
            runs.push(&word[start..i]);
            start = i;
        }
        prev_digit = Some(digit);
    }
    runs.push(&word[start..]);
    runs
}

/// How a small number is said, so "Apollo 13" meets "apollo treize" and "B2" meets "B two".
fn number(digits: &str, lang: Lang) -> Option<String> {
    const FR: [&str; 21] = [
        "zeRo", "1", "d2", "tRwa", "katR", "s1k", "sis", "set", "yit", "n2f", "dis", "5z", "duz",
        "tRez", "katoRz", "k1z", "sez", "dizset", "dizyit", "disn2f", "v1",
    ];
    const EN: [&str; 21] = [
        "ziRo", "w@n", "tu", "TRi", "foR", "fajv", "siks", "sev@n", "et", "najn", "ten", "ilev@n",
        "twelv", "T@Rtin", "foRtin", "fiftin", "sikstin", "sev@ntin", "etin", "najntin", "twenti",
    ];
    let n: usize = digits.parse().ok()?;
    let table = match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    };
    table.get(n).map(|s| (*s).to_owned())
}
