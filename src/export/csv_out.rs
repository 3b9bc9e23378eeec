//! CSV audit output: a header, then one row per ticket (RFC 4180 quoting).

use anyhow::Result;
use slaudit::audit::{Summary, TicketAudit};

use super::bytes::{push_field, push_int};
use super::layout::{FieldSink, Layout, RowFormat, Run, TimeWriter, Values};

pub struct CsvFormat;

struct CsvSink<'o> {
    layout: &'o Layout<'o>,
    out: &'o mut Vec<u8>,
    times: &'o mut TimeWriter,
    /// Index of the next column.
    col: usize,
}

impl CsvSink<'_> {
    fn sep(&mut self) {
        if self.col > 0 {
            self.out.push(b',');
        }
        self.col += 1;
    }
}

impl FieldSink for CsvSink<'_> {
    fn text(&mut self, s: &str) {
        self.sep();
        push_field(self.out, s);
    }
    fn int(&mut self, v: i64) {
        self.sep();
        push_int(self.out, v);
    }
    fn time(&mut self, t: i64) {
        self.sep();
        self.times.write(t, self.out);
    }
    fn empty(&mut self) {
        self.sep();
    }
    fn value(&mut self, set: Values, i: usize) {
        debug_assert!(self.layout.draws_from(self.col, set));
        self.sep();
        self.layout.csv_value(set, i).push_to(self.out);
    }
    fn run(&mut self, run: &Run, width: usize) {
        // A run never starts a row: each of its fields carries its separator.
        debug_assert!(self.col > 0);
        run.csv.push_to(self.out);
        self.col += width;
    }
}

impl RowFormat for CsvFormat {
    fn begin(&self, layout: &Layout<'_>, out: &mut Vec<u8>) -> Result<()> {
        out.extend_from_slice(layout.columns.join(",").as_bytes());
        out.push(b'\n');
        Ok(())
    }

    fn row(&self, layout: &Layout<'_>, t: &TicketAudit, out: &mut Vec<u8>, times: &mut TimeWriter) {
        let mut sink = CsvSink {
            layout,
            out,
            times,
            col: 0,
        };
        layout.emit(t, &mut sink);
        sink.out.push(b'\n');
    }

    fn end(&self, _: &Layout<'_>, _: &Summary, _: &[String], _: &mut Vec<u8>) -> Result<()> {
        Ok(())
    }

    fn summary_on_stderr(&self) -> bool {
        true
    }
}
