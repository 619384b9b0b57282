//! Writing files so that an interrupted run leaves the old file or the new one, never a part.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::common::{Failure, display_path, io_message};

/// Copies `path` to `path.bak` (atomically, like every write) before it is replaced.
pub(crate) fn keep_backup(path: &Path) -> Result<(), Failure> {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    let backup = PathBuf::from(name);
    let shown = display_path(&backup);
    let original =
        std::fs::read(path).map_err(|e| Failure::at(&display_path(path), io_message(&e)))?;
    write_atomic(&backup, &original).map_err(|e| Failure::at(&shown, io_message(&e)))
}

/// Writes `bytes` to `dest` through a temporary file in the same directory and a rename, so
/// `dest` is either the old file or the complete new one. Keeps an existing file's permissions.
pub(crate) fn write_atomic(dest: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(dest, |out| out.write_all(bytes))
}

/// [`write_atomic`] of what `fill` writes: the content is never whole in memory. If `fill`
/// fails, the temporary file is removed and `dest` stays as it was.
pub(crate) fn write_atomic_with<E: From<std::io::Error>>(
    dest: &Path,
    fill: impl FnOnce(&mut dyn Write) -> Result<(), E>,
) -> Result<(), E> {
    let dir = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = dest
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy());
    let tmp = dir.join(format!(".{name}.transfix-{}.tmp", std::process::id()));
    let result = (|| -> Result<(), E> {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        let mut out = std::io::BufWriter::with_capacity(CHUNK, Chunked(file));
        fill(&mut out)?;
        let Chunked(file) = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        if let Ok(meta) = std::fs::metadata(dest) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        Ok(std::fs::rename(&tmp, dest)?)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Most bytes handed to the system in one write.
const CHUNK: usize = 1 << 16;

/// A file written at most `CHUNK` bytes at a time. Linux caches a file in pages as large as
/// the writes that filled them (up to 2 MB), and a process that maps the file is charged a
/// whole page for any byte it reads: with the cached index written in 2 MB pages, a
/// 2,200-word transcript matched against a million entries mapped 1.27 GB of it; written in
/// 64 kB pieces, 0.79 GB, as much as the kernel maps around a read anyway.
struct Chunked<W>(W);

impl<W: Write> Write for Chunked<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(&bytes[..bytes.len().min(CHUNK)])
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_file() {
        let dir = std::env::temp_dir().join(format!("transfix-write-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let dest = dir.join("a.txt");
        std::fs::write(&dest, "old").unwrap();
        write_atomic(&dest, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "new");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn large_writes_reach_the_file_in_chunks() {
        /// Records the size of each write it is handed.
        #[derive(Default)]
        struct Recorder {
            bytes: Vec<u8>,
            writes: Vec<usize>,
        }
        impl Write for Recorder {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                self.bytes.extend_from_slice(bytes);
                self.writes.push(bytes.len());
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let content: Vec<u8> = (0..5 * CHUNK + 123).map(|i| (i % 251) as u8).collect();
        let mut out = std::io::BufWriter::with_capacity(CHUNK, Chunked(Recorder::default()));
        out.write_all(b"head").unwrap();
        out.write_all(&content).unwrap();
        let Chunked(recorded) = out.into_inner().map_err(|e| e.into_error()).unwrap();
        assert_eq!(recorded.bytes, [&b"head"[..], &content].concat());
        assert!(recorded.writes.len() > 5);
        assert!(recorded.writes.iter().all(|&n| n <= CHUNK));
    }
}
