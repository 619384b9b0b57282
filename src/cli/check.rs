//! `transfix check`: every proposal of every input as a diagnostic, in text, brief or JSON,
//! and exit status 2 if there is any.

use std::path::PathBuf;

use clap::ValueEnum;
use transfix::Proposal;

use crate::cli::common::{Failure, Outcome, Streams, about_wrong, expected_wrong, plural};
use crate::cli::context::Context;
use crate::cli::input::{Part, Parts};
use crate::cli::mode::{Mode, Report};
use crate::cli::render;
use crate::cli::walk::Source;

/// How `check` shows each proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    Text,
    Brief,
    Json,
}

pub(crate) struct Check {
    pub(crate) format: Format,
    pub(crate) explain: bool,
    pub(crate) min_score: f64,
    pub(crate) files: Vec<PathBuf>,
}

impl Mode for Check {
    fn files(&self) -> &[PathBuf] {
        &self.files
    }

    fn file(&self, source: &Source, context: &Context) -> Result<Report, Failure> {
        let mut parts = Parts::open(&source.path, context)?;
        let mut out = String::new();
        let mut report = Report::default();
        let name = parts.name.clone();
        for part in parts.by_ref() {
            self.render(&mut out, &name, &part?, context.streams(), &mut report);
        }
        report.files = usize::from(report.proposals > 0);
        report.stdout = out.into_bytes();
        Ok(report)
    }

    fn finish(&self, totals: &Report, streams: &Streams, batch: bool) -> Outcome {
        let auto = transfix::matcher::AUTO_APPLY;
        if totals.proposals > 0 && self.format != Format::Json && !batch {
            streams.stderr(&format!(
                "{} in {}: {} applied by `transfix fix` (score >= {auto:.2}, {}), {} to review\n",
                plural(totals.proposals, "proposal", "proposals"),
                plural(totals.files, "file", "files"),
                totals.fixes,
                about_wrong(totals.expected_wrong),
                totals.proposals - totals.fixes,
            ));
        }
        Report::outcome(totals.proposals)
    }

    fn columns(&self, totals: &Report) -> Vec<(&'static str, String)> {
        vec![
            ("proposals", totals.proposals.to_string()),
            ("auto-fix", totals.fixes.to_string()),
            ("expected-wrong", format!("{:.1}", totals.expected_wrong)),
            ("review", (totals.proposals - totals.fixes).to_string()),
        ]
    }
}

impl Check {
    fn render(
        &self,
        out: &mut String,
        name: &str,
        part: &Part,
        streams: &Streams,
        report: &mut Report,
    ) {
        let auto = transfix::matcher::AUTO_APPLY;
        let opts = render::text::Options {
            snippet: self.format == Format::Text,
            explain: self.explain,
            auto_apply: auto,
            colors: streams.out,
        };
        for p in part.proposals.iter().filter(|p| p.score >= self.min_score) {
            match self.format {
                Format::Json => {
                    // Spans in JSON are the file's, for tools that edit it.
                    let start = part.base.byte;
                    let shifted = Proposal {
                        span: p.span.start + start..p.span.end + start,
                        ..p.clone()
                    };
                    out.push_str(&render::json::proposal(name, &shifted, auto));
                    out.push('\n');
                }
                Format::Text | Format::Brief => {
                    let source = part.transcript.source();
                    render::text::proposal(out, name, source, p, opts);
                    if opts.snippet {
                        out.push('\n');
                    }
                }
            }
            report.proposals += 1;
            if p.score >= auto {
                report.fixes += 1;
                report.expected_wrong += expected_wrong([p]);
            }
        }
    }
}
