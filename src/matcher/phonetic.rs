//! Grapheme-to-phoneme readings of words, French and English, in one shared alphabet.
//!
//! Placeholder: returns the letters unchanged (the real rules land with the phonetic work).

/// French reading of one lowercase word (accents kept).
pub fn french(word: &str) -> String {
    word.to_owned()
}

/// English reading of one lowercase word.
pub fn english(word: &str) -> String {
    word.to_owned()
}
