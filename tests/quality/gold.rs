//! Gold files (`*.gold.toml`, format in `tests/data/eval/dev/README.md`) and the
//! transcripts beside them.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::score::{self, Span};

#[derive(Debug, Clone, Deserialize)]
pub struct GoldFix {
    pub wrong: String,
    #[serde(default = "one")]
    pub occurrence: usize,
    pub right: String,
    #[serde(default = "core")]
    pub level: String,
    /// What kind of error (`phonetic`, `split`, ...; see the dev README), when annotated.
    #[serde(default)]
    pub kind: Option<String>,
}

fn one() -> usize {
    1
}

fn core() -> String {
    "core".into()
}

#[derive(Debug, Clone, Deserialize)]
struct GoldFile {
    source: Option<String>,
    #[serde(default)]
    terms: Vec<String>,
    #[serde(default)]
    fix: Vec<GoldFix>,
}

/// One annotated transcript, ready to score.
#[derive(Debug)]
pub struct Case {
    /// File name of the transcript.
    pub name: String,
    pub gold_path: PathBuf,
    pub transcript_path: PathBuf,
    pub bytes: Vec<u8>,
    pub raw: String,
    pub terms: Vec<String>,
    /// The gold fixes located in `raw` (case-only fixes dropped), as score.py's `spans`.
    pub spans: Vec<Span>,
    /// The hard-negative phrases of the `# must stay unchanged` comment.
    pub negatives: Vec<String>,
}

/// Loads a gold file and its transcript. `transcript` is None to find it as score.py does.
pub fn load_case(gold_path: &Path, transcript: Option<&Path>) -> Case {
    let text = read_text(gold_path);
    let gold: GoldFile =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", gold_path.display()));
    let txt = transcript.map_or_else(|| transcript_beside(gold_path), Path::to_path_buf);
    let bytes = std::fs::read(&txt).unwrap_or_else(|e| panic!("{}: {e}", txt.display()));
    let raw = String::from_utf8(bytes.clone())
        .unwrap_or_else(|e| panic!("{}: not UTF-8: {e}", txt.display()));
    let spans =
        score::spans(&raw, &gold.fix).unwrap_or_else(|e| panic!("{}: {e}", gold_path.display()));
    let _ = gold.source; // informative only: dev paths are relative to the eval folder
    Case {
        name: file_name(&txt),
        gold_path: gold_path.to_path_buf(),
        transcript_path: txt,
        bytes,
        raw,
        terms: gold.terms,
        spans,
        negatives: hard_negatives(&text),
    }
}

/// Every `*.gold.toml` of `dir`, sorted, with its transcript (as score.py pairs them).
pub fn load_dir(dir: &Path) -> Vec<Case> {
    let mut golds: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| file_name(p).ends_with(".gold.toml"))
        .collect();
    golds.sort();
    golds.iter().map(|g| load_case(g, None)).collect()
}

/// The one non-TOML file named `<stem>.*` beside `<stem>.gold.toml`.
fn transcript_beside(gold_path: &Path) -> PathBuf {
    let name = file_name(gold_path);
    let prefix = format!("{}.", &name[..name.len() - ".gold.toml".len()]);
    let dir = gold_path.parent().expect("gold file in a folder");
    let found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| {
            let n = file_name(p);
            n.starts_with(&prefix) && !n.ends_with(".toml")
        })
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{}: expected one transcript beside it, found {found:?}",
        gold_path.display()
    );
    found.into_iter().next().expect("one transcript")
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

fn read_text(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Marker of the comment line listing the hard negatives.
const NEGATIVES_MARKER: &str = "# must stay unchanged (hard negatives, right spellings):";

/// Notes that follow a right spelling listed without a parenthesis.
const NEGATIVE_NOTES: [&str; 3] = [" spelled right", ": name split", " split across"];

/// The phrases of the hard-negatives comment. Items read `phrase (term it resembles)` or
/// `phrase spelled right [later]` / `first | last split across two cues`; the phrase is
/// what comes before the parenthesis or the note. Cross-cue names keep their ` | `, so
/// they are never found verbatim and are reported as skipped.
pub fn hard_negatives(gold_text: &str) -> Vec<String> {
    let Some(line) = gold_text.lines().find(|l| l.starts_with(NEGATIVES_MARKER)) else {
        return Vec::new();
    };
    line[NEGATIVES_MARKER.len()..]
        .split(';')
        .map(|item| {
            let cut = item
                .find('(')
                .or_else(|| NEGATIVE_NOTES.iter().filter_map(|n| item.find(n)).min());
            item[..cut.unwrap_or(item.len())].trim().to_owned()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hard_negatives() {
        let text = format!(
            "{NEGATIVES_MARKER} Dennis from Ohio (Demis); GLP-1 spelled right later; \
             Yves-François | Blanchette: name split across two cues; \
             Antoine | Griezmann split across two cues, correct\n"
        );
        assert_eq!(
            hard_negatives(&text),
            [
                "Dennis from Ohio",
                "GLP-1",
                "Yves-François | Blanchette",
                "Antoine | Griezmann"
            ]
        );
    }
}
