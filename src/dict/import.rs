//! `dict import`.

use std::path::Path;

use crate::cli::{Failure, Layers, Outcome, Streams};

pub fn run(_file: &Path, _layers: &Layers, _streams: &Streams) -> Result<Outcome, Failure> {
    Err(Failure("dict import: not implemented yet".into()))
}
