//! The run's other inputs: the events file, the named-contact list, and the
//! first pass over the tickets that counts them for the quotas.

use std::io::{self, Read};
use std::path::Path;
use std::sync::mpsc::sync_channel;

use anyhow::{bail, Context, Result};
use slaudit::audit::quota::{QuotaBook, QuotaInputs};
use slaudit::audit::Auditor;
use slaudit::contract::Contract;
use slaudit::events::{Events, EventsBuilder};
use slaudit::localtime::parse_timestamp;
use slaudit::read::events::EventReader;
use slaudit::read::tickets::{RawRow, TicketReader};

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
        go_live: date("--go-live", &args.go_live)?,
        period_start: date("--period-start", &args.period_start)?,
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
    let name = args.file.display();
    let file = crate::cmd::common::open_file(&args.file, "tickets")?;
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
    bad: &mut BadRows,
) -> Result<Events> {
    let name = path.display().to_string();
    if name == "-" && tickets_file == "-" {
        bail!("--events -: standard input already carries the tickets; give the events as a file");
    }
    let input: Box<dyn Read + Send> = if name == "-" {
        Box::new(io::stdin())
    } else {
        Box::new(crate::cmd::common::open_file(path, "events")?)
    };
    let mut reader = EventReader::new(io::BufReader::new(input), tz).map_err(|e| match e {
        slaudit::read::events::InputError::Empty { .. } => anyhow::anyhow!("{name}: {e}"),
        _ => anyhow::anyhow!("{name}:{}", e.to_string().trim_start_matches("line ")),
    })?;
    *bad = BadRows::new(&name);
    let cols = *reader.columns();
    let header = reader.header().clone();
    // Room for the events of a file of this size, guessed at 40 bytes an event
    // and three events a ticket (capped: a guess must not cost much memory).
    let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
    let guess = usize::try_from(bytes / 40).unwrap_or(0).min(8 << 20);
    let mut events = EventsBuilder::with_capacity(guess, guess / 3);
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
