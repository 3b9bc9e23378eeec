//! The monthly availability computation: outages in, per-month uptime and credit
//! and per-outage treatment out. The rules are in the [module
//! documentation](super).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;
use rust_decimal::Decimal;

use crate::contract::availability::{Availability, Band, Basis, CreditKind, Maintenance};
use crate::contract::Contract;
use crate::localtime::{add_calendar_days, local_date, wall_instant};
use crate::money::{fmt_percent, minutes, percent_of, two_decimals, Fee};
pub use crate::month::{split_months, Month};
use crate::read::outages::{OutageKind, OutageRow};

/// What the caller asks for.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only this month (default: every month the outages touch).
    pub month: Option<Month>,
    /// The customer's plan (index into the contract's plans).
    pub plan: Option<usize>,
    /// Only this product (index into the availability products).
    pub product: Option<usize>,
    /// The monthly fee the credit is a share of.
    pub fee: Option<Fee>,
}

/// How an outage (in one month) was counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Treatment {
    /// Unplanned: downtime.
    Counted,
    /// Maintenance inside the contract's windows, notified in time: excused.
    MaintenanceWindow,
    /// Maintenance (partly) outside the windows: that part is downtime.
    OutsideWindow,
    /// Maintenance beyond the weekly allowance: the excess is downtime.
    OverWeeklyLimit,
    /// Maintenance notified late or not at all: downtime.
    LateNotice,
    /// Maintenance, but the contract excuses none: downtime.
    NotExcused,
    /// Marked with an exclusion cause: listed, not counted.
    Excluded,
    /// A bad row (with `--keep-going`).
    Invalid,
}

impl Treatment {
    pub fn key(self) -> &'static str {
        match self {
            Treatment::Counted => "counted",
            Treatment::MaintenanceWindow => "maintenance_window",
            Treatment::OutsideWindow => "outside_window",
            Treatment::OverWeeklyLimit => "over_weekly_limit",
            Treatment::LateNotice => "late_notice",
            Treatment::NotExcused => "not_excused",
            Treatment::Excluded => "excluded",
            Treatment::Invalid => "invalid",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Treatment::Counted => "counted",
            Treatment::MaintenanceWindow => "maintenance window",
            Treatment::OutsideWindow => "maintenance outside window (counted)",
            Treatment::OverWeeklyLimit => "maintenance over weekly limit (excess counted)",
            Treatment::LateNotice => "late notice (counted)",
            Treatment::NotExcused => "maintenance not excused by the contract (counted)",
            Treatment::Excluded => "excluded",
            Treatment::Invalid => "invalid",
        }
    }
}

/// What became of the credit of one failure (per-failure contracts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// Requested in time: the credit is earned.
    Earned,
    /// Requested after the claim deadline: forfeited.
    ForfeitedLate,
    /// Never requested: forfeited.
    ForfeitedNotRequested,
    /// Requested in time, but the month's cap was already reached.
    OverCap,
    /// The month met its target: the outage is not a failure.
    MonthMetTarget,
    /// The customer's plan earns no credit.
    PlanNotCovered,
}

impl Claim {
    pub fn key(self) -> &'static str {
        match self {
            Claim::Earned => "earned",
            Claim::ForfeitedLate => "forfeited_late",
            Claim::ForfeitedNotRequested => "forfeited_not_requested",
            Claim::OverCap => "over_cap",
            Claim::MonthMetTarget => "month_met_target",
            Claim::PlanNotCovered => "plan_not_covered",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Claim::Earned => "earned",
            Claim::ForfeitedLate => "forfeited: requested late",
            Claim::ForfeitedNotRequested => "forfeited: not requested",
            Claim::OverCap => "over the monthly cap",
            Claim::MonthMetTarget => "month met its target",
            Claim::PlanNotCovered => "plan earns no credit",
        }
    }
}

/// One outage in one month (an outage across a month boundary has one per month).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutagePart {
    /// Index into the rows given to [`evaluate`].
    pub row: usize,
    /// `None` for invalid rows.
    pub month: Option<Month>,
    pub product: Option<usize>,
    /// Seconds attributed to this outage in this month, by class.
    pub counted: i64,
    pub excused: i64,
    pub excluded: i64,
    /// Seconds already attributed to another, overlapping outage.
    pub overlap: i64,
    pub treatment: Treatment,
    /// The contract exclusion the cause names, if any.
    pub exclusion: Option<usize>,
    pub claim_deadline: Option<i64>,
    pub claim: Option<Claim>,
    pub credit: Option<Decimal>,
    pub note: Option<String>,
}

/// One month (of one product, when the contract measures products separately).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthRow {
    pub month: Month,
    pub product: Option<usize>,
    /// Real elapsed seconds in the month.
    pub seconds: i64,
    pub excused: i64,
    pub excluded: i64,
    pub downtime: i64,
    /// Uptime with two decimals, half away from zero.
    pub uptime: Decimal,
    pub target: Option<Decimal>,
    /// Exact comparison; `None` without a target.
    pub target_met: Option<bool>,
    /// Credit in percent of the fee; `None` when the contract defines none.
    pub credit: Option<Decimal>,
    /// Band contracts: the credit the other reading (percent or minutes) gives.
    pub other_reading: Option<Decimal>,
    pub amount: Option<Decimal>,
    /// Per-failure contracts: failures in the month.
    pub failures: Option<u32>,
    /// Unplanned, not excluded outages starting in the month.
    pub incidents: u32,
    pub incident_limit: Option<u32>,
    pub note: Option<String>,
}

/// Everything `slaudit uptime` prints.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub months: Vec<MonthRow>,
    pub outages: Vec<OutagePart>,
    pub warnings: Vec<String>,
}

/// Why an instant of an outage is (not) downtime, before merging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Excluded,
    Excused,
    Counted(Reason),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reason {
    Unplanned,
    LateNotice,
    OutsideWindow,
    NotExcused,
    OverWeeklyLimit,
}

impl Class {
    /// Lower wins when outages overlap.
    fn rank(self) -> u8 {
        match self {
            Class::Excluded => 0,
            Class::Excused => 1,
            Class::Counted(_) => 2,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Seg {
    a: i64,
    b: i64,
    class: Class,
    /// Position of the outage in start order.
    ord: usize,
}

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
pub fn evaluate(c: &Contract, av: &Availability, rows: &[OutageRow], opts: &Options) -> Report {
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
        group.run(&mut report, &mut parts);
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
    let mut warnings = exclusion_warnings(av, rows, &report.outages);
    report.warnings.append(&mut warnings);
    report
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
    fn run(&self, report: &mut Report, parts_out: &mut Vec<(i64, u64, OutagePart)>) {
        let tz = self.tz;
        // 1. Classify every outage on its own.
        let mut segs: Vec<Seg> = Vec::new();
        for (ord, &i) in self.idx.iter().enumerate() {
            for (a, b, class) in classify(&self.rows[i], self.av.maintenance.as_ref(), tz) {
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
            let month_row = self.month(m, &totals, &mut list, &mut report.warnings);
            report.months.push(month_row);
            for p in list {
                let row = &self.rows[p.row];
                parts_out.push((row.start.unwrap_or_default(), row.line, p));
            }
        }
    }

    fn part(&self, i: usize, row: &OutageRow, m: Month, a: &PartAcc) -> OutagePart {
        let treatment = if row.excluded.is_some() {
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
        let exclusion = row
            .excluded
            .as_deref()
            .and_then(|c| self.av.exclusion_for(c));
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
    ) -> MonthRow {
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
                    && r.excluded.is_none()
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
        let missed = target_met == Some(false);
        match &av.credit.kind {
            CreditKind::None => {
                row.note = Some(format!(
                    "the contract defines no service credit ({})",
                    av.credit.clause
                ));
            }
            CreditKind::Shortfall { uptime_decimals } => {
                row.credit = Some(if missed {
                    let u = match uptime_decimals {
                        Some(d) => percent_of(up, secs, *d),
                        None => Decimal::from(up) * Decimal::ONE_HUNDRED / Decimal::from(secs),
                    };
                    two_decimals(Decimal::ONE_HUNDRED - u)
                } else {
                    two_decimals(Decimal::ZERO)
                });
            }
            CreditKind::Bands { basis, bands } => {
                let by_percent = band_by_percent(bands, up, secs);
                let by_minutes = band_by_minutes(bands, t.counted);
                let (used, other) = match basis {
                    Basis::Percent => (by_percent, by_minutes),
                    Basis::Minutes => (by_minutes, by_percent),
                };
                let used = two_decimals(used.unwrap_or_default());
                row.credit = Some(used);
                if let Some(o) = other {
                    let o = two_decimals(o);
                    row.other_reading = Some(o);
                    if o != used {
                        let other_basis = match basis {
                            Basis::Percent => "minute",
                            Basis::Minutes => "percentage",
                        };
                        warnings.push(format!(
                            "{label}: {} min of downtime in a {}-day month ({} % uptime): the {} bands give {} % (the reading used) but the {other_basis} bands give {} % ({}; see the contract's credit assumption)",
                            minutes(t.counted),
                            m.days(),
                            fmt_percent(row.uptime),
                            if *basis == Basis::Percent { "percentage" } else { "minute" },
                            fmt_percent(used),
                            fmt_percent(o),
                            av.credit.clause
                        ));
                        row.note = Some(format!(
                            "the {other_basis} reading gives {} %",
                            fmt_percent(o)
                        ));
                    }
                }
            }
            CreditKind::PerFailure {
                percent,
                cap,
                claim_days,
                ..
            } => {
                let mut total = Decimal::ZERO;
                let mut failures = 0u32;
                for p in parts.iter_mut().filter(|p| p.counted > 0) {
                    if !missed {
                        p.claim = Some(Claim::MonthMetTarget);
                        continue;
                    }
                    failures += 1;
                    let r = &self.rows[p.row];
                    let on_time = match (claim_days, p.claim_deadline, r.credit_requested_at) {
                        (None, _, _) => Ok(()),
                        (Some(_), Some(deadline), Some(req)) if req <= deadline => Ok(()),
                        (Some(_), _, Some(_)) => Err(Claim::ForfeitedLate),
                        (Some(_), _, None) => Err(Claim::ForfeitedNotRequested),
                    };
                    let (claim, credit) = match on_time {
                        Err(cl) => (cl, Decimal::ZERO),
                        Ok(()) if self.eligible == Some(false) => {
                            (Claim::PlanNotCovered, Decimal::ZERO)
                        }
                        Ok(()) => {
                            let room = cap.map_or(*percent, |cp| (cp - total).max(Decimal::ZERO));
                            let earned = (*percent).min(room);
                            if earned.is_zero() {
                                (Claim::OverCap, Decimal::ZERO)
                            } else {
                                (Claim::Earned, earned)
                            }
                        }
                    };
                    total += credit;
                    p.claim = Some(claim);
                    p.credit = Some(two_decimals(credit));
                }
                row.failures = Some(failures);
                row.credit = Some(two_decimals(total));
            }
        }
        if self.eligible == Some(false) && av.credit.kind != CreditKind::None {
            row.credit = Some(two_decimals(Decimal::ZERO));
            let plan = self
                .opts
                .plan
                .map_or(String::new(), |p| format!("plan {} ", self.c.plans[p].key));
            row.note = Some(format!(
                "{plan}earns no credit: only plans {} do ({})",
                av.credit.plans.join(", "),
                av.credit.clause
            ));
        }
        if let (Some(fee), Some(credit)) = (&self.opts.fee, row.credit) {
            row.amount = Some(fee.share(credit));
        }
        row
    }
}

/// The credit of the band table by the percentage reading: the largest credit
/// among bands whose `below_percent` the exact uptime is below.
fn band_by_percent(bands: &[Band], up: i64, secs: i64) -> Option<Decimal> {
    if bands.iter().any(|b| b.below_percent.is_none()) {
        return None;
    }
    let lhs = Decimal::from(up) * Decimal::ONE_HUNDRED;
    Some(
        bands
            .iter()
            .filter(|b| {
                b.below_percent
                    .is_some_and(|bp| lhs < bp * Decimal::from(secs))
            })
            .map(|b| b.percent)
            .max()
            .unwrap_or(Decimal::ZERO),
    )
}

/// The credit by the minute reading: the largest credit among bands whose
/// `min_minutes` the downtime reaches (exact seconds against whole minutes).
fn band_by_minutes(bands: &[Band], downtime: i64) -> Option<Decimal> {
    if bands.iter().any(|b| b.min_minutes.is_none()) {
        return None;
    }
    Some(
        bands
            .iter()
            .filter(|b| b.min_minutes.is_some_and(|mm| downtime >= mm * 60))
            .map(|b| b.percent)
            .max()
            .unwrap_or(Decimal::ZERO),
    )
}

/// Why a maintenance row is downtime as a whole, if it is.
fn maintenance_reason(row: &OutageRow, m: Option<&Maintenance>) -> Option<Reason> {
    let Some(m) = m else {
        return Some(Reason::NotExcused);
    };
    let start = row.start?;
    if let Some(notice) = m.notice {
        if row.notified_at.map_or(true, |n| n > start - notice) {
            return Some(Reason::LateNotice);
        }
    }
    None
}

/// One outage's own classification: pieces of `[start, end)` with a class.
fn classify(row: &OutageRow, m: Option<&Maintenance>, tz: Tz) -> Vec<(i64, i64, Class)> {
    let Some((s, e)) = row.span() else {
        return Vec::new();
    };
    if row.excluded.is_some() {
        return vec![(s, e, Class::Excluded)];
    }
    if row.kind == OutageKind::Unplanned {
        return vec![(s, e, Class::Counted(Reason::Unplanned))];
    }
    if let Some(r) = maintenance_reason(row, m) {
        return vec![(s, e, Class::Counted(r))];
    }
    let Some(m) = m else {
        return vec![(s, e, Class::Counted(Reason::NotExcused))];
    };
    if m.windows.is_empty() {
        return vec![(s, e, Class::Excused)];
    }
    let mut out = Vec::new();
    let mut at = s;
    for (ws, we) in window_ranges(m, tz, s, e) {
        if ws > at {
            out.push((at, ws, Class::Counted(Reason::OutsideWindow)));
        }
        out.push((ws, we, Class::Excused));
        at = we;
    }
    if at < e {
        out.push((at, e, Class::Counted(Reason::OutsideWindow)));
    }
    out
}

/// The parts of `[s, e)` inside the maintenance windows, sorted and merged.
pub fn window_ranges(m: &Maintenance, tz: Tz, s: i64, e: i64) -> Vec<(i64, i64)> {
    let mut ranges = Vec::new();
    let mut d = local_date(tz, s).pred_opt().unwrap_or(local_date(tz, s));
    let last = local_date(tz, e);
    while d <= last {
        let wd = d.weekday().num_days_from_monday() as usize;
        for w in m.windows.iter().filter(|w| w.days[wd]) {
            let ws = wall_instant(tz, d, w.from);
            let to = if w.crosses_midnight() {
                w.to + crate::clock::DAY
            } else {
                w.to
            };
            let we = wall_instant(tz, d, to);
            let (a, b) = (ws.max(s), we.min(e));
            if b > a {
                ranges.push((a, b));
            }
        }
        match d.succ_opt() {
            Some(n) => d = n,
            None => break,
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(i64, i64)> = Vec::with_capacity(ranges.len());
    for (a, b) in ranges {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// Splits the timeline so that each instant has one class and one owner: the
/// lowest-ranked class of the segments covering it, owned by the first such
/// outage in start order.
fn sweep(segs: &[Seg]) -> Vec<Seg> {
    let mut bounds: Vec<i64> = segs.iter().flat_map(|s| [s.a, s.b]).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut order: Vec<usize> = (0..segs.len()).collect();
    order.sort_by_key(|&i| segs[i].a);
    let mut next = 0;
    let mut active: Vec<usize> = Vec::new();
    let mut out: Vec<Seg> = Vec::new();
    for w in bounds.windows(2) {
        let (x, y) = (w[0], w[1]);
        while next < order.len() && segs[order[next]].a <= x {
            active.push(order[next]);
            next += 1;
        }
        active.retain(|&i| segs[i].b > x);
        let Some(&best) = active
            .iter()
            .min_by_key(|&&i| (segs[i].class.rank(), segs[i].ord))
        else {
            continue;
        };
        let s = segs[best];
        match out.last_mut() {
            Some(last) if last.b == x && last.ord == s.ord && last.class == s.class => last.b = y,
            _ => out.push(Seg {
                a: x,
                b: y,
                class: s.class,
                ord: s.ord,
            }),
        }
    }
    out
}

/// Applies a weekly allowance to excused maintenance, in time order: what goes
/// beyond `limit` seconds in a local week (Monday 00:00 to Monday 00:00) is
/// counted.
fn weekly_limit(pieces: Vec<Seg>, limit: i64, tz: Tz) -> Vec<Seg> {
    let mut used: HashMap<NaiveDate, i64> = HashMap::new();
    let mut out = Vec::with_capacity(pieces.len());
    for p in pieces {
        if p.class != Class::Excused {
            out.push(p);
            continue;
        }
        let mut a = p.a;
        while a < p.b {
            let d = local_date(tz, a);
            let monday = d - chrono::Days::new(u64::from(d.weekday().num_days_from_monday()));
            let week_end = wall_instant(tz, monday + chrono::Days::new(7), 0);
            let b = p.b.min(week_end);
            let u = used.entry(monday).or_default();
            let room = (limit - *u).clamp(0, b - a);
            *u += room;
            if room > 0 {
                out.push(Seg {
                    a,
                    b: a + room,
                    ..p
                });
            }
            if a + room < b {
                out.push(Seg {
                    a: a + room,
                    b,
                    class: Class::Counted(Reason::OverWeeklyLimit),
                    ord: p.ord,
                });
            }
            a = b;
        }
    }
    out
}

fn exclusion_warnings(av: &Availability, rows: &[OutageRow], parts: &[OutagePart]) -> Vec<String> {
    let mut warnings = Vec::new();
    let mut seen = BTreeSet::new();
    for p in parts {
        let r = &rows[p.row];
        let Some(cause) = &r.excluded else { continue };
        if p.exclusion.is_some() || !seen.insert(p.row) {
            continue;
        }
        if av.exclusions.is_empty() {
            warnings.push(format!(
                "outage {} (line {}): excluded for '{cause}', but the contract lists no exclusions; it is not counted as marked",
                r.id, r.line
            ));
        } else {
            let keys: Vec<&str> = av.exclusions.iter().map(|e| e.key.as_str()).collect();
            warnings.push(format!(
                "outage {} (line {}): cause '{cause}' names none of the contract's exclusions ({}); it is not counted as marked, check it against the contract",
                r.id,
                r.line,
                keys.join(", ")
            ));
        }
    }
    warnings
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
