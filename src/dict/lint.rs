//! `dict lint`.

use crate::cli::{Failure, Layers, Outcome, Streams};

pub fn run(_layers: &Layers, _streams: &Streams) -> Result<Outcome, Failure> {
    Err(Failure("dict lint: not implemented yet".into()))
}
