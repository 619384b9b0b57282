//! Stage 4, evidence: what is known of one candidate, as named and measured features. The
//! decision, the score and the reasons shown to a reviewer (`propose::explain`) all read it.
//! It is kept small (most candidates are discarded): what is only needed to explain a
//! proposal (readings in IPA, anchor words, the doubted words) is spelled out there.

use std::ops::Range;

use super::index::Term;
use super::letters;
use super::lexicon::Lang;
use super::normalize::{Case, Gap, Token};
use super::retrieve::Form;
use super::swap::swaps_words;
use super::text::Text;
use super::verify::{Measured, Screened};
use super::window::{Anchors, stray_edge};

/// Why a window may be a term: the kind of match and what was measured of it.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub basis: Basis,
    /// Another term fits the same words almost as well (see `resolve::apply_margin`).
    pub margin: Option<Box<Margin>>,
}

/// The kind of match, with the features measured for that kind.
#[derive(Debug, Clone)]
pub enum Basis {
    /// The term spelled exactly as the window: its words are already right.
    Claim,
    /// The term's spelling once case, accents and separators are restored.
    Spelling(Spelling),
    /// The term written in lower case in a transcript that capitalises names: only its
    /// capitals are restored.
    Recase(Recase),
    /// A listed alias of the term.
    Alias,
    /// A mis-hearing found by sound and spelling.
    Fuzzy(Fuzzy),
    /// A word of a full name established elsewhere in the transcript, heard alone.
    Consistency(Consistency),
}

/// What speaks against restoring a spelling.
#[derive(Debug, Clone, Copy)]
pub struct Spelling {
    /// "le pain" for "Lepain": a phrase opened by a function word glued into a one-word name,
    /// with no capital to mark it a name, is as likely the phrase itself.
    pub glued_phrase: bool,
    /// A lowercase function word at an edge of the window (see `window::stray_edge`).
    pub stray_edge: bool,
    /// "près" for "PRES", "République" for "Republique": ordinary words of the transcript's
    /// language that carry accents the term drops. The recogniser wrote a word it knows, even
    /// capitalised, not a name it missed. So are lowercase ordinary words joined by an
    /// apostrophe or hyphen the term drops ("hero's" for "HEROS"). (A web address drops its
    /// accents by necessity: "forêt-exemple.org".)
    pub ordinary_word: bool,
    /// A term of three letters or fewer restored from ordinary words ("ça" for "CA"), not
    /// spelled letter by letter: too short for its spelling alone to say it is the term.
    pub short_ordinary: bool,
    /// "V A N O R O" for a brand said as a word: the speaker spelling the name out, letter by
    /// letter, which the transcript already has right (see `letters::spells_word`).
    pub spells_word: bool,
}

/// What is known of a name written in lower case.
#[derive(Debug, Clone, Copy)]
pub struct Recase {
    /// A one-word name the lexicon knows as a word too ("hunter", a name and a noun): the
    /// lower case may be the word's own.
    pub known_word: bool,
}

/// The measured features of a fuzzy match.
#[derive(Debug, Clone, Copy)]
pub struct Fuzzy {
    /// Similarity of the readings (weighted phoneme alignment).
    pub sound: f64,
    /// Similarity of the spellings.
    pub ortho: f64,
    /// How well the weakest distinctive word of the term is covered by the alignment.
    pub coverage: f64,
    /// Which reading of the term matched best.
    pub reading: u8,
    /// Distinctive words of the term found verbatim in the window.
    pub anchors: usize,
    /// `anchors` as a share of the term's distinctive words.
    pub anchor_share: f64,
    /// A whole word at the window's edge matched nothing of the term.
    pub loose_edge: bool,
    /// Words of the window: more or fewer than the term's where the recogniser split or
    /// joined words.
    pub window_words: usize,
    /// Words of the term (one-word terms are more easily heard in ordinary words).
    pub term_words: usize,
    /// Some word of the window has a capital that marks a name.
    pub capitalised: bool,
    /// The transcript writes no capitals to mark names (see `Text::case_informative`): lower
    /// case says nothing against a name.
    pub caseless: bool,
    /// Where capitals say nothing (a transcript without them, a term in lower case), some word
    /// that is not an anchor is unusual (see `Text::is_unusual`): what a capital would have said.
    pub unusual: bool,
    /// Every word of the window is ordinary speech in the transcript's language.
    pub all_common: bool,
    /// The words that are not anchors are all ordinary speech, with no capital marking a name.
    pub ordinary_words: bool,
    /// A word of the term found as is carries a capital that marks a name ("fontaine de
    /// Vaubrac" for "Font-de-Vaubrac"): the name is being said, and the ordinary words beside
    /// it may be its other words heard as words.
    pub capital_anchor: bool,
    /// The transcript names the term elsewhere, spelled right or heard well enough to apply:
    /// a speaker who says a name once says it again.
    pub named_elsewhere: bool,
    /// A term the transcript names elsewhere, heard again with one of its words intact and a
    /// capital on another.
    pub echo: bool,
    /// "République" for "Republiques", "President" for "Presidente": ordinary words of the
    /// transcript's language spelled as the term with an inflection added or dropped, in a
    /// transcript that does not name the term elsewhere. A large dictionary holds many names
    /// that are inflected ordinary words; the recogniser knew the word it wrote.
    pub inflected_word: bool,
    /// The fix would only put ordinary words where the recogniser wrote ordinary words (see
    /// `swap::swaps_words`).
    pub swaps_words: bool,
    /// The recogniser's lowest probability among the words that are not anchors, when it
    /// rated one of them low (see `Text::unsure`).
    pub low_confidence: Option<f64>,
    /// The same lowest probability, when the recogniser rated every one of those words high
    /// (see `Text::sure`): it heard them as written, which speaks against a mis-hearing. Shown
    /// as a reason; the score model has no feature for it yet (it needs a refit with files that
    /// carry confidences).
    pub high_confidence: Option<f64>,
}

/// Which full name a lone word was heard in.
#[derive(Debug, Clone, Copy)]
pub struct Consistency {
    /// First token of the full name's match.
    pub full_at: usize,
    /// Which word of the term the lone word is.
    pub word: usize,
    /// Score of the full name's match.
    pub established: f64,
}

/// A runner-up to a candidate.
#[derive(Debug, Clone)]
pub struct Margin {
    /// The runner-up's replacement.
    pub over: String,
    /// Score of the candidate minus the runner-up's.
    pub by: f64,
}

impl Evidence {
    fn of(basis: Basis) -> Self {
        Evidence {
            basis,
            margin: None,
        }
    }

    /// Evidence of an exact form of `term` on the window `w`.
    pub fn exact(form: Form, term: &Term, w: &Range<usize>, text: &Text) -> Self {
        Evidence::of(match form {
            Form::Claim => Basis::Claim,
            Form::Alias => Basis::Alias,
            Form::Spelling => Basis::Spelling(Spelling {
                glued_phrase: glued_phrase(term, w, text),
                stray_edge: stray_edge(term, w, text),
                ordinary_word: ordinary_word(term, w, text),
                short_ordinary: term.ortho.chars().count() <= 3
                    && ordinary(w, text)
                    && !spelled_out(w, text),
                spells_word: letters::spells_word(term, w, text),
            }),
            // Checked as spelling, not speech, when found (`letters::find`).
            Form::Letters => Basis::Spelling(Spelling {
                glued_phrase: false,
                stray_edge: false,
                ordinary_word: false,
                short_ordinary: false,
                spells_word: false,
            }),
        })
    }

    /// Evidence of the name `term` written all in lower case on the window `w`, in a text
    /// that capitalises names; `None` where the lower case may be ordinary words'.
    pub fn recase(term: &Term, w: &Range<usize>, text: &Text) -> Option<Self> {
        let lower = || w.clone().all(|i| text.lower_case_says_ordinary(i));
        let has_capital = || term.name.chars().any(char::is_uppercase);
        // "la défense" is ordinary French, a name in lower case is not.
        let some_unusual = || w.clone().any(|i| text.is_unusual(i));
        let single_word = w.len() == 1;
        if !(lower() && has_capital() && some_unusual())
            || (single_word && text.is_own_word(w.start))
        {
            return None;
        }
        let known_word = single_word && text.is_known(w.start);
        Some(Evidence::of(Basis::Recase(Recase { known_word })))
    }

    /// Evidence of a fuzzy match, once its sound is measured (see `Fuzzy::heard`).
    pub fn fuzzy(f: Fuzzy) -> Self {
        Evidence::of(Basis::Fuzzy(f))
    }

    /// Evidence of a lone word of a full name matched at `full_at` with the score
    /// `established`.
    pub fn consistency(full_at: usize, word: usize, established: f64) -> Self {
        Evidence::of(Basis::Consistency(Consistency {
            full_at,
            word,
            established,
        }))
    }

    pub fn is_fuzzy(&self) -> bool {
        matches!(self.basis, Basis::Fuzzy(_))
    }
}

impl Fuzzy {
    /// What a fuzzy match's words say before its sound is measured: the measured features
    /// (sound, coverage, the reading, a loose edge) at their best, so that the decision and
    /// the score of these features bound what any alignment could make of it (see
    /// `decide::sound_needed`). `ortho`: the spelling similarity of window and term, or the
    /// most it can be; `attested`: the transcript names the term elsewhere.
    pub fn heard(
        term: &Term,
        w: &Range<usize>,
        text: &Text,
        (screened, ortho): (&Screened, f64),
        attested: bool,
    ) -> Self {
        let anchors = screened.anchors;
        let unanchored = || anchors.unanchored(w);
        // A term named elsewhere may have its other words heard further off, if a capital
        // marks them as a name too.
        let loose_capital = unanchored().any(|i| text.capitalised(i));
        // Without capitals, an unusual word marks a name as a capital would; so it marks a
        // term written in lower case ("neuro-vasculaire"), which no capital ever marks.
        let capitals_silent = !text.case_informative() || term.name.starts_with(char::is_lowercase);
        let loose_unusual = capitals_silent && unanchored().any(|i| text.is_unusual(i));
        let anchor_share = anchors.found as f64 / term.distinctive_count().max(1) as f64;
        let capital_anchor = anchors.anchored(w).any(|i| text.capitalised(i));
        Fuzzy {
            sound: 1.0,
            ortho,
            coverage: 1.0,
            reading: 0,
            anchors: anchors.found,
            anchor_share,
            loose_edge: false,
            window_words: w.len(),
            term_words: term.tokens.len(),
            capitalised: text.any_capitalised(w),
            caseless: !text.case_informative(),
            unusual: loose_unusual,
            all_common: text.all_common(w),
            ordinary_words: unanchored().all(|i| text.is_common(i) && !text.capitalised(i)),
            capital_anchor,
            named_elsewhere: attested,
            // Until the onsets are checked against the reading that matched (`measured`).
            echo: attested && anchor_share > 0.0 && loose_capital,
            inflected_word: screened.inflected_word && !attested,
            // Dear to tell, and no floor of the sound: told once the sound is measured.
            swaps_words: false,
            low_confidence: lowest_unsure(unanchored(), text),
            high_confidence: lowest_sure(unanchored(), text),
        }
    }

    /// The features `heard` left at their best, as the alignment measured them, and the
    /// spelling similarity `ortho` (`heard` may have had a bound of it).
    pub fn measured(
        self,
        term: &Term,
        w: &Range<usize>,
        text: &Text,
        (m, ortho): (Measured, f64),
    ) -> Self {
        Fuzzy {
            sound: m.sound,
            ortho,
            coverage: m.coverage,
            reading: m.reading as u8,
            loose_edge: m.loose_edge,
            echo: self.echo && onsets_heard(term, w, text, m.reading),
            swaps_words: swaps_words(term, w, text, self.capital_anchor),
            ..self
        }
    }
}

/// Each word of the term missing from the window starts with the sound one of the window's
/// words starts with: a name heard further off still begins as heard ("Cour d'hiver" for
/// "Courtivert"), where a word that shares nothing with it ("Example Business" for "Example
/// Terminal") is another word.
fn onsets_heard(term: &Term, w: &Range<usize>, text: &Text, reading: usize) -> bool {
    let reading = &term.readings[reading];
    let in_window = |k: usize| {
        w.clone()
            .any(|i| text.tokens[i].ortho() == term.tokens[k].ortho())
    };
    let onsets = || w.clone().filter_map(|i| text.reading(i).bytes().next());
    (0..term.tokens.len())
        .filter(|&k| term.distinctive[k] && !in_window(k))
        .all(|k| {
            let first = reading.words(k..k + 1).first();
            first.is_none_or(|p| onsets().any(|o| o == *p))
        })
}

/// See `Spelling::glued_phrase`.
fn glued_phrase(term: &Term, w: &Range<usize>, text: &Text) -> bool {
    w.len() > 1
        && term.tokens.len() == 1
        && !text.letter_by_letter(w)
        && text.is_function_word(w.start)
        && text.all_common(w)
        && !text.any_capitalised(w)
}

/// See `Spelling::ordinary_word`.
fn ordinary_word(term: &Term, w: &Range<usize>, text: &Text) -> bool {
    let words = &text.tokens[w.clone()];
    let drops_accents = text.all_common(w) && accents(words.iter()) > accents(term.tokens.iter());
    let drops_joins = ordinary(w, text)
        && joins(&words[1..]) > joins(&term.tokens[1..])
        && !named_without_capitals(term, w, text);
    !term.domain && (drops_accents || drops_joins)
}

/// In a transcript without capitals, a word of a longer name found as it is ("lena" of "Lena
/// Dacosta" in "lena da'costa") says the name is being said, as a capital would: the
/// apostrophe or hyphen the term drops is then the recogniser's, not ordinary words' own.
fn named_without_capitals(term: &Term, w: &Range<usize>, text: &Text) -> bool {
    !text.case_informative() && term.tokens.len() > 1 && Anchors::of(term, w, text).found > 0
}

/// Words joined to the one before by an apostrophe or a hyphen.
fn joins(words: &[Token]) -> usize {
    let joined = |t: &&Token| matches!(t.gap, Gap::Apostrophe | Gap::Hyphen);
    words.iter().filter(joined).count()
}

/// Every word of the window is ordinary speech in the transcript's language, with no capital
/// marking a name.
fn ordinary(w: &Range<usize>, text: &Text) -> bool {
    w.clone().all(|i| text.is_common(i) && !text.capitalised(i))
}

/// Letters said one by one ("r n"): a single letter alone is an ordinary word ("à", "a"), and
/// so is the lowercase tail of a contraction ("it's a", "I'm a").
fn spelled_out(w: &Range<usize>, text: &Text) -> bool {
    w.len() > 1 && text.letter_by_letter(w) && !contraction_tail(w.start, text)
}

/// A lowercase letter glued by an apostrophe to the word before, where that word is no
/// elided French particle ("l'a d n" spells letters after "l'"; "it's a" does not).
fn contraction_tail(i: usize, text: &Text) -> bool {
    let t = &text.tokens[i];
    let elided = |p: &Token| p.ortho().len() == 1 || p.ortho().ends_with("qu");
    let after_particle = i > 0 && text.lang_at(i - 1) == Lang::Fr && elided(&text.tokens[i - 1]);
    t.gap == Gap::Apostrophe && t.case() == Case::Lower && !after_particle
}

/// Letters with a diacritic ("é", "ç", "ï") among the words.
fn accents<'a>(words: impl Iterator<Item = &'a Token>) -> usize {
    words
        .flat_map(|t| t.lower().chars())
        .filter(|c| c.is_alphabetic() && !c.is_ascii())
        .count()
}

/// The lowest probability of the `words`, if the recogniser rated every one of them high.
fn lowest_sure(mut words: impl Iterator<Item = usize>, text: &Text) -> Option<f64> {
    let first = words.next()?;
    std::iter::once(first)
        .chain(words)
        .map(|i| text.sure(i).then(|| text.confidence(i)).flatten())
        .try_fold(f64::INFINITY, |low, p| Some(low.min(p?)))
}

/// The lowest probability of the `words` the recogniser rated low, if any.
fn lowest_unsure(words: impl Iterator<Item = usize>, text: &Text) -> Option<f64> {
    let mut unsure = words.filter(|&i| text.unsure(i)).peekable();
    unsure.peek()?;
    Some(
        unsure
            .filter_map(|i| text.confidence(i))
            .fold(f64::INFINITY, f64::min),
    )
}
