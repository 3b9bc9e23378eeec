//! Reading an events CSV (`ticket_id`, `at`, `kind`, optional `note`): one typed
//! event per record, its time read by the tickets rules. Judges nothing: whether
//! an event comes before its ticket's creation is the audit's business.

use std::io::Read;

use chrono_tz::Tz;

use super::input::{CsvInput, Fields, Header, RawRow};
pub use super::input::{HeaderError, InputError};
use crate::events::EventKind;
use crate::localtime::parse_timestamp;
use crate::record::RowError;
use crate::text::{clip, trim};

pub const REQUIRED_COLUMNS: [&str; 3] = ["ticket_id", "at", "kind"];

/// One event as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventRecord<'r> {
    pub ticket: &'r str,
    pub at: i64,
    pub kind: EventKind,
}

/// Where an events file's fields are, and the zone of its times without an
/// offset: all [`event`] needs besides the header (it can be shared by threads).
#[derive(Debug, Clone)]
pub struct EventColumns {
    ticket: usize,
    at: usize,
    kind: usize,
    tz: Tz,
    /// A status history read through a mapping: each row's status word (in
    /// the `kind` column) says what the ticket moved to.
    history: Option<History>,
}

/// How a status history becomes events: the status words that pause or
/// resume the clock or are status reports (any other status ends a pause),
/// the time patterns, and the export's names of the columns (for messages).
#[derive(Debug, Clone)]
struct History {
    statuses: Vec<(String, EventKind)>,
    patterns: crate::localtime::Patterns,
    empty: Vec<String>,
}

/// An events CSV being read.
pub struct EventReader<R: Read> {
    input: CsvInput<R>,
    cols: EventColumns,
    record: csv::ByteRecord,
}

impl<R: Read> EventReader<R> {
    /// Reads and checks the header; `tz` is the zone of times without an offset.
    pub fn new(input: R, tz: Tz) -> Result<Self, InputError> {
        Self::with_input(CsvInput::open(input, &REQUIRED_COLUMNS.join(", "))?, tz)
    }

    fn with_input(input: CsvInput<R>, tz: Tz) -> Result<Self, InputError> {
        let h = input.header();
        h.require(&REQUIRED_COLUMNS)?;
        let (ticket, at, kind) = (
            h.find("ticket_id")?.unwrap_or(0),
            h.find("at")?.unwrap_or(0),
            h.find("kind")?.unwrap_or(0),
        );
        Ok(EventReader {
            input,
            cols: EventColumns {
                ticket,
                at,
                kind,
                tz,
                history: None,
            },
            record: csv::ByteRecord::new(),
        })
    }

    /// [`EventReader::new`] for the first part of an events file: the records
    /// end after its first `len` bytes if a record ends there (then
    /// [`EventReader::part_end`] says so, and [`EventReader::resume`] reads
    /// the rest); otherwise they run to the end of the input.
    pub fn new_part(input: R, tz: Tz, len: u64) -> Result<Self, InputError> {
        let input = CsvInput::open_part(input, &REQUIRED_COLUMNS.join(", "), len)?;
        Self::with_input(input, tz)
    }

    /// Once the records are read: the number of line ends before the end of
    /// the first part when the records ended there; `None` when they ran on.
    pub fn part_end(&self) -> Option<u64> {
        self.input.part_end()
    }

    /// The records of an events file from where a first part ended, read
    /// with that part's columns and header. Lines are numbered from 1 there:
    /// add the line ends before it ([`EventReader::part_end`]).
    pub fn resume(input: R, cols: EventColumns, header: Header) -> Self {
        EventReader {
            input: CsvInput::resume(input, header),
            cols,
            record: csv::ByteRecord::new(),
        }
    }

    /// Reads and checks the header of a help desk's status history (or
    /// events file), as the mapping's `[events]` and `[status]` say; decode it
    /// first ([`crate::read::mapping::decoded`]).
    pub fn with_mapping(
        input: R,
        mapping: &crate::read::mapping::Mapping,
        delim: u8,
        tz: Tz,
    ) -> Result<Self, InputError> {
        use super::input::Layout;
        let (ticket, at, word) = mapping.event_columns();
        let names = [ticket.as_str(), at.as_str(), word.as_str()];
        let layout = Layout {
            delimiter: Some(delim),
            header_row: None,
            header_names: names.iter().map(|n| n.to_string()).collect(),
            footer: mapping.footer.clone(),
        };
        let input = CsvInput::open_with(input, &names.join(", "), &layout, delim)?;
        let h = input.header();
        let find = |n: &str| -> Result<usize, InputError> {
            let folded = crate::text::fold(n).replace('-', "_");
            h.find(&folded)?.ok_or_else(|| {
                InputError::Header(HeaderError::Missing {
                    missing: format!("'{n}' ([events] of {})", mapping.label),
                    required: names.join(", "),
                    found: h.names().join(", "),
                    hint: String::new(),
                })
            })
        };
        let cols = EventColumns {
            ticket: find(&ticket)?,
            at: find(&at)?,
            kind: find(&word)?,
            tz,
            history: mapping.event_statuses().map(|statuses| History {
                statuses,
                patterns: mapping.formats[0].clone(),
                empty: mapping.empty.clone(),
            }),
        };
        let cols = match cols.history {
            Some(_) => cols,
            // A mapping without [status] reads slaudit's kinds, with its times.
            None => EventColumns {
                history: Some(History {
                    statuses: Vec::new(),
                    patterns: mapping.formats[0].clone(),
                    empty: mapping.empty.clone(),
                }),
                ..cols
            },
        };
        Ok(EventReader {
            input,
            cols,
            record: csv::ByteRecord::new(),
        })
    }

    pub fn columns(&self) -> &EventColumns {
        &self.cols
    }

    /// The header (its number of names is the width of every row).
    pub fn header(&self) -> &Header {
        self.input.header()
    }

    /// The next record, unparsed, into `record` (read it with [`event`]);
    /// `None` at the end of the input.
    pub fn next_raw(&mut self, record: &mut csv::ByteRecord) -> Option<RawRow> {
        self.input.next_raw(record)
    }

    /// The next event as (line number, event or what is wrong with the row);
    /// `None` at the end of the input.
    ///
    /// ```
    /// use slaudit::events::EventKind;
    /// use slaudit::read::events::EventReader;
    /// let csv = "ticket_id,at,kind,note\nT1,2026-03-02T10:00:00Z,Update,called\n";
    /// let mut r = EventReader::new(csv.as_bytes(), chrono_tz::UTC).unwrap();
    /// let (line, e) = r.next_event().unwrap();
    /// let e = e.unwrap();
    /// assert_eq!((line, e.ticket, e.kind), (2, "T1", EventKind::Update));
    /// assert!(r.next_event().is_none());
    /// ```
    #[allow(clippy::type_complexity)]
    pub fn next_event(&mut self) -> Option<(u64, Result<EventRecord<'_>, RowError>)> {
        let raw = self.input.next_raw(&mut self.record)?;
        Some(event(&self.cols, self.input.header(), &raw, &self.record))
    }
}

/// What [`EventReader::next_raw`] read, as (line number, event or what is
/// wrong with the row).
pub fn event<'r>(
    cols: &EventColumns,
    header: &Header,
    raw: &RawRow,
    record: &'r csv::ByteRecord,
) -> (u64, Result<EventRecord<'r>, RowError>) {
    let (line, message) = match raw {
        RawRow::Broken { line, message } => (*line, message.clone()),
        RawRow::Record | RawRow::Cut => {
            let line = record.position().map_or(0, |p| p.line());
            let fields = Fields::new(record);
            match raw.problem(&fields, header) {
                Some(m) => (line, m),
                None => {
                    let (ticket, at, kind) = (
                        trim(fields.get(cols.ticket)),
                        trim(fields.get(cols.at)),
                        trim(fields.get(cols.kind)),
                    );
                    return (line, cols.event(ticket, at, kind));
                }
            }
        }
    };
    (
        line,
        Err(RowError {
            column: "row",
            message,
        }),
    )
}

impl EventColumns {
    /// The field that holds the ticket's id.
    pub fn ticket_column(&self) -> usize {
        self.ticket
    }

    fn event<'r>(
        &self,
        ticket: &'r str,
        at: &str,
        kind: &str,
    ) -> Result<EventRecord<'r>, RowError> {
        if ticket.is_empty() {
            return Err(RowError {
                column: "ticket_id",
                message: "is empty".into(),
            });
        }
        let kind = match &self.history {
            // A status history: the status word says what the ticket moved to;
            // a status that is no pause state ends a pause.
            Some(h) if !h.statuses.is_empty() => {
                if kind.is_empty() || h.empty.iter().any(|e| e == kind) {
                    return Err(RowError {
                        column: "kind",
                        message: "the status is empty".into(),
                    });
                }
                let folded = crate::text::fold(kind);
                h.statuses
                    .iter()
                    .find(|(w, _)| *w == folded)
                    .map_or(EventKind::Resume, |(_, k)| *k)
            }
            _ => EventKind::parse(kind).ok_or_else(|| RowError {
                column: "kind",
                message: format!("kind '{}' is not one of update, pause, resume", clip(kind)),
            })?,
        };
        if at.is_empty() {
            return Err(RowError {
                column: "at",
                message: "is empty".into(),
            });
        }
        let parsed = match &self.history {
            Some(h) if !h.patterns.is_empty() => {
                crate::localtime::parse_with(at, &h.patterns, self.tz)
                    .or_else(|e| parse_timestamp(at, self.tz).map_err(|_| e))
            }
            _ => parse_timestamp(at, self.tz),
        };
        let at = parsed.map_err(|e| RowError {
            column: "at",
            message: e.to_string(),
        })?;
        Ok(EventRecord { ticket, at, kind })
    }
}
