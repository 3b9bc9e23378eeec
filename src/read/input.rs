//! Reading CSV exports (tickets, outages): the header mapped by name, records read
//! one at a time, and the problems a record can have before any field is looked at
//! (wrong number of fields, an unterminated quote, bytes that are not UTF-8).
//! Takes any reader; opening files is the caller's business.

use std::io::Read;

use crate::text::fold;

/// A header that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    #[error("header has no column {missing} (required: {required}; found: {found})")]
    Missing {
        missing: String,
        required: String,
        found: String,
    },
    #[error("column '{0}' appears twice in the header")]
    Duplicate(String),
}

/// Why a file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("the file is empty (expected a header with {expected})")]
    Empty { expected: String },
    #[error("line 1: the header is not UTF-8 text")]
    HeaderNotUtf8,
    #[error("line 1: {0}")]
    Header(#[from] HeaderError),
    #[error("{0}")]
    Csv(String),
}

/// Header names, matched case-insensitively (`-`, `_` and spaces alike, a BOM ignored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    names: Vec<String>,
    folded: Vec<String>,
}

impl Header {
    pub fn new<'h>(names: impl IntoIterator<Item = &'h str>) -> Self {
        let names: Vec<String> = names.into_iter().map(str::to_string).collect();
        let folded = names
            .iter()
            .map(|h| fold(h.trim_start_matches('\u{feff}')).replace('-', "_"))
            .collect();
        Header { names, folded }
    }

    /// Names as written; their number is the width of every row.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Checks that every required column is there.
    pub fn require(&self, required: &[&str]) -> Result<(), HeaderError> {
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|c| !self.folded.iter().any(|n| n == c))
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        let found = if self.folded.iter().all(|n| n.is_empty()) {
            "nothing".to_string()
        } else {
            self.folded.join(", ")
        };
        Err(HeaderError::Missing {
            missing: missing.join(", "),
            required: required.join(", "),
            found,
        })
    }

    /// Position of a column, if present; an error if it appears twice.
    pub fn find(&self, column: &str) -> Result<Option<usize>, HeaderError> {
        let mut hits = self.folded.iter().enumerate().filter(|(_, n)| *n == column);
        let first = hits.next().map(|(i, _)| i);
        if hits.next().is_some() {
            return Err(HeaderError::Duplicate(column.to_string()));
        }
        Ok(first)
    }
}

/// What [`CsvInput::next_raw`] read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawRow {
    /// A record, in the buffer passed to `next_raw`.
    Record,
    /// Something the CSV parser could not split into fields.
    Broken { line: u64, message: String },
}

/// A CSV file being read.
pub struct CsvInput<R: Read> {
    reader: csv::Reader<R>,
    header: Header,
    /// Set once the underlying reader failed.
    done: bool,
}

impl<R: Read> CsvInput<R> {
    /// Reads the header; `expected` names the required columns for the message
    /// about an empty file.
    pub fn open(input: R, expected: &str) -> Result<Self, InputError> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .buffer_capacity(1 << 16)
            .from_reader(input);
        let raw = reader
            .byte_headers()
            .map_err(|e| InputError::Csv(csv_error(&e)))?
            .clone();
        if raw.is_empty() || (raw.len() == 1 && raw[0].trim_ascii().is_empty()) {
            return Err(InputError::Empty {
                expected: expected.to_string(),
            });
        }
        let names: Vec<&str> = raw
            .iter()
            .map(std::str::from_utf8)
            .collect::<Result<_, _>>()
            .map_err(|_| InputError::HeaderNotUtf8)?;
        Ok(CsvInput {
            reader,
            header: Header::new(names),
            done: false,
        })
    }

    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The next record into `record` (reused to avoid allocations); `None` at the
    /// end of the input. A record the parser rejects is reported, not skipped.
    pub fn next_raw(&mut self, record: &mut csv::ByteRecord) -> Option<RawRow> {
        if self.done {
            return None;
        }
        match self.reader.read_byte_record(record) {
            Ok(false) => None,
            Ok(true) => Some(RawRow::Record),
            Err(e) => {
                // When the input itself fails, report it once and stop.
                self.done = matches!(e.kind(), csv::ErrorKind::Io(_));
                Some(RawRow::Broken {
                    line: e.position().map_or(0, |p| p.line()),
                    message: csv_error(&e),
                })
            }
        }
    }
}

/// The fields of one record as text.
pub struct Fields<'r> {
    record: &'r csv::ByteRecord,
    /// The whole record when it is UTF-8: fields are slices of one buffer cut at
    /// ASCII delimiters, so then every field is UTF-8 too.
    all: Option<&'r str>,
}

impl<'r> Fields<'r> {
    pub fn new(record: &'r csv::ByteRecord) -> Self {
        Fields {
            record,
            all: std::str::from_utf8(record.as_slice()).ok(),
        }
    }

    /// Field `i`, or "" when absent or not UTF-8.
    pub fn get(&self, i: usize) -> &'r str {
        match self.all {
            Some(all) => self.record.range(i).and_then(|r| all.get(r)).unwrap_or(""),
            None => self
                .record
                .get(i)
                .and_then(|f| std::str::from_utf8(f).ok())
                .unwrap_or(""),
        }
    }

    /// What is wrong with the record as a whole, if anything.
    pub fn problem(&self, header: &Header) -> Option<String> {
        let width = header.names().len();
        let len = self.record.len();
        if len != width {
            let last = len.saturating_sub(1);
            let swallowed =
                len < width && self.record.get(last).is_some_and(|f| f.contains(&b'\n'));
            return Some(if swallowed {
                // A quote opened in this field was never closed: the parser took
                // the following lines into it.
                let name = header.names().get(last).map_or("?", String::as_str);
                format!("column '{name}': unterminated quote: the quoted value runs on over the following lines")
            } else {
                format!("has {len} fields, the header has {width}")
            });
        }
        if self.all.is_none() {
            let bad = self
                .record
                .iter()
                .position(|f| std::str::from_utf8(f).is_err())
                .unwrap_or(0);
            return Some(format!("field {} is not valid UTF-8", bad + 1));
        }
        None
    }
}

/// One line describing a CSV parser error.
pub fn csv_error(e: &csv::Error) -> String {
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
