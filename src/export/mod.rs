//! Audit output. Every format renders the same fields ([`layout::Layout`]) through one
//! trait ([`layout::RowFormat`]); where the bytes go (and in which thread they are made) is
//! the caller's business.
//!
//! The CSV columns and JSON keys are an interface scripts depend on: the first
//! thirteen CSV columns are fixed by the audit specification, in this order; new
//! columns are only ever added at the end.

mod bytes;
mod csv_out;
mod json;
pub mod report;
pub mod table;
pub mod uptime;

mod layout;

pub use csv_out::CsvFormat;
pub use json::{JsonFormat, JsonlFormat};
pub use layout::{summary_to_stderr, Layout, RowFormat, TimeWriter};
pub use table::TableExporter;
