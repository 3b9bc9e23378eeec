//! The typed records that readers hand to the judges: a ticket's fields by name,
//! an outage with its instants parsed, and the one located-error type every
//! reader and judge share. A reader fills these from a file; the audit and
//! availability read them in the contract's terms. Neither side knows the other.

/// A bad field in one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub column: &'static str,
    pub message: String,
}

/// A time as a reader found it: text in slaudit's own format (read by the
/// tickets rules: RFC 3339, or naive local in the input zone), or an instant a
/// reader already read from a help desk's own format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stamp<'r> {
    Text(&'r str),
    /// Unix seconds.
    At(i64),
}

impl Default for Stamp<'_> {
    fn default() -> Self {
        Stamp::Text("")
    }
}

impl Stamp<'_> {
    /// Empty text (no time given).
    pub fn is_empty(&self) -> bool {
        matches!(self, Stamp::Text(""))
    }

    /// As shown in a message: the text as written, or the instant in RFC 3339
    /// in zone `tz`.
    pub fn shown(&self, tz: chrono_tz::Tz) -> std::borrow::Cow<'_, str> {
        match self {
            Stamp::Text(t) => crate::text::clip(t),
            Stamp::At(t) => crate::localtime::format_rfc3339(tz, *t).into(),
        }
    }
}

/// One ticket as a help desk wrote it: fields trimmed, an empty optional field
/// read as absent. Borrowed from the reader's record buffer (or, for words a
/// mapping translates, from the mapping).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketRecord<'r> {
    pub id: &'r str,
    pub created_at: Stamp<'r>,
    pub priority: &'r str,
    pub plan: Option<&'r str>,
    pub channel: Option<&'r str>,
    pub category: Option<&'r str>,
    pub first_response_at: Option<Stamp<'r>>,
    pub workaround_at: Option<Stamp<'r>>,
    pub resolved_at: Option<Stamp<'r>>,
    /// Why the ticket is excluded from the targets the contract's exclusion
    /// removes (free text; absent when it is not excluded).
    pub excluded: Option<&'r str>,
    /// Who raised the ticket (checked against the named contacts).
    pub reporter: Option<&'r str>,
    /// What is wrong with the record as a whole (its number of fields, an
    /// unterminated quote, bytes that are not text), found while reading it.
    pub problem: Option<RowError>,
    /// The help desk's own verdict on the response and the resolution, when
    /// its export carries one (read through a mapping's `[verdicts]`).
    pub helpdesk: [Option<Verdict>; 2],
}

/// A help desk's own SLA verdict on one target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Met,
    Breached,
}

impl Verdict {
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Met => "met",
            Verdict::Breached => "breached",
        }
    }
}

/// Planned or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutageKind {
    Unplanned,
    Maintenance,
}

impl OutageKind {
    pub fn key(self) -> &'static str {
        match self {
            OutageKind::Unplanned => "unplanned",
            OutageKind::Maintenance => "maintenance",
        }
    }
}

/// One row of an outages file, parsed (or invalid, with `error` set).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutageRow {
    /// Line of the record in the file (1 = header).
    pub line: u64,
    pub id: String,
    pub start: Option<i64>,
    pub end: Option<i64>,
    /// Index into the contract's availability products.
    pub product: Option<usize>,
    /// The product as written (shown when the contract has no products).
    pub product_text: String,
    pub kind: OutageKind,
    pub notified_at: Option<i64>,
    /// The exclusion cause, as written; `Some` means excluded.
    pub excluded: Option<String>,
    pub reported_at: Option<i64>,
    pub credit_requested_at: Option<i64>,
    pub error: Option<RowError>,
}

impl OutageRow {
    /// An empty row, to be filled in (or left invalid).
    pub fn blank(line: u64) -> Self {
        OutageRow {
            line,
            id: String::new(),
            start: None,
            end: None,
            product: None,
            product_text: String::new(),
            kind: OutageKind::Unplanned,
            notified_at: None,
            excluded: None,
            reported_at: None,
            credit_requested_at: None,
            error: None,
        }
    }

    /// Start and end of a valid row.
    pub fn span(&self) -> Option<(i64, i64)> {
        match (self.error.is_none(), self.start, self.end) {
            (true, Some(s), Some(e)) => Some((s, e)),
            _ => None,
        }
    }
}
