//! CSV audit output: a header, then one row per ticket (RFC 4180 quoting).

use anyhow::Result;
use chrono_tz::Tz;
use slaudit::audit::{Summary, TicketAudit};

use super::{push_time, FieldSink, Layout, RowFormat};

pub struct CsvFormat;

/// Appends a CSV field, quoted only when it must be.
fn push_field(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    if b.iter().any(|&c| matches!(c, b',' | b'"' | b'\n' | b'\r')) || b.first() == Some(&b' ') {
        out.push(b'"');
        for &c in b {
            if c == b'"' {
                out.push(b'"');
            }
            out.push(c);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(b);
    }
}

struct CsvSink<'o> {
    out: &'o mut Vec<u8>,
    first: bool,
}

impl CsvSink<'_> {
    fn sep(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
    }
}

impl FieldSink for CsvSink<'_> {
    fn text(&mut self, s: &str) {
        self.sep();
        push_field(self.out, s);
    }
    fn int(&mut self, v: i64) {
        self.sep();
        let mut b = itoa_buf(v);
        self.out.append(&mut b);
    }
    fn time(&mut self, tz: Tz, t: i64) {
        self.sep();
        push_time(self.out, tz, t);
    }
    fn empty(&mut self) {
        self.sep();
    }
}

fn itoa_buf(v: i64) -> Vec<u8> {
    v.to_string().into_bytes()
}

impl RowFormat for CsvFormat {
    fn begin(&self, layout: &Layout<'_>, out: &mut Vec<u8>) -> Result<()> {
        out.extend_from_slice(layout.columns.join(",").as_bytes());
        out.push(b'\n');
        Ok(())
    }

    fn row(&self, layout: &Layout<'_>, t: &TicketAudit, out: &mut Vec<u8>) {
        let mut sink = CsvSink { out, first: true };
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
