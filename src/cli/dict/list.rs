//! `dict list` and `dict show`.

use clap::ValueEnum;
use transfix::matcher::ortho_key;
use transfix::{Dictionary, Entry, Kind};
use unicode_normalization::char::is_combining_mark;

use crate::cli::common::{Failure, Outcome, Streams, display_path, plural};
use crate::cli::layers::Layers;
use crate::cli::render::style;

/// Names at least this similar (normalised Levenshtein, case and accents aside) to an unknown one
/// are offered as "did you mean".
const CLOSE_NAME: f64 = 0.6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

pub fn list(
    kind: Option<Kind>,
    grep: Option<&str>,
    format: ListFormat,
    layers: &Layers,
    streams: &Streams,
) -> Result<Outcome, Failure> {
    let dictionary = layers.load()?;
    let needle = grep.map(fold);
    let shown: Vec<&Entry> = dictionary
        .entries
        .iter()
        .filter(|e| kind.is_none_or(|k| e.kind == k))
        .filter(|e| needle.as_deref().is_none_or(|n| mentions(e, n)))
        .collect();
    let out = match format {
        ListFormat::Text => text_lines(&shown, streams),
        ListFormat::Json => shown.iter().map(|e| json_line(e) + "\n").collect(),
    };
    streams.stdout(out.as_bytes())?;
    if format == ListFormat::Text {
        let total = dictionary.entries.len();
        let count = plural(shown.len(), "term", "terms");
        streams.stderr(&if shown.len() == total {
            format!("{count}\n")
        } else {
            format!("{count} (of {total})\n")
        });
    }
    Ok(Outcome::Clean)
}

/// Lowercase words without accents, one space between them: "Saint-Malo" → "saint malo", so
/// that a search ignores case, accents and the kind of separator.
fn fold(text: &str) -> String {
    let words: Vec<String> = text
        // Combining marks belong to their letter (decomposed "é"), as in the matcher's words.
        .split(|c: char| !(c.is_alphanumeric() || is_combining_mark(c)))
        .map(ortho_key)
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ")
}

/// Whether the folded `needle` occurs in the entry's name, aliases or note.
fn mentions(entry: &Entry, needle: &str) -> bool {
    std::iter::once(&entry.name)
        .chain(&entry.aliases)
        .chain(&entry.note)
        .any(|field| fold(field).contains(needle))
}

/// `NAME  (kind)  FILE:LINE  [N aliases, M never]`, columns padded to their widest cell.
fn text_lines(entries: &[&Entry], streams: &Streams) -> String {
    let rows: Vec<[String; 4]> = entries
        .iter()
        .map(|e| {
            [
                e.name.trim().to_owned(),
                format!("({})", e.kind.as_str()),
                location(e),
                counts(e),
            ]
        })
        .collect();
    let width = |col: usize| {
        rows.iter()
            .map(|r| r[col].chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2)];
    let colors = streams.out;
    let mut out = String::new();
    for [name, kind, place, counts] in &rows {
        // Pad before painting: escape codes have no width on screen.
        let cells = [
            colors.paint(style::PATH, name) + &pad(name, widths[0]),
            kind.clone() + &pad(kind, widths[1]),
            colors.paint(style::DIM, place) + &pad(place, widths[2]),
            counts.clone(),
        ];
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

fn pad(cell: &str, width: usize) -> String {
    " ".repeat(width.saturating_sub(cell.chars().count()))
}

/// `FILE:LINE` of the entry's first definition.
fn location(entry: &Entry) -> String {
    entry.origin.as_ref().map_or_else(String::new, |o| {
        format!("{}:{}", display_path(&o.path), o.line)
    })
}

/// `[2 aliases, 1 never]`, leaving out empty lists; empty when both are.
fn counts(entry: &Entry) -> String {
    let mut parts = Vec::new();
    if !entry.aliases.is_empty() {
        parts.push(plural(entry.aliases.len(), "alias", "aliases"));
    }
    if !entry.never.is_empty() {
        parts.push(format!("{} never", entry.never.len()));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("[{}]", parts.join(", "))
    }
}

/// One JSON object, without the trailing newline.
fn json_line(entry: &Entry) -> String {
    let line = transfix::dictionary::export::JsonEntry::of(entry);
    // Plain strings and numbers always serialise.
    serde_json::to_string(&line).unwrap_or_default()
}

pub fn show(name: &str, layers: &Layers, streams: &Streams) -> Result<Outcome, Failure> {
    // The merged load checks every file first, with the same errors as the other commands.
    let dictionary = layers.load()?;
    let definitions = definitions(name, layers)?;
    if definitions.is_empty() {
        return Err(Failure(unknown(name, &dictionary)));
    }
    let mut out = String::new();
    for (i, def) in definitions.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        describe(&mut out, def, relation(&definitions[..i], def), streams);
    }
    streams.stdout(out.as_bytes())?;
    if definitions.len() > 1 {
        streams.stderr(&format!(
            "{} definitions of \"{}\"\n",
            definitions.len(),
            definitions[0].entry.name.trim()
        ));
    }
    Ok(Outcome::Clean)
}

/// One definition of a term, as its file has it.
struct Definition {
    layer: usize,
    entry: Entry,
}

/// Every definition of `name`, file by file in load order: the merged dictionary keeps one
/// entry per term, and shows neither the other files nor what each one says. Exact names
/// first; failing those, names with the same letters (case and accents aside).
fn definitions(name: &str, layers: &Layers) -> Result<Vec<Definition>, Failure> {
    let mut all = Vec::new();
    for (layer, files) in layers.layers.iter().enumerate() {
        let loaded = Dictionary::load(files).map_err(|e| Failure(e.to_string()))?;
        all.extend(
            loaded
                .entries
                .into_iter()
                .map(|entry| Definition { layer, entry }),
        );
    }
    let wanted = name.trim();
    let key = ortho_key(wanted);
    let exact = all.iter().any(|d| d.entry.name.trim() == wanted);
    all.retain(|d| {
        if exact {
            d.entry.name.trim() == wanted
        } else {
            !key.is_empty() && ortho_key(&d.entry.name) == key
        }
    });
    Ok(all)
}

/// How a definition relates to the earlier ones of the same name, as the layers load them:
/// one in a later layer adds to the first earlier one; one in the same layer is another term.
fn relation(earlier: &[Definition], def: &Definition) -> Option<String> {
    let name = def.entry.name.trim();
    let same = |d: &&Definition| d.entry.name.trim() == name;
    if let Some(base) = earlier.iter().filter(same).find(|d| d.layer < def.layer) {
        return Some(format!("adds to {}", location(&base.entry)));
    }
    earlier
        .iter()
        .any(|d| same(&d))
        .then(|| "another term of the same name: see `transfix dict lint`".to_owned())
}

/// Every field of one definition, then where it is. A definition adding to an earlier term
/// has no say in the kind, so the kind is left out.
fn describe(out: &mut String, def: &Definition, relation: Option<String>, streams: &Streams) {
    let (entry, colors) = (&def.entry, streams.out);
    let list = |forms: &[String]| {
        if forms.is_empty() {
            return "(none)".to_owned();
        }
        let quoted: Vec<String> = forms.iter().map(|f| format!("\"{f}\"")).collect();
        quoted.join(", ")
    };
    let or_none = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".to_owned());
    out.push_str(&colors.paint(style::PATH, entry.name.trim()));
    let adds = relation.as_deref().is_some_and(|r| r.starts_with("adds"));
    if let Some(relation) = &relation {
        out.push_str(&format!("  ({relation})"));
    }
    out.push('\n');
    let fields = [
        ("kind", (!adds).then(|| entry.kind.as_str().to_owned())),
        ("aliases", Some(list(&entry.aliases))),
        ("never", Some(list(&entry.never))),
        ("lang", Some(or_none(&entry.lang))),
        ("note", Some(or_none(&entry.note))),
    ];
    for (field, value) in fields {
        if let Some(value) = value {
            out.push_str(&format!("  {field:<8} {value}\n"));
        }
    }
    out.push_str(&format!("  defined at {}\n", location(entry)));
}

/// `no term named "X"`, with the closest name when one is close enough.
fn unknown(name: &str, dictionary: &Dictionary) -> String {
    let mut message = format!("no term named \"{}\"", name.trim());
    if let Some(close) = closest(name, dictionary) {
        message.push_str(&format!("; did you mean \"{close}\"?"));
    }
    message
}

/// The name most like `name` by spelling key, or one that contains it as a whole word run
/// ("Lovelace" for "Ada Lovelace").
fn closest<'a>(name: &str, dictionary: &'a Dictionary) -> Option<&'a str> {
    let wanted = fold(name);
    if wanted.is_empty() {
        return None;
    }
    let score = |candidate: &str| {
        let folded = fold(candidate);
        let words = format!(" {folded} ");
        if words.contains(&format!(" {wanted} ")) {
            return 1.0;
        }
        strsim::normalized_levenshtein(&wanted, &folded)
    };
    dictionary
        .entries
        .iter()
        .map(|e| (score(&e.name), e.name.trim()))
        .filter(|(s, _)| *s >= CLOSE_NAME)
        // The first of equally close names: load order, as `dict list` shows them.
        .fold(None, |best: Option<(f64, &str)>, (s, n)| match best {
            Some((b, _)) if b >= s => best,
            _ => Some((s, n)),
        })
        .map(|(_, n)| n)
}
