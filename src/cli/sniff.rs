//! Which recogniser wrote a JSON file a walk finds, from a cheap look: its keys, read once in
//! blocks, never parsed. A walk reads a `.json` file as that format, so that another JSON file
//! (a `package.json`) is skipped and a broken transcript is an error rather than plain text
//! with fixes in it. The full check is reading the file as the format.

use std::io::Read;

use transfix::Format;

/// The keys looked for, each with the character its value must start with (`None`: any).
const KEYS: [(&[u8], Option<u8>); 8] = [
    (b"\"channels\"", Some(b'[')),
    (b"\"transcripts\"", Some(b'[')),
    (b"\"word_segments\"", Some(b'[')),
    (b"\"segments\"", Some(b'[')),
    (b"\"score\"", None),
    (b"\"probability\"", None),
    (b"\"words\"", Some(b'[')),
    (b"\"confidence\"", None),
];

/// The keys seen so far, one bit each in the order of `KEYS`.
#[derive(Default, Clone, Copy)]
struct Seen(u8);

impl Seen {
    fn has(self, key: &[u8]) -> bool {
        let bit = KEYS.iter().position(|(k, _)| *k == key).unwrap_or(8);
        bit < 8 && self.0 & (1 << bit) != 0
    }

    /// The format the keys tell, once they tell it (`end`: the whole file was read).
    fn format(self, end: bool) -> Option<Format> {
        let segments = self.has(b"\"segments\"");
        if self.has(b"\"channels\"") {
            Some(Format::DeepgramJson)
        } else if self.has(b"\"transcripts\"") {
            Some(Format::AwsJson)
        } else if self.has(b"\"word_segments\"") || (segments && self.has(b"\"score\"")) {
            Some(Format::WhisperxJson)
        } else if segments && (end || self.has(b"\"probability\"")) {
            Some(Format::WhisperJson)
        } else if end && self.has(b"\"words\"") && self.has(b"\"confidence\"") {
            Some(Format::AssemblyaiJson)
        } else {
            None
        }
    }
}

/// The recogniser's format of a JSON object, if its keys tell one.
pub(crate) fn json_format(mut reader: impl Read) -> std::io::Result<Option<Format>> {
    let mut block = vec![0; 64 << 10];
    // What was read and not yet searched: the end of a block may hold half a key.
    let mut tail: Vec<u8> = Vec::new();
    let mut seen = Seen::default();
    let mut started = false;
    loop {
        let n = match reader.read(&mut block) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            return Ok(if started { seen.format(true) } else { None });
        }
        tail.extend_from_slice(&block[..n]);
        if !started {
            let body = tail.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&tail);
            match body.iter().find(|b| !b.is_ascii_whitespace()) {
                Some(b'{') => started = true,
                Some(_) => return Ok(None),
                None => continue,
            }
        }
        let keep_from = look(&tail, &mut seen);
        if let Some(format) = seen.format(false) {
            return Ok(Some(format));
        }
        tail.drain(..keep_from);
    }
}

/// Marks the keys of `text` followed by their kind of value; where the next search must start
/// again (a key whose value is not read yet, or what may be the start of a key).
fn look(text: &[u8], seen: &mut Seen) -> usize {
    let longest = KEYS.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    let mut keep_from = text.len().saturating_sub(longest - 1);
    for (bit, (key, value)) in KEYS.iter().enumerate() {
        let mut from = 0;
        while let Some(at) = find(&text[from..], key) {
            let key_at = from + at;
            from = key_at + key.len();
            let next = text[from..]
                .iter()
                .find(|b| !b.is_ascii_whitespace() && **b != b':');
            match (next, value) {
                (None, _) => keep_from = keep_from.min(key_at),
                (Some(b), Some(wanted)) if b != wanted => {}
                (Some(_), _) => seen.0 |= 1 << bit,
            }
        }
    }
    keep_from
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(s: &str) -> Option<Format> {
        json_format(s.as_bytes()).unwrap()
    }

    #[test]
    fn each_recogniser_is_told_by_its_keys() {
        assert_eq!(
            format(r#"{"text": "hi", "segments": [{"text": "hi"}]}"#),
            Some(Format::WhisperJson)
        );
        assert_eq!(
            format("\u{feff}\n {\"segments\" :\n [ ]}"),
            Some(Format::WhisperJson)
        );
        assert_eq!(
            format(r#"{"segments": [{"text": "hi", "words": [{"word": "hi", "score": 0.9}]}]}"#),
            Some(Format::WhisperxJson)
        );
        assert_eq!(
            format(r#"{"results": {"transcripts": [], "items": []}}"#),
            Some(Format::AwsJson)
        );
        assert_eq!(
            format(r#"{"metadata": {}, "results": {"channels": []}}"#),
            Some(Format::DeepgramJson)
        );
        assert_eq!(
            format(r#"{"text": "hi", "words": [{"text": "hi", "confidence": 0.9}]}"#),
            Some(Format::AssemblyaiJson)
        );
    }

    #[test]
    fn other_json_is_not_a_transcript() {
        assert_eq!(format(r#"{"segments": 3}"#), None);
        assert_eq!(format(r#"[{"segments": []}]"#), None);
        assert_eq!(format(r#"{"name": "package", "words": []}"#), None);
        assert_eq!(format(""), None);
    }

    #[test]
    fn the_keys_are_found_across_blocks() {
        for pad in [65_530, 65_536 - 4, 65_536 + 3, 200_000] {
            let json = format!("{{\"text\": \"{}\", \"segments\": [] }}", "a".repeat(pad));
            assert_eq!(
                json_format(json.as_bytes()).unwrap(),
                Some(Format::WhisperJson),
                "pad {pad}"
            );
            let json = format!(
                "{{\"text\": \"{}\", \"results\": {{\"channels\": [] }}}}",
                "a".repeat(pad)
            );
            assert_eq!(
                json_format(json.as_bytes()).unwrap(),
                Some(Format::DeepgramJson),
                "pad {pad}"
            );
        }
    }
}
