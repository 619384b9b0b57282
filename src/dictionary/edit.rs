//! Learning: writes confirmed forms into the `aliases` or `never` of a dictionary file's terms.
//!
//! The file is edited, not regenerated, so the comments and layout people gave it survive.
//! Writers serialise on a lock and replace the file by a rename, so concurrent learners do not
//! lose each other's updates and a failure never leaves half a dictionary behind.

use super::{Dictionary, DictionaryError};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use toml_edit::{Array, DocumentMut, Item, RawString, TableLike, Value};

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
    // Through a symlink, the rename must replace the target, not the link.
    let file = fs::canonicalize(path).map_err(|e| io_error(path, e))?;
    if !file.is_file() {
        // Checked before locking, which would leave a lock file next to a directory.
        return Err(io_error(path, io::Error::other("not a file")));
    }
    let _lock = lock(path, &file)?;
    // Read only now: another writer may have replaced the file while we waited for the lock.
    let text = fs::read_to_string(&file).map_err(|e| io_error(path, e))?;
    let (edited, applied) = edit(&text, path, changes)?;
    if let Some(edited) = edited {
        write_atomically(path, &file, &edited)?;
    }
    Ok(applied)
}

/// The edited text (`None` if nothing changed) and what was applied. `path` names the file in
/// errors.
fn edit(
    text: &str,
    path: &Path,
    changes: &[Change],
) -> Result<(Option<String>, Applied), DictionaryError> {
    // The loader's checks and errors, so a file that would not load is refused the same way.
    // They also guarantee that `aliases` and `never`, where present, are arrays of strings.
    Dictionary::parse(text, path)?;
    let (bom, body) = split_bom(text);
    let mut doc: DocumentMut = body.parse().map_err(|e: toml_edit::TomlError| {
        let offset = bom.len() + e.span().map_or(0, |s| s.start);
        super::syntax_error(path, text, offset, e.message().trim())
    })?;
    let mut applied = Applied::default();
    for change in changes {
        let form = change.form.trim();
        if form.is_empty() {
            continue;
        }
        let Some(term) = find_term(&mut doc, change.name.trim()) else {
            applied.missing.push(change.clone());
            continue;
        };
        if learn(term, change.field, form) {
            applied.added.push(change.clone());
        }
    }
    if applied.added.is_empty() {
        return Ok((None, applied));
    }
    Ok((Some(restore_layout(text, format!("{bom}{doc}"))), applied))
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

/// The first term named `name` (trimmed), in `[[term]]` tables or an inline `term = [...]`.
fn find_term<'d>(doc: &'d mut DocumentMut, name: &str) -> Option<&'d mut dyn TableLike> {
    let is_named = |term: &dyn TableLike| {
        term.get("name")
            .and_then(Item::as_str)
            .is_some_and(|n| n.trim() == name)
    };
    match doc.get_mut("term")? {
        Item::ArrayOfTables(terms) => terms
            .iter_mut()
            .find(|t| is_named(&**t))
            .map(|t| t as &mut dyn TableLike),
        Item::Value(Value::Array(terms)) => terms
            .iter_mut()
            .filter_map(Value::as_inline_table_mut)
            .find(|t| is_named(&**t))
            .map(|t| t as &mut dyn TableLike),
        _ => None,
    }
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
    push_formatted_like_the_rest(forms, form);
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

/// Adds `form` at the end, laid out like the element before it: on its own line with the same
/// indentation in a multi-line array, after a space in an inline one.
fn push_formatted_like_the_rest(forms: &mut Array, form: &str) {
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
    let mut value = Value::from(form);
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
    let permissions = fs::metadata(file).map_err(fail)?.permissions();
    let (temp, mut handle) = TempFile::create(file).map_err(fail)?;
    // Before the content goes in, so a private dictionary is never readable by others; the
    // open handle can still write to a read-only file.
    handle.set_permissions(permissions).map_err(fail)?;
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
}
