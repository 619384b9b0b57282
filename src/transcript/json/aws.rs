//! Amazon Transcribe's JSON: `results.transcripts[0].transcript`, the whole text, and
//! `results.items[]`, one a word or a punctuation mark (`alternatives[0].content`, its
//! `confidence` as a string, `start_time` and `end_time` as strings); newer files add
//! `results.audio_segments[]`, each with its `transcript` and the ids of its items, and with
//! channel identification `results.channel_labels.channels[].items[]` repeat the items.
//!
//! The items are slots: audio segments name them by id and speaker labels by their times, so
//! a fix changes what they say, never how many there are or when.

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::layout::{Layout, Time, WordKeys};
use super::tree::Node;
use super::{Top, probe};

const KEYS: WordKeys = WordKeys {
    text: &["alternatives.0.content"],
    plain: None,
    confidence: "alternatives.0.confidence",
    start: "start_time",
    end: "end_time",
    speaker: Some("speaker_label"),
    spaced: false,
    time: Time::Seconds { decimals: 3 },
    slots: true,
};

/// `results` with a `transcripts` list and an `items` list.
pub fn claims(top: &Top) -> bool {
    #[derive(Deserialize)]
    struct Results {
        #[serde(rename = "transcripts")]
        _transcripts: Vec<IgnoredAny>,
        #[serde(rename = "items")]
        _items: Vec<IgnoredAny>,
    }
    probe::<Results>(top.results).is_some()
}

pub fn layout<'n>(root: &'n Node, source: &str) -> Result<Layout<'n>, String> {
    let results = (root.get(source, "results"))
        .filter(|r| r.is_object())
        .ok_or("no `results` object")?;
    let mut layout = Layout {
        language: results.get(source, "language_code"),
        ..Layout::default()
    };
    let text = layout.speak(results.path(source, "transcripts.0.transcript"), None, true);
    text.ok_or("no `results.transcripts[0].transcript` string")?;
    let items = (results.get(source, "items")).filter(|i| i.items().is_some());
    layout.words(
        0..1,
        Some(items.ok_or("no `results.items` array")?).into_iter(),
        &KEYS,
        true,
    );
    let segments = (results.get(source, "audio_segments"))
        .and_then(Node::items)
        .unwrap_or_default();
    layout.copy(
        0..1,
        segments.iter().filter_map(|s| s.get(source, "transcript")),
    );
    let channels = (results.path(source, "channel_labels.channels"))
        .and_then(Node::items)
        .unwrap_or_default();
    for channel in channels {
        // Each channel's items are a part of the words, in order: a list of their own.
        layout.words(0..1, channel.get(source, "items").into_iter(), &KEYS, false);
    }
    Ok(layout)
}
