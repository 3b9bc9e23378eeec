//! JSON audit output. `jsonl`: one object per ticket per line. `json`: one document
//! `{"contract", "timezone", "as_of", "tickets": [...], "summary": [...],
//! "warnings": [...]}`. Ticket objects use the CSV column names as keys; elapsed
//! values are integers (seconds) and empty fields are `null`.

use anyhow::Result;
use slaudit::audit::{Summary, TicketAudit};

use super::bytes::{push_str, JsonFields};
use super::layout::{FieldSink, Layout, RowFormat, Run, TimeWriter, Values};

struct JsonSink<'o> {
    layout: &'o Layout<'o>,
    out: &'o mut Vec<u8>,
    times: &'o mut TimeWriter,
    fields: &'o JsonFields,
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
        super::bytes::push_int(self.out, v);
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
    row: super::layout::SummaryRow<'a>,
    compliance_percent: Option<String>,
    at_risk: u64,
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
        let rows: Vec<JsonSummaryRow<'_>> = super::layout::summary_rows(layout, summary)
            .into_iter()
            .map(|row| JsonSummaryRow {
                compliance_percent: row.counts.compliance().map(|d| format!("{d:.2}")),
                at_risk: row.counts.at_risk,
                row,
            })
            .collect();
        out.extend_from_slice(b"\n],\"summary\":");
        serde_json::to_writer(&mut *out, &rows)?;
        out.extend_from_slice(b",\"penalties\":");
        let penalties = summary
            .penalties
            .as_ref()
            .map(|p| p.summary(layout.fee.as_ref()).map(|s| s.json()))
            .transpose()
            .map_err(super::layout::fee_error)?;
        serde_json::to_writer(&mut *out, &penalties)?;
        if layout.contract.coverage.contacts.is_some() {
            out.extend_from_slice(b",\"contacts\":");
            serde_json::to_writer(&mut *out, &summary.contact_tallies(layout.contract))?;
        }
        if layout.reconcile {
            out.extend_from_slice(b",\"reconcile\":");
            let by_target = serde_json::json!({
                "response": summary.disagreements[0],
                "resolution": summary.disagreements[1],
            });
            serde_json::to_writer(&mut *out, &by_target)?;
        }
        if !layout.contract.quotas.is_empty() {
            out.extend_from_slice(b",\"quotas\":");
            serde_json::to_writer(&mut *out, &summary.quotas)?;
        }
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
