//! What a contract says about a ticket's waits and exclusions: which targets stop
//! their clock while the ticket waits on the customer (or on a third party the
//! vendor does not answer for), and which targets a ticket the customer marks
//! excluded no longer has. Counting is the audit's business
//! ([`crate::audit`]); the rules are in `docs/counting.md`.

use serde::Deserialize;

use super::terms::{need_clause as clause, refs, Problem, TargetKind};
use crate::text::Vocabulary;

/// `[[pauses]]`: the targets a wait stops.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PauseSpec {
    /// Target kinds whose clock stops (`resolution`, `status_update`, ...).
    pub targets: Vec<String>,
    /// Only for these priorities (all when empty).
    #[serde(default)]
    pub priorities: Vec<String>,
    pub clause: String,
    #[serde(default)]
    pub assumption: Option<String>,
}

/// `[ticket_exclusion]`: the targets an excluded ticket no longer has.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketExclusionSpec {
    pub targets: Vec<String>,
    pub clause: String,
    #[serde(default)]
    pub assumption: Option<String>,
}

/// A pause rule, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PauseRule {
    pub kinds: Vec<TargetKind>,
    /// Priority indices; empty means every priority.
    pub priorities: Vec<usize>,
    pub clause: String,
    pub assumption: Option<String>,
}

/// The ticket exclusion, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketExclusion {
    pub kinds: Vec<TargetKind>,
    pub clause: String,
    pub assumption: Option<String>,
}

/// The wait and exclusion terms of a contract.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Waits {
    pub pauses: Vec<PauseRule>,
    pub exclusion: Option<TicketExclusion>,
}

impl Waits {
    /// The pause rule that stops `kind` for a ticket of `priority`, if any.
    pub fn pause_for(&self, kind: TargetKind, priority: usize) -> Option<&PauseRule> {
        self.pauses.iter().find(|p| {
            p.kinds.contains(&kind) && (p.priorities.is_empty() || p.priorities.contains(&priority))
        })
    }

    /// Every target kind some pause rule can stop, in [`TargetKind::ALL`] order.
    pub fn pausable(&self) -> Vec<TargetKind> {
        TargetKind::ALL
            .into_iter()
            .filter(|k| self.pauses.iter().any(|p| p.kinds.contains(k)))
            .collect()
    }

    /// Whether an excluded ticket loses target `kind`.
    pub fn excludes(&self, kind: TargetKind) -> bool {
        self.exclusion
            .as_ref()
            .is_some_and(|e| e.kinds.contains(&kind))
    }
}

fn kinds(list: &[String], path: &str, problems: &mut Vec<Problem>) -> Vec<TargetKind> {
    let mut out = Vec::new();
    for (j, k) in list.iter().enumerate() {
        match TargetKind::parse(k) {
            Some(kind) => out.push(kind),
            None => problems.push(Problem::new(
                format!("{path}[{j}]"),
                format!(
                    "unknown target kind '{k}' (one of {})",
                    TargetKind::ALL.map(TargetKind::key).join(", ")
                ),
            )),
        }
    }
    if list.is_empty() {
        problems.push(Problem::new(path, "names no target"));
    }
    out
}

/// Checks the `[[pauses]]` and `[ticket_exclusion]` sections.
pub fn build(
    pauses: &[PauseSpec],
    exclusion: Option<&TicketExclusionSpec>,
    priorities: &Vocabulary,
    problems: &mut Vec<Problem>,
) -> Waits {
    let mut out = Waits::default();
    for (i, p) in pauses.iter().enumerate() {
        let path = format!("pauses[{i}]");
        let kinds = kinds(&p.targets, &format!("{path}.targets"), problems);
        let prios = refs(
            &p.priorities,
            priorities,
            &format!("{path}.priorities"),
            "priority",
            problems,
        );
        clause(&p.clause, &format!("{path}.clause"), problems);
        out.pauses.push(PauseRule {
            kinds,
            priorities: prios,
            clause: p.clause.clone(),
            assumption: p.assumption.clone(),
        });
    }
    if let Some(e) = exclusion {
        let kinds = kinds(&e.targets, "ticket_exclusion.targets", problems);
        clause(&e.clause, "ticket_exclusion.clause", problems);
        out.exclusion = Some(TicketExclusion {
            kinds,
            clause: e.clause.clone(),
            assumption: e.assumption.clone(),
        });
    }
    out
}
