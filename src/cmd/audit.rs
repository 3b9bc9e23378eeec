//! `slaudit audit`: stream a tickets CSV through the per-ticket audit.
//!
//! CSV and JSON output run in a few workers: each takes its turn reading a batch of
//! records from the input, audits and renders the batch to bytes on its own core
//! (the records are still in its cache), and writes them when the batch before
//! has been written, so the output keeps input order. At most one batch per worker
//! is in flight and buffers are recycled, so memory stays constant whatever the
//! number of rows. The table (for people) is built in one thread.

use std::io::{self, BufWriter, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Mutex;

use anyhow::{bail, Context, Result};
use slaudit::audit::quota::{QuotaBook, QuotaInputs};
use slaudit::audit::repeated::{id_hash, RepeatedIds};
use slaudit::audit::{Auditor, Summary, TicketAudit, KINDS};
use slaudit::contract::{Contract, TargetKind, TargetStatus};
use slaudit::events::{Events, EventsBuilder};
use slaudit::localtime::{format_rfc3339, parse_timestamp};
use slaudit::read::events::EventReader;
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
        Some(s) if !s.trim().eq_ignore_ascii_case("now") => {
            parse_timestamp(s, input_tz).map_err(|e| anyhow::anyhow!("--as-of: {e}"))?
        }
        _ => chrono::Utc::now().timestamp(),
    };
    let file_name = args.file.display().to_string();
    let input: Box<dyn Read + Send> = if file_name == "-" {
        Box::new(io::stdin())
    } else {
        Box::new(super::common::open_file(&args.file, "tickets")?)
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
    let contacts = match &args.contacts {
        Some(path) => Some(read_contacts(path)?),
        None => None,
    };
    let auditor = Auditor {
        contract: &contract,
        default_plan,
        input_tz,
        as_of,
        contacts: contacts.as_ref(),
    };
    let mut bad_events = BadRows::new("");
    let events = match &args.events {
        None => None,
        Some(path) => Some(read_events(path, &file_name, input_tz, &mut bad_events)?),
    };
    let quotas = quota_book(&contract, &args, &auditor)?;
    let judge = Judge {
        auditor: &auditor,
        events: events.as_ref(),
        quotas: quotas.as_ref(),
    };
    let mut layout = Layout::new(&contract);
    layout.fee = fee;
    let as_of_text = format_rfc3339(contract.tz, as_of);
    let to = args.output.path.as_deref();
    let format = args
        .format
        .unwrap_or(if super::common::output_is_terminal(to) {
            Format::Table
        } else {
            Format::Csv
        });
    let out = BufWriter::with_capacity(1 << 16, super::common::output(to)?);
    let mut bad = BadRows::new(&file_name);
    let mut repeated = RepeatedIds::default();
    let summary = match format {
        Format::Table => {
            let mut table = TableExporter::new(out, &layout, as_of_text);
            let mut summary = sequential(
                reader,
                &judge,
                (&mut bad, &mut bad_events, &mut repeated),
                args.rows.keep_going,
                |t| table.row(&layout, t),
            )?;
            summary.quotas = judge.quota_lines();
            // The valid rows are printed even when the run fails on bad rows,
            // as CSV and JSON do; standard error then holds only the bad rows.
            let failing = bad.count + bad_events.count > 0 && !args.rows.keep_going;
            let warnings = if args.rows.quiet || failing {
                Vec::new()
            } else {
                warnings(&contract, &summary, &judge, (&bad_events, &repeated), &args)
            };
            table.finish(&layout, &summary, &warnings)?;
            summary
        }
        Format::Csv => stream(
            reader,
            &judge,
            &layout,
            &CsvFormat,
            out,
            (&mut bad, &mut bad_events, &mut repeated),
            &args,
        )?,
        Format::Jsonl => stream(
            reader,
            &judge,
            &layout,
            &JsonlFormat,
            out,
            (&mut bad, &mut bad_events, &mut repeated),
            &args,
        )?,
        Format::Json => stream(
            reader,
            &judge,
            &layout,
            &JsonFormat { as_of: as_of_text },
            out,
            (&mut bad, &mut bad_events, &mut repeated),
            &args,
        )?,
    };

    if bad.count + bad_events.count > 0 && !args.rows.keep_going {
        bad.report_rows(&bad_events)?;
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
        match &t.error {
            Some(e) => self.note_error(line, e.column, &e.message, &t.id),
            None => self.count += 1,
        }
    }

    /// A bad row: its line, the column at fault (`row` for the whole record),
    /// what is wrong and the ticket it names.
    fn note_error(&mut self, line: u64, column: &str, message: &str, id: &str) {
        self.count += 1;
        if self.listed.len() < MAX_LISTED {
            let col = if column == "row" {
                String::new()
            } else {
                format!(" column '{column}':")
            };
            let id = if id.is_empty() {
                String::new()
            } else {
                format!(" (ticket {})", slaudit::text::clip(id))
            };
            self.listed.push(format!(
                "{}:{line}:{col} {}{id}",
                self.file,
                slaudit::text::one_line(message)
            ));
        }
    }

    /// The events of a ticket that come before its creation: bad rows of the
    /// events file.
    fn note_early_events(&mut self, t: &TicketAudit, tz: chrono_tz::Tz) {
        if let Some(created) = t.created_at.filter(|_| !t.early_events.is_empty()) {
            let created = slaudit::localtime::format_rfc3339(tz, created);
            for &(line, at) in &t.early_events {
                let message = format!(
                    "the event at {} is before the ticket's created_at {created}",
                    slaudit::localtime::format_rfc3339(tz, at)
                );
                self.note_error(line, "at", &message, &t.id);
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

    /// Lists the bad rows of the tickets file and then of the events file.
    fn report_rows(&self, events: &BadRows) -> Result<()> {
        let mut err = io::stderr().lock();
        for b in self.listed.iter().chain(&events.listed) {
            writeln!(err, "slaudit: error: {b}")?;
        }
        let listed = self.listed.len() + events.listed.len();
        let count = self.count + events.count;
        if count > listed {
            writeln!(
                err,
                "slaudit: error: ... and {} more bad row(s)",
                count - listed
            )?;
        }
        writeln!(
            err,
            "slaudit: error: {count} bad row(s); fix them, or use --keep-going to audit the rest and mark them invalid",
        )?;
        Ok(())
    }
}

/// One thread, one row at a time (the table needs every row anyway).
fn sequential<R: Read>(
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
    let cols = *reader.columns();
    while let Some(raw) = reader.next_raw(&mut record) {
        let (line, rec) = read_ticket(&cols, reader.header(), &raw, &record);
        judge.audit((line, &rec), &mut ticket, &mut hint);
        bad_events.note_early_events(&ticket, judge.auditor.contract.tz);
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
    bad_events: BadRows,
    /// Each row's id: its hash and where it ends in `id_text` (it starts where
    /// the one before ends), for the repeated-id check made in input order.
    ids: Vec<(u64, usize)>,
    id_text: String,
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
    bad_events: &'a mut BadRows,
    repeated: &'a mut RepeatedIds,
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
    cols: &TicketColumns,
    header: &slaudit::read::input::Header,
    layout: &Layout<'_>,
    format: &dyn RowFormat,
    keep_going: bool,
    files: (&str, &str),
) -> Done {
    let mut summary = Summary::new(judge.auditor.contract);
    let mut bad = BadRows::new(files.0);
    let mut bad_events = BadRows::new(files.1);
    let mut bytes = batch.bytes;
    let mut times = crate::export::TimeWriter::new(judge.auditor.contract.tz);
    let mut ticket = TicketAudit::blank();
    let mut hint = None;
    let mut ids = Vec::with_capacity(batch.len);
    let mut id_text = String::new();
    for (raw, record) in &batch.rows[..batch.len] {
        let (line, rec) = read_ticket(cols, header, raw, record);
        judge.audit((line, &rec), &mut ticket, &mut hint);
        bad_events.note_early_events(&ticket, judge.auditor.contract.tz);
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
    }
    Done {
        index: batch.index,
        summary,
        bad,
        bad_events,
        ids,
        id_text,
        buffers: (batch.rows, bytes),
    }
}

/// The workers: read in turns, audit and render in parallel, write in input order.
fn stream<R: Read + Send>(
    reader: TicketReader<R>,
    judge: &Judge<'_>,
    layout: &Layout<'_>,
    format: &dyn RowFormat,
    mut out: impl Write + Send,
    (bad, bad_events, repeated): (&mut BadRows, &mut BadRows, &mut RepeatedIds),
    args: &AuditArgs,
) -> Result<Summary> {
    let auditor = judge.auditor;
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
                        &cols,
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
    let warnings: &[String] = if args.rows.quiet { &[] } else { &warnings };
    // The output is always well-formed (a JSON document is closed) even when the
    // run fails on bad rows; the exit code says whether it can be trusted.
    summary.quotas = judge.quota_lines();
    let mut tail = Vec::new();
    format.end(layout, &summary, warnings, &mut tail)?;
    out.write_all(&tail)?;
    out.flush()?;
    if (bad.count + bad_events.count == 0 || args.rows.keep_going)
        && format.summary_on_stderr()
        && !args.rows.quiet
    {
        summary_to_stderr(layout, &summary, warnings)?;
    }
    Ok(summary)
}

/// The auditor, the events of the run's tickets when it has an events file,
/// and its ticket quotas when the contract has some.
struct Judge<'a> {
    auditor: &'a Auditor<'a>,
    events: Option<&'a Events>,
    quotas: Option<&'a QuotaBook<'a>>,
}

impl Judge<'_> {
    /// `hint`: where the worker's previous ticket was found among the events.
    fn audit(
        &self,
        (line, rec): (u64, &slaudit::record::TicketRecord<'_>),
        out: &mut TicketAudit,
        hint: &mut Option<u32>,
    ) {
        let events = self.events.map(|e| e.of_near(rec.id, hint));
        self.auditor.audit_with_events(rec, events, out);
        if let (Some(book), Some(plan), Some(created), None) =
            (self.quotas, out.plan, out.created_at, &out.error)
        {
            out.quota = book.mark(plan, created, line);
        }
    }

    fn quota_lines(&self) -> Vec<slaudit::audit::quota::QuotaLine> {
        self.quotas.map(QuotaBook::lines).unwrap_or_default()
    }
}

/// The contract's quotas for this run, counted over the tickets file first when
/// some quota is limited (`None` when the contract has none).
fn quota_book<'c>(
    contract: &'c Contract,
    args: &AuditArgs,
    auditor: &Auditor<'_>,
) -> Result<Option<QuotaBook<'c>>> {
    if contract.quotas.is_empty() {
        return Ok(None);
    }
    let inputs = QuotaInputs {
        go_live: args.go_live,
        period_start: args.period_start,
        users: args.users,
    };
    let mut book = QuotaBook::new(contract, inputs);
    if !book.needs_count() {
        return Ok(Some(book));
    }
    if args.file.as_os_str() == "-" {
        book.cannot_count();
        return Ok(Some(book));
    }
    let name = args.file.display();
    let file = super::common::open_file(&args.file, "tickets")?;
    let mut reader =
        TicketReader::new(io::BufReader::new(file)).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    let cols = *reader.columns();
    // Rows the audit will reject are counted when their plan and creation can
    // be read: a ticket raised is a ticket used. Only those two fields are read.
    fn text(record: &csv::ByteRecord, i: usize) -> &str {
        std::str::from_utf8(record.get(i).unwrap_or_default())
            .map(str::trim)
            .unwrap_or("")
    }
    let fallback = auditor
        .default_plan
        .or((contract.plans.len() == 1).then_some(0));
    two_stage(
        |record| reader.next_raw(record),
        |raw, record| {
            if *raw != RawRow::Record {
                return;
            }
            let plan = match cols.plan.map(|i| text(record, i)).filter(|p| !p.is_empty()) {
                Some(p) => contract.plan(p),
                None => fallback,
            };
            let created = parse_timestamp(text(record, cols.created_at), auditor.input_tz);
            if let (Some(plan), Ok(created)) = (plan, created) {
                let line = record.position().map_or(0, |p| p.line());
                book.count(plan, created, line);
            }
        },
    );
    Ok(Some(book))
}

/// Reads the named-contact list.
fn read_contacts(path: &Path) -> Result<slaudit::contacts::ContactList> {
    let name = path.display();
    let bytes =
        std::fs::read(path).with_context(|| format!("cannot read contacts file '{name}'"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        anyhow::anyhow!("{name}:{line}: not valid UTF-8 text")
    })?;
    Ok(slaudit::contacts::ContactList::parse(&text))
}

/// Reads the whole events file (`-`: standard input, when the tickets come
/// from a file); bad rows go to `bad` and are left out.
fn read_events(
    path: &Path,
    tickets_file: &str,
    tz: chrono_tz::Tz,
    bad: &mut BadRows,
) -> Result<Events> {
    let name = path.display().to_string();
    if name == "-" && tickets_file == "-" {
        bail!("--events -: standard input already carries the tickets; give the events as a file");
    }
    let input: Box<dyn Read + Send> = if name == "-" {
        Box::new(io::stdin())
    } else {
        Box::new(super::common::open_file(path, "events")?)
    };
    let mut reader = EventReader::new(io::BufReader::new(input), tz).map_err(|e| match e {
        slaudit::read::events::InputError::Empty { .. } => anyhow::anyhow!("{name}: {e}"),
        _ => anyhow::anyhow!("{name}:{}", e.to_string().trim_start_matches("line ")),
    })?;
    *bad = BadRows::new(&name);
    let cols = *reader.columns();
    let header = reader.header().clone();
    let mut events = EventsBuilder::default();
    two_stage(
        |record| reader.next_raw(record),
        |raw, record| {
            let (line, e) = slaudit::read::events::event(&cols, &header, raw, record);
            match e {
                Ok(e) => events.push(e.ticket, e.at, e.kind, line),
                Err(err) => bad.note_error(line, err.column, &err.message, ""),
            }
        },
    );
    Ok(events.finish())
}

/// Reads a CSV file in two stages: one thread splits it into records (`next`)
/// while this one reads each record (`read`), in file order; batches go one
/// way, emptied buffers come back.
fn two_stage(
    mut next: impl FnMut(&mut csv::ByteRecord) -> Option<RawRow> + Send,
    mut read: impl FnMut(&RawRow, &csv::ByteRecord),
) {
    type Records = Vec<(RawRow, csv::ByteRecord)>;
    let (full_tx, full_rx) = sync_channel::<(Records, usize)>(4);
    let (empty_tx, empty_rx) = sync_channel::<Records>(6);
    std::thread::scope(|scope| {
        scope.spawn(move || loop {
            let mut rows = empty_rx.try_recv().unwrap_or_default();
            let mut len = 0;
            while len < BATCH {
                if rows.len() <= len {
                    rows.push((RawRow::Record, csv::ByteRecord::new()));
                }
                let slot = &mut rows[len];
                match next(&mut slot.1) {
                    Some(raw) => {
                        slot.0 = raw;
                        len += 1;
                    }
                    None => break,
                }
            }
            let last = len < BATCH;
            if (len > 0 && full_tx.send((rows, len)).is_err()) || last {
                break;
            }
        });
        for (rows, len) in full_rx {
            for (raw, record) in &rows[..len] {
                read(raw, record);
            }
            let _ = empty_tx.try_send(rows);
        }
    });
}

/// One line per kind of missing figure, and per kind of event or exclusion the
/// run could not use, that affected this run.
fn warnings(
    c: &Contract,
    summary: &Summary,
    judge: &Judge<'_>,
    (bad_events, repeated): (&BadRows, &RepeatedIds),
    args: &AuditArgs,
) -> Vec<String> {
    let mut out = Vec::new();
    if repeated.count() > 0 {
        out.push(format!(
            "{} ticket id(s) appear more than once in {} (every row is audited): {}",
            repeated.count(),
            args.file.display(),
            repeated.names()
        ));
    }
    if let Some(events) = judge.events {
        let (tickets, n) = events.unseen();
        if n > 0 {
            out.push(format!(
                "{n} event(s) in {} name {tickets} ticket(s) that are not in {}; they are not used",
                bad_events.file,
                args.file.display()
            ));
        }
        if bad_events.count > 0 && args.rows.keep_going {
            out.push(format!(
                "{} invalid row(s) in {} left out",
                bad_events.count, bad_events.file
            ));
        }
    }
    let no_data: u64 = (0..KINDS).map(|k| summary.total(k).no_data).sum();
    if judge.events.is_none() && no_data > 0 {
        out.push(format!(
            "the status-update cadence of {no_data} ticket(s) is not judged (no_data): give their status reports with --events"
        ));
    }
    if let (Some(list), Some(rule)) = (judge.auditor.contacts, &c.coverage.contacts) {
        // The plan's limit: --plan's, else the one limit every plan shares.
        let limit = match judge.auditor.default_plan {
            Some(p) => c.coverage.contact_limit(p),
            None => {
                let first = rule.limits.first();
                first.filter(|f| {
                    rule.limits.iter().all(|l| l.max == f.max)
                        && (0..c.plans.len()).all(|p| c.coverage.contact_limit(p).is_some())
                })
            }
        };
        if let Some(l) = limit.filter(|l| list.len() > l.max as usize) {
            out.push(format!(
                "the contacts list names {} contacts; contract {} allows {} ({})",
                list.len(),
                c.key,
                l.max,
                l.clause
            ));
        }
    }
    if summary.repeated_waits > 0 {
        out.push(format!(
            "{} pause or resume event(s) repeat the ticket's state (a pause while paused, a resume while not paused) and change nothing",
            summary.repeated_waits
        ));
    }
    if summary.unmatched_exclusions > 0 {
        out.push(format!(
            "{} ticket(s) are marked excluded, but contract {} states no ticket exclusion: they are audited on every target",
            summary.unmatched_exclusions, c.key
        ));
    }
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
