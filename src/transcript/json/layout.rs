//! Where a recogniser's JSON keeps its text: the strings the matcher reads, the strings that
//! repeat them, and the word lists that cut them into timed words. Each service's module
//! describes its documents in these terms; reading and writing know nothing else of them.

use std::ops::Range;

use super::tree::Node;

/// One document's spoken text and every copy of it.
#[derive(Default)]
pub struct Layout<'n> {
    /// The strings the matcher reads, in document order.
    pub spoken: Vec<Spoken>,
    /// Runs of strings that repeat spoken strings (a full text, utterances, sentences).
    pub copies: Vec<Copy>,
    /// Lists of the words of spoken strings.
    pub words: Vec<Words<'n>>,
    /// The language the recogniser detected, as written.
    pub language: Option<&'n Node>,
}

/// A string the matcher reads.
pub struct Spoken {
    /// Its contents, between the quotes.
    pub text: Range<usize>,
    /// When the recogniser times the string itself (a Whisper segment), its start in seconds:
    /// the segment's timestamp.
    pub start: Option<f64>,
    /// A whole transcript in one string, read as sentences (see `sentences`).
    pub long: bool,
}

/// Strings that say, in order, the words of the spoken strings `follows` (or of a part of
/// them): what is written there is written here too.
pub struct Copy {
    pub follows: Range<usize>,
    /// Contents of the strings, in order.
    pub strings: Vec<Range<usize>>,
}

/// The words of the spoken strings `follows`, in order, in one array or across several (the
/// words of each utterance).
pub struct Words<'n> {
    pub follows: Range<usize>,
    pub arrays: Vec<&'n Node>,
    /// Each word and the index of its array in `arrays`.
    pub items: Vec<(usize, &'n Node)>,
    pub keys: &'static WordKeys,
    /// The list confidences and times are read from; the others repeat it.
    pub read: bool,
}

/// Where a word object keeps what it says. Keys are paths (`alternatives.0.content`).
pub struct WordKeys {
    /// The word as the text writes it: the first of these that is there (Deepgram's
    /// `punctuated_word`, else `word`).
    pub text: &'static [&'static str],
    /// The word as the recogniser normalised it (lower case, no punctuation), next to `text`.
    pub plain: Option<&'static str>,
    /// The recogniser's confidence, 0 to 1.
    pub confidence: &'static str,
    pub start: &'static str,
    pub end: &'static str,
    /// Who says the word: another speaker starts another segment.
    pub speaker: Option<&'static str>,
    /// Each word carries the space before it (Whisper's " Ada").
    pub spaced: bool,
    pub time: Time,
    /// Other parts of the file point at the words (by id, or by their times): their number and
    /// their times never change, and a new text takes the words' places in order.
    pub slots: bool,
}

/// How a word's times are written.
#[derive(Clone, Copy)]
pub enum Time {
    /// Seconds, as a float rounded to `decimals`.
    Seconds { decimals: i32 },
    /// Whole milliseconds.
    Millis,
}

impl Time {
    pub fn seconds(self, value: f64) -> f64 {
        match self {
            Time::Seconds { .. } => value,
            Time::Millis => value / 1000.0,
        }
    }
}

impl WordKeys {
    /// The value of the word's text: the first of its keys there.
    pub fn text_node<'a>(&self, source: &str, word: &'a Node) -> Option<&'a Node> {
        self.text.iter().find_map(|key| word.path(source, key))
    }

    /// The contents of the word's text string, if it has one.
    pub fn text_of(&self, source: &str, word: &Node) -> Option<Range<usize>> {
        self.text_node(source, word)?.string()
    }
}

impl<'n> Layout<'n> {
    /// Adds a spoken string; `None` (nothing added) if `node` is no string.
    pub fn speak(&mut self, node: Option<&Node>, start: Option<f64>, long: bool) -> Option<usize> {
        let text = node?.string()?;
        self.spoken.push(Spoken { text, start, long });
        Some(self.spoken.len() - 1)
    }

    /// Adds the strings of `nodes` (those that are strings) as a copy of `follows`.
    pub fn copy<'a>(&mut self, follows: Range<usize>, nodes: impl Iterator<Item = &'a Node>) {
        let strings: Vec<Range<usize>> = nodes.filter_map(Node::string).collect();
        if !strings.is_empty() {
            self.copies.push(Copy { follows, strings });
        }
    }

    /// Adds the items of `arrays` (those that are arrays; none, no list) as the words of
    /// `follows`.
    pub fn words(
        &mut self,
        follows: Range<usize>,
        arrays: impl Iterator<Item = &'n Node>,
        keys: &'static WordKeys,
        read: bool,
    ) {
        let arrays: Vec<&Node> = arrays.filter(|a| a.items().is_some()).collect();
        if arrays.is_empty() {
            return;
        }
        let items = (arrays.iter().enumerate())
            .flat_map(|(k, a)| a.items().unwrap_or_default().iter().map(move |w| (k, w)))
            .collect();
        self.words.push(Words {
            follows,
            arrays,
            items,
            keys,
            read,
        });
    }
}
