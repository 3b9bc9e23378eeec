//! Reading a tickets CSV export: header mapping, one record at a time, each turned
//! into a [`TicketAudit`] by an [`Auditor`]. Takes any reader; opening files is the
//! caller's business. Memory does not grow with the number of rows.

use std::io::Read;

use crate::audit::{Auditor, Outcome, RowError, TicketAudit, TicketColumns};

/// Why a tickets file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("the file is empty (expected a header with id, created_at, priority)")]
    Empty,
    #[error("line 1: the header is not UTF-8 text")]
    HeaderNotUtf8,
    #[error("line 1: {0}")]
    Header(#[from] crate::audit::HeaderError),
    #[error("{0}")]
    Csv(String),
}

/// A tickets CSV being read.
pub struct TicketReader<R: Read> {
    reader: csv::Reader<R>,
    columns: TicketColumns,
    /// Header names as written.
    header: Vec<String>,
    record: csv::ByteRecord,
    /// Set once the underlying reader failed.
    done: bool,
}

impl<R: Read> TicketReader<R> {
    /// Reads and checks the header.
    pub fn new(input: R) -> Result<Self, InputError> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .buffer_capacity(1 << 16)
            .from_reader(input);
        let header = reader
            .byte_headers()
            .map_err(|e| InputError::Csv(csv_error(&e)))?
            .clone();
        if header.is_empty() || (header.len() == 1 && header[0].trim_ascii().is_empty()) {
            return Err(InputError::Empty);
        }
        let names: Vec<&str> = header
            .iter()
            .map(std::str::from_utf8)
            .collect::<Result<_, _>>()
            .map_err(|_| InputError::HeaderNotUtf8)?;
        let columns = TicketColumns::from_header(names.iter().copied())?;
        Ok(TicketReader {
            reader,
            columns,
            header: names.iter().map(|n| n.to_string()).collect(),
            record: csv::ByteRecord::new(),
            done: false,
        })
    }

    pub fn columns(&self) -> &TicketColumns {
        &self.columns
    }

    /// The next raw record, without auditing it (see [`audit_raw`]); `None` at the
    /// end of the input. `record` is reused to avoid allocations.
    pub fn next_raw(&mut self, record: &mut csv::ByteRecord) -> Option<RawRow> {
        if self.done {
            return None;
        }
        match self.reader.read_byte_record(record) {
            Ok(false) => None,
            Ok(true) => Some(RawRow::Record),
            Err(e) => {
                self.done = matches!(e.kind(), csv::ErrorKind::Io(_));
                Some(RawRow::Broken {
                    line: e.position().map_or(0, |p| p.line()),
                    message: csv_error(&e),
                })
            }
        }
    }

    /// Header names as written (their number is the width of every row).
    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// The next row as (line number, audit); `None` at the end of the input. A
    /// record the CSV parser rejects still yields a row, marked invalid.
    pub fn next_ticket(&mut self, auditor: &Auditor<'_>) -> Option<(u64, TicketAudit)> {
        if self.done {
            return None;
        }
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => None,
            Ok(true) => {
                let line = self.record.position().map_or(0, |p| p.line());
                Some((
                    line,
                    audit_record(auditor, &self.columns, &self.record, &self.header),
                ))
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                // When the input itself fails, report it once and stop.
                self.done = matches!(e.kind(), csv::ErrorKind::Io(_));
                Some((line, broken_row(csv_error(&e))))
            }
        }
    }
}

/// What [`TicketReader::next_raw`] read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawRow {
    /// A record, in the buffer passed to `next_raw`.
    Record,
    /// Something the CSV parser could not split into fields.
    Broken { line: u64, message: String },
}

/// Audits what [`TicketReader::next_raw`] read: (line number, audit).
pub fn audit_raw(
    auditor: &Auditor<'_>,
    cols: &TicketColumns,
    header: &[String],
    raw: &RawRow,
    record: &csv::ByteRecord,
) -> (u64, TicketAudit) {
    match raw {
        RawRow::Record => (
            record.position().map_or(0, |p| p.line()),
            audit_record(auditor, cols, record, header),
        ),
        RawRow::Broken { line, message } => (*line, broken_row(message.clone())),
    }
}

/// Audits one raw record.
pub fn audit_record(
    auditor: &Auditor<'_>,
    cols: &TicketColumns,
    record: &csv::ByteRecord,
    header: &[String],
) -> TicketAudit {
    let width = header.len();
    // Fields are slices of one buffer separated at ASCII delimiters, so if the whole
    // buffer is UTF-8 every field is.
    let problem = match std::str::from_utf8(record.as_slice()) {
        Ok(all) => {
            let field = |i: usize| record.range(i).and_then(|r| all.get(r)).unwrap_or("");
            let ticket = auditor.audit(cols, field);
            if record.len() == width {
                return ticket;
            }
            let last = record.len().saturating_sub(1);
            let swallowed =
                record.len() < width && record.get(last).is_some_and(|f| f.contains(&b'\n'));
            let message = if swallowed {
                // A quote opened in this field was never closed: the CSV reader took
                // every following line into it.
                let name = header.get(last).map_or("?", String::as_str);
                format!("column '{name}': unterminated quote: the quoted value runs on over the following lines")
            } else {
                format!("has {} fields, the header has {width}", record.len())
            };
            Some((ticket, message))
        }
        Err(_) => {
            let bad = record
                .iter()
                .position(|f| std::str::from_utf8(f).is_err())
                .unwrap_or(0);
            let field = |i: usize| {
                record
                    .get(i)
                    .and_then(|f| std::str::from_utf8(f).ok())
                    .unwrap_or("")
            };
            let ticket = auditor.audit(cols, field);
            Some((ticket, format!("field {} is not valid UTF-8", bad + 1)))
        }
    };
    let (mut ticket, message) =
        problem.unwrap_or_else(|| (broken_row(String::new()), String::new()));
    ticket.error = Some(RowError {
        column: "row",
        message,
    });
    ticket.outcomes = [Outcome::INVALID; 3];
    ticket
}

/// A row that could not be split into fields.
fn broken_row(message: String) -> TicketAudit {
    TicketAudit {
        id: String::new(),
        plan: None,
        priority: None,
        priority_text: String::new(),
        channel: None,
        category: None,
        created_at: None,
        outcomes: [Outcome::INVALID; 3],
        error: Some(RowError {
            column: "row",
            message,
        }),
    }
}

fn csv_error(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!("field {} is not valid UTF-8", err.field() + 1),
        csv::ErrorKind::Io(io) => io.to_string(),
        _ => e
            .to_string()
            .lines()
            .next()
            .unwrap_or("unreadable CSV")
            .to_string(),
    }
}
