//! `slaudit explain`: one ticket's deadlines, stretch by stretch. The ticket
//! is audited by the same core function as `audit` and `deadline`; the
//! stretches come from the clock's own intervals ([`slaudit::timeline`]).

use std::path::Path;
use std::process::ExitCode;

use anyhow::{anyhow, bail, Result};
use slaudit::audit::waits::Pauses;
use slaudit::audit::{Auditor, Overrun, Status, TicketAudit, TicketRecord, AUDITED, KINDS};
use slaudit::clock::fmt_hm;
use slaudit::events::EventsBuilder;
use slaudit::localtime::{parse_timestamp, to_local};
use slaudit::record::Stamp;
use slaudit::timeline::{timeline, Stretch};

use crate::cli::ExplainArgs;
use crate::exit;

pub fn run(args: ExplainArgs, contracts_dir: Option<&Path>) -> Result<ExitCode> {
    let c = super::common::contract(&args.sel.contract, contracts_dir)?;
    let default_plan = super::common::plan_arg(&c, args.sel.plan.as_deref())?;
    let mapping = super::common::mapping(&args.source)?;
    let input_tz = match (&args.tz.input_tz, mapping.as_ref().and_then(|m| m.timezone)) {
        (None, Some(tz)) => tz,
        (flag, _) => super::common::input_tz(&c, flag.as_deref())?,
    };
    let as_of = match &args.as_of {
        Some(s) if !s.trim().eq_ignore_ascii_case("now") => {
            parse_timestamp(s, input_tz).map_err(|e| anyhow!("--as-of: {e}"))?
        }
        _ => chrono::Utc::now().timestamp(),
    };
    let auditor = Auditor {
        contract: &c,
        default_plan: default_plan.or((c.plans.len() == 1).then_some(0)),
        input_tz,
        as_of,
        contacts: None,
    };
    let events = match &args.events {
        None => None,
        Some(path) => Some(ticket_events(path, mapping.as_ref(), input_tz)?),
    };
    let ticket = match (&args.tickets, &args.id, &args.at) {
        (Some(file), Some(id), _) => {
            let (input, name) =
                super::common::open_input(file, "tickets", args.source.sheet.as_deref())?;
            let mut reader =
                super::common::ticket_reader(input, &name, mapping.as_ref(), input_tz)?;
            let mut found = None;
            while let Some((line, rec)) = reader.next_ticket() {
                if rec.id == id.as_str() {
                    let evs = events.as_ref().map(|e| e.of(id));
                    let mut out = TicketAudit::blank();
                    auditor.audit_with_events(&rec, evs, &mut out);
                    found = Some((line, out));
                    break;
                }
            }
            let (line, t) =
                found.ok_or_else(|| anyhow!("{name}: no ticket '{}'", slaudit::text::clip(id)))?;
            if let Some(e) = &t.error {
                bail!(
                    "{name}:{line}: column '{}': {} (ticket {})",
                    e.column,
                    e.message,
                    t.id
                );
            }
            t
        }
        (None, _, Some(at)) => {
            let priority = args.priority.as_deref().unwrap_or_default();
            let record = TicketRecord {
                id: args.id.as_deref().unwrap_or("(ticket)"),
                created_at: Stamp::Text(at),
                priority,
                channel: args.channel.as_deref(),
                first_response_at: args.until.as_deref().map(Stamp::Text),
                resolved_at: args.until.as_deref().map(Stamp::Text),
                ..TicketRecord::default()
            };
            let evs = events.as_ref().map(|e| e.of(record.id));
            let mut out = TicketAudit::blank();
            auditor.audit_with_events(&record, evs, &mut out);
            if let Some(e) = &out.error {
                let flag = match e.column {
                    "created_at" => "--at",
                    "first_response_at" | "resolved_at" => "--until",
                    "channel" => "--channel",
                    _ => "--priority",
                };
                bail!("{flag}: {}", e.message);
            }
            out
        }
        _ => bail!(
            "give a ticket id with --tickets FILE, or --priority and --at for a ticket in no file"
        ),
    };
    let pauses = events.as_ref().map(|e| {
        let end = ticket.outcomes[1].event.unwrap_or(as_of);
        Pauses::of(e.of(&ticket.id), end).intervals
    });
    let mut out = String::new();
    render(
        &auditor,
        &ticket,
        pauses.as_deref().unwrap_or(&[]),
        &mut out,
    );
    cadence(
        &auditor,
        &ticket,
        events.as_ref().map(|e| e.of(&ticket.id)),
        &mut out,
    );
    super::common::write_stdout(&out)?;
    Ok(ExitCode::from(exit::SUCCESS))
}

/// The events of the run's events file (all tickets; only the explained one
/// is looked up).
fn ticket_events(
    path: &Path,
    mapping: Option<&slaudit::read::mapping::Mapping>,
    tz: chrono_tz::Tz,
) -> Result<slaudit::events::Events> {
    use slaudit::read::events::EventReader;
    let (input, name) = super::common::open_input(path, "events", None)?;
    let mut reader = match mapping {
        None => EventReader::new(input, tz).map_err(|e| super::common::located(&name, e))?,
        Some(m) => {
            let (input, delim) =
                slaudit::read::mapping::decoded(input, m).map_err(|e| anyhow!("{name}: {e}"))?;
            EventReader::with_mapping(input, m, delim, tz)
                .map_err(|e| super::common::located(&name, e))?
        }
    };
    let mut events = EventsBuilder::default();
    while let Some((line, e)) = reader.next_event() {
        match e {
            Ok(e) => events.push(e.ticket, e.at, e.kind, line),
            Err(err) => bail!("{name}:{line}: column '{}': {}", err.column, err.message),
        }
    }
    Ok(events.finish())
}

/// The explanation, target by target.
fn render(auditor: &Auditor<'_>, t: &TicketAudit, pauses: &[(i64, i64)], out: &mut String) {
    let c = auditor.contract;
    let tz = c.tz;
    let when = |x: i64| to_local(tz, x).format("%a %Y-%m-%d %H:%M:%S").to_string();
    let name =
        |v: &[String], i: Option<usize>| i.and_then(|i| v.get(i)).cloned().unwrap_or_default();
    let plans: Vec<String> = c.plans.iter().map(|p| p.key.clone()).collect();
    let prios: Vec<String> = c.priorities.iter().map(|p| p.key.clone()).collect();
    let chans: Vec<String> = c.channels.iter().map(|p| p.key.clone()).collect();
    outln!(
        out,
        "Ticket {} on contract {}: plan {}, priority {}{}; times in {}",
        t.id,
        c.key,
        name(&plans, t.plan),
        name(&prios, t.priority),
        t.channel
            .map(|ch| format!(", channel {}", chans[ch]))
            .unwrap_or_default(),
        tz.name()
    );
    if let Some(created) = t.created_at {
        outln!(
            out,
            "created {}; open targets judged as of {}",
            when(created),
            when(auditor.as_of)
        );
    }
    for (k, o) in t.outcomes.iter().enumerate().take(KINDS - 1) {
        let kind = AUDITED[k];
        let Some(target) = o.target.map(|i| &c.targets[i]) else {
            continue;
        };
        outln!(out);
        let clock_name = o
            .schedule
            .map(|s| c.schedules[s].key.clone())
            .unwrap_or_default();
        outln!(
            out,
            "{}: {}{} ({})",
            kind.key(),
            target.describe(),
            if clock_name.is_empty() {
                String::new()
            } else {
                format!(" on the {clock_name} clock")
            },
            target.clause
        );
        if let Some(a) = &target.assumption {
            outln!(out, "  assumption: {a}");
        }
        let (Some(start), Some(s)) = (o.clock_start, o.schedule) else {
            outln!(out, "  status {}", o.status.key());
            continue;
        };
        let clock = c.clock(s);
        let end_at = o.event.unwrap_or(auditor.as_of.max(start));
        let until = o.due.map_or(end_at, |d| d.max(end_at));
        let own_pauses: &[(i64, i64)] = if o.paused.is_some() { pauses } else { &[] };
        // From the creation, so that what kept the clock from starting shows.
        let from = t.created_at.unwrap_or(start).min(start);
        let stretches = timeline(&clock, from, until, own_pauses);
        outln!(out, "  clock starts {}", when(start));
        let mut due_said = false;
        // Counted stretches are cut at the due instant and at the event, so that
        // each line is before or after them.
        let cuts: Vec<i64> = [o.due, Some(end_at)].into_iter().flatten().collect();
        let mut total = 0;
        for st in &stretches {
            match st {
                Stretch::Counted { from, to, .. } => {
                    let mut points = vec![*from];
                    points.extend(cuts.iter().copied().filter(|x| *x > *from && *x < *to));
                    points.sort_unstable();
                    points.push(*to);
                    for w in points.windows(2) {
                        let (a, b) = (w[0], w[1]);
                        if !due_said && o.due.is_some_and(|d| d <= a) {
                            say_due(out, o.due, &when);
                            due_said = true;
                        }
                        let after = a >= end_at;
                        if !after {
                            total += b - a;
                        }
                        outln!(
                            out,
                            "  counted  {} - {}  {:>8}  {}",
                            when(a),
                            to_local(tz, b).format("%H:%M:%S"),
                            fmt_hm(b - a),
                            if after {
                                "(after the event)".to_string()
                            } else {
                                format!("total {}", fmt_hm(total))
                            }
                        );
                    }
                }
                Stretch::Skipped { from, to, why } => {
                    if !due_said && o.due.is_some_and(|d| d <= *from) {
                        say_due(out, o.due, &when);
                        due_said = true;
                    }
                    let why: Vec<String> = why.iter().map(|w| w.to_string()).collect();
                    outln!(
                        out,
                        "  skipped  {} - {}  ({})",
                        when(*from),
                        when(*to),
                        why.join(", ")
                    );
                }
            }
        }
        if !due_said {
            say_due(out, o.due, &when);
        }
        let event = match (kind, o.event) {
            (_, None) => format!("no event by {}", when(auditor.as_of)),
            (k, Some(e)) => format!("{} {}", event_name(k), when(e)),
        };
        let elapsed = o.elapsed.unwrap_or(0);
        let overrun = match o.overrun(c, auditor.as_of) {
            Some(Overrun::Clock(n)) => format!("; over by {} of clock time", fmt_hm(n)),
            Some(Overrun::Calendar(n)) => format!("; {} after the due instant", fmt_hm(n)),
            None => String::new(),
        };
        let paused = o
            .paused
            .filter(|p| *p > 0)
            .map(|p| format!(", {} paused", fmt_hm(p)))
            .unwrap_or_default();
        outln!(
            out,
            "  {event}: {}; {} counted{paused}{overrun}",
            o.status.key(),
            fmt_hm(elapsed)
        );
    }
}

/// The status-update cadence: each gap between communications, as the audit
/// counted it, and the reports missed in it.
fn cadence(
    auditor: &Auditor<'_>,
    t: &TicketAudit,
    events: Option<&[slaudit::events::Event]>,
    out: &mut String,
) {
    let c = auditor.contract;
    let tz = c.tz;
    let when = |x: i64| to_local(tz, x).format("%a %Y-%m-%d %H:%M:%S").to_string();
    let o = &t.outcomes[KINDS - 1];
    let Some(target) = o.target.map(|i| &c.targets[i]) else {
        return;
    };
    outln!(out);
    let clock_name = o
        .schedule
        .map(|s| format!(" on the {} clock", c.schedules[s].key))
        .unwrap_or_default();
    outln!(
        out,
        "status_update: a report every {}{clock_name} ({})",
        target.describe(),
        target.clause
    );
    if let Some(a) = &target.assumption {
        outln!(out, "  assumption: {a}");
    }
    let Some(events) = events.filter(|_| o.status != Status::NoData) else {
        outln!(
            out,
            "  status {}: give the ticket's status reports with --events",
            o.status.key()
        );
        return;
    };
    let gaps = auditor.status_gaps(t, events);
    let Some(first) = gaps.first() else {
        outln!(out, "  status {}", o.status.key());
        return;
    };
    outln!(
        out,
        "  cadence starts {} ({})",
        when(first.from),
        if t.outcomes[0].event.is_some() {
            "the first response"
        } else {
            "the clock start: no first response"
        }
    );
    for g in &gaps {
        let end = if g.report {
            "status report"
        } else if t.outcomes[1].event == Some(g.to) {
            "resolved"
        } else {
            "as of"
        };
        let paused = if g.paused > 0 {
            format!(", {} paused", fmt_hm(g.paused))
        } else {
            String::new()
        };
        let missed = if g.missed > 0 {
            format!("; {} report(s) missed", g.missed)
        } else {
            String::new()
        };
        outln!(
            out,
            "  gap      {} - {} ({end})  {:>8} counted{paused}{missed}",
            when(g.from),
            when(g.to),
            fmt_hm(g.counted)
        );
    }
    let due = match (o.status, o.due) {
        (Status::Breached, Some(d)) => format!("; the first missed report was due {}", when(d)),
        (_, Some(d)) if t.outcomes[1].event.is_none() => {
            format!("; the next report is due {}", when(d))
        }
        _ => String::new(),
    };
    outln!(
        out,
        "  {}: longest gap {}, {} report(s) missed, {} status report(s){due}",
        o.status.key(),
        fmt_hm(o.elapsed.unwrap_or(0)),
        o.missed.unwrap_or(0),
        o.updates.unwrap_or(0)
    );
}

fn say_due(out: &mut String, due: Option<i64>, when: &dyn Fn(i64) -> String) {
    if let Some(d) = due {
        outln!(out, "  due      {}", when(d));
    }
}

fn event_name(k: slaudit::contract::TargetKind) -> &'static str {
    use slaudit::contract::TargetKind as K;
    match k {
        K::Response => "first response",
        K::Resolution => "resolved",
        K::Workaround => "workaround",
        K::StatusUpdate => "last status report",
    }
}
