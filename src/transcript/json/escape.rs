//! The canonical form of a JSON text: every string holds its characters raw (`\u00e9` → `é`,
//! `\ud83d\ude00` → `😀`, `\/` → `/`); only `\"`, `\\` and control characters stay escaped.
//! Nothing outside the strings changes, so the layout, the numbers and the line numbers stay
//! the file's, and the matcher reads real characters. Writing goes the other way: canonical
//! changes spliced into the file's own text, in its style (`\uXXXX` for non-ASCII characters
//! when the file is ASCII, as Python's `json.dump` writes by default).

use std::ops::Range;

use super::super::{Edit, TranscriptError};

/// The text's canonical form, and the text itself when it differs (it is written back from).
pub(super) fn canonical(text: String) -> (String, Option<String>) {
    let (canonical, shifts) = unescape(&text);
    if shifts.is_empty() {
        (text, None)
    } else {
        (canonical, Some(text))
    }
}

/// Splices the canonical `changes` into the file's text, written in the file's style.
pub(super) fn write_back(original: &str, mut changes: Vec<(Range<usize>, String)>) -> String {
    let (_, shifts) = unescape(original);
    let ascii = without_bom(original).is_ascii();
    // A canonical offset outside the decoded strings (or at their ends) in the file's text.
    let to_original = |p: usize| {
        let k = shifts.partition_point(|s| s.canonical.end <= p);
        k.checked_sub(1)
            .map_or(p, |k| p - shifts[k].canonical.end + shifts[k].original.end)
    };
    changes.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(original.len() + 64);
    let mut last = 0;
    for (range, text) in changes {
        let (start, end) = (to_original(range.start), to_original(range.end));
        if start < last || end < start {
            continue; // two changes of one value: never made by the layouts, never a panic
        }
        out.push_str(&original[last..start]);
        if ascii {
            escape_non_ascii(&text, &mut out);
        } else {
            out.push_str(&text);
        }
        last = end;
    }
    out.push_str(&original[last..]);
    out
}

/// Python's `ensure_ascii`: every non-ASCII character as `\uXXXX` (surrogate pairs beyond the
/// BMP, lowercase hex). Outside strings JSON text is ASCII, so a whole fragment can go through.
fn escape_non_ascii(text: &str, out: &mut String) {
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
}

/// `source[range]` with the edits (inside it, sorted) applied, replacements escaped as JSON.
pub(super) fn splice(source: &str, range: Range<usize>, edits: &[&Edit]) -> String {
    let mut out = String::new();
    let mut last = range.start;
    for e in edits {
        out.push_str(&source[last..e.span.start]);
        escape_into(&e.replacement, &mut out);
        last = e.span.end;
    }
    out.push_str(&source[last..range.end]);
    out
}

/// Escapes for the inside of a JSON string, as the canonical form keeps them.
fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
}

/// An edit that starts or ends inside an escape sequence (`\"`, `\n`, `\u0001`) would break it.
pub(super) fn check_escapes(
    source: &str,
    content: &Range<usize>,
    edits: &[&Edit],
) -> Result<(), TranscriptError> {
    let bytes = source.as_bytes();
    let mut i = content.start;
    while i < content.end {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let len = if bytes.get(i + 1) == Some(&b'u') {
            6
        } else {
            2
        };
        let inside = |p: usize| i < p && p < i + len;
        if let Some(e) = edits
            .iter()
            .find(|e| inside(e.span.start) || inside(e.span.end))
        {
            return Err(TranscriptError::Edit(format!(
                "edit at bytes {}..{} cuts an escape sequence",
                e.span.start, e.span.end
            )));
        }
        i += len;
    }
    Ok(())
}

pub(super) fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// A string whose contents the canonical form changed: its contents in both texts.
struct Shift {
    original: Range<usize>,
    canonical: Range<usize>,
}

/// The canonical form of a valid JSON text (see the module documentation), and the strings
/// it changed, in order.
fn unescape(text: &str) -> (String, Vec<Shift>) {
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut shifts = Vec::new();
    let (mut i, mut copied) = (0, 0);
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        let start = i + 1;
        let (mut j, mut escaped) = (start, false);
        while j < bytes.len() && bytes[j] != b'"' {
            escaped |= bytes[j] == b'\\';
            j += if bytes[j] == b'\\' { 2 } else { 1 };
        }
        let end = j.min(bytes.len());
        if escaped {
            let decoded = decode(&text[start..end]);
            if decoded != text[start..end] {
                if out.is_empty() {
                    out.reserve(text.len());
                }
                out.push_str(&text[copied..start]);
                let at = out.len();
                out.push_str(&decoded);
                shifts.push(Shift {
                    original: start..end,
                    canonical: at..out.len(),
                });
                copied = end;
            }
        }
        i = end + 1;
    }
    if shifts.is_empty() {
        return (String::new(), shifts);
    }
    out.push_str(&text[copied..]);
    (out, shifts)
}

/// The contents of a JSON string with its escapes decoded, but for `\"`, `\\` and control
/// characters.
fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('\\') {
        out.push_str(&rest[..p]);
        let esc = &rest[p..];
        let hex = |from: usize| {
            esc.get(from..from + 4)
                .and_then(|h| u32::from_str_radix(h, 16).ok())
        };
        let len = match esc.as_bytes().get(1) {
            Some(b'/') => {
                out.push('/');
                2
            }
            Some(b'u') => match hex(2) {
                Some(high @ 0xD800..0xDC00) => {
                    let low = hex(8)
                        .filter(|l| esc[6..].starts_with("\\u") && (0xDC00..0xE000).contains(l));
                    match low.and_then(|l| {
                        char::from_u32(0x10000 + ((high - 0xD800) << 10) + (l - 0xDC00))
                    }) {
                        Some(c) => {
                            out.push(c);
                            12
                        }
                        None => {
                            out.push_str(&esc[..6]); // a lone surrogate has no character
                            6
                        }
                    }
                }
                Some(unit) => {
                    match char::from_u32(unit) {
                        Some('"') => out.push_str("\\\""),
                        Some('\\') => out.push_str("\\\\"),
                        Some(c) if c >= ' ' => out.push(c),
                        _ => out.push_str(&esc[..6]),
                    }
                    6
                }
                None => {
                    out.push_str(&esc[..2]);
                    2
                }
            },
            Some(_) => {
                let len = esc[1..].chars().next().map_or(1, |c| 1 + c.len_utf8());
                out.push_str(&esc[..len]);
                len
            }
            None => {
                out.push('\\');
                1
            }
        };
        rest = &esc[len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_all_but_quotes_backslashes_and_controls() {
        assert_eq!(decode(r"\u00e9t\u00e9"), "été");
        assert_eq!(decode(r"\ud83d\ude00 \/"), "😀 /");
        assert_eq!(
            decode(r#"\" \\ \n \u0001 \u0022 \u005C"#),
            r#"\" \\ \n \u0001 \" \\"#
        );
        assert_eq!(decode(r"\ud83d alone"), r"\ud83d alone");
    }

    #[test]
    fn canonical_form_keeps_everything_outside_strings() {
        let file = "{\"text\": \"\\u00e9\",\n \"n\": 1.50}";
        let (canonical, shifts) = unescape(file);
        assert_eq!(canonical, "{\"text\": \"é\",\n \"n\": 1.50}");
        assert_eq!(shifts.len(), 1);
        assert_eq!(unescape("{\"a\": \"\\n\"}").1.len(), 0);
    }
}
