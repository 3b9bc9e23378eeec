//! CSV audit output: a header, then one row per ticket, streamed.

use std::io::Write;

use anyhow::Result;
use slaudit::audit::{Summary, TicketAudit};

use super::{summary_to_stderr, Exporter, Layout};

pub struct CsvExporter<W: Write> {
    out: csv::Writer<W>,
    quiet: bool,
}

impl<W: Write> CsvExporter<W> {
    pub fn new(out: W, layout: &Layout<'_>, quiet: bool) -> Result<Self> {
        let mut out = csv::WriterBuilder::new().from_writer(out);
        out.write_record(&layout.columns)?;
        Ok(CsvExporter { out, quiet })
    }
}

impl<W: Write> Exporter for CsvExporter<W> {
    fn row(&mut self, layout: &Layout<'_>, ticket: &TicketAudit) -> Result<()> {
        for f in layout.values(ticket) {
            self.out.write_field(f.as_text().as_bytes())?;
        }
        self.out.write_record(None::<&[u8]>)?;
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
