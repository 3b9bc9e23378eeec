//! `slaudit audit`: stream a tickets CSV through the per-ticket audit.
//!
//! CSV and JSON output run in a few workers: each takes its turn reading a batch of
//! records from the input, audits and renders the batch to bytes on its own core
//! (the records are still in its cache), and writes them when the batch before
//! has been written, so the output keeps input order. At most one batch per worker
//! is in flight and buffers are recycled, so memory stays constant whatever the
//! number of rows. The table (for people) is built in one thread.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Mutex;

use anyhow::{bail, Context, Result};
use slaudit::audit::{Auditor, Summary, TicketAudit, KINDS};
use slaudit::contract::{Contract, TargetKind, TargetStatus};
use slaudit::localtime::{format_rfc3339, parse_timestamp};
use slaudit::read::tickets::{
    ticket as read_ticket, InputError, RawRow, TicketColumns, TicketReader,
};

use crate::cli::{AuditArgs, Format};
use crate::exit;
use crate::export::{
    summary_to_stderr, CsvFormat, JsonFormat, JsonlFormat, Layout, RowFormat, TableExporter,
};

/// Bad rows listed on standard error before the rest are only counted.
const MAX_LISTED: usize = 20;
/// Rows per batch handed to a worker.
const BATCH: usize = 1024;

pub fn run(args: AuditArgs, contracts_dir: Option<&Path>) -> Result<ExitCode> {
    let contract = super::common::contract(&args.sel.contract, contracts_dir)?;
    let fee = super::common::fee(&args.fee)?;
    if fee.is_some() && slaudit::audit::penalty::PenaltyTally::new(&contract).is_none() {
        eprintln!(
            "warning: contract {} attaches no penalty to its targets; --fee is not used",
            contract.key
        );
    }
    let default_plan = super::common::plan_arg(&contract, args.sel.plan.as_deref())?;
    let input_tz = super::common::input_tz(&contract, args.tz.input_tz.as_deref())?;
    let as_of = match &args.as_of {
        Some(s) => parse_timestamp(s, input_tz).map_err(|e| anyhow::anyhow!("--as-of: {e}"))?,
        None => chrono::Utc::now().timestamp(),
    };
    let file_name = args.file.display().to_string();
    let input: Box<dyn Read + Send> = if file_name == "-" {
        Box::new(io::stdin())
    } else {
        Box::new(
            File::open(&args.file)
                .with_context(|| format!("cannot read tickets file '{file_name}'"))?,
        )
    };
    let reader = TicketReader::new(input).map_err(|e| match e {
        InputError::Empty { .. } => anyhow::anyhow!("{file_name}: {e}"),
        _ => anyhow::anyhow!("{file_name}:{}", e.to_string().trim_start_matches("line ")),
    })?;
    let cols = *reader.columns();
    if cols.plan.is_none() && default_plan.is_none() && contract.plans.len() > 1 {
        bail!(
            "contract {} has several plans ({}): give --plan or a plan column",
            contract.key,
            contract.plan_keys()
        );
    }
    let auditor = Auditor {
        contract: &contract,
        default_plan,
        input_tz,
        as_of,
    };
    let mut layout = Layout::new(&contract);
    layout.fee = fee;
    let as_of_text = format_rfc3339(contract.tz, as_of);
    let format = args.format.unwrap_or(if io::stdout().is_terminal() {
        Format::Table
    } else {
        Format::Csv
    });
    let out = BufWriter::with_capacity(1 << 16, io::stdout());
    let mut bad = BadRows::new(&file_name);
    let summary = match format {
        Format::Table => {
            let mut table = TableExporter::new(out, &layout, as_of_text);
            let summary = sequential(reader, &auditor, &mut bad, args.rows.keep_going, |t| {
                table.row(&layout, t)
            })?;
            if bad.count == 0 || args.rows.keep_going {
                let warnings = warnings(&contract, &summary);
                table.finish(
                    &layout,
                    &summary,
                    if args.rows.quiet { &[] } else { &warnings },
                )?;
            }
            summary
        }
        Format::Csv => stream(reader, &auditor, &layout, &CsvFormat, out, &mut bad, &args)?,
        Format::Jsonl => stream(
            reader,
            &auditor,
            &layout,
            &JsonlFormat,
            out,
            &mut bad,
            &args,
        )?,
        Format::Json => stream(
            reader,
            &auditor,
            &layout,
            &JsonFormat { as_of: as_of_text },
            out,
            &mut bad,
            &args,
        )?,
    };

    if bad.count > 0 && !args.rows.keep_going {
        bad.report()?;
        return Ok(ExitCode::from(exit::BAD_INPUT));
    }
    if args.rows.keep_going && bad.count > 0 && !args.rows.quiet {
        eprintln!(
            "warning: {} invalid row(s) in {file_name}, shown with status invalid",
            bad.count
        );
    }
    if args.fail_on_breach && summary.any_breach() {
        return Ok(ExitCode::from(exit::BREACH));
    }
    Ok(ExitCode::from(exit::SUCCESS))
}

/// Bad rows seen so far: the first few messages, and how many in all.
struct BadRows {
    file: String,
    listed: Vec<String>,
    count: usize,
}

impl BadRows {
    fn new(file: &str) -> Self {
        BadRows {
            file: file.to_string(),
            listed: Vec::new(),
            count: 0,
        }
    }

    fn note(&mut self, line: u64, t: &TicketAudit) {
        self.count += 1;
        if self.listed.len() < MAX_LISTED {
            if let Some(e) = &t.error {
                let col = if e.column == "row" {
                    String::new()
                } else {
                    format!(" column '{}':", e.column)
                };
                let id = if t.id.is_empty() {
                    String::new()
                } else {
                    format!(" (ticket {})", slaudit::text::clip(&t.id))
                };
                self.listed.push(format!(
                    "{}:{line}:{col} {}{id}",
                    self.file,
                    slaudit::text::one_line(&e.message)
                ));
            }
        }
    }

    fn absorb(&mut self, other: BadRows) {
        for l in other.listed {
            if self.listed.len() < MAX_LISTED {
                self.listed.push(l);
            }
        }
        self.count += other.count;
    }

    fn report(&self) -> Result<()> {
        let mut err = io::stderr().lock();
        for b in &self.listed {
            writeln!(err, "slaudit: error: {b}")?;
        }
        if self.count > self.listed.len() {
            writeln!(
                err,
                "slaudit: error: ... and {} more bad row(s)",
                self.count - self.listed.len()
            )?;
        }
        writeln!(
            err,
            "slaudit: error: {} bad row(s); fix them, or use --keep-going to audit the rest and mark them invalid",
            self.count
        )?;
        Ok(())
    }
}

/// One thread, one row at a time (the table needs every row anyway).
fn sequential<R: Read>(
    mut reader: TicketReader<R>,
    auditor: &Auditor<'_>,
    bad: &mut BadRows,
    keep_going: bool,
    mut emit: impl FnMut(&TicketAudit) -> Result<()>,
) -> Result<Summary> {
    let mut summary = Summary::new(auditor.contract);
    let mut record = csv::ByteRecord::new();
    let mut ticket = TicketAudit::blank();
    let cols = *reader.columns();
    while let Some(raw) = reader.next_raw(&mut record) {
        let (line, rec) = read_ticket(&cols, reader.header(), &raw, &record);
        auditor.audit_into(&rec, &mut ticket);
        summary.add(&ticket);
        if ticket.error.is_some() {
            bad.note(line, &ticket);
            if !keep_going {
                continue;
            }
        }
        emit(&ticket)?;
    }
    Ok(summary)
}

/// Record buffers, and the output buffer their rows are rendered into; both are
/// handed back to the input once written, so a run allocates them only once.
type Buffers = (Vec<(RawRow, csv::ByteRecord)>, Vec<u8>);

struct Batch {
    index: u64,
    rows: Vec<(RawRow, csv::ByteRecord)>,
    len: usize,
    /// Empty, with the capacity of earlier batches.
    bytes: Vec<u8>,
}

struct Done {
    index: u64,
    summary: Summary,
    bad: BadRows,
    buffers: Buffers,
}

/// The input and what it has handed out so far.
struct Source<R: Read> {
    reader: TicketReader<R>,
    /// Buffers of written batches, to reuse.
    pool: Receiver<Buffers>,
    /// Index of the next batch.
    next: u64,
    /// The input is exhausted (or the run is stopping).
    done: bool,
}

impl<R: Read> Source<R> {
    /// The next batch of up to `BATCH` records; `None` once the input is done.
    fn batch(&mut self) -> Option<Batch> {
        if self.done {
            return None;
        }
        let (mut rows, bytes) = self.pool.try_recv().unwrap_or_default();
        let mut len = 0;
        while len < BATCH {
            if rows.len() <= len {
                rows.push((RawRow::Record, csv::ByteRecord::new()));
            }
            let slot = &mut rows[len];
            match self.reader.next_raw(&mut slot.1) {
                Some(raw) => {
                    slot.0 = raw;
                    len += 1;
                }
                None => break,
            }
        }
        if len < BATCH {
            self.done = true;
        }
        if len == 0 {
            return None;
        }
        let index = self.next;
        self.next += 1;
        Some(Batch {
            index,
            rows,
            len,
            bytes,
        })
    }
}

/// Where finished batches go, in input order.
struct Written<'a, W: Write> {
    out: &'a mut W,
    /// Index of the batch whose turn it is.
    next: u64,
    first_row: bool,
    failure: Option<io::Error>,
    summary: &'a mut Summary,
    bad: &'a mut BadRows,
    pool: std::sync::mpsc::SyncSender<Buffers>,
}

impl<W: Write> Written<'_, W> {
    fn write(&mut self, mut d: Done, format: &dyn RowFormat) {
        let mut bytes = &d.buffers.1[..];
        if self.first_row && !bytes.is_empty() {
            bytes = &bytes[format.first_row_skip().min(bytes.len())..];
            self.first_row = false;
        }
        if let Err(e) = self.out.write_all(bytes) {
            self.failure = Some(e);
        }
        self.summary.merge(&d.summary);
        self.bad
            .absorb(std::mem::replace(&mut d.bad, BadRows::new("")));
        d.buffers.0.truncate(BATCH);
        d.buffers.1.clear();
        let _ = self.pool.try_send(d.buffers);
        self.next += 1;
    }
}

/// Should a worker panic (a bug), the others must not wait for its turn forever:
/// the run is marked failed and they are woken, so the panic reaches the caller.
struct WakeOnPanic<'a, 'w, W: Write>(&'a Mutex<Written<'w, W>>, &'a std::sync::Condvar);

impl<W: Write> Drop for WakeOnPanic<'_, '_, W> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let mut w = self.0.lock().unwrap_or_else(|p| p.into_inner());
            if w.failure.is_none() {
                w.failure = Some(io::Error::other("an audit worker stopped"));
            }
            drop(w);
            self.1.notify_all();
        }
    }
}

/// Audits one batch into output bytes.
#[allow(clippy::too_many_arguments)]
fn work(
    batch: Batch,
    auditor: &Auditor<'_>,
    cols: &TicketColumns,
    header: &slaudit::read::input::Header,
    layout: &Layout<'_>,
    format: &dyn RowFormat,
    keep_going: bool,
    file: &str,
) -> Done {
    let mut summary = Summary::new(auditor.contract);
    let mut bad = BadRows::new(file);
    let mut bytes = batch.bytes;
    let mut times = crate::export::TimeWriter::new(auditor.contract.tz);
    let mut ticket = TicketAudit::blank();
    for (raw, record) in &batch.rows[..batch.len] {
        let (line, rec) = read_ticket(cols, header, raw, record);
        auditor.audit_into(&rec, &mut ticket);
        summary.add(&ticket);
        if ticket.error.is_some() {
            bad.note(line, &ticket);
            if !keep_going {
                continue;
            }
        }
        format.row(layout, &ticket, &mut bytes, &mut times);
    }
    Done {
        index: batch.index,
        summary,
        bad,
        buffers: (batch.rows, bytes),
    }
}

/// The workers: read in turns, audit and render in parallel, write in input order.
fn stream<R: Read + Send>(
    reader: TicketReader<R>,
    auditor: &Auditor<'_>,
    layout: &Layout<'_>,
    format: &dyn RowFormat,
    mut out: impl Write + Send,
    bad: &mut BadRows,
    args: &AuditArgs,
) -> Result<Summary> {
    let cols = *reader.columns();
    let header = reader.header().clone();
    let header = &header;
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    let mut head = Vec::new();
    format.begin(layout, &mut head)?;
    out.write_all(&head)?;

    let mut summary = Summary::new(auditor.contract);
    let file = bad.file.clone();
    let (pool_tx, pool_rx) = sync_channel::<Buffers>(workers * 4);
    // Workers take turns reading a batch from the input (in input order, under the
    // lock), then audit and render it on the same core while the next one reads.
    let source = Mutex::new(Source {
        reader,
        pool: pool_rx,
        next: 0,
        done: false,
    });
    let source = &source;
    // Batches are written in input order by the worker that made them, when its
    // turn comes.
    let turn = std::sync::Condvar::new();
    let shared = Mutex::new(Written {
        out: &mut out,
        next: 0,
        first_row: true,
        failure: None,
        summary: &mut summary,
        bad: &mut *bad,
        pool: pool_tx,
    });
    std::thread::scope(|scope| {
        let (turn, shared) = (&turn, &shared);
        for _ in 0..workers {
            let file = file.clone();
            scope.spawn(move || {
                let _wake = WakeOnPanic(shared, turn);
                loop {
                    let batch = match source.lock() {
                        Ok(mut s) => s.batch(),
                        Err(_) => None,
                    };
                    let Some(batch) = batch else { break };
                    let done = work(
                        batch,
                        auditor,
                        &cols,
                        header,
                        layout,
                        format,
                        args.rows.keep_going,
                        &file,
                    );
                    let Ok(w) = shared.lock() else { break };
                    let Ok(mut w) =
                        turn.wait_while(w, |w| w.next != done.index && w.failure.is_none())
                    else {
                        break;
                    };
                    if w.failure.is_some() {
                        break;
                    }
                    w.write(done, format);
                    let failed = w.failure.is_some();
                    drop(w);
                    turn.notify_all();
                    if failed {
                        if let Ok(mut s) = source.lock() {
                            s.done = true;
                        }
                        break;
                    }
                }
            });
        }
    });
    let failure = match shared.into_inner() {
        Ok(w) => w.failure,
        Err(p) => p.into_inner().failure,
    };
    if let Some(e) = failure {
        return Err(e.into());
    }

    let warnings = warnings(auditor.contract, &summary);
    let warnings: &[String] = if args.rows.quiet { &[] } else { &warnings };
    // The output is always well-formed (a JSON document is closed) even when the
    // run fails on bad rows; the exit code says whether it can be trusted.
    let mut tail = Vec::new();
    format.end(layout, &summary, warnings, &mut tail)?;
    out.write_all(&tail)?;
    out.flush()?;
    if (bad.count == 0 || args.rows.keep_going) && format.summary_on_stderr() && !args.rows.quiet {
        summary_to_stderr(layout, &summary, warnings)?;
    }
    Ok(summary)
}

/// One line per kind of missing figure that affected this run.
fn warnings(c: &Contract, summary: &Summary) -> Vec<String> {
    let mut out = Vec::new();
    let unpublished = c.unpublished();
    let no_target: u64 = (0..KINDS).map(|k| summary.total(k).no_target).sum();
    if !unpublished.is_empty() && no_target > 0 {
        let mut parts: Vec<String> = Vec::new();
        for kind in TargetKind::ALL {
            let clauses: Vec<&str> = unpublished
                .iter()
                .filter(|t| t.kind == kind && t.status == TargetStatus::NotPublished)
                .map(|t| t.clause.as_str())
                .collect();
            if !clauses.is_empty() {
                parts.push(format!("{} ({})", kind.label(), clauses.join("; ")));
            }
        }
        let plans: Vec<&str> = c
            .plans
            .iter()
            .filter(|p| p.status == slaudit::contract::PlanStatus::NotPublished)
            .map(|p| p.key.as_str())
            .collect();
        let hours = if plans.is_empty() {
            String::new()
        } else {
            format!("; business hours of plans {}", plans.join(", "))
        };
        out.push(format!(
            "contract {} does not publish these targets: {}{hours}; affected tickets show no_target (supply the figures in a copy of the contract file and pass it with --contract)",
            c.key,
            parts.join(", ")
        ));
    }
    out
}
