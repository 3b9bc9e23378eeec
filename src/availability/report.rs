//! The monthly availability computation: outages in, per-month uptime and credit
//! and per-outage treatment out. The rules are in the [module
//! documentation](super). Which seconds count is worked out in `timeline` and
//! what a month earns in `credit`; this file runs them for each product and
//! month, and gathers the report and its warnings.

use std::collections::{BTreeMap, BTreeSet};

use chrono_tz::Tz;
use rust_decimal::Decimal;

use super::credit::MonthCredit;
use super::timeline::{classify, maintenance_reason, sweep, weekly_limit, Class, Reason, Seg};
use crate::contract::availability::{Availability, CreditKind};
use crate::contract::Contract;
use crate::localtime::add_calendar_days;
use crate::money::{fmt_percent, minutes, percent_of, Overflow};
pub use crate::month::{split_months, Month};
use crate::record::{OutageKind, OutageRow};

pub use super::outcome::{Claim, MonthRow, Options, OutagePart, Report, Treatment};
pub use super::timeline::window_ranges;

#[derive(Debug, Clone, Default)]
struct PartAcc {
    raw: i64,
    counted: i64,
    excused: i64,
    excluded: i64,
    outside_window: i64,
    over_limit: i64,
}

#[derive(Debug, Clone, Default)]
struct MonthAcc {
    counted: i64,
    excused: i64,
    excluded: i64,
}

/// Computes the report. `rows` may hold invalid rows (listed as invalid).
/// Fails only when a credit amount cannot be computed exactly (a fee too
/// large for exact decimals).
pub fn evaluate(
    c: &Contract,
    av: &Availability,
    rows: &[OutageRow],
    opts: &Options,
) -> Result<Report, Overflow> {
    let tz = c.tz;
    let mut report = Report::default();

    // Valid rows of the selected product(s), grouped by product.
    let mut groups: BTreeMap<Option<usize>, Vec<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        if r.span().is_none() {
            continue;
        }
        if opts.product.is_some() && r.product != opts.product {
            continue;
        }
        groups.entry(r.product).or_default().push(i);
    }

    let eligible = plan_eligibility(c, av, opts, &mut report.warnings);
    let mut parts: Vec<(i64, u64, OutagePart)> = Vec::new();
    if opts.month.is_some() {
        // The month asked for is reported even without outages.
        if av.products.is_empty() || opts.product.is_some() {
            groups.entry(opts.product).or_default();
        } else {
            for p in 0..av.products.len() {
                groups.entry(Some(p)).or_default();
            }
        }
    }
    for (product, mut idx) in groups {
        idx.sort_by_key(|&i| (rows[i].start, rows[i].line));
        let group = Group {
            c,
            av,
            tz,
            rows,
            idx: &idx,
            product,
            opts,
            eligible,
        };
        group.run(&mut report, &mut parts)?;
    }
    parts.sort_by_key(|(s, l, p)| (*s, *l, p.month));
    report.outages = parts.into_iter().map(|(_, _, p)| p).collect();
    report.months.sort_by_key(|m| (m.month, m.product));

    // Invalid rows, in file order.
    for (i, r) in rows.iter().enumerate() {
        if r.error.is_some() {
            report.outages.push(OutagePart {
                row: i,
                month: None,
                product: r.product,
                counted: 0,
                excused: 0,
                excluded: 0,
                overlap: 0,
                treatment: Treatment::Invalid,
                exclusion: None,
                claim_deadline: None,
                claim: None,
                credit: None,
                note: r
                    .error
                    .as_ref()
                    .map(|e| format!("column '{}': {}", e.column, e.message)),
            });
        }
    }
    let mut warnings = exclusion_warnings(c, av, rows, &report.outages);
    report.warnings.append(&mut warnings);
    let mut repeated = BTreeSet::new();
    let mut seen = std::collections::HashSet::new();
    let mut named = Vec::new();
    for r in rows.iter().filter(|r| !r.id.is_empty()) {
        if !seen.insert(r.id.as_str()) && repeated.insert(r.id.as_str()) {
            named.push(crate::text::clip(&r.id).into_owned());
        }
    }
    if !named.is_empty() {
        report.warnings.push(format!(
            "{} outage id(s) appear more than once (every row is counted): {}",
            named.len(),
            crate::text::bounded_list(named, LISTED)
        ));
    }
    Ok(report)
}

/// `Some(true/false)` when the plan is known; `None` (with a warning) when the
/// credit is limited to some plans and the plan is not given.
fn plan_eligibility(
    c: &Contract,
    av: &Availability,
    opts: &Options,
    warnings: &mut Vec<String>,
) -> Option<bool> {
    if av.credit.plans.is_empty() || av.credit.kind == CreditKind::None {
        return Some(true);
    }
    let plan = opts.plan.or((c.plans.len() == 1).then_some(0));
    match plan {
        Some(p) => Some(c.credit_applies_to(p)),
        None => {
            warnings.push(format!(
                "the credit applies only on plans {} ({}); no --plan given, so the figures assume one of them",
                av.credit.plans.join(", "),
                av.credit.clause
            ));
            None
        }
    }
}

struct Group<'a> {
    c: &'a Contract,
    av: &'a Availability,
    tz: Tz,
    rows: &'a [OutageRow],
    /// Row indices in start order.
    idx: &'a [usize],
    product: Option<usize>,
    opts: &'a Options,
    eligible: Option<bool>,
}

impl Group<'_> {
    fn run(
        &self,
        report: &mut Report,
        parts_out: &mut Vec<(i64, u64, OutagePart)>,
    ) -> Result<(), Overflow> {
        let tz = self.tz;
        // 1. Classify every outage on its own.
        let mut segs: Vec<Seg> = Vec::new();
        for (ord, &i) in self.idx.iter().enumerate() {
            let row = &self.rows[i];
            let excluded = excluding(self.av, row).is_some();
            for (a, b, class) in classify(row, excluded, self.av.maintenance.as_ref(), tz) {
                if b > a {
                    segs.push(Seg { a, b, class, ord });
                }
            }
        }
        // 2. Merge overlaps: one class and one owner per instant.
        let mut pieces = sweep(&segs);
        // 3. Weekly maintenance allowance.
        if let Some(limit) = self.av.maintenance.as_ref().and_then(|m| m.max_per_week) {
            pieces = weekly_limit(pieces, limit, tz);
        }

        // 4. Per outage and month.
        let mut acc: BTreeMap<(usize, Month), PartAcc> = BTreeMap::new();
        let mut months: BTreeMap<Month, MonthAcc> = BTreeMap::new();
        for (ord, &i) in self.idx.iter().enumerate() {
            let (s, e) = self.rows[i].span().unwrap_or_default();
            for (m, a, b) in split_months(s, e, tz) {
                acc.entry((ord, m)).or_default().raw += b - a;
            }
        }
        for seg in &segs {
            if seg.class == Class::Counted(Reason::OutsideWindow) {
                for (m, a, b) in split_months(seg.a, seg.b, tz) {
                    acc.entry((seg.ord, m)).or_default().outside_window += b - a;
                }
            }
        }
        for p in &pieces {
            for (m, a, b) in split_months(p.a, p.b, tz) {
                let part = acc.entry((p.ord, m)).or_default();
                let month = months.entry(m).or_default();
                let len = b - a;
                match p.class {
                    Class::Excluded => {
                        part.excluded += len;
                        month.excluded += len;
                    }
                    Class::Excused => {
                        part.excused += len;
                        month.excused += len;
                    }
                    Class::Counted(r) => {
                        part.counted += len;
                        month.counted += len;
                        if r == Reason::OverWeeklyLimit {
                            part.over_limit += len;
                        }
                    }
                }
            }
        }

        // Months to report.
        let wanted: BTreeSet<Month> = match self.opts.month {
            Some(m) => std::iter::once(m).collect(),
            None => acc.keys().map(|(_, m)| *m).collect(),
        };

        // 5. Outage parts of the wanted months, then each month's figures.
        let mut by_month: BTreeMap<Month, Vec<OutagePart>> = BTreeMap::new();
        for ((ord, m), a) in &acc {
            if !wanted.contains(m) {
                continue;
            }
            let i = self.idx[*ord];
            let row = &self.rows[i];
            by_month
                .entry(*m)
                .or_default()
                .push(self.part(i, row, *m, a));
        }
        for m in wanted {
            let totals = months.get(&m).cloned().unwrap_or_default();
            let mut list = by_month.remove(&m).unwrap_or_default();
            let month_row = self.month(m, &totals, &mut list, &mut report.warnings)?;
            report.months.push(month_row);
            for p in list {
                let row = &self.rows[p.row];
                parts_out.push((row.start.unwrap_or_default(), row.line, p));
            }
        }
        Ok(())
    }

    fn part(&self, i: usize, row: &OutageRow, m: Month, a: &PartAcc) -> OutagePart {
        let exclusion = excluding(self.av, row);
        let treatment = if exclusion.is_some() {
            Treatment::Excluded
        } else if row.kind == OutageKind::Unplanned {
            Treatment::Counted
        } else {
            match maintenance_reason(row, self.av.maintenance.as_ref()) {
                Some(Reason::NotExcused) => Treatment::NotExcused,
                Some(Reason::LateNotice) => Treatment::LateNotice,
                _ if a.outside_window > 0 => Treatment::OutsideWindow,
                _ if a.over_limit > 0 => Treatment::OverWeeklyLimit,
                _ => Treatment::MaintenanceWindow,
            }
        };
        let overlap = a.raw - a.counted - a.excused - a.excluded;
        let mut notes = Vec::new();
        if overlap > 0 {
            notes.push(format!(
                "{} min overlap an earlier or excluding outage and are reported under it",
                minutes(overlap)
            ));
        }
        if treatment == Treatment::OutsideWindow && a.counted > 0 && a.excused > 0 {
            notes.push(format!(
                "{} min inside a window excused, {} min outside counted",
                minutes(a.excused),
                minutes(a.counted)
            ));
        }
        if let (Some(cause), None) = (&row.excluded, exclusion) {
            notes.push(format!(
                "cause '{}' names none of the contract's exclusions: not excluded",
                crate::text::clip(cause)
            ));
        }
        let claim_deadline = match (&self.av.credit.kind, row.end) {
            (
                CreditKind::PerFailure {
                    claim_days: Some(d),
                    ..
                },
                Some(end),
            ) if a.counted > 0 => add_calendar_days(self.tz, end, *d),
            _ => None,
        };
        OutagePart {
            row: i,
            month: Some(m),
            product: self.product,
            counted: a.counted,
            excused: a.excused,
            excluded: a.excluded,
            overlap,
            treatment,
            exclusion,
            claim_deadline,
            claim: None,
            credit: None,
            note: (!notes.is_empty()).then(|| notes.join("; ")),
        }
    }

    fn month(
        &self,
        m: Month,
        t: &MonthAcc,
        parts: &mut [OutagePart],
        warnings: &mut Vec<String>,
    ) -> Result<MonthRow, Overflow> {
        let tz = self.tz;
        let av = self.av;
        let secs = m.end(tz) - m.start(tz);
        let up = secs - t.counted;
        let target = av.target;
        let target_met =
            target.map(|tp| Decimal::from(up) * Decimal::ONE_HUNDRED >= tp * Decimal::from(secs));
        let label = match self.product {
            Some(p) => format!("{m} {}", av.products[p].key),
            None => m.to_string(),
        };
        let incidents = self
            .idx
            .iter()
            .map(|&i| &self.rows[i])
            .filter(|r| {
                r.kind == OutageKind::Unplanned
                    && excluding(av, r).is_none()
                    && r.start.is_some_and(|s| Month::of(tz, s) == m)
            })
            .count() as u32;
        let incident_limit = av.reliability.as_ref().map(|r| r.max_incidents);
        if let Some(r) = &av.reliability {
            if incidents > r.max_incidents {
                warnings.push(format!(
                    "{label}: {incidents} incidents, above the limit of {} per month ({})",
                    r.max_incidents, r.clause
                ));
            }
        }

        let mut row = MonthRow {
            month: m,
            product: self.product,
            seconds: secs,
            excused: t.excused,
            excluded: t.excluded,
            downtime: t.counted,
            uptime: percent_of(up, secs, 2),
            target,
            target_met,
            credit: None,
            other_reading: None,
            amount: None,
            failures: None,
            incidents,
            incident_limit,
            note: None,
        };
        MonthCredit {
            c: self.c,
            av,
            rows: self.rows,
            opts: self.opts,
            eligible: self.eligible,
        }
        .settle(&mut row, parts, &label, warnings)?;
        Ok(row)
    }
}

/// The contract exclusion that excludes an outage: the one its cause names
/// ([`Availability::exclusion_for`]). A cause that names none excludes nothing.
fn excluding(av: &Availability, row: &OutageRow) -> Option<usize> {
    row.excluded.as_deref().and_then(|c| av.exclusion_for(c))
}

/// Outages listed by name in a warning, before the rest are only counted.
const LISTED: usize = 10;

/// One line naming the outages marked excluded whose cause names none of the
/// contract's exclusions (they are counted), with the contract's list.
fn exclusion_warnings(
    c: &Contract,
    av: &Availability,
    rows: &[OutageRow],
    parts: &[OutagePart],
) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut named = Vec::new();
    for p in parts {
        let r = &rows[p.row];
        let Some(cause) = &r.excluded else { continue };
        if p.month.is_none() || p.exclusion.is_some() || !seen.insert(p.row) {
            continue;
        }
        named.push(format!(
            "{} (line {}, '{}')",
            crate::text::clip(&r.id),
            r.line,
            crate::text::clip(cause)
        ));
    }
    if named.is_empty() {
        return Vec::new();
    }
    let n = named.len();
    let list = crate::text::bounded_list(named, LISTED);
    if av.exclusions.is_empty() {
        vec![format!(
            "{n} outage(s) marked excluded, but contract {} lists no availability exclusions: they are counted, not excluded: {list}",
            c.key
        )]
    } else {
        let keys: Vec<&str> = av.exclusions.iter().map(|e| e.key.as_str()).collect();
        vec![format!(
            "{n} outage(s) marked excluded give a cause that names none of contract {}'s exclusions ({}): they are counted, not excluded: {list}",
            c.key,
            keys.join(", ")
        )]
    }
}

/// The clause behind an outage part's treatment (`None` for an invalid row).
pub fn treatment_clause(av: &Availability, p: &OutagePart) -> Option<String> {
    match p.treatment {
        Treatment::Excluded => p.exclusion.map(|e| av.exclusions[e].clause.clone()),
        Treatment::LateNotice => av
            .maintenance
            .as_ref()
            .map(|m| m.notice_clause.clone().unwrap_or_else(|| m.clause.clone())),
        Treatment::MaintenanceWindow | Treatment::OutsideWindow | Treatment::OverWeeklyLimit => {
            av.maintenance.as_ref().map(|m| m.clause.clone())
        }
        Treatment::NotExcused | Treatment::Counted => Some(av.clause.clone()),
        Treatment::Invalid => None,
    }
}

/// The contract's availability terms as plain lines, for every output format.
pub fn terms(c: &Contract, av: &Availability) -> Vec<String> {
    let mut out = Vec::new();
    let with = |s: String, assumption: &Option<String>| match assumption {
        Some(a) => format!("{s} Assumption: {a}"),
        None => s,
    };
    out.push(with(
        match av.target {
            Some(t) => format!(
                "Target: {} % uptime per calendar month in {} ({}).",
                fmt_percent(t),
                c.tz.name(),
                av.clause
            ),
            None => format!(
                "Target: none; the contract promises no availability figure ({}). Availability is reported for information.",
                av.clause
            ),
        },
        &av.assumption,
    ));
    if !av.products.is_empty() {
        let keys: Vec<&str> = av.products.iter().map(|p| p.key.as_str()).collect();
        out.push(format!(
            "Products measured separately: {}.",
            keys.join(", ")
        ));
    }
    match &av.maintenance {
        None => out
            .push("Maintenance: the contract excuses none; maintenance counts as downtime.".into()),
        Some(m) => {
            let mut s = format!("Maintenance excused ({})", m.clause);
            if m.windows.is_empty() {
                s.push_str(": at any time");
            } else {
                let w: Vec<String> = m.windows.iter().map(|w| w.describe()).collect();
                s.push_str(&format!(": in the windows {}", w.join("; ")));
            }
            if let (Some(n), Some(secs)) = (&m.notice_text, m.notice) {
                if secs == 0 {
                    s.push_str(", notified before it starts");
                } else {
                    s.push_str(&format!(", notified at least {n} before it starts"));
                }
                if let Some(cl) = &m.notice_clause {
                    s.push_str(&format!(" ({cl})"));
                }
            }
            if let Some(l) = &m.max_per_week_text {
                s.push_str(&format!(", at most {l} per week (Monday to Sunday)"));
            }
            s.push('.');
            out.push(with(s, &m.assumption));
        }
    }
    for e in &av.exclusions {
        out.push(with(
            format!(
                "Exclusion {}{}: {}.",
                e.key,
                e.name.as_ref().map_or(String::new(), |n| format!(" ({n})")),
                e.clause
            ),
            &e.assumption,
        ));
    }
    let cr = &av.credit;
    let plans = if cr.plans.is_empty() {
        String::new()
    } else {
        format!(" Only plans {}.", cr.plans.join(", "))
    };
    let applied = cr
        .applied
        .as_ref()
        .map_or(String::new(), |a| format!(" Applied {a}."));
    let line = match &cr.kind {
        CreditKind::None => format!(
            "Credit: the contract defines no service credit or discount ({}).",
            cr.clause
        ),
        CreditKind::Shortfall { uptime_decimals } => format!(
            "Credit ({}): 100 % minus the month's uptime{}, when the target is missed.{plans}{applied}",
            cr.clause,
            uptime_decimals.map_or(String::new(), |d| format!(
                " rounded to {d} decimals (half away from zero)"
            ))
        ),
        CreditKind::Bands { basis, bands } => {
            let b: Vec<String> = bands
                .iter()
                .map(|b| {
                    let mut conds = Vec::new();
                    if let Some(bp) = b.below_percent {
                        conds.push(format!("uptime < {} %", fmt_percent(bp)));
                    }
                    if let Some(mm) = b.min_minutes {
                        conds.push(format!("downtime >= {mm} min"));
                    }
                    format!("{} -> {} %", conds.join(" / "), fmt_percent(b.percent))
                })
                .collect();
            format!(
                "Credit ({}): bands {}; decided by the {} reading.{plans}{applied}",
                cr.clause,
                b.join(", "),
                basis.key()
            )
        }
        CreditKind::PerFailure {
            percent,
            cap,
            claim_days,
            claim_clause,
        } => {
            let mut s = format!(
                "Credit ({}): in a month below target, {} % per failure (each outage with counted downtime)",
                cr.clause,
                fmt_percent(*percent)
            );
            if let Some(cp) = cap {
                s.push_str(&format!(", at most {} % per month", fmt_percent(*cp)));
            }
            if let Some(d) = claim_days {
                s.push_str(&format!(
                    "; each credit must be requested in writing within {d} days after the outage ends{}",
                    claim_clause
                        .as_ref()
                        .map_or(String::new(), |cl| format!(" ({cl})"))
                ));
            }
            format!("{s}.{plans}{applied}")
        }
    };
    out.push(with(line, &cr.assumption));
    if let Some(r) = &av.reliability {
        out.push(with(
            format!(
                "Reliability: at most {} incidents per month ({}).",
                r.max_incidents, r.clause
            ),
            &r.assumption,
        ));
    }
    for n in &av.notes {
        let mut s = n.text.clone();
        if let Some(cl) = &n.clause {
            s.push_str(&format!(" ({cl})"));
        }
        if n.assumption {
            s = format!("Assumption: {s}");
        }
        out.push(s);
    }
    out.push("Counting: exact seconds; minutes shown with two decimals. Uptime = (month - downtime) x 100 / month; excused and excluded time counts as available; targets and bands compare the exact uptime. Percentages show two decimals and amounts the currency's minor unit, both rounded half away from zero; an amount is the fee times the credit percentage shown.".into());
    out
}
