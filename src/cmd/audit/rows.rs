//! Bad rows of the tickets and events files: the first few messages, and how
//! many in all.

use std::io::{self, Write};

use anyhow::Result;
use slaudit::audit::TicketAudit;

/// Bad rows listed on standard error before the rest are only counted.
pub(super) const MAX_LISTED: usize = 20;

/// Bad rows seen so far: the first few messages, and how many in all.
pub(super) struct BadRows {
    pub(super) file: String,
    pub(super) listed: Vec<String>,
    pub(super) count: usize,
    /// The export's header of each field a mapping reads (a message names the
    /// column as the file does, then the field).
    names: std::sync::Arc<[(&'static str, String)]>,
}

impl BadRows {
    pub(super) fn new(file: &str) -> Self {
        BadRows {
            file: file.to_string(),
            listed: Vec::new(),
            count: 0,
            names: std::sync::Arc::new([]),
        }
    }

    /// Bad rows of a file whose columns `format` names.
    pub(super) fn of(file: &str, format: &slaudit::read::tickets::TicketFormat) -> Self {
        BadRows {
            names: format.names().into(),
            ..BadRows::new(file)
        }
    }

    pub(super) fn note(&mut self, line: u64, t: &TicketAudit) {
        match &t.error {
            Some(e) => self.note_error(line, e.column, &e.message, &t.id),
            None => self.count += 1,
        }
    }

    /// A bad row: its line, the column at fault (`row` for the whole record),
    /// what is wrong and the ticket it names.
    pub(super) fn note_error(&mut self, line: u64, column: &str, message: &str, id: &str) {
        self.count += 1;
        if self.listed.len() < MAX_LISTED {
            let col = if column == "row" {
                String::new()
            } else {
                match self.names.iter().find(|(f, _)| *f == column) {
                    Some((_, h)) if !h.eq_ignore_ascii_case(column) => {
                        format!(" column '{}' ({column}):", slaudit::text::clip(h))
                    }
                    _ => format!(" column '{column}':"),
                }
            };
            let id = if id.is_empty() {
                String::new()
            } else {
                format!(" (ticket {})", slaudit::text::clip(id))
            };
            self.listed.push(format!(
                "{}:{line}:{col} {}{id}",
                self.file,
                slaudit::text::one_line(message)
            ));
        }
    }

    /// The events of a ticket that come before its creation: bad rows of the
    /// events file.
    pub(super) fn note_early_events(&mut self, t: &TicketAudit, tz: chrono_tz::Tz) {
        if let Some(created) = t.created_at.filter(|_| !t.early_events.is_empty()) {
            let created = slaudit::localtime::format_rfc3339(tz, created);
            for &(line, at) in &t.early_events {
                let message = format!(
                    "the event at {} is before the ticket's created_at {created}",
                    slaudit::localtime::format_rfc3339(tz, at)
                );
                self.note_error(line, "at", &message, &t.id);
            }
        }
    }

    pub(super) fn absorb(&mut self, other: BadRows) {
        for l in other.listed {
            if self.listed.len() < MAX_LISTED {
                self.listed.push(l);
            }
        }
        self.count += other.count;
    }

    /// Lists the bad rows of the tickets file and then of the events file.
    pub(super) fn report_rows(&self, events: &BadRows) -> Result<()> {
        let mut err = io::stderr().lock();
        for b in self.listed.iter().chain(&events.listed) {
            writeln!(err, "slaudit: error: {b}")?;
        }
        let listed = self.listed.len() + events.listed.len();
        let count = self.count + events.count;
        if count > listed {
            writeln!(
                err,
                "slaudit: error: ... and {} more bad row(s)",
                count - listed
            )?;
        }
        writeln!(
            err,
            "slaudit: error: {count} bad row(s); fix them, or use --keep-going to audit the rest and mark them invalid",
        )?;
        Ok(())
    }
}
