//! JSON audit output. `jsonl`: one object per ticket per line, streamed. `json`:
//! one document `{"contract", "as_of", "tickets": [...], "summary": [...],
//! "warnings": [...]}`, also streamed. Ticket objects use the CSV column names as
//! keys; elapsed values are integers (seconds) and empty fields are `null`.

use std::io::Write;

use anyhow::Result;
use serde::ser::{SerializeMap, Serializer};
use slaudit::audit::{Summary, TicketAudit, AUDITED};

use super::{summary_to_stderr, Exporter, Field, Layout};

struct Row<'a> {
    columns: &'a [&'static str],
    values: Vec<Field<'a>>,
}

impl serde::Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.columns.len()))?;
        for (k, v) in self.columns.iter().zip(&self.values) {
            match v {
                Field::Text(t) => m.serialize_entry(k, t.as_ref())?,
                Field::Int(i) => m.serialize_entry(k, i)?,
                Field::Empty => m.serialize_entry(k, &None::<()>)?,
            }
        }
        m.end()
    }
}

fn write_row<W: Write>(out: &mut W, layout: &Layout<'_>, t: &TicketAudit) -> Result<()> {
    let row = Row {
        columns: &layout.columns,
        values: layout.values(t),
    };
    serde_json::to_writer(&mut *out, &row)?;
    Ok(())
}

pub struct JsonlExporter<W: Write> {
    out: W,
    quiet: bool,
}

impl<W: Write> JsonlExporter<W> {
    pub fn new(out: W, quiet: bool) -> Self {
        JsonlExporter { out, quiet }
    }
}

impl<W: Write> Exporter for JsonlExporter<W> {
    fn row(&mut self, layout: &Layout<'_>, t: &TicketAudit) -> Result<()> {
        write_row(&mut self.out, layout, t)?;
        self.out.write_all(b"\n")?;
        Ok(())
    }

    fn finish(
        &mut self,
        layout: &Layout<'_>,
        summary: &Summary,
        warnings: &[String],
    ) -> Result<()> {
        self.out.flush()?;
        if !self.quiet {
            summary_to_stderr(layout, summary, warnings)?;
        }
        Ok(())
    }
}

pub struct JsonExporter<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> JsonExporter<W> {
    pub fn new(mut out: W, layout: &Layout<'_>, as_of: &str) -> Result<Self> {
        write!(
            out,
            "{{\"contract\":{},\"timezone\":{},\"as_of\":{},\"tickets\":[",
            serde_json::to_string(&layout.contract.key)?,
            serde_json::to_string(layout.contract.tz.name())?,
            serde_json::to_string(as_of)?
        )?;
        Ok(JsonExporter { out, first: true })
    }
}

#[derive(serde::Serialize)]
struct SummaryRow<'a> {
    target: &'a str,
    priority: Option<&'a str>,
    #[serde(flatten)]
    counts: slaudit::audit::Counts,
    compliance_percent: Option<String>,
}

impl<W: Write> Exporter for JsonExporter<W> {
    fn row(&mut self, layout: &Layout<'_>, t: &TicketAudit) -> Result<()> {
        if !self.first {
            self.out.write_all(b",")?;
        }
        self.first = false;
        self.out.write_all(b"\n")?;
        write_row(&mut self.out, layout, t)
    }

    fn finish(
        &mut self,
        layout: &Layout<'_>,
        summary: &Summary,
        warnings: &[String],
    ) -> Result<()> {
        let mut rows = Vec::new();
        for (k, kind) in AUDITED.iter().enumerate().take(layout.kinds()) {
            for (p, row) in summary.by_priority.iter().enumerate() {
                if row[k].tickets == 0 {
                    continue;
                }
                rows.push(SummaryRow {
                    target: kind.key(),
                    priority: layout.contract.priorities.get(p).map(|x| x.key.as_str()),
                    counts: row[k],
                    compliance_percent: row[k].compliance().map(|d| format!("{d:.2}")),
                });
            }
            let total = summary.total(k);
            rows.push(SummaryRow {
                target: kind.key(),
                priority: None,
                counts: total,
                compliance_percent: total.compliance().map(|d| format!("{d:.2}")),
            });
        }
        write!(
            self.out,
            "\n],\"summary\":{},\"warnings\":{}}}\n",
            serde_json::to_string(&rows)?,
            serde_json::to_string(warnings)?
        )?;
        self.out.flush()?;
        Ok(())
    }
}
