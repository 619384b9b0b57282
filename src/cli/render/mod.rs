//! Everything that formats text for people or programs. The library never prints; this does.

pub mod diff;
pub mod json;
pub mod review;
pub mod style;
pub mod text;

pub use style::Colors;
