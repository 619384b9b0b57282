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
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        fill(&mut out)?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
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
}
