//! transfix: find mis-transcribed names and terms in automatic transcripts.
//!
//! The engine reads a [`Transcript`], matches it against an [`Index`] built from a
//! [`Dictionary`], and returns [`Proposal`]s. It never prints: rendering, exit codes and
//! the terminal belong to the binary.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod dictionary;
pub mod matcher;
pub mod proposal;
pub mod review;
pub mod transcript;

pub use dictionary::{Dictionary, Entry, Kind, Origin};
pub use matcher::{Index, Matcher};
pub use proposal::{Proposal, Reason};
pub use transcript::{Edit, Format, Segment, Transcript};

/// An I/O error as one lower-case phrase, without the `(os error N)` suffix: how every message
/// of transfix words it.
pub fn io_message(e: &std::io::Error) -> String {
    let text = e.to_string();
    let text = text.find(" (os error").map_or(&text[..], |i| &text[..i]);
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}
