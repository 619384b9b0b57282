//! Common words of each language: the guard against rewriting ordinary speech.
//!
//! Lists derived from wordfreq (CC BY-SA 4.0, see data/lexicon/README.md), most frequent first.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

use super::normalize::ortho_key;

/// Transcript and reading language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// A language code or name ("fr", "fr-FR", "en_US", "english"), as dictionaries, WebVTT
    /// headers and Whisper write them.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "fr" | "fra" | "fre" | "french" => Some(Lang::Fr),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Words ranked below this are ordinary speech.
const COMMON_RANK: u32 = 30_000;
/// Words ranked below this are too frequent to be fixed by document consistency alone.
const FREQUENT_RANK: u32 = 10_000;

/// Frequency rank (0 = most frequent) of lowercase words, per language.
pub struct Lexicon {
    ranks: FxHashMap<&'static str, u32>,
    /// Common words that carry accents, by their spelling key ("ete" → "été"): built on
    /// first use (or by `warm`), since only a candidate fix ever asks.
    accented: OnceLock<FxHashMap<String, u32>>,
}

static FR: OnceLock<Lexicon> = OnceLock::new();
static EN: OnceLock<Lexicon> = OnceLock::new();

/// Builds every language's word lists now rather than when matching first asks (some 10 ms
/// each, and as much for the accented words a candidate fix asks about): a caller about to
/// match runs this on another thread while it loads the index.
pub fn warm() {
    for lang in Lang::ALL {
        Lexicon::get(lang).accented();
    }
}

impl Lexicon {
    pub fn get(lang: Lang) -> &'static Lexicon {
        match lang {
            Lang::Fr => {
                FR.get_or_init(|| Lexicon::from_list(include_str!("../../data/lexicon/fr.txt")))
            }
            Lang::En => {
                EN.get_or_init(|| Lexicon::from_list(include_str!("../../data/lexicon/en.txt")))
            }
        }
    }

    fn from_list(list: &'static str) -> Lexicon {
        let mut ranks = FxHashMap::default();
        for (rank, word) in list.lines().enumerate() {
            ranks.entry(word).or_insert(rank as u32);
        }
        Lexicon {
            ranks,
            accented: OnceLock::new(),
        }
    }

    /// Rank of a lowercase word, if it is in the list.
    pub fn rank(&self, lower: &str) -> Option<u32> {
        self.ranks.get(lower).copied()
    }

    /// Whether a lowercase word is ordinary speech in this language.
    pub fn is_common(&self, lower: &str) -> bool {
        self.rank(lower).is_some_and(|r| r < COMMON_RANK)
    }

    /// Whether a lowercase word is a word of the language at all (the list's whole length).
    pub fn is_known(&self, lower: &str) -> bool {
        self.rank(lower).is_some()
    }

    /// Whether a word is frequent enough that a partial name heard as it is too risky.
    pub fn is_frequent(&self, lower: &str) -> bool {
        self.rank(lower).is_some_and(|r| r < FREQUENT_RANK)
    }

    /// Whether a lowercase word written without accents ("preparee", "ete") is a common word
    /// of this language that needs them, more usual with its accents than without.
    pub fn drops_accents(&self, lower: &str) -> bool {
        if !lower.is_ascii() {
            return false;
        }
        self.accented()
            .get(lower)
            .is_some_and(|&r| self.rank(lower).is_none_or(|own| r < own))
    }

    /// The common accented words by spelling key, built on the first call.
    fn accented(&self) -> &FxHashMap<String, u32> {
        self.accented.get_or_init(|| {
            let mut map = FxHashMap::default();
            for (&word, &rank) in &self.ranks {
                if rank < COMMON_RANK && !word.is_ascii() {
                    let best = map.entry(ortho_key(word)).or_insert(rank);
                    *best = (*best).min(rank);
                }
            }
            map
        })
    }
}

/// A word written without the accents of a common word of some language, and no common word
/// of another language as it is written: an ordinary word as a dictionary in capitals spells
/// it ("PREPAREE"), not a name ("Grace" is "grâce" without accents, and an English name).
pub fn drops_accents_anywhere(lower: &str) -> bool {
    Lang::ALL.iter().any(|&l| {
        Lexicon::get(l).drops_accents(lower)
            && (Lang::ALL.iter()).all(|&other| other == l || !Lexicon::get(other).is_common(lower))
    })
}

/// Closed-class words (articles, prepositions, pronouns, conjunctions, auxiliaries): never
/// a mis-heard name by themselves, and never the edge of one.
const FUNCTION_FR: &[&str] = &[
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "à", "a", "et", "ou",
    "où", "en", "y", "ce", "c", "ces", "cet", "cette", "se", "s", "sa", "son", "ses", "mon", "ma",
    "mes", "ton", "ta", "tes", "notre", "nos", "votre", "vos", "leur", "leurs", "je", "j", "tu",
    "il", "elle", "on", "nous", "vous", "ils", "elles", "me", "m", "te", "t", "lui", "qui", "que",
    "qu", "quoi", "dont", "ne", "n", "pas", "plus", "par", "pour", "sur", "sous", "dans", "avec",
    "sans", "chez", "entre", "vers", "mais", "donc", "or", "ni", "car", "si", "est", "sont", "été",
    "être", "ai", "as", "avons", "avez", "ont", "suis", "es", "sommes", "êtes", "était", "euh",
    "ben", "bah", "oui", "non", "ça", "là",
];
const FUNCTION_EN: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "into", "onto", "off", "up", "out", "as", "if", "so", "than", "that", "this", "these",
    "those", "it", "its", "he", "she", "we", "they", "you", "i", "me", "him", "her", "us", "them",
    "my", "your", "his", "our", "their", "is", "are", "was", "were", "be", "been", "am", "do",
    "does", "did", "have", "has", "had", "will", "would", "can", "could", "should", "not", "no",
    "yes", "uh", "um", "who", "what", "which", "there", "here", "got", "just", "like", "says",
    "said",
];

/// Whether a lowercase word is a closed-class word of the language.
pub fn is_function_word(lang: Lang, lower: &str) -> bool {
    match lang {
        Lang::Fr => FUNCTION_FR.contains(&lower),
        Lang::En => FUNCTION_EN.contains(&lower),
    }
}

/// Guesses the transcript's language from its most frequent function words.
pub fn detect<'a>(words: impl Iterator<Item = &'a str>) -> Lang {
    from_votes(words.map(vote).sum())
}

/// The language that a sum of `vote`s points to (French on a tie).
pub fn from_votes(score: i64) -> Lang {
    if score >= 0 { Lang::Fr } else { Lang::En }
}

/// What a word says of the language it is spoken in: +1 for one of French's most frequent
/// words, -1 for one of English's, 0 for either or neither.
pub fn vote(word: &str) -> i64 {
    let top = |lang| Lexicon::get(lang).rank(word).is_some_and(|r| r < 100);
    i64::from(top(Lang::Fr)) - i64::from(top(Lang::En))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_with_regions_and_names() {
        assert_eq!(Lang::parse("fr-FR"), Some(Lang::Fr));
        assert_eq!(Lang::parse("en_US"), Some(Lang::En));
        assert_eq!(Lang::parse("english"), Some(Lang::En));
        assert_eq!(Lang::parse("de"), None);
    }

    #[test]
    fn detects_language() {
        let fr = "alors on va parler de la question avec vous";
        let en = "so we are going to talk about the question with you";
        assert_eq!(detect(fr.split(' ')), Lang::Fr);
        assert_eq!(detect(en.split(' ')), Lang::En);
    }

    #[test]
    fn words_written_without_their_accents() {
        let fr = Lexicon::get(Lang::Fr);
        assert!(fr.drops_accents("ete"));
        assert!(fr.drops_accents("deja"));
        assert!(!fr.drops_accents("été"), "written with its accents");
        assert!(!fr.drops_accents("vin"), "a word without accents");
        assert!(!fr.drops_accents("valmorin"), "no word at all");
        assert!(drops_accents_anywhere("deja"));
        assert!(
            !drops_accents_anywhere("grace"),
            "an English word as written"
        );
    }

    #[test]
    fn common_words() {
        assert!(Lexicon::get(Lang::Fr).is_common("vin"));
        assert!(Lexicon::get(Lang::En).is_common("door"));
        assert!(!Lexicon::get(Lang::Fr).is_common("xqzw"));
    }
}
