//! The index cache: a large dictionary is prepared once, then read back from disk.
//!
//! Keyed by content, not by date: the key hashes this build of transfix and every dictionary
//! file of every layer (its own path, however the run names it, and its bytes), so any edit,
//! any other file set or another version means another key, and a stale index is never used.
//! The file names the dictionaries by their own paths too; read back, they take the run's
//! names again, as proposals show them. Files live in `$TRANSFIX_CACHE_DIR`,
//! else `$XDG_CACHE_HOME/transfix`, else `~/.cache/transfix`; the few most recently used are
//! kept. Any trouble with the cache (unwritable, damaged) only means building afresh.
//!
//! A file's name also says which dictionary files it indexes (the set: paths, layers and
//! build, without the bytes). After an edit, the latest index of the same set is updated
//! (`Index::update`) rather than the dictionaries indexed from nothing.
//!
//! The file format is the engine's (`Index::write_cache`, `Index::read_cache`); this module
//! only decides where the files live, which one is used, and when they go.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use transfix::{Dictionary, Index};

use crate::cli::common::Failure;
use crate::cli::layers::{Layers, as_it_is};
use crate::cli::write::write_atomic_with;

/// Dictionaries smaller than this build in a few milliseconds: not worth a file.
const MIN_BYTES: u64 = 256 << 10;
/// Cached indexes kept (one per dictionary set in use, say).
const KEEP: usize = 4;

/// An index ready for matching, and the thread still writing it to the cache when it was
/// just built or updated: matching need not wait for the file.
pub(crate) struct Loaded {
    index: Arc<Index>,
    writer: Option<std::thread::JoinHandle<()>>,
}

impl Loaded {
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Waits until the cache file is written (or has failed to be, which only means a build
    /// next time). The index is never dropped: freeing a large index piece by piece takes
    /// longer than the process's exit, which hands the memory back at once.
    pub fn finish(self) {
        if let Some(writer) = self.writer {
            let _ = writer.join();
        }
        std::mem::forget(self.index);
    }

    /// The index itself, to be updated in memory (see `review`), once it is written.
    pub fn into_index(self) -> Index {
        if let Some(writer) = self.writer {
            let _ = writer.join();
        }
        // The writer held the only other reference, and has ended.
        Arc::try_unwrap(self.index).unwrap_or_else(|_| unreachable!("the index is shared"))
    }
}

/// The index of `dictionary`, the dictionaries of `layers`: from the cache when it holds
/// them, else updated from the latest cached index of the same files, else built (and then
/// cached, on another thread) unless `use_cache` is false.
pub(crate) fn index<D: Borrow<Dictionary>>(
    layers: &Layers,
    dictionary: impl FnOnce() -> Result<D, Failure>,
    use_cache: bool,
) -> Result<Loaded, Failure> {
    let start = std::time::Instant::now();
    let place = use_cache.then(|| place(layers)).flatten();
    if let Some(place) = &place
        && let Some(mut index) = read(&place.path)
    {
        touch(&place.path);
        // The file names its dictionaries as they are, whatever the run that wrote it
        // called them: back to this run's names, which proposals show.
        let names: HashMap<PathBuf, &PathBuf> =
            (layers.files()).map(|f| (as_it_is(f), f)).collect();
        index.rename_origins(&|path| names.get(path).map(|&f| f.clone()));
        report("read from the cache", start);
        return Ok(Loaded {
            index: Arc::new(index),
            writer: None,
        });
    }
    // The index to update is mapped and checked while the dictionaries are parsed.
    let (dictionary, earlier) = std::thread::scope(|scope| {
        let earlier = scope.spawn(|| {
            place
                .as_ref()
                .and_then(Place::earlier)
                .and_then(|p| read(&p))
        });
        let dictionary = dictionary();
        (dictionary, earlier.join().ok().flatten())
    });
    let dictionary = dictionary?;
    let dictionary = dictionary.borrow();
    let index = match earlier.and_then(|earlier| earlier.update(dictionary)) {
        Some(updated) => {
            report("updated from the cache", start);
            updated
        }
        None => {
            let built = Index::build(dictionary);
            report("built", start);
            built
        }
    };
    let index = Arc::new(index);
    let writer = place.map(|place| {
        let index = index.clone();
        std::thread::spawn(move || write(&place.path, &index))
    });
    Ok(Loaded { index, writer })
}

/// With `TRANSFIX_TIMINGS` set, says on stderr how the index was had and how long it took
/// (from the dictionaries' reading): benchmarks and tests read it.
fn report(how: &str, start: std::time::Instant) {
    if std::env::var_os("TRANSFIX_TIMINGS").is_some_and(|v| !v.is_empty()) {
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        eprintln!("transfix: index {how} in {ms:.0} ms");
    }
}

/// Where the index of a set of dictionaries is cached: `index-BUILD-SET-CONTENT.bin`.
struct Place {
    /// The file of this content.
    path: PathBuf,
    /// The start of the names of this build's files (`index-BUILD-`), and of those of this
    /// set of dictionary files whatever their content (`index-BUILD-SET-`).
    build: String,
    set: String,
}

impl Place {
    /// The cached index to update into this one: the one of the same dictionary files used
    /// last, else the one of this build used last (a file added to the set, as the first
    /// `dict add` makes `local.toml`, or one taken out). Any index of this build will do, as
    /// an update either makes the right index or declines; the closer, the quicker.
    fn earlier(&self) -> Option<PathBuf> {
        let dir = self.path.parent()?;
        let latest = |start: &str| {
            cached(dir)
                .filter(|(_, path)| {
                    let name = path.file_name().and_then(|n| n.to_str());
                    name.is_some_and(|n| n.starts_with(start))
                })
                .max_by_key(|(modified, _)| *modified)
                .map(|(_, path)| path)
        };
        latest(&self.set).or_else(|| latest(&self.build))
    }
}

/// Where the index of these dictionaries is cached, if they are worth caching.
fn place(layers: &Layers) -> Option<Place> {
    let mut build = xxhash_rust::xxh3::Xxh3::new();
    build.update(b"transfix index\0");
    build.update(env!("CARGO_PKG_VERSION").as_bytes());
    build.update(&build_identity());
    let (mut set, mut content) = (
        xxhash_rust::xxh3::Xxh3::new(),
        xxhash_rust::xxh3::Xxh3::new(),
    );
    let mut total = 0;
    for (i, layer) in layers.layers.iter().enumerate() {
        set.update(&(i as u64).to_le_bytes());
        for file in layer {
            // Unreadable: loading will say why.
            total += hash_file(file, &mut content).ok()?;
            set.update(as_it_is(file).as_os_str().as_encoded_bytes());
            set.update(&[0]);
        }
    }
    if total < MIN_BYTES {
        return None;
    }
    let build = format!("index-{:016x}-", build.digest());
    let set = format!("{build}{:016x}-", set.digest());
    content.update(set.as_bytes());
    let path = dir()?.join(format!("{set}{:032x}.bin", content.digest128()));
    Some(Place { path, build, set })
}

/// Hashes the length of `file`, then its bytes, read a piece at a time: a million-entry
/// dictionary is 64 MB that a run which finds its index cached never needs whole. Returns the
/// length; a file that changes length while it is read is an error (loading reads it again).
fn hash_file(file: &Path, content: &mut xxhash_rust::xxh3::Xxh3) -> std::io::Result<u64> {
    use std::io::Read;
    let mut input = std::fs::File::open(file)?;
    let len = input.metadata()?.len();
    content.update(&len.to_le_bytes());
    let mut buffer = vec![0; 1 << 16];
    let mut read = 0;
    loop {
        let n = match input.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        content.update(&buffer[..n]);
        read += n as u64;
    }
    if read != len {
        return Err(std::io::Error::other("the file changed while it was read"));
    }
    Ok(len)
}

/// Every cached index of `dir`, with when it was last used.
fn cached(dir: &Path) -> impl Iterator<Item = (std::time::SystemTime, PathBuf)> {
    (std::fs::read_dir(dir).into_iter().flatten().flatten())
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with("index-") && name.ends_with(".bin")
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
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
        (index.write_cache_naming(out, &as_it_is)).map_err(std::io::Error::other)
    });
    if written.is_ok() {
        prune(dir);
    }
}

/// Removes all but the `KEEP` most recently used cached indexes.
fn prune(dir: &Path) {
    let mut cached: Vec<(std::time::SystemTime, PathBuf)> = cached(dir).collect();
    cached.sort_by_key(|c| std::cmp::Reverse(c.0));
    for (_, path) in cached.into_iter().skip(KEEP) {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_hashed_in_pieces_hashes_as_its_length_and_bytes() {
        let path = std::env::temp_dir().join(format!("transfix-hash-{}", std::process::id()));
        let bytes: Vec<u8> = (0..200_000u32).map(|i| (i % 253) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        let mut pieces = xxhash_rust::xxh3::Xxh3::new();
        assert_eq!(hash_file(&path, &mut pieces).unwrap(), bytes.len() as u64);
        let mut whole = xxhash_rust::xxh3::Xxh3::new();
        whole.update(&(bytes.len() as u64).to_le_bytes());
        whole.update(&bytes);
        assert_eq!(pieces.digest128(), whole.digest128());
        let _ = std::fs::remove_file(&path);
    }

    #[test]
    fn the_index_updated_is_the_latest_of_the_same_dictionaries_else_of_the_build() {
        let dir = std::env::temp_dir().join(format!("transfix-latest-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let at = |name: &str, seconds: u64| {
            let path = dir.join(name);
            std::fs::write(&path, b"").unwrap();
            let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(seconds);
            let file = std::fs::File::options().append(true).open(&path).unwrap();
            file.set_modified(when).unwrap();
            path
        };
        at("index-b1-s1-01.bin", 100);
        let latest_of_s1 = at("index-b1-s1-02.bin", 300);
        let latest_of_b1 = at("index-b1-s2-01.bin", 400);
        at("index-b2-s1-01.bin", 500);
        at("index-b1-s1-03.tmp", 600);
        let place = |build: &str, set: &str| Place {
            path: dir.join(format!("index-{build}-{set}-04.bin")),
            build: format!("index-{build}-"),
            set: format!("index-{build}-{set}-"),
        };
        assert_eq!(place("b1", "s1").earlier(), Some(latest_of_s1));
        assert_eq!(place("b1", "s3").earlier(), Some(latest_of_b1));
        assert_eq!(place("b3", "s1").earlier(), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
