//! Human-readable audit output: a table of tickets, then the summary per priority.
//! Written in pages of [`PAGE_ROWS`] rows (a table needs all its rows to size
//! its columns, so each page is sized on its own).

use std::io::Write;

use anyhow::Result;
use comfy_table::presets::{ASCII_FULL_CONDENSED, UTF8_FULL_CONDENSED};
use comfy_table::{Cell, ContentArrangement, Table};
use slaudit::audit::{Status, Summary, TicketAudit};
use slaudit::localtime::to_local;
use slaudit::text::printable;

use super::layout::Layout;

/// An empty page of the tickets table: only the note wraps (no id, word or
/// time is split across lines), status cells may be coloured.
pub(super) fn page_table(header: &[&str], colour: bool, wrap: &[&str]) -> TextTable {
    use comfy_table::ColumnConstraint;
    let mut t = new_table(header.to_vec());
    if colour {
        t.0.enforce_styling();
    }
    for (i, h) in header.iter().enumerate() {
        if let Some(col) = t.0.column_mut(i) {
            col.set_constraint(if wrap.contains(h) {
                ColumnConstraint::LowerBoundary(comfy_table::Width::Fixed(30))
            } else {
                ColumnConstraint::ContentWidth
            });
        }
    }
    t
}

/// Terminals narrower than this get one block of lines per ticket.
pub const BLOCKS_BELOW: u16 = 110;

/// A status word for a block of lines: coloured as in the table.
fn status_text(status: Status, colour: bool) -> String {
    match (colour, status) {
        (true, Status::Breached | Status::Overdue) => {
            format!("\u{1b}[31m{}\u{1b}[39m", status.key())
        }
        (true, Status::AtRisk) => format!("\u{1b}[33m{}\u{1b}[39m", status.key()),
        _ => status.key().to_string(),
    }
}

/// A status cell: red when breached or overdue, yellow when at risk (with
/// colour on).
fn status_cell(status: Status, colour: bool) -> Cell {
    use comfy_table::Color;
    let cell = Cell::new(status.key());
    match (colour, status) {
        (true, Status::Breached | Status::Overdue) => cell.fg(Color::Red),
        (true, Status::AtRisk) => cell.fg(Color::Yellow),
        _ => cell,
    }
}

/// Rows per page of the tickets table: each page is drawn and written when it
/// is full, under its own header, so memory does not grow with the rows.
pub const PAGE_ROWS: usize = 500;

pub struct TableExporter<W: Write> {
    out: Printable<W>,
    /// Breached and overdue statuses in red, at-risk in yellow (on a terminal,
    /// without NO_COLOR).
    colour: bool,
    /// The as-of instant's year in the contract's zone (times of other years
    /// show theirs).
    year: i32,
    /// A terminal too narrow for the table: one block of lines per ticket.
    blocks: bool,
    header: Vec<&'static str>,
    table: TextTable,
    rows: usize,
    pages: usize,
    as_of: String,
}

/// A table for people whose cells come from files: control characters in a
/// cell are escaped ([`slaudit::text::printable`]) before the table measures it.
pub struct TextTable(Table);

impl TextTable {
    /// Adds a row of cells already escaped and styled.
    pub fn add_cells(&mut self, cells: Vec<Cell>) -> &mut Self {
        self.0.add_row(cells);
        self
    }

    /// Adds a row; each value is shown escaped.
    pub fn add_row<T: ToString>(&mut self, cells: Vec<T>) -> &mut Self {
        self.0.add_row(
            cells
                .into_iter()
                .map(|c| Cell::new(printable(&c.to_string())))
                .collect::<Vec<_>>(),
        );
        self
    }
}

impl std::fmt::Display for TextTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Whether tables are drawn in ASCII: on a terminal that says it is dumb
/// (`TERM=dumb`), or when the locale's character set is not UTF-8 (`LC_ALL`,
/// else `LC_CTYPE`, else `LANG`, the first one set: `C`, `POSIX`, `en_US` or
/// `es_ES.ISO-8859-1` are not; `C.UTF-8` and `es_ES.utf8` are). With no locale
/// variable set at all, UTF-8 is assumed.
pub fn ascii_only() -> bool {
    static ASCII: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ASCII.get_or_init(|| {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        ascii_for(
            var("TERM").as_deref(),
            var("LC_ALL")
                .or_else(|| var("LC_CTYPE"))
                .or_else(|| var("LANG"))
                .as_deref(),
        )
    })
}

/// [`ascii_only`] for a given `TERM` and locale.
fn ascii_for(term: Option<&str>, locale: Option<&str>) -> bool {
    if term == Some("dumb") {
        return true;
    }
    match locale {
        None => false,
        Some(l) => {
            let charset = l.split_once('.').map_or("", |(_, c)| c);
            let charset = charset.split('@').next().unwrap_or("").to_ascii_lowercase();
            !(charset == "utf-8" || charset == "utf8")
        }
    }
}

/// Long texts (clauses, assumptions) named in a table by number, `[1]`, and
/// said once each under it.
#[derive(Debug, Default)]
pub struct Notes(Vec<String>);

impl Notes {
    /// The mark of `text` (the same text keeps its number).
    pub fn mark(&mut self, text: &str) -> String {
        let i = match self.0.iter().position(|n| n == text) {
            Some(i) => i,
            None => {
                self.0.push(text.to_string());
                self.0.len() - 1
            }
        };
        format!("[{}]", i + 1)
    }

    /// The lines under the table: `[1] text`.
    pub fn lines(&self) -> impl Iterator<Item = String> + '_ {
        self.0
            .iter()
            .enumerate()
            .map(|(i, n)| format!("[{}] {n}", i + 1))
    }
}

/// A new table with the house style (ASCII when [`ascii_only`]).
pub fn new_table(header: Vec<&str>) -> TextTable {
    let mut t = Table::new();
    t.load_preset(if ascii_only() {
        ASCII_FULL_CONDENSED
    } else {
        UTF8_FULL_CONDENSED
    })
    .set_content_arrangement(ContentArrangement::Dynamic)
    .set_header(header);
    // Without a terminal to measure, wrap long cells at a readable width.
    if t.width().is_none() {
        t.set_width(160);
    }
    TextTable(t)
}

/// Writes text for people: control characters in it are escaped
/// ([`slaudit::text::printable`]), so a value from a file cannot drive the
/// terminal. Every write is whole characters (formatting writes `str` pieces).
pub struct Printable<W: Write>(pub W);

impl<W: Write> Write for Printable<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match std::str::from_utf8(buf) {
            Ok(s) => self.0.write_all(printable(s).as_bytes())?,
            Err(_) => self.0.write_all(buf)?,
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

impl<W: Write> TableExporter<W> {
    /// `width`: the terminal's, when known (under [`BLOCKS_BELOW`] columns each
    /// ticket is a block of lines instead of a table row).
    pub fn new(
        out: W,
        layout: &Layout<'_>,
        as_of: (i64, String),
        colour: bool,
        width: Option<u16>,
    ) -> Self {
        use chrono::Datelike;
        let (as_of_t, as_of) = as_of;
        let year = to_local(layout.contract.tz, as_of_t).year();
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
        let table = page_table(&header, colour, &["note"]);
        TableExporter {
            out: Printable(out),
            colour,
            year,
            blocks: width.is_some_and(|w| w < BLOCKS_BELOW),
            table,
            header,
            rows: 0,
            pages: 0,
            as_of,
        }
    }
}

/// A time as people read it, in the contract's zone: `Mon 02 Mar 09:00`, with
/// the seconds when there are some and the year when it is not the as-of
/// instant's (`year`).
fn short(layout: &Layout<'_>, t: Option<i64>, year: i32) -> String {
    people_time(layout.contract.tz, t, year)
}

/// [`short`] in any zone (the outages table uses it too).
pub(super) fn people_time(tz: chrono_tz::Tz, t: Option<i64>, year: i32) -> String {
    use chrono::{Datelike, Timelike};
    t.map(|t| {
        let local = to_local(tz, t);
        let mut s = local.format("%a %d %b").to_string();
        if local.year() != year {
            s.push_str(&local.format(" %Y").to_string());
        }
        s.push_str(&local.format(" %H:%M").to_string());
        if local.second() != 0 {
            s.push_str(&local.format(":%S").to_string());
        }
        s
    })
    .unwrap_or_default()
}

impl<W: Write> TableExporter<W> {
    pub fn row(&mut self, layout: &Layout<'_>, t: &TicketAudit) -> Result<()> {
        if self.blocks {
            return self.block(layout, t);
        }
        let c = layout.contract;
        let text = |s: &str| Cell::new(printable(s));
        let mut cells = vec![
            text(&t.id),
            text(&t.plan.map(|p| c.plans[p].key.clone()).unwrap_or_default()),
            text(
                &t.priority
                    .map(|p| c.priorities[p].key.clone())
                    .unwrap_or_else(|| t.priority_text.clone()),
            ),
            text(&short(layout, t.created_at, self.year)),
        ];
        for o in t.outcomes.iter().take(layout.kinds()) {
            cells.push(text(&short(layout, o.due, self.year)));
            cells.push(text(&short(layout, o.event, self.year)));
            cells.push(status_cell(o.status, self.colour));
        }
        cells.push(text(&match &t.error {
            Some(e) => format!("{}: {}", e.column, e.message),
            None => String::new(),
        }));
        self.table.add_cells(cells);
        self.rows += 1;
        if self.rows == PAGE_ROWS {
            self.write_page(layout)?;
        }
        Ok(())
    }

    /// One ticket as a block of lines (a narrow terminal): the ticket, then a
    /// line per target, then its note.
    fn block(&mut self, layout: &Layout<'_>, t: &TicketAudit) -> Result<()> {
        let c = layout.contract;
        if self.pages == 0 {
            self.heading(layout)?;
            self.pages = 1;
        }
        let plan = t.plan.map(|p| c.plans[p].key.as_str()).unwrap_or("");
        let prio = t
            .priority
            .map(|p| c.priorities[p].key.as_str())
            .unwrap_or(&t.priority_text);
        writeln!(
            self.out,
            "{}  {}  priority {}  created {}",
            t.id,
            plan,
            prio,
            short(layout, t.created_at, self.year)
        )?;
        let names = ["response", "resolution", "workaround"];
        for (k, o) in t.outcomes.iter().take(layout.kinds()).enumerate() {
            let mut line = format!("  {:<11}", names[k]);
            if let Some(d) = o.due {
                line.push_str(&format!(" due {}", short(layout, Some(d), self.year)));
            }
            if let Some(e) = o.event {
                line.push_str(&format!("  done {}", short(layout, Some(e), self.year)));
            }
            write!(self.out, "{line}  ")?;
            writeln!(self.out.0, "{}", status_text(o.status, self.colour))?;
        }
        if let Some(e) = &t.error {
            writeln!(self.out, "  note: {}: {}", e.column, e.message)?;
        }
        Ok(())
    }

    /// The line above the tickets.
    fn heading(&mut self, layout: &Layout<'_>) -> Result<()> {
        let c = layout.contract;
        writeln!(
            self.out,
            "Contract {} ({}); times in {}; open tickets judged as of {}",
            c.key,
            c.name,
            c.tz.name(),
            self.as_of
        )?;
        Ok(())
    }

    /// Writes the page of rows so far (after the heading, before the first page).
    fn write_page(&mut self, layout: &Layout<'_>) -> Result<()> {
        if self.blocks {
            return Ok(());
        }
        if self.pages == 0 {
            self.heading(layout)?;
        }
        let next = page_table(&self.header, self.colour, &["note"]);
        let page = std::mem::replace(&mut self.table, next);
        // The cells were escaped as they were added; the table's own styling
        // (colour) goes out as it is.
        writeln!(self.out.0, "{page}")?;
        self.pages += 1;
        self.rows = 0;
        Ok(())
    }

    pub fn finish(
        &mut self,
        layout: &Layout<'_>,
        summary: &Summary,
        warnings: &[String],
        assumptions: bool,
    ) -> Result<()> {
        let c = layout.contract;
        if self.blocks && self.pages == 0 {
            self.heading(layout)?;
        }
        if self.rows > 0 || self.pages == 0 {
            self.write_page(layout)?;
        }
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
                row.target.to_string(),
                row.priority.unwrap_or("all").to_string(),
                n.tickets.to_string(),
                n.met.to_string(),
                n.breached.to_string(),
                n.overdue.to_string(),
                n.open.to_string(),
                n.no_target.to_string(),
                n.invalid.to_string(),
                n.compliance()
                    .map_or("-".to_string(), |d| format!("{d:.2} %")),
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
        for t in summary.contact_tallies(layout.contract) {
            writeln!(self.out, "{}", t.line())?;
        }
        for q in &summary.quotas {
            writeln!(self.out, "{}", q.line())?;
        }
        if assumptions {
            let block = super::layout::assumption_block(c);
            if !block.is_empty() {
                writeln!(self.out)?;
            }
            for line in block {
                writeln!(self.out, "{line}")?;
            }
        }
        self.out.flush()?;
        for w in warnings {
            eprintln!("warning: {w}");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::export::table::ascii_for;

    /// The character set is the part of the locale after the dot (before any
    /// `@modifier`), in any case; `C` and `POSIX` have none, so are ASCII.
    #[test]
    fn locale_and_term_pick_the_charset() {
        assert!(!ascii_for(None, None));
        assert!(!ascii_for(Some("xterm-256color"), Some("C.UTF-8")));
        assert!(!ascii_for(None, Some("es_ES.utf8")));
        assert!(!ascii_for(None, Some("de_DE.UTF-8@euro")));
        assert!(ascii_for(Some("dumb"), Some("C.UTF-8")));
        assert!(ascii_for(None, Some("C")));
        assert!(ascii_for(None, Some("POSIX")));
        assert!(ascii_for(None, Some("en_US")));
        assert!(ascii_for(None, Some("es_ES.ISO-8859-1")));
    }
}
