//! How many tickets a contract includes (`[[quotas]]`): so many a year or a
//! month, possibly per number of users, possibly not counting the first months
//! after go-live. Counting the tickets of a run against them is the audit's
//! business ([`crate::audit::quota`]); the rules are in `docs/counting.md`.

use serde::Deserialize;

use super::coverage::plan_list;
use super::terms::{need_clause, Problem};
use crate::text::Vocabulary;

/// `[[quotas]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotaSpec {
    /// Plans the quota is for (every plan when empty).
    #[serde(default)]
    pub plans: Vec<String>,
    /// `year` or `month`.
    pub period: String,
    /// Tickets included per period (per `per_users` users when that is set).
    pub tickets: u32,
    /// The allowance is `tickets` for every `per_users` users (`--users`).
    #[serde(default)]
    pub per_users: Option<u32>,
    /// From this many users on, tickets are unlimited.
    #[serde(default)]
    pub unlimited_from_users: Option<u32>,
    /// Tickets created in this many months after go-live are not counted.
    #[serde(default)]
    pub grace_months: u32,
    pub clause: String,
    #[serde(default)]
    pub assumption: Option<String>,
}

/// The length of a quota's period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// A year from the period start (`--period-start`, else `--go-live`, else
    /// 1 January).
    Year,
    /// A calendar month.
    Month,
}

/// A quota, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quota {
    pub plans: Vec<usize>,
    pub period: Period,
    pub tickets: u32,
    pub per_users: Option<u32>,
    pub unlimited_from_users: Option<u32>,
    pub grace_months: u32,
    pub clause: String,
    pub assumption: Option<String>,
}

/// How many tickets a period includes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Allowance {
    Unlimited,
    Tickets(u64),
}

impl Quota {
    /// The allowance for `users` users; `None` when the quota depends on the
    /// number of users and it is not given.
    ///
    /// Audara: one ticket a month for every five users, unlimited from 50:
    /// 12 users give 2, 4 users give none, 50 give no limit.
    pub fn allowance(&self, users: Option<u32>) -> Option<Allowance> {
        let Some(per) = self.per_users else {
            return Some(Allowance::Tickets(u64::from(self.tickets)));
        };
        let users = users?;
        if self.unlimited_from_users.is_some_and(|u| users >= u) {
            return Some(Allowance::Unlimited);
        }
        Some(Allowance::Tickets(
            u64::from(users / per.max(1)) * u64::from(self.tickets),
        ))
    }
}

/// Checks the `[[quotas]]` sections; a plan may have one quota.
pub fn build(specs: &[QuotaSpec], plans: &Vocabulary, problems: &mut Vec<Problem>) -> Vec<Quota> {
    let mut out: Vec<Quota> = Vec::new();
    for (i, q) in specs.iter().enumerate() {
        let path = format!("quotas[{i}]");
        let list = plan_list(&q.plans, &format!("{path}.plans"), plans, problems);
        if let Some(p) = list
            .iter()
            .find(|p| out.iter().any(|o| o.plans.contains(p)))
        {
            problems.push(Problem::new(
                format!("{path}.plans"),
                format!("plan '{}' has two quotas", plans.keys()[*p]),
            ));
        }
        let period = match q.period.as_str() {
            "year" => Period::Year,
            "month" => Period::Month,
            other => {
                problems.push(Problem::new(
                    format!("{path}.period"),
                    format!("unknown period '{other}' (expected year or month)"),
                ));
                Period::Year
            }
        };
        if q.per_users == Some(0) {
            problems.push(Problem::new(
                format!("{path}.per_users"),
                "must be at least 1",
            ));
        }
        need_clause(&q.clause, &format!("{path}.clause"), problems);
        out.push(Quota {
            plans: list,
            period,
            tickets: q.tickets,
            per_users: q.per_users,
            unlimited_from_users: q.unlimited_from_users,
            grace_months: q.grace_months,
            clause: q.clause.clone(),
            assumption: q.assumption.clone(),
        });
    }
    out
}
