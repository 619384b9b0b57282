//! Dictionaries written out for other tools, for `dict export`: CSV that `dict import` reads
//! back, JSON with every field. (Subtitle Edit's name lists are in `subtitle_edit`, recogniser
//! hotwords in `hotwords`.)
//!
//! Pure: entries in, text out; where it goes is the caller's business.

use serde::Serialize;

use super::{Entry, Kind};

/// The CSV columns, as `dict import` reads them by title.
const COLUMNS: [&str; 6] = ["name", "kind", "aliases", "never", "lang", "note"];

/// The entries as CSV with a header row: `name,kind,aliases,never,lang,note`, forms joined
/// with `|`. `dict import` of it gives the same terms, except forms that contain a `|`,
/// which it splits.
pub fn csv(entries: &[Entry]) -> String {
    let mut out = record(&COLUMNS);
    for entry in entries {
        let (aliases, never) = (entry.aliases.join("|"), entry.never.join("|"));
        let fields = [
            entry.name.trim(),
            entry.kind.as_str(),
            &aliases,
            &never,
            entry.lang.as_deref().unwrap_or_default(),
            entry.note.as_deref().unwrap_or_default(),
        ];
        out.push_str(&record(&fields));
    }
    out
}

/// One CSV line. The import takes a line starting with `#` for a comment, so such a name
/// is quoted, as the `csv` crate would quote a comma.
fn record(fields: &[&str]) -> String {
    let style = if fields.first().is_some_and(|f| f.starts_with('#')) {
        csv::QuoteStyle::Always
    } else {
        csv::QuoteStyle::Necessary
    };
    let mut writer = csv::WriterBuilder::new()
        .quote_style(style)
        .from_writer(Vec::new());
    // Writing to memory cannot fail, and the fields are UTF-8 text already.
    let _ = writer.write_record(fields);
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// An entry as `dict export --format json` and `dict list --format json` write it: every
/// field, and where it is defined.
#[derive(Serialize)]
pub struct JsonEntry<'a> {
    name: &'a str,
    kind: Kind,
    aliases: &'a [String],
    never: &'a [String],
    lang: Option<&'a str>,
    note: Option<&'a str>,
    file: Option<String>,
    line: Option<usize>,
}

impl<'a> JsonEntry<'a> {
    pub fn of(e: &'a Entry) -> Self {
        JsonEntry {
            name: e.name.trim(),
            kind: e.kind,
            aliases: &e.aliases,
            never: &e.never,
            lang: e.lang.as_deref(),
            note: e.note.as_deref(),
            file: (e.origin.as_ref()).map(|o| {
                let path = o.path.strip_prefix(".").unwrap_or(&o.path);
                path.display().to_string()
            }),
            line: e.origin.as_ref().map(|o| o.line),
        }
    }
}

/// The entries as a JSON array, one object each, with the fields of `dict list --format json`.
pub fn json(entries: &[Entry]) -> String {
    let objects: Vec<JsonEntry> = entries.iter().map(JsonEntry::of).collect();
    // Strings, numbers and lists of strings always serialise.
    let mut out = serde_json::to_string_pretty(&objects).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::dictionary::Origin;
    use crate::dictionary::import;

    fn entries() -> Vec<Entry> {
        vec![
            Entry {
                kind: Kind::Person,
                aliases: vec!["Maelle Travenec".into(), "M. Travenec, juriste".into()],
                never: vec!["Travenec".into()],
                lang: Some("fr".into()),
                note: Some("juriste, \"La Quadrature\"\nsecond line (Q99999901)".into()),
                origin: Some(Origin {
                    path: Path::new("./dictionaries/people.toml").into(),
                    line: 3,
                }),
                ..Entry::new("Maëlle Travenec")
            },
            Entry::new("#Hashtag"),
            Entry::new("Vaunes, Haute"),
        ]
    }

    #[test]
    fn csv_reads_back_as_the_same_terms() {
        let written = csv(&entries());
        assert_eq!(
            written.lines().next(),
            Some("name,kind,aliases,never,lang,note")
        );
        assert!(written.contains("\n\"#Hashtag\",\"term\""), "{written}");
        let read = import::parse(&written, Path::new("x.csv")).unwrap();
        let strip = |mut e: Entry| {
            e.origin = None;
            e
        };
        let expected: Vec<Entry> = entries().into_iter().map(strip).collect();
        let read: Vec<Entry> = read.into_iter().map(strip).collect();
        assert_eq!(read, expected);
    }

    /// A name or form as a dictionary holds it: no blank ends, anything inside but `|`.
    const FORM: &str = "[A-Za-zé#,;\"'][A-Za-zé#,;\"' -]{0,10}[A-Za-zé#,;\"'-]";

    fn any_entry() -> impl proptest::strategy::Strategy<Value = Entry> {
        use proptest::prelude::*;
        let forms = || proptest::collection::btree_set(FORM, 0..4);
        let kind = proptest::sample::select(Kind::ALL.to_vec());
        let note = proptest::option::of("[a-z,\"]([a-z ,\"\n]{0,20}[a-z\"])?");
        let lang = proptest::option::of("[a-z]{2}");
        (FORM, kind, forms(), forms(), lang, note).prop_map(
            |(name, kind, aliases, never, lang, note)| Entry {
                kind,
                aliases: aliases.into_iter().collect(),
                never: never.into_iter().collect(),
                lang,
                note,
                ..Entry::new(name)
            },
        )
    }

    proptest::proptest! {
        #[test]
        fn any_terms_read_back_from_csv(
            entries in proptest::collection::vec(any_entry(), 0..8),
        ) {
            let mut read = import::parse(&csv(&entries), Path::new("x.csv")).unwrap();
            for entry in &mut read {
                entry.origin = None;
            }
            proptest::prop_assert_eq!(read, entries);
        }
    }

    #[test]
    fn json_has_every_field() {
        let written = json(&entries()[..2]);
        let value: serde_json::Value = serde_json::from_str(&written).unwrap();
        assert_eq!(value[0]["name"], "Maëlle Travenec");
        assert_eq!(value[0]["kind"], "person");
        assert_eq!(value[0]["never"][0], "Travenec");
        assert_eq!(value[0]["lang"], "fr");
        assert_eq!(value[0]["file"], "dictionaries/people.toml");
        assert_eq!(value[0]["line"], 3);
        assert_eq!(value[1]["lang"], serde_json::Value::Null);
        assert!(written.ends_with("]\n"));
        assert_eq!(json(&[]), "[]\n");
    }
}
