//! `slaudit report` output: the report as JSON (typed data), or as a document
//! of headings, tables and lists rendered to GitHub-flavoured markdown or to
//! one self-contained HTML file (with inline SVG charts and a print
//! stylesheet). The document is laid out once ([`document`]); each renderer
//! only writes it.

mod document;
mod html;
mod markdown;

use std::io::Write;

use anyhow::Result;
use slaudit::report::Report;

pub use html::html;
pub use markdown::markdown;

/// The report as one JSON document (keys documented in `docs/output.md`).
pub fn json(out: &mut impl Write, r: &Report) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, r)?;
    out.write_all(b"\n")?;
    Ok(())
}
