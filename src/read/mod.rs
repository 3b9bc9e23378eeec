//! Readers: CSV exports turned into typed records, side by side. They name and
//! trim fields and report what cannot be read; they judge nothing.
//!
//! * [`input`]: what every CSV input shares (header by name, records one at a time).
//! * [`tickets`]: the tickets export, into [`crate::record::TicketRecord`]s.
//! * [`outages`]: the outages file, into [`crate::record::OutageRow`]s.
//! * [`events`]: a ticket events file, into [`events::EventRecord`]s.
//! * [`sheet`]: a spreadsheet's sheet, as CSV text for the readers above.
//! * [`mapping`]: a help desk's export format (a shipped preset or a user's
//!   mapping file), which the tickets reader applies.

pub mod events;
pub mod input;
pub mod mapping;
pub mod outages;
pub mod plain;
pub mod sheet;
pub mod tickets;
