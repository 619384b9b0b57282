//! Normalisation: tokens with byte offsets (the display view) and match keys.

use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;
use std::sync::Arc;
use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// What separates a token from the one before it, which decides whether a window may span both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Gap {
    /// First token of a text: windows never reach back across it.
    Start,
    /// First token of a segment that follows another (the next caption, the next timed
    /// line): a window may span it, as a name may run on, but a fix is cut there so that each
    /// part stays in its own caption.
    Cue,
    /// First token of a segment of the same caption as the one before: the next line of a
    /// cue, or the next word of word-timed captions (`<00:00:02.800><c> word</c>`). As
    /// between two words of a line, save that a fix is cut there too: a fix edits one
    /// segment at a time.
    Line,
    Space,
    Hyphen,
    Apostrophe,
    /// A dot with no space around it, as inside a web address.
    Dot,
    /// Punctuation a name does not contain (comma, sentence end, brackets, quotes...).
    Hard,
}

impl Gap {
    /// Whether a window of tokens may include this gap.
    pub fn joinable(self) -> bool {
        matches!(
            self,
            Gap::Space | Gap::Cue | Gap::Line | Gap::Hyphen | Gap::Apostrophe | Gap::Dot
        )
    }
}

/// Capitalisation of a token as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Case {
    Lower,
    /// First letter upper, some lower ("Paris", "McCartney").
    Capital,
    /// Every letter upper ("CNES"); a single capital letter counts as `Capital`.
    Upper,
    /// No cased letter (digits).
    None,
}

/// A word as written, with its keys: one copy per distinct form, shared by its occurrences.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Word {
    /// Lowercase, accents kept: the input of the phonetic readers.
    pub lower: Box<str>,
    /// Lowercase, accents and marks removed: the spelling key.
    pub ortho: Box<str>,
    pub case: Case,
}

/// A word of the transcript (or of a dictionary entry) where it occurs. 24 bytes: a long
/// transcript has millions.
#[derive(Debug, Clone)]
pub struct Token {
    /// Byte range in the text it was cut from (a transcript is at most 4 GiB).
    pub span: Range<u32>,
    pub word: Arc<Word>,
    pub gap: Gap,
    /// True when the token starts a sentence, where capitals say nothing about names.
    pub sentence_start: bool,
}

impl Token {
    /// Byte range in the text it was cut from.
    pub fn range(&self) -> Range<usize> {
        self.span.start as usize..self.span.end as usize
    }

    pub fn lower(&self) -> &str {
        &self.word.lower
    }

    pub fn ortho(&self) -> &str {
        &self.word.ortho
    }

    pub fn case(&self) -> Case {
        self.word.case
    }

    /// Identity of the written form, for caches keyed by word.
    pub fn word_id(&self) -> usize {
        Arc::as_ptr(&self.word) as usize
    }
}

/// Makes the occurrences of a written form share one `Word`: a long transcript repeats a few
/// thousand words.
#[derive(Default)]
pub struct Interner {
    seen: FxHashMap<Box<str>, Arc<Word>>,
    /// Words of an index being updated: shared again wherever a form reads as one of them.
    known: FxHashSet<Arc<Word>>,
}

impl Interner {
    pub fn knowing(words: impl IntoIterator<Item = Arc<Word>>) -> Self {
        Interner {
            seen: FxHashMap::default(),
            known: words.into_iter().collect(),
        }
    }

    pub fn word(&mut self, written: &str) -> Arc<Word> {
        if let Some(known) = self.seen.get(written) {
            return known.clone();
        }
        let word = Word::new(written);
        let word = (self.known.get(&word).cloned()).unwrap_or_else(|| Arc::new(word));
        self.seen.insert(written.into(), word.clone());
        word
    }
}

impl Word {
    fn new(written: &str) -> Self {
        if written.is_ascii() {
            // Most words: already NFC, and the spelling key is the lowercase form.
            let lower: Box<str> = written.to_ascii_lowercase().into();
            return Word {
                ortho: lower.clone(),
                lower,
                case: case_of(written),
            };
        }
        // Keys are built on NFC (the token's span keeps the source's own bytes).
        let nfc = written.nfc().collect::<String>();
        Word {
            lower: nfc.to_lowercase().into(),
            ortho: ortho_key(&nfc).into(),
            case: case_of(&nfc),
        }
    }
}

/// Cuts `text` into tokens; `offset` is added to every span so spans point into the source.
pub fn tokenize(text: &str, offset: usize) -> Vec<Token> {
    tokenize_shared(text, offset, &mut Interner::default())
}

/// `tokenize`, with the tokens' keys shared through `words`.
pub fn tokenize_shared(text: &str, offset: usize, words: &mut Interner) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut start: Option<usize> = None;
    let mut gap_from = 0;
    let mut after_stop = true;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let word_char = c.is_alphanumeric() || is_combining_mark(c);
        match (start, word_char) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let gap = classify_gap(&text[gap_from..s], tokens.is_empty());
                let sentence_start = after_stop || tokens.is_empty();
                let word = &text[s..i];
                let mut token = make_token(word, offset + s, words);
                (token.gap, token.sentence_start) = (gap, sentence_start);
                tokens.push(token);
                after_stop = false;
                start = None;
                gap_from = i;
            }
            _ => {}
        }
        if start.is_none() && matches!(c, '.' | '!' | '?' | '…' | ':') && i < text.len() {
            // A dot glued to the next word ("lemonde.fr") does not end a sentence.
            let next = text[i + c.len_utf8()..].chars().next();
            after_stop = next.is_none_or(char::is_whitespace);
        }
    }
    tokens
}

fn make_token(source_word: &str, at: usize, words: &mut Interner) -> Token {
    Token {
        span: at as u32..(at + source_word.len()) as u32,
        word: words.word(source_word),
        gap: Gap::Start,
        sentence_start: false,
    }
}

fn classify_gap(between: &str, first: bool) -> Gap {
    if first {
        return Gap::Start;
    }
    let mut chars = between
        .chars()
        .filter(|c| !matches!(c, '\u{200b}' | '\u{2060}'));
    let only = |pred: fn(char) -> bool| between.chars().all(pred);
    if only(|c| c.is_whitespace()) {
        return Gap::Space;
    }
    let first = chars.next();
    let single = chars.next().is_none();
    match (first, single) {
        (Some('-' | '‐' | '‑'), true) => Gap::Hyphen,
        (Some('\'' | '’' | 'ʼ' | '‘' | '`' | '´'), true) => Gap::Apostrophe,
        (Some('.'), true) => Gap::Dot,
        _ if only(|c| c.is_whitespace() || matches!(c, '-' | '–' | '—')) => Gap::Space,
        _ => Gap::Hard,
    }
}

/// Lowercase, diacritic-free, ligatures expanded: "Œuvre" → "oeuvre", "Muñoz" → "munoz".
pub fn ortho_key(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            'ı' => out.push('i'),
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

fn case_of(word: &str) -> Case {
    let mut upper = 0;
    let mut lower = 0;
    for c in word.chars() {
        upper += usize::from(c.is_uppercase());
        lower += usize::from(c.is_lowercase());
    }
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    match (upper, lower) {
        (0, 0) => Case::None,
        (0, _) => Case::Lower,
        (u, 0) if u > 1 => Case::Upper,
        _ if first_upper => Case::Capital,
        _ => Case::Lower,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, Gap)> {
        tokenize(text, 0)
            .into_iter()
            .map(|t| (text[t.range()].to_owned(), t.gap))
            .collect()
    }

    #[test]
    fn gaps_and_offsets() {
        let w = words("la vidéo-surveillance, d'abord sur site.fr puis");
        assert_eq!(w[1], ("vidéo".into(), Gap::Space));
        assert_eq!(w[2], ("surveillance".into(), Gap::Hyphen));
        assert_eq!(w[3], ("d".into(), Gap::Hard));
        assert_eq!(w[4], ("abord".into(), Gap::Apostrophe));
        assert_eq!(w[7], ("fr".into(), Gap::Dot));
        assert_eq!(w[8], ("puis".into(), Gap::Space));
    }

    #[test]
    fn sentence_starts() {
        let t = tokenize("Bonjour. Merci Paul, vu site.fr Ici", 0);
        let starts: Vec<bool> = t.iter().map(|t| t.sentence_start).collect();
        assert_eq!(starts, [true, true, false, false, false, false, false]);
    }

    #[test]
    fn keys() {
        assert_eq!(ortho_key("Œuvre"), "oeuvre");
        assert_eq!(ortho_key("Nuñez"), "nunez");
        assert_eq!(ortho_key("Świątek"), "swiatek");
        assert_eq!(case_of("CNES"), Case::Upper);
        assert_eq!(case_of("McIlroy"), Case::Capital);
        assert_eq!(case_of("F"), Case::Capital);
        assert_eq!(case_of("42"), Case::None);
    }
}
