//! Gathers a month's audit and availability into a [`Report`].

use chrono::{Datelike, TimeZone, Timelike};
use rust_decimal::Decimal;

use super::model::*;
use super::notable::Notable;
use crate::audit::{Summary, AUDITED, KINDS};
use crate::availability::report::{Claim, Report as Uptime, Treatment};
use crate::contract::availability::{Availability, CreditKind};
use crate::contract::{Contract, PlanStatus, TargetKind, TargetStatus};
use crate::localtime::{format_rfc3339, to_local};
use crate::money::{add, fmt_percent, minutes, Fee, Overflow};
use crate::month::Month;
use crate::read::outages::OutageRow;

/// The outages side of a report.
pub struct OutageInputs<'a> {
    pub availability: &'a Availability,
    pub report: &'a Uptime,
    pub rows: &'a [OutageRow],
    /// The fee the credits were computed on (none when the contract measures
    /// several products: each has its own fee).
    pub fee: Option<&'a Fee>,
}

/// Everything one month's report is made of.
pub struct Inputs<'a> {
    pub contract: &'a Contract,
    pub plan: Option<usize>,
    pub month: Month,
    /// The instant open tickets were judged at.
    pub judged_as_of: i64,
    /// When the report is made (claims are due or late against it).
    pub made_at: i64,
    pub summary: &'a Summary,
    /// The items of the month's tickets, in input order.
    pub notables: Vec<Notable>,
    /// The audit's warnings.
    pub warnings: Vec<String>,
    pub sources: Vec<SourceFile>,
    pub fee: Option<&'a Fee>,
    pub outages: Option<OutageInputs<'a>>,
}

/// The report. Fails only when an amount is too large for exact decimals.
pub fn build(i: Inputs<'_>) -> Result<Report, Overflow> {
    let c = i.contract;
    let tz = c.tz;
    let mut breaches = Vec::new();
    let mut missed_reports = Vec::new();
    let mut set_aside = Vec::new();
    let warnings = i.warnings;
    for n in i.notables {
        match n {
            Notable::Breach(b) => breaches.push(b),
            Notable::Missed(m) => missed_reports.push(m),
            Notable::SetAside(s) => set_aside.push(s),
        }
    }
    let compliance = compliance_rows(c, i.summary);
    let open_tickets = (0..KINDS)
        .map(|k| {
            let t = i.summary.total(k);
            t.open + t.overdue + t.at_risk
        })
        .max()
        .unwrap_or(0);

    let penalties = match &i.summary.penalties {
        Some(tally) => {
            let p = tally.summary(i.fee)?;
            let amount = |a: Option<Decimal>| a.zip(i.fee).map(|(a, f)| f.format(a));
            Some(PenaltyPart {
                months: p
                    .months
                    .iter()
                    .map(|m| PenaltyMonth {
                        month: m.month.to_string(),
                        breaches: m.breaches,
                        penalty_percent: fmt_percent(m.percent),
                        capped_percent: fmt_percent(m.capped),
                        amount: amount(m.amount),
                    })
                    .collect(),
                cap_percent: p.cap.map(fmt_percent),
                cap_clause: p.cap_clause.clone(),
                total_amount: amount(p.total_amount),
                unpublished_breaches: p.unpublished_breaches,
                clauses: p.clauses.clone(),
            })
        }
        None => None,
    };

    let availability = i
        .outages
        .as_ref()
        .map(|o| availability_part(c, o.availability, o.report, o.rows, o.fee, i.month));
    let claims = i
        .outages
        .as_ref()
        .map(|o| claims(c, o, i.made_at))
        .unwrap_or_default();

    let owed = owed(c, i.fee, &availability, i.outages.as_ref(), i.summary)?;
    let headline = Headline {
        compliance: shown_kinds(c)
            .into_iter()
            .map(|k| {
                let t = i.summary.total(k);
                HeadlineTarget {
                    target: AUDITED[k].key().to_string(),
                    compliance_percent: t.compliance().map(fmt_percent),
                    met: t.met,
                    decided: t.met + t.breached + t.overdue,
                }
            })
            .collect(),
        breaches: breaches.len() as u64,
        missed_reports: missed_reports.iter().map(|m| m.missed).sum(),
        owed_amount: owed.total_amount.clone(),
        currency: owed.currency.clone(),
        claims_due: claims.iter().filter(|c| c.status == "due").count() as u64,
        next_claim_deadline: claims
            .iter()
            .filter(|c| c.status == "due")
            .map(|c| c.deadline.clone())
            .min(),
    };

    Ok(Report {
        period: Period {
            month: i.month.to_string(),
            timezone: tz.name().to_string(),
            from: format_rfc3339(tz, i.month.start(tz)),
            to: format_rfc3339(tz, i.month.end(tz)),
            judged_as_of: format_rfc3339(tz, i.judged_as_of),
            made_at: format_rfc3339(tz, i.made_at),
            open_tickets,
        },
        contract: ContractPart {
            key: c.key.clone(),
            name: c.name.clone(),
            source: c.source.clone(),
            plan: i.plan.map(|p| c.plans[p].key.clone()),
        },
        sources: i.sources,
        headline,
        compliance,
        breaches,
        missed_reports,
        set_aside,
        availability,
        penalties,
        quotas: i.summary.quotas.clone(),
        contacts: contacts(c, i.summary),
        owed,
        claims,
        assumptions: c
            .assumptions_with_clauses()
            .into_iter()
            .map(|(applies_to, text, clause)| Assumption {
                applies_to,
                text,
                clause,
            })
            .collect(),
        missing_terms: missing_terms(c),
        warnings,
        comparison: None,
    })
}

/// The audited kinds a contract's output shows, in summary order (as `audit`).
fn shown_kinds(c: &Contract) -> Vec<usize> {
    (0..KINDS)
        .filter(|&k| match AUDITED[k] {
            TargetKind::Response | TargetKind::Resolution => true,
            kind => c.has_kind(kind),
        })
        .collect()
}

/// Per shown target, each priority with tickets, then the total (as `audit`'s
/// summary).
fn compliance_rows(c: &Contract, s: &Summary) -> Vec<ComplianceRow> {
    let mut rows = Vec::new();
    let row = |k: usize, priority: Option<String>, counts: crate::audit::Counts| ComplianceRow {
        target: AUDITED[k].key().to_string(),
        priority,
        counts,
        compliance_percent: counts.compliance().map(fmt_percent),
    };
    for k in shown_kinds(c) {
        for (p, counts) in s.by_priority.iter().enumerate() {
            if counts[k].tickets > 0 {
                let name = c
                    .priorities
                    .get(p)
                    .map_or("(invalid)".to_string(), |x| x.key.clone());
                rows.push(row(k, Some(name), counts[k]));
            }
        }
        rows.push(row(k, None, s.total(k)));
    }
    rows
}

fn availability_part(
    c: &Contract,
    av: &Availability,
    report: &Uptime,
    rows: &[OutageRow],
    fee: Option<&Fee>,
    month: Month,
) -> AvailabilityPart {
    let tz = c.tz;
    let product = |p: Option<usize>| p.map(|p| av.products[p].key.clone());
    let time = |t: Option<i64>| t.map(|t| format_rfc3339(tz, t));
    let months = report
        .months
        .iter()
        .map(|m| AvailabilityMonth {
            month: m.month.to_string(),
            product: product(m.product),
            minutes_in_month: minutes(m.seconds).to_string(),
            excused_minutes: minutes(m.excused).to_string(),
            excluded_minutes: minutes(m.excluded).to_string(),
            downtime_minutes: minutes(m.downtime).to_string(),
            uptime_percent: fmt_percent(m.uptime),
            target_percent: m.target.map(fmt_percent),
            target_met: m.target_met,
            credit_percent: m.credit.map(fmt_percent),
            credit_amount: m.amount.zip(fee).map(|(a, f)| f.format(a)),
            failures: m.failures,
            incidents: m.incidents,
            incident_limit: m.incident_limit,
            note: m.note.clone(),
        })
        .collect();
    let clause = |p| crate::availability::report::treatment_clause(av, p);
    let mut outages = Vec::new();
    let mut timeline = Vec::new();
    let (from, to) = (month.start(tz), month.end(tz));
    for p in &report.outages {
        let r = &rows[p.row];
        outages.push(AvailabilityOutage {
            id: r.id.clone(),
            product: product(p.product),
            start: time(r.start),
            end: time(r.end),
            treatment: p.treatment.key().to_string(),
            counted_minutes: minutes(p.counted).to_string(),
            excused_minutes: minutes(p.excused).to_string(),
            excluded_minutes: minutes(p.excluded).to_string(),
            clause: clause(p),
            note: p.note.clone(),
        });
        let kind = match p.treatment {
            Treatment::Invalid => continue,
            Treatment::MaintenanceWindow => "maintenance",
            Treatment::Excluded => "excluded",
            _ => "downtime",
        };
        let (Some(s), Some(e)) = (r.start, r.end) else {
            continue;
        };
        slice_days(tz, s.max(from), e.min(to), |day, a, b| {
            timeline.push(DaySlice {
                day,
                from_minute: a,
                to_minute: b,
                kind: kind.to_string(),
                outage: r.id.clone(),
            })
        });
    }
    AvailabilityPart {
        clause: av.clause.clone(),
        terms: crate::availability::report::terms(c, av),
        months,
        outages,
        days_in_month: month.days() as u32,
        timeline,
    }
}

/// Cuts `[s, e)` at local midnights: (day of month, minute from, minute to).
fn slice_days(tz: chrono_tz::Tz, s: i64, e: i64, mut f: impl FnMut(u32, u32, u32)) {
    let mut cur = s;
    while cur < e {
        let local = to_local(tz, cur);
        let next_day = local.date().succ_opt().and_then(|d| d.and_hms_opt(0, 0, 0));
        let day_end = next_day
            .and_then(|d| tz.from_local_datetime(&d).earliest())
            .map_or(cur + 86_400, |d| d.timestamp());
        let stop = e.min(day_end);
        let from_min = local.hour() * 60 + local.minute();
        let to_min = if stop == day_end {
            24 * 60
        } else {
            let l = to_local(tz, stop);
            l.hour() * 60 + l.minute()
        };
        f(local.day(), from_min, to_min.max(from_min));
        cur = stop;
    }
}

/// The credit claims of the month's failures, against the report's instant.
fn claims(c: &Contract, o: &OutageInputs<'_>, made_at: i64) -> Vec<ClaimItem> {
    let tz = c.tz;
    let clause = match &o.availability.credit.kind {
        crate::contract::availability::CreditKind::PerFailure {
            claim_clause: Some(cl),
            ..
        } => cl.clone(),
        _ => o.availability.credit.clause.clone(),
    };
    o.report
        .outages
        .iter()
        .filter_map(|p| {
            let deadline = p.claim_deadline?;
            let claim = p.claim?;
            if matches!(claim, Claim::MonthMetTarget | Claim::PlanNotCovered) {
                return None;
            }
            let r = &o.rows[p.row];
            let status = match r.credit_requested_at {
                Some(at) if at <= deadline => "filed",
                Some(_) => "late",
                None if made_at <= deadline => "due",
                None => "late",
            };
            // A claim still to file shows what it earns once filed (before
            // the month's cap); the others what they earned.
            let credit = match (status, &o.availability.credit.kind) {
                ("due", crate::contract::availability::CreditKind::PerFailure { percent, .. }) => {
                    Some(*percent)
                }
                _ => p.credit,
            };
            Some(ClaimItem {
                outage: r.id.clone(),
                product: p.product.map(|x| o.availability.products[x].key.clone()),
                deadline: format_rfc3339(tz, deadline),
                requested_at: r.credit_requested_at.map(|t| format_rfc3339(tz, t)),
                status: status.to_string(),
                credit_percent: credit.map(fmt_percent),
                clause: clause.clone(),
            })
        })
        .collect()
}

fn owed(
    c: &Contract,
    fee: Option<&Fee>,
    availability: &Option<AvailabilityPart>,
    outages: Option<&OutageInputs<'_>>,
    summary: &Summary,
) -> Result<Owed, Overflow> {
    let one_product = availability
        .as_ref()
        .is_some_and(|a| a.months.windows(2).all(|w| w[0].product == w[1].product));
    let mut credits_pct = None;
    let mut credits_amt = None;
    // A contract that defines no service credit owes none: nothing to show,
    // and nothing missing from the total.
    let credit_defined = c
        .availability
        .as_ref()
        .is_some_and(|av| av.credit.kind != CreditKind::None);
    let outages = outages.filter(|_| credit_defined);
    if let Some(o) = outages {
        // Several products have a fee each: their credits add up only when
        // none earns one.
        let none_earned = o
            .report
            .months
            .iter()
            .all(|m| !matches!(m.credit, Some(c) if !c.is_zero()));
        if one_product || none_earned {
            let mut pct = Decimal::ZERO;
            let mut amt = Decimal::ZERO;
            for m in &o.report.months {
                pct = add(pct, m.credit.unwrap_or_default())?;
                amt = add(amt, m.amount.unwrap_or_default())?;
            }
            credits_pct = Some(pct);
            credits_amt = if none_earned {
                fee.map(|_| Decimal::ZERO)
            } else {
                o.fee.map(|_| amt)
            };
        }
    }
    let mut pen_pct = None;
    let mut pen_amt = None;
    if let Some(tally) = &summary.penalties {
        let p = tally.summary(fee)?;
        let mut pct = Decimal::ZERO;
        for m in &p.months {
            pct = add(pct, m.capped)?;
        }
        pen_pct = Some(pct);
        pen_amt = p.total_amount;
    }
    // A total needs every part's amount: credits (one product, a fee) and
    // penalties (a fee), each unless the contract has none.
    let credits_known = outages.is_none() || credits_amt.is_some();
    let penalties_known = summary.penalties.is_none() || pen_amt.is_some();
    let total = match fee {
        Some(_) if credits_known && penalties_known => Some(add(
            credits_amt.unwrap_or_default(),
            pen_amt.unwrap_or_default(),
        )?),
        _ => None,
    };
    let credits_pct_known = outages.is_none() || credits_pct.is_some();
    let penalties_pct_known = summary.penalties.is_none() || pen_pct.is_some();
    let total_pct = if credits_pct_known
        && penalties_pct_known
        && (outages.is_some() || summary.penalties.is_some())
    {
        Some(add(
            credits_pct.unwrap_or_default(),
            pen_pct.unwrap_or_default(),
        )?)
    } else {
        None
    };
    let (applied, applied_clause) = match c.availability.as_ref() {
        Some(av) if credit_defined => (av.credit.applied.clone(), Some(av.credit.clause.clone())),
        _ => (None, None),
    };
    let money = |a: Option<Decimal>| a.zip(fee).map(|(a, f)| f.format(a));
    Ok(Owed {
        currency: fee.map(|f| f.currency.clone()),
        credits_percent: credits_pct.map(fmt_percent),
        credits_amount: money(credits_amt),
        penalties_percent: pen_pct.map(fmt_percent),
        penalties_amount: money(pen_amt),
        total_percent: total_pct.map(fmt_percent),
        total_amount: money(total),
        applied,
        applied_clause,
    })
}

fn contacts(c: &Contract, s: &Summary) -> Vec<ContactPart> {
    s.contact_tallies(c)
        .into_iter()
        .map(|t| ContactPart {
            plan: t.plan.to_string(),
            reporters: t.reporters,
            limit: t.limit,
            first_beyond: t.first_beyond.map(str::to_string),
            clause: t.clause.to_string(),
        })
        .collect()
}

/// Every term the contract refers to and does not publish, with its clause.
fn missing_terms(c: &Contract) -> Vec<MissingTerm> {
    let mut out = Vec::new();
    for kind in TargetKind::ALL {
        let mut clauses: Vec<&str> = c
            .unpublished()
            .into_iter()
            .filter(|t| t.kind == kind && t.status == TargetStatus::NotPublished)
            .map(|t| t.clause.as_str())
            .collect();
        clauses.dedup();
        if !clauses.is_empty() {
            out.push(MissingTerm {
                term: format!("{} times", kind.label()),
                clause: clauses.join("; "),
            });
        }
    }
    for p in &c.plans {
        if p.status == PlanStatus::NotPublished {
            out.push(MissingTerm {
                term: format!("business hours of plan {}", p.key),
                clause: p.clause.clone().unwrap_or_default(),
            });
        }
    }
    if let Some(av) = &c.availability {
        for p in av.penalties.iter().filter(|p| p.percent.is_none()) {
            out.push(MissingTerm {
                term: format!("{} penalty percentage", p.kind.label()),
                clause: p.clause.clone(),
            });
        }
        if av.credit.applied.is_none() && av.credit.kind != CreditKind::None {
            out.push(MissingTerm {
                term: "which invoice credits apply to".to_string(),
                clause: av.credit.clause.clone(),
            });
        }
    }
    out
}
