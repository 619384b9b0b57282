//! AssemblyAI's transcript JSON (`GET /v2/transcript/{id}`): the whole `text`, its `words[]`
//! (`text`, `start` and `end` in milliseconds, `confidence`, `speaker`) and, with speaker
//! labels, `utterances[]`, each with its own `text` and `words`.

use serde::Deserialize;

use super::layout::{Layout, Time, WordKeys};
use super::tree::Node;
use super::{Top, probe};

const KEYS: WordKeys = WordKeys {
    text: &["text"],
    plain: None,
    confidence: "confidence",
    start: "start",
    end: "end",
    speaker: Some("speaker"),
    spaced: false,
    time: Time::Millis,
    slots: false,
};

/// A string `text` and a `words` list whose words have a `text` and a `confidence`.
pub fn claims(top: &Top) -> bool {
    #[derive(Deserialize)]
    struct Word {
        #[serde(rename = "text")]
        _text: String,
        #[serde(rename = "confidence")]
        _confidence: f64,
    }
    probe::<String>(top.text).is_some() && probe::<Vec<Word>>(top.words).is_some()
}

pub fn layout<'n>(root: &'n Node, source: &str) -> Result<Layout<'n>, String> {
    let mut layout = Layout {
        language: root.get(source, "language_code"),
        ..Layout::default()
    };
    let text = layout.speak(root.get(source, "text"), None, true);
    text.ok_or("no `text` string")?;
    let words = (root.get(source, "words")).filter(|w| w.items().is_some());
    layout.words(
        0..1,
        Some(words.ok_or("no `words` array")?).into_iter(),
        &KEYS,
        true,
    );
    let utterances = (root.get(source, "utterances"))
        .and_then(Node::items)
        .unwrap_or_default();
    layout.copy(
        0..1,
        utterances.iter().filter_map(|u| u.get(source, "text")),
    );
    let lists = utterances.iter().filter_map(|u| u.get(source, "words"));
    layout.words(0..1, lists, &KEYS, false);
    Ok(layout)
}
