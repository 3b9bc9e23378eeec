//! The report as GitHub-flavoured markdown: headings, pipe tables, lists.

use std::io::Write;

use anyhow::Result;
use slaudit::report::Report;

use super::{document, Block};

/// A table cell: pipes escaped, line breaks as spaces, never empty (an empty
/// cell reads as a missing one).
fn cell(s: &str) -> String {
    let s = s.replace('\\', "\\\\").replace('|', "\\|");
    let s: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if s.trim().is_empty() {
        " ".to_string()
    } else {
        s
    }
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
                let head: Vec<String> = head.iter().map(|h| cell(h)).collect();
                writeln!(out, "| {} |", head.join(" | "))?;
                let rule: Vec<&str> = (0..head.len())
                    .map(|i| if numeric.contains(&i) { "---:" } else { "---" })
                    .collect();
                writeln!(out, "| {} |", rule.join(" | "))?;
                for row in rows {
                    let row: Vec<String> = row.iter().map(|c| cell(c)).collect();
                    writeln!(out, "| {} |", row.join(" | "))?;
                }
            }
            Block::Chart(_) => {}
        }
    }
    Ok(())
}
