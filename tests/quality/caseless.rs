//! Caseless variants of the eval cases: each transcript as a recogniser that writes no
//! capitals would have written it.

use transfix::Transcript;

use super::gold::Case;

/// `case` with its spoken text lower-cased: the segments `Transcript::parse` finds, and
/// nothing else (a WebVTT header, the timings, a page's title and description lines were
/// written by people, not by the recogniser).
///
/// Offsets: a char is lowered only where its lower case is one char of the same UTF-8
/// length; the few others (`İ`, whose lower case is two chars; the Kelvin sign, 3 bytes
/// against `k`'s 1) stay as written. So every byte offset keeps its meaning and the gold
/// spans, byte ranges located once in the original text, point at the same words, now
/// reading their `wrong` lower-cased. Occurrence numbers (which lower-casing can change:
/// "Le Grand" may then also match an earlier "le grand") are not used past that point.
pub fn caseless(case: &Case) -> Case {
    let lowered = lower_spoken(case);
    for s in &case.spans {
        let (before, after) = (&case.raw[s.start..s.end], &lowered[s.start..s.end]);
        assert_eq!(
            after,
            lower_keeping_len(before),
            "{}: gold fix {before:?} lies outside the spoken text",
            case.name
        );
    }
    Case {
        name: case.name.clone(),
        gold_path: case.gold_path.clone(),
        transcript_path: case.transcript_path.clone(),
        bytes: lowered.clone().into_bytes(),
        raw: lowered,
        terms: case.terms.clone(),
        spans: case.spans.clone(),
        negatives: case.negatives.clone(),
    }
}

/// The raw text with every segment lower-cased.
fn lower_spoken(case: &Case) -> String {
    let t = Transcript::parse(&case.bytes).unwrap_or_else(|e| panic!("{}: {e}", case.name));
    assert_eq!(
        t.source(),
        case.raw,
        "{}: not read as its UTF-8 text",
        case.name
    );
    let mut out = String::with_capacity(case.raw.len());
    let mut last = 0;
    for seg in t.segments() {
        out.push_str(&case.raw[last..seg.span.start]);
        out.push_str(&lower_keeping_len(t.text(seg)));
        last = seg.span.end;
    }
    out.push_str(&case.raw[last..]);
    out
}

/// Lower case, char by char, where it keeps the char's UTF-8 length.
pub fn lower_keeping_len(s: &str) -> String {
    s.chars()
        .map(|c| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowers_where_the_length_is_kept() {
        // U+0130 lowers to two chars, U+212A (Kelvin) to a 1-byte `k`: both kept.
        assert_eq!(
            lower_keeping_len("Élan İz \u{212A} ÇA"),
            "élan İz \u{212A} ça"
        );
    }
}
