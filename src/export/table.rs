//! Human-readable audit output: a table of tickets, then the summary per priority.
//! Buffered (a table needs all its rows to size its columns).

use std::io::Write;

use anyhow::Result;
use comfy_table::{presets::UTF8_FULL_CONDENSED, Cell, ContentArrangement, Table};
use slaudit::audit::{Summary, TicketAudit};
use slaudit::localtime::to_local;

use super::layout::Layout;

pub struct TableExporter<W: Write> {
    out: W,
    table: Table,
    as_of: String,
}

/// A new table with the house style.
pub fn new_table(header: Vec<&str>) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header);
    // Without a terminal to measure, wrap long cells at a readable width.
    if t.width().is_none() {
        t.set_width(160);
    }
    t
}

impl<W: Write> TableExporter<W> {
    pub fn new(out: W, layout: &Layout<'_>, as_of: String) -> Self {
        let mut header = vec![
            "id",
            "plan",
            "prio",
            "created",
            "response due",
            "responded",
            "response",
        ];
        header.extend(["resolution due", "resolved", "resolution"]);
        if layout.kinds() == 3 {
            header.extend(["workaround due", "workaround", "status"]);
        }
        header.push("note");
        TableExporter {
            out,
            table: new_table(header),
            as_of,
        }
    }
}

fn short(layout: &Layout<'_>, t: Option<i64>) -> String {
    t.map(|t| {
        to_local(layout.contract.tz, t)
            .format("%Y-%m-%d %H:%M:%S")
            .to_string()
    })
    .unwrap_or_default()
}

impl<W: Write> TableExporter<W> {
    pub fn row(&mut self, layout: &Layout<'_>, t: &TicketAudit) -> Result<()> {
        let c = layout.contract;
        let mut cells = vec![
            t.id.clone(),
            t.plan.map(|p| c.plans[p].key.clone()).unwrap_or_default(),
            t.priority
                .map(|p| c.priorities[p].key.clone())
                .unwrap_or_else(|| t.priority_text.clone()),
            short(layout, t.created_at),
        ];
        for o in t.outcomes.iter().take(layout.kinds()) {
            cells.push(short(layout, o.due));
            cells.push(short(layout, o.event));
            cells.push(o.status.key().to_string());
        }
        cells.push(match &t.error {
            Some(e) => format!("{}: {}", e.column, e.message),
            None => String::new(),
        });
        self.table.add_row(cells);
        Ok(())
    }

    pub fn finish(
        &mut self,
        layout: &Layout<'_>,
        summary: &Summary,
        warnings: &[String],
    ) -> Result<()> {
        let c = layout.contract;
        writeln!(
            self.out,
            "Contract {} ({}); times in {}; open tickets judged as of {}",
            c.key,
            c.name,
            c.tz.name(),
            self.as_of
        )?;
        writeln!(self.out, "{}", self.table)?;
        let mut s = new_table(vec![
            "target",
            "priority",
            "tickets",
            "met",
            "breached",
            "overdue",
            "open",
            "no target",
            "invalid",
            "compliance",
        ]);
        for row in super::layout::summary_rows(layout, summary) {
            let n = row.counts;
            s.add_row(vec![
                Cell::new(row.target),
                Cell::new(row.priority.unwrap_or("all")),
                Cell::new(n.tickets),
                Cell::new(n.met),
                Cell::new(n.breached),
                Cell::new(n.overdue),
                Cell::new(n.open),
                Cell::new(n.no_target),
                Cell::new(n.invalid),
                Cell::new(
                    n.compliance()
                        .map_or("-".to_string(), |d| format!("{d:.2} %")),
                ),
            ]);
        }
        writeln!(
            self.out,
            "\nSummary (compliance = met / (met + breached + overdue))"
        )?;
        writeln!(self.out, "{s}")?;
        if let Some(p) = &summary.penalties {
            let penalties = p
                .summary(layout.fee.as_ref())
                .map_err(super::layout::fee_error)?;
            for line in penalties.lines() {
                writeln!(self.out, "{line}")?;
            }
        }
        for t in super::layout::contact_tallies(layout, summary) {
            writeln!(self.out, "{}", t.line())?;
        }
        for q in &summary.quotas {
            writeln!(self.out, "{}", q.line())?;
        }
        let assumptions = c.ticket_assumptions();
        if !assumptions.is_empty() {
            writeln!(
                self.out,
                "\nAssumptions in force (readings the contract text does not state):"
            )?;
            for (place, text) in assumptions {
                writeln!(self.out, "  - {place}: {text}")?;
            }
        }
        self.out.flush()?;
        for w in warnings {
            eprintln!("warning: {w}");
        }
        Ok(())
    }
}
