//! The per-ticket audit: from one ticket's record ([`TicketRecord`]) to its
//! deadlines, elapsed clock time and met/breached status for every target, plus
//! the run summary, the penalty tally ([`penalty`]) and the ids seen more
//! than once ([`repeated`]). Pure: records come in as
//! borrowed fields, results go out as values; it never reads a file.

pub mod penalty;
pub mod quota;
pub mod repeated;
pub mod summary;
pub mod ticket;
pub mod waits;

pub use crate::record::{RowError, TicketRecord};
pub use summary::{Counts, Summary};
pub use ticket::{Auditor, Outcome, Overrun, Status, TicketAudit, AUDITED, KINDS};
