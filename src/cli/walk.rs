//! The inputs of a batch: files named on the command line, and the transcripts found by
//! walking the directories named there.
//!
//! The walk is ripgrep's (the `ignore` crate): hidden files and what `.gitignore`, `.ignore`
//! and `.git/info/exclude` list are left out, in a git repository or not, and entries are
//! visited in name order, so the same tree always gives the same inputs in the same order.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::cli::common::{Failure, display_path, io_message};
use crate::cli::sniff::json_format;

/// Extensions of the files a walk takes and reads as detected (compared without case); `.json`
/// and `.xml` are taken only for a look at their content, `.ttml` and `.dfxp` always as TTML.
const EXTENSIONS: [&str; 6] = ["srt", "vtt", "ass", "ssa", "sbv", "txt"];

/// How much of an `.xml` file is read to find its root element.
const XML_LOOK: u64 = 64 << 10;

/// One input of a batch.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    pub(crate) path: PathBuf,
    /// Its path below the directory it was found in: the corrected copy keeps it.
    pub(crate) relative: Option<PathBuf>,
    /// A `.json` found by a walk that looks like a recogniser's JSON is read as that format, so
    /// that a broken one is an error rather than plain text with fixes in it; `.ttml`, `.dfxp`,
    /// and an `.xml` whose root is TTML's, as TTML.
    pub(crate) format: Option<transfix::Format>,
}

/// The inputs of a batch, in command-line order, each directory's in name order.
#[derive(Debug, Default)]
pub(crate) struct Batch {
    pub(crate) sources: Vec<Source>,
    /// Files a walk met that are not transcripts.
    pub(crate) skipped: usize,
    /// Whether a directory was named: a batch even when it holds one transcript.
    pub(crate) walked: bool,
    /// Directories or entries that could not be read; the rest of the batch goes on.
    pub(crate) errors: Vec<Failure>,
    /// Named directories where no transcript was found (worth a word, not an error).
    pub(crate) empty: Vec<PathBuf>,
}

impl Batch {
    /// More than one input, or a directory: the run ends with a summary table.
    pub(crate) fn is_batch(&self) -> bool {
        self.walked || self.sources.len() + self.errors.len() > 1
    }
}

/// Expands `args`: a directory becomes the transcripts found below it (never below `avoid`,
/// where `fix` writes), anything else is taken as it is.
pub(crate) fn collect(args: &[PathBuf], avoid: Option<&Path>) -> Batch {
    let avoid = avoid.and_then(|dir| std::fs::canonicalize(dir).ok());
    let mut batch = Batch::default();
    for arg in args {
        if arg.as_os_str() != "-" && arg.is_dir() {
            batch.walked = true;
            let before = batch.sources.len();
            walk(arg, avoid.clone(), &mut batch);
            if batch.sources.len() == before {
                batch.empty.push(arg.clone());
            }
        } else {
            batch.sources.push(Source {
                path: arg.clone(),
                relative: None,
                format: None,
            });
        }
    }
    batch
}

fn walk(root: &Path, avoid: Option<PathBuf>, batch: &mut Batch) {
    let walker = ignore::WalkBuilder::new(root)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |entry| {
            // The output directory, when it lies inside the tree: its copies are not inputs.
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !(is_dir
                && entry.depth() > 0
                && avoid.as_deref().is_some_and(|a| same(a, entry.path())))
        })
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                batch.errors.push(walk_failure(root, e));
                continue;
            }
        };
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        match transcript_format(entry.path()) {
            Ok(Some(format)) => batch.sources.push(Source {
                path: entry.path().to_owned(),
                relative: entry.path().strip_prefix(root).ok().map(Path::to_owned),
                format,
            }),
            Ok(None) => batch.skipped += 1,
            Err(e) => (batch.errors).push(Failure::at(&display_path(entry.path()), io_message(&e))),
        }
    }
}

fn same(canonical: &Path, path: &Path) -> bool {
    std::fs::canonicalize(path).is_ok_and(|p| p == canonical)
}

fn walk_failure(root: &Path, e: ignore::Error) -> Failure {
    let path = walk_error_path(&e).map_or_else(|| display_path(root), display_path);
    let message = match e.io_error() {
        Some(io) => io_message(io),
        None => e.to_string(),
    };
    Failure::at(&path, message)
}

fn walk_error_path(e: &ignore::Error) -> Option<&Path> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        _ => None,
    }
}

/// Whether a file found by a walk is a transcript: `Some(format to force)` if so.
fn transcript_format(path: &Path) -> std::io::Result<Option<Option<transfix::Format>>> {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match extension.as_deref() {
        Some("json") => {
            let file = std::fs::File::open(path)?;
            Ok(json_format(file)?.map(Some))
        }
        Some("ttml" | "dfxp") => Ok(Some(Some(transfix::Format::Ttml))),
        Some("xml") => {
            let file = std::fs::File::open(path)?;
            Ok(looks_like_ttml(file)?.then_some(Some(transfix::Format::Ttml)))
        }
        Some(ext) if EXTENSIONS.contains(&ext) => Ok(Some(None)),
        _ => Ok(None),
    }
}

/// Whether an XML file's root element is TTML's `<tt>`: its first bytes are enough, in any
/// encoding transfix detects. Other XML (a feed, a project file) is no transcript.
pub(crate) fn looks_like_ttml(reader: impl Read) -> std::io::Result<bool> {
    let mut start = Vec::new();
    reader.take(XML_LOOK).read_to_end(&mut start)?;
    let text = match transfix::transcript::encoding::decode(&start, None) {
        Ok(decoded) => decoded.text,
        // A character cut at the end of the look.
        Err(_) => String::from_utf8_lossy(&start).into_owned(),
    };
    Ok(transfix::transcript::has_ttml_root(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ttml_is_told_from_other_xml() {
        let yes = |s: &[u8]| looks_like_ttml(s).unwrap();
        let ttml = "<?xml version=\"1.0\"?>\n<tt xmlns=\"http://www.w3.org/ns/ttml\"><body/></tt>";
        assert!(yes(ttml.as_bytes()));
        let utf16: Vec<u8> = "\u{feff}<tt xmlns='http://www.w3.org/ns/ttml'/>"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(yes(&utf16));
        let long = format!("{ttml}{}", "é".repeat(40_000));
        assert!(yes(long.as_bytes()), "a character cut by the look");
        assert!(!yes(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"/>"));
        assert!(!yes(b"<tt><body/></tt>"), "no TTML namespace");
        assert!(!yes(b""));
    }
}
