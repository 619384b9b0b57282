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
    let lower = tok.lower();
    // Most words are one piece of letters: `pieces` and the letter filter cost more than many
    // a reading.
    let out = if lower.bytes().all(|b| b.is_ascii_lowercase()) {
        word_reading(lower, lang)
    } else {
        by_pieces(lower, lang)
    };
    if out.is_empty() {
        tok.ortho().to_string()
    } else {
        out
    }
}

/// The reading of a lower-case word read piece by piece: only the cuts between letters and
/// digits, read by different rules.
fn by_pieces(lower: &str, lang: Lang) -> String {
    let mut out = String::new();
    for part in pieces(lower) {
        if part.starts_with(|c: char| c.is_ascii_digit()) {
            out.push_str(&number(part, lang).unwrap_or_else(|| part.to_owned()));
        } else {
            let word: String = part.chars().filter(|c| c.is_alphabetic()).collect();
            out.push_str(&word_reading(&word, lang));
        }
    }
    out
}

/// A French reading of a word taken as a foreign name, when it differs from the ordinary one.
/// A French recogniser spells a foreign name with French letters, but the name keeps its own
/// sounds: a final consonant is said ("-ez", "-us", "-os") and "in", "en", "an" before a
/// consonant or at the end are a vowel and n, not a nasal vowel (an English "ee" + n heard
/// and written "-in"). `None` for words with neither.
pub fn as_foreign_name(lower: &str) -> Option<String> {
    if !lower.chars().all(|c| c.is_ascii_lowercase()) {
        return None; // accents mark a French spelling
    }
    let plain = phonetic::french(lower);
    if english_spelling(lower) {
        return Some(phonetic::english(lower)).filter(|r| *r != plain);
    }
    let mut out = phonetic::french(&denasalised(lower));
    if let Some(sound) = final_consonant(lower)
        && !out.ends_with(sound)
    {
        out.push_str(sound);
    }
    (out != plain).then_some(out)
}

/// Letter groups French spelling does not use but English does ("Wheatcroft", "Brightman",
/// "Goodall"): the recogniser wrote a name it knows in English, which keeps English sounds.
fn english_spelling(lower: &str) -> bool {
    const GROUPS: [&str; 6] = ["igh", "oo", "ee", "wh", "ck", "tch"];
    lower.starts_with("kn") || lower.starts_with("w") || GROUPS.iter().any(|g| lower.contains(g))
}

/// The spelling with every n that closes a vowel doubled, so French rules read vowel + n.
fn denasalised(lower: &str) -> String {
    let b = lower.as_bytes();
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let mut out = String::with_capacity(lower.len() + 2);
    for (k, &c) in b.iter().enumerate() {
        out.push(c as char);
        let closes = c == b'n'
            && k > 0
            && vowel(b[k - 1])
            && b.get(k + 1)
                .is_none_or(|&n| !vowel(n) && n != b'n' && n != b'h');
        if closes {
            out.push('n');
        }
    }
    out
}

/// The sound of a final consonant French leaves silent.
fn final_consonant(lower: &str) -> Option<&'static str> {
    Some(match lower.as_bytes().last()? {
        b's' => "s",
        b'z' => "z",
        b'x' => "ks",
        b't' => "t",
        b'd' => "d",
        _ => return None,
    })
}

/// A lowercase word read by the rules of `lang`.
fn word_reading(lower: &str, lang: Lang) -> String {
    match lang {
        Lang::Fr => phonetic::french(lower),
        Lang::En => phonetic::english(lower),
    }
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

/// One piece of a word written in parts ("ChatGPT" → "Chat", "GPT"): each piece is said by
/// its own rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part<'a> {
    Word(&'a str),
    /// Letters said one by one: a run of capitals, or a lone letter ("x" of "xAI").
    Letters(&'a str),
    Digits(&'a str),
}

/// The pieces of a word as written: cut between letters and digits, before a capital that
/// follows a small letter ("DeepSeek", "xAI"), and before the last capital of a run that a
/// small letter follows ("HTMLParser"). One piece when there is no cut.
pub fn pieces(written: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = written.char_indices().collect();
    let mut cuts = vec![0];
    for k in 1..chars.len() {
        let (prev, c) = (chars[k - 1].1, chars[k].1);
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let cut = prev.is_ascii_digit() != c.is_ascii_digit()
            || (prev.is_lowercase() && c.is_uppercase())
            || (prev.is_uppercase() && c.is_uppercase() && next.is_some_and(char::is_lowercase));
        if cut {
            cuts.push(chars[k].0);
        }
    }
    cuts.push(written.len());
    cuts.windows(2).map(|w| &written[w[0]..w[1]]).collect()
}

/// The pieces of a word written in parts, each with the rule it is said by. `None` when the
/// word is one piece.
fn parts(written: &str) -> Option<Vec<Part<'_>>> {
    if plainly_one_piece(written) {
        return None;
    }
    let pieces = pieces(written);
    (pieces.len() > 1).then(|| pieces.into_iter().map(classify).collect())
}

/// Whether `pieces` leaves the word whole, told at once for most words: a letter, then small
/// letters only.
fn plainly_one_piece(written: &str) -> bool {
    let b = written.as_bytes();
    b.first().is_some_and(u8::is_ascii_alphabetic) && b[1..].iter().all(u8::is_ascii_lowercase)
}

fn classify(s: &str) -> Part<'_> {
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        Part::Digits(s)
    } else if s.chars().count() == 1 || s.chars().all(char::is_uppercase) {
        Part::Letters(s)
    } else {
        Part::Word(s)
    }
}

/// A word written in parts, read piece by piece: "xAI" is "x" and "A I" said as letters,
/// "M6" is "M" and a number. `None` when the word is one piece.
pub fn by_parts(written: &str, lang: Lang) -> Option<String> {
    let mut out = String::new();
    for part in parts(written)? {
        match part {
            Part::Digits(d) => out.push_str(&number(d, lang).unwrap_or_else(|| d.to_owned())),
            Part::Letters(l) => out.push_str(&spelled(l, lang)),
            Part::Word(w) => out.push_str(&word_reading(&w.to_lowercase(), lang)),
        }
    }
    Some(out)
}

const ROMAN: [&str; 20] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII", "XVIII", "XIX", "XX",
];

/// A Roman numeral of two letters or more, as the number it is said as ("Chapitre XV" is
/// "chapitre quinze"): only the small numbers of sports teams, kings and sequels, so "CD" or "MIX"
/// stay letters or words.
pub fn roman(written: &str, lang: Lang) -> Option<String> {
    if written.len() < 2 {
        return None;
    }
    number(&roman_value(written)?.to_string(), lang)
}

/// The value of a small Roman numeral in capitals (I to XX).
pub fn roman_value(written: &str) -> Option<usize> {
    Some(ROMAN.iter().position(|r| *r == written)? + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shortcuts_read_words_as_pieces_do() {
        let words = [
            "valcourt",
            "Valcourt",
            "xAI",
            "M6",
            "HTMLParser",
            "élodine",
            "Élodine",
            "a",
            "DeepSeek",
            "ab1",
            "1ab",
            "chatgpt",
            "ChatGPT",
            "o",
            "zz",
            "Ab",
            "aB",
        ];
        for word in words {
            if plainly_one_piece(word) {
                assert_eq!(pieces(word), [word], "{word}");
            }
            let lower = word.to_lowercase();
            if lower.bytes().all(|b| b.is_ascii_lowercase()) {
                for lang in [Lang::Fr, Lang::En] {
                    assert_eq!(
                        word_reading(&lower, lang),
                        by_pieces(&lower, lang),
                        "{word}"
                    );
                }
            }
        }
        let plain = words.iter().filter(|w| plainly_one_piece(w)).count();
        assert!((5..words.len()).contains(&plain), "{plain} plain words");
    }

    #[test]
    fn words_in_parts_are_read_piece_by_piece() {
        assert_eq!(by_parts("xAI", Lang::En).as_deref(), Some("ekseaj"));
        assert_eq!(by_parts("M6", Lang::Fr).as_deref(), Some("emsis"));
        assert_eq!(
            parts("HTMLParser"),
            Some(vec![Part::Letters("HTML"), Part::Word("Parser")])
        );
        assert_eq!(by_parts("Paris", Lang::Fr), None);
        assert_eq!(by_parts("RATP", Lang::Fr), None);
    }

    #[test]
    fn foreign_names_sound_their_endings() {
        assert_eq!(as_foreign_name("quorin").as_deref(), Some("koRin"));
        assert_eq!(as_foreign_name("tavarez").as_deref(), Some("tavaRez"));
        assert_eq!(as_foreign_name("palomus").as_deref(), Some("palomys"));
        assert_eq!(as_foreign_name("kelmora"), None);
        assert_eq!(as_foreign_name("vérin"), None);
        // A name spelled the English way keeps English sounds.
        let english = phonetic::english("wheatcroft");
        assert_eq!(as_foreign_name("wheatcroft"), Some(english));
    }

    #[test]
    fn small_roman_numerals_are_numbers() {
        assert_eq!(roman("XV", Lang::Fr).as_deref(), Some("k1z"));
        assert_eq!(roman("XIV", Lang::En).as_deref(), Some("foRtin"));
        assert_eq!(roman("CD", Lang::Fr), None);
        assert_eq!(roman("V", Lang::Fr), None);
    }
}
