//! Reading a tickets CSV export: the header mapped by name, then one record at a
//! time turned into a [`TicketRecord`] for the audit. Takes any reader; opening
//! files is the caller's business. Memory does not grow with the number of rows.

use std::io::Read;

use super::input::{CsvInput, Fields, Header, Layout};
pub use super::input::{HeaderError, InputError, RawRow};
use super::mapping::{MappedColumns, Mapping};
use crate::record::{RowError, Stamp, TicketRecord};
use crate::text::trim;

/// Canonical ticket columns, in the order they are documented: the fields a
/// mapping can name ([`super::mapping::FIELDS`]), required ones first.
pub const REQUIRED_COLUMNS: [&str; 3] = [F[0], F[1], F[2]];
pub const OPTIONAL_COLUMNS: [&str; 8] = [F[3], F[4], F[5], F[6], F[7], F[8], F[9], F[10]];
use super::mapping::FIELDS as F;

/// Where each canonical column sits in a tickets file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketColumns {
    pub id: usize,
    pub created_at: usize,
    pub priority: usize,
    pub plan: Option<usize>,
    pub channel: Option<usize>,
    pub category: Option<usize>,
    pub first_response_at: Option<usize>,
    pub workaround_at: Option<usize>,
    pub resolved_at: Option<usize>,
    pub excluded: Option<usize>,
    pub reporter: Option<usize>,
}

impl TicketColumns {
    /// Maps a header row (names case-insensitive, any order, extra columns ignored).
    pub fn from_header<'h>(header: impl IntoIterator<Item = &'h str>) -> Result<Self, HeaderError> {
        Self::from_names(&Header::new(header))
    }

    /// Maps a read header.
    pub fn from_names(h: &Header) -> Result<Self, HeaderError> {
        h.require(&REQUIRED_COLUMNS)?;
        Ok(TicketColumns {
            id: h.find("id")?.unwrap_or(0),
            created_at: h.find("created_at")?.unwrap_or(0),
            priority: h.find("priority")?.unwrap_or(0),
            plan: h.find("plan")?,
            channel: h.find("channel")?,
            category: h.find("category")?,
            first_response_at: h.find("first_response_at")?,
            workaround_at: h.find("workaround_at")?,
            resolved_at: h.find("resolved_at")?,
            excluded: h.find("excluded")?,
            reporter: h.find("reporter")?,
        })
    }

    /// The record whose column `i` reads `field(i)`: fields trimmed, empty
    /// optional fields absent.
    pub fn record<'r>(&self, field: impl Fn(usize) -> &'r str) -> TicketRecord<'r> {
        let opt = |c: Option<usize>| c.map(&field).map(trim).filter(|s| !s.is_empty());
        TicketRecord {
            id: trim(field(self.id)),
            created_at: Stamp::Text(trim(field(self.created_at))),
            priority: trim(field(self.priority)),
            plan: opt(self.plan),
            channel: opt(self.channel),
            category: opt(self.category),
            first_response_at: opt(self.first_response_at).map(Stamp::Text),
            workaround_at: opt(self.workaround_at).map(Stamp::Text),
            resolved_at: opt(self.resolved_at).map(Stamp::Text),
            excluded: opt(self.excluded),
            reporter: opt(self.reporter),
            problem: None,
            helpdesk: [None; 2],
        }
    }
}

/// How a file's records become tickets: slaudit's own columns, or a help
/// desk's export through a mapping.
#[derive(Debug, Clone)]
pub enum TicketFormat {
    Own(TicketColumns),
    Mapped(Box<MappedColumns>),
}

impl TicketFormat {
    /// The ticket in `record` (see [`ticket`]).
    pub fn ticket<'r>(
        &'r self,
        header: &Header,
        raw: &RawRow,
        record: &'r csv::ByteRecord,
    ) -> (u64, TicketRecord<'r>) {
        match self {
            TicketFormat::Own(c) => ticket(c, header, raw, record),
            TicketFormat::Mapped(m) => m.ticket(header, raw, record),
        }
    }

    /// (field, the export's header) of each field a mapping reads from a
    /// column of another name (empty for slaudit's own format).
    pub fn names(&self) -> Vec<(&'static str, String)> {
        match self {
            TicketFormat::Own(_) => Vec::new(),
            TicketFormat::Mapped(m) => m.names(),
        }
    }

    /// Whether the file carries the help desk's own verdicts.
    pub fn has_verdicts(&self) -> bool {
        matches!(self, TicketFormat::Mapped(m) if m.has_verdicts())
    }

    /// Whether the file gives a plan per ticket.
    pub fn has_plan(&self) -> bool {
        match self {
            TicketFormat::Own(c) => c.plan.is_some(),
            TicketFormat::Mapped(m) => m.has_plan(),
        }
    }
}

/// A tickets CSV being read.
pub struct TicketReader<R: Read> {
    input: CsvInput<R>,
    columns: TicketFormat,
    /// The buffer behind [`TicketReader::next_ticket`].
    record: csv::ByteRecord,
}

impl<R: Read> TicketReader<R> {
    /// Reads and checks the header.
    pub fn new(input: R) -> Result<Self, InputError> {
        let input = CsvInput::open(input, &REQUIRED_COLUMNS.join(", "))?;
        let columns = TicketFormat::Own(TicketColumns::from_names(input.header())?);
        Ok(TicketReader {
            input,
            columns,
            record: csv::ByteRecord::new(),
        })
    }

    /// Reads and checks the header of a help desk's export, laid out and
    /// named as `mapping` says (decode it first: [`super::mapping::decoded`]);
    /// `delim` separates fields, `tz` is the zone of times without an offset.
    pub fn with_mapping(
        input: R,
        mapping: &Mapping,
        delim: u8,
        tz: chrono_tz::Tz,
    ) -> Result<Self, InputError> {
        let layout = Layout {
            delimiter: Some(delim),
            header_row: mapping.header_row,
            header_names: mapping.required_headers(),
            footer: mapping.footer.clone(),
        };
        let expected = mapping.required_headers().join(", ");
        let input = CsvInput::open_with(input, &expected, &layout, delim)?;
        let columns =
            TicketFormat::Mapped(Box::new(MappedColumns::new(mapping, input.header(), tz)?));
        Ok(TicketReader {
            input,
            columns,
            record: csv::ByteRecord::new(),
        })
    }

    /// How records become tickets.
    pub fn format(&self) -> &TicketFormat {
        &self.columns
    }

    /// The header (its number of names is the width of every row).
    pub fn header(&self) -> &Header {
        self.input.header()
    }

    /// The next ticket as (line number, record), borrowed from the reader until
    /// the next call; `None` at the end of the input.
    ///
    /// ```
    /// use slaudit::read::tickets::TicketReader;
    /// let csv = "id,created_at,priority\nT1,2026-03-02 09:00,1\n";
    /// let mut reader = TicketReader::new(csv.as_bytes()).unwrap();
    /// let (line, ticket) = reader.next_ticket().unwrap();
    /// assert_eq!((line, ticket.id, ticket.priority), (2, "T1", "1"));
    /// assert!(reader.next_ticket().is_none());
    /// ```
    pub fn next_ticket(&mut self) -> Option<(u64, TicketRecord<'_>)> {
        let raw = self.input.next_raw(&mut self.record)?;
        Some(self.columns.ticket(self.input.header(), &raw, &self.record))
    }

    /// The next raw record (see [`ticket`]); `None` at the end of the input.
    /// `record` is reused to avoid allocations.
    pub fn next_raw(&mut self, record: &mut csv::ByteRecord) -> Option<RawRow> {
        self.input.next_raw(record)
    }
}

/// What [`TicketReader::next_raw`] read, as (line number, ticket record). A
/// record the CSV parser rejects is still a record, with its problem set.
pub fn ticket<'r>(
    cols: &TicketColumns,
    header: &Header,
    raw: &RawRow,
    record: &'r csv::ByteRecord,
) -> (u64, TicketRecord<'r>) {
    match raw {
        RawRow::Record | RawRow::Cut => {
            let fields = Fields::new(record);
            let mut rec = cols.record(|i| fields.get(i));
            rec.problem = raw.problem(&fields, header).map(|message| RowError {
                column: "row",
                message,
            });
            (record.position().map_or(0, |p| p.line()), rec)
        }
        RawRow::Broken { line, message } => (
            *line,
            TicketRecord {
                problem: Some(RowError {
                    column: "row",
                    message: message.clone(),
                }),
                ..TicketRecord::default()
            },
        ),
    }
}
