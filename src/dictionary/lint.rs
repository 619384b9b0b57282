//! Dictionary checks for `dict lint`: duplicates, contradictions, and terms that collide with
//! ordinary words.
//!
//! The analysis reads each file on its own (not the merged dictionary), so that every finding
//! points at the file and line to edit, and a file that does not parse is reported without
//! stopping the others. It returns structured findings and prints nothing.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};
use unicode_normalization::UnicodeNormalization;

use crate::dictionary::{Entry, Origin, read_entries};
use crate::matcher::lexicon::Lang;
use crate::matcher::{ortho_key, phonetic};

/// How bad a finding is: errors make `dict lint` fail, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, at the place to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub path: PathBuf,
    /// 1-based line of the entry (or of the syntax error); `None` when the file could not be
    /// read at all.
    pub line: Option<usize>,
    /// 1-based column, known for syntax errors and blank names and forms.
    pub column: Option<usize>,
    pub message: String,
    /// How to fix it, in words or as the TOML to write.
    pub suggestion: Option<String>,
}

/// Everything `dict lint` found, in file order (layer by layer) then line order.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// Entries parsed from the readable files.
    pub terms: usize,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// A dictionary file's text, or why it could not be read.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: Result<String, String>,
}

impl Source {
    pub fn read(path: &Path) -> Self {
        Source {
            path: path.to_owned(),
            text: std::fs::read_to_string(path).map_err(|e| e.to_string()),
        }
    }
}

/// Reads and checks the dictionary files of every layer (earlier layers first).
pub fn lint_files(layers: &[Vec<PathBuf>]) -> Report {
    let sources: Vec<Vec<Source>> = layers
        .iter()
        .map(|files| files.iter().map(|p| Source::read(p)).collect())
        .collect();
    lint(&sources)
}

/// Checks dictionary texts by layer. Two entries of one layer with the same name are two terms
/// (an error); an entry of a later layer named like an earlier one adds to it (see
/// `Dictionary::load_layers`), so it is checked together with it.
pub fn lint(layers: &[Vec<Source>]) -> Report {
    let mut findings = Vec::new();
    let mut defs = Vec::new();
    let mut order = FxHashMap::default();
    for (layer, sources) in layers.iter().enumerate() {
        for source in sources {
            let next = order.len();
            order.entry(source.path.clone()).or_insert(next);
            match parse(source) {
                Ok((entries, blanks)) => {
                    findings.extend(blanks);
                    defs.extend(entries.into_iter().map(|e| Def::new(layer, e)));
                }
                Err(finding) => findings.push(finding),
            }
        }
    }
    let named: Vec<&Def> = defs.iter().filter(|d| !d.key.is_empty()).collect();
    for def in &defs {
        check_entry(def, &mut findings);
    }
    check_names(&named, &mut findings);
    check_aliases(&named, &mut findings);
    check_collisions(&named, &mut findings);
    // Stable: findings about one line keep the order of the checks.
    findings.sort_by_key(|f| (order.get(&f.path).copied(), f.line));
    Report {
        findings,
        terms: defs.len(),
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing

/// The entries of one file, each with its origin, and the findings about its blank names and
/// forms (which `Dictionary::parse` refuses: lint reports them all and goes on checking); or
/// the finding that says why there are no entries.
fn parse(source: &Source) -> Result<(Vec<Entry>, Vec<Finding>), Finding> {
    let path = &source.path;
    let text = source.text.as_ref().map_err(|message| Finding {
        severity: Severity::Error,
        path: path.clone(),
        line: None,
        column: None,
        message: message.clone(),
        suggestion: None,
    })?;
    let at = |offset: usize, message: &str, suggestion: Option<String>| {
        let (line, column) = crate::transcript::line_col(text, offset);
        Finding {
            severity: Severity::Error,
            path: path.clone(),
            line: Some(line),
            column: Some(column),
            message: message.to_owned(),
            suggestion,
        }
    };
    let read = read_entries(text).map_err(|e| {
        // Same position and wording as the loader's error, which every other command prints.
        let offset = e.span().map_or(0, |s| s.start);
        let message = e.message().trim();
        at(offset, message, did_you_mean(message))
    })?;
    let mut lines = Lines::new(text);
    let shared: std::sync::Arc<Path> = path.as_path().into();
    let mut blanks = Vec::new();
    let mut entries = Vec::with_capacity(read.len());
    for read in read {
        for blank in &read.blanks {
            blanks.push(at(
                blank.offset,
                &blank.message,
                Some(blank_help(blank.field)),
            ));
        }
        let mut entry = read.entry;
        entry.origin = Some(Origin {
            path: shared.clone(),
            line: lines.at(read.header),
        });
        entries.push(entry);
    }
    Ok((entries, blanks))
}

fn blank_help(field: &str) -> String {
    match field {
        "name" => "give the term its name, or remove the entry".to_owned(),
        list => format!("remove it from `{list}`"),
    }
}

/// For serde's "unknown field `alias`, expected one of `name`, `kind`, `aliases`..." (and
/// "unknown variant" for kinds): the expected word closest to the unknown one, if any is close.
fn did_you_mean(message: &str) -> Option<String> {
    if !message.starts_with("unknown field") && !message.starts_with("unknown variant") {
        return None;
    }
    let mut quoted = message.split('`').skip(1).step_by(2);
    let unknown = quoted.next().filter(|u| !u.is_empty())?;
    // A prefix counts as close: "organisation" for `org`, "lang" for `language`.
    let similarity = |expected: &str| {
        let prefix = unknown.starts_with(expected) || expected.starts_with(unknown);
        if prefix {
            1.0
        } else {
            strsim::normalized_levenshtein(unknown, expected)
        }
    };
    let (score, closest) = quoted
        .map(|expected| (similarity(expected), expected))
        .fold((0.0, ""), |best, c| if c.0 > best.0 { c } else { best });
    (score >= 0.5).then(|| format!("did you mean `{closest}`?"))
}

/// Line numbers of increasing offsets, counted on from the previous one: counting from the
/// start of the file for each entry would be quadratic on a large dictionary.
struct Lines<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            text,
            offset: 0,
            line: 1,
        }
    }

    fn at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            *self = Lines::new(self.text);
        }
        let skipped = &self.text.as_bytes()[self.offset..offset];
        self.line += skipped.iter().filter(|&&b| b == b'\n').count();
        self.offset = offset;
        self.line
    }
}

// ---------------------------------------------------------------------------------------------
// Entries

/// One definition of a term, where it is.
struct Def {
    layer: usize,
    entry: Entry,
    path: PathBuf,
    line: usize,
    /// The trimmed name: how layers tell a term from another.
    name: String,
    /// Spelling key of the name: what the matcher compares.
    key: String,
}

impl Def {
    fn new(layer: usize, entry: Entry) -> Self {
        let (path, line) =
            (entry.origin.as_ref()).map_or((PathBuf::new(), 0), |o| (o.path.to_path_buf(), o.line));
        Def {
            layer,
            name: entry.name.trim().to_owned(),
            key: ortho_key(&entry.name),
            entry,
            path,
            line,
        }
    }

    fn finding(&self, severity: Severity, message: String, suggestion: Option<String>) -> Finding {
        Finding {
            severity,
            path: self.path.clone(),
            line: Some(self.line),
            column: None,
            message,
            suggestion,
        }
    }

    /// `FILE:LINE`, to point from one finding at another definition.
    fn place(&self) -> String {
        let shown = self.path.strip_prefix(".").unwrap_or(&self.path);
        format!("{}:{}", shown.display(), self.line)
    }
}

/// Checks one entry on its own: its name, and its aliases against its name and `never`.
fn check_entry(def: &Def, out: &mut Vec<Finding>) {
    if def.key.is_empty() {
        // A blank name is reported where it is written, by `parse`.
        if !def.name.is_empty() {
            let message = format!("term name \"{}\" has no letter or digit", def.name);
            let help = blank_help("name");
            out.push(def.finding(Severity::Error, message, Some(help)));
        }
        return;
    }
    let never: FxHashSet<String> = def.entry.never.iter().map(|n| ortho_key(n)).collect();
    let mut seen: FxHashMap<String, &str> = FxHashMap::default();
    for alias in &def.entry.aliases {
        let key = ortho_key(alias);
        if let Some(finding) = alias_problem(def, alias, &key, &never) {
            out.push(finding);
        } else if let Some(first) = seen.get(&key) {
            let message = if *first == alias {
                format!("alias \"{alias}\" is listed twice")
            } else {
                format!(
                    "alias \"{alias}\" repeats \"{first}\" (same letters, case and accents aside)"
                )
            };
            let help = format!("remove \"{alias}\" from `aliases`");
            out.push(def.finding(Severity::Warning, message, Some(help)));
        }
        seen.entry(key).or_insert(alias);
    }
}

/// What is wrong with one alias of `def` on its own, if anything.
fn alias_problem(def: &Def, alias: &str, key: &str, never: &FxHashSet<String>) -> Option<Finding> {
    if alias.trim().is_empty() {
        return None; // reported where it is written, by `parse`
    }
    if key.is_empty() {
        let message = format!("alias \"{alias}\" has no letter or digit: it matches nothing");
        let help = "remove it from `aliases`".to_owned();
        return Some(def.finding(Severity::Warning, message, Some(help)));
    }
    if alias.trim() == def.name {
        let message = format!("alias \"{alias}\" is the term's own name");
        let help = "remove it from `aliases`: the name is always matched".to_owned();
        return Some(def.finding(Severity::Error, message, Some(help)));
    }
    if key == def.key {
        // The matcher already restores case, accents and separators of the name by itself.
        let message = format!(
            "alias \"{alias}\" differs from the name only in case, accents, spaces or punctuation: the name already matches it"
        );
        let help = "remove it from `aliases`".to_owned();
        return Some(def.finding(Severity::Warning, message, Some(help)));
    }
    if never.contains(key) {
        let message = format!("\"{alias}\" is both in `aliases` and in `never`");
        let help =
            "keep it in one list: `aliases` to replace it, `never` to leave it alone".to_owned();
        return Some(def.finding(Severity::Error, message, Some(help)));
    }
    None
}

/// Names defined twice in one layer, and names that differ only in case or accents.
fn check_names(defs: &[&Def], out: &mut Vec<Finding>) {
    let mut by_name: FxHashMap<(usize, &str), &Def> = FxHashMap::default();
    let mut by_key: FxHashMap<&str, &Def> = FxHashMap::default();
    for &def in defs {
        if let Some(first) = by_name.get(&(def.layer, def.name.as_str())) {
            let message = if first.path == def.path {
                format!(
                    "\"{}\" is defined twice in this file (first at line {})",
                    def.name, first.line
                )
            } else {
                format!(
                    "\"{}\" is defined twice in one layer (first at {})",
                    def.name,
                    first.place()
                )
            };
            let help = "merge the two entries into one: otherwise they are two terms".to_owned();
            out.push(def.finding(Severity::Error, message, Some(help)));
        } else if let Some(first) = by_key.get(def.key.as_str()).filter(|f| f.name != def.name) {
            let message = format!(
                "\"{}\" differs from \"{}\" ({}) only in case, accents, spaces or punctuation: both claim the same words",
                def.name,
                first.name,
                first.place()
            );
            let help = "keep one spelling, and merge the entries".to_owned();
            out.push(def.finding(Severity::Warning, message, Some(help)));
        }
        by_name.entry((def.layer, &def.name)).or_insert(def);
        by_key.entry(&def.key).or_insert(def);
    }
}

/// Aliases naming another term (an error: the other term's name would be rewritten) and
/// aliases shared by two terms (ambiguous).
fn check_aliases(defs: &[&Def], out: &mut Vec<Finding>) {
    let mut names: FxHashMap<&str, &Def> = FxHashMap::default();
    for &def in defs {
        names.entry(&def.key).or_insert(def);
    }
    // Alias key → the first definition listing it (one report per later term, not per pair).
    let mut owners: FxHashMap<String, &Def> = FxHashMap::default();
    for &def in defs {
        let mut reported = FxHashSet::default();
        for alias in &def.entry.aliases {
            let key = ortho_key(alias);
            if key.is_empty() || key == def.key || !reported.insert(key.clone()) {
                continue;
            }
            if let Some(other) = names.get(key.as_str()) {
                let message = if other.name == alias.trim() {
                    format!(
                        "alias \"{alias}\" is the name of another term ({})",
                        other.place()
                    )
                } else {
                    format!(
                        "alias \"{alias}\" is the name of another term, \"{}\" ({})",
                        other.name,
                        other.place()
                    )
                };
                let help = format!(
                    "remove it from `aliases`: every \"{}\" would be rewritten as \"{}\"",
                    other.name, def.name
                );
                out.push(def.finding(Severity::Error, message, Some(help)));
                continue;
            }
            match owners.get(&key) {
                Some(first) if first.name != def.name => {
                    let message = format!(
                        "alias \"{alias}\" is also an alias of \"{}\" ({}): ambiguous",
                        first.name,
                        first.place()
                    );
                    let help = "keep it in the aliases of one term only".to_owned();
                    out.push(def.finding(Severity::Warning, message, Some(help)));
                }
                Some(_) => {}
                None => {
                    owners.insert(key, def);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Collisions with ordinary words

/// Words ranked below this in a language's frequency list are ordinary speech: the matcher's
/// own line between common and rare words (`lexicon::COMMON_RANK`).
const ORDINARY_RANK: usize = 30_000;

/// Most colliding words named in one warning: the most frequent say enough.
const MAX_SHOWN: usize = 4;

/// Name particles and function words: the matcher never ties a window to a term by these
/// alone (a copy of `matcher::index::PARTICLES`, which is private to the matcher).
const PARTICLES: &[&str] = &[
    "de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en", "sur", "the",
    "of", "and", "an", "for", "on", "in", "at", "van", "von", "der", "den", "da", "di", "del",
    "della", "dos", "das", "y", "al", "el", "bin", "ibn", "o", "st", "saint", "sainte",
];

/// Warns about terms that ordinary speech may be taken for: spelt or sounding like a common
/// word, or too short to be told apart. Checked once per term (the first definition), with the
/// `never` forms of every layer's definition of it.
fn check_collisions(defs: &[&Def], out: &mut Vec<Finding>) {
    let mut never: FxHashMap<&str, FxHashSet<String>> = FxHashMap::default();
    for def in defs {
        let keys = never.entry(&def.name).or_default();
        keys.extend(def.entry.never.iter().map(|n| ortho_key(n)));
    }
    let mut seen = FxHashSet::default();
    for &def in defs {
        if !seen.insert(def.name.as_str()) {
            continue;
        }
        let words = words(&def.name);
        // A short name is only matched as written: what it sounds like does not matter.
        let finding = short(def, &words).or_else(|| ordinary(def, &words, &never[&*def.name]));
        out.extend(finding);
    }
}

/// A word of a name: as written, and lowercase (NFC) for the lexicon and the readers.
struct Word {
    written: String,
    lower: String,
}

/// The words of a name, cut where the matcher cuts them (anything not a letter or digit).
fn words(name: &str) -> Vec<Word> {
    let nfc: String = name.nfc().collect();
    nfc.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| Word {
            written: w.to_owned(),
            lower: w.to_lowercase(),
        })
        .collect()
}

/// A one-word name of three letters or fewer: the matcher only takes it as written (or as an
/// alias, or spelt letter by letter), and such a short word is easily a word of speech.
fn short(def: &Def, words: &[Word]) -> Option<Finding> {
    let [word] = words else { return None };
    let letters = def.key.chars().count();
    if letters > 3 {
        return None;
    }
    let acronym = letters >= 2 && word.written.chars().all(|c| !c.is_lowercase());
    let (message, help) = if acronym {
        let spelt: Vec<String> = word.written.chars().map(String::from).collect();
        (
            format!(
                "\"{}\" is a {letters}-letter acronym: it is only matched where written as is or spelt out (\"{}\")",
                def.name,
                spelt.join(" ")
            ),
            "add the forms it is heard as to `aliases`, or use the full name with the acronym as an alias".to_owned(),
        )
    } else {
        (
            format!(
                "\"{}\" is very short ({letters} letters): it is only matched where written as is, and it is easily an ordinary word",
                def.name
            ),
            "use a longer name (a full name), and list the forms it is heard as in `aliases`"
                .to_owned(),
        )
    };
    Some(def.finding(Severity::Warning, message, Some(help)))
}

/// A name whose one distinctive word is spelt like a common word, or sounds like a frequent
/// one, in French or English: speech may be rewritten as the name. Forms the term's `never`
/// already lists are not counted.
fn ordinary(def: &Def, words: &[Word], never: &FxHashSet<String>) -> Option<Finding> {
    let mut distinctive = words.iter().filter(|w| !PARTICLES.contains(&&*w.lower));
    let (Some(word), None) = (distinctive.next(), distinctive.next()) else {
        return None;
    };
    let mut found = collisions(&word.lower);
    for list in [&mut found.spelt, &mut found.inflected, &mut found.sounds] {
        list.retain(|c| !never.contains(&ortho_key(c.word)));
    }
    if found.is_empty() {
        return None;
    }
    let message = collision_message(def, word, words.len() > 1, &found);
    Some(def.finding(Severity::Warning, message, Some(never_help(&found))))
}

/// The ordinary words a term word collides with, most frequent first in each list.
#[derive(Default)]
struct Collisions {
    /// Common words with the same spelling key: the word itself, as speech says it.
    spelt: Vec<Collision>,
    /// Their plurals or singulars, close in spelling and sound.
    inflected: Vec<Collision>,
    /// Frequent words read with the same phonemes.
    sounds: Vec<Collision>,
}

impl Collisions {
    fn is_empty(&self) -> bool {
        self.spelt.is_empty() && self.inflected.is_empty() && self.sounds.is_empty()
    }

    fn words(&self) -> impl Iterator<Item = &'static str> + '_ {
        (self.spelt.iter())
            .chain(&self.inflected)
            .chain(&self.sounds)
            .map(|c| c.word)
    }
}

/// What a lowercase term word collides with in either language.
fn collisions(lower: &str) -> Collisions {
    let key = ortho_key(lower);
    let mut found = Collisions::default();
    for lang in Lang::ALL {
        let vocabulary = Vocabulary::get(lang);
        // The term's own spelling first: it names the form in the messages.
        let mut spelt = vocabulary.spelt(&key).to_vec();
        spelt.sort_by_key(|&w| w != lower);
        for w in spelt {
            let forms = vocabulary.inflections(w);
            // The lists hold names too ("marseille", "cnil"); a word that takes a plural is
            // an ordinary noun or adjective, a name seldom is.
            if forms.is_empty() {
                continue;
            }
            push_new(&mut found.spelt, w, lang);
            for form in forms {
                push_new(&mut found.inflected, form, lang);
            }
        }
        for &w in vocabulary.sounding(lower) {
            if ortho_key(w) != key {
                push_new(&mut found.sounds, w, lang);
            }
        }
    }
    // A plural that also sounds the same ("oranges" in French) is listed once, as inflected.
    let inflected: FxHashSet<String> = found.inflected.iter().map(|c| ortho_key(c.word)).collect();
    found
        .sounds
        .retain(|c| !inflected.contains(&ortho_key(c.word)));
    found
}

/// An ordinary word a term collides with, and the languages it is a word of.
struct Collision {
    word: &'static str,
    langs: Vec<Lang>,
}

/// Adds `word` to `list`, or its language to the entry of the same spelling key: `never`
/// compares keys, so "elysée" and "élysée" are one form.
fn push_new(list: &mut Vec<Collision>, word: &'static str, lang: Lang) {
    let key = ortho_key(word);
    match list.iter_mut().find(|c| ortho_key(c.word) == key) {
        Some(c) if !c.langs.contains(&lang) => c.langs.push(lang),
        Some(_) => {}
        None => list.push(Collision {
            word,
            langs: vec![lang],
        }),
    }
}

/// "\"Orange\" is spelt like the common word \"orange\" (French, English), ...".
fn collision_message(def: &Def, word: &Word, in_phrase: bool, found: &Collisions) -> String {
    let subject = if in_phrase {
        format!(
            "\"{}\", the only distinctive word of \"{}\",",
            word.written, def.name
        )
    } else {
        format!("\"{}\"", def.name)
    };
    let mut parts = Vec::new();
    if !found.spelt.is_empty() {
        parts.push(format!(
            "is spelt like {}",
            listed(&found.spelt, "common word")
        ));
    }
    if !found.inflected.is_empty() {
        parts.push(format!("is close to {}", listed(&found.inflected, "word")));
    }
    if !found.sounds.is_empty() {
        parts.push(format!("sounds like {}", listed(&found.sounds, "word")));
    }
    let last = parts.pop().unwrap_or_default();
    let said = if parts.is_empty() {
        last
    } else {
        format!("{} and {last}", parts.join(", "))
    };
    format!("{subject} {said}: ordinary speech may be rewritten as this name")
}

/// `the common word "orange" (French, English)`, `the words "lion" (French), "lyon" (English)`.
fn listed(collisions: &[Collision], noun: &str) -> String {
    let shown: Vec<String> = collisions
        .iter()
        .take(MAX_SHOWN)
        .map(|c| {
            let langs: Vec<&str> = c.langs.iter().map(|&l| lang_name(l)).collect();
            format!("\"{}\" ({})", c.word, langs.join(", "))
        })
        .collect();
    let more = collisions.len().saturating_sub(MAX_SHOWN);
    let tail = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    let plural = if collisions.len() > 1 { "s" } else { "" };
    format!("the {noun}{plural} {}{tail}", shown.join(", "))
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "French",
        Lang::En => "English",
    }
}

/// `add never = ["orange", "oranges"], or use a longer name`, most frequent forms first.
fn never_help(found: &Collisions) -> String {
    let quoted: Vec<String> = found
        .words()
        .take(2 * MAX_SHOWN)
        .map(|f| format!("\"{f}\""))
        .collect();
    format!(
        "add `never = [{}]`, or use a longer name (a full name)",
        quoted.join(", ")
    )
}

/// The ordinary words of one language, by spelling key and by reading, most frequent first.
/// Built on first use: most commands never need it, and a few tens of milliseconds matter.
struct Vocabulary {
    common: FxHashSet<&'static str>,
    by_key: FxHashMap<String, Vec<&'static str>>,
    by_reading: FxHashMap<String, Vec<&'static str>>,
    lang: Lang,
}

static FR: OnceLock<Vocabulary> = OnceLock::new();
static EN: OnceLock<Vocabulary> = OnceLock::new();

impl Vocabulary {
    fn get(lang: Lang) -> &'static Vocabulary {
        match lang {
            Lang::Fr => {
                FR.get_or_init(|| Vocabulary::new(lang, include_str!("../../data/lexicon/fr.txt")))
            }
            Lang::En => {
                EN.get_or_init(|| Vocabulary::new(lang, include_str!("../../data/lexicon/en.txt")))
            }
        }
    }

    fn new(lang: Lang, list: &'static str) -> Self {
        let mut by_key: FxHashMap<String, Vec<&'static str>> = FxHashMap::default();
        let mut by_reading: FxHashMap<String, Vec<&'static str>> = FxHashMap::default();
        let mut common = FxHashSet::default();
        for word in list.lines().take(ORDINARY_RANK) {
            common.insert(word);
            by_key.entry(ortho_key(word)).or_default().push(word);
            let reading = read(lang, word);
            if !reading.is_empty() {
                by_reading.entry(reading).or_default().push(word);
            }
        }
        Vocabulary {
            common,
            by_key,
            by_reading,
            lang,
        }
    }

    /// Common words with this spelling key.
    fn spelt(&self, key: &str) -> &[&'static str] {
        self.by_key.get(key).map_or(&[], Vec::as_slice)
    }

    /// Common plurals of a common word ("oranges", "bijoux"), or its singular if it is one.
    fn inflections(&self, word: &str) -> Vec<&'static str> {
        let mut forms: Vec<String> = ["s", "x", "es"]
            .iter()
            .map(|ending| format!("{word}{ending}"))
            .collect();
        if let Some(stem) = word.strip_suffix(['s', 'x']) {
            forms.push(stem.to_owned());
        }
        forms
            .iter()
            .filter_map(|f| self.common.get(f.as_str()).copied())
            .collect()
    }

    /// Frequent words read like this lowercase word.
    fn sounding(&self, lower: &str) -> &[&'static str] {
        let reading = read(self.lang, lower);
        self.by_reading.get(&reading).map_or(&[], Vec::as_slice)
    }
}

fn read(lang: Lang, lower: &str) -> String {
    match lang {
        Lang::Fr => phonetic::french(lower),
        Lang::En => phonetic::english(lower),
    }
}
