//! Stage 1: the transcript as the matcher sees it. Tokens of every segment with their
//! readings, word classes and the recogniser's confidences; the runs a name may span.

use rustc_hash::FxHashMap;
use std::ops::Range;

use super::lexicon::{Lang, Lexicon, from_votes, is_function_word, vote};
use super::normalize::{Case, Gap, Interner, Token, tokenize_shared};
use super::reading;
use crate::transcript::Transcript;

/// No second reading (see `Text::name_readings`).
const NO_READING: u32 = u32::MAX;

/// A word the recogniser gave a probability below this (in thousandths) is likely mis-heard.
const LOW_CONFIDENCE: u16 = 500;
/// A word the recogniser gave a probability of this or more (in thousandths) it heard clearly.
const HIGH_CONFIDENCE: u16 = 900;

/// Tokens of every segment, with their readings in the transcript's language.
pub struct Text<'t> {
    pub tokens: Vec<Token>,
    /// Segment of each token, for timestamps.
    segment: Vec<u32>,
    /// Caption of each token: the segments of one cue (its lines, its timed words) are one
    /// caption, numbered in order.
    caption: Vec<u32>,
    /// Phonetic reading of each token, as an index into `distinct_readings`.
    readings: Vec<u32>,
    distinct_readings: Vec<Box<str>>,
    /// A second reading of name-like words of French captions, as a foreign name (see
    /// `reading::as_foreign_name`): an index into `distinct_readings`, `NO_READING` for none.
    name_readings: Vec<u32>,
    /// Lexicon classes of each token, looked up once per distinct word.
    classes: Vec<WordClass>,
    /// The recogniser's probability of each token's word, in thousandths (`u16::MAX`: none).
    confidence: Vec<u16>,
    pub lang: Lang,
    /// Language of each token's caption (see `caption_langs`).
    langs: Vec<Lang>,
    /// The text writes capitals where names are (see `case_informative`): without them, a
    /// lower-case word says nothing against a name.
    case_informative: bool,
    transcript: &'t Transcript,
}

impl<'t> Text<'t> {
    /// The tokens of the segments `segments` of `transcript`.
    pub fn new(transcript: &'t Transcript, segments: Range<usize>) -> Self {
        let mut tokens = Vec::new();
        let mut segment = Vec::new();
        let mut caption = Vec::new();
        let mut cue = None;
        let mut captions_seen = 0u32;
        let mut confidence = Vec::new();
        let mut prev_ends_sentence = true;
        let mut words = Interner::default();
        let first = segments.start;
        for (s, seg) in transcript.segments()[segments].iter().enumerate() {
            let s = first + s;
            let text = transcript.text(seg);
            let mut toks = tokenize_shared(text, seg.span.start, &mut words);
            if let Some(first) = toks.first_mut() {
                first.sentence_start = prev_ends_sentence;
                if !tokens.is_empty() && first.gap == Gap::Start {
                    first.gap = if cue == Some(seg.cue) {
                        Gap::Line
                    } else {
                        Gap::Cue
                    };
                }
                if cue != Some(seg.cue) {
                    captions_seen += 1;
                    cue = Some(seg.cue);
                }
            }
            let trimmed = text.trim_end();
            if !trimmed.is_empty() {
                prev_ends_sentence = trimmed.ends_with(['.', '!', '?', '…']);
            }
            segment.extend(std::iter::repeat_n(s as u32, toks.len()));
            caption.extend(std::iter::repeat_n(captions_seen, toks.len()));
            confidence.extend(toks.iter().map(|t| lowest(&seg.confidence, t.range())));
            tokens.extend(toks);
        }
        // The file's own word when it gives one (Whisper detected it from the audio);
        // otherwise the words tell.
        let declared = transcript.language().and_then(Lang::parse);
        // The captions' votes are counted once: their sum is the whole text's vote.
        let captions = caption_votes(&tokens, &caption);
        let lang = declared.unwrap_or_else(|| from_votes(captions.iter().map(|(_, v)| v).sum()));
        let langs = caption_langs(&captions, tokens.len(), lang);
        let (readings, distinct_readings) = read_all(&tokens, &langs);
        let classes = classify_all(&tokens, &langs);
        let case_informative = case_informative(&tokens);
        let mut text = Text {
            tokens,
            classes,
            confidence,
            segment,
            caption,
            readings,
            distinct_readings,
            name_readings: Vec::new(),
            lang,
            langs,
            case_informative,
            transcript,
        };
        text.name_readings = text.read_names();
        text
    }

    /// The second readings of name-like words (see `name_reading`), once per distinct word.
    fn read_names(&mut self) -> Vec<u32> {
        let mut cache: FxHashMap<usize, u32> = FxHashMap::default();
        (0..self.tokens.len())
            .map(|i| {
                if !self.name_like(i) {
                    return NO_READING;
                }
                let t = &self.tokens[i];
                let distinct = &mut self.distinct_readings;
                *cache.entry(t.word_id()).or_insert_with(|| {
                    match reading::as_foreign_name(t.lower()) {
                        Some(r) => {
                            distinct.push(r.into());
                            (distinct.len() - 1) as u32
                        }
                        None => NO_READING,
                    }
                })
            })
            .collect()
    }

    /// A word of a French caption that is likely a name the lexicon does not know: capitalised
    /// mid-sentence (unusual, in a caseless text) and no ordinary French word, nor an elided
    /// clitic or letters said one by one.
    fn name_like(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        let marked = if self.case_informative {
            self.capitalised(i)
        } else {
            self.is_unusual(i)
        };
        self.langs[i] == Lang::Fr
            && marked
            && !self.is_frequent(i)
            && t.lower().len() >= 3
            && self
                .tokens
                .get(i + 1)
                .is_none_or(|n| n.gap != Gap::Apostrophe)
    }

    /// The word read as a foreign name, when it is name-like and reads otherwise as one.
    pub fn name_reading(&self, i: usize) -> Option<&str> {
        let k = self.name_readings[i];
        (k != NO_READING).then(|| &*self.distinct_readings[k as usize])
    }

    /// Whether some word of the window has a second reading as a foreign name.
    pub fn any_name_reading(&self, w: &Range<usize>) -> bool {
        w.clone().any(|i| self.name_readings[i] != NO_READING)
    }

    /// Maximal token ranges joined by separators a name may contain.
    pub fn runs(&self) -> Vec<Range<usize>> {
        let mut runs = Vec::new();
        let mut start = 0;
        for i in 1..=self.tokens.len() {
            if i == self.tokens.len() || !self.tokens[i].gap.joinable() {
                runs.push(start..i);
                start = i;
            }
        }
        runs.retain(|r| !r.is_empty());
        runs
    }

    /// The recogniser rated the word low: evidence of a mis-hearing.
    pub fn unsure(&self, i: usize) -> bool {
        self.confidence[i] < LOW_CONFIDENCE
    }

    /// The recogniser rated the word high: evidence that it was heard as written.
    pub fn sure(&self, i: usize) -> bool {
        let c = self.confidence[i];
        c != u16::MAX && c >= HIGH_CONFIDENCE
    }

    /// The recogniser's probability of the word, when the transcript gives one.
    pub fn confidence(&self, i: usize) -> Option<f64> {
        let c = self.confidence[i];
        (c != u16::MAX).then(|| f64::from(c) / 1000.0)
    }

    /// The language token `i` is spoken in: the transcript's, or the other one in a caption
    /// that switches.
    pub fn lang_at(&self, i: usize) -> Lang {
        self.langs[i]
    }

    /// Phonetic reading of token `i` in the language of its caption.
    pub fn reading(&self, i: usize) -> &str {
        &self.distinct_readings[self.readings[i] as usize]
    }

    pub fn is_function_word(&self, i: usize) -> bool {
        self.classes[i].has(WordClass::FUNCTION)
    }

    /// Whether the word is ordinary speech in the transcript's language.
    pub fn is_common(&self, i: usize) -> bool {
        self.classes[i].has(WordClass::COMMON)
    }

    /// A word common in either language, not capitalised mid-sentence: speakers switch
    /// ("un deal", "le meeting"), and such words alone are never taken for a name.
    pub fn is_ordinary(&self, i: usize) -> bool {
        !self.capitalised(i) && self.classes[i].has(WordClass::COMMON_ANY)
    }

    /// Whether the word is in the language's word list at all.
    pub fn is_known(&self, i: usize) -> bool {
        self.classes[i].has(WordClass::KNOWN)
    }

    /// A word of the transcript's language the other languages do not know: a word of the
    /// language rather than a name, which the word lists of every language hold alike
    /// ("anthropique" against "jaden").
    pub fn is_own_word(&self, i: usize) -> bool {
        self.is_known(i) && !self.classes[i].has(WordClass::KNOWN_ALL)
    }

    /// A word of the language rather than a name: in lower case and in the lexicon in a text
    /// that capitalises names; in one that does not, a word only the transcript's language
    /// knows.
    pub fn reads_as_word(&self, i: usize) -> bool {
        if self.case_informative {
            self.lower_case_says_ordinary(i) && self.is_known(i)
        } else {
            self.is_own_word(i)
        }
    }

    pub fn is_frequent(&self, i: usize) -> bool {
        self.classes[i].has(WordClass::FREQUENT)
    }

    /// Every word of the window is a single character, apart: something spelled out ("N A S A"),
    /// not an elision ("s'y").
    pub fn letter_by_letter(&self, w: &Range<usize>) -> bool {
        let spaced = |i: usize| {
            i == w.start
                || matches!(
                    self.tokens[i].gap,
                    Gap::Space | Gap::Cue | Gap::Line | Gap::Dot
                )
        };
        w.clone()
            .all(|i| self.tokens[i].ortho().chars().count() == 1 && spaced(i))
    }

    /// A capital that is not explained by a sentence start: evidence of a name. A common word
    /// capitalised at the start of a caption is no evidence either: recognisers that cut
    /// captions at pauses (Whisper segments, some broadcast ASR) capitalise each one.
    pub fn capitalised(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        let caption_start = matches!(t.gap, Gap::Cue | Gap::Start);
        matches!(t.case(), Case::Capital | Case::Upper)
            && !t.sentence_start
            && !(caption_start && t.case() == Case::Capital && self.is_common(i))
    }

    /// Whether the text writes capitals where names are: where it does not (auto-captions,
    /// some Whisper setups), lower case is no evidence against a name.
    pub fn case_informative(&self) -> bool {
        self.case_informative
    }

    /// A lower-case word in a text that capitalises names: evidence it is no name.
    pub fn lower_case_says_ordinary(&self, i: usize) -> bool {
        self.case_informative && self.tokens[i].case() == Case::Lower
    }

    /// A word of letters, not ordinary speech in either language, nor a closed-class word: in
    /// a text without capitals, what marks a word as a name (a number is no name).
    pub fn is_unusual(&self, i: usize) -> bool {
        self.tokens[i].case() != Case::None
            && !self.classes[i].has(WordClass::COMMON_ANY)
            && !self.is_function_word(i)
    }

    /// Every word of the window is ordinary speech in the transcript's language.
    pub fn all_common(&self, w: &Range<usize>) -> bool {
        w.clone().all(|i| self.is_common(i))
    }

    /// Some word of the window has a capital that marks a name.
    pub fn any_capitalised(&self, w: &Range<usize>) -> bool {
        w.clone().any(|i| self.capitalised(i))
    }

    /// The tokens of the caption token `i` belongs to.
    pub fn caption(&self, i: usize) -> Range<usize> {
        let own = self.caption[i];
        let same = |j: &usize| self.caption[*j] == own;
        let start = (0..i).rev().take_while(same).last().unwrap_or(i);
        let end = (i..self.tokens.len()).take_while(same).last().unwrap_or(i) + 1;
        start..end
    }

    /// Token positions inside `w` where a new segment starts: a fix is cut there.
    pub fn cues(&self, w: Range<usize>) -> Vec<usize> {
        (w.start + 1..w.end)
            .filter(|&i| matches!(self.tokens[i].gap, Gap::Cue | Gap::Line))
            .collect()
    }

    /// Whether tokens `w` lie in one caption (their segments are lines or timed words of
    /// one cue).
    pub fn one_caption(&self, w: &Range<usize>) -> bool {
        self.caption[w.start] == self.caption[w.end - 1]
    }

    /// Byte span in the source covered by a token range.
    pub fn span(&self, tokens: Range<usize>) -> Range<usize> {
        self.tokens[tokens.start].range().start..self.tokens[tokens.end - 1].range().end
    }

    pub fn timestamp(&self, token: usize) -> Option<&'t str> {
        let seg = &self.transcript.segments()[self.segment[token] as usize];
        seg.timestamp.as_deref()
    }

    /// The transcript's whole text, which spans point into.
    pub fn whole_source(&self) -> &'t str {
        self.transcript.source()
    }

    pub fn source(&self, tokens: Range<usize>) -> &'t str {
        &self.transcript.source()[self.span(tokens)]
    }
}

/// Share of words capitalised mid-sentence from which a text is taken to capitalise names:
/// cased transcripts measured 2 to 10 %, caseless ones (a capital left in a header) 0.4 % at most.
const CAPITALS_PER_WORD: f64 = 0.008;
/// Fewer words than this cannot show a rate: the sentence starts decide.
const FEW_WORDS: usize = 100;

/// Whether capitals in the text mark names: enough words capitalised mid-sentence (two
/// different ones at least), or, in a text too short to tell, capitalised sentence starts.
fn case_informative(tokens: &[Token]) -> bool {
    let cased = |t: &&Token| matches!(t.case(), Case::Capital | Case::Upper);
    // A caption start may be capitalised as a sentence start; "I" says nothing.
    let mid = |t: &&Token| {
        !t.sentence_start
            && !matches!(t.gap, Gap::Cue | Gap::Start)
            && t.lower().chars().nth(1).is_some()
    };
    let words = tokens.iter().filter(mid).count();
    let mut capitals: Vec<usize> = tokens
        .iter()
        .filter(mid)
        .filter(cased)
        .map(Token::word_id)
        .collect();
    let occurrences = capitals.len();
    capitals.sort_unstable();
    capitals.dedup();
    if occurrences as f64 >= CAPITALS_PER_WORD * words as f64 && capitals.len() >= 2 {
        return true;
    }
    let starts = || {
        tokens
            .iter()
            .filter(|t| t.sentence_start && t.case() != Case::None)
    };
    words < FEW_WORDS && 2 * starts().filter(cased).count() > starts().count()
}

/// Net votes (see `lexicon::vote`) from which a caption, or a caption and the captions beside
/// it, are taken to speak the other language: about a sentence's worth of its frequent words.
const SWITCH_VOTES: i64 = 4;

/// The language of each token: the transcript's, unless its caption and the captions beside
/// it clearly speak the other one (a quotation, a guest answering in another language).
fn caption_langs(captions: &[(Range<usize>, i64)], tokens: usize, doc: Lang) -> Vec<Lang> {
    let mut langs = vec![doc; tokens];
    for (c, (range, own)) in captions.iter().enumerate() {
        let beside = &captions[c.saturating_sub(1)..(c + 2).min(captions.len())];
        let near = beside.iter().map(|(_, v)| v).sum();
        if let Some(other) = switched(doc, *own, near) {
            langs[range.clone()].fill(other);
        }
    }
    langs
}

/// Each caption's token range and the sum of its words' votes (see `lexicon::vote`).
fn caption_votes(tokens: &[Token], caption: &[u32]) -> Vec<(Range<usize>, i64)> {
    let mut votes: FxHashMap<usize, i64> = FxHashMap::default();
    let mut captions: Vec<(Range<usize>, i64)> = Vec::new();
    let mut start = 0;
    for i in 1..=tokens.len() {
        if i == tokens.len() || caption[i] != caption[start] {
            let sum = tokens[start..i]
                .iter()
                .map(|t| *votes.entry(t.word_id()).or_insert_with(|| vote(t.lower())))
                .sum();
            captions.push((start..i, sum));
            start = i;
        }
    }
    captions
}

/// The other language, when a caption speaks it clearly, or leans to it among neighbours that
/// speak it clearly (a short caption inside a longer quotation).
fn switched(doc: Lang, own: i64, near: i64) -> Option<Lang> {
    let (other, sign) = match doc {
        Lang::Fr => (Lang::En, -1),
        Lang::En => (Lang::Fr, 1),
    };
    let leans = own * sign > 0 && near * sign >= SWITCH_VOTES;
    (own * sign >= SWITCH_VOTES || leans).then_some(other)
}

/// The lowest probability of the words (sorted byte ranges) a token overlaps; `u16::MAX` if none.
fn lowest(words: &[(Range<usize>, u16)], token: Range<usize>) -> u16 {
    let first = words.partition_point(|(r, _)| r.end <= token.start);
    words[first..]
        .iter()
        .take_while(|(r, _)| r.start < token.end)
        .map(|&(_, p)| p)
        .min()
        .unwrap_or(u16::MAX)
}

/// What the lexicons say of a word, as bits.
#[derive(Clone, Copy)]
struct WordClass(u8);

impl WordClass {
    const FUNCTION: u8 = 1;
    /// Common in the transcript's language.
    const COMMON: u8 = 2;
    /// Common in any language the lexicons know.
    const COMMON_ANY: u8 = 4;
    const KNOWN: u8 = 8;
    const FREQUENT: u8 = 16;
    /// Known in every language the lexicons know: names are, words mostly are not.
    const KNOWN_ALL: u8 = 32;

    fn of(lower: &str, lang: Lang) -> Self {
        let lexicon = Lexicon::get(lang);
        let bits = [
            (is_function_word(lang, lower), Self::FUNCTION),
            (lexicon.is_common(lower), Self::COMMON),
            (
                Lang::ALL.iter().any(|&l| Lexicon::get(l).is_common(lower)),
                Self::COMMON_ANY,
            ),
            (lexicon.is_known(lower), Self::KNOWN),
            (lexicon.is_frequent(lower), Self::FREQUENT),
            (
                Lang::ALL.iter().all(|&l| Lexicon::get(l).is_known(lower)),
                Self::KNOWN_ALL,
            ),
        ];
        WordClass(bits.iter().filter(|(on, _)| *on).map(|(_, bit)| bit).sum())
    }

    fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }
}

fn classify_all(tokens: &[Token], langs: &[Lang]) -> Vec<WordClass> {
    let mut cache: FxHashMap<(usize, Lang), WordClass> = FxHashMap::default();
    tokens
        .iter()
        .zip(langs)
        .map(|(t, &lang)| {
            *cache
                .entry((t.word_id(), lang))
                .or_insert_with(|| WordClass::of(t.lower(), lang))
        })
        .collect()
}

/// Readings of every token (as indices into the distinct readings), computed once per word:
/// transcripts repeat their words a lot.
fn read_all(tokens: &[Token], langs: &[Lang]) -> (Vec<u32>, Vec<Box<str>>) {
    let mut cache: FxHashMap<(usize, bool, bool, Lang), u32> = FxHashMap::default();
    let mut distinct = Vec::new();
    let ids = (0..tokens.len())
        .map(|i| {
            let t = &tokens[i];
            let next = tokens.get(i + 1).map(|n| n.gap);
            let clitic = next == Some(Gap::Apostrophe);
            let spell = spelled_letter(tokens, i);
            let lang = langs[i];
            *cache
                .entry((t.word_id(), clitic, spell, lang))
                .or_insert_with(|| {
                    distinct.push(reading::token(t, next, spell, lang).into());
                    (distinct.len() - 1) as u32
                })
        })
        .collect();
    (ids, distinct)
}

/// A lone letter next to another lone letter ("N A S A") is an acronym said letter by letter.
fn spelled_letter(tokens: &[Token], i: usize) -> bool {
    let single = |j: usize| {
        tokens.get(j).is_some_and(|t| {
            t.ortho().chars().count() == 1 && t.ortho().chars().all(char::is_alphabetic)
        })
    };
    if !single(i) {
        return false;
    }
    let spaced = |t: &Token| matches!(t.gap, Gap::Space | Gap::Cue | Gap::Line);
    let joined_next = tokens.get(i + 1).is_some_and(spaced) && single(i + 1);
    let joined_prev = spaced(&tokens[i]) && i > 0 && single(i - 1);
    joined_next || joined_prev
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(srt: &str) -> Text<'static> {
        let transcript = Box::leak(Box::new(Transcript::parse(srt.as_bytes()).unwrap()));
        Text::new(transcript, 0..transcript.segments().len())
    }

    fn cue(n: usize, words: &str) -> String {
        format!("{n}\n00:00:0{n},000 --> 00:00:0{n},900\n{words}\n\n")
    }

    #[test]
    fn a_quoted_caption_speaks_its_own_language() {
        let fr = "alors on va parler de la question avec vous ce soir";
        let en = "and you are the one who said that it was not the way";
        let srt = [fr, fr, en, fr, fr]
            .iter()
            .enumerate()
            .map(|(i, w)| cue(i + 1, w))
            .collect::<String>();
        let text = text_of(&srt);
        assert_eq!(text.lang, Lang::Fr);
        let (fr_words, en_words) = (fr.split(' ').count(), en.split(' ').count());
        let quote = 2 * fr_words..2 * fr_words + en_words;
        assert!(quote.clone().all(|i| text.lang_at(i) == Lang::En));
        assert_eq!(text.lang_at(quote.start - 1), Lang::Fr);
        assert_eq!(text.lang_at(quote.end), Lang::Fr);
    }

    #[test]
    fn only_name_like_words_read_as_foreign_names() {
        let srt = cue(1, "alors nous avons parlé avec Quorin de la maison")
            + &cue(2, "et puis le matin il est parti avec Tavarez ce soir")
            + &cue(3, "mais le chemin est long pour tous les voisins ici");
        let text = text_of(&srt);
        let at = |w: &str| text.tokens.iter().position(|t| t.lower() == w).unwrap();
        assert_eq!(text.name_reading(at("quorin")), Some("koRin"));
        assert_eq!(text.name_reading(at("tavarez")), Some("tavaRez"));
        assert_eq!(text.name_reading(at("chemin")), None);
        assert_eq!(text.name_reading(at("matin")), None);
        assert!(!text.any_name_reading(&(0..3)));
    }

    #[test]
    fn a_stray_foreign_word_does_not_switch_a_caption() {
        let srt = cue(1, "alors on va parler de la question avec vous")
            + &cue(2, "le deal est fait pour the team ce soir")
            + &cue(3, "et nous allons voir la suite demain matin");
        let text = text_of(&srt);
        assert!((0..text.tokens.len()).all(|i| text.lang_at(i) == Lang::Fr));
    }
}
