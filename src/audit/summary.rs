//! The run's tallies: counts per priority and target, compliance, and the
//! penalties of breached targets.

use rust_decimal::prelude::*;

use super::penalty::PenaltyTally;
use super::ticket::{Status, TicketAudit, KINDS};
use crate::contract::Contract;

/// Counts for one target kind within one priority.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub tickets: u64,
    pub met: u64,
    pub breached: u64,
    pub open: u64,
    pub overdue: u64,
    pub no_target: u64,
    pub invalid: u64,
    /// Status-update targets not judged: the run had no events file.
    pub no_data: u64,
    /// Targets the contract's exclusion removes from excluded tickets.
    pub excluded: u64,
    /// Targets of tickets the contract does not answer for.
    pub not_covered: u64,
    /// Open targets past `--warn-at` percent of their time (serialized by the
    /// exporters after the keys that came before it).
    #[serde(skip)]
    pub at_risk: u64,
}

impl Counts {
    fn add(&mut self, s: Status) {
        self.tickets += 1;
        match s {
            Status::Met => self.met += 1,
            Status::Breached => self.breached += 1,
            Status::Open => self.open += 1,
            Status::Overdue => self.overdue += 1,
            Status::NoTarget => self.no_target += 1,
            Status::Invalid => self.invalid += 1,
            Status::NoData => self.no_data += 1,
            Status::Excluded => self.excluded += 1,
            Status::NotCovered => self.not_covered += 1,
            Status::AtRisk => self.at_risk += 1,
        }
    }

    fn merge(&mut self, o: &Counts) {
        self.tickets += o.tickets;
        self.met += o.met;
        self.breached += o.breached;
        self.open += o.open;
        self.overdue += o.overdue;
        self.no_target += o.no_target;
        self.invalid += o.invalid;
        self.no_data += o.no_data;
        self.excluded += o.excluded;
        self.not_covered += o.not_covered;
        self.at_risk += o.at_risk;
    }

    /// met / (met + breached + overdue), in percent, two decimals, half away from
    /// zero; `None` when no ticket has been decided yet. Overdue tickets count as
    /// breaches: they can no longer be met.
    pub fn compliance(&self) -> Option<Decimal> {
        let decided = self.met + self.breached + self.overdue;
        if decided == 0 {
            return None;
        }
        let pct = Decimal::from(self.met) * Decimal::from(100) / Decimal::from(decided);
        Some(pct.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
    }
}

/// Running totals of an audit, per priority (index) and audited target.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// `[priority][AUDITED index]`; the last row collects rows without a valid priority.
    pub by_priority: Vec<[Counts; KINDS]>,
    pub rows: u64,
    pub invalid_rows: u64,
    /// Valid rows left out because the ticket was created outside the period
    /// the run covers (`report --month`); not in any other count.
    pub outside_period: u64,
    /// Penalties for breached targets, when the contract attaches any.
    pub penalties: Option<PenaltyTally>,
    /// Pause and resume events that repeated the ticket's state.
    pub repeated_waits: u64,
    /// Tickets marked excluded on a contract without a ticket exclusion.
    pub unmatched_exclusions: u64,
    /// Per plan, the distinct reporters of valid rows in input order (only when
    /// the contract limits named contacts).
    pub reporters: Option<Vec<Reporters>>,
    /// The ticket quotas, per period (filled in by the run once every row is
    /// counted).
    pub quotas: Vec<super::quota::QuotaLine>,
    /// Where the help desk's own verdict and the contract's disagree, for the
    /// response and the resolution.
    pub disagreements: [Disagreements; 2],
}

/// Tickets whose help desk verdict and contract status disagree on one target.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Disagreements {
    /// Tickets the help desk has verdicts for on this target (valid rows).
    pub compared: u64,
    /// The help desk says met; the contract says breached or overdue.
    pub helpdesk_met: u64,
    /// The help desk says breached; the contract says met.
    pub helpdesk_breached: u64,
    /// The first few ids of each kind, in input order.
    pub helpdesk_met_ids: Vec<String>,
    pub helpdesk_breached_ids: Vec<String>,
}

/// Ids of disagreeing tickets kept for the summary, of each kind.
pub const DISAGREEMENT_IDS: usize = 5;

impl Disagreements {
    fn add(&mut self, verdict: crate::record::Verdict, status: Status, id: &str) {
        use crate::record::Verdict;
        let contract_breached = matches!(status, Status::Breached | Status::Overdue);
        let contract_met = status == Status::Met;
        if !(contract_breached || contract_met) {
            return;
        }
        self.compared += 1;
        let (n, ids) = match verdict {
            Verdict::Met if contract_breached => {
                (&mut self.helpdesk_met, &mut self.helpdesk_met_ids)
            }
            Verdict::Breached if contract_met => {
                (&mut self.helpdesk_breached, &mut self.helpdesk_breached_ids)
            }
            _ => return,
        };
        *n += 1;
        if ids.len() < DISAGREEMENT_IDS {
            ids.push(id.to_string());
        }
    }

    fn merge(&mut self, o: &Disagreements) {
        self.compared += o.compared;
        self.helpdesk_met += o.helpdesk_met;
        self.helpdesk_breached += o.helpdesk_breached;
        for (mine, theirs) in [
            (&mut self.helpdesk_met_ids, &o.helpdesk_met_ids),
            (&mut self.helpdesk_breached_ids, &o.helpdesk_breached_ids),
        ] {
            let room = DISAGREEMENT_IDS.saturating_sub(mine.len());
            mine.extend(theirs.iter().take(room).cloned());
        }
    }
}

/// The named-contact tally of one plan: distinct reporters against its limit.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ContactTally<'a> {
    pub plan: &'a str,
    pub reporters: usize,
    pub limit: u32,
    /// The first reporter (in input order) past the limit.
    pub first_beyond: Option<&'a str>,
    pub clause: &'a str,
}

impl ContactTally<'_> {
    pub fn line(&self) -> String {
        let beyond = self
            .first_beyond
            .map_or(String::new(), |r| format!("; first beyond the limit: {r}"));
        format!(
            "contacts plan {}: {} distinct reporter(s), limit {}{beyond} ({})",
            self.plan, self.reporters, self.limit, self.clause
        )
    }
}

/// Distinct reporters, in the order first met (case and accents aside).
#[derive(Debug, Clone, Default)]
pub struct Reporters {
    pub names: Vec<String>,
    /// Folded names, and every spelling met (so that a row whose spelling was
    /// met before costs one lookup and no allocation).
    seen: std::collections::HashSet<String>,
    spellings: std::collections::HashSet<String>,
}

impl Reporters {
    fn add(&mut self, name: &str) {
        if self.spellings.contains(name) {
            return;
        }
        self.spellings.insert(name.to_string());
        if self.seen.insert(crate::text::fold(name)) {
            self.names.push(name.to_string());
        }
    }
}

impl Summary {
    pub fn new(contract: &Contract) -> Self {
        Summary {
            by_priority: vec![[Counts::default(); KINDS]; contract.priorities.len() + 1],
            rows: 0,
            invalid_rows: 0,
            outside_period: 0,
            penalties: PenaltyTally::new(contract),
            repeated_waits: 0,
            unmatched_exclusions: 0,
            reporters: contract
                .coverage
                .contacts
                .as_ref()
                .map(|_| vec![Reporters::default(); contract.plans.len()]),
            quotas: Vec::new(),
            disagreements: Default::default(),
        }
    }

    pub fn add(&mut self, t: &TicketAudit) {
        self.rows += 1;
        if t.error.is_some() {
            self.invalid_rows += 1;
        }
        let row = t.priority.unwrap_or(self.by_priority.len() - 1);
        for (i, o) in t.outcomes.iter().enumerate() {
            self.by_priority[row][i].add(o.status);
        }
        if let Some(p) = &mut self.penalties {
            p.add(t);
        }
        if t.error.is_none() {
            for (k, verdict) in t.helpdesk.iter().enumerate() {
                if let Some(v) = verdict {
                    self.disagreements[k].add(*v, t.outcomes[k].status, &t.id);
                }
            }
            self.repeated_waits += u64::from(t.repeated_waits);
            self.unmatched_exclusions += u64::from(t.unmatched_exclusion);
            if let (Some(all), Some(plan)) = (&mut self.reporters, t.plan) {
                if !t.reporter.is_empty() {
                    all[plan].add(&t.reporter);
                }
            }
        }
    }

    /// Adds the counts of another partial summary (from another batch of rows).
    pub fn merge(&mut self, other: &Summary) {
        self.rows += other.rows;
        self.invalid_rows += other.invalid_rows;
        self.outside_period += other.outside_period;
        self.repeated_waits += other.repeated_waits;
        self.unmatched_exclusions += other.unmatched_exclusions;
        for (mine, theirs) in self.disagreements.iter_mut().zip(&other.disagreements) {
            mine.merge(theirs);
        }
        for (mine, theirs) in self.by_priority.iter_mut().zip(&other.by_priority) {
            for (a, b) in mine.iter_mut().zip(theirs) {
                a.merge(b);
            }
        }
        if let (Some(mine), Some(theirs)) = (&mut self.penalties, &other.penalties) {
            mine.merge(theirs);
        }
        if let (Some(mine), Some(theirs)) = (&mut self.reporters, &other.reporters) {
            for (a, b) in mine.iter_mut().zip(theirs) {
                for name in &b.names {
                    a.add(name);
                }
            }
        }
    }

    /// One tally per plan with reporters and a named-contact limit.
    pub fn contact_tallies<'a>(&'a self, c: &'a Contract) -> Vec<ContactTally<'a>> {
        let Some(all) = &self.reporters else {
            return Vec::new();
        };
        all.iter()
            .enumerate()
            .filter(|(_, r)| !r.names.is_empty())
            .filter_map(|(plan, r)| {
                let limit = c.coverage.contact_limit(plan)?;
                Some(ContactTally {
                    plan: c.plans[plan].key.as_str(),
                    reporters: r.names.len(),
                    limit: limit.max,
                    first_beyond: r.names.get(limit.max as usize).map(String::as_str),
                    clause: limit.clause.as_str(),
                })
            })
            .collect()
    }

    /// Totals over every priority for one audited target.
    pub fn total(&self, kind_index: usize) -> Counts {
        let mut c = Counts::default();
        for row in &self.by_priority {
            c.merge(&row[kind_index]);
        }
        c
    }

    /// Whether any target is at risk.
    pub fn any_risk(&self) -> bool {
        (0..KINDS).any(|k| self.total(k).at_risk > 0)
    }

    /// Whether any target was breached or is overdue.
    pub fn any_breach(&self) -> bool {
        (0..KINDS).any(|k| {
            let t = self.total(k);
            t.breached + t.overdue > 0
        })
    }
}
