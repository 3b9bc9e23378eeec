//! Penalties for breached ticket targets (`slaudit audit --fee`): each breached
//! or overdue target that a contract penalty covers adds that penalty's
//! percentage of the monthly fee to the month of its due instant (contract time
//! zone); a cap, when the contract has one, limits each month's total.

use std::collections::{BTreeMap, BTreeSet};

use chrono_tz::Tz;

use rust_decimal::Decimal;

use super::ticket::{Status, TicketAudit, AUDITED};
use crate::contract::{Contract, TargetKind};
use crate::money::{fmt_percent, two_decimals, Fee, Overflow};
use crate::month::Month;

/// One month's penalties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthPenalty {
    pub month: Month,
    /// Breached or overdue targets with a published penalty.
    pub breaches: u64,
    /// Sum of their percentages.
    pub percent: Decimal,
    /// After the cap.
    pub capped: Decimal,
    pub amount: Option<Decimal>,
}

/// The penalties of one audit run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PenaltySummary {
    pub months: Vec<MonthPenalty>,
    pub cap: Option<Decimal>,
    pub cap_clause: Option<String>,
    pub fee: Option<Fee>,
    pub total_amount: Option<Decimal>,
    /// Breached targets whose penalty the contract does not publish.
    pub unpublished_breaches: u64,
    pub unpublished_clauses: Vec<String>,
    /// Clauses of the penalties that applied.
    pub clauses: Vec<String>,
}

impl PenaltySummary {
    /// The summary as a JSON object (decimals as strings).
    pub fn json(&self) -> serde_json::Value {
        let amount = |a: Option<Decimal>| match (&self.fee, a) {
            (Some(f), Some(a)) => serde_json::Value::String(f.format(a)),
            _ => serde_json::Value::Null,
        };
        let months: Vec<serde_json::Value> = self
            .months
            .iter()
            .map(|m| {
                serde_json::json!({
                    "month": m.month.to_string(),
                    "breaches": m.breaches,
                    "penalty_percent": fmt_percent(m.percent),
                    "capped_percent": fmt_percent(m.capped),
                    "amount": amount(m.amount),
                })
            })
            .collect();
        serde_json::json!({
            "months": months,
            "cap_percent": self.cap.map(fmt_percent),
            "cap_clause": self.cap_clause,
            "fee": self.fee.as_ref().map(|f| f.format(f.amount)),
            "currency": self.fee.as_ref().map(|f| f.currency.clone()),
            "total_amount": amount(self.total_amount),
            "unpublished_breaches": self.unpublished_breaches,
            "unpublished_clauses": self.unpublished_clauses,
            "clauses": self.clauses,
        })
    }

    /// The summary as plain lines.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        let cap = match (&self.cap, &self.cap_clause) {
            (Some(c), Some(cl)) => format!("cap {} % per month ({cl})", fmt_percent(*c)),
            (Some(c), None) => format!("cap {} % per month", fmt_percent(*c)),
            _ => "no cap in the contract".to_string(),
        };
        if self.months.is_empty() {
            out.push(format!(
                "penalties: no breached target carries a published penalty; {cap}"
            ));
        }
        for m in &self.months {
            let amount = match (&self.fee, m.amount) {
                (Some(f), Some(a)) => format!(" = {} {}", f.format(a), f.currency),
                _ => String::new(),
            };
            out.push(format!(
                "penalties {}: {} breached target(s), {} % of the monthly fee, {cap} -> {} %{amount}",
                m.month,
                m.breaches,
                fmt_percent(m.percent),
                fmt_percent(m.capped)
            ));
        }
        if let (Some(f), Some(t)) = (&self.fee, self.total_amount) {
            out.push(format!(
                "penalties total: {} {} (fee {} {} per month; rounded to the minor unit, half away from zero; {})",
                f.format(t),
                f.currency,
                f.format(f.amount),
                f.currency,
                self.clauses.join("; ")
            ));
        }
        if self.unpublished_breaches > 0 {
            out.push(format!(
                "penalties: {} breached target(s) carry a penalty the contract does not publish ({}); not included",
                self.unpublished_breaches,
                self.unpublished_clauses.join("; ")
            ));
        }
        out
    }
}

#[derive(Debug, Clone)]
struct Rule {
    kind: TargetKind,
    plans: Vec<usize>,
    priorities: Vec<usize>,
    percent: Option<Decimal>,
    clause: String,
}

/// Adds up penalties ticket by ticket. Owned, so partial tallies (one per batch of
/// rows) can be merged.
#[derive(Debug, Clone)]
pub struct PenaltyTally {
    tz: Tz,
    rules: Vec<Rule>,
    cap: Option<(Decimal, String)>,
    months: BTreeMap<Month, (u64, Decimal)>,
    unpublished: u64,
    unpublished_clauses: BTreeSet<String>,
    clauses: BTreeSet<String>,
}

impl PenaltyTally {
    /// `None` when the contract attaches no penalty to any target.
    pub fn new(contract: &Contract) -> Option<Self> {
        let av = contract.availability.as_ref()?;
        if av.penalties.is_empty() {
            return None;
        }
        let rules = av
            .penalties
            .iter()
            .map(|p| Rule {
                kind: p.kind,
                plans: p.plans.iter().filter_map(|n| contract.plan(n)).collect(),
                priorities: p
                    .priorities
                    .iter()
                    .filter_map(|n| contract.priority(n))
                    .collect(),
                percent: p.percent,
                clause: p.clause.clone(),
            })
            .collect();
        Some(PenaltyTally {
            tz: contract.tz,
            rules,
            cap: av
                .penalty_cap
                .as_ref()
                .map(|c| (c.percent, c.clause.clone())),
            months: BTreeMap::new(),
            unpublished: 0,
            unpublished_clauses: BTreeSet::new(),
            clauses: BTreeSet::new(),
        })
    }

    /// Counts the breached and overdue targets of one audited ticket.
    pub fn add(&mut self, t: &TicketAudit) {
        if t.error.is_some() {
            return;
        }
        let (Some(plan), Some(prio)) = (t.plan, t.priority) else {
            return;
        };
        for (i, o) in t.outcomes.iter().enumerate() {
            if !matches!(o.status, Status::Breached | Status::Overdue) {
                continue;
            }
            let Some(due) = o.due else { continue };
            let kind = AUDITED[i];
            let Some(rule) = self.rules.iter().find(|r| {
                r.kind == kind
                    && (r.plans.is_empty() || r.plans.contains(&plan))
                    && (r.priorities.is_empty() || r.priorities.contains(&prio))
            }) else {
                continue;
            };
            match rule.percent {
                Some(p) => {
                    let e = self
                        .months
                        .entry(Month::of(self.tz, due))
                        .or_insert((0, Decimal::ZERO));
                    e.0 += 1;
                    e.1 += p;
                    self.clauses.insert(rule.clause.clone());
                }
                None => {
                    self.unpublished += 1;
                    self.unpublished_clauses.insert(rule.clause.clone());
                }
            }
        }
    }

    /// Adds another partial tally of the same contract.
    pub fn merge(&mut self, other: &PenaltyTally) {
        for (m, (n, p)) in &other.months {
            let e = self.months.entry(*m).or_insert((0, Decimal::ZERO));
            e.0 += n;
            e.1 += p;
        }
        self.unpublished += other.unpublished;
        self.unpublished_clauses
            .extend(other.unpublished_clauses.iter().cloned());
        self.clauses.extend(other.clauses.iter().cloned());
    }

    /// The totals, with amounts when the monthly fee is given.
    pub fn summary(&self, fee: Option<&Fee>) -> Result<PenaltySummary, Overflow> {
        let mut months = Vec::new();
        let mut total: Option<Decimal> = fee.map(|_| Decimal::ZERO);
        for (month, (breaches, percent)) in &self.months {
            let capped = self.cap.as_ref().map_or(*percent, |c| (*percent).min(c.0));
            let capped = two_decimals(capped);
            let amount = fee.map(|f| f.share(capped)).transpose()?;
            if let (Some(t), Some(a)) = (total.as_mut(), amount) {
                *t = crate::money::add(*t, a)?;
            }
            months.push(MonthPenalty {
                month: *month,
                breaches: *breaches,
                percent: two_decimals(*percent),
                capped,
                amount,
            });
        }
        Ok(PenaltySummary {
            months,
            cap: self.cap.as_ref().map(|c| c.0),
            cap_clause: self.cap.as_ref().map(|c| c.1.clone()),
            fee: fee.cloned(),
            total_amount: total,
            unpublished_breaches: self.unpublished,
            unpublished_clauses: self.unpublished_clauses.iter().cloned().collect(),
            clauses: self.clauses.iter().cloned().collect(),
        })
    }
}
