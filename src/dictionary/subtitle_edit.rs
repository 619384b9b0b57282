//! Subtitle Edit's name lists (`names.xml`, `en_names.xml`...): the names its spell checker
//! accepts and its OCR and casing fixes keep. Read by `dict import`, written by `dict export`.
//!
//! The lists have had several shapes: `<ignore_words>` of `<name>`s (the older
//! `*_names_etc.xml`), `<names>` of `<name>`s with a `<blacklist>` of names that are not
//! names after all, and user word lists of `<word>`s. All are read; `<ignore_words>` is
//! written, which every version reads.

use std::path::Path;

use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::reader::Reader;

use super::Entry;
use super::import::{ImportError, at_offset, origin};
use crate::dictionary::LineCounter;

/// The root elements of a name list.
const ROOTS: [&str; 3] = ["ignore_words", "names", "words"];
/// The elements holding one name.
const ITEMS: [&str; 2] = ["name", "word"];

/// The names of a list, each with the line of its element. Blank names are left out; names in
/// a `<blacklist>` (or any other section) are not names to learn.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Entry>, ImportError> {
    // Not trimmed: the reader would trim the text on each side of an entity reference,
    // and "Tom &amp; Jerry" would lose its spaces.
    let mut reader = Reader::from_str(text);
    let error = |offset: u64, message: String| at_offset(path, text, offset as usize, message);
    let mut lines = LineCounter::new(text);
    let mut entries = Vec::new();
    let mut root: Option<String> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| error(reader.error_position(), e.to_string()))?;
        let end = reader.buffer_position();
        match event {
            Event::Start(tag) if root.is_none() => root = Some(open_root(&tag, end, &error)?),
            Event::Empty(tag) if root.is_none() => {
                open_root(&tag, end, &error)?;
                return Ok(entries);
            }
            Event::Start(tag) if is_item(&tag) => {
                let start = end.saturating_sub(tag.len() as u64 + 2);
                let name = item_text(&mut reader, &tag, &error)?;
                if !name.trim().is_empty() {
                    let line = lines.line_at(start as usize);
                    entries.push(Entry {
                        origin: origin(path, line),
                        ..Entry::new(name)
                    });
                }
            }
            Event::Start(tag) => {
                let name = tag.name();
                reader
                    .read_to_end(name)
                    .map_err(|e| error(reader.error_position(), e.to_string()))?;
            }
            Event::End(_) => return Ok(entries),
            Event::Eof => {
                let message = match root {
                    Some(root) => format!("<{root}> is not closed"),
                    None => "no name list: expected <ignore_words> or <names>".to_owned(),
                };
                return Err(error(end, message));
            }
            _ => {}
        }
    }
}

/// The root's name, if it is a name list's.
fn open_root(
    tag: &BytesStart,
    end: u64,
    error: &impl Fn(u64, String) -> ImportError,
) -> Result<String, ImportError> {
    let name = tag.name();
    let name = name.as_ref();
    if ROOTS.contains(&name) {
        return Ok(name.to_owned());
    }
    let start = end.saturating_sub(tag.len() as u64 + 2);
    let message = format!("<{name}> is not a name list: expected <ignore_words> or <names>");
    Err(error(start, message))
}

fn is_item(tag: &BytesStart) -> bool {
    ITEMS.contains(&tag.name().as_ref())
}

/// The text of an item element up to its end tag, entities and character references
/// decoded.
fn item_text(
    reader: &mut Reader<&[u8]>,
    tag: &BytesStart,
    error: &impl Fn(u64, String) -> ImportError,
) -> Result<String, ImportError> {
    let mut name = String::new();
    loop {
        let event = reader
            .read_event()
            .map_err(|e| error(reader.error_position(), e.to_string()))?;
        match event {
            Event::Text(text) => name.push_str(&text.xml10_content()),
            Event::CData(data) => name.push_str(&data.xml10_content()),
            Event::GeneralRef(reference) => {
                let at = (reader.buffer_position()).saturating_sub(reference.len() as u64 + 2);
                let resolved = resolve(&reference).map_err(|m| error(at, m))?;
                name.push_str(&resolved);
            }
            // Line breaks and indentation inside an element are layout, not part of the name.
            Event::End(_) => return Ok(name.split_whitespace().collect::<Vec<_>>().join(" ")),
            Event::Eof => {
                let message = format!("<{}> is not closed", tag.name().as_ref());
                return Err(error(reader.buffer_position(), message));
            }
            Event::Start(inner) | Event::Empty(inner) => {
                let inner = inner.name();
                let message = format!(
                    "<{}> inside <{}>: a name is text only",
                    inner.as_ref(),
                    tag.name().as_ref()
                );
                return Err(error(reader.buffer_position(), message));
            }
            _ => {}
        }
    }
}

/// `&amp;`, `&#233;`, `&#xE9;`: the five predefined entities and character references (a
/// name list declares no others).
fn resolve(reference: &BytesRef) -> Result<String, String> {
    if let Some(c) = reference.resolve_char_ref().map_err(|e| e.to_string())? {
        return Ok(c.to_string());
    }
    let entity: &str = reference;
    quick_xml::escape::resolve_predefined_entity(entity)
        .map(str::to_owned)
        .ok_or_else(|| format!("unknown entity &{entity};"))
}

/// A name list Subtitle Edit reads: its names, in order, once each, escaped.
pub fn write<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ignore_words>\n");
    let mut seen = std::collections::HashSet::new();
    for name in names.into_iter().map(str::trim) {
        if name.is_empty() || !seen.insert(name) {
            continue;
        }
        out.push_str("  <name>");
        out.push_str(&quick_xml::escape::partial_escape(xml_chars(name)));
        out.push_str("</name>\n");
    }
    out.push_str("</ignore_words>\n");
    out
}

/// The name without the control characters XML 1.0 cannot hold, even escaped.
fn xml_chars(name: &str) -> String {
    name.chars()
        .filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Result<Vec<(String, usize)>, String> {
        let entries = parse(text, Path::new("names.xml")).map_err(|e| e.to_string())?;
        Ok(entries
            .into_iter()
            .map(|e| (e.name, e.origin.unwrap().line))
            .collect())
    }

    #[test]
    fn reads_ignore_words_with_entities() {
        let text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- names -->\n<ignore_words>\n  <name>Jeanne Ollivro</name>\n  <name>Tom &amp; Jerrold</name>\n  <name>Zo&#233; L&#xE9;ger</name>\n  <name><![CDATA[A<B>]]></name>\n  <name>  </name>\n  <name>\n    Jean\n    Ollivro\n  </name>\n  <name/>\n</ignore_words>\n";
        assert_eq!(
            names(text).unwrap(),
            [
                ("Jeanne Ollivro".into(), 4),
                ("Tom & Jerrold".into(), 5),
                ("Zoé Léger".into(), 6),
                ("A<B>".into(), 7),
                ("Jean Ollivro".into(), 9),
            ]
        );
    }

    #[test]
    fn reads_names_and_words_roots_without_the_blacklist() {
        let text = "<names>\n<name>Orla Penhir</name>\n<blacklist><name>Will</name></blacklist>\n<name>Kerdual</name>\n</names>";
        assert_eq!(
            names(text).unwrap(),
            [("Orla Penhir".into(), 2), ("Kerdual".into(), 4)]
        );
        assert_eq!(
            names("<words><word>Vaunes</word></words>").unwrap(),
            [("Vaunes".into(), 1)]
        );
        assert_eq!(names("<ignore_words/>").unwrap(), []);
    }

    #[test]
    fn errors_say_where() {
        assert_eq!(
            names("<?xml version=\"1.0\"?>\n<html><name>A</name></html>").unwrap_err(),
            "names.xml:2:1: <html> is not a name list: expected <ignore_words> or <names>"
        );
        assert_eq!(
            names("<names>\n  <name>A</nam>\n</names>").unwrap_err(),
            "names.xml:2:10: ill-formed document: expected `</name>`, but `</nam>` was found"
        );
        assert_eq!(
            names("<names>\n  <name>A &nbsp; B</name>\n</names>").unwrap_err(),
            "names.xml:2:11: unknown entity &nbsp;"
        );
        assert_eq!(
            names("<names>\n  <name>A</name>\n").unwrap_err(),
            "names.xml:3:1: <names> is not closed"
        );
        assert_eq!(
            names("<names><name>A <b>B</b></name></names>").unwrap_err(),
            "names.xml:1:19: <b> inside <name>: a name is text only"
        );
        assert_eq!(
            names("").unwrap_err(),
            "names.xml:1:1: no name list: expected <ignore_words> or <names>"
        );
    }

    proptest::proptest! {
        #[test]
        fn any_names_read_back_as_written(
            names in proptest::collection::vec("[A-Za-zé&<>'\"#;\\] ]{0,16}", 0..12),
        ) {
            let written = write(names.iter().map(String::as_str));
            let mut expected: Vec<String> = Vec::new();
            for name in &names {
                let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
                if !name.is_empty() && !expected.contains(&name) {
                    expected.push(name);
                }
            }
            let read = parse(&written, Path::new("names.xml")).unwrap();
            let read: Vec<String> = read.into_iter().map(|e| e.name).collect();
            proptest::prop_assert_eq!(read, expected);
        }
    }

    #[test]
    fn writes_what_it_reads() {
        let written = write([
            "Tom & Jerrold",
            "A<B>",
            "O'Hara",
            "Tom & Jerrold",
            " ",
            "Bell\u{7}e",
        ]);
        assert_eq!(
            written,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ignore_words>\n  <name>Tom &amp; Jerrold</name>\n  <name>A&lt;B&gt;</name>\n  <name>O'Hara</name>\n  <name>Belle</name>\n</ignore_words>\n"
        );
        let read: Vec<String> = names(&written)
            .unwrap()
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert_eq!(read, ["Tom & Jerrold", "A<B>", "O'Hara", "Belle"]);
    }
}
