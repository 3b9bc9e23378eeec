//! CSV audit output: a header, then one row per ticket (RFC 4180 quoting).

use anyhow::Result;
use slaudit::audit::{Summary, TicketAudit};

use super::{FieldSink, Layout, RowFormat, Run, TimeWriter, Values};

pub struct CsvFormat;

/// Appends a CSV field, quoted only when it must be.
fn push_field(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    if !b.iter().any(|&c| matches!(c, b',' | b'"' | b'\n' | b'\r')) && b.first() != Some(&b' ') {
        out.extend_from_slice(b);
        return;
    }
    out.push(b'"');
    let mut rest = b;
    while let Some(i) = rest.iter().position(|&c| c == b'"') {
        out.extend_from_slice(&rest[..=i]);
        out.push(b'"');
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// The CSV form of a field.
pub(super) fn escaped(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 2);
    push_field(&mut out, s);
    out
}

/// Appends a decimal integer without allocating.
pub(super) fn push_int(out: &mut Vec<u8>, v: i64) {
    let mut buf = [0u8; 20];
    let mut n = v.unsigned_abs();
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if v < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(&buf[i..]);
}

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
