//! How output is coloured: whether a stream is at all ([`Colors`]), and the styles used across
//! renderers.

use anstyle::{AnsiColor, Style};

pub const PATH: Style = Style::new().bold();
pub const ERROR: Style = AnsiColor::Red.on_default().bold();
pub const OLD: Style = AnsiColor::Red.on_default();
pub const NEW: Style = AnsiColor::Green.on_default();
pub const OLD_EMPH: Style = AnsiColor::Red.on_default().bold().underline();
pub const NEW_EMPH: Style = AnsiColor::Green.on_default().bold().underline();
pub const AUTO: Style = AnsiColor::Green.on_default();
pub const REVIEW: Style = AnsiColor::Yellow.on_default();
pub const GUTTER: Style = AnsiColor::Blue.on_default().bold();
pub const DIM: Style = Style::new().dimmed();
pub const HUNK: Style = AnsiColor::Cyan.on_default();

/// Whether to colour one output stream. Decided once per stream by the CLI (`--color`,
/// `NO_COLOR`, terminal detection); renderers write plain bytes when it is off, so machine
/// output (diffs, corrected text) is never filtered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colors {
    pub on: bool,
}

impl Colors {
    /// `text` wrapped in `style`'s ANSI codes, or `text` as is when colour is off.
    pub fn paint(self, style: Style, text: &str) -> String {
        if !self.on || text.is_empty() {
            return text.to_owned();
        }
        format!("{style}{text}{style:#}")
    }
}
