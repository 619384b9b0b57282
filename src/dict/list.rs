//! `dict list` and `dict show`.

use transfix::Kind;

use super::ListFormat;
use crate::cli::{Failure, Layers, Outcome, Streams};

pub fn list(
    _kind: Option<Kind>,
    _grep: Option<&str>,
    _format: ListFormat,
    _layers: &Layers,
    _streams: &Streams,
) -> Result<Outcome, Failure> {
    Err(Failure("dict list: not implemented yet".into()))
}

pub fn show(_name: &str, _layers: &Layers, _streams: &Streams) -> Result<Outcome, Failure> {
    Err(Failure("dict show: not implemented yet".into()))
}
