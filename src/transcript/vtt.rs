//! Placeholder reader: every non-blank line is one segment (replaced by the real reader).

use super::Segment;

pub(super) fn looks_like(_source: &str) -> bool {
    false
}

pub(super) fn segments(source: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut start = 0;
    for (cue, line) in source.split_inclusive('\n').enumerate() {
        let text = line.trim_end_matches(['\n', '\r']);
        if !text.trim().is_empty() {
            out.push(Segment {
                span: start..start + text.len(),
                timestamp: None,
                cue,
            });
        }
        start += line.len();
    }
    out
}
