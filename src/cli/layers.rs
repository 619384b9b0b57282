//! Which dictionary files are in effect, by layer, and which one takes new entries: the same
//! for every command, so that `check` and `dict list` always see the same terms.

use std::path::{Path, PathBuf};

use transfix::Dictionary;

use crate::cli::common::Failure;

/// Where dictionaries are read from when no `--dict` is given.
const DEFAULT_DICT_DIR: &str = "dictionaries";
/// Where `dict add`, `dict import` and `dict suggest --add` put new entries when no `--dict`
/// is given: a file of its own, so the shipped ones stay as they were.
const DEFAULT_DICT_FILE: &str = "local.toml";

/// The dictionary files in effect, by layer: `--dict` files or `./dictionaries/*.toml`, then
/// (unless `--isolated`) the personal layer, `*.toml` of `$XDG_CONFIG_HOME/transfix/dictionaries`.
pub(crate) struct Layers {
    pub(crate) layers: Vec<Vec<PathBuf>>,
    /// Where new entries go: the first `--dict` file, or `dictionaries/local.toml`.
    pub(crate) target: PathBuf,
}

impl Layers {
    pub(crate) fn resolve(dicts: &[PathBuf], isolated: bool) -> Result<Self, Failure> {
        let (base, target) = if dicts.is_empty() {
            let dir = Path::new(DEFAULT_DICT_DIR);
            if !dir.is_dir() {
                return Err(Failure::at(
                    &format!("{DEFAULT_DICT_DIR}/"),
                    "no such directory; put name dictionaries (*.toml) there or pass --dict FILE",
                ));
            }
            let files = Dictionary::files_in(dir).map_err(|e| Failure(e.to_string()))?;
            (files, dir.join(DEFAULT_DICT_FILE))
        } else {
            let target = if dicts[0].is_dir() {
                dicts[0].join(DEFAULT_DICT_FILE)
            } else {
                dicts[0].clone()
            };
            (expand_dirs(dicts)?, target)
        };
        let mut layers = vec![base];
        if let Some(dir) = personal_dir().filter(|d| d.is_dir() && !isolated) {
            // An empty personal directory is no error: it is optional.
            layers.extend(Dictionary::files_in(&dir).ok());
        }
        Ok(Layers {
            layers: once_each(layers),
            target,
        })
    }

    pub(crate) fn files(&self) -> impl Iterator<Item = &PathBuf> {
        self.layers.iter().flatten()
    }

    pub(crate) fn load(&self) -> Result<Dictionary, Failure> {
        Dictionary::load_layers(&self.layers).map_err(|e| Failure(e.to_string()))
    }
}

/// The file's own path, whatever the run calls it (`dictionaries/names.toml` from one
/// directory, `../names.toml` from another): one file, one path (the index cache keys and
/// names files by it).
pub(crate) fn as_it_is(file: &Path) -> PathBuf {
    std::fs::canonicalize(file).unwrap_or_else(|_| file.to_owned())
}

/// Each file once, where it is first listed: the same file named twice (`a.toml` and
/// `./a.toml`, or a personal directory linked to the project's) would load its entries twice,
/// and a cached index, which knows a file by its canonical path, could only give its terms one
/// of the two names.
fn once_each(layers: Vec<Vec<PathBuf>>) -> Vec<Vec<PathBuf>> {
    let mut seen = std::collections::HashSet::new();
    let mut first_time = |file: &PathBuf| seen.insert(as_it_is(file));
    (layers.into_iter())
        .map(|files| files.into_iter().filter(|f| first_time(f)).collect())
        .collect()
}

/// `--dict` arguments with each directory replaced by its `*.toml` files, in name order.
fn expand_dirs(dicts: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    for d in dicts {
        if d.is_dir() {
            files.extend(Dictionary::files_in(d).map_err(|e| Failure(e.to_string()))?);
        } else {
            files.push(d.clone());
        }
    }
    Ok(files)
}

/// The personal dictionary layer: `$XDG_CONFIG_HOME/transfix/dictionaries`, or
/// `~/.config/transfix/dictionaries`.
fn personal_dir() -> Option<PathBuf> {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(config.join("transfix").join("dictionaries"))
}
