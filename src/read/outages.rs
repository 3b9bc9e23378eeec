//! Reading an outages CSV: header mapping, then one row at a time, each parsed
//! into an [`OutageRow`] (the record type lives in [`crate::record`]; or marked
//! invalid with the column at fault). Takes any reader; opening files is the
//! caller's business.
//!
//! Columns (case-insensitive, any order, extra columns ignored): `id`, `start`,
//! `end` required; `product`, `kind` (`unplanned`, the default, or
//! `maintenance`), `notified_at`, `excluded` (a free-text cause; non-empty means
//! the outage is excluded), `reported_at` and `credit_requested_at` optional.
//! Timestamps follow [`crate::localtime::parse_timestamp`]: RFC 3339, or a naive
//! local time in the input zone, where a time skipped or repeated by a
//! daylight-saving change is an error.

use std::io::Read;

use chrono_tz::Tz;

use super::input::{CsvInput, Fields, Header, RawRow};
use crate::contract::availability::Availability;
use crate::localtime::parse_timestamp;
use crate::record::RowError;
pub use crate::record::{OutageKind, OutageRow};
use crate::text::fold;

pub const REQUIRED_COLUMNS: [&str; 3] = ["id", "start", "end"];
pub const OPTIONAL_COLUMNS: [&str; 6] = [
    "product",
    "kind",
    "notified_at",
    "excluded",
    "reported_at",
    "credit_requested_at",
];

/// Where each column sits in an outages file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutageColumns {
    pub id: usize,
    pub start: usize,
    pub end: usize,
    pub product: Option<usize>,
    pub kind: Option<usize>,
    pub notified_at: Option<usize>,
    pub excluded: Option<usize>,
    pub reported_at: Option<usize>,
    pub credit_requested_at: Option<usize>,
}

pub use super::input::{HeaderError, InputError};

impl OutageColumns {
    /// Maps a header row (names case-insensitive, `-` and `_` alike).
    pub fn from_header<'h>(header: impl IntoIterator<Item = &'h str>) -> Result<Self, HeaderError> {
        Self::from_names(&Header::new(header))
    }

    /// Maps a read header.
    pub fn from_names(h: &Header) -> Result<Self, HeaderError> {
        h.require(&REQUIRED_COLUMNS)?;
        let find = |c: &str| h.find(c);
        Ok(OutageColumns {
            id: find("id")?.unwrap_or(0),
            start: find("start")?.unwrap_or(0),
            end: find("end")?.unwrap_or(0),
            product: find("product")?,
            kind: find("kind")?,
            notified_at: find("notified_at")?,
            excluded: find("excluded")?,
            reported_at: find("reported_at")?,
            credit_requested_at: find("credit_requested_at")?,
        })
    }
}

/// What every row of one file shares.
#[derive(Debug, Clone, Copy)]
pub struct RowParser<'a> {
    pub availability: &'a Availability,
    /// For messages (`contract adereso`).
    pub contract_key: &'a str,
    /// Zone of timestamps without an offset.
    pub input_tz: Tz,
    /// Product for rows without one (`--product`).
    pub default_product: Option<usize>,
}

impl RowParser<'_> {
    /// Parses one row; `field(i)` returns the text of column `i`.
    pub fn parse<'r>(
        &self,
        cols: &OutageColumns,
        line: u64,
        field: impl Fn(usize) -> &'r str,
    ) -> OutageRow {
        let mut row = OutageRow::blank(line);
        row.id = field(cols.id).trim().to_string();
        if let Err(e) = self.fill(cols, &field, &mut row) {
            row.error = Some(e);
        }
        row
    }

    fn fill<'r>(
        &self,
        cols: &OutageColumns,
        field: &impl Fn(usize) -> &'r str,
        row: &mut OutageRow,
    ) -> Result<(), RowError> {
        let opt = |c: Option<usize>| c.map(field).map(str::trim).filter(|s| !s.is_empty());
        let err = |column: &'static str, message: String| RowError { column, message };
        if row.id.is_empty() {
            return Err(err("id", "is empty".into()));
        }
        let start_text = field(cols.start).trim();
        if start_text.is_empty() {
            return Err(err("start", "is empty".into()));
        }
        let start = self.time("start", start_text)?;
        row.start = Some(start);
        let end_text = field(cols.end).trim();
        if end_text.is_empty() {
            return Err(err(
                "end",
                "is empty: an open outage cannot be measured (give the time the service came back)"
                    .into(),
            ));
        }
        let end = self.time("end", end_text)?;
        if end < start {
            return Err(err(
                "end",
                format!("{end_text} is before start {start_text}"),
            ));
        }
        if end == start {
            return Err(err(
                "end",
                format!("{end_text} is the same instant as start"),
            ));
        }
        row.end = Some(end);
        if let Some(k) = opt(cols.kind) {
            row.kind = match fold(k).as_str() {
                "unplanned" => OutageKind::Unplanned,
                "maintenance" => OutageKind::Maintenance,
                _ => {
                    return Err(err(
                        "kind",
                        format!("'{k}' is not a kind (expected unplanned or maintenance)"),
                    ))
                }
            };
        }
        let av = self.availability;
        row.product_text = opt(cols.product).unwrap_or_default().to_string();
        if !av.products.is_empty() {
            row.product = match opt(cols.product) {
                Some(p) => Some(av.product(p).ok_or_else(|| {
                    err(
                        "product",
                        format!(
                            "product '{p}' is not one of {} in contract {}",
                            av.product_keys(),
                            self.contract_key
                        ),
                    )
                })?),
                None => match self.default_product {
                    Some(p) => Some(p),
                    None => {
                        return Err(err(
                            "product",
                            format!(
                                "no product on this row and no --product given (contract {} measures {} separately)",
                                self.contract_key,
                                av.product_keys()
                            ),
                        ))
                    }
                },
            };
        }
        row.notified_at = self.opt_time("notified_at", opt(cols.notified_at))?;
        row.reported_at = self.opt_time("reported_at", opt(cols.reported_at))?;
        row.credit_requested_at =
            self.opt_time("credit_requested_at", opt(cols.credit_requested_at))?;
        row.excluded = opt(cols.excluded).map(str::to_string);
        Ok(())
    }

    fn time(&self, column: &'static str, text: &str) -> Result<i64, RowError> {
        parse_timestamp(text, self.input_tz).map_err(|e| RowError {
            column,
            message: e.to_string(),
        })
    }

    fn opt_time(&self, column: &'static str, text: Option<&str>) -> Result<Option<i64>, RowError> {
        text.map(|t| self.time(column, t)).transpose()
    }
}

/// An outages CSV being read.
pub struct OutageReader<R: Read> {
    input: CsvInput<R>,
    columns: OutageColumns,
    record: csv::ByteRecord,
}

impl<R: Read> OutageReader<R> {
    /// Reads and checks the header.
    pub fn new(input: R) -> Result<Self, InputError> {
        let input = CsvInput::open(input, &REQUIRED_COLUMNS.join(", "))?;
        let columns = OutageColumns::from_names(input.header())?;
        Ok(OutageReader {
            input,
            columns,
            record: csv::ByteRecord::new(),
        })
    }

    pub fn columns(&self) -> &OutageColumns {
        &self.columns
    }

    /// The next row; `None` at the end of the input. A record the CSV parser
    /// rejects still yields a row, marked invalid.
    pub fn next_row(&mut self, parser: &RowParser<'_>) -> Option<OutageRow> {
        match self.input.next_raw(&mut self.record)? {
            raw @ (RawRow::Record | RawRow::Cut) => {
                let line = self.record.position().map_or(0, |p| p.line());
                let fields = Fields::new(&self.record);
                let mut row = parser.parse(&self.columns, line, |i| fields.get(i));
                if let Some(message) = raw.problem(&fields, self.input.header()) {
                    row.error = Some(RowError {
                        column: "row",
                        message,
                    });
                }
                Some(row)
            }
            RawRow::Broken { line, message } => {
                let mut row = OutageRow::blank(line);
                row.error = Some(RowError {
                    column: "row",
                    message,
                });
                Some(row)
            }
        }
    }
}
