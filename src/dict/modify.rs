//! `dict add`, `dict alias`, `dict never`, `dict remove`, `dict rename`.

use super::AddArgs;
use crate::cli::{Failure, Layers, Outcome, Streams};

/// Which list of an entry `dict alias` / `dict never` add to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Aliases,
    Never,
}

pub fn add(_args: AddArgs, _layers: &Layers, _streams: &Streams) -> Result<Outcome, Failure> {
    Err(Failure("dict add: not implemented yet".into()))
}

pub fn forms(
    _name: &str,
    _forms: &[String],
    _list: List,
    _layers: &Layers,
    _streams: &Streams,
) -> Result<Outcome, Failure> {
    Err(Failure("dict alias/never: not implemented yet".into()))
}

pub fn remove(_name: &str, _layers: &Layers, _streams: &Streams) -> Result<Outcome, Failure> {
    Err(Failure("dict remove: not implemented yet".into()))
}

pub fn rename(
    _old: &str,
    _new: &str,
    _layers: &Layers,
    _streams: &Streams,
) -> Result<Outcome, Failure> {
    Err(Failure("dict rename: not implemented yet".into()))
}
