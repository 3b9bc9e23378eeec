//! `slaudit calendar`: a year's holidays and the weekly schedules of a contract.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Result};
use slaudit::clock::{fmt_hhmm, fmt_hm, Schedule};
use slaudit::localtime::{FIRST_YEAR, LAST_YEAR};

use crate::cli::CalendarArgs;
use crate::exit;
use crate::export::table::new_table;

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub fn run(args: CalendarArgs, contracts_dir: Option<&Path>) -> Result<ExitCode> {
    let mut out = String::new();
    let out = &mut out;
    let c = super::common::contract(&args.name, contracts_dir)?;
    let year = args.year.unwrap_or_else(|| {
        use chrono::Datelike;
        chrono::Utc::now().with_timezone(&c.tz).year()
    });
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        bail!("--year: {year} is outside the supported years {FIRST_YEAR}-{LAST_YEAR}");
    }
    let plan = super::common::plan_arg(&c, args.plan.as_deref())?;
    outln!(
        out,
        "Contract {} ({}), time zone {}",
        c.key,
        c.name,
        c.tz.name()
    );
    match &c.holidays_info {
        Some(h) => {
            outln!(
                out,
                "Holidays {}: calendar '{}'{}",
                year,
                h.calendar,
                h.clause
                    .as_ref()
                    .map_or(String::new(), |cl| format!(" ({cl})"))
            );
            if let Some(a) = &h.assumption {
                outln!(out, "  assumption: {a}");
            }
        }
        None => outln!(
            out,
            "Holidays {}: the contract names no holiday calendar",
            year
        ),
    }
    let mut t = new_table(vec!["date", "weekday", "holiday"]);
    for h in c.holidays.in_year(year) {
        t.add_row(vec![
            h.date.format("%Y-%m-%d").to_string(),
            h.date.format("%A").to_string(),
            h.name.clone(),
        ]);
    }
    outln!(out, "{t}");

    let schedules: Vec<usize> = match plan {
        Some(p) => match c.plans[p].schedule {
            Some(s) => {
                let mut v = vec![s];
                v.extend(
                    c.clock_rules
                        .iter()
                        .filter(|r| r.plans.is_empty() || r.plans.contains(&p))
                        .map(|r| r.schedule),
                );
                v.dedup();
                v
            }
            None => {
                outln!(
                    out,
                    "\nPlan {}: business hours not published by the contract{}",
                    c.plans[p].key,
                    c.plans[p]
                        .clause
                        .as_ref()
                        .map_or(String::new(), |cl| format!(" ({cl})"))
                );
                super::common::write_stdout(out)?;
                return Ok(ExitCode::from(exit::SUCCESS));
            }
        },
        None => (0..c.schedules.len()).collect(),
    };
    if schedules.is_empty() {
        outln!(out, "\nNo business hours are published by this contract.");
    }
    for s in schedules {
        let ns = &c.schedules[s];
        let users: Vec<&str> = c
            .plans
            .iter()
            .filter(|p| p.schedule == Some(s))
            .map(|p| p.key.as_str())
            .collect();
        outln!(
            out,
            "\nSchedule '{}': {}{}",
            ns.key,
            ns.name,
            if users.is_empty() {
                String::new()
            } else {
                format!(" (plans: {})", users.join(", "))
            }
        );
        if let Some(cl) = &ns.clause {
            outln!(out, "  clause: {cl}");
        }
        if let Some(a) = &ns.assumption {
            outln!(out, "  assumption: {a}");
        }
        match &ns.schedule {
            Schedule::Always => outln!(out, "  24x7: every hour of every day, holidays included"),
            Schedule::Weekly(w) => {
                let mut t = new_table(vec!["weekday", "open"]);
                for (i, name) in WEEKDAYS.iter().enumerate() {
                    let iv: Vec<String> = w
                        .intervals(i)
                        .iter()
                        .map(|&(a, b)| format!("{}-{}", fmt_hhmm(a), fmt_hhmm(b)))
                        .collect();
                    t.add_row(vec![
                        name.to_string(),
                        if iv.is_empty() {
                            "closed".into()
                        } else {
                            iv.join(", ")
                        },
                    ]);
                }
                outln!(out, "{t}");
                outln!(
                    out,
                    "  one business day = {}; holidays {}",
                    fmt_hm(w.business_day()),
                    if w.closed_on_holidays() {
                        "closed"
                    } else {
                        "open"
                    }
                );
            }
        }
    }
    super::common::write_stdout(out)?;
    Ok(ExitCode::from(exit::SUCCESS))
}
