//! Reading a tickets CSV export: header mapping, one record at a time, each turned
//! into a [`TicketAudit`] by an [`Auditor`]. Takes any reader; opening files is the
//! caller's business. Memory does not grow with the number of rows.

use std::io::Read;

use crate::audit::{Auditor, Outcome, RowError, TicketAudit, TicketColumns, REQUIRED_COLUMNS};
use crate::csvin::{CsvInput, Fields, Header};
pub use crate::csvin::{InputError, RawRow};

/// A tickets CSV being read.
pub struct TicketReader<R: Read> {
    input: CsvInput<R>,
    columns: TicketColumns,
    record: csv::ByteRecord,
}

impl<R: Read> TicketReader<R> {
    /// Reads and checks the header.
    pub fn new(input: R) -> Result<Self, InputError> {
        let input = CsvInput::open(input, &REQUIRED_COLUMNS.join(", "))?;
        let columns = TicketColumns::from_names(input.header())?;
        Ok(TicketReader {
            input,
            columns,
            record: csv::ByteRecord::new(),
        })
    }

    pub fn columns(&self) -> &TicketColumns {
        &self.columns
    }

    /// The header (its number of names is the width of every row).
    pub fn header(&self) -> &Header {
        self.input.header()
    }

    /// The next raw record, without auditing it (see [`audit_raw`]); `None` at the
    /// end of the input. `record` is reused to avoid allocations.
    pub fn next_raw(&mut self, record: &mut csv::ByteRecord) -> Option<RawRow> {
        self.input.next_raw(record)
    }

    /// The next row as (line number, audit); `None` at the end of the input. A
    /// record the CSV parser rejects still yields a row, marked invalid.
    pub fn next_ticket(&mut self, auditor: &Auditor<'_>) -> Option<(u64, TicketAudit)> {
        let raw = self.input.next_raw(&mut self.record)?;
        Some(audit_raw(
            auditor,
            &self.columns,
            self.input.header(),
            &raw,
            &self.record,
        ))
    }
}

/// Audits what [`TicketReader::next_raw`] read: (line number, audit).
pub fn audit_raw(
    auditor: &Auditor<'_>,
    cols: &TicketColumns,
    header: &Header,
    raw: &RawRow,
    record: &csv::ByteRecord,
) -> (u64, TicketAudit) {
    let mut ticket = TicketAudit::blank();
    let line = audit_raw_into(auditor, cols, header, raw, record, &mut ticket);
    (line, ticket)
}

/// [`audit_raw`] into an existing value (see [`Auditor::audit_into`]); returns
/// the line number.
pub fn audit_raw_into(
    auditor: &Auditor<'_>,
    cols: &TicketColumns,
    header: &Header,
    raw: &RawRow,
    record: &csv::ByteRecord,
    ticket: &mut TicketAudit,
) -> u64 {
    match raw {
        RawRow::Record => {
            audit_record_into(auditor, cols, record, header, ticket);
            record.position().map_or(0, |p| p.line())
        }
        RawRow::Broken { line, message } => {
            ticket.reset();
            ticket.error = Some(RowError {
                column: "row",
                message: message.clone(),
            });
            *line
        }
    }
}

/// Audits one raw record.
pub fn audit_record(
    auditor: &Auditor<'_>,
    cols: &TicketColumns,
    record: &csv::ByteRecord,
    header: &Header,
) -> TicketAudit {
    let mut ticket = TicketAudit::blank();
    audit_record_into(auditor, cols, record, header, &mut ticket);
    ticket
}

fn audit_record_into(
    auditor: &Auditor<'_>,
    cols: &TicketColumns,
    record: &csv::ByteRecord,
    header: &Header,
    ticket: &mut TicketAudit,
) {
    let fields = Fields::new(record);
    auditor.audit_into(cols, |i| fields.get(i), ticket);
    if let Some(message) = fields.problem(header) {
        ticket.error = Some(RowError {
            column: "row",
            message,
        });
        ticket.outcomes = [Outcome::INVALID; 3];
    }
}
