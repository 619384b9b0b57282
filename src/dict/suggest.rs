//! `dict suggest`.

use super::SuggestArgs;
use crate::cli::{Failure, Layers, Outcome, Streams};

pub fn run(_args: SuggestArgs, _layers: &Layers, _streams: &Streams) -> Result<Outcome, Failure> {
    Err(Failure("dict suggest: not implemented yet".into()))
}
