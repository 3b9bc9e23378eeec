//! JSON audit output. `jsonl`: one object per ticket per line. `json`: one document
//! `{"contract", "timezone", "as_of", "tickets": [...], "summary": [...],
//! "warnings": [...]}`. Ticket objects use the CSV column names as keys; elapsed
//! values are integers (seconds) and empty fields are `null`.

use anyhow::Result;
use slaudit::audit::{Summary, TicketAudit};

use super::{FieldSink, Form, Layout, RowFormat, Run, TimeWriter, Values};

/// Appends `s` as a JSON string. Text without quotes, backslashes or control
/// characters (nearly all of it) is copied as is; the rest goes through serde_json,
/// so both paths escape the same way.
pub(super) fn push_str(out: &mut Vec<u8>, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        // Serialising a str into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, s);
    }
}

/// Every field of a ticket object as bytes, key included, made once per run:
/// what opens it (`{"id":`, `,"plan":`), the field when empty (`,"plan":null`),
/// the opening of a time (`,"created_at":"`) and, for columns that draw from a set
/// of repeated values, the whole field for every entry (`,"plan":"gold"`).
pub(super) struct Fields {
    open: Vec<Form>,
    null: Vec<Form>,
    time: Vec<Form>,
    value: Vec<Vec<Form>>,
}

impl Fields {
    /// `value(column, i)`: the JSON form of entry `i` of the column's set, if any.
    pub(super) fn new<'v>(
        columns: &[&str],
        value: impl Fn(usize, usize) -> Option<&'v [u8]>,
    ) -> Self {
        let open: Vec<Vec<u8>> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut k = vec![if i == 0 { b'{' } else { b',' }];
                push_str(&mut k, c);
                k.push(b':');
                k
            })
            .collect();
        let with = |suffix: &[u8]| {
            open.iter()
                .map(|k| Form::new(&[&k[..], suffix].concat()))
                .collect()
        };
        let null = with(b"null");
        let time = with(b"\"");
        let value = open
            .iter()
            .enumerate()
            .map(|(col, k)| {
                (0..)
                    .map_while(|i| value(col, i))
                    .map(|v| Form::new(&[&k[..], v].concat()))
                    .collect()
            })
            .collect();
        Fields {
            open: open.iter().map(|k| Form::new(k)).collect(),
            null,
            time,
            value,
        }
    }
}

struct JsonSink<'o> {
    layout: &'o Layout<'o>,
    out: &'o mut Vec<u8>,
    times: &'o mut TimeWriter,
    fields: &'o Fields,
    i: usize,
}

impl FieldSink for JsonSink<'_> {
    fn text(&mut self, s: &str) {
        self.fields.open[self.i].push_to(self.out);
        self.i += 1;
        push_str(self.out, s);
    }
    fn int(&mut self, v: i64) {
        self.fields.open[self.i].push_to(self.out);
        self.i += 1;
        super::csv_out::push_int(self.out, v);
    }
    fn time(&mut self, t: i64) {
        self.fields.time[self.i].push_to(self.out);
        self.i += 1;
        self.times.write(t, self.out);
        self.out.push(b'"');
    }
    fn empty(&mut self) {
        self.fields.null[self.i].push_to(self.out);
        self.i += 1;
    }
    fn value(&mut self, set: Values, i: usize) {
        debug_assert!(self.layout.draws_from(self.i, set));
        self.fields.value[self.i][i].push_to(self.out);
        self.i += 1;
    }
    fn run(&mut self, run: &Run, width: usize) {
        run.json.push_to(self.out);
        self.i += width;
    }
}

fn object(layout: &Layout<'_>, t: &TicketAudit, out: &mut Vec<u8>, times: &mut TimeWriter) {
    let mut sink = JsonSink {
        layout,
        out,
        times,
        fields: &layout.json,
        i: 0,
    };
    layout.emit(t, &mut sink);
    sink.out.push(b'}');
}

pub struct JsonlFormat;

impl RowFormat for JsonlFormat {
    fn begin(&self, _: &Layout<'_>, _: &mut Vec<u8>) -> Result<()> {
        Ok(())
    }
    fn row(&self, layout: &Layout<'_>, t: &TicketAudit, out: &mut Vec<u8>, times: &mut TimeWriter) {
        object(layout, t, out, times);
        out.push(b'\n');
    }
    fn end(&self, _: &Layout<'_>, _: &Summary, _: &[String], _: &mut Vec<u8>) -> Result<()> {
        Ok(())
    }
    fn summary_on_stderr(&self) -> bool {
        true
    }
}

pub struct JsonFormat {
    pub as_of: String,
}

#[derive(serde::Serialize)]
struct JsonSummaryRow<'a> {
    #[serde(flatten)]
    row: super::SummaryRow<'a>,
    compliance_percent: Option<String>,
}

impl RowFormat for JsonFormat {
    fn begin(&self, layout: &Layout<'_>, out: &mut Vec<u8>) -> Result<()> {
        out.extend_from_slice(b"{\"contract\":");
        serde_json::to_writer(&mut *out, &layout.contract.key)?;
        out.extend_from_slice(b",\"timezone\":");
        serde_json::to_writer(&mut *out, layout.contract.tz.name())?;
        out.extend_from_slice(b",\"as_of\":");
        serde_json::to_writer(&mut *out, &self.as_of)?;
        out.extend_from_slice(b",\"tickets\":[");
        Ok(())
    }

    fn row(&self, layout: &Layout<'_>, t: &TicketAudit, out: &mut Vec<u8>, times: &mut TimeWriter) {
        out.extend_from_slice(b",\n");
        object(layout, t, out, times);
    }

    fn first_row_skip(&self) -> usize {
        1
    }

    fn end(
        &self,
        layout: &Layout<'_>,
        summary: &Summary,
        warnings: &[String],
        out: &mut Vec<u8>,
    ) -> Result<()> {
        let rows: Vec<JsonSummaryRow<'_>> = super::summary_rows(layout, summary)
            .into_iter()
            .map(|row| JsonSummaryRow {
                compliance_percent: row.counts.compliance().map(|d| format!("{d:.2}")),
                row,
            })
            .collect();
        out.extend_from_slice(b"\n],\"summary\":");
        serde_json::to_writer(&mut *out, &rows)?;
        out.extend_from_slice(b",\"penalties\":");
        let penalties = summary
            .penalties
            .as_ref()
            .map(|p| p.summary(layout.fee.as_ref()).json());
        serde_json::to_writer(&mut *out, &penalties)?;
        out.extend_from_slice(b",\"warnings\":");
        serde_json::to_writer(&mut *out, warnings)?;
        let assumptions: Vec<serde_json::Value> = layout
            .contract
            .ticket_assumptions()
            .into_iter()
            .map(|(place, text)| serde_json::json!({ "applies_to": place, "text": text }))
            .collect();
        out.extend_from_slice(b",\"assumptions\":");
        serde_json::to_writer(&mut *out, &assumptions)?;
        out.extend_from_slice(b"}\n");
        Ok(())
    }

    fn summary_on_stderr(&self) -> bool {
        false
    }
}
