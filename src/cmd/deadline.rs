//! `slaudit deadline`: the due instant of every target for one ticket.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{anyhow, bail, Result};
use slaudit::audit::{Auditor, TicketAudit, TicketRecord, AUDITED};
use slaudit::contract::{TargetKind, TargetStatus};
use slaudit::localtime::{format_rfc3339, parse_timestamp};

use crate::cli::{DeadlineArgs, SimpleFormat};
use crate::exit;
use crate::export::table::{new_table, Notes};

/// The columns of `--format csv`: one row per target (docs/output.md).
const CSV_COLUMNS: [&str; 14] = [
    "contract",
    "plan",
    "priority",
    "channel",
    "category",
    "created_at",
    "target",
    "promise",
    "status",
    "clock",
    "clock_start",
    "due",
    "clause",
    "assumption",
];

#[derive(serde::Serialize)]
struct Line {
    target: &'static str,
    promise: String,
    status: &'static str,
    clock: Option<String>,
    clock_start: Option<String>,
    due: Option<String>,
    clause: Option<String>,
    assumption: Option<String>,
}

pub fn run(args: DeadlineArgs, contracts_dir: Option<&Path>) -> Result<ExitCode> {
    let mut out = String::new();
    let out = &mut out;
    let c = super::common::contract(&args.sel.contract, contracts_dir)?;
    let plan = match super::common::plan_arg(&c, args.sel.plan.as_deref())? {
        Some(p) => p,
        None if c.plans.len() == 1 => 0,
        None => {
            return Err(anyhow!(
                "--plan is required: contract {} has plans {}",
                c.key,
                c.plan_keys()
            ))
        }
    };
    let priority = c.priority(&args.priority).ok_or_else(|| {
        anyhow!(
            "--priority: priority '{}' is not one of {} in contract {}",
            args.priority,
            c.priority_keys(),
            c.key
        )
    })?;
    let channel = match &args.channel {
        None => None,
        Some(ch) => Some(c.channel(ch).ok_or_else(|| {
            anyhow!(
                "--channel: channel '{ch}' is not one of {} in contract {}",
                c.channel_keys(),
                c.key
            )
        })?),
    };
    let category = match &args.category {
        None => None,
        Some(_) if c.categories.is_empty() => bail!(
            "--category: contract {} defines no categories: leave --category out",
            c.key
        ),
        Some(cat) => Some(c.category(cat).ok_or_else(|| {
            anyhow!(
                "--category: category '{cat}' is not one of {} in contract {}",
                c.category_keys(),
                c.key
            )
        })?),
    };
    let tz = super::common::input_tz(&c, args.tz.input_tz.as_deref())?;
    let at = parse_timestamp(&args.at, tz).map_err(|e| anyhow!("--at: {e}"))?;

    // The audit's own function: the same clock starts and due instants as a
    // ticket created at `at`, judged at once, with no status report yet. A
    // ticket the audit would refuse (a target due after the last supported
    // year) is refused here too, with the same message.
    let auditor = Auditor {
        contract: &c,
        default_plan: Some(plan),
        input_tz: tz,
        as_of: at,
        contacts: None,
    };
    let record = TicketRecord {
        id: "deadline",
        created_at: slaudit::record::Stamp::Text(&args.at),
        priority: &args.priority,
        plan: Some(&c.plans[plan].key),
        channel: args.channel.as_deref(),
        category: args.category.as_deref(),
        ..TicketRecord::default()
    };
    let mut ticket = TicketAudit::blank();
    auditor.audit_with_events(&record, Some(&[]), &mut ticket);
    if let Some(e) = &ticket.error {
        return Err(match e.column {
            "created_at" => anyhow!("--at: '{}': {}", args.at, e.message),
            column => anyhow!("--{}: {}", column.replace('_', "-"), e.message),
        });
    }

    let mut lines = Vec::new();
    for kind in TargetKind::ALL {
        let Some(t) = c.target(plan, priority, kind, category) else {
            if kind != TargetKind::StatusUpdate && kind != TargetKind::Workaround {
                lines.push(Line {
                    target: kind.key(),
                    promise: "none stated".into(),
                    status: "no_target",
                    clock: None,
                    clock_start: None,
                    due: None,
                    clause: None,
                    assumption: None,
                });
            }
            continue;
        };
        let mut line = Line {
            target: kind.key(),
            promise: t.describe(),
            status: t.status.key(),
            clock: None,
            clock_start: None,
            due: None,
            clause: Some(t.clause.clone()),
            assumption: t.assumption.clone(),
        };
        if t.status == TargetStatus::Committed {
            if let Some(s) = c.schedule_for(t, plan, priority, channel) {
                line.clock = Some(c.schedules[s].name.clone());
                if let Some(a) = &c.schedules[s].assumption {
                    line.assumption = Some(match line.assumption.take() {
                        Some(mine) => format!("{mine} {a}"),
                        None => a.clone(),
                    });
                }
                if let Some(r) = c.clock_rule_for(plan, priority, channel) {
                    if t.schedule.is_none() {
                        let rule = &c.clock_rules[r];
                        line.assumption = rule.assumption.clone().or(line.assumption);
                        line.clause = Some(format!("{}; {}", t.clause, rule.clause));
                    }
                }
                if let Some(i) = AUDITED.iter().position(|&k| k == kind) {
                    let o = &ticket.outcomes[i];
                    line.clock_start = o.clock_start.map(|t| format_rfc3339(c.tz, t));
                    line.due = o.due.map(|t| format_rfc3339(c.tz, t));
                }
                if kind == TargetKind::StatusUpdate {
                    line.promise = format!("every {}", line.promise);
                    line.status = "first_update_due";
                }
            }
        }
        lines.push(line);
    }

    match args.format {
        SimpleFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(CSV_COLUMNS)?;
            let fixed = [
                c.key.clone(),
                c.plans[plan].key.clone(),
                c.priorities[priority].key.clone(),
                channel.map_or(String::new(), |ch| c.channels[ch].key.clone()),
                category.map_or(String::new(), |x| c.categories[x].key.clone()),
                format_rfc3339(c.tz, at),
            ];
            for l in &lines {
                let opt = |v: &Option<String>| v.clone().unwrap_or_default();
                let row = [
                    l.target.to_string(),
                    l.promise.clone(),
                    l.status.to_string(),
                    opt(&l.clock),
                    opt(&l.clock_start),
                    opt(&l.due),
                    opt(&l.clause),
                    opt(&l.assumption),
                ];
                w.write_record(fixed.iter().chain(row.iter()))?;
            }
            let bytes = w.into_inner().map_err(|e| anyhow!("{}", e.error()))?;
            out.push_str(&String::from_utf8_lossy(&bytes));
        }
        SimpleFormat::Json => {
            let doc = serde_json::json!({
                "contract": c.key,
                "plan": c.plans[plan].key,
                "priority": c.priorities[priority].key,
                "channel": channel.map(|ch| c.channels[ch].key.clone()),
                "category": category.map(|x| c.categories[x].key.clone()),
                "created_at": format_rfc3339(c.tz, at),
                "targets": lines,
            });
            outln!(out, "{}", serde_json::to_string_pretty(&doc)?);
        }
        SimpleFormat::Table => {
            outln!(
                out,
                "Contract {}, plan {}, priority {}{}; created {} ({})",
                c.key,
                c.plans[plan].key,
                c.priorities[priority].key,
                channel.map_or(String::new(), |ch| format!(
                    ", channel {}",
                    c.channels[ch].key
                )),
                format_rfc3339(c.tz, at),
                c.tz.name()
            );
            // Clauses and assumptions are long: the table names them by
            // number, and the notes under it say them once each.
            let mut notes = Notes::default();
            let mut note = |text: &Option<String>| -> String {
                text.as_deref().map_or(String::new(), |t| notes.mark(t))
            };
            let mut table = new_table(vec![
                "target",
                "promise",
                "clock",
                "clock start",
                "due",
                "clause",
                "assumption",
            ]);
            for l in &lines {
                let (clause, assumption) = (note(&l.clause), note(&l.assumption));
                table.add_row(vec![
                    l.target.to_string(),
                    l.promise.clone(),
                    l.clock.clone().unwrap_or_default(),
                    l.clock_start.clone().unwrap_or_default(),
                    l.due.clone().unwrap_or_else(|| l.status.to_string()),
                    clause,
                    assumption,
                ]);
            }
            outln!(out, "{table}");
            for line in notes.lines() {
                outln!(out, "{line}");
            }
        }
    }
    let for_people = args.format != SimpleFormat::Csv;
    super::common::write_output(out, args.output.path.as_deref(), for_people)?;
    Ok(ExitCode::from(exit::SUCCESS))
}
