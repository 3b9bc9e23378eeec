//! The audit's rows: read, judged and written in input order.
//!
//! CSV and JSON output run in a few workers: each takes its turn reading a batch of
//! records from the input, audits and renders the batch to bytes on its own core
//! (the records are still in its cache), and writes them when the batch before
//! has been written, so the output keeps input order. At most one batch per worker
//! is in flight and buffers are recycled, so memory stays constant whatever the
//! number of rows. The table (for people) is built in one thread.

use std::io::{self, Read, Write};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Mutex;

use anyhow::Result;
use slaudit::audit::repeated::{id_hash, RepeatedIds};
use slaudit::audit::{Summary, TicketAudit};
use slaudit::read::tickets::{RawRow, TicketFormat, TicketReader};
use slaudit::report::Notable;

use super::judge::{warnings, Judge};
use super::rows::BadRows;
use crate::cli::AuditArgs;
use crate::export::{summary_to_stderr, Layout, RowFormat};

/// Rows per batch handed to a worker.
pub(super) const BATCH: usize = 1024;

/// One thread, one row at a time (the table needs every row anyway).
pub(super) fn sequential<R: Read>(
    mut reader: TicketReader<R>,
    judge: &Judge<'_>,
    (bad, bad_events, repeated): (&mut BadRows, &mut BadRows, &mut RepeatedIds),
    keep_going: bool,
    mut emit: impl FnMut(&TicketAudit) -> Result<()>,
) -> Result<Summary> {
    let mut summary = Summary::new(judge.auditor.contract);
    let mut record = csv::ByteRecord::new();
    let mut ticket = TicketAudit::blank();
    let mut hint = None;
    let cols = reader.format().clone();
    while let Some(raw) = reader.next_raw(&mut record) {
        let (line, rec) = cols.ticket(reader.header(), &raw, &record);
        judge.audit((line, &rec), &mut ticket, &mut hint);
        bad_events.note_early_events(&ticket, judge.auditor.contract.tz);
        if judge.outside(&ticket) {
            summary.outside_period += 1;
            continue;
        }
        summary.add(&ticket);
        repeated.note(&ticket.id);
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
pub(super) type Buffers = (Vec<(RawRow, csv::ByteRecord)>, Vec<u8>);

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
    bad_events: BadRows,
    /// Each row's id: its hash and where it ends in `id_text` (it starts where
    /// the one before ends), for the repeated-id check made in input order.
    ids: Vec<(u64, usize)>,
    id_text: String,
    buffers: Buffers,
    /// What `report` keeps of the batch's tickets (when the run collects it).
    notables: Vec<Notable>,
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
    bad_events: &'a mut BadRows,
    repeated: &'a mut RepeatedIds,
    notables: &'a mut Vec<Notable>,
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
        let mut start = 0;
        for &(hash, end) in &d.ids {
            let id = &d.id_text[start..end];
            self.repeated.note_hashed(hash, || id.to_string());
            start = end;
        }
        self.bad
            .absorb(std::mem::replace(&mut d.bad, BadRows::new("")));
        self.bad_events
            .absorb(std::mem::replace(&mut d.bad_events, BadRows::new("")));
        self.notables.append(&mut d.notables);
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
    judge: &Judge<'_>,
    cols: &TicketFormat,
    header: &slaudit::read::input::Header,
    layout: &Layout<'_>,
    format: &dyn RowFormat,
    keep_going: bool,
    files: (&str, &str),
) -> Done {
    let mut summary = Summary::new(judge.auditor.contract);
    let mut bad = BadRows::of(files.0, cols);
    let mut bad_events = BadRows::new(files.1);
    let mut bytes = batch.bytes;
    let mut times = crate::export::TimeWriter::new(judge.auditor.contract.tz);
    let mut ticket = TicketAudit::blank();
    let mut hint = None;
    let mut ids = Vec::with_capacity(batch.len);
    let mut id_text = String::new();
    let mut notables = Vec::new();
    for (raw, record) in &batch.rows[..batch.len] {
        let (line, rec) = cols.ticket(header, raw, record);
        judge.audit((line, &rec), &mut ticket, &mut hint);
        bad_events.note_early_events(&ticket, judge.auditor.contract.tz);
        if judge.outside(&ticket) {
            summary.outside_period += 1;
            continue;
        }
        summary.add(&ticket);
        if !ticket.id.is_empty() {
            id_text.push_str(&ticket.id);
            ids.push((id_hash(&ticket.id), id_text.len()));
        }
        if ticket.error.is_some() {
            bad.note(line, &ticket);
            if !keep_going {
                continue;
            }
        }
        format.row(layout, &ticket, &mut bytes, &mut times);
        if let Some(collector) = &judge.collect {
            collector.collect(judge.auditor.contract, &ticket, &mut notables);
        }
    }
    Done {
        index: batch.index,
        summary,
        bad,
        bad_events,
        ids,
        id_text,
        buffers: (batch.rows, bytes),
        notables,
    }
}

/// What a streamed run gives back besides its output: the summary, the
/// warnings it ended with, and (when the judge collects them) what `report`
/// keeps of each ticket, in input order.
pub(super) struct Streamed {
    pub(super) summary: Summary,
    pub(super) warnings: Vec<String>,
    pub(super) notables: Vec<Notable>,
}

/// The workers: read in turns, audit and render in parallel, write in input order.
pub(super) fn stream<R: Read + Send>(
    reader: TicketReader<R>,
    judge: &Judge<'_>,
    layout: &Layout<'_>,
    format: &dyn RowFormat,
    mut out: impl Write + Send,
    (bad, bad_events, repeated): (&mut BadRows, &mut BadRows, &mut RepeatedIds),
    args: &AuditArgs,
) -> Result<Streamed> {
    let auditor = judge.auditor;
    let cols = reader.format().clone();
    let cols = &cols;
    let header = reader.header().clone();
    let header = &header;
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    let mut head = Vec::new();
    format.begin(layout, &mut head)?;
    out.write_all(&head)?;

    let mut summary = Summary::new(auditor.contract);
    let mut notables = Vec::new();
    let file = bad.file.clone();
    let events_file = bad_events.file.clone();
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
        bad_events: &mut *bad_events,
        repeated: &mut *repeated,
        notables: &mut notables,
        pool: pool_tx,
    });
    std::thread::scope(|scope| {
        let (turn, shared) = (&turn, &shared);
        for _ in 0..workers {
            let file = file.clone();
            let events_file = events_file.clone();
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
                        judge,
                        cols,
                        header,
                        layout,
                        format,
                        args.rows.keep_going,
                        (&file, &events_file),
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

    let warnings = warnings(
        auditor.contract,
        &summary,
        judge,
        (bad_events, repeated),
        args,
    );
    let warnings = if args.rows.warnings() {
        warnings
    } else {
        Vec::new()
    };
    // The output is always well-formed (a JSON document is closed) even when the
    // run fails on bad rows; the exit code says whether it can be trusted.
    summary.quotas = judge.quota_lines();
    let mut tail = Vec::new();
    format.end(layout, &summary, &warnings, &mut tail)?;
    out.write_all(&tail)?;
    out.flush()?;
    if (bad.count + bad_events.count == 0 || args.rows.keep_going) && format.summary_on_stderr() {
        summary_to_stderr(layout, &summary, &warnings, &args.rows)?;
    }
    Ok(Streamed {
        summary,
        warnings,
        notables,
    })
}
