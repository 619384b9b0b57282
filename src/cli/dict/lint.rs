//! `dict lint`: renders the findings of `transfix::dictionary::lint` compiler-style, one per
//! line with its help below, and turns them into the exit status (1 if any error).

use std::path::PathBuf;

use anstyle::{AnsiColor, Style};
use transfix::dictionary::lint::{self, Finding, Report, Severity, Source};

use crate::cli::common::{Failure, Outcome, Streams, display_path, io_message, plural};
use crate::cli::layers::Layers;
use crate::cli::render::{Colors, style};

const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const HELP: Style = AnsiColor::Cyan.on_default().bold();

pub fn run(layers: &Layers, streams: &Streams) -> Result<Outcome, Failure> {
    // Read here rather than by `lint::lint_files`, for I/O errors worded as everywhere else.
    let sources: Vec<Vec<Source>> = layers
        .layers
        .iter()
        .map(|files| {
            let read = |path: &PathBuf| Source {
                path: path.clone(),
                text: std::fs::read_to_string(path).map_err(|e| io_message(&e)),
            };
            files.iter().map(read).collect()
        })
        .collect();
    let report = lint::lint(&sources);
    let mut out = String::new();
    for finding in &report.findings {
        render(&mut out, finding, streams.out);
    }
    streams.stdout(out.as_bytes())?;
    let summary = summary(&report, layers.files().count());
    if report.errors() > 0 {
        // Printed as `error: ...` by the caller, and exit status 1.
        return Err(Failure(summary));
    }
    streams.stderr(&format!("{summary}\n"));
    Ok(Outcome::Clean)
}

/// `dicts/a.toml:3: error: message` and, when there is one, `  = help: suggestion`.
fn render(out: &mut String, finding: &Finding, colors: Colors) {
    let mut place = display_path(&finding.path);
    for n in [finding.line, finding.column].into_iter().flatten() {
        place.push_str(&format!(":{n}"));
    }
    let label = match finding.severity {
        Severity::Error => colors.paint(style::ERROR, "error:"),
        Severity::Warning => colors.paint(WARNING, "warning:"),
    };
    out.push_str(&format!(
        "{}: {label} {}\n",
        colors.paint(style::PATH, &place),
        finding.message
    ));
    if let Some(help) = &finding.suggestion {
        out.push_str(&format!("  = {} {help}\n", colors.paint(HELP, "help:")));
    }
}

/// `2 errors and 1 warning in 3 files (12 terms)`, or `no problems in ...`.
fn summary(report: &Report, files: usize) -> String {
    let (errors, warnings) = (report.errors(), report.warnings());
    let found = match (errors, warnings) {
        (0, 0) => "no problems".to_owned(),
        (0, w) => plural(w, "warning", "warnings"),
        (e, 0) => plural(e, "error", "errors"),
        (e, w) => format!(
            "{} and {}",
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings")
        ),
    };
    format!(
        "{found} in {} ({})",
        plural(files, "dictionary file", "dictionary files"),
        plural(report.terms, "term", "terms")
    )
}
