//! WhisperX JSON (`whisperx --output_format json`): Whisper's `segments[].text`, with
//! `segments[].words[]` aligned to the audio (`word` without a space, `start`, `end`, `score`;
//! a word it could not align, such as a number, has neither times nor score), often no
//! top-level `text`, and `word_segments`, every word again in one list.

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::layout::{Layout, Time, WordKeys};
use super::tree::Node;
use super::{Top, probe, whisper};

const KEYS: WordKeys = WordKeys {
    text: &["word"],
    plain: None,
    confidence: "score",
    start: "start",
    end: "end",
    speaker: None,
    spaced: false,
    time: Time::Seconds { decimals: 3 },
    slots: false,
};

/// Whisper's segments, with a `word_segments` list or words that have a `score`.
pub fn claims(top: &Top) -> bool {
    #[derive(Deserialize)]
    struct Segment {
        #[serde(default)]
        words: Vec<Word>,
    }
    #[derive(Deserialize)]
    struct Word {
        score: Option<IgnoredAny>,
    }
    let scored = || {
        probe::<Vec<Segment>>(top.segments)
            .is_some_and(|s| s.iter().flat_map(|s| &s.words).any(|w| w.score.is_some()))
    };
    whisper::claims(top) && (probe::<Vec<IgnoredAny>>(top.word_segments).is_some() || scored())
}

pub fn layout<'n>(root: &'n Node, source: &str) -> Result<Layout<'n>, String> {
    let mut layout = whisper::segments(root, source, &KEYS)?;
    let all = 0..layout.spoken.len();
    layout.words(
        all,
        root.get(source, "word_segments").into_iter(),
        &KEYS,
        false,
    );
    Ok(layout)
}
