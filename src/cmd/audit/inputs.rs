//! The run's other inputs: the events file, the named-contact list, and the
//! first pass over the tickets that counts them for the quotas.

use std::io::{self, Read};
use std::path::Path;
use std::sync::mpsc::sync_channel;

use anyhow::{bail, Context, Result};
use slaudit::audit::quota::{QuotaBook, QuotaInputs};
use slaudit::audit::Auditor;
use slaudit::contract::Contract;
use slaudit::events::{EventKind, Events, EventsBuilder};
use slaudit::localtime::parse_timestamp;
use slaudit::read::events::EventReader;
use slaudit::read::mapping::Mapping;
use slaudit::read::tickets::{RawRow, TicketFormat};

use crate::cmd::common::{located, ticket_reader};
use slaudit::record::RowError;
use slaudit::record::Stamp;

use super::pipeline::BATCH;
use super::rows::BadRows;
use crate::cli::AuditArgs;

/// `--go-live`, `--period-start` and `--users`, checked before anything is read.
pub(super) fn quota_inputs(args: &AuditArgs) -> Result<QuotaInputs> {
    let date = |flag: &str, v: &Option<String>| -> Result<Option<chrono::NaiveDate>> {
        v.as_deref()
            .map(|s| {
                chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
                    anyhow::anyhow!("{flag}: '{s}' is not a date (expected YYYY-MM-DD)")
                })
            })
            .transpose()
    };
    let users = args
        .entitlements
        .users
        .as_deref()
        .map(|s| {
            s.trim().parse::<u32>().map_err(|_| {
                anyhow::anyhow!(
                    "--users: '{s}' is not a number of users (a whole number, 0 or more)"
                )
            })
        })
        .transpose()?;
    Ok(QuotaInputs {
        go_live: date("--go-live", &args.entitlements.go_live)?,
        period_start: date("--period-start", &args.entitlements.period_start)?,
        users,
    })
}

/// The contract's quotas for this run, counted over the tickets file first when
/// some quota is limited (`None` when the contract has none).
pub(super) fn quota_book<'c>(
    contract: &'c Contract,
    args: &AuditArgs,
    inputs: QuotaInputs,
    auditor: &Auditor<'_>,
    mapping: Option<&Mapping>,
) -> Result<Option<QuotaBook<'c>>> {
    if contract.quotas.is_empty() {
        return Ok(None);
    }
    let mut book = QuotaBook::new(contract, inputs);
    if !book.needs_count() {
        return Ok(Some(book));
    }
    if args.file.as_os_str() == "-" {
        book.cannot_count();
        return Ok(Some(book));
    }
    let (input, name) =
        crate::cmd::common::open_input(&args.file, "tickets", args.source.sheet.as_deref())?;
    let mut reader = ticket_reader(input, &name, mapping, auditor.input_tz)?;
    let format = reader.format().clone();
    let header = reader.header().clone();
    // Rows the audit will reject are counted when their plan and creation can
    // be read: a ticket raised is a ticket used.
    let fallback = auditor
        .default_plan
        .or((contract.plans.len() == 1).then_some(0));
    let tz = auditor.input_tz;
    let plan_of = |p: Option<&str>| match p {
        Some(p) => contract.plan(p),
        None => fallback,
    };
    // A file in slaudit's own format without quotes is read line by line.
    if let TicketFormat::Own(cols) = &format {
        if args.source.sheet.is_none() && !slaudit::read::sheet::is_spreadsheet(&args.file) {
            let open = || crate::cmd::common::open_file(&args.file, "tickets");
            if slaudit::read::plain::is_plain(io::BufReader::new(open()?))? {
                fn text(b: &[u8]) -> &str {
                    std::str::from_utf8(b)
                        .map(slaudit::text::trim)
                        .unwrap_or("")
                }
                slaudit::read::plain::each_record(open()?, |line, bytes| {
                    let plan = cols
                        .plan
                        .map(|i| text(slaudit::read::plain::field(bytes, i)))
                        .filter(|p| !p.is_empty());
                    let created = parse_timestamp(
                        text(slaudit::read::plain::field(bytes, cols.created_at)),
                        tz,
                    )
                    .ok();
                    if let (Some(plan), Some(created)) = (plan_of(plan), created) {
                        book.count(plan, created, line);
                    }
                })?;
                return Ok(Some(book));
            }
        }
    }
    // Otherwise records are read on the thread that splits the file; this one
    // only counts.
    let mut record = csv::ByteRecord::new();
    two_stage(
        |batch: &mut Vec<(usize, i64, u64)>| {
            for _ in 0..BATCH {
                match reader.next_raw(&mut record) {
                    None => return false,
                    Some(RawRow::Record) => {}
                    Some(_) => continue,
                }
                // slaudit's own format: only the two fields are read; an
                // export: its mapping reads the record.
                let (line, plan, created) = match &format {
                    TicketFormat::Own(cols) => {
                        let text = |i: usize| {
                            std::str::from_utf8(record.get(i).unwrap_or_default())
                                .map(str::trim)
                                .unwrap_or("")
                        };
                        let plan = cols.plan.map(text).filter(|p| !p.is_empty());
                        let created = parse_timestamp(text(cols.created_at), tz).ok();
                        let line = record.position().map_or(0, |p| p.line());
                        (line, plan, created)
                    }
                    TicketFormat::Mapped(_) => {
                        let (line, rec) = format.ticket(&header, &RawRow::Record, &record);
                        let created = match rec.created_at {
                            Stamp::Text(t) => parse_timestamp(t, tz).ok(),
                            Stamp::At(t) => Some(t),
                        };
                        (line, rec.plan, created)
                    }
                };
                if let (Some(plan), Some(created)) = (plan_of(plan), created) {
                    batch.push((plan, created, line));
                }
            }
            true
        },
        |batch| {
            for (plan, created, line) in batch.drain(..) {
                book.count(plan, created, line);
            }
        },
    );
    Ok(Some(book))
}

/// The first responses of `--sla-export`, read as the mapping's
/// `[sla_export]` says. Rows that cannot be read are returned to stop the run
/// (listed, exit 2) or, with `--keep-going`, left out with a warning.
pub(super) fn read_sla_export(
    args: &AuditArgs,
    mapping: Option<&Mapping>,
    tz: chrono_tz::Tz,
) -> Result<Result<Option<std::collections::HashMap<String, i64>>, BadRows>> {
    let Some(path) = &args.sla_export else {
        return Ok(Ok(None));
    };
    let Some((m, spec)) = mapping.and_then(|m| Some((m, m.sla_export.as_ref()?))) else {
        // The shipped presets that read an SLA export, named from their files.
        let with: Vec<&str> = slaudit::shipped::PRESETS
            .iter()
            .filter(|(name, file, text)| {
                slaudit::read::mapping::load_mapping(
                    text,
                    file,
                    name.to_string(),
                    &slaudit::shipped::preset,
                )
                .is_ok_and(|m| m.sla_export.is_some())
            })
            .map(|(name, _, _)| *name)
            .collect();
        let from = if with.is_empty() {
            String::new()
        } else {
            format!("--from {}, or ", with.join(" or --from "))
        };
        bail!(
            "--sla-export {}: the tickets are read {}, which names no SLA export columns ([sla_export]); use {from}a mapping file with [sla_export]",
            path.display(),
            mapping.map_or("in slaudit's own format".to_string(), |m| format!("through {}", m.label))
        );
    };
    let (input, name) = crate::cmd::common::open_input(path, "SLA export", None)?;
    let read =
        slaudit::read::mapping::sla_responses(input, m, spec, tz).map_err(|e| located(&name, e))?;
    if !read.bad.is_empty() {
        let mut rows = BadRows::new(&name);
        for (line, column, message) in &read.bad {
            rows.note_error(*line, column, message, "");
        }
        if !args.rows.keep_going {
            return Ok(Err(rows));
        }
        if args.rows.warnings() {
            eprintln!(
                "warning: {} row(s) of {name} could not be read and are left out",
                read.bad.len()
            );
        }
    }
    Ok(Ok(Some(read.by_ticket)))
}

/// Reads the named-contact list.
pub(super) fn read_contacts(path: &Path) -> Result<slaudit::contacts::ContactList> {
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
pub(super) fn read_events(
    path: &Path,
    tickets_file: &str,
    tz: chrono_tz::Tz,
    mapping: Option<&Mapping>,
    bad: &mut BadRows,
) -> Result<Events> {
    let name = path.display().to_string();
    if name == "-" && tickets_file == "-" {
        bail!("--events -: standard input already carries the tickets; give the events as a file");
    }
    let (input, name) = crate::cmd::common::open_input(path, "events", None)?;
    if mapping.is_none() && !slaudit::read::sheet::is_spreadsheet(path) {
        if let Some(split) = split_point(path, tz) {
            return read_in_parts(path, (input, &name), tz, split, bad);
        }
    }
    let mut reader = match mapping {
        None => EventReader::new(
            Box::new(io::BufReader::new(input)) as Box<dyn Read + Send>,
            tz,
        )
        .map_err(|e| located(&name, e))?,
        Some(m) => {
            let (input, delim) = slaudit::read::mapping::decoded(input, m)
                .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
            EventReader::with_mapping(input, m, delim, tz).map_err(|e| located(&name, e))?
        }
    };
    *bad = BadRows::new(&name);
    let cols = reader.columns().clone();
    let (guess, tickets) = room_for(std::fs::metadata(path).map_or(0, |m| m.len()));
    let mut events = EventsBuilder::interning(guess, tickets);
    // The thread that splits the file also reads each record into an event
    // (its ticket id copied into the batch's text); this one groups them.
    let mut record = csv::ByteRecord::new();
    two_stage(
        |batch: &mut EventBatch| {
            for _ in 0..EVENT_BATCH {
                let Some(raw) = reader.next_raw(&mut record) else {
                    return false;
                };
                let (line, e) = slaudit::read::events::event(&cols, reader.header(), &raw, &record);
                let item = match e {
                    Ok(e) => {
                        let start = batch.text.len();
                        batch.text.extend_from_slice(e.ticket.as_bytes());
                        Ok((start..batch.text.len(), e.at, e.kind))
                    }
                    Err(err) => Err(err),
                };
                batch.items.push((line, item));
            }
            true
        },
        |batch| {
            for (line, item) in batch.items.drain(..) {
                match item {
                    Ok((id, at, kind)) => events.push(&batch.text[id], at, kind, line),
                    Err(err) => bad.note_error(line, err.column, &err.message, ""),
                }
            }
            batch.text.clear();
        },
    );
    Ok(events.finish())
}

/// Room for the events of `bytes` of an events file, and their tickets:
/// guessed at 40 bytes an event and three events a ticket (capped: a guess
/// must not cost much memory).
fn room_for(bytes: u64) -> (usize, usize) {
    let events = usize::try_from(bytes / 40).unwrap_or(0).min(8 << 20);
    (events, events / 3)
}

/// Files smaller than this are read in one part.
const SPLIT_MIN_BYTES: u64 = 8 << 20;

/// Where a large events file (a regular file) is split in two: after the
/// first line end past its middle, and the file's size (`None`: read it
/// whole). A file whose lines there mostly change ticket (in time order,
/// tickets interleaved) is read whole: each part would hold most tickets,
/// and joining the parts' tickets would cost more than reading in parts
/// saves. A file that cannot be read here is read whole too, which says why.
fn split_point(path: &Path, tz: chrono_tz::Tz) -> Option<Split> {
    use std::io::{Seek, SeekFrom};
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() < SPLIT_MIN_BYTES {
        return None;
    }
    let mut file = std::fs::File::open(path).ok()?;
    // The ticket's column, from the header (a header that cannot be read
    // is reported when the file is read whole).
    let head = EventReader::new((&mut file).take(1 << 16), tz).ok()?;
    let column = head.columns().ticket_column();
    let middle = meta.len() / 2;
    let mut buf = vec![0u8; 1 << 16];
    file.seek(SeekFrom::Start(middle)).ok()?;
    let n = read_full(&mut file, &mut buf).ok()?;
    let at = memchr::memchr(b'\n', &buf[..n])?;
    let end = memchr::memrchr(b'\n', &buf[..n])?;
    // The complete lines after the split, without quotes: how many, and
    // how many runs of one ticket they make.
    let (mut lines, mut runs, mut last) = (0usize, 0usize, None);
    let sample = buf[at + 1..end].split(|&b| b == b'\n');
    for line in sample.filter(|l| !l.contains(&b'"')) {
        let ticket = line.split(|&b| b == b',').nth(column);
        if ticket != last {
            runs += 1;
        }
        (lines, last) = (lines + 1, ticket);
    }
    if lines > 64 && runs * 2 > lines {
        return None;
    }
    let at = middle + at as u64 + 1;
    (at < meta.len()).then_some(Split {
        at,
        size: meta.len(),
    })
}

/// Where an events file is split, and its size.
struct Split {
    at: u64,
    size: u64,
}

/// Reads until `buf` is full or the input ends; how many bytes were read.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// The bad rows of a part read after the first: the first few as (line
/// within the part, column, message), and how many in all.
#[derive(Default)]
struct PartBad {
    listed: Vec<(u64, &'static str, String)>,
    count: usize,
}

/// Reads a large events file in two parts at once, split at `split`: the
/// first on this thread, the rest on another. When the split falls inside
/// a record (a quoted value running over lines), the first part reads on to
/// the end and the other's work is dropped.
fn read_in_parts(
    path: &Path,
    (input, name): (Box<dyn Read + Send>, &str),
    tz: chrono_tz::Tz,
    Split { at: split, size }: Split,
    bad: &mut BadRows,
) -> Result<Events> {
    let mut first = EventReader::new_part(input, tz, split).map_err(|e| located(name, e))?;
    *bad = BadRows::new(name);
    let (cols, header) = (first.columns().clone(), first.header().clone());
    let room = |bytes: u64| {
        let (events, tickets) = room_for(bytes);
        EventsBuilder::with_capacity(events, tickets)
    };
    std::thread::scope(|scope| {
        let rest = scope.spawn(|| -> Result<(EventsBuilder, PartBad)> {
            use std::io::{Seek, SeekFrom};
            let mut file = crate::cmd::common::open_file(path, "events")?;
            file.seek(SeekFrom::Start(split))
                .with_context(|| format!("cannot read events file '{}'", path.display()))?;
            let mut reader = EventReader::resume(file, cols, header);
            let mut events = room(size.saturating_sub(split));
            let mut bad = PartBad::default();
            read_all(&mut reader, &mut events, |line, err| {
                bad.count += 1;
                if bad.listed.len() < super::rows::MAX_LISTED {
                    bad.listed.push((line, err.column, err.message));
                }
            });
            Ok((events, bad))
        });
        // Room for the whole file: the rest is appended without a move (room
        // not written to takes no memory).
        let mut events = room(size);
        read_all(&mut first, &mut events, |line, err| {
            bad.note_error(line, err.column, &err.message, "")
        });
        let rest = rest
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        if let Some(lines) = first.part_end() {
            let (more, part_bad) = rest?;
            events.append(more, lines);
            let unlisted = part_bad.count - part_bad.listed.len();
            for (line, column, message) in part_bad.listed {
                bad.note_error(line + lines, column, &message, "");
            }
            bad.count += unlisted;
        }
        Ok(events.finish())
    })
}

/// Reads every record of `reader` into `events`; bad rows go to `bad`.
fn read_all<R: Read>(
    reader: &mut EventReader<R>,
    events: &mut EventsBuilder,
    mut bad: impl FnMut(u64, RowError),
) {
    let mut record = csv::ByteRecord::new();
    let cols = reader.columns().clone();
    while let Some(raw) = reader.next_raw(&mut record) {
        match slaudit::read::events::event(&cols, reader.header(), &raw, &record) {
            (line, Ok(e)) => events.push(e.ticket, e.at, e.kind, line),
            (line, Err(err)) => bad(line, err),
        }
    }
}

/// Events per batch handed from the thread that reads them to the one that
/// groups them: an event is small, and fewer hand-overs cost less (a batch
/// holds about 50 bytes an event, and ten batches at most are in flight).
const EVENT_BATCH: usize = 1 << 14;

/// One batch of events as read: ticket ids end to end in `text`, and per
/// record its line and the event (id as a range of `text`) or what is wrong.
#[derive(Default)]
struct EventBatch {
    text: Vec<u8>,
    items: Vec<(u64, Result<ReadEvent, RowError>)>,
}

/// An event as read: its ticket id (a range of the batch's text), time and kind.
type ReadEvent = (std::ops::Range<usize>, i64, EventKind);

/// Reads a file in two stages: one thread fills batches (`fill`: split records
/// and read them into values; `false` once the input is done) while this one
/// takes each batch in file order (`drain`, which leaves it empty for reuse);
/// batches go one way, emptied ones come back.
fn two_stage<B: Default + Send>(
    mut fill: impl FnMut(&mut B) -> bool + Send,
    mut drain: impl FnMut(&mut B),
) {
    let (full_tx, full_rx) = sync_channel::<B>(4);
    let (empty_tx, empty_rx) = sync_channel::<B>(6);
    std::thread::scope(|scope| {
        scope.spawn(move || loop {
            let mut batch = empty_rx.try_recv().unwrap_or_default();
            let more = fill(&mut batch);
            if full_tx.send(batch).is_err() || !more {
                break;
            }
        });
        for mut batch in full_rx {
            drain(&mut batch);
            let _ = empty_tx.try_send(batch);
        }
    });
}
