//! Wikidata Query Service results, as `dict import` reads them: the SPARQL JSON results, the
//! simplified JSON array of the service's "JSON file" download, and its CSV download.
//!
//! Each result row binds some of the query's variables. The rows are first read into one
//! `Table` whatever the format, then the variables are given roles by name (the item, its
//! labels, alternative labels, description and instance-of), and the rows of one item (a
//! query with several alternative labels or classes repeats the item) make one term.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

#[cfg(test)]
use super::AltLabels;
use super::{ImportError, Imported, Options, Skipped, at, csv_error, origin};
use crate::dictionary::{Entry, Kind, LineCounter};

/// One variable's value in one result row; `lang` is the literal's language, if it has one.
struct Cell {
    var: String,
    value: String,
    lang: Option<String>,
}

/// One result row, with the line it starts on.
struct Row {
    line: usize,
    cells: Vec<Cell>,
}

/// A query's result: its variables in order, and its rows.
struct Table {
    vars: Vec<String>,
    rows: Vec<Row>,
    /// Where an error about the variables points: the CSV header, the first JSON row.
    header: usize,
}

pub fn parse_json(text: &str, path: &Path, options: &Options) -> Result<Imported, ImportError> {
    terms(json_table(text, path)?, path, options)
}

pub fn parse_csv(text: &str, path: &Path, options: &Options) -> Result<Imported, ImportError> {
    terms(csv_table(text, path)?, path, options)
}

/// Whether a CSV text is a Wikidata result: its header has an `item` and a label column, or
/// its first row starts with an entity URL (a query that names its item otherwise).
pub(crate) fn is_wikidata_csv(text: &str) -> bool {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut records = reader.records().map_while(Result::ok);
    let Some(header) = records.next() else {
        return false;
    };
    let vars: Vec<String> = header.iter().map(str::to_owned).collect();
    let named = vars.iter().any(|v| v.eq_ignore_ascii_case("item"))
        && vars.iter().any(|v| role(v, "item").0 == Role::Label);
    let first = records.next();
    let first = first.as_ref().and_then(|r| r.get(0)).unwrap_or_default();
    named || (first.contains("wikidata.org/entity/") && qid(first).is_some())
}

// ---------------------------------------------------------------------------------------------
// Reading the rows

/// The SPARQL 1.1 Query Results JSON Format, its rows left unread so that each one's place in
/// the text is known.
#[derive(Deserialize)]
struct Sparql<'a> {
    #[serde(default)]
    head: Head,
    #[serde(borrow)]
    results: Results<'a>,
}

#[derive(Deserialize, Default)]
struct Head {
    #[serde(default)]
    vars: Vec<String>,
}

#[derive(Deserialize)]
struct Results<'a> {
    #[serde(borrow)]
    bindings: Vec<&'a RawValue>,
}

fn json_table(text: &str, path: &Path) -> Result<Table, ImportError> {
    let syntax = |e: serde_json::Error| json_error(path, &e);
    let (vars, raws): (Vec<String>, Vec<&RawValue>) = if text.trim_start().starts_with('[') {
        (Vec::new(), serde_json::from_str(text).map_err(syntax)?)
    } else {
        let sparql: Sparql = serde_json::from_str(text).map_err(syntax)?;
        (sparql.head.vars, sparql.results.bindings)
    };
    let mut table = Table {
        vars,
        rows: Vec::with_capacity(raws.len()),
        header: 1,
    };
    let mut lines = LineCounter::new(text);
    for raw in raws {
        // A borrowed raw value is a slice of `text`: its address says where the row is.
        let offset = (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        let line = lines.line_at(offset);
        let cells = json_row(raw).map_err(|message| at(path, line, message))?;
        table.push(line, cells);
    }
    table.header = table.rows.first().map_or(1, |r| r.line);
    Ok(table)
}

fn json_row(raw: &RawValue) -> Result<Vec<Cell>, String> {
    let object: Map<String, Value> = serde_json::from_str(raw.get())
        .map_err(|_| "a result row is not a JSON object".to_owned())?;
    let mut cells = Vec::with_capacity(object.len());
    for (var, value) in object {
        cells.extend(json_cell(var, value)?);
    }
    Ok(cells)
}

/// A SPARQL binding (`{"type": "literal", "value": "...", "xml:lang": "en"}`) or, in the
/// simplified download, the bare value.
fn json_cell(var: String, value: Value) -> Result<Option<Cell>, String> {
    let scalar = |value: Value| match value {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    let (value, lang) = match value {
        Value::Null => return Ok(None),
        Value::Array(_) => return Err(format!("`{var}` holds a list, not a value")),
        Value::Object(mut binding) => {
            let lang = binding.remove("xml:lang").and_then(scalar);
            match binding.remove("value").and_then(scalar) {
                Some(value) => (value, lang),
                None => return Err(format!("`{var}` has no `value`")),
            }
        }
        value => (scalar(value).unwrap_or_default(), None),
    };
    Ok(Some(Cell { var, value, lang }))
}

/// serde_json's message, without the position it appends (the error line carries it).
fn json_error(path: &Path, e: &serde_json::Error) -> ImportError {
    let message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    ImportError::Position {
        path: path.to_owned(),
        line: e.line().max(1),
        column: e.column().max(1),
        message: crate::transcript::one_line(message.strip_suffix(&suffix).unwrap_or(&message)),
    }
}

fn csv_table(text: &str, path: &Path) -> Result<Table, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| csv_error(path, &e))?;
    let mut table = Table {
        vars: headers.iter().map(str::to_owned).collect(),
        rows: Vec::new(),
        header: headers.position().map_or(1, |p| p.line() as usize),
    };
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, &e))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let cells = (table.vars.iter().zip(&record))
            .filter(|(_, value)| !value.is_empty())
            .map(|(var, value)| Cell {
                var: var.clone(),
                value: value.to_owned(),
                lang: None,
            })
            .collect();
        table.push(line, cells);
    }
    Ok(table)
}

impl Table {
    /// Adds a row, its cells in the order of the variables (which a JSON object does not
    /// keep), learning the variables the head did not list.
    fn push(&mut self, line: usize, mut cells: Vec<Cell>) {
        for cell in &cells {
            if !self.vars.contains(&cell.var) {
                self.vars.push(cell.var.clone());
            }
        }
        cells.sort_by_key(|c| self.vars.iter().position(|v| *v == c.var));
        self.rows.push(Row { line, cells });
    }
}

// ---------------------------------------------------------------------------------------------
// From rows to terms

/// What a variable says of its row's item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Item,
    Label,
    AltLabel,
    Description,
    InstanceOf,
    Other,
}

/// Variables of the item's class, as queries name them (lower case, without `_`).
const INSTANCE_VARS: [&str; 8] = [
    "instanceof",
    "instanceoflabel",
    "type",
    "typelabel",
    "class",
    "classlabel",
    "p31",
    "p31label",
];

/// The role of variable `var` when the item's variable is `item`, and the language its name
/// gives (`label_fr`).
fn role(var: &str, item: &str) -> (Role, Option<String>) {
    if let Some(role) = named_role(var, item) {
        return (role, None);
    }
    let split = var.rsplit_once('_').filter(|(_, lang)| is_lang(lang));
    match split.and_then(|(base, lang)| Some((named_role(base, item)?, lang))) {
        Some((role @ (Role::Label | Role::AltLabel | Role::Description), lang)) => {
            (role, Some(lang.to_ascii_lowercase()))
        }
        _ => (Role::Other, None),
    }
}

fn named_role(var: &str, item: &str) -> Option<Role> {
    let key = var.replace('_', "").to_lowercase();
    let item = item.to_lowercase();
    let of_item = |suffix: &str| key == suffix || key.strip_prefix(&item) == Some(suffix);
    Some(if key == item {
        Role::Item
    } else if of_item("label") {
        Role::Label
    } else if of_item("altlabel") || of_item("altlabels") || of_item("aliases") {
        Role::AltLabel
    } else if of_item("description") {
        Role::Description
    } else if INSTANCE_VARS.contains(&key.as_str()) {
        Role::InstanceOf
    } else {
        return None;
    })
}

/// A language code as a variable's suffix: two or three letters.
fn is_lang(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_alphabetic())
}

/// The item variable: `item`, else the one that has a label variable (`?person
/// ?personLabel`), other than the class's.
fn item_var(vars: &[String]) -> Option<&str> {
    if let Some(item) = vars.iter().find(|v| v.eq_ignore_ascii_case("item")) {
        return Some(item);
    }
    let labelled = |v: &&String| {
        let label = format!("{v}label");
        vars.iter()
            .any(|w| w.to_lowercase() == label.to_lowercase())
    };
    let class = |v: &&String| INSTANCE_VARS.contains(&v.replace('_', "").to_lowercase().as_str());
    vars.iter()
        .filter(labelled)
        .find(|v| !class(v))
        .map(String::as_str)
}

/// `Q42` of `Q42` or `http://www.wikidata.org/entity/Q42`.
fn qid(value: &str) -> Option<&str> {
    let id = value.trim().rsplit('/').next()?;
    let digits = id.strip_prefix('Q')?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(id)
}

/// What the rows of one item say of it, in row order.
struct Item {
    qid: String,
    line: usize,
    labels: Vec<(String, Option<String>)>,
    alt_labels: Vec<String>,
    descriptions: Vec<(String, Option<String>)>,
    kinds: Vec<Kind>,
}

fn terms(table: Table, path: &Path, options: &Options) -> Result<Imported, ImportError> {
    if table.rows.is_empty() {
        return Ok(Imported::default());
    }
    let (item, roles) = columns(&table, path)?;
    let items = gather(&table, &item, &roles, path)?;
    let mut imported = Imported::default();
    for item in items {
        match term(item, path, options) {
            Ok(entry) => imported.entries.push(entry),
            Err(skipped) => imported.skipped.push(skipped),
        }
    }
    Ok(imported)
}

/// The item's variable and every variable's role, or why the result cannot make terms.
fn columns<'t>(table: &'t Table, path: &Path) -> Result<(String, Roles<'t>), ImportError> {
    let Some(item) = item_var(&table.vars).map(str::to_owned) else {
        let mut message =
            "no `item` column: expected the Wikidata item of each row (`?item`)".to_owned();
        if table.vars.iter().any(|v| v == "name") {
            message.push_str("; `dict export --format json` is not read back, export as CSV");
        }
        return Err(at(path, table.header, message));
    };
    let roles: Roles = (table.vars.iter())
        .map(|v| (v.as_str(), role(v, &item)))
        .collect();
    if !roles.values().any(|(r, _)| *r == Role::Label) {
        let message = format!("no label column: expected `{item}Label` or `label`");
        return Err(at(path, table.header, message));
    }
    Ok((item, roles))
}

/// The role of each variable, and the language its name gives.
type Roles<'t> = HashMap<&'t str, (Role, Option<String>)>;

/// The items of the rows, in order of first appearance, each with what all its rows say.
fn gather(
    table: &Table,
    item_var: &str,
    roles: &Roles,
    path: &Path,
) -> Result<Vec<Item>, ImportError> {
    let mut items: Vec<Item> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        let value = row.cells.iter().find(|c| c.var == item_var);
        let value = value.map(|c| c.value.as_str()).unwrap_or_default();
        let Some(qid) = qid(value) else {
            let message = if value.is_empty() {
                format!("no `{item_var}` in this row")
            } else {
                format!("`{item_var}` is not a Wikidata item: {value:?}")
            };
            return Err(at(path, row.line, message));
        };
        let i = *index.entry(qid.to_owned()).or_insert_with(|| {
            items.push(Item::new(qid, row.line));
            items.len() - 1
        });
        for cell in &row.cells {
            let (role, lang) = roles
                .get(cell.var.as_str())
                .cloned()
                .unwrap_or((Role::Other, None));
            items[i].add(role, cell, lang);
        }
    }
    Ok(items)
}

impl Item {
    fn new(qid: &str, line: usize) -> Self {
        Item {
            qid: qid.to_owned(),
            line,
            labels: Vec::new(),
            alt_labels: Vec::new(),
            descriptions: Vec::new(),
            kinds: Vec::new(),
        }
    }

    /// What one cell adds. The label service writes an item's own id when it has no label in
    /// the language asked: that is no name.
    fn add(&mut self, role: Role, cell: &Cell, var_lang: Option<String>) {
        let value = cell.value.trim();
        let lang = cell.lang.clone().or(var_lang);
        let labelled = (value.to_owned(), lang);
        match role {
            Role::Label if value != self.qid => push_new(&mut self.labels, labelled),
            Role::Description => push_new(&mut self.descriptions, labelled),
            // The label service joins an item's alternative labels with ", ".
            Role::AltLabel => {
                for alias in value.split(',').map(str::trim) {
                    push_new(&mut self.alt_labels, alias.to_owned());
                }
            }
            Role::InstanceOf => self.kinds.extend(value.split(',').filter_map(kind_of)),
            _ => {}
        }
    }
}

fn push_new<T: PartialEq>(list: &mut Vec<T>, value: T) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// The term of an item: its label in the preferred language as the name, its other labels
/// and alternative labels as aliases or never forms (`AltLabels`), its description and id
/// as the note, its first class that says a kind as the kind.
fn term(item: Item, path: &Path, options: &Options) -> Result<Entry, Skipped> {
    let prefer = options.lang.as_deref();
    let Some(name) = choose(&item.labels, prefer).map(str::to_owned) else {
        return Err(Skipped {
            line: item.line,
            reason: format!("{} has no label", item.qid),
        });
    };
    let others = item.labels.iter().map(|(label, _)| label.as_str());
    let (mut aliases, mut never) = (Vec::new(), Vec::new());
    for label in others.chain(item.alt_labels.iter().map(String::as_str)) {
        if label.is_empty() || label == name {
            continue;
        }
        match options.alt_labels.place(label, &name) {
            Some(true) => push_new(&mut aliases, label.to_owned()),
            Some(false) => push_new(&mut never, label.to_owned()),
            None => {}
        }
    }
    let note = match choose(&item.descriptions, prefer) {
        Some(description) => format!("{description} ({})", item.qid),
        None => item.qid.clone(),
    };
    Ok(Entry {
        kind: item.kinds.first().copied().unwrap_or_default(),
        aliases,
        never,
        note: Some(note),
        origin: origin(path, item.line),
        ..Entry::new(name)
    })
}

/// The text in the preferred language (its primary subtag: `fr` takes `fr-ca`), else one
/// with no language (the label service's, in the language the query asked for), else the
/// first.
fn choose<'a>(texts: &'a [(String, Option<String>)], prefer: Option<&str>) -> Option<&'a str> {
    let primary = |lang: &str| {
        lang.split('-')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    let in_lang = |want: &str| {
        let want = primary(want);
        texts
            .iter()
            .find(move |(_, lang)| lang.as_deref().is_some_and(|l| primary(l) == want))
    };
    let texts_ok = || texts.iter().filter(|(t, _)| !t.is_empty());
    prefer
        .and_then(in_lang)
        .filter(|(t, _)| !t.is_empty())
        .or_else(|| texts_ok().find(|(_, lang)| lang.is_none()))
        .or_else(|| texts_ok().next())
        .map(|(text, _)| text.as_str())
}

// ---------------------------------------------------------------------------------------------
// Classes

/// Classes (instance of, P31) that say a term's kind, by id. Subclasses are not followed: a
/// query that wants them asks for the class it means (`wdt:P31/wdt:P279*`).
const KINDS_BY_QID: &[(&str, Kind)] = &[
    ("Q5", Kind::Person),        // human
    ("Q15632617", Kind::Person), // fictional human
    ("Q43229", Kind::Org),       // organization
    ("Q4830453", Kind::Org),     // business
    ("Q783794", Kind::Org),      // company
    ("Q6881511", Kind::Org),     // enterprise
    ("Q891723", Kind::Org),      // public company
    ("Q7278", Kind::Org),        // political party
    ("Q48204", Kind::Org),       // voluntary association
    ("Q163740", Kind::Org),      // nonprofit organization
    ("Q11032", Kind::Org),       // newspaper
    ("Q1110794", Kind::Org),     // daily newspaper
    ("Q41298", Kind::Org),       // magazine
    ("Q327333", Kind::Org),      // government agency
    ("Q3918", Kind::Org),        // university
    ("Q31855", Kind::Org),       // research institute
    ("Q484652", Kind::Org),      // international organization
    ("Q2085381", Kind::Org),     // publisher
    ("Q15265344", Kind::Org),    // broadcaster
    ("Q2001305", Kind::Org),     // television channel
    ("Q14350", Kind::Org),       // radio station
    ("Q476028", Kind::Org),      // association football club
    ("Q515", Kind::Place),       // city
    ("Q1549591", Kind::Place),   // big city
    ("Q5119", Kind::Place),      // capital
    ("Q6256", Kind::Place),      // country
    ("Q3624078", Kind::Place),   // sovereign state
    ("Q484170", Kind::Place),    // commune of France
    ("Q486972", Kind::Place),    // human settlement
    ("Q532", Kind::Place),       // village
    ("Q3957", Kind::Place),      // town
    ("Q15284", Kind::Place),     // municipality
    ("Q747074", Kind::Place),    // comune of Italy
    ("Q262166", Kind::Place),    // municipality of Germany
    ("Q1093829", Kind::Place),   // city of the United States
    ("Q35657", Kind::Place),     // U.S. state
    ("Q36784", Kind::Place),     // region of France
    ("Q6465", Kind::Place),      // department of France
    ("Q82794", Kind::Place),     // geographic region
    ("Q23442", Kind::Place),     // island
    ("Q4022", Kind::Place),      // river
    ("Q8502", Kind::Place),      // mountain
    ("Q7725634", Kind::Work),    // literary work
    ("Q47461344", Kind::Work),   // written work
    ("Q571", Kind::Work),        // book
    ("Q8261", Kind::Work),       // novel
    ("Q11424", Kind::Work),      // film
    ("Q24869", Kind::Work),      // feature film
    ("Q5398426", Kind::Work),    // television series
    ("Q1259759", Kind::Work),    // miniseries
    ("Q15416", Kind::Work),      // television program
    ("Q21191270", Kind::Work),   // television series episode
    ("Q482994", Kind::Work),     // album
    ("Q208569", Kind::Work),     // studio album
    ("Q134556", Kind::Work),     // single
    ("Q7366", Kind::Work),       // song
    ("Q3305213", Kind::Work),    // painting
    ("Q7889", Kind::Work),       // video game
    ("Q25379", Kind::Work),      // play
    ("Q24634210", Kind::Work),   // podcast show
    ("Q17537576", Kind::Work),   // creative work
];

/// The same classes by English label, for queries that return `?typeLabel` alone.
const KINDS_BY_LABEL: &[(&str, Kind)] = &[
    ("human", Kind::Person),
    ("fictional human", Kind::Person),
    ("organization", Kind::Org),
    ("organisation", Kind::Org),
    ("business", Kind::Org),
    ("company", Kind::Org),
    ("enterprise", Kind::Org),
    ("public company", Kind::Org),
    ("political party", Kind::Org),
    ("association", Kind::Org),
    ("voluntary association", Kind::Org),
    ("nonprofit organization", Kind::Org),
    ("newspaper", Kind::Org),
    ("daily newspaper", Kind::Org),
    ("magazine", Kind::Org),
    ("government agency", Kind::Org),
    ("university", Kind::Org),
    ("research institute", Kind::Org),
    ("international organization", Kind::Org),
    ("publisher", Kind::Org),
    ("broadcaster", Kind::Org),
    ("television channel", Kind::Org),
    ("radio station", Kind::Org),
    ("association football club", Kind::Org),
    ("city", Kind::Place),
    ("big city", Kind::Place),
    ("capital", Kind::Place),
    ("country", Kind::Place),
    ("sovereign state", Kind::Place),
    ("commune of france", Kind::Place),
    ("human settlement", Kind::Place),
    ("village", Kind::Place),
    ("town", Kind::Place),
    ("municipality", Kind::Place),
    ("city of the united states", Kind::Place),
    ("u.s. state", Kind::Place),
    ("region of france", Kind::Place),
    ("department of france", Kind::Place),
    ("geographic region", Kind::Place),
    ("island", Kind::Place),
    ("river", Kind::Place),
    ("mountain", Kind::Place),
    ("literary work", Kind::Work),
    ("written work", Kind::Work),
    ("book", Kind::Work),
    ("novel", Kind::Work),
    ("film", Kind::Work),
    ("feature film", Kind::Work),
    ("television series", Kind::Work),
    ("miniseries", Kind::Work),
    ("television program", Kind::Work),
    ("television series episode", Kind::Work),
    ("album", Kind::Work),
    ("studio album", Kind::Work),
    ("single", Kind::Work),
    ("song", Kind::Work),
    ("painting", Kind::Work),
    ("video game", Kind::Work),
    ("play", Kind::Work),
    ("podcast show", Kind::Work),
    ("creative work", Kind::Work),
];

/// The kind a class says, by id (`Q5`, or its entity URL) or by English label (`human`).
fn kind_of(class: &str) -> Option<Kind> {
    let class = class.trim();
    let found = match qid(class) {
        Some(id) => KINDS_BY_QID.iter().find(|(q, _)| *q == id),
        None => {
            let label = class.to_lowercase();
            KINDS_BY_LABEL.iter().find(|(l, _)| *l == label)
        }
    };
    found.map(|(_, kind)| *kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Result<Imported, String> {
        json_in(text, None)
    }

    fn json_in(text: &str, lang: Option<&str>) -> Result<Imported, String> {
        let options = Options {
            lang: lang.map(str::to_owned),
            ..Options::default()
        };
        parse_json(text, Path::new("q.json"), &options).map_err(|e| e.to_string())
    }

    fn csv(text: &str) -> Result<Imported, String> {
        parse_csv(text, Path::new("q.csv"), &Options::default()).map_err(|e| e.to_string())
    }

    const SPARQL: &str = r#"{
  "head": {"vars": ["item", "itemLabel", "itemDescription", "itemAltLabel", "instanceOf"]},
  "results": {"bindings": [
    {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q99999901"},
     "itemLabel": {"xml:lang": "fr", "type": "literal", "value": "Maëlle Travenec"},
     "itemDescription": {"xml:lang": "fr", "type": "literal", "value": "juriste"},
     "itemAltLabel": {"xml:lang": "fr", "type": "literal", "value": "M. Travenec, Maelle Travenec"},
     "instanceOf": {"type": "uri", "value": "http://www.wikidata.org/entity/Q5"}},
    {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q99999902"},
     "itemLabel": {"xml:lang": "fr", "type": "literal", "value": "Coopérative Brunelle"},
     "instanceOf": {"type": "uri", "value": "http://www.wikidata.org/entity/Q4830453"}},
    {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q99999902"},
     "itemLabel": {"xml:lang": "fr", "type": "literal", "value": "Coopérative Brunelle"},
     "instanceOf": {"type": "uri", "value": "http://www.wikidata.org/entity/Q7278"}},
    {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q99999903"},
     "itemLabel": {"type": "literal", "value": "Q99999903"}}
  ]}
}"#;

    #[test]
    fn sparql_results_make_one_term_an_item() {
        let imported = json(SPARQL).unwrap();
        let [maelle, coop] = &imported.entries[..] else {
            panic!("{:?}", imported.entries)
        };
        assert_eq!(maelle.name, "Maëlle Travenec");
        assert_eq!(maelle.kind, Kind::Person);
        // The accent-less label is an alias (restored), the short form is left as written.
        assert_eq!(maelle.aliases, ["Maelle Travenec"]);
        assert_eq!(maelle.never, ["M. Travenec"]);
        assert_eq!(maelle.note.as_deref(), Some("juriste (Q99999901)"));
        assert_eq!(maelle.origin.as_ref().unwrap().line, 4);
        assert_eq!(coop.kind, Kind::Org);
        assert_eq!(coop.note.as_deref(), Some("Q99999902"));
        assert_eq!(coop.origin.as_ref().unwrap().line, 9);
        assert_eq!(
            imported.skipped,
            [Skipped {
                line: 15,
                reason: "Q99999903 has no label".into()
            }]
        );
    }

    #[test]
    fn labels_by_language() {
        let text = r#"[
  {"item": "http://www.wikidata.org/entity/Q99999904", "label_en": "Vessel Bay", "label_fr": "Baie du Vaisseau", "label_de": "Vessel Bay"}
]"#;
        let pick = |lang| json_in(text, lang).unwrap().entries.remove(0);
        let fr = pick(Some("fr"));
        assert_eq!(fr.name, "Baie du Vaisseau");
        assert_eq!(fr.never, ["Vessel Bay"]);
        // Without a preference, the first label column.
        let first = pick(None);
        assert_eq!(first.name, "Vessel Bay");
        assert_eq!(first.never, ["Baie du Vaisseau"]);
        // xml:lang tags choose the same way; `fr` takes `fr-CA`.
        let tagged = r#"{"head": {"vars": ["item", "itemLabel"]}, "results": {"bindings": [
            {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q99999905"},
             "itemLabel": {"type": "literal", "value": "Lake Orrin", "xml:lang": "en"}},
            {"item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q99999905"},
             "itemLabel": {"type": "literal", "value": "Lac Orrin", "xml:lang": "fr-CA"}}
        ]}}"#;
        let entry = json_in(tagged, Some("fr")).unwrap().entries.remove(0);
        assert_eq!(
            (entry.name.as_str(), &entry.never[..]),
            ("Lac Orrin", &["Lake Orrin".to_owned()][..])
        );
    }

    #[test]
    fn other_labels_go_where_the_option_says() {
        let with = |alt_labels| {
            let options = Options {
                lang: Some("fr".into()),
                alt_labels,
            };
            let mut imported = parse_json(SPARQL, Path::new("q.json"), &options).unwrap();
            let maelle = imported.entries.remove(0);
            (maelle.aliases, maelle.never)
        };
        let (short, plain) = ("M. Travenec".to_owned(), "Maelle Travenec".to_owned());
        assert_eq!(
            with(AltLabels::Auto),
            (vec![plain.clone()], vec![short.clone()])
        );
        let both = vec![short, plain];
        assert_eq!(with(AltLabels::Alias), (both.clone(), vec![]));
        assert_eq!(with(AltLabels::Never), (vec![], both));
        assert_eq!(with(AltLabels::Skip), (vec![], vec![]));
    }

    #[test]
    fn simplified_json_and_other_item_variables() {
        let text = r#"[{"person": "http://www.wikidata.org/entity/Q99999906", "personLabel": "Ilse Marnot",
            "personDescription": "sculptor", "typeLabel": "human"},
           {"person": "Q99999907", "personLabel": "Hôtel Varenne", "typeLabel": "village", "year": 1901, "x": null}]"#;
        let entries = json(text).unwrap().entries;
        assert_eq!(entries[0].name, "Ilse Marnot");
        assert_eq!(entries[0].kind, Kind::Person);
        assert_eq!(entries[0].note.as_deref(), Some("sculptor (Q99999906)"));
        assert_eq!(entries[1].kind, Kind::Place);
        assert_eq!(entries[1].origin.as_ref().unwrap().line, 3);
    }

    #[test]
    fn csv_results() {
        let text = "item,itemLabel,itemDescription,altLabel,instanceOf\n\
            http://www.wikidata.org/entity/Q99999908,Le Courrier de Vaunes,daily newspaper,Courrier,http://www.wikidata.org/entity/Q1110794\n\
            http://www.wikidata.org/entity/Q99999909,La Brume Haute,,,http://www.wikidata.org/entity/Q7725634\n\
            http://www.wikidata.org/entity/Q99999908,Le Courrier de Vaunes,,Le Courrier,\n";
        let entries = csv(text).unwrap().entries;
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].kind, Kind::Org);
        // Short forms of the name, not mis-hearings: an alias "Courrier" would replace the
        // word everywhere.
        assert_eq!(entries[0].never, ["Courrier", "Le Courrier"]);
        assert!(entries[0].aliases.is_empty());
        assert_eq!(
            entries[0].note.as_deref(),
            Some("daily newspaper (Q99999908)")
        );
        assert_eq!(entries[1].kind, Kind::Work);
        assert_eq!(entries[1].origin.as_ref().unwrap().line, 3);
    }

    #[test]
    fn csv_detection() {
        assert!(is_wikidata_csv(
            "\u{feff}item,itemLabel\nhttp://www.wikidata.org/entity/Q1,A\n"
        ));
        assert!(is_wikidata_csv(
            "person,name\nhttp://www.wikidata.org/entity/Q1,A\n"
        ));
        assert!(!is_wikidata_csv("name,kind,aliases\nAda,person,\n"));
        assert!(!is_wikidata_csv("item,kind\nx,person\n"));
    }

    #[test]
    fn errors_say_where() {
        assert_eq!(
            json("{\"head\": {},\n \"results\": {\"bindings\": [}\n").unwrap_err(),
            "q.json:2:27: expected value"
        );
        assert_eq!(
            json("[{\"itemLabel\": \"A\"}]").unwrap_err(),
            "q.json:1: no `item` column: expected the Wikidata item of each row (`?item`)"
        );
        assert_eq!(
            json("[\n{\"item\": \"Q1\", \"itemLabel\": \"A\"},\n{\"item\": \"Ada\", \"itemLabel\": \"B\"}]")
                .unwrap_err(),
            "q.json:3: `item` is not a Wikidata item: \"Ada\""
        );
        assert_eq!(
            json("[\n  {\"name\": \"Vaunes\", \"kind\": \"place\"}\n]").unwrap_err(),
            "q.json:2: no `item` column: expected the Wikidata item of each row (`?item`); \
             `dict export --format json` is not read back, export as CSV"
        );
        assert_eq!(
            json("[\n{\"item\": \"Q1\"}\n]").unwrap_err(),
            "q.json:2: no label column: expected `itemLabel` or `label`"
        );
        assert_eq!(
            json("[\n 3\n]").unwrap_err(),
            "q.json:2: a result row is not a JSON object"
        );
        assert_eq!(
            json("[{\"item\": \"Q1\", \"itemLabel\": [\"A\"]}]").unwrap_err(),
            "q.json:1: `itemLabel` holds a list, not a value"
        );
        assert_eq!(
            csv("item,itemLabel\nhttp://www.wikidata.org/entity/Q1,A\nQ2,B,extra\n").unwrap_err(),
            "q.csv:3: 3 fields where the header has 2; quote a value that has a comma"
        );
    }

    #[test]
    fn roles_by_name() {
        assert_eq!(role("itemLabel", "item"), (Role::Label, None));
        assert_eq!(role("label_fr", "item"), (Role::Label, Some("fr".into())));
        assert_eq!(role("instance_of", "item"), (Role::InstanceOf, None));
        assert_eq!(role("personAltLabel", "person"), (Role::AltLabel, None));
        assert_eq!(role("population", "item"), (Role::Other, None));
        assert_eq!(
            kind_of("http://www.wikidata.org/entity/Q5"),
            Some(Kind::Person)
        );
        assert_eq!(kind_of("Political Party"), Some(Kind::Org));
        assert_eq!(kind_of("Q99999999"), None);
    }
}
