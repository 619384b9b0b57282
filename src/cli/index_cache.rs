//! The index cache: a large dictionary is prepared once, then read back from disk.
//!
//! Keyed by content, not by date: the key hashes this build of transfix and every dictionary
//! file of every layer (path and bytes), so any edit, any other file set or another version
//! means another key, and a stale index is never used. Files live in `$TRANSFIX_CACHE_DIR`,
//! else `$XDG_CACHE_HOME/transfix`, else `~/.cache/transfix`; the few most recently used are
//! kept. Any trouble with the cache (unwritable, damaged) only means building afresh.
//!
//! The file format is the engine's (`Index::write_cache`, `Index::read_cache`); this module
//! only decides where the files live, which one is used, and when they go.

use std::path::{Path, PathBuf};

use transfix::Index;

use crate::cli::common::Failure;
use crate::cli::layers::Layers;
use crate::cli::write::write_atomic_with;

/// Dictionaries smaller than this build in a few milliseconds: not worth a file.
const MIN_BYTES: u64 = 256 << 10;
/// Cached indexes kept (one per dictionary set in use, say).
const KEEP: usize = 4;

/// An index ready for matching, and the thread still writing it to the cache when it was
/// just built: matching need not wait for the file.
pub(crate) struct Loaded {
    pub index: &'static Index,
    writer: Option<std::thread::JoinHandle<()>>,
}

impl Loaded {
    /// Waits until the cache file is written (or has failed to be, which only means a build
    /// next time).
    pub fn finish(self) {
        if let Some(writer) = self.writer {
            let _ = writer.join();
        }
    }
}

/// The index of the dictionaries of `layers`: from the cache when it holds them, else built
/// (and then cached, on another thread) unless `use_cache` is false.
///
/// Never dropped: freeing a large index piece by piece takes longer than the process's exit,
/// which hands the memory back at once.
pub(crate) fn index(layers: &Layers, use_cache: bool) -> Result<Loaded, Failure> {
    let place = use_cache.then(|| place(layers)).flatten();
    if let Some(path) = &place
        && let Some(index) = read(path)
    {
        touch(path);
        let index = Box::leak(Box::new(index));
        return Ok(Loaded {
            index,
            writer: None,
        });
    }
    let index: &'static Index = Box::leak(Box::new(Index::build(&layers.load()?)));
    let writer = place.map(|path| std::thread::spawn(move || write(&path, index)));
    Ok(Loaded { index, writer })
}

/// Where the index of these dictionaries is cached, if they are worth caching.
fn place(layers: &Layers) -> Option<PathBuf> {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(b"transfix index\0");
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(&build_identity());
    let mut total = 0;
    for (i, layer) in layers.layers.iter().enumerate() {
        hasher.update(&(i as u64).to_le_bytes());
        for file in layer {
            let bytes = std::fs::read(file).ok()?; // unreadable: loading will say why
            total += bytes.len() as u64;
            hasher.update(file.as_os_str().as_encoded_bytes());
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            hasher.update(&bytes);
        }
    }
    if total < MIN_BYTES {
        return None;
    }
    Some(dir()?.join(format!("index-{:032x}.bin", hasher.digest128())))
}

/// Tells this build from another of the same version: a rebuilt binary may prepare
/// dictionaries differently.
fn build_identity() -> Vec<u8> {
    let meta = std::env::current_exe().and_then(std::fs::metadata);
    let Ok(meta) = meta else {
        return Vec::new();
    };
    let stamp = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    [meta.len().to_le_bytes().as_slice(), &stamp.to_le_bytes()].concat()
}

fn dir() -> Option<PathBuf> {
    let from_env = |name| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    from_env("TRANSFIX_CACHE_DIR")
        .or_else(|| from_env("XDG_CACHE_HOME").map(|d| d.join("transfix")))
        .or_else(|| from_env("HOME").map(|h| h.join(".cache").join("transfix")))
}

fn read(path: &Path) -> Option<Index> {
    let file = std::fs::File::open(path).ok()?;
    #[cfg(unix)]
    return Index::map_cache(&file).ok();
    #[cfg(not(unix))]
    {
        let mut input = std::io::BufReader::with_capacity(1 << 20, file);
        Index::read_cache(&mut input).ok()
    }
}

/// Marks a cached index as used, so that pruning keeps it.
fn touch(path: &Path) {
    if let Ok(file) = std::fs::File::options().append(true).open(path) {
        let _ = file.set_modified(std::time::SystemTime::now());
    }
}

fn write(path: &Path, index: &Index) {
    let Some(dir) = path.parent() else {
        return;
    };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let written = write_atomic_with(path, |out| {
        index.write_cache(out).map_err(std::io::Error::other)
    });
    if written.is_ok() {
        prune(dir);
    }
}

/// Removes all but the `KEEP` most recently used cached indexes.
fn prune(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut cached: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with("index-") && name.ends_with(".bin")
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    cached.sort_by_key(|c| std::cmp::Reverse(c.0));
    for (_, path) in cached.into_iter().skip(KEEP) {
        let _ = std::fs::remove_file(path);
    }
}
