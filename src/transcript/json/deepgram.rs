//! Deepgram's pre-recorded response: `results.channels[].alternatives[]`, each with the whole
//! `transcript`, its `words[]` (`word` in lower case without punctuation, `punctuated_word` as
//! the transcript writes it, `start`, `end`, `confidence`, `speaker`) and, with
//! `paragraphs=true`, `paragraphs.transcript` and `paragraphs.paragraphs[].sentences[].text`;
//! with `utterances=true`, `results.utterances[]`, each with its `channel`, `transcript` and
//! `words`, the speech of the channel's first alternative cut at pauses.

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::layout::{Layout, Time, WordKeys};
use super::tree::Node;
use super::{Top, probe};

const KEYS: WordKeys = WordKeys {
    text: &["punctuated_word", "word"],
    plain: Some("word"),
    confidence: "confidence",
    start: "start",
    end: "end",
    speaker: Some("speaker"),
    spaced: false,
    time: Time::Seconds { decimals: 3 },
    slots: false,
};

/// `results` with a `channels` list.
pub fn claims(top: &Top) -> bool {
    #[derive(Deserialize)]
    struct Results {
        #[serde(rename = "channels")]
        _channels: Vec<IgnoredAny>,
    }
    probe::<Results>(top.results).is_some()
}

pub fn layout<'n>(root: &'n Node, source: &str) -> Result<Layout<'n>, String> {
    let channels = (root.path(source, "results.channels"))
        .and_then(Node::items)
        .ok_or("no `results.channels` array")?;
    let mut layout = Layout {
        language: root.path(source, "results.channels.0.detected_language"),
        ..Layout::default()
    };
    let mut firsts = Vec::new();
    for (c, channel) in channels.iter().enumerate() {
        let alternatives = (channel.get(source, "alternatives"))
            .and_then(Node::items)
            .ok_or_else(|| format!("channel {c} has no `alternatives` array"))?;
        for (a, alternative) in alternatives.iter().enumerate() {
            let k = alternative_layout(&mut layout, alternative, source).ok_or_else(|| {
                format!("channel {c}, alternative {a} has no `transcript` string")
            })?;
            if a == 0 {
                firsts.push((c, k));
            }
        }
    }
    let utterances = (root.path(source, "results.utterances"))
        .and_then(Node::items)
        .unwrap_or_default();
    for (c, k) in firsts {
        let channel = |u: &&Node| {
            u.get(source, "channel")
                .and_then(|n| n.number(source))
                .unwrap_or(0.0)
                == c as f64
        };
        let mine: Vec<&Node> = utterances.iter().filter(channel).collect();
        layout.copy(
            k..k + 1,
            mine.iter().filter_map(|u| u.get(source, "transcript")),
        );
        layout.words(
            k..k + 1,
            mine.iter().filter_map(|u| u.get(source, "words")),
            &KEYS,
            false,
        );
    }
    Ok(layout)
}

/// One alternative's transcript, its words and its paragraphs; the index of its transcript.
fn alternative_layout<'n>(
    layout: &mut Layout<'n>,
    alternative: &'n Node,
    source: &str,
) -> Option<usize> {
    let k = layout.speak(alternative.get(source, "transcript"), None, true)?;
    layout.words(
        k..k + 1,
        alternative.get(source, "words").into_iter(),
        &KEYS,
        true,
    );
    let paragraphs = alternative.get(source, "paragraphs");
    layout.copy(
        k..k + 1,
        paragraphs
            .and_then(|p| p.get(source, "transcript"))
            .into_iter(),
    );
    let sentences = (paragraphs.and_then(|p| p.get(source, "paragraphs")))
        .and_then(Node::items)
        .unwrap_or_default()
        .iter()
        .filter_map(|p| p.get(source, "sentences").and_then(Node::items))
        .flatten()
        .filter_map(|s| s.get(source, "text"));
    layout.copy(k..k + 1, sentences);
    Some(k)
}
