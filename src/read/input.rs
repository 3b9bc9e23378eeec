//! Reading CSV exports (tickets, outages): the header mapped by name, records read
//! one at a time, and the problems a record can have before any field is looked at
//! (wrong number of fields, an unterminated quote, bytes that are not UTF-8).
//! Takes any reader; opening files is the caller's business. One record is at
//! most [`MAX_RECORD_BYTES`]: a longer one is a bad row, skipped up to its end, so
//! memory stays bounded on any input (even `/dev/zero`).

use std::io::Read;

use crate::text::{clip, fold};

/// What to do about bytes that are not UTF-8.
const NOT_UTF8_HINT: &str =
    "the file may be in another encoding (such as Windows-1252 or Latin-1): read it through a mapping file (--map) with encoding = \"windows-1252\", or convert it to UTF-8";

/// A header that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    #[error("header has no column {missing} (required: {required}; found: {found}){hint}")]
    Missing {
        missing: String,
        required: String,
        found: String,
        /// Why, when it can be guessed (another separator than `,`).
        hint: String,
    },
    #[error("column '{0}' appears twice in the header")]
    Duplicate(String),
}

/// Why a file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("the file is empty (expected a header with {expected})")]
    Empty { expected: String },
    #[error("line 1: {}; is this a CSV file?", too_long("header"))]
    HeaderTooLong,
    #[error("line 1: the header is not UTF-8 text: {NOT_UTF8_HINT}")]
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
        // The names as written (control characters such as a TAB escaped), so
        // the user recognises their own header.
        let found = if self.folded.iter().all(|n| n.is_empty()) {
            "nothing".to_string()
        } else {
            self.names
                .iter()
                .map(|n| crate::text::clip(n.trim_start_matches('\u{feff}')).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        };
        Err(HeaderError::Missing {
            missing: missing.join(", "),
            required: required.join(", "),
            found,
            hint: self.separator_hint(required),
        })
    }

    /// When the header holds the required names split by another separator
    /// (`;`, TAB, `|`), a word saying so.
    fn separator_hint(&self, required: &[&str]) -> String {
        for (sep, shown) in [(';', "';'"), ('\t', "TAB"), ('|', "'|'")] {
            if !self.names.iter().any(|n| n.contains(sep)) {
                continue;
            }
            let split = Header::new(self.names.iter().flat_map(|n| n.split(sep)));
            if required.iter().all(|c| split.folded.iter().any(|n| n == c)) {
                return format!(
                    ": the file seems {shown}-separated; slaudit reads comma-separated files: save it with ',' as the separator"
                );
            }
        }
        String::new()
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
    /// A record longer than [`MAX_RECORD_BYTES`]: its start, cut at the limit,
    /// is in the buffer; the rest was dropped.
    Cut,
}

impl RawRow {
    /// What is wrong with the record in `fields` as a whole, if anything (for a
    /// [`RawRow::Record`] or [`RawRow::Cut`]).
    pub fn problem(&self, fields: &Fields<'_>, header: &Header) -> Option<String> {
        match self {
            RawRow::Cut => Some(format!(
                "{}; it is skipped up to its end",
                too_long("record")
            )),
            RawRow::Broken { message, .. } => Some(message.clone()),
            RawRow::Record => fields.problem(header),
        }
    }
}

/// The longest record read, in bytes as written in the file (quotes and
/// delimiters included, the line end not).
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// Why a record was cut short, in a row error.
fn too_long(what: &str) -> String {
    format!("the {what} is longer than 1 MiB ({MAX_RECORD_BYTES} bytes), the limit for one record")
}

/// Where a byte leaves the CSV grammar (the `csv` crate's defaults: `,`, `"`
/// doubled to escape it, CR, LF or CRLF ends a record, empty lines skipped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lex {
    StartRecord,
    StartField,
    InField,
    InQuoted,
    /// A `"` inside a quoted field: its end, or the first of a doubled quote.
    QuoteInQuoted,
}

impl Lex {
    /// The state after `b` (fields separated by `delim`), and whether `b`
    /// ended a record.
    fn step(self, b: u8, delim: u8) -> (Lex, bool) {
        let end = b == b'\n' || b == b'\r';
        match self {
            Lex::StartRecord if end => (Lex::StartRecord, false),
            Lex::StartRecord | Lex::StartField => match b {
                b'"' => (Lex::InQuoted, false),
                _ if b == delim => (Lex::StartField, false),
                _ if end => (Lex::StartRecord, true),
                _ => (Lex::InField, false),
            },
            Lex::InField | Lex::QuoteInQuoted => match b {
                b'"' if self == Lex::QuoteInQuoted => (Lex::InQuoted, false),
                _ if b == delim => (Lex::StartField, false),
                _ if end => (Lex::StartRecord, true),
                _ => (Lex::InField, false),
            },
            Lex::InQuoted => match b {
                b'"' => (Lex::QuoteInQuoted, false),
                _ => (Lex::InQuoted, false),
            },
        }
    }
}

/// The input as the CSV parser sees it: a record that passes the limit is cut
/// there and closed (a `"` if a quoted field is open, then a line end), and the
/// rest of it is read and dropped. The parser then reports the cut record as
/// usual and [`CsvInput`] marks it.
struct Bounded<R> {
    inner: R,
    buf: Box<[u8]>,
    pos: usize,
    len: usize,
    lex: Lex,
    /// Bytes of the current record so far.
    record_len: usize,
    /// Dropping the rest of a cut record.
    skipping: bool,
    /// Bytes to hand over before any more input (the closing of a cut record).
    inject: &'static [u8],
    /// A record was cut since the last [`Bounded::take_cut`].
    cut: bool,
    /// Line ends the parser did not see (dropped), less the ones it was given
    /// in their place.
    line_shift: i64,
    /// The field delimiter.
    delim: u8,
    /// A CR is the last byte of the input (nothing follows to look at).
    cr_at_end: bool,
    /// The longest record passed on ([`MAX_RECORD_BYTES`]; smaller in tests).
    limit: usize,
    /// Whether whole lines without quotes, CRs or blank lines between them are
    /// passed on in one copy (off in tests, to compare with byte-wise reading).
    plain_lines: bool,
    /// Where in `buf` the next quote or CR is, and the next line end that ends
    /// a blank line, as last searched (`len` when there is none): each byte is
    /// searched once, however many records a buffer holds.
    next_special: usize,
    next_blank: usize,
    /// Reading a file's first part: input bytes left before the point where
    /// the part ends if a record ends there ([`CsvInput::open_part`]).
    split: Option<u64>,
    /// Line ends in the input before the split, counted as read.
    split_lines: u64,
    /// The input ended at the split, between records.
    stopped: bool,
    /// The header is read: the input may end at the split.
    armed: bool,
}

impl<R: Read> Bounded<R> {
    #[cfg(test)]
    fn new(inner: R) -> Self {
        Self::with_delimiter(inner, b',')
    }

    fn with_delimiter(inner: R, delim: u8) -> Self {
        Bounded {
            delim,
            cr_at_end: false,
            inner,
            buf: vec![0; 1 << 16].into_boxed_slice(),
            pos: 0,
            len: 0,
            lex: Lex::StartRecord,
            record_len: 0,
            skipping: false,
            inject: &[],
            cut: false,
            line_shift: 0,
            limit: tuning::limit(),
            plain_lines: tuning::plain_lines(),
            next_special: usize::MAX,
            next_blank: usize::MAX,
            split: None,
            split_lines: 0,
            stopped: false,
            armed: false,
        }
    }

    /// Reads from the input into `buf[from..]`, not past the split: at the
    /// split, between records the input ends there (0); inside a record
    /// the split is dropped and the read goes on to the end.
    fn fill(&mut self, from: usize) -> std::io::Result<usize> {
        let end = match self.split {
            None => self.buf.len(),
            Some(0) => {
                if self.armed && self.lex == Lex::StartRecord && !self.skipping && from == 0 {
                    self.stopped = true;
                    return Ok(0);
                }
                self.split = None;
                self.buf.len()
            }
            Some(left) => self
                .buf
                .len()
                .min(from + usize::try_from(left).unwrap_or(usize::MAX)),
        };
        let n = self.inner.read(&mut self.buf[from..end])?;
        if let Some(left) = &mut self.split {
            *left -= n as u64;
            self.split_lines += line_ends(&self.buf[from..from + n]);
        }
        Ok(n)
    }

    fn take_cut(&mut self) -> bool {
        std::mem::take(&mut self.cut)
    }

    /// How many bytes from `pos` (a record's start) the parser may be handed
    /// unchanged, at most `room`: the complete lines before the next quote,
    /// CR or blank line, when they are within the limit (so that no line among
    /// them can pass it); 0 when there is no such line.
    fn plain_lines(&mut self, room: usize) -> usize {
        let (pos, len) = (self.pos, self.len);
        let data = &self.buf[..len];
        if data[pos] == b'\n' {
            return 0;
        }
        if self.next_special < pos || self.next_special > len {
            self.next_special = memchr::memchr2(b'"', b'\r', &data[pos..]).map_or(len, |i| pos + i);
        }
        if self.next_blank < pos || self.next_blank > len {
            self.next_blank =
                memchr::memmem::find(&data[pos..], b"\n\n").map_or(len, |i| pos + i + 1);
        }
        let end = self.next_special.min(self.next_blank).min(pos + room);
        match memchr::memrchr(b'\n', &data[pos..end]) {
            Some(last) if last < self.limit => last + 1,
            _ => 0,
        }
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        loop {
            if !self.inject.is_empty() {
                let n = self.inject.len().min(out.len());
                out[..n].copy_from_slice(&self.inject[..n]);
                self.inject = &self.inject[n..];
                return Ok(n);
            }
            if self.pos == self.len {
                self.pos = 0;
                (self.next_special, self.next_blank) = (usize::MAX, usize::MAX);
                self.len = self.fill(0)?;
                if self.len == 0 {
                    return Ok(0);
                }
            }
            if self.skipping {
                while self.pos < self.len {
                    let b = self.buf[self.pos];
                    self.pos += 1;
                    self.line_shift += i64::from(b == b'\n');
                    let (next, ended) = self.lex.step(b, self.delim);
                    self.lex = next;
                    if ended {
                        // The parser saw the line end given in its place.
                        self.line_shift -= 1;
                        self.skipping = false;
                        self.record_len = 0;
                        break;
                    }
                }
                continue;
            }
            let mut n = 0;
            while n < out.len() && self.pos < self.len {
                // At a record's start, the complete lines ahead that hold no
                // quote and no CR, with no blank line among them and none
                // longer than the limit, go to the parser as they are.
                if self.plain_lines && self.lex == Lex::StartRecord {
                    let take = self.plain_lines(out.len() - n);
                    if take > 0 {
                        out[n..n + take].copy_from_slice(&self.buf[self.pos..self.pos + take]);
                        n += take;
                        self.pos += take;
                        continue;
                    }
                }
                // Runs of bytes that cannot end the record or open or close a
                // quoted field (inside one: anything but a quote; outside: anything
                // but a quote or a line end) are found with memchr and copied
                // whole; the state machine sees only the bytes between runs.
                let room = (out.len() - n).min(self.len - self.pos);
                let window = &self.buf[self.pos..self.pos + room];
                let run = match self.lex {
                    Lex::InQuoted => memchr::memchr(b'"', window).unwrap_or(room),
                    Lex::InField | Lex::StartField | Lex::StartRecord => {
                        memchr::memchr3(b'"', b'\n', b'\r', window).unwrap_or(room)
                    }
                    Lex::QuoteInQuoted => 0,
                };
                if run > 0 {
                    let take = run.min(self.limit - self.record_len);
                    out[n..n + take].copy_from_slice(&window[..take]);
                    if take > 0 && self.lex != Lex::InQuoted {
                        // Outside quotes the run holds plain bytes and delimiters.
                        self.lex = if window[take - 1] == self.delim {
                            Lex::StartField
                        } else {
                            Lex::InField
                        };
                    }
                    n += take;
                    self.pos += take;
                    self.record_len += take;
                    if take < run {
                        // The next byte passes the limit: cut here.
                        self.cut = true;
                        self.skipping = true;
                        self.inject = if self.lex == Lex::InQuoted {
                            b"\"\n"
                        } else {
                            b"\n"
                        };
                        break;
                    }
                    continue;
                }
                let b = self.buf[self.pos];
                // A CR before an LF outside quotes is dropped: the parser then
                // sees one line end and counts lines as the file has them.
                if b == b'\r' && self.lex != Lex::InQuoted {
                    if self.pos + 1 < self.len {
                        if self.buf[self.pos + 1] == b'\n' {
                            self.pos += 1;
                            continue;
                        }
                    } else if !self.cr_at_end {
                        if n > 0 {
                            break;
                        }
                        // Look at the next byte: keep the CR, read more after it.
                        self.buf[0] = b'\r';
                        let more = self.fill(1)?;
                        self.pos = 0;
                        (self.next_special, self.next_blank) = (usize::MAX, usize::MAX);
                        self.len = 1 + more;
                        self.cr_at_end = more == 0;
                        continue;
                    }
                }
                // A line end where a record would start ends a blank line. The
                // parser skips blank lines but numbers the record after one a
                // line short, so it is dropped here and counted in the shift.
                // The read stops before it, so the shift is only taken up by
                // the records after it (the parser reads on only once it has
                // read the records before).
                if self.lex == Lex::StartRecord && (b == b'\n' || b == b'\r') {
                    if n > 0 {
                        break;
                    }
                    self.pos += 1;
                    self.line_shift += i64::from(b == b'\n');
                    continue;
                }
                let before = self.lex;
                let (next, ended) = before.step(b, self.delim);
                if ended || next == Lex::StartRecord {
                    self.record_len = 0;
                } else {
                    self.record_len += 1;
                    if self.record_len > self.limit {
                        // Cut here: close what the parser has seen, drop the rest.
                        self.cut = true;
                        self.skipping = true;
                        self.inject = if before == Lex::InQuoted {
                            b"\"\n"
                        } else {
                            b"\n"
                        };
                        break;
                    }
                }
                self.lex = next;
                out[n] = b;
                n += 1;
                self.pos += 1;
            }
            if n > 0 {
                return Ok(n);
            }
        }
    }
}

/// The line ends in `bytes`, summed in bytes per block of 255 (which the
/// compiler turns into vector adds).
fn line_ends(bytes: &[u8]) -> u64 {
    bytes
        .chunks(255)
        .map(|block| u64::from(block.iter().map(|&b| u8::from(b == b'\n')).sum::<u8>()))
        .sum()
}

/// What tests change in every [`Bounded`] made on their thread: the record
/// limit, and whether plain lines are passed on whole.
#[cfg(not(test))]
mod tuning {
    pub fn limit() -> usize {
        super::MAX_RECORD_BYTES
    }
    pub fn plain_lines() -> bool {
        true
    }
}

#[cfg(test)]
mod tuning {
    use std::cell::Cell;

    thread_local! {
        pub static LIMIT: Cell<usize> = const { Cell::new(super::MAX_RECORD_BYTES) };
        pub static PLAIN_LINES: Cell<bool> = const { Cell::new(true) };
    }

    pub fn limit() -> usize {
        LIMIT.with(Cell::get)
    }
    pub fn plain_lines() -> bool {
        PLAIN_LINES.with(Cell::get)
    }
}

/// How a file is laid out around its records, when it is not slaudit's own
/// format (a help desk's export read through a mapping). Such a file's
/// records whose cells are all blank are skipped.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// The field delimiter (`None`: sniffed from the first lines).
    pub delimiter: Option<u8>,
    /// The line of the header (`None`: the first of the first [`HEADER_SEARCH`]
    /// records that holds every name of `header_names`, or the first record).
    pub header_row: Option<usize>,
    /// Names (as a mapping writes them) the header must hold.
    pub header_names: Vec<String>,
    /// A record whose first cell starts with this ends the data.
    pub footer: Option<String>,
}

/// Records looked at to find a header by its names.
pub const HEADER_SEARCH: usize = 20;

/// The most frequent of `,`, `;`, TAB and `|` outside quotes in the first
/// lines of `bytes` (`,` when none appears).
pub fn sniff_delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; 4];
    let cands = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    let mut lines = 0;
    for &b in bytes {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                lines += 1;
                if lines >= HEADER_SEARCH {
                    break;
                }
            }
            _ if !quoted => {
                if let Some(i) = cands.iter().position(|&c| c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let best = (0..4)
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
        .unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        cands[best]
    }
}

/// A CSV file being read.
pub struct CsvInput<R: Read> {
    reader: csv::Reader<Bounded<R>>,
    header: Header,
    /// Set once the underlying reader failed.
    done: bool,
    /// Where the data ends, if a footer marks it.
    footer: Option<String>,
    /// Whether records whose cells are all blank are skipped (a help desk's
    /// export, where a spreadsheet pads blank rows to the sheet's width).
    skip_blank: bool,
}

impl<R: Read> CsvInput<R> {
    /// Reads the header; `expected` names the required columns for the message
    /// about an empty file.
    pub fn open(input: R, expected: &str) -> Result<Self, InputError> {
        Self::open_with(input, expected, &Layout::default(), b',')
    }

    /// [`CsvInput::open`] for a file laid out as `layout` says, fields
    /// separated by `delim` (sniff it first with [`sniff_delimiter`] when the
    /// layout gives none).
    pub fn open_with(
        input: R,
        expected: &str,
        layout: &Layout,
        delim: u8,
    ) -> Result<Self, InputError> {
        Self::open_bounded(
            Bounded::with_delimiter(input, delim),
            expected,
            layout,
            delim,
        )
    }

    fn open_bounded(
        input: Bounded<R>,
        expected: &str,
        layout: &Layout,
        delim: u8,
    ) -> Result<Self, InputError> {
        let plain = layout.header_row.is_none() && layout.header_names.is_empty();
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(plain)
            .delimiter(delim)
            .buffer_capacity(1 << 16)
            .from_reader(input);
        let raw = if plain {
            reader
                .byte_headers()
                .map_err(|e| InputError::Csv(csv_error(&e)))?
                .clone()
        } else {
            find_header(&mut reader, layout)?
        };
        if reader.get_mut().take_cut() {
            return Err(InputError::HeaderTooLong);
        }
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
            footer: layout.footer.clone(),
            skip_blank: !plain || layout.delimiter.is_some(),
        })
    }

    /// [`CsvInput::open`] for the first part of a file in slaudit's own
    /// format: the input ends after its first `len` bytes if a record ends
    /// there (the rest is then read by [`CsvInput::resume`]); otherwise it
    /// is read to the end. [`CsvInput::part_end`] says which.
    pub fn open_part(input: R, expected: &str, len: u64) -> Result<Self, InputError> {
        let mut bounded = Bounded::with_delimiter(input, b',');
        bounded.split = Some(len);
        let mut input = Self::open_bounded(bounded, expected, &Layout::default(), b',')?;
        // Reached before the header's end, the split was dropped.
        input.reader.get_mut().armed = true;
        Ok(input)
    }

    /// Once the records are read: the number of line ends before the end of
    /// the part when the input ended there, between records (the first line
    /// of the rest is the next); `None` when it was read to the end.
    pub fn part_end(&self) -> Option<u64> {
        let b = self.reader.get_ref();
        b.stopped.then_some(b.split_lines)
    }

    /// The records of a file in slaudit's own format from where a part read
    /// by [`CsvInput::open_part`] ended, `header` being the file's. Lines are
    /// numbered from 1 at that point: add the line ends before it
    /// ([`CsvInput::part_end`]) for the file's numbers.
    pub fn resume(input: R, header: Header) -> Self {
        let bounded = Bounded::with_delimiter(input, b',');
        let reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(false)
            .buffer_capacity(1 << 16)
            .from_reader(bounded);
        CsvInput {
            reader,
            header,
            done: false,
            footer: None,
            skip_blank: false,
        }
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
        let mut result = self.reader.read_byte_record(record);
        while self.skip_blank
            && matches!(result, Ok(true))
            && record.iter().all(|f| f.trim_ascii().is_empty())
        {
            result = self.reader.read_byte_record(record);
        }
        if let (Some(footer), Ok(true)) = (&self.footer, &result) {
            let first = record.get(0).unwrap_or_default().trim_ascii();
            if first.starts_with(footer.as_bytes()) {
                self.done = true;
                return None;
            }
        }
        // Line ends dropped with a cut record before this one (counted when the
        // dropping ends, as this record's first bytes are read).
        let shift = self.reader.get_ref().line_shift;
        let shifted = |line: u64| line.saturating_add_signed(shift);
        match result {
            Ok(false) => None,
            Ok(true) => {
                if shift != 0 {
                    if let Some(p) = record.position() {
                        let mut p = p.clone();
                        p.set_line(shifted(p.line()));
                        record.set_position(Some(p));
                    }
                }
                if self.reader.get_mut().take_cut() {
                    return Some(RawRow::Cut);
                }
                Some(RawRow::Record)
            }
            Err(e) => {
                // When the input itself fails, report it once and stop.
                self.done = matches!(e.kind(), csv::ErrorKind::Io(_));
                Some(RawRow::Broken {
                    line: shifted(e.position().map_or(0, |p| p.line())),
                    message: csv_error(&e),
                })
            }
        }
    }
}

/// The header of a file with rows above it: at `layout.header_row`, or the
/// first record (of the first [`HEADER_SEARCH`]) holding every name of
/// `layout.header_names`, else the first non-empty one.
fn find_header<R: Read>(
    reader: &mut csv::Reader<Bounded<R>>,
    layout: &Layout,
) -> Result<csv::ByteRecord, InputError> {
    let wanted: Vec<String> = layout
        .header_names
        .iter()
        .map(|n| fold(n).replace('-', "_"))
        .collect();
    let mut first: Option<csv::ByteRecord> = None;
    let mut record = csv::ByteRecord::new();
    for _ in 0..HEADER_SEARCH {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(InputError::Csv(csv_error(&e))),
        }
        let line = record.position().map_or(0, |p| p.line() as usize);
        if let Some(row) = layout.header_row {
            if line == row {
                return Ok(record);
            }
            if line > row {
                break;
            }
            continue;
        }
        let names: Vec<String> = record
            .iter()
            .map(|f| {
                let t = String::from_utf8_lossy(f);
                fold(t.trim_start_matches('\u{feff}')).replace('-', "_")
            })
            .collect();
        if wanted.iter().all(|w| names.contains(w)) {
            return Ok(record);
        }
        if first.is_none() && record.iter().any(|f| !f.trim_ascii().is_empty()) {
            first = Some(record.clone());
        }
    }
    match (layout.header_row, first) {
        (Some(row), _) => Err(InputError::Csv(format!(
            "line {row}: the file has no row {row} to read the header from"
        ))),
        // The first row is taken, so that the message about missing columns
        // shows what was found.
        (None, Some(first)) => Ok(first),
        (None, None) => Ok(csv::ByteRecord::new()),
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
            let name = header.names().get(bad).map_or("?", String::as_str);
            return Some(format!(
                "column '{}' is not valid UTF-8 text: {NOT_UTF8_HINT}",
                clip(name)
            ));
        }
        None
    }
}

/// One line describing a CSV parser error.
pub fn csv_error(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => format!(
            "field {} is not valid UTF-8 text: {NOT_UTF8_HINT}",
            err.field() + 1
        ),
        csv::ErrorKind::Io(io) => io.to_string(),
        _ => e
            .to_string()
            .lines()
            .next()
            .unwrap_or("unreadable CSV")
            .to_string(),
    }
}

#[cfg(test)]
mod bounded_tests {
    use std::io::Read;

    use proptest::prelude::*;

    use super::{Bounded, Lex};

    /// Hands out its bytes a few at a time, as pipes do.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(out.len()).min(self.0.len());
            out[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// `bytes` with each CR that comes before an LF outside quotes dropped,
    /// and each line end where a record would start (blank lines), byte by
    /// byte (what [`Bounded`] hands the parser).
    fn drop_crs(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut lex = Lex::StartRecord;
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\r' && lex != Lex::InQuoted && bytes.get(i + 1) == Some(&b'\n') {
                continue;
            }
            if lex == Lex::StartRecord && (b == b'\n' || b == b'\r') {
                continue;
            }
            lex = lex.step(b, b',').0;
            out.push(b);
        }
        out
    }

    /// The state after `bytes`, byte by byte.
    fn walk(bytes: &[u8]) -> Lex {
        bytes
            .iter()
            .fold(Lex::StartRecord, |s, &b| s.step(b, b',').0)
    }

    proptest! {
        /// Under the limit the input passes unchanged but for CRs before LFs
        /// outside quotes and blank lines, whatever the chunks, and the lexer
        /// ends in the state
        /// a byte-by-byte walk reaches.
        #[test]
        fn short_records_pass_unchanged(
            bytes in proptest::collection::vec(
                prop_oneof![Just(b'a'), Just(b','), Just(b'"'), Just(b'\n'), Just(b'\r')],
                0..400,
            ),
            chunk in 1usize..9,
            out_size in 1usize..17,
        ) {
            let mut b = Bounded::new(Trickle(&bytes, chunk));
            let mut got = Vec::new();
            let mut buf = vec![0u8; out_size];
            loop {
                let n = b.read(&mut buf).unwrap();
                if n == 0 {
                    break;
                }
                got.extend_from_slice(&buf[..n]);
            }
            let want = drop_crs(&bytes);
            prop_assert_eq!(&got, &want);
            prop_assert!(!b.take_cut());
            prop_assert_eq!(b.lex, walk(&want));
        }
    }

    /// What a CSV input hands out, record by record: the kind of row, its
    /// fields and its line (or the message of a broken row).
    fn records(bytes: &[u8], chunk: usize, plain_lines: bool) -> Vec<String> {
        super::tuning::PLAIN_LINES.with(|c| c.set(plain_lines));
        let input = super::CsvInput::open(Trickle(bytes, chunk), "a");
        super::tuning::PLAIN_LINES.with(|c| c.set(true));
        let mut input = match input {
            Ok(i) => i,
            Err(e) => return vec![format!("{e:?}")],
        };
        let mut out = vec![format!("{:?}", input.header().names())];
        rows(&mut input, &mut out, 0);
        out
    }

    /// Appends what `input` hands out, record by record, to `out`: the kind
    /// of row, its fields and its line (`base` added; or the message of a
    /// broken row).
    fn rows(input: &mut super::CsvInput<Trickle<'_>>, out: &mut Vec<String>, base: u64) {
        let mut record = csv::ByteRecord::new();
        while let Some(raw) = input.next_raw(&mut record) {
            let line = record.position().map_or(0, |p| p.line()) + base;
            out.push(match raw {
                super::RawRow::Broken { line, message } => {
                    format!("broken {} {message}", line + base)
                }
                super::RawRow::Cut => format!("cut {line} {record:?}"),
                super::RawRow::Record => format!("record {line} {record:?}"),
            });
        }
    }

    /// [`records`] of a file read in two parts split after `split` bytes
    /// (the second part only when the first ends there), and whether it did.
    fn records_in_parts(bytes: &[u8], chunk: usize, split: usize) -> (Vec<String>, bool) {
        let split = split.min(bytes.len());
        let mut input = match super::CsvInput::open_part(Trickle(bytes, chunk), "a", split as u64) {
            Ok(i) => i,
            Err(e) => return (vec![format!("{e:?}")], false),
        };
        let mut out = vec![format!("{:?}", input.header().names())];
        rows(&mut input, &mut out, 0);
        let Some(lines) = input.part_end() else {
            return (out, false);
        };
        let header = input.header().clone();
        let mut rest = super::CsvInput::resume(Trickle(&bytes[split..], chunk), header);
        rows(&mut rest, &mut out, lines);
        (out, true)
    }

    /// Lines of a CSV file after its header `a,b,c`: mostly plain fields,
    /// some with quotes, CRs and line ends (quoted values over lines,
    /// unterminated quotes, blank lines), up to `max` of them.
    fn csv_lines(max: usize) -> impl Strategy<Value = Vec<Vec<u8>>> {
        proptest::collection::vec(
            prop_oneof![
                4 => proptest::collection::vec(
                    prop_oneof![8 => Just(b'a'), 3 => Just(b','), 1 => Just(b' ')], 0..40),
                1 => proptest::collection::vec(
                    prop_oneof![Just(b'a'), Just(b','), Just(b'"'), Just(b'\r'), Just(b'\n')], 0..12),
            ],
            0..max,
        )
    }

    /// The file: the header, then each line and a line end.
    fn file(lines: &[Vec<u8>]) -> Vec<u8> {
        let mut bytes = b"a,b,c\n".to_vec();
        for l in lines {
            bytes.extend_from_slice(l);
            bytes.push(b'\n');
        }
        bytes
    }

    proptest! {
        /// A file read in two parts gives what it gives read whole: the same
        /// records, lines, cut records and broken rows, wherever the split
        /// falls (the first part reads on when it falls inside a record).
        #[test]
        fn parts_read_as_whole(
            lines in csv_lines(120),
            chunk in prop_oneof![1usize..9, 30usize..5000],
            limit in prop_oneof![10usize..60, Just(super::MAX_RECORD_BYTES)],
            at in 0.0f64..1.0,
        ) {
            let bytes = file(&lines);
            let split = (bytes.len() as f64 * at) as usize;
            super::tuning::LIMIT.with(|c| c.set(limit));
            let whole = records(&bytes, chunk, true);
            let (parts, _) = records_in_parts(&bytes, chunk, split);
            super::tuning::LIMIT.with(|c| c.set(super::MAX_RECORD_BYTES));
            // A cut is told with the record the parser returns next, which is
            // the cut one when no read holds a whole record before it: a real
            // limit is far past a read. A test's small limit is not, so the
            // reads here are kept within it (a part's reads end elsewhere).
            prop_assume!(chunk <= limit);
            prop_assert_eq!(parts, whole);
        }
    }

    /// A split after a line end between records ends the first part there
    /// (the test above would pass were every split read on).
    #[test]
    fn a_split_between_records_is_taken() {
        let bytes = b"a,b\n1,2\n\"3\",4\r\n5,6\n7,8\n";
        for (split, taken) in [
            (4, true),
            (8, true),
            (10, false),
            (15, true),
            (19, true),
            (20, false),
        ] {
            let (parts, was) = records_in_parts(bytes, 3, split);
            assert_eq!(was, taken, "split at {split}");
            assert_eq!(parts, records(bytes, 3, true), "split at {split}");
        }
        // Before the header's end (here: at the start, or between the
        // blank lines before it) a split is not taken.
        let bytes = b"\n\na,b\n1,2\n";
        for split in [0, 1, 2, 3] {
            let (parts, was) = records_in_parts(bytes, 3, split);
            assert!(!was, "split at {split}");
            assert_eq!(parts, records(bytes, 3, true), "split at {split}");
        }
    }

    proptest! {
        /// Whole plain lines passed on in one copy give the parser exactly
        /// what byte-wise reading gives it: the same records, lines, cut
        /// records and broken rows, whatever the quotes, CRs, blank lines,
        /// record lengths and chunks.
        #[test]
        fn plain_lines_read_as_bytewise(
            lines in csv_lines(200),
            chunk in prop_oneof![1usize..9, 60usize..5000],
            limit in prop_oneof![5usize..60, Just(super::MAX_RECORD_BYTES)],
        ) {
            let bytes = file(&lines);
            super::tuning::LIMIT.with(|c| c.set(limit));
            let fast = records(&bytes, chunk, true);
            let bytewise = records(&bytes, chunk, false);
            super::tuning::LIMIT.with(|c| c.set(super::MAX_RECORD_BYTES));
            prop_assert_eq!(fast, bytewise);
        }
    }
}
