//! The typed records that readers hand to the judges: a ticket's fields by name,
//! and the one located-error type every reader and the audit share. A reader
//! fills these from a file; the audit reads them in the contract's terms. Neither
//! side knows the other.

/// A bad field in one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub column: &'static str,
    pub message: String,
}

/// One ticket as a help desk wrote it: fields trimmed, an empty optional field
/// read as absent. Borrowed from the reader's record buffer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketRecord<'r> {
    pub id: &'r str,
    pub created_at: &'r str,
    pub priority: &'r str,
    pub plan: Option<&'r str>,
    pub channel: Option<&'r str>,
    pub category: Option<&'r str>,
    pub first_response_at: Option<&'r str>,
    pub workaround_at: Option<&'r str>,
    pub resolved_at: Option<&'r str>,
    /// Why the ticket is excluded from the targets the contract's exclusion
    /// removes (free text; absent when it is not excluded).
    pub excluded: Option<&'r str>,
    /// What is wrong with the record as a whole (its number of fields, an
    /// unterminated quote, bytes that are not text), found while reading it.
    pub problem: Option<RowError>,
}
