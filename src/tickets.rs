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
    width: usize,
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
            width: header.len(),
            record: csv::ByteRecord::new(),
            done: false,
        })
    }

    pub fn columns(&self) -> &TicketColumns {
        &self.columns
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
                    audit_record(auditor, &self.columns, &self.record, self.width),
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

/// Audits one raw record.
pub fn audit_record(
    auditor: &Auditor<'_>,
    cols: &TicketColumns,
    record: &csv::ByteRecord,
    width: usize,
) -> TicketAudit {
    let mut fields: Vec<&str> = Vec::with_capacity(record.len());
    let mut bad_utf8 = None;
    for (i, f) in record.iter().enumerate() {
        match std::str::from_utf8(f) {
            Ok(s) => fields.push(s),
            Err(_) => {
                bad_utf8.get_or_insert(i);
                fields.push("");
            }
        }
    }
    let mut ticket = auditor.audit(cols, |i| fields.get(i).copied().unwrap_or(""));
    let problem = if record.len() != width {
        Some(format!(
            "has {} fields, the header has {width}",
            record.len()
        ))
    } else {
        bad_utf8.map(|i| format!("field {} is not valid UTF-8", i + 1))
    };
    if let Some(message) = problem {
        ticket.error = Some(RowError {
            column: "row",
            message,
        });
        ticket.outcomes = [Outcome::INVALID; 3];
    }
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
