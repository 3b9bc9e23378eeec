//! The report as one self-contained HTML file: inline CSS (with a print
//! stylesheet), inline SVG charts, no script and nothing fetched.

use std::fmt::Write as _;
use std::io::Write;

use anyhow::Result;
use slaudit::report::Report;

use super::document::{document, Block, Chart};

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --ink: #1d2329; --muted: #5b6670; --rule: #d5dade; --met: #2f7d4f; --bad: #b3261e; --maint: #c68a00; --excl: #8a94a0; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 2rem auto; max-width: 1100px; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 1rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: 12.5px; }
th, td { border: 1px solid var(--rule); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f1f3f5; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr:nth-child(even) td { background: #fafbfc; }
ul { margin: .3rem 0 1rem; padding-left: 1.3rem; }
figure { margin: .5rem 0 1rem; }
figcaption { color: var(--muted); font-size: 12px; }
svg text { font: 11px system-ui, sans-serif; fill: var(--ink); }
.status-breached, .status-overdue, .status-late { color: var(--bad); font-weight: 600; }
.status-due { color: var(--maint); font-weight: 600; }
.status-filed { color: var(--met); }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  table, figure { break-inside: auto; }
  tr, figure svg { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  @page { size: A4 landscape; margin: 12mm; }
}
"#;

pub fn html(out: &mut impl Write, r: &Report) -> Result<()> {
    let mut s = String::new();
    let title = format!("SLA audit: {} — {}", r.contract.name, r.period.month);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&title)
    );
    for block in document(r) {
        match block {
            Block::Heading(level, t, id) => {
                let _ = writeln!(s, "<h{level} id=\"{id}\">{}</h{level}>", esc(&t));
            }
            Block::Para(t) => {
                let _ = writeln!(s, "<p>{}</p>", esc(&t));
            }
            Block::Bullets(items) => {
                s.push_str("<ul>\n");
                for i in items {
                    let _ = writeln!(s, "<li>{}</li>", esc(&i));
                }
                s.push_str("</ul>\n");
            }
            Block::Table {
                head,
                rows,
                numeric,
            } => {
                s.push_str("<table>\n");
                // A table of labels and values has no header row.
                if head.iter().any(|h| !h.is_empty()) {
                    s.push_str("<thead><tr>");
                    for (i, h) in head.iter().enumerate() {
                        let class = if numeric.contains(&i) {
                            " class=\"n\""
                        } else {
                            ""
                        };
                        let _ = write!(s, "<th{class}>{}</th>", esc(h));
                    }
                    s.push_str("</tr></thead>\n");
                }
                s.push_str("<tbody>\n");
                for row in rows {
                    s.push_str("<tr>");
                    for (i, c) in row.iter().enumerate() {
                        let class = if numeric.contains(&i) {
                            " class=\"n\"".to_string()
                        } else if matches!(
                            c.as_str(),
                            "breached" | "overdue" | "late" | "due" | "filed"
                        ) {
                            format!(" class=\"status-{c}\"")
                        } else {
                            String::new()
                        };
                        let _ = write!(s, "<td{class}>{}</td>", esc(c));
                    }
                    s.push_str("</tr>\n");
                }
                s.push_str("</tbody>\n</table>\n");
            }
            Block::Chart(Chart::Compliance) => compliance_chart(&mut s, r),
            Block::Chart(Chart::Downtime) => downtime_chart(&mut s, r),
        }
    }
    s.push_str("</body>\n</html>\n");
    out.write_all(s.as_bytes())?;
    Ok(())
}

/// Horizontal bars: compliance of each priority and target with decided tickets.
fn compliance_chart(s: &mut String, r: &Report) {
    let rows: Vec<(String, f64, String)> = r
        .compliance
        .iter()
        .filter_map(|c| {
            let p = c.compliance_percent.as_ref()?;
            // Drawing only: the figure printed beside the bar is the exact one.
            let v: f64 = p.parse().ok()?;
            let label = format!(
                "{} · {}",
                c.target.replace('_', " "),
                c.priority.as_deref().unwrap_or("all")
            );
            Some((label, v, format!("{p} %")))
        })
        .collect();
    if rows.is_empty() {
        s.push_str("<p>No target has a decided ticket: nothing to chart.</p>\n");
        return;
    }
    let (left, width, bar, gap) = (190.0, 420.0, 16.0, 6.0);
    let height = rows.len() as f64 * (bar + gap) + 30.0;
    let _ = writeln!(
        s,
        "<figure><svg class=\"chart compliance\" role=\"img\" aria-label=\"Compliance per priority and target\" width=\"{w}\" height=\"{height}\" viewBox=\"0 0 {w} {height}\">",
        w = left + width + 80.0
    );
    for tick in [0, 25, 50, 75, 100] {
        let x = left + width * f64::from(tick) / 100.0;
        let _ = writeln!(
            s,
            "<line x1=\"{x}\" y1=\"0\" x2=\"{x}\" y2=\"{}\" stroke=\"#d5dade\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{tick} %</text>",
            height - 22.0,
            height - 8.0
        );
    }
    for (i, (label, v, text)) in rows.iter().enumerate() {
        let y = i as f64 * (bar + gap);
        let w = width * v.clamp(0.0, 100.0) / 100.0;
        let colour = if *v >= 100.0 {
            "#2f7d4f"
        } else if *v >= 80.0 {
            "#c68a00"
        } else {
            "#b3261e"
        };
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect class=\"bar\" x=\"{left}\" y=\"{y}\" width=\"{w:.1}\" height=\"{bar}\" fill=\"{colour}\"><title>{}: {}</title></rect><text x=\"{}\" y=\"{}\">{}</text>",
            left - 6.0,
            y + bar - 4.0,
            esc(label),
            esc(label),
            esc(text),
            left + w + 4.0,
            y + bar - 4.0,
            esc(text)
        );
    }
    s.push_str("</svg><figcaption>Compliance: met out of met, breached and overdue, per priority and target.</figcaption></figure>\n");
}

/// One row per day of the month, 24 hours wide: downtime, excused
/// maintenance and excluded outages.
fn downtime_chart(s: &mut String, r: &Report) {
    let Some(a) = &r.availability else { return };
    let (left, width, row, gap) = (36.0, 720.0, 11.0, 3.0);
    let days = a.days_in_month.max(1);
    let height = f64::from(days) * (row + gap) + 44.0;
    let _ = writeln!(
        s,
        "<figure><svg class=\"chart timeline\" role=\"img\" aria-label=\"Daily timeline of downtime and maintenance\" width=\"{w}\" height=\"{height}\" viewBox=\"0 0 {w} {height}\">",
        w = left + width + 10.0
    );
    for h in [0, 6, 12, 18, 24] {
        let x = left + width * f64::from(h) / 24.0;
        let _ = writeln!(
            s,
            "<line x1=\"{x}\" y1=\"0\" x2=\"{x}\" y2=\"{}\" stroke=\"#d5dade\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{h:02}:00</text>",
            f64::from(days) * (row + gap),
            f64::from(days) * (row + gap) + 12.0
        );
    }
    for d in 1..=days {
        let y = f64::from(d - 1) * (row + gap);
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{d}</text><rect x=\"{left}\" y=\"{y}\" width=\"{width}\" height=\"{row}\" fill=\"#f1f3f5\"/>",
            left - 4.0,
            y + row - 2.0
        );
    }
    for sl in &a.timeline {
        let y = f64::from(sl.day.saturating_sub(1)) * (row + gap);
        let x = left + width * f64::from(sl.from_minute) / 1440.0;
        let w = (width * f64::from(sl.to_minute.saturating_sub(sl.from_minute)) / 1440.0).max(1.5);
        let colour = match sl.kind.as_str() {
            "maintenance" => "#c68a00",
            "excluded" => "#8a94a0",
            _ => "#b3261e",
        };
        let _ = writeln!(
            s,
            "<rect class=\"slice {}\" x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"{row}\" fill=\"{colour}\"><title>{}: {} day {} {:02}:{:02}-{:02}:{:02}</title></rect>",
            esc(&sl.kind),
            esc(&sl.outage),
            esc(&sl.kind),
            sl.day,
            sl.from_minute / 60,
            sl.from_minute % 60,
            sl.to_minute / 60,
            sl.to_minute % 60
        );
    }
    let ly = f64::from(days) * (row + gap) + 26.0;
    for (i, (label, colour)) in [
        ("downtime", "#b3261e"),
        ("maintenance excused", "#c68a00"),
        ("excluded", "#8a94a0"),
    ]
    .iter()
    .enumerate()
    {
        let x = left + i as f64 * 170.0;
        let _ = writeln!(
            s,
            "<rect x=\"{x}\" y=\"{}\" width=\"12\" height=\"10\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\">{label}</text>",
            ly,
            x + 16.0,
            ly + 9.0
        );
    }
    let _ = writeln!(
        s,
        "</svg><figcaption>{}: each day of the month, 00:00 to 24:00 {}; outages by how they were treated.</figcaption></figure>",
        esc(&r.period.month),
        esc(&r.period.timezone)
    );
}
