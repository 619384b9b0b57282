//! How a dictionary term is said: its readings in both languages, and the others its words
//! call for (`Said::readings`). Each word's readings are worked out once per worker of the
//! index build and remembered: dictionaries repeat their words (first names, particles,
//! "Institut"), and reading words was a third of the build.

use rustc_hash::FxHashMap;
use std::sync::Arc;

use super::foreign;
use super::index::{Reading, is_acronym};
use super::lexicon::Lang;
use super::normalize::{Gap, Token};
use super::reading;

/// The words' readings met so far, by word. A word is its shared `Word` (one per written
/// form in a build: see `normalize::Interner`), so the memo must not outlive the build's
/// tokens, whose words it names by address.
#[derive(Default)]
pub struct Said {
    memo: FxHashMap<(usize, Way, Lang), Option<Box<str>>>,
}

/// One way of saying a word.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Way {
    /// As `lang` reads its letters; `true`: before an apostrophe (a clitic).
    Letters(bool),
    /// Otherwise than by its letters, if it is (see `alternative`).
    Other,
    /// By a third language's rules, where that adds something (see `foreign_word`).
    Foreign,
    /// With a German "ei" said aɪ, in English.
    Ei,
}

impl Said {
    /// Word readings in both languages, plus a second reading where some word is said another
    /// way than its letters read: an acronym letter by letter, a word written in parts piece
    /// by piece ("ChatGPT", "M6"), a Roman numeral as its number. Then the readings with a
    /// word from a third language and with an English "ei", where they add something.
    pub fn readings(&mut self, name: &str, tokens: &[Token]) -> Box<[Reading]> {
        let mut out: Vec<Reading> = Vec::new();
        let others = tokens
            .iter()
            .any(|t| self.word(name, t, Way::Other, Lang::Fr).is_some());
        for lang in Lang::ALL {
            for other in [false, true] {
                if other && !others {
                    continue;
                }
                let reading = self.reading_of(name, tokens, lang, other.then_some(Way::Other));
                if !out.iter().any(|r| r.phonemes == reading.phonemes) {
                    out.push(reading);
                }
            }
        }
        self.foreign_readings(name, tokens, &mut out);
        if (tokens.iter()).any(|t| self.word(name, t, Way::Ei, Lang::En).is_some()) {
            push_if_new(
                self.reading_of(name, tokens, Lang::En, Some(Way::Ei)),
                &mut out,
            );
        }
        out.into()
    }

    /// Readings of a term with a word from a third language ("Jozef", "Brzezinski") said by
    /// that language's rules, the other words read as each language reads them. Kept only
    /// where they differ from every reading already there: each reading costs keys and
    /// alignments.
    fn foreign_readings(&mut self, name: &str, tokens: &[Token], out: &mut Vec<Reading>) {
        if (tokens.iter()).all(|t| self.word(name, t, Way::Foreign, Lang::Fr).is_none()) {
            return;
        }
        for lang in Lang::ALL {
            push_if_new(self.reading_of(name, tokens, lang, Some(Way::Foreign)), out);
        }
    }

    /// The reading of the term's words in `lang`: each word said the `way` given where it has
    /// such a reading, else as `lang` reads its letters.
    fn reading_of(
        &mut self,
        name: &str,
        tokens: &[Token],
        lang: Lang,
        way: Option<Way>,
    ) -> Reading {
        let mut phonemes = Vec::new();
        let mut ends = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            let clitic = tokens.get(i + 1).is_some_and(|n| n.gap == Gap::Apostrophe);
            let said = match way.and_then(|way| self.word(name, t, way, lang)) {
                Some(said) => said,
                None => (self.word(name, t, Way::Letters(clitic), lang)).unwrap_or_default(),
            };
            phonemes.extend_from_slice(said.as_bytes());
            ends.push(phonemes.len());
        }
        Reading {
            lang,
            phonemes: phonemes.into(),
            ends: ends.into(),
        }
    }

    /// Word `t` of the term `name` said the way `way`, in `lang`, if it can be.
    fn word(&mut self, name: &str, t: &Token, way: Way, lang: Lang) -> Option<&str> {
        // The ways that do not depend on the language are remembered once.
        let lang = if matches!(way, Way::Foreign | Way::Ei) {
            Lang::Fr
        } else {
            lang
        };
        let key = (Arc::as_ptr(&t.word) as usize, way, lang);
        let written = &name[t.range()];
        (self.memo.entry(key))
            .or_insert_with(|| say(written, t, way, lang).map(Into::into))
            .as_deref()
    }
}

/// Word `t`, written `written`, said the way `way` in `lang`.
fn say(written: &str, t: &Token, way: Way, lang: Lang) -> Option<String> {
    match way {
        Way::Letters(clitic) => {
            let next = clitic.then_some(Gap::Apostrophe);
            Some(reading::token(t, next, false, lang))
        }
        Way::Other => alternative(written, t, lang),
        Way::Foreign => foreign_word(written, t),
        Way::Ei => foreign::english_with_ei_as_i(&written.to_lowercase()),
    }
}

/// How a term word is said other than by reading its letters, if it is.
fn alternative(written: &str, t: &Token, lang: Lang) -> Option<String> {
    reading::roman(written, lang)
        .or_else(|| reading::by_parts(written, lang))
        .or_else(|| is_acronym(t).then(|| reading::spelled(t.ortho(), lang)))
}

/// A word's reading in a third language, if its spelling says which and the reading adds
/// something: not the French or English one, nor within a sound of both.
fn foreign_word(written: &str, t: &Token) -> Option<String> {
    let r = foreign::reading(&written.to_lowercase())?;
    let distance = |lang| {
        let own = reading::token(t, None, false, lang);
        super::align::levenshtein(own.as_bytes(), r.as_bytes())
    };
    let (fr, en) = (distance(Lang::Fr), distance(Lang::En));
    (fr > 0 && en > 0 && fr.max(en) > 1).then_some(r)
}

/// Adds `reading` unless it is within a sound of one already there: each reading costs keys
/// and alignments.
fn push_if_new(reading: Reading, out: &mut Vec<Reading>) {
    let new = (out.iter()).all(|r| super::align::levenshtein(&r.phonemes, &reading.phonemes) > 1);
    if new {
        out.push(reading);
    }
}
