//! Tickets counted against the contract's quotas ([`crate::contract::quota`]).
//! Tickets count in creation order within each period (ties in file order), so
//! the file may list them in any order: a first pass ([`QuotaBook::count`])
//! keeps, per period, only the creation of the tickets still inside the
//! allowance (a bounded heap: memory grows with the allowance, not with the
//! number of tickets); the audit then marks each ticket ([`QuotaBook::mark`]).

use std::collections::{BTreeMap, BinaryHeap};

use chrono::{Datelike, Months, NaiveDate};

use crate::contract::quota::{Allowance, Period, Quota};
use crate::contract::Contract;
use crate::localtime::to_local;

/// What the run knows of the customer's entitlement (`--go-live`,
/// `--period-start`, `--users`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QuotaInputs {
    pub go_live: Option<NaiveDate>,
    pub period_start: Option<NaiveDate>,
    pub users: Option<u32>,
}

/// A ticket's place in its quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaMark {
    Included,
    /// The first ticket past the allowance of its period, or one after it.
    OverQuota,
    /// Created in the first months after go-live, which the contract does not count.
    NotCounted,
}

impl QuotaMark {
    pub fn key(self) -> &'static str {
        match self {
            QuotaMark::Included => "included",
            QuotaMark::OverQuota => "over_quota",
            QuotaMark::NotCounted => "not_counted",
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Tally {
    counted: u64,
    not_counted: u64,
    /// The (creation, line) of the earliest tickets, at most the allowance.
    first: BinaryHeap<(i64, u64)>,
}

/// One period of one quota, or a quota the run cannot judge, for the summary.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct QuotaLine {
    /// Plans the quota is for.
    pub plans: String,
    /// `2026-01-01..2026-12-31` or `2026-03`; empty when not judged.
    pub period: String,
    pub used: u64,
    /// Empty when unlimited.
    pub included: Option<u64>,
    pub over_quota: u64,
    pub not_counted: u64,
    /// The flag that would judge the quota, when it is not judged.
    pub not_judged: Option<String>,
    pub clause: String,
}

impl QuotaLine {
    pub fn line(&self) -> String {
        if let Some(why) = &self.not_judged {
            return format!(
                "quota plans {}: not judged: {why} ({})",
                self.plans, self.clause
            );
        }
        let included = self
            .included
            .map_or("unlimited".to_string(), |n| n.to_string());
        format!(
            "quota plans {} {}: {} used / {included} included, {} over_quota, {} not_counted ({})",
            self.plans, self.period, self.used, self.over_quota, self.not_counted, self.clause
        )
    }
}

/// The quotas of one run.
#[derive(Debug, Clone)]
pub struct QuotaBook<'c> {
    contract: &'c Contract,
    inputs: QuotaInputs,
    /// Per quota: its allowance, or why it is not judged.
    judged: Vec<Result<Allowance, String>>,
    /// (quota, period start as a day number) -> tally.
    tallies: BTreeMap<(usize, i64), Tally>,
    /// The tickets could not be read twice (standard input).
    unread: bool,
}

impl<'c> QuotaBook<'c> {
    pub fn new(contract: &'c Contract, inputs: QuotaInputs) -> Self {
        let judged = contract
            .quotas
            .iter()
            .map(|q| {
                q.allowance(inputs.users)
                    .ok_or_else(|| "give the number of users with --users N".to_string())
            })
            .collect();
        QuotaBook {
            contract,
            inputs,
            judged,
            tallies: BTreeMap::new(),
            unread: false,
        }
    }

    /// Whether the run counts the tickets first (some quota is judged; an
    /// unlimited one is counted for the summary only).
    pub fn needs_count(&self) -> bool {
        self.judged.iter().any(Result::is_ok)
    }

    /// The tickets cannot be counted first (they come from standard input):
    /// limited quotas are then not judged.
    pub fn cannot_count(&mut self) {
        self.unread = true;
        for j in &mut self.judged {
            if matches!(j, Ok(Allowance::Tickets(_))) {
                *j = Err("the tickets came from standard input, which cannot be read twice: give them as a file".into());
            }
        }
    }

    /// The quota of `plan` and its allowance, when judged.
    fn quota_of(&self, plan: usize) -> Option<(usize, &'c Quota, Allowance)> {
        let (i, q) = self
            .contract
            .quotas
            .iter()
            .enumerate()
            .find(|(_, q)| q.plans.contains(&plan))?;
        let allowance = self.judged[i].as_ref().ok()?;
        Some((i, q, *allowance))
    }

    /// The period a ticket created at `created` falls in, as the day number of
    /// its first day; `None` inside the go-live months.
    fn period(&self, q: &Quota, created: i64) -> Option<i64> {
        let date = to_local(self.contract.tz, created).date();
        if let Some(go_live) = self.inputs.go_live {
            let end = go_live.checked_add_months(Months::new(q.grace_months))?;
            if q.grace_months > 0 && date >= go_live && date < end {
                return None;
            }
        }
        let start = match q.period {
            Period::Month => NaiveDate::from_ymd_opt(date.year(), date.month(), 1)?,
            Period::Year => {
                let anchor = self.inputs.period_start.or(self.inputs.go_live);
                let (m, d) = anchor.map_or((1, 1), |a| (a.month(), a.day()));
                year_start(date, m, d)?
            }
        };
        Some(day_number(start))
    }

    /// First pass: one ticket of `plan` created at `created`, on line `line`.
    pub fn count(&mut self, plan: usize, created: i64, line: u64) {
        let Some((i, q, allowance)) = self.quota_of(plan) else {
            return;
        };
        let period = self.period(q, created);
        let tally = self
            .tallies
            .entry((i, period.unwrap_or(i64::MIN)))
            .or_default();
        if period.is_none() {
            tally.not_counted += 1;
            return;
        }
        tally.counted += 1;
        if let Allowance::Tickets(n) = allowance {
            if n > 0 {
                tally.first.push((created, line));
                if tally.first.len() as u64 > n {
                    tally.first.pop();
                }
            }
        }
    }

    /// A ticket's mark; `None` when no judged quota applies to its plan.
    pub fn mark(&self, plan: usize, created: i64, line: u64) -> Option<QuotaMark> {
        let (i, q, allowance) = self.quota_of(plan)?;
        let Some(period) = self.period(q, created) else {
            return Some(QuotaMark::NotCounted);
        };
        let n = match allowance {
            Allowance::Unlimited => return Some(QuotaMark::Included),
            Allowance::Tickets(n) => n,
        };
        let tally = self.tallies.get(&(i, period));
        let inside = match tally {
            Some(t) if t.counted > n => t.first.peek().is_some_and(|&last| (created, line) <= last),
            _ => n > 0,
        };
        Some(if inside {
            QuotaMark::Included
        } else {
            QuotaMark::OverQuota
        })
    }

    /// The summary: one line per counted period of each judged quota, one per
    /// quota not judged.
    pub fn lines(&self) -> Vec<QuotaLine> {
        let c = self.contract;
        let plans = |q: &Quota| {
            q.plans
                .iter()
                .map(|&p| c.plans[p].key.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut out = Vec::new();
        for (i, q) in c.quotas.iter().enumerate() {
            let allowance = match &self.judged[i] {
                Err(why) => {
                    out.push(QuotaLine {
                        plans: plans(q),
                        period: String::new(),
                        used: 0,
                        included: None,
                        over_quota: 0,
                        not_counted: 0,
                        not_judged: Some(why.clone()),
                        clause: q.clause.clone(),
                    });
                    continue;
                }
                Ok(a) => *a,
            };
            let included = match allowance {
                Allowance::Unlimited => None,
                Allowance::Tickets(n) => Some(n),
            };
            for (&(_, start), t) in self.tallies.range((i, i64::MIN)..=(i, i64::MAX)) {
                out.push(QuotaLine {
                    plans: plans(q),
                    period: if start == i64::MIN {
                        "go-live months".into()
                    } else {
                        period_label(q.period, start)
                    },
                    used: t.counted,
                    included,
                    over_quota: included.map_or(0, |n| t.counted.saturating_sub(n)),
                    not_counted: t.not_counted,
                    not_judged: None,
                    clause: q.clause.clone(),
                });
            }
        }
        out
    }
}

/// The start of the yearly period (anniversary `m`-`d`) that holds `date`.
fn year_start(date: NaiveDate, m: u32, d: u32) -> Option<NaiveDate> {
    // 29 February anchors fall on 28 February in other years.
    let at =
        |y: i32| NaiveDate::from_ymd_opt(y, m, d).or_else(|| NaiveDate::from_ymd_opt(y, m, d - 1));
    let this = at(date.year())?;
    if date >= this {
        Some(this)
    } else {
        at(date.year() - 1)
    }
}

fn day_number(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

fn period_label(period: Period, start: i64) -> String {
    let Some(first) = i32::try_from(start)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
    else {
        return String::new();
    };
    match period {
        Period::Month => first.format("%Y-%m").to_string(),
        Period::Year => {
            let last = first
                .checked_add_months(Months::new(12))
                .and_then(|d| d.pred_opt())
                .unwrap_or(first);
            format!("{first}..{last}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 29 February go-live: the period runs from 29 February in leap years
    /// and from 28 February otherwise.
    #[test]
    fn leap_day_anniversary() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(year_start(d(2027, 3, 1), 2, 29), Some(d(2027, 2, 28)));
        assert_eq!(year_start(d(2028, 2, 28), 2, 29), Some(d(2027, 2, 28)));
        assert_eq!(year_start(d(2028, 2, 29), 2, 29), Some(d(2028, 2, 29)));
        assert_eq!(year_start(d(2026, 1, 1), 1, 1), Some(d(2026, 1, 1)));
        assert_eq!(year_start(d(2026, 12, 31), 1, 1), Some(d(2026, 1, 1)));
    }
}
