//! Reading terms from other formats for `dict import`: plain lists, CSV, TOML dictionaries,
//! Wikidata query results (`wikidata`) and Subtitle Edit name lists (`subtitle_edit`).
//!
//! Pure: takes the text of a file, returns its entries or the first error with the file and
//! line. Deciding what is new, and writing it, is the caller's business.

pub mod wikidata;

use std::path::{Path, PathBuf};

use super::{Dictionary, DictionaryError, Entry, Kind, Origin, subtitle_edit};

/// The formats `parse` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One name per line; `#` at the start of a line or after a space starts a comment.
    List,
    /// Columns `name,kind,aliases` (aliases separated by `|`), an optional header row.
    Csv,
    /// A transfix dictionary.
    Toml,
    /// Wikidata Query Service results as JSON: SPARQL results or the simplified array.
    WikidataJson,
    /// Wikidata Query Service results as CSV: a header row of the query's variables.
    WikidataCsv,
    /// A Subtitle Edit name list (`names.xml`).
    SubtitleEdit,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::List,
        Format::Csv,
        Format::Toml,
        Format::WikidataJson,
        Format::WikidataCsv,
        Format::SubtitleEdit,
    ];

    /// The format's name on the command line (`--from`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::List => "list",
            Format::Csv => "csv",
            Format::Toml => "toml",
            Format::WikidataJson => "wikidata-json",
            Format::WikidataCsv => "wikidata-csv",
            Format::SubtitleEdit => "subtitle-edit",
        }
    }

    /// The format of the file at `path` with this text: by extension, else by content. A
    /// `.csv` file is Wikidata's when its header or first row says so.
    pub fn detect(path: &Path, text: &str) -> Format {
        let extension = path.extension().and_then(|e| e.to_str());
        match extension.map(str::to_ascii_lowercase).as_deref() {
            Some("txt") => Format::List,
            Some("csv") => Format::csv_flavour(text),
            Some("toml") => Format::Toml,
            Some("json") => Format::WikidataJson,
            Some("xml") => Format::SubtitleEdit,
            _ => Format::sniff(text),
        }
    }

    /// Guesses from the content: markup is a name list, a JSON object or array of objects is
    /// Wikidata's; otherwise from the first line that is not blank or a comment: a table
    /// header or a `key = value` line is TOML, a comma makes it CSV, anything else is a name.
    fn sniff(text: &str) -> Format {
        let body = text.trim_start_matches('\u{feff}').trim_start();
        if body.starts_with('<') {
            return Format::SubtitleEdit;
        }
        let array_of_objects = || {
            let rest = body.strip_prefix('[').map(str::trim_start);
            rest.is_some_and(|r| r.starts_with(['{', ']']))
        };
        if body.starts_with('{') || array_of_objects() {
            return Format::WikidataJson;
        }
        let first = text
            .lines()
            .map(|l| l.trim().trim_start_matches('\u{feff}'))
            .find(|l| !l.is_empty() && !l.starts_with('#'));
        match first {
            Some(line) if line.starts_with('[') => Format::Toml,
            Some(line) if line.split(',').next().is_some_and(|l| l.contains('=')) => Format::Toml,
            Some(line) if line.contains(',') => Format::csv_flavour(text),
            _ => Format::List,
        }
    }

    fn csv_flavour(text: &str) -> Format {
        if wikidata::is_wikidata_csv(text) {
            Format::WikidataCsv
        } else {
            Format::Csv
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.as_str()).collect();
        Format::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| format!("unknown format `{s}`, expected one of {}", names.join(", ")))
    }
}

/// What the import reads besides the file.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The language whose label names a Wikidata item ("fr"); its other labels are placed
    /// by `alt_labels`.
    pub lang: Option<String>,
    pub alt_labels: AltLabels,
}

/// Where a Wikidata item's other labels (alternative labels, labels in other languages) go.
/// They are correct names of the item, not mis-hearings: "EM" or a surname alone as an alias
/// would replace every "EM" or that surname with the full name, at top confidence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AltLabels {
    /// A label spelt as the name up to accents, case and punctuation ("Maelle Travenec")
    /// becomes an alias, so the accents are restored; any other is a `never` form, left as
    /// it is written.
    #[default]
    Auto,
    /// Every label becomes an alias, replaced by the name.
    Alias,
    /// Every label becomes a `never` form.
    Never,
    /// Labels are left out.
    Skip,
}

impl AltLabels {
    pub const ALL: [AltLabels; 4] = [
        AltLabels::Auto,
        AltLabels::Alias,
        AltLabels::Never,
        AltLabels::Skip,
    ];

    /// The policy's name on the command line (`--alt-labels`).
    pub fn as_str(self) -> &'static str {
        match self {
            AltLabels::Auto => "auto",
            AltLabels::Alias => "alias",
            AltLabels::Never => "never",
            AltLabels::Skip => "skip",
        }
    }

    /// Whether `label`, another name of the term `name`, is an alias (Some(true)), a never
    /// form (Some(false)) or left out (None).
    pub fn place(self, label: &str, name: &str) -> Option<bool> {
        use crate::matcher::ortho_key;
        match self {
            AltLabels::Auto => Some(ortho_key(label) == ortho_key(name)),
            AltLabels::Alias => Some(true),
            AltLabels::Never => Some(false),
            AltLabels::Skip => None,
        }
    }
}

impl std::str::FromStr for AltLabels {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        AltLabels::ALL
            .into_iter()
            .find(|a| a.as_str() == s)
            .ok_or_else(|| format!("unknown placement `{s}`, expected auto, alias, never or skip"))
    }
}

/// The terms of a file, and what of it was left out.
#[derive(Debug, Default)]
pub struct Imported {
    pub entries: Vec<Entry>,
    pub skipped: Vec<Skipped>,
}

/// A record of the file that gives no term, and why: a Wikidata item with no label in any
/// language, say. Not an error: a query's results often have a few.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    pub reason: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A line of a list or CSV file that cannot be read as terms.
    #[error("{path}:{line}: {message}")]
    Line {
        path: PathBuf,
        line: usize,
        message: String,
    },
    /// A place in a JSON or XML file that cannot be read.
    #[error("{path}:{line}:{column}: {message}")]
    Position {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// A TOML file that does not load as a dictionary.
    #[error(transparent)]
    Dictionary(#[from] DictionaryError),
}

/// The entries of a file in the format `Format::detect` finds for it. `path` names the file
/// in errors and in the entries' origins. Names and forms come back trimmed, without empty
/// forms; repeated names are kept (see `fold_duplicates`).
pub fn parse(text: &str, path: &Path) -> Result<Vec<Entry>, ImportError> {
    let imported = parse_as(Format::detect(path, text), text, path, &Options::default())?;
    Ok(imported.entries)
}

pub fn parse_as(
    format: Format,
    text: &str,
    path: &Path,
    options: &Options,
) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut imported = match format {
        Format::List => whole(parse_list(text, path)),
        Format::Csv => whole(parse_csv(text, path)?),
        Format::Toml => whole(Dictionary::parse(text, path)?.entries),
        Format::WikidataJson => wikidata::parse_json(text, path, options)?,
        Format::WikidataCsv => wikidata::parse_csv(text, path, options)?,
        Format::SubtitleEdit => whole(subtitle_edit::parse(text, path)?),
    };
    imported.entries = imported.entries.into_iter().map(tidy).collect();
    Ok(imported)
}

fn whole(entries: Vec<Entry>) -> Imported {
    Imported {
        entries,
        skipped: Vec::new(),
    }
}

/// Folds entries with the same (trimmed) name into the first: the later ones' aliases and
/// never forms are added to it, and their kind, language and note fill in what it lacks.
/// Returns the entries left and how many were folded away.
pub fn fold_duplicates(entries: Vec<Entry>) -> (Vec<Entry>, usize) {
    let mut kept: Vec<Entry> = Vec::with_capacity(entries.len());
    // Where each name's first entry is: a query result of a million items is looked up, not
    // scanned, item by item.
    let mut first: rustc_hash::FxHashMap<String, usize> = Default::default();
    let mut folded = 0;
    for entry in entries {
        match first.get(entry.name.trim()) {
            Some(&i) => {
                fold_into(&mut kept[i], entry);
                folded += 1;
            }
            None => {
                first.insert(entry.name.trim().to_owned(), kept.len());
                kept.push(entry);
            }
        }
    }
    (kept, folded)
}

fn fold_into(first: &mut Entry, later: Entry) {
    for (list, forms) in [
        (&mut first.aliases, later.aliases),
        (&mut first.never, later.never),
    ] {
        for form in forms {
            if !list.contains(&form) {
                list.push(form);
            }
        }
    }
    if first.kind == Kind::default() {
        first.kind = later.kind;
    }
    first.lang = first.lang.take().or(later.lang);
    first.note = first.note.take().or(later.note);
}

/// Trims the name and forms, drops empty and repeated forms and blank notes.
fn tidy(mut entry: Entry) -> Entry {
    entry.name = entry.name.trim().to_owned();
    for list in [&mut entry.aliases, &mut entry.never] {
        let mut forms: Vec<String> = Vec::with_capacity(list.len());
        for form in list.drain(..) {
            let form = form.trim();
            if !form.is_empty() && !forms.iter().any(|f| f == form) {
                forms.push(form.to_owned());
            }
        }
        *list = forms;
    }
    for text in [&mut entry.lang, &mut entry.note] {
        *text = text
            .take()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty());
    }
    entry
}

pub(crate) fn at(path: &Path, line: usize, message: impl Into<String>) -> ImportError {
    ImportError::Line {
        path: path.to_owned(),
        line,
        message: crate::transcript::one_line(&message.into()),
    }
}

/// An error at a line and column of the text.
pub(crate) fn at_offset(
    path: &Path,
    text: &str,
    offset: usize,
    message: impl Into<String>,
) -> ImportError {
    let (line, column) = crate::transcript::line_col(text, offset.min(text.len()));
    ImportError::Position {
        path: path.to_owned(),
        line,
        column,
        message: crate::transcript::one_line(&message.into()),
    }
}

pub(crate) fn origin(path: &Path, line: usize) -> Option<Origin> {
    Some(Origin {
        path: path.into(),
        line,
    })
}

// ---------------------------------------------------------------------------------------------
// Plain lists

fn parse_list(text: &str, path: &Path) -> Vec<Entry> {
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let name = without_comment(line).trim();
        if !name.is_empty() {
            entries.push(Entry {
                origin: origin(path, i + 1),
                ..Entry::new(name)
            });
        }
    }
    entries
}

/// The line up to a `#` that starts it or follows white space: "C#" is a name, not a
/// comment.
fn without_comment(line: &str) -> &str {
    let mut previous = ' ';
    for (i, c) in line.char_indices() {
        if c == '#' && previous.is_whitespace() {
            return &line[..i];
        }
        previous = c;
    }
    line
}

// ---------------------------------------------------------------------------------------------
// CSV

/// A column of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Kind,
    Aliases,
    Never,
    Lang,
    Note,
}

impl Column {
    const ALL: [Column; 6] = [
        Column::Name,
        Column::Kind,
        Column::Aliases,
        Column::Never,
        Column::Lang,
        Column::Note,
    ];
    /// The columns of a file without a header row.
    const DEFAULT: [Column; 3] = [Column::Name, Column::Kind, Column::Aliases];

    fn title(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Kind => "kind",
            Column::Aliases => "aliases",
            Column::Never => "never",
            Column::Lang => "lang",
            Column::Note => "note",
        }
    }

    fn parse(title: &str) -> Option<Column> {
        Column::ALL
            .into_iter()
            .find(|c| c.title().eq_ignore_ascii_case(title.trim()))
    }
}

fn parse_csv(text: &str, path: &Path) -> Result<Vec<Entry>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let mut columns = Column::DEFAULT.to_vec();
    let mut entries = Vec::new();
    let mut first = true;
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, &e))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(str::is_empty) {
            continue;
        }
        if std::mem::take(&mut first) && is_header(&record) {
            columns = header(&record, path, line)?;
            continue;
        }
        entries.push(row(&record, &columns, path, line)?);
    }
    Ok(entries)
}

/// Whether the first row names the columns: it starts with `name`, or each of its fields
/// is a column title, `name` among them. (A misspelt title is then an error, not a term.)
fn is_header(record: &csv::StringRecord) -> bool {
    let columns: Vec<Option<Column>> = record.iter().map(Column::parse).collect();
    columns.first() == Some(&Some(Column::Name))
        || (columns.iter().all(Option::is_some) && columns.contains(&Some(Column::Name)))
}

fn header(
    record: &csv::StringRecord,
    path: &Path,
    line: usize,
) -> Result<Vec<Column>, ImportError> {
    let mut columns = Vec::new();
    for title in record {
        let column = Column::parse(title).ok_or_else(|| {
            at(
                path,
                line,
                format!(
                    "unknown column `{title}`, expected {}",
                    titles(&Column::ALL)
                ),
            )
        })?;
        if columns.contains(&column) {
            return Err(at(path, line, format!("column `{title}` appears twice")));
        }
        columns.push(column);
    }
    Ok(columns)
}

fn titles(columns: &[Column]) -> String {
    let titles: Vec<&str> = columns.iter().map(|c| c.title()).collect();
    titles.join(",")
}

/// One data row as an entry.
fn row(
    record: &csv::StringRecord,
    columns: &[Column],
    path: &Path,
    line: usize,
) -> Result<Entry, ImportError> {
    if record.len() > columns.len() {
        let message = format!(
            "{} fields where {} are expected ({}); quote a name that has a comma",
            record.len(),
            columns.len(),
            titles(columns)
        );
        return Err(at(path, line, message));
    }
    let mut entry = Entry {
        origin: origin(path, line),
        ..Entry::new("")
    };
    for (field, column) in record.iter().zip(columns) {
        set(&mut entry, *column, field).map_err(|message| at(path, line, message))?;
    }
    if entry.name.is_empty() {
        return Err(at(path, line, "no name in this row"));
    }
    Ok(entry)
}

fn set(entry: &mut Entry, column: Column, field: &str) -> Result<(), String> {
    let forms = || field.split('|').map(|f| f.trim().to_owned()).collect();
    let text = || Some(field.to_owned()).filter(|f| !f.is_empty());
    match column {
        Column::Name => entry.name = field.to_owned(),
        Column::Kind if field.is_empty() => {}
        Column::Kind => entry.kind = field.to_lowercase().parse()?,
        Column::Aliases => entry.aliases = forms(),
        Column::Never => entry.never = forms(),
        Column::Lang => entry.lang = text(),
        Column::Note => entry.note = text(),
    }
    Ok(())
}

pub(crate) fn csv_error(path: &Path, error: &csv::Error) -> ImportError {
    let line = error.position().map_or(0, |p| p.line() as usize);
    let message = match error.kind() {
        csv::ErrorKind::Utf8 { err, .. } => err.to_string(),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "{len} fields where the header has {expected_len}; quote a value that has a comma"
        ),
        _ => error.to_string(),
    };
    at(path, line, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(entries: &[Entry]) -> Vec<&str> {
        entries.iter().map(|e| e.name.as_str()).collect()
    }

    fn csv(text: &str) -> Result<Vec<Entry>, String> {
        parse(text, Path::new("people.csv")).map_err(|e| e.to_string())
    }

    #[test]
    fn formats_by_extension_then_content() {
        let detect = |path: &str, text: &str| Format::detect(Path::new(path), text);
        assert_eq!(detect("a.TXT", "x,y"), Format::List);
        assert_eq!(detect("a.csv", "x"), Format::Csv);
        assert_eq!(detect("a.toml", "x"), Format::Toml);
        assert_eq!(detect("a", "# c\n\n[[term]]\nname = \"A\""), Format::Toml);
        assert_eq!(detect("a", "term = [{ name = \"A, B\" }]"), Format::Toml);
        assert_eq!(detect("a", "\u{feff}name,kind\nA,person"), Format::Csv);
        assert_eq!(detect("a", "# names\nAda Lovelace\n"), Format::List);
        assert_eq!(detect("a", ""), Format::List);
    }

    #[test]
    fn wikidata_and_subtitle_edit_by_extension_then_content() {
        let detect = |path: &str, text: &str| Format::detect(Path::new(path), text);
        assert_eq!(detect("q.json", "x"), Format::WikidataJson);
        assert_eq!(detect("en_names.XML", "x"), Format::SubtitleEdit);
        let wikidata_csv = "item,itemLabel\nhttp://www.wikidata.org/entity/Q99999901,A\n";
        assert_eq!(detect("q.csv", wikidata_csv), Format::WikidataCsv);
        assert_eq!(detect("q", wikidata_csv), Format::WikidataCsv);
        assert_eq!(
            detect("q", "\u{feff}  <?xml version=\"1.0\"?>"),
            Format::SubtitleEdit
        );
        assert_eq!(detect("q", "{\"head\": {}}"), Format::WikidataJson);
        assert_eq!(
            detect("q", "[\n  {\"item\": \"Q1\"}\n]"),
            Format::WikidataJson
        );
        assert_eq!(detect("q", "[]"), Format::WikidataJson);
        assert_eq!(detect("q", "[[term]]\nname = \"A\""), Format::Toml);
        for format in Format::ALL {
            assert_eq!(format.as_str().parse::<Format>(), Ok(format));
        }
        assert!("yaml".parse::<Format>().is_err());
    }

    const SAMPLES: [&str; 3] = [
        r#"{"head": {"vars": ["item", "itemLabel"]}, "results": {"bindings": [
            {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q99999901"},
             "itemLabel": {"type": "literal", "value": "Vaunes", "xml:lang": "fr"}}]}}"#,
        "item,itemLabel,itemAltLabel\nhttp://www.wikidata.org/entity/Q99999901,Vaunes,\"a, b\"\n",
        "<?xml version=\"1.0\"?>\n<names><name>Tom &amp; J&#233;r</name><blacklist/></names>\n",
    ];

    proptest::proptest! {
        /// Whatever the bytes, and a real file cut anywhere or with a character changed: an
        /// error or terms, never a panic.
        #[test]
        fn new_formats_never_panic(
            sample in 0usize..3,
            cut in 0usize..400,
            at in 0usize..400,
            c in proptest::char::any(),
            noise in "\\PC{0,80}",
        ) {
            let mut text: Vec<char> = SAMPLES[sample].chars().collect();
            text.truncate(cut.max(1));
            let at = at % text.len();
            text[at] = c;
            let text: String = text.into_iter().collect();
            for format in [Format::WikidataJson, Format::WikidataCsv, Format::SubtitleEdit] {
                for input in [text.as_str(), noise.as_str()] {
                    let _ = parse_as(format, input, Path::new("x"), &Options::default());
                }
            }
        }
    }

    #[test]
    fn wikidata_items_without_a_label_are_left_out_not_errors() {
        let text = "item,itemLabel\nQ99999901,Q99999901\nQ99999902,Vaunes\n";
        let imported = parse_as(
            Format::WikidataCsv,
            text,
            Path::new("q.csv"),
            &Options::default(),
        )
        .unwrap();
        assert_eq!(names(&imported.entries), ["Vaunes"]);
        assert_eq!(
            imported.skipped,
            [Skipped {
                line: 2,
                reason: "Q99999901 has no label".into()
            }]
        );
    }

    #[test]
    fn lists_skip_comments_and_blank_lines() {
        let text =
            "\u{feff}# Pioneers\n\n  Ada Lovelace  # mathematician\nC#\n\t\n#x\nGrace Hopper\r\n";
        let entries = parse(text, Path::new("a.txt")).unwrap();
        assert_eq!(names(&entries), ["Ada Lovelace", "C#", "Grace Hopper"]);
        let lines: Vec<usize> = entries
            .iter()
            .map(|e| e.origin.clone().unwrap().line)
            .collect();
        assert_eq!(lines, [3, 4, 7]);
    }

    #[test]
    fn csv_rows_with_quotes_pipes_and_an_optional_header() {
        let text = "Name, Kind ,Aliases\n\"Lovelace, Ada\",person,\"Love Lace | Ada, Countess\"\n\n# a comment\nInstitut Pasteur,,\nGrace Hopper,Person\n";
        let entries = csv(text).unwrap();
        assert_eq!(
            names(&entries),
            ["Lovelace, Ada", "Institut Pasteur", "Grace Hopper"]
        );
        assert_eq!(entries[0].kind, Kind::Person);
        assert_eq!(entries[0].aliases, ["Love Lace", "Ada, Countess"]);
        assert_eq!(entries[1].kind, Kind::Term);
        assert!(entries[1].aliases.is_empty());
        assert_eq!(entries[2].kind, Kind::Person);
        assert_eq!(entries[2].origin.clone().unwrap().line, 6);
        // Without a header the first row is data.
        assert_eq!(
            names(&csv("Ada Lovelace,person\n").unwrap()),
            ["Ada Lovelace"]
        );
    }

    #[test]
    fn a_header_can_name_other_columns_in_any_order() {
        let entries = csv("note,name,never\nfirst programmer,Ada Lovelace,Ada|ada\n").unwrap();
        assert_eq!(entries[0].name, "Ada Lovelace");
        assert_eq!(entries[0].note.as_deref(), Some("first programmer"));
        assert_eq!(entries[0].never, ["Ada", "ada"]);
    }

    #[test]
    fn csv_errors_name_the_line() {
        assert_eq!(
            csv("name,kind\nAda,person\nGrace,admiral\n").unwrap_err(),
            "people.csv:3: unknown kind `admiral`, expected one of person, org, place, work, term"
        );
        assert_eq!(
            csv("Ada,person,\nLovelace, Ada,person,x\n").unwrap_err(),
            "people.csv:2: 4 fields where 3 are expected (name,kind,aliases); quote a name that has a comma"
        );
        assert_eq!(
            csv("Ada\n,person\n").unwrap_err(),
            "people.csv:2: no name in this row"
        );
        assert_eq!(
            csv("name,alias\n").unwrap_err(),
            "people.csv:1: unknown column `alias`, expected name,kind,aliases,never,lang,note"
        );
    }

    #[test]
    fn toml_errors_are_the_loader_errors() {
        let err = parse("[[term]]\nname = \"A\"\nalias = []\n", Path::new("d.toml")).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("d.toml:3:1: unknown field `alias`"),
            "{err}"
        );
    }

    #[test]
    fn duplicates_fold_into_the_first() {
        let text = "Ada Lovelace,,Ada Love Lace\nGrace Hopper,person\n Ada Lovelace ,person,Ada Love Lace|Lady Lovelace\n";
        let (entries, folded) = fold_duplicates(csv(text).unwrap());
        assert_eq!(folded, 1);
        assert_eq!(names(&entries), ["Ada Lovelace", "Grace Hopper"]);
        assert_eq!(entries[0].kind, Kind::Person);
        assert_eq!(entries[0].aliases, ["Ada Love Lace", "Lady Lovelace"]);
    }
}
