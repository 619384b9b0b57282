//! Where a corrected copy goes, for `fix` and `review` alike: below the output directory under
//! the input's own name, or over the input only when asked to.

use std::path::{Path, PathBuf};

use crate::cli::common::{Failure, display_path};

/// Where `fix` and `review` write corrected copies by default.
pub(crate) const DEFAULT_OUT_DIR: &str = "corrected";

/// Where the corrected copy of `path` goes: `out_dir` (default `corrected/`) under the
/// input's own name, or the input itself when `in_place`. For a file found by a walk,
/// `relative`, its path below the walked directory, is kept below `out_dir`
/// (`talks/day1/a.srt` from `talks` goes to `corrected/day1/a.srt`).
pub(crate) fn corrected_path_below(
    name: &str,
    path: &Path,
    relative: Option<&Path>,
    out_dir: Option<&Path>,
    in_place: bool,
) -> Result<PathBuf, Failure> {
    if in_place {
        return Ok(path.to_owned());
    }
    let Some(file_name) = path.file_name() else {
        return Err(Failure::at(name, "not a file name"));
    };
    let below = relative.unwrap_or(Path::new(file_name));
    let dest = out_dir.unwrap_or(Path::new(DEFAULT_OUT_DIR)).join(below);
    if same_file(&dest, path) {
        return Err(Failure::at(
            name,
            format!(
                "the corrected copy would overwrite the input ({}); pass --in-place to correct it in place, or another --out-dir",
                display_path(&dest)
            ),
        ));
    }
    Ok(dest)
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
