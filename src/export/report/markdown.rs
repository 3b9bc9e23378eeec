//! The report as GitHub-flavoured markdown: headings, pipe tables, lists.

use std::io::Write;

use anyhow::Result;
use slaudit::report::Report;

use super::document::{document, Block};

/// A table cell: pipes escaped, line breaks as spaces, never empty (an empty
/// cell reads as a missing one).
fn cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.trim().is_empty() {
        return " ".into();
    }
    if !s.chars().any(|c| c == '|' || c == '\\' || c.is_control()) {
        return s.into();
    }
    let s = s.replace('\\', "\\\\").replace('|', "\\|");
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .into()
}

/// Text outside tables: control characters dropped.
fn text(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

pub fn markdown(out: &mut impl Write, r: &Report) -> Result<()> {
    let mut first = true;
    let blocks = document(r)
        .into_iter()
        .filter(|b| !matches!(b, Block::Chart(_)));
    for block in blocks {
        if !first {
            out.write_all(b"\n")?;
        }
        first = false;
        match block {
            Block::Heading(level, t, _) => {
                writeln!(out, "{} {}", "#".repeat(level as usize), text(&t))?
            }
            Block::Para(t) => writeln!(out, "{}", text(&t))?,
            Block::Bullets(items) => {
                for i in items {
                    writeln!(out, "- {}", text(&i))?;
                }
            }
            Block::Table {
                head,
                rows,
                numeric,
            } => {
                let head: Vec<_> = head.iter().map(|h| cell(h)).collect();
                writeln!(out, "| {} |", head.join(" | "))?;
                let rule: Vec<&str> = (0..head.len())
                    .map(|i| if numeric.contains(&i) { "---:" } else { "---" })
                    .collect();
                writeln!(out, "| {} |", rule.join(" | "))?;
                for row in rows {
                    out.write_all(b"|")?;
                    for c in &row {
                        out.write_all(b" ")?;
                        out.write_all(cell(c).as_bytes())?;
                        out.write_all(b" |")?;
                    }
                    out.write_all(b"\n")?;
                }
            }
            Block::Chart(_) => {}
        }
    }
    Ok(())
}
