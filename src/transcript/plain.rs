//! Plain text, or paragraphs with `[00:01:10]` markers: the markers are frozen, every other
//! line of text is editable (a title line included: it is rarely worth freezing).

use super::Segment;
use super::scan::{self, Line};

/// Plain is the fallback: anything that is not another format reads as plain text.
pub(super) fn looks_like(_source: &str) -> bool {
    true
}

pub(super) fn segments(source: &str) -> Vec<Segment> {
    let mut reader = Reader::default();
    for line in scan::lines(source) {
        reader.read(&line);
    }
    reader.out
}

#[derive(Default)]
struct Reader {
    out: Vec<Segment>,
    /// Index of the current paragraph (`None` before the first one).
    paragraph: Option<usize>,
    in_paragraph: bool,
    timestamp: Option<String>,
}

impl Reader {
    fn read(&mut self, line: &Line) {
        if line.is_blank() {
            self.in_paragraph = false;
            return;
        }
        if !self.in_paragraph {
            self.in_paragraph = true;
            self.paragraph = Some(self.paragraph.map_or(0, |p| p + 1));
            self.timestamp = None;
        }
        self.read_markers(line);
    }

    /// Splits the line around `[hh:mm:ss]` markers, wherever they are on the line.
    fn read_markers(&mut self, line: &Line) {
        let text = line.text;
        let mut text_start = 0;
        let mut pos = 0;
        while let Some(found) = text[pos..].find('[') {
            let open = pos + found;
            let Some((len, inner)) = scan::bracketed_timestamp(&text[open..]) else {
                pos = open + 1;
                continue;
            };
            self.push(line, text_start..open);
            self.timestamp = Some(text[open + inner.start..open + inner.end].to_owned());
            text_start = open + len;
            pos = text_start;
        }
        self.push(line, text_start..text.len());
    }

    fn push(&mut self, line: &Line, local: std::ops::Range<usize>) {
        if let Some(span) = line.trimmed(local) {
            self.out.push(Segment {
                span,
                timestamp: self.timestamp.clone(),
                cue: self.paragraph.unwrap_or(0),
                speaker: None,
                confidence: Vec::new(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(source: &str) -> Vec<&str> {
        crate::transcript::segment_texts(source, segments)
    }

    #[test]
    fn markers_are_frozen() {
        let source = "Title line\n\n[00:00:03] hello world\nsecond line\n\n[00:00:11] bye\n";
        assert!(looks_like(source));
        assert_eq!(
            texts(source),
            vec!["Title line", "hello world", "second line", "bye"]
        );
        let segs = segments(source);
        assert_eq!(segs[0].timestamp, None);
        assert_eq!(segs[2].timestamp.as_deref(), Some("00:00:03"));
        assert_eq!((segs[0].cue, segs[2].cue, segs[3].cue), (0, 1, 2));
    }

    #[test]
    fn inline_markers_and_other_brackets() {
        let source = "a [music] b [01:02] c\r\n";
        assert_eq!(texts(source), vec!["a [music] b", "c"]);
        assert_eq!(segments(source)[1].timestamp.as_deref(), Some("01:02"));
    }

    #[test]
    fn unicode_and_no_final_newline() {
        let source = "\u{feff}été à Zürich\n\n  Świątek  ";
        assert_eq!(texts(source), vec!["été à Zürich", "Świątek"]);
    }
}
