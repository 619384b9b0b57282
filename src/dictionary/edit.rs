//! Learning: writes confirmed forms into the `aliases` or `never` of a dictionary file's terms.
//!
//! The file is edited, not regenerated, so the comments and layout people gave it survive.
//! Writers serialise on a lock and replace the file by a rename, so concurrent learners do not
//! lose each other's updates and a failure never leaves half a dictionary behind.

use super::{Dictionary, DictionaryError, Entry, Kind};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use toml_edit::{
    Array, ArrayOfTables, DocumentMut, InlineTable, Item, RawString, Table, TableLike, Value,
};

/// The list of a term that a form is learnt into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Aliases,
    Never,
}

impl Field {
    fn key(self) -> &'static str {
        match self {
            Field::Aliases => "aliases",
            Field::Never => "never",
        }
    }

    /// A form is either a known mis-hearing or forbidden, so entering one list means leaving
    /// this one.
    fn opposite(self) -> Field {
        match self {
            Field::Aliases => Field::Never,
            Field::Never => Field::Aliases,
        }
    }
}

/// One thing learned: `form` goes into `field` of the term named `name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub name: String,
    pub field: Field,
    pub form: String,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// Changes that modified the file (the form was not already there).
    pub added: Vec<Change>,
    /// Changes whose term name is not in the file.
    pub missing: Vec<Change>,
}

/// Applies `changes` to the dictionary file at `path` in one locked read-modify-write.
///
/// Names and forms compare trimmed; changes with an empty form are ignored. A form already in
/// `field` is a no-op, unless the file also has it in the opposite list: taking it out of
/// there modifies the file, so the change counts as added. The file is only rewritten if
/// something changed, and then atomically, keeping its permissions.
pub fn apply(path: &Path, changes: &[Change]) -> Result<Applied, DictionaryError> {
    rewrite(path, IfMissing::Fail, |text| {
        edit(text.unwrap_or_default(), path, changes)
    })
}

/// The edited text (`None` if nothing changed) and what was applied. `path` names the file in
/// errors.
fn edit(
    text: &str,
    path: &Path,
    changes: &[Change],
) -> Result<(Option<String>, Applied), DictionaryError> {
    let names: Vec<&str> = changes.iter().map(|c| c.name.as_str()).collect();
    edit_document(text, path, &names, |doc| {
        let mut applied = Applied::default();
        for change in changes {
            let form = change.form.trim();
            if form.is_empty() {
                continue;
            }
            let Some(term) = find_term(doc, change.name.trim()) else {
                applied.missing.push(change.clone());
                continue;
            };
            if learn(term, change.field, form) {
                applied.added.push(change.clone());
            }
        }
        (!applied.added.is_empty(), applied)
    })
}

/// Appends `entries` to the dictionary file at `path` as `[[term]]` tables (or to its inline
/// `term = [...]` array), after everything already there, which stays byte for byte. Creates
/// the file, with a header comment, if it does not exist; its directory must.
///
/// Fields are written in schema order (name, kind, aliases, never, lang, note), leaving out
/// the default kind and empty ones. Names are not checked against the file's: that is the
/// caller's policy.
pub fn add_entries(path: &Path, entries: &[Entry]) -> Result<(), DictionaryError> {
    if entries.is_empty() {
        return Ok(());
    }
    // The file must still load; an error here is a bug, but it must not reach the disk.
    let loads = |added: String| Dictionary::parse(&added, path).map(|_| added);
    rewrite(path, IfMissing::Create, |text| {
        let added = match text {
            // Tables after `[[term]]` tables: where they go is known without parsing the
            // document with toml_edit (two fifths of a `dict add` to a large dictionary). If
            // the result does not load (a header inside a string, say), the document is parsed.
            Some(text) if has_term_tables(text) => loads(tables_after(text, entries))
                .or_else(|_| loads(append(text, path, entries)?))?,
            Some(text) => loads(append(text, path, entries)?)?,
            None => loads(format!("{NEW_FILE_HEADER}{}", tables(entries, true)))?,
        };
        Ok((Some(added), ()))
    })
}

/// Removes the first term named `name` (trimmed) from the file: its whole table, with the
/// comment lines directly above its header and those that directly follow its last line (see
/// `remove_table`). False, and the file untouched, if no term has that name.
pub fn remove_entry(path: &Path, name: &str) -> Result<bool, DictionaryError> {
    rewrite(path, IfMissing::Fail, |text| {
        edit_document(text.unwrap_or_default(), path, &[name], |doc| {
            let removed = remove_term(doc, name.trim());
            (removed, removed)
        })
    })
}

/// Gives the first term named `old` (trimmed) the name `new`, in place: its other fields and
/// every comment stay. False, and the file untouched, if no term has that name.
pub fn rename_entry(path: &Path, old: &str, new: &str) -> Result<bool, DictionaryError> {
    rewrite(path, IfMissing::Fail, |text| {
        edit_document(text.unwrap_or_default(), path, &[old], |doc| {
            let Some(term) = find_term(doc, old.trim()) else {
                return (false, false);
            };
            set_string(term, "name", new.trim());
            (true, true)
        })
    })
}

/// What `set_missing` filled in.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Filled {
    /// Whether a term has the name.
    pub found: bool,
    pub note: bool,
    pub lang: bool,
}

/// Sets the `note` and `lang` of the first term named `name` (trimmed) to the given ones, each
/// only if the term has none (or a blank one): what people wrote is not overwritten.
pub fn set_missing(
    path: &Path,
    name: &str,
    note: Option<&str>,
    lang: Option<&str>,
) -> Result<Filled, DictionaryError> {
    rewrite(path, IfMissing::Fail, |text| {
        edit_document(text.unwrap_or_default(), path, &[name], |doc| {
            let Some(term) = find_term(doc, name.trim()) else {
                return (false, Filled::default());
            };
            // `lang` first: both new, they come in schema order.
            let lang = lang.is_some_and(|l| fill(term, "lang", l));
            let note = note.is_some_and(|n| fill(term, "note", n));
            let filled = Filled {
                found: true,
                note,
                lang,
            };
            (filled.note || filled.lang, filled)
        })
    })
}

/// Whether `rewrite` may create a missing file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IfMissing {
    Fail,
    Create,
}

/// The locked read-modify-write behind every edit. `change` gets the file's text (`None` if
/// the file does not exist and may be created) and returns the new text, `None` to leave the
/// file alone, and its result. The file is replaced atomically, keeping its permissions.
fn rewrite<T>(
    path: &Path,
    if_missing: IfMissing,
    change: impl FnOnce(Option<&str>) -> Result<(Option<String>, T), DictionaryError>,
) -> Result<T, DictionaryError> {
    let file = locate(path, if_missing)?;
    let _lock = lock(path, &file)?;
    // Read only now: another writer may have replaced (or created) the file while we waited
    // for the lock.
    let text = match fs::read_to_string(&file) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == io::ErrorKind::NotFound && if_missing == IfMissing::Create => None,
        Err(e) => return Err(io_error(path, e)),
    };
    let (edited, result) = change(text.as_deref())?;
    if let Some(edited) = edited {
        write_atomically(path, &file, &edited)?;
    }
    Ok(result)
}

/// The file to write: `path` with symlinks resolved, since the rename must replace the
/// target, not the link. A file that may be created is located through its directory.
fn locate(path: &Path, if_missing: IfMissing) -> Result<PathBuf, DictionaryError> {
    let file = match fs::canonicalize(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound && if_missing == IfMissing::Create => {
            let dir = match path.parent() {
                Some(dir) if !dir.as_os_str().is_empty() => dir,
                _ => Path::new("."),
            };
            let name = path
                .file_name()
                .ok_or_else(|| io_error(path, io::Error::other("not a file name")))?;
            fs::canonicalize(dir)
                .map_err(|e| io_error(path, e))?
                .join(name)
        }
        Err(e) => return Err(io_error(path, e)),
    };
    // Checked before locking, which would leave a lock file next to a directory.
    if file.exists() && !file.is_file() {
        return Err(io_error(path, io::Error::other("not a file")));
    }
    Ok(file)
}

/// Runs `change` on the document of `text`, which returns whether it changed anything and
/// its result; the new text, with the layout toml_edit drops restored, if it did. `change`
/// touches only the first terms of the `names` given (it may look for others, and find none).
///
/// In a file of `[[term]]` tables only the tables from the one before the first of those
/// terms to the one after the last are edited as a document (see `part_for`): the rest of
/// the file stays as it is, byte for byte, and a one-term edit of a 100,000-entry dictionary
/// does not parse and write out every table with toml_edit (a second of it).
fn edit_document<T>(
    text: &str,
    path: &Path,
    names: &[&str],
    change: impl FnOnce(&mut DocumentMut) -> (bool, T),
) -> Result<(Option<String>, T), DictionaryError> {
    // The loader's checks and errors, so a file that would not load is refused the same way.
    // They also guarantee that `aliases` and `never`, where present, are arrays of strings,
    // and that `term`, where present, holds the only tables.
    let read = super::checked_entries(text, path)?;
    let parsed = part_for(text, &read, names)
        .and_then(|part| Some((part.clone(), document(&text[part]).ok()?)));
    let (part, (bom, mut doc)) = match parsed {
        Some(parsed) => parsed,
        // Not `[[term]]` tables, or a part toml_edit reads otherwise: the whole document.
        None => (0..text.len(), whole_document(text, path)?),
    };
    let (changed, result) = change(&mut doc);
    let edited = changed.then(|| {
        let edited = restore_layout(&text[part.clone()], format!("{bom}{doc}"));
        format!("{}{edited}{}", &text[..part.start], &text[part.end..])
    });
    Ok((edited, result))
}

/// The part of `text`, a file of `[[term]]` tables, that holds the first term of each of
/// `names`, from the header of the table before the first of them (or the start of the file)
/// to the header of the second table after the last (or the end of the file): an edit also
/// changes the lines around its tables (`remove_table`), never further. Empty if none of the
/// names is there; `None` for a file of inline tables (`term = [...]`).
fn part_for(text: &str, read: &[super::ReadEntry], names: &[&str]) -> Option<Range<usize>> {
    let header = |i: usize| read.get(i).map(|r| r.header);
    if !text[header(0).unwrap_or(0)..].starts_with("[[") {
        return None;
    }
    let entries = read.iter().map(|r| &r.entry);
    let first = super::first_of_each_name(entries);
    let found = names
        .iter()
        .filter_map(|name| first.get(name.trim()).copied());
    let (Some(low), Some(high)) = (found.clone().min(), found.max()) else {
        return Some(0..0);
    };
    let start = low.checked_sub(1).and_then(header).unwrap_or(0);
    Some(start..header(high + 2).unwrap_or(text.len()))
}

/// The document of a whole dictionary file, which loads.
fn whole_document<'t>(
    text: &'t str,
    path: &Path,
) -> Result<(&'t str, DocumentMut), DictionaryError> {
    document(text).map_err(|(offset, message)| super::syntax_error(path, text, offset, &message))
}

/// The byte order mark of `text`, if any, and its document; else where toml_edit found it
/// wrong, and why.
fn document(text: &str) -> Result<(&str, DocumentMut), (usize, String)> {
    let (bom, body) = split_bom(text);
    let doc = body.parse().map_err(|e: toml_edit::TomlError| {
        let offset = bom.len() + e.span().map_or(0, |s| s.start);
        (offset, e.message().trim().to_owned())
    })?;
    Ok((bom, doc))
}

/// toml_edit accepts a byte order mark but does not write it back.
fn split_bom(text: &str) -> (&str, &str) {
    match text.strip_prefix('\u{feff}') {
        Some(body) => ("\u{feff}", body),
        None => ("", text),
    }
}

/// Puts back what toml_edit normalises away: it writes every line ending as LF, and ends the
/// file with one even where the original did not.
fn restore_layout(original: &str, mut edited: String) -> String {
    if uses_crlf(original) {
        edited = to_crlf(&edited);
    }
    if !original.is_empty() && !original.ends_with('\n') {
        let ending = if edited.ends_with("\r\n") { 2 } else { 1 };
        if edited.ends_with('\n') {
            edited.truncate(edited.len() - ending);
        }
    }
    edited
}

/// Whether every line of `text` ends with CRLF. Mixed files cannot be restored line by line
/// and are left with the LF endings toml_edit gives them.
fn uses_crlf(text: &str) -> bool {
    let lf = text.matches('\n').count();
    lf > 0 && text.matches("\r\n").count() == lf
}

fn to_crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous = '\0';
    for c in text.chars() {
        if c == '\n' && previous != '\r' {
            out.push('\r');
        }
        out.push(c);
        previous = c;
    }
    out
}

/// Whether `term` is named `name` (trimmed).
fn is_named(term: &dyn TableLike, name: &str) -> bool {
    term.get("name")
        .and_then(Item::as_str)
        .is_some_and(|n| n.trim() == name)
}

/// The first term named `name` (trimmed), in `[[term]]` tables or an inline `term = [...]`.
fn find_term<'d>(doc: &'d mut DocumentMut, name: &str) -> Option<&'d mut dyn TableLike> {
    match doc.get_mut("term")? {
        Item::ArrayOfTables(terms) => terms
            .iter_mut()
            .find(|t| is_named(&**t, name))
            .map(|t| t as &mut dyn TableLike),
        Item::Value(Value::Array(terms)) => terms
            .iter_mut()
            .filter_map(Value::as_inline_table_mut)
            .find(|t| is_named(&**t, name))
            .map(|t| t as &mut dyn TableLike),
        _ => None,
    }
}

/// Sets `key` of `term` to the string `value`, keeping the whitespace and comment around the
/// old value; adds the key at the end of the table if it is missing.
fn set_string(term: &mut dyn TableLike, key: &str, value: &str) {
    let mut new = Value::from(value);
    match term.get_mut(key).and_then(Item::as_value_mut) {
        Some(old) => {
            *new.decor_mut() = old.decor().clone();
            *old = new;
        }
        None => {
            term.insert(key, Item::Value(new));
        }
    }
}

/// Sets `key` to `value` unless the term has a non-blank string there; true if it did.
fn fill(term: &mut dyn TableLike, key: &str, value: &str) -> bool {
    let value = value.trim();
    let has_one = term
        .get(key)
        .and_then(Item::as_str)
        .is_some_and(|v| !v.trim().is_empty());
    if has_one || value.is_empty() {
        return false;
    }
    set_string(term, key, value);
    true
}

/// Puts `form` into the term's `field` and takes it out of the opposite one. True if the
/// term changed.
fn learn(term: &mut dyn TableLike, field: Field, form: &str) -> bool {
    let removed = term
        .get_mut(field.opposite().key())
        .and_then(Item::as_array_mut)
        .is_some_and(|forms| remove_form(forms, form));
    let added = match term.get_mut(field.key()) {
        // The schema check in `edit` guarantees an array here.
        Some(item) => item
            .as_array_mut()
            .is_some_and(|forms| add_form(forms, form)),
        None => {
            let forms = Array::from_iter([form]);
            term.insert(field.key(), Item::Value(Value::Array(forms)));
            true
        }
    };
    removed || added
}

fn has_form(value: &Value, form: &str) -> bool {
    value.as_str().is_some_and(|s| s.trim() == form)
}

/// Appends `form` unless it is already there; true if it was appended.
fn add_form(forms: &mut Array, form: &str) -> bool {
    if forms.iter().any(|v| has_form(v, form)) {
        return false;
    }
    push_formatted_like_the_rest(forms, Value::from(form));
    true
}

/// Removes every occurrence of `form`; true if there was one.
fn remove_form(forms: &mut Array, form: &str) -> bool {
    let found: Vec<usize> = (0..forms.len())
        .filter(|&i| forms.get(i).is_some_and(|v| has_form(v, form)))
        .collect();
    for &i in found.iter().rev() {
        remove_keeping_layout(forms, i);
    }
    !found.is_empty()
}

// Layout of arrays. toml_edit keeps the whitespace and comments around each element in its
// decor: the prefix runs from the previous comma (or `[`) to the element, the suffix from the
// element to the next comma. What follows the last element or the trailing comma, up to `]`,
// is the "closing gap": the array's `trailing` if there is a trailing comma, otherwise the last
// element's suffix. A comment on an element's line therefore sits in the next prefix or in the
// closing gap, and the edits below keep such comments on the line they were written on.

/// Adds `value` at the end, laid out like the element before it: on its own line with the
/// same indentation in a multi-line array, after a space in an inline one.
fn push_formatted_like_the_rest(forms: &mut Array, mut value: Value) {
    let gap = take_closing_gap(forms);
    let (head, tail) = split_last_line(&gap);
    let (prefix, closing) = match forms.len().checked_sub(1) {
        // What ends the last element's line (a comment) stays there, after the new comma.
        Some(last) => (
            format!("{head}{}", separator_after(&prefix(forms, last), last)),
            tail,
        ),
        // `[ ]` becomes `[ "form" ]`.
        None if !gap.contains('\n') => (gap.clone(), gap.as_str()),
        None => (
            format!("{head}\n{}", indentation(head).unwrap_or("    ")),
            tail,
        ),
    };
    value.decor_mut().set_prefix(prefix);
    value.decor_mut().set_suffix("");
    forms.push_formatted(value);
    put_closing_gap(forms, closing);
}

/// Removes element `i`, keeping the comments of its neighbours and the array's shape.
fn remove_keeping_layout(forms: &mut Array, i: usize) {
    let removed = prefix(forms, i);
    if i + 1 < forms.len() {
        let next = prefix(forms, i + 1);
        set_prefix(forms, i + 1, join_gaps(&removed, &next, i == 0));
        forms.remove(i);
    } else {
        let gap = take_closing_gap(forms);
        forms.remove(i);
        if forms.is_empty() {
            forms.set_trailing_comma(false);
        }
        put_closing_gap(forms, &join_gaps(&removed, &gap, i == 0));
    }
}

/// The gap that replaces `before` (the prefix of a removed element), `after` (the gap that
/// followed it) and the element itself. A comment ending the previous line belongs to the
/// previous element and stays; the removed element's own comments go with it.
fn join_gaps(before: &str, after: &str, first: bool) -> String {
    match (before.find('\n'), after.find('\n')) {
        (Some(i), Some(j)) => format!("{}{}", &before[..=i], &after[j + 1..]),
        (None, Some(j)) => after[j..].to_owned(),
        (Some(i), None) if !first && !before[..i].trim().is_empty() => {
            let (_, indent) = split_last_line(before);
            format!("{}{}", &before[..=i], &indent[1..])
        }
        // Within one line, the element that moves up takes the spacing of the place it takes.
        _ if first => before.to_owned(),
        _ => after.to_owned(),
    }
}

/// Whitespace to put between a comma and a new element, copied from `prefix`, the prefix of
/// the current last element (at `index`).
fn separator_after(prefix: &str, index: usize) -> String {
    match prefix.rfind('\n') {
        Some(i) => prefix[i..].to_owned(),
        // The first element's prefix is the space after `[`, not a separator.
        None if index == 0 => " ".to_owned(),
        None => prefix.to_owned(),
    }
}

/// Splits at the last line break: (text before it, the line break and what follows).
fn split_last_line(gap: &str) -> (&str, &str) {
    match gap.rfind('\n') {
        Some(i) => (&gap[..i], &gap[i..]),
        None => ("", gap),
    }
}

/// Leading whitespace of the last line of `text`, if it has more than one line.
fn indentation(text: &str) -> Option<&str> {
    let line = &text[text.rfind('\n')? + 1..];
    Some(&line[..line.len() - line.trim_start().len()])
}

fn raw(decor: Option<&RawString>) -> Option<&str> {
    decor.and_then(RawString::as_str)
}

/// The prefix of element `i`; toml_edit's default for an element without one is a space,
/// except for the first.
fn prefix(forms: &Array, i: usize) -> String {
    let default = if i == 0 { "" } else { " " };
    let value = forms.get(i);
    raw(value.and_then(|v| v.decor().prefix()))
        .unwrap_or(default)
        .to_owned()
}

fn suffix(forms: &Array, i: usize) -> String {
    let value = forms.get(i);
    raw(value.and_then(|v| v.decor().suffix()))
        .unwrap_or("")
        .to_owned()
}

fn set_prefix(forms: &mut Array, i: usize, prefix: String) {
    if let Some(value) = forms.get_mut(i) {
        value.decor_mut().set_prefix(prefix);
    }
}

fn set_suffix(forms: &mut Array, i: usize, suffix: String) {
    if let Some(value) = forms.get_mut(i) {
        value.decor_mut().set_suffix(suffix);
    }
}

/// Removes the closing gap from where it is and returns it.
fn take_closing_gap(forms: &mut Array) -> String {
    match forms.len().checked_sub(1) {
        Some(last) if !forms.trailing_comma() => {
            let gap = suffix(forms, last);
            set_suffix(forms, last, String::new());
            gap
        }
        _ => {
            let gap = forms.trailing().as_str().unwrap_or("").to_owned();
            forms.set_trailing("");
            gap
        }
    }
}

/// Puts `gap` before `]`, after what is already there.
fn put_closing_gap(forms: &mut Array, gap: &str) {
    match forms.len().checked_sub(1) {
        Some(last) if !forms.trailing_comma() => {
            let suffix = suffix(forms, last) + gap;
            set_suffix(forms, last, suffix);
        }
        _ => {
            let trailing = forms.trailing().as_str().unwrap_or("").to_owned() + gap;
            forms.set_trailing(trailing);
        }
    }
}

// Whole entries. New ones are appended as text, so the file before them is not even
// re-rendered; removed ones take their table out of the document. toml_edit keeps the lines
// between two tables (blank lines, comments) in the prefix of the second table's decor, and
// the lines after the last table in the document's trailing text.

/// The first lines of a dictionary file that `add_entries` creates.
const NEW_FILE_HEADER: &str =
    "# Terms added with `transfix dict`. Edit freely: comments and layout are kept.\n\n";

/// `text` with `entries` appended.
fn append(text: &str, path: &Path, entries: &[Entry]) -> Result<String, DictionaryError> {
    // The loader's checks and errors first, as for every edit.
    super::checked_entries(text, path)?;
    let (bom, mut doc) = whole_document(text, path)?;
    if let Some(Item::Value(Value::Array(terms))) = doc.get_mut("term") {
        // `[[term]]` tables after `term = [...]` would define `term` twice.
        for entry in entries {
            push_formatted_like_the_rest(terms, Value::InlineTable(inline_table(entry)));
        }
        return Ok(restore_layout(text, format!("{bom}{doc}")));
    }
    if split_bom(text).1.is_empty() {
        return Ok(format!("{bom}{}", tables(entries, true)));
    }
    Ok(tables_after(text, entries))
}

/// Whether a line of `text` opens a `[[term]]` table.
fn has_term_tables(text: &str) -> bool {
    text.lines()
        .any(|line| line.trim_start().starts_with("[[term]]"))
}

/// `entries` as `[[term]]` tables after `text`, in its line endings.
fn tables_after(text: &str, entries: &[Entry]) -> String {
    let mut out = text.to_owned();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    // A blank line between what is there and the first new table, unless there is one.
    let separated = out.ends_with("\n\n") || out.ends_with("\n\r\n");
    out.push_str(&tables(entries, separated));
    restore_layout(text, out)
}

/// `entries` as `[[term]]` tables, separated by blank lines, and preceded by one unless
/// `separated`.
fn tables(entries: &[Entry], separated: bool) -> String {
    let mut out = String::new();
    for (i, entry) in entries.iter().enumerate() {
        if i > 0 || !separated {
            out.push('\n');
        }
        let mut terms = ArrayOfTables::new();
        terms.push(Table::from_iter(fields(entry)));
        let mut doc = DocumentMut::new();
        doc.insert("term", Item::ArrayOfTables(terms));
        out.push_str(&doc.to_string());
    }
    out
}

fn inline_table(entry: &Entry) -> InlineTable {
    let mut table = InlineTable::new();
    for (key, value) in fields(entry) {
        table.insert(key, value);
    }
    table
}

/// The fields of `entry` to write, in schema order, without the defaults and empty ones.
fn fields(entry: &Entry) -> Vec<(&'static str, Value)> {
    let forms = |forms: &[String]| -> Vec<String> {
        forms
            .iter()
            .map(|f| f.trim().to_owned())
            .filter(|f| !f.is_empty())
            .collect()
    };
    let text = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(Value::from)
    };
    let mut fields = vec![("name", Value::from(entry.name.trim()))];
    if entry.kind != Kind::default() {
        fields.push(("kind", Value::from(entry.kind.as_str())));
    }
    for (key, list) in [("aliases", &entry.aliases), ("never", &entry.never)] {
        let list = forms(list);
        if !list.is_empty() {
            fields.push((key, Value::Array(Array::from_iter(list))));
        }
    }
    fields.extend(text(&entry.lang).map(|v| ("lang", v)));
    fields.extend(text(&entry.note).map(|v| ("note", v)));
    fields
}

/// Removes the first term named `name`; true if there was one.
fn remove_term(doc: &mut DocumentMut, name: &str) -> bool {
    let kept = match doc.get_mut("term") {
        Some(Item::Value(Value::Array(terms))) => {
            let named = |v: &Value| v.as_inline_table().is_some_and(|t| is_named(t, name));
            let Some(i) = terms.iter().position(named) else {
                return false;
            };
            remove_keeping_layout(terms, i);
            return true;
        }
        Some(Item::ArrayOfTables(terms)) => {
            let Some(i) = terms.iter().position(|t| is_named(t, name)) else {
                return false;
            };
            match remove_table(terms, i) {
                Some(kept) => (kept, i == 0),
                None => return true,
            }
        }
        _ => return false,
    };
    // The last table went: what stays of the lines above it now leads to the end of the file.
    let (kept, first) = kept;
    let end = raw(Some(doc.trailing())).unwrap_or("");
    let end = join_table_gaps(&kept, drop_comments_after(end, true), first, true);
    doc.set_trailing(end);
    true
}

/// Removes table `i` with the comments that belong to it: the comment lines directly above
/// its header (no blank line between), and those directly below its last line when a blank
/// line separates them from what follows. Other lines between it and its neighbours stay and
/// are joined with one run of blank lines where there were two. If it was the last table,
/// returns what stays of the lines above it, for the caller to put before the end of the
/// file.
fn remove_table(terms: &mut ArrayOfTables, i: usize) -> Option<String> {
    let gap = |t: &Table| raw(t.decor().prefix()).unwrap_or("").to_owned();
    let above = terms.get(i).map(gap).unwrap_or_default();
    let kept = drop_comments_above(&above).to_owned();
    terms.remove(i);
    let Some(next) = terms.get_mut(i) else {
        return Some(kept);
    };
    let below = gap(next);
    let joined = join_table_gaps(&kept, drop_comments_after(&below, false), i == 0, false);
    next.decor_mut().set_prefix(joined);
    None
}

/// The whole lines of a gap, each with its line break; a last partial line (the indentation
/// of the next header) is left out.
fn whole_lines(gap: &str) -> impl DoubleEndedIterator<Item = &str> {
    gap.split_inclusive('\n').filter(|l| l.ends_with('\n'))
}

fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// The lines above a removed table's header without the run of comment lines that ends just
/// above it.
fn drop_comments_above(gap: &str) -> &str {
    let mut end: usize = whole_lines(gap).map(str::len).sum();
    for line in whole_lines(gap).rev() {
        if !is_comment(line) {
            break;
        }
        end -= line.len();
    }
    &gap[..end]
}

/// The lines below a removed table without the run of comment lines that starts just below
/// its last line, if a blank line (or, `at_end`, the end of the file) follows the run: such
/// comments were written under the table (a commented-out alias), not above the next one.
fn drop_comments_after(gap: &str, at_end: bool) -> &str {
    let mut start = 0;
    for line in gap.split_inclusive('\n') {
        if !is_comment(line) {
            break;
        }
        start += line.len();
    }
    let rest = &gap[start..];
    let detached = match rest.split_inclusive('\n').next() {
        Some(line) => line.ends_with('\n') && is_blank(line),
        None => at_end,
    };
    if start > 0 && detached { rest } else { gap }
}

/// Joins what stays above a removed table (`kept`) with what was below it (`below`, up to the
/// next header or the end of the file) into one gap, with one run of blank lines at the
/// junction: the longer of the two. No blank lines at the start of the file (`first` with
/// nothing kept) or at its end.
fn join_table_gaps(kept: &str, below: &str, first: bool, at_end: bool) -> String {
    let kept_blank = whole_lines(kept).rev().take_while(|l| is_blank(l));
    let kept_blank = kept_blank.map(str::len).sum::<usize>();
    let (kept_body, kept_blank) = kept.split_at(kept.len() - kept_blank);
    let below_blank = whole_lines(below).take_while(|l| is_blank(l));
    let (below_blank, below_body) = below.split_at(below_blank.map(str::len).sum());
    let blank = if (first && kept_body.is_empty()) || (at_end && below_body.is_empty()) {
        ""
    } else if kept_blank.len() >= below_blank.len() {
        kept_blank
    } else {
        below_blank
    };
    format!("{kept_body}{blank}{below_body}")
}

fn io_error(path: &Path, error: io::Error) -> DictionaryError {
    DictionaryError::Io {
        path: path.to_owned(),
        message: error.to_string(),
    }
}

/// A file next to `file`, hidden, named after it: `.names.toml.lock` for `names.toml`.
fn sidecar(file: &Path, suffix: &str) -> PathBuf {
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    file.with_file_name(format!(".{name}.{suffix}"))
}

/// Takes the exclusive lock that serialises writers of `file`, released when the returned
/// handle is dropped. The lock lives on a sidecar file because the dictionary itself is
/// replaced by each write: a lock on it would be held on a file no longer in the directory.
fn lock(path: &Path, file: &Path) -> Result<File, DictionaryError> {
    let lock = sidecar(file, "lock");
    let fail = |error| DictionaryError::Lock {
        path: path.to_owned(),
        lock: lock.clone(),
        error,
    };
    let handle = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock)
        .map_err(fail)?;
    handle.lock().map_err(fail)?;
    Ok(handle)
}

/// Replaces `file` with `text`: readers see the old file or the new one, never a mix, and a
/// failure leaves the old one in place and no temporary file behind.
fn write_atomically(path: &Path, file: &Path, text: &str) -> Result<(), DictionaryError> {
    let fail = |error| DictionaryError::Write {
        path: path.to_owned(),
        error,
    };
    // A new file gets the default permissions.
    let permissions = match fs::metadata(file) {
        Ok(metadata) => Some(metadata.permissions()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(fail(e)),
    };
    let (temp, mut handle) = TempFile::create(file).map_err(fail)?;
    // Before the content goes in, so a private dictionary is never readable by others; the
    // open handle can still write to a read-only file.
    if let Some(permissions) = permissions {
        handle.set_permissions(permissions).map_err(fail)?;
    }
    handle.write_all(text.as_bytes()).map_err(fail)?;
    handle.sync_all().map_err(fail)?;
    drop(handle);
    temp.rename_to(file).map_err(fail)?;
    sync_directory(file);
    Ok(())
}

/// A temporary file, deleted on drop unless renamed.
struct TempFile {
    path: PathBuf,
    renamed: bool,
}

impl TempFile {
    /// Creates it next to `file`, so that the rename stays within one file system.
    fn create(file: &Path) -> io::Result<(TempFile, File)> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let mut attempts = 0;
        loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = sidecar(file, &format!("{}.{n}.tmp", std::process::id()));
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(handle) => {
                    let temp = TempFile {
                        path,
                        renamed: false,
                    };
                    return Ok((temp, handle));
                }
                // Left over by a crashed process that had the same id.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempts < 100 => {
                    attempts += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }

    fn rename_to(mut self, file: &Path) -> io::Result<()> {
        fs::rename(&self.path, file)?;
        self.renamed = true;
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.renamed {
            // Nothing more can be done if this fails; the write error is what gets reported.
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Makes the rename itself durable. Best effort: by now the new file is in place, and
/// failing here would report a write that happened as failed.
fn sync_directory(file: &Path) {
    #[cfg(unix)]
    if let Some(dir) = file.parent() {
        let _ = File::open(dir).and_then(|d| d.sync_all());
    }
    #[cfg(not(unix))]
    let _ = file;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(name: &str, field: Field, form: &str) -> Change {
        Change {
            name: name.into(),
            field,
            form: form.into(),
        }
    }

    fn alias(form: &str) -> Change {
        change("A", Field::Aliases, form)
    }

    fn never(form: &str) -> Change {
        change("A", Field::Never, form)
    }

    /// The text after the changes; it must still load.
    fn edited(text: &str, changes: &[Change]) -> String {
        let (edited, _) = edit(text, Path::new("d.toml"), changes).unwrap();
        let edited = edited.expect("a change");
        Dictionary::parse(&edited, Path::new("d.toml")).unwrap();
        edited
    }

    /// The array of `aliases = ...` of term "A" after the changes.
    fn aliases_after(aliases: &str, changes: &[Change]) -> String {
        let text = format!("[[term]]\nname = \"A\"\naliases = {aliases}\n");
        let out = edited(&text, changes);
        let start = out.find("aliases = ").expect("aliases") + "aliases = ".len();
        let rest = &out[start..];
        rest[..rest.find("\nnever = ").unwrap_or(rest.len())]
            .trim_end_matches('\n')
            .to_owned()
    }

    #[test]
    fn pushes_into_inline_arrays_with_their_spacing() {
        let c = [alias("c")];
        assert_eq!(aliases_after(r#"["a", "b"]"#, &c), r#"["a", "b", "c"]"#);
        assert_eq!(aliases_after(r#"["a","b"]"#, &c), r#"["a","b","c"]"#);
        assert_eq!(aliases_after(r#"[ "a" ]"#, &c), r#"[ "a", "c" ]"#);
        assert_eq!(aliases_after(r#"["a", "b",]"#, &c), r#"["a", "b", "c",]"#);
        assert_eq!(aliases_after("[]", &c), r#"["c"]"#);
        assert_eq!(aliases_after("[ ]", &c), r#"[ "c" ]"#);
        assert_eq!(aliases_after("[\n]", &c), "[\n    \"c\"\n]");
    }

    #[test]
    fn pushes_into_multi_line_arrays_on_a_line_of_its_own() {
        let c = [alias("c")];
        assert_eq!(
            aliases_after("[\n  \"a\",\n  \"b\",\n]", &c),
            "[\n  \"a\",\n  \"b\",\n  \"c\",\n]"
        );
        assert_eq!(
            aliases_after("[\n  \"a\",\n  \"b\"\n]", &c),
            "[\n  \"a\",\n  \"b\",\n  \"c\"\n]"
        );
        // A comment on the last line stays with the element it was written after.
        assert_eq!(
            aliases_after("[\n  \"a\", # why a\n  \"b\", # why b\n]", &c),
            "[\n  \"a\", # why a\n  \"b\", # why b\n  \"c\",\n]"
        );
        assert_eq!(
            aliases_after("[\n  \"a\",\n  \"b\" # why b\n]", &c),
            "[\n  \"a\",\n  \"b\", # why b\n  \"c\"\n]"
        );
        assert_eq!(
            aliases_after("[ # the usual ones\n  # none yet\n]", &c),
            "[ # the usual ones\n  # none yet\n  \"c\"\n]"
        );
    }

    #[test]
    fn removes_from_inline_arrays_with_their_spacing() {
        let array = r#"["a", "b", "c"]"#;
        assert_eq!(aliases_after(array, &[never("a")]), r#"["b", "c"]"#);
        assert_eq!(aliases_after(array, &[never("b")]), r#"["a", "c"]"#);
        assert_eq!(aliases_after(array, &[never("c")]), r#"["a", "b"]"#);
        assert_eq!(
            aliases_after(r#"[ "a", "b" ]"#, &[never("a")]),
            r#"[ "b" ]"#
        );
        assert_eq!(
            aliases_after(r#"[ "a", "b" ]"#, &[never("b")]),
            r#"[ "a" ]"#
        );
        assert_eq!(aliases_after(r#"["a", "b",]"#, &[never("b")]), r#"["a",]"#);
        assert_eq!(aliases_after(r#"["a"]"#, &[never("a")]), "[]");
        assert_eq!(aliases_after(r#"["a", " a "]"#, &[never("a")]), "[]");
    }

    #[test]
    fn removes_from_multi_line_arrays_keeping_the_neighbours_comments() {
        let array =
            "[\n  # first\n  \"a\", # why a\n  # own b\n  \"b\", # why b\n  \"c\", # why c\n]";
        assert_eq!(
            aliases_after(array, &[never("a")]),
            "[\n  # own b\n  \"b\", # why b\n  \"c\", # why c\n]"
        );
        assert_eq!(
            aliases_after(array, &[never("b")]),
            "[\n  # first\n  \"a\", # why a\n  \"c\", # why c\n]"
        );
        assert_eq!(
            aliases_after(array, &[never("c")]),
            "[\n  # first\n  \"a\", # why a\n  # own b\n  \"b\", # why b\n]"
        );
        assert_eq!(
            aliases_after("[\n  \"a\",\n  \"b\"\n]", &[never("b")]),
            "[\n  \"a\"\n]"
        );
        assert_eq!(
            aliases_after("[ # keep\n  \"a\",\n]", &[never("a")]),
            "[ # keep\n]"
        );
    }

    #[test]
    fn a_missing_array_is_created_at_the_end_of_its_table() {
        let text = "[[term]]\nname = \"A\" # the one\nkind = \"person\"\n\n# B next\n[[term]]\nname = \"B\"\n";
        assert_eq!(
            edited(text, &[alias("x"), change("B", Field::Never, "y")]),
            "[[term]]\nname = \"A\" # the one\nkind = \"person\"\naliases = [\"x\"]\n\n# B next\n[[term]]\nname = \"B\"\nnever = [\"y\"]\n"
        );
    }

    #[test]
    fn line_endings_bom_and_a_missing_final_newline_are_kept() {
        let text = "\u{feff}# d\r\n[[term]]\r\nname = \"A\"\r\naliases = [\r\n  \"a\",\r\n]\r\n\r\n[[term]]\r\nname = \"B\"";
        assert_eq!(
            edited(text, &[alias("b"), change("B", Field::Aliases, "c")]),
            "\u{feff}# d\r\n[[term]]\r\nname = \"A\"\r\naliases = [\r\n  \"a\",\r\n  \"b\",\r\n]\r\n\r\n[[term]]\r\nname = \"B\"\r\naliases = [\"c\"]"
        );
        assert_eq!(
            edited("[[term]]\nname = \"A\"", &[alias("b")]),
            "[[term]]\nname = \"A\"\naliases = [\"b\"]"
        );
    }

    #[test]
    fn inline_terms_are_edited_too() {
        let text = "term = [\n  { name = \"A\", never = [\"x\"] },\n  { name = \"B\" },\n]\n";
        assert_eq!(
            edited(text, &[alias("x"), change("B", Field::Never, "y")]),
            // toml_edit leaves the space that was before `}` ahead of the new comma.
            "term = [\n  { name = \"A\", never = [] , aliases = [\"x\"] },\n  { name = \"B\" , never = [\"y\"] },\n]\n"
        );
    }

    #[test]
    fn reports_what_was_added_and_what_is_missing() {
        let text = "[[term]]\nname = \" A \"\naliases = [\"a\"]\nnever = [\"n\"]\n";
        let changes = [
            change("A", Field::Aliases, " a "),
            change(" A", Field::Aliases, " b "),
            change("A", Field::Never, "n"),
            change("A", Field::Aliases, "  "),
            change("Z", Field::Aliases, "z"),
        ];
        let (out, applied) = edit(text, Path::new("d.toml"), &changes).unwrap();
        assert_eq!(applied.added, [changes[1].clone()]);
        assert_eq!(applied.missing, [changes[4].clone()]);
        assert_eq!(
            out.unwrap(),
            "[[term]]\nname = \" A \"\naliases = [\"a\", \"b\"]\nnever = [\"n\"]\n"
        );
    }

    #[test]
    fn a_form_in_both_lists_is_taken_out_of_the_other() {
        let text = "[[term]]\nname = \"A\"\naliases = [\"x\"]\nnever = [\"x\", \"y\"]\n";
        let (out, applied) = edit(text, Path::new("d.toml"), &[alias("x")]).unwrap();
        assert_eq!(applied.added, [alias("x")]);
        assert_eq!(
            out.unwrap(),
            "[[term]]\nname = \"A\"\naliases = [\"x\"]\nnever = [\"y\"]\n"
        );
    }

    #[test]
    fn nothing_to_do_leaves_the_text_alone() {
        let text = "[[term]]\r\nname = \"A\"\r\naliases = [\"a\"]\r\n";
        let (out, applied) = edit(text, Path::new("d.toml"), &[alias("a"), never("")]).unwrap();
        assert_eq!(out, None);
        assert_eq!(applied, Applied::default());
    }

    #[test]
    fn the_first_term_of_a_name_gets_the_change() {
        let text = "[[term]]\nname = \"A\"\n[[term]]\nname = \"A\"\n";
        assert_eq!(
            edited(text, &[alias("a")]),
            "[[term]]\nname = \"A\"\naliases = [\"a\"]\n[[term]]\nname = \"A\"\n"
        );
    }

    #[test]
    fn a_file_that_would_not_load_is_refused_with_the_loader_error() {
        let err = edit(
            "[[term]]\nname = \"A\"\naliases = [\"a\"\n",
            Path::new("d.toml"),
            &[alias("b")],
        )
        .unwrap_err();
        assert_eq!(err.to_string(), "d.toml:3:15: unclosed array, expected `]`");
        let err = edit(
            "[[term]]\nname = \"A\"\nalias = [\"a\"]\n",
            Path::new("d.toml"),
            &[alias("b")],
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("d.toml:3:1: unknown field `alias`")
        );
    }

    fn entry(name: &str, kind: Kind, aliases: &[&str]) -> Entry {
        Entry {
            kind,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            ..Entry::new(name)
        }
    }

    /// `text` with `entries` appended; it must still load.
    fn appended(text: &str, entries: &[Entry]) -> String {
        let out = append(text, Path::new("d.toml"), entries).unwrap();
        Dictionary::parse(&out, Path::new("d.toml")).unwrap();
        out
    }

    #[test]
    fn new_entries_are_appended_after_the_text_as_it_was() {
        let text = "# Pioneers.\n[[term]]\nname = \"A\"  # first\n# a trailing comment\n";
        let full = Entry {
            never: vec!["Grace".into(), " ".into()],
            lang: Some("en".into()),
            note: Some("admiral \"Amazing Grace\"".into()),
            ..entry(" Grace Hopper ", Kind::Person, &["Grace Hoper", ""])
        };
        assert_eq!(
            appended(text, &[full, entry("Bletchley Park", Kind::Term, &[])]),
            format!(
                "{text}\n[[term]]\nname = \"Grace Hopper\"\nkind = \"person\"\naliases = [\"Grace Hoper\"]\nnever = [\"Grace\"]\nlang = \"en\"\nnote = 'admiral \"Amazing Grace\"'\n\n[[term]]\nname = \"Bletchley Park\"\n"
            )
        );
    }

    #[test]
    fn appending_keeps_the_separation_line_endings_bom_and_final_newline() {
        let b = [entry("B", Kind::Org, &[])];
        let table = "[[term]]\nname = \"B\"\nkind = \"org\"\n";
        assert_eq!(appended("", &b), table);
        assert_eq!(
            appended("# only a comment\n\n", &b),
            format!("# only a comment\n\n{table}")
        );
        assert_eq!(appended("\u{feff}", &b), format!("\u{feff}{table}"));
        assert_eq!(
            appended("\u{feff}# d\r\n[[term]]\r\nname = \"A\"\r\n", &b),
            "\u{feff}# d\r\n[[term]]\r\nname = \"A\"\r\n\r\n[[term]]\r\nname = \"B\"\r\nkind = \"org\"\r\n"
        );
        assert_eq!(
            appended("[[term]]\nname = \"A\"", &b),
            "[[term]]\nname = \"A\"\n\n[[term]]\nname = \"B\"\nkind = \"org\""
        );
    }

    #[test]
    fn entries_join_an_inline_term_array() {
        let text = "term = [\n  { name = \"A\" }, # a\n]\n";
        assert_eq!(
            appended(text, &[entry("B", Kind::Place, &["b"])]),
            "term = [\n  { name = \"A\" }, # a\n  { name = \"B\", kind = \"place\", aliases = [\"b\"] },\n]\n"
        );
    }

    /// `text` without the term `name`; it must still load.
    fn removed(text: &str, name: &str) -> String {
        let (out, found) = edit_document(text, Path::new("d.toml"), &[name], |doc| {
            let removed = remove_term(doc, name);
            (removed, removed)
        })
        .unwrap();
        assert!(found, "{name} not found");
        let out = out.expect("a change");
        Dictionary::parse(&out, Path::new("d.toml")).unwrap();
        out
    }

    const PIONEERS: &str = "\
# Pioneers (file header).

# About A.
[[term]]
name = \"A\"  # first
aliases = [
  \"a\",  # heard once
]
# aliases = [\"old a\"]

# About B,
# on two lines.
[[term]]
name = \"B\"
# About C, right under B: it goes with C.
[[term]]
name = \"C\"

# --- Section ---

[[term]]
name = \"D\"
# old alias of D
";

    #[test]
    fn a_removed_table_takes_its_own_comments_and_leaves_the_others() {
        assert_eq!(
            removed(PIONEERS, "A"),
            PIONEERS.replace(
                "# About A.\n[[term]]\nname = \"A\"  # first\naliases = [\n  \"a\",  # heard once\n]\n# aliases = [\"old a\"]\n\n",
                ""
            )
        );
        assert_eq!(
            removed(PIONEERS, "B"),
            PIONEERS.replace("# About B,\n# on two lines.\n[[term]]\nname = \"B\"\n", "")
        );
        assert_eq!(
            removed(PIONEERS, "C"),
            PIONEERS.replace(
                "# About C, right under B: it goes with C.\n[[term]]\nname = \"C\"\n",
                ""
            )
        );
        assert_eq!(
            removed(PIONEERS, "D"),
            PIONEERS.replace("\n[[term]]\nname = \"D\"\n# old alias of D\n", "")
        );
    }

    #[test]
    fn removing_the_first_or_only_table_keeps_the_file_header() {
        assert_eq!(
            removed(
                "[[term]]\nname = \"A\"\n\n# About B.\n[[term]]\nname = \"B\"\n",
                "A"
            ),
            "# About B.\n[[term]]\nname = \"B\"\n"
        );
        assert_eq!(
            removed("# Header.\n\n[[term]]\nname = \"A\"\n\n# Footer.\n", "A"),
            "# Header.\n\n# Footer.\n"
        );
        assert_eq!(
            removed("# Header.\n\n[[term]]\nname = \"A\"\n", "A"),
            "# Header.\n"
        );
        assert_eq!(removed("[[term]]\nname = \"A\"\n", "A"), "");
        assert_eq!(
            removed(
                "\u{feff}# d\r\n\r\n  [[term]]\r\nname = \"A\"\r\n\r\n  [[term]]\r\nname = \"B\"\r\n",
                "B"
            ),
            "\u{feff}# d\r\n\r\n  [[term]]\r\nname = \"A\"\r\n"
        );
    }

    #[test]
    fn a_term_of_an_inline_array_is_removed_with_its_line() {
        let text = "term = [\n  { name = \"A\" }, # a\n  { name = \"B\" }, # b\n]\n";
        assert_eq!(removed(text, "A"), "term = [\n  { name = \"B\" }, # b\n]\n");
    }

    /// `change` run on the whole document of `text`: what an edit of the part around its
    /// terms must give.
    fn edited_whole(text: &str, change: impl FnOnce(&mut DocumentMut) -> bool) -> Option<String> {
        let (bom, mut doc) = whole_document(text, Path::new("d.toml")).unwrap();
        change(&mut doc).then(|| restore_layout(text, format!("{bom}{doc}")))
    }

    /// Comments above, within and below tables, a note holding a table header, indented
    /// headers, tables without blank lines between them, a name defined twice, and forms the
    /// edits move from one list to the other.
    const VARIED: &str = "\
# Header.

[[term]]
name = \"A\"
aliases = [\"a\"]  # kept
note = \"\"\"
[[term]]
name = \"not a table\"
\"\"\"
# under A

# above B
  [[term]]
  name = \"B\"
  never = [\"b\"]
[[term]]
name = \"C\"
[[term]]
name = \"B\"
lang = \"fr\"

# above D
[[term]]
name = \"D\"  # last
# trailing
";

    #[test]
    fn an_edit_of_the_tables_around_a_term_is_the_edit_of_the_whole_file() {
        let crlf = VARIED.replace('\n', "\r\n");
        let bom = format!("\u{feff}{}", PIONEERS.trim_end());
        let texts = [VARIED, &crlf, PIONEERS, &bom];
        type Edit = fn(&mut DocumentMut, &str) -> bool;
        let edits: [Edit; 5] = [
            |doc, name| remove_term(doc, name),
            |doc, name| find_term(doc, name).is_some_and(|t| learn(t, Field::Aliases, "b")),
            |doc, name| find_term(doc, name).is_some_and(|t| learn(t, Field::Never, "a")),
            |doc, name| find_term(doc, name).is_some_and(|t| fill(t, "note", "n")),
            |doc, name| {
                let term = find_term(doc, name);
                term.map(|t| set_string(t, "name", "Z")).is_some()
            },
        ];
        let mut compared = 0;
        for text in texts {
            for name in ["A", "B", "C", "D", "Y"] {
                for edit in edits {
                    let whole = edited_whole(text, |doc| edit(doc, name));
                    let (part, _) = edit_document(text, Path::new("d.toml"), &[name], |doc| {
                        (edit(doc, name), ())
                    })
                    .unwrap();
                    assert_eq!(part, whole, "{name} in {text:?}");
                    compared += usize::from(whole.is_some());
                }
            }
        }
        assert!(compared > 50, "{compared} edits changed something");
    }

    #[test]
    fn changes_to_several_terms_are_applied_as_to_the_whole_file() {
        let changes = |names: &[&str]| -> Vec<Change> {
            let form = |name: &str| format!("heard {name}");
            let change = |name: &&str| Change {
                name: name.to_string(),
                field: Field::Aliases,
                form: form(name),
            };
            names.iter().map(change).collect()
        };
        for names in [&["A", "D"][..], &["D", "Y", "B"], &["C", "B"], &["Y"]] {
            let changes = changes(names);
            let (part, applied) = edit(VARIED, Path::new("d.toml"), &changes).unwrap();
            let whole = edited_whole(VARIED, |doc| {
                let found = changes.iter().filter_map(|c| {
                    let term = find_term(doc, &c.name)?;
                    Some(learn(term, c.field, &c.form))
                });
                found.collect::<Vec<bool>>().contains(&true)
            });
            assert_eq!(part, whole, "{names:?}");
            assert_eq!(applied.missing.len(), names.contains(&"Y") as usize);
        }
    }

    #[test]
    fn an_unknown_name_removes_nothing() {
        let (out, found) = edit_document(PIONEERS, Path::new("d.toml"), &["Z"], |doc| {
            let removed = remove_term(doc, "Z");
            (removed, removed)
        })
        .unwrap();
        assert_eq!((out, found), (None, false));
    }

    #[test]
    fn renaming_keeps_the_comments_and_the_other_fields() {
        let (out, _) = edit_document(PIONEERS, Path::new("d.toml"), &["A"], |doc| {
            let term = find_term(doc, "A").unwrap();
            set_string(term, "name", "Ada");
            (true, ())
        })
        .unwrap();
        assert_eq!(
            out.unwrap(),
            PIONEERS.replace("name = \"A\"  # first", "name = \"Ada\"  # first")
        );
    }

    #[test]
    fn only_missing_or_blank_notes_and_languages_are_filled() {
        let text = "[[term]]\nname = \"A\"\nnote = \"kept\" # why\nlang = \" \"\n";
        let (out, filled) = edit_document(text, Path::new("d.toml"), &["A"], |doc| {
            let term = find_term(doc, "A").unwrap();
            let filled = (fill(term, "note", "new"), fill(term, "lang", "fr"));
            (true, filled)
        })
        .unwrap();
        assert_eq!(filled, (false, true));
        assert_eq!(
            out.unwrap(),
            "[[term]]\nname = \"A\"\nnote = \"kept\" # why\nlang = \"fr\"\n"
        );
    }

    #[test]
    fn a_failed_rename_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("transfix-edit-unit-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        // A non-empty directory cannot be replaced by a file, even by root.
        let target = dir.join("target");
        fs::create_dir_all(target.join("inside")).unwrap();
        let err = write_atomically(Path::new("d.toml"), &target, "x").unwrap_err();
        assert!(
            err.to_string().starts_with("d.toml: could not write: "),
            "{err}"
        );
        let mut names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["target"]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn additions_after_tables_and_into_an_inline_array_both_load() {
        let dir = std::env::temp_dir().join(format!("transfix-add-unit-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("d.toml");
        let added = |text: &str| {
            fs::write(&path, text).unwrap();
            add_entries(&path, &[entry("B", Kind::Place, &[])]).unwrap();
            let out = fs::read_to_string(&path).unwrap();
            Dictionary::parse(&out, &path).unwrap();
            out
        };
        let tables = "[[term]]\r\nname = \"A\"\r\n";
        assert_eq!(
            added(tables),
            "[[term]]\r\nname = \"A\"\r\n\r\n[[term]]\r\nname = \"B\"\r\nkind = \"place\"\r\n"
        );
        // A line that opens a table, inside a string: the terms are an inline array all the
        // same, and the new one joins it.
        let inline = "term = [\n  { name = \"A\", note = \"\"\"\n[[term]]\"\"\" },\n]\n";
        let out = added(inline);
        assert!(out.starts_with(inline.trim_end_matches("]\n")), "{out}");
        assert!(out.contains("{ name = \"B\", kind = \"place\" }"), "{out}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
