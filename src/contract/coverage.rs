//! Which tickets a contract answers for at all: the channels each plan accepts
//! (`[[accepted_channels]]`) and its named contacts (`[contacts]`). A ticket
//! raised through a channel its plan does not accept, or (where the contract
//! says such tickets are not attended) by someone who is not a named contact,
//! is `not_covered` on every target. Judging a ticket is the audit's business
//! ([`crate::audit`]); the rules are in `docs/counting.md`.

use serde::Deserialize;

use super::terms::{need_clause as clause, refs, Problem};
use crate::text::Vocabulary;

/// `[[accepted_channels]]`: the channels some plans accept.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptedChannelsSpec {
    /// Plans the rule is for (every plan when empty).
    #[serde(default)]
    pub plans: Vec<String>,
    pub channels: Vec<String>,
    pub clause: String,
    #[serde(default)]
    pub assumption: Option<String>,
}

/// `[contacts]`: who may raise a ticket.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactsSpec {
    /// What becomes of a ticket from someone not on the named list:
    /// `not_covered` (the contract does not attend it) or `flagged` (it is
    /// audited, and marked).
    pub unnamed: String,
    pub clause: String,
    #[serde(default)]
    pub assumption: Option<String>,
    /// How many named contacts each plan allows.
    #[serde(default)]
    pub limits: Vec<ContactLimitSpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactLimitSpec {
    /// Plans the limit is for (every plan when empty).
    #[serde(default)]
    pub plans: Vec<String>,
    pub max: u32,
    pub clause: String,
    #[serde(default)]
    pub assumption: Option<String>,
}

/// The channels some plans accept, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelRule {
    /// Plan indices (never empty once checked: an empty list means every plan).
    pub plans: Vec<usize>,
    /// Channel indices the plans accept.
    pub channels: Vec<usize>,
    pub clause: String,
    pub assumption: Option<String>,
}

/// What becomes of a ticket from someone who is not a named contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unnamed {
    NotCovered,
    Flagged,
}

impl Unnamed {
    pub fn key(self) -> &'static str {
        match self {
            Unnamed::NotCovered => "not_covered",
            Unnamed::Flagged => "flagged",
        }
    }
}

/// A limit on named contacts, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactLimit {
    pub plans: Vec<usize>,
    pub max: u32,
    pub clause: String,
    pub assumption: Option<String>,
}

/// The named-contact terms, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRule {
    pub unnamed: Unnamed,
    pub clause: String,
    pub assumption: Option<String>,
    pub limits: Vec<ContactLimit>,
}

/// Who and what a contract answers for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    pub channel_rules: Vec<ChannelRule>,
    /// For each plan, the index of its channel rule (none: every channel).
    by_plan: Vec<Option<usize>>,
    pub contacts: Option<ContactRule>,
}

/// Why a ticket is not covered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Uncovered {
    /// Its channel is not one its plan accepts (index of the channel rule).
    Channel(usize),
    /// Its reporter is not a named contact, and the contract does not attend
    /// such tickets.
    Contact,
}

impl Coverage {
    /// The channel rule of `plan`, if it has one.
    pub fn channel_rule(&self, plan: usize) -> Option<(usize, &ChannelRule)> {
        let i = (*self.by_plan.get(plan)?)?;
        Some((i, &self.channel_rules[i]))
    }

    /// Whether a ticket of `plan` raised through `channel` is covered; a
    /// ticket without a channel is (nothing says it came another way).
    pub fn channel(&self, plan: usize, channel: Option<usize>) -> Result<(), Uncovered> {
        match (self.channel_rule(plan), channel) {
            (Some((i, r)), Some(ch)) if !r.channels.contains(&ch) => Err(Uncovered::Channel(i)),
            _ => Ok(()),
        }
    }

    /// The named-contact limit of `plan`, if the contract sets one.
    pub fn contact_limit(&self, plan: usize) -> Option<&ContactLimit> {
        self.contacts
            .as_ref()?
            .limits
            .iter()
            .find(|l| l.plans.contains(&plan))
    }

    /// The clause a ticket is not covered by.
    pub fn clause(&self, why: Uncovered) -> &str {
        match why {
            Uncovered::Channel(i) => &self.channel_rules[i].clause,
            Uncovered::Contact => self.contacts.as_ref().map_or("", |c| c.clause.as_str()),
        }
    }

    /// Whether some ticket can be `not_covered` under this contract.
    pub fn can_uncover(&self) -> bool {
        !self.channel_rules.is_empty()
            || self
                .contacts
                .as_ref()
                .is_some_and(|c| c.unnamed == Unnamed::NotCovered)
    }
}

/// Plan indices named by `list` (every plan when it is empty).
pub(super) fn plan_list(
    list: &[String],
    path: &str,
    plans: &Vocabulary,
    problems: &mut Vec<Problem>,
) -> Vec<usize> {
    if list.is_empty() {
        return (0..plans.keys().len()).collect();
    }
    refs(list, plans, path, "plan", problems)
}

/// Checks the `[[accepted_channels]]` and `[contacts]` sections.
pub fn build(
    accepted: &[AcceptedChannelsSpec],
    contacts: Option<&ContactsSpec>,
    plans: &Vocabulary,
    channels: &Vocabulary,
    problems: &mut Vec<Problem>,
) -> Coverage {
    let mut out = Coverage {
        by_plan: vec![None; plans.keys().len()],
        ..Coverage::default()
    };
    for (i, a) in accepted.iter().enumerate() {
        let path = format!("accepted_channels[{i}]");
        let rule_plans = plan_list(&a.plans, &format!("{path}.plans"), plans, problems);
        for &p in &rule_plans {
            match out.by_plan[p] {
                Some(other) => problems.push(Problem::new(
                    format!("{path}.plans"),
                    format!(
                        "plan '{}' already has its channels in accepted_channels[{other}]",
                        plans.keys()[p]
                    ),
                )),
                None => out.by_plan[p] = Some(i),
            }
        }
        let list = refs(
            &a.channels,
            channels,
            &format!("{path}.channels"),
            "channel",
            problems,
        );
        if a.channels.is_empty() {
            problems.push(Problem::new(format!("{path}.channels"), "names no channel"));
        }
        clause(&a.clause, &format!("{path}.clause"), problems);
        out.channel_rules.push(ChannelRule {
            plans: rule_plans,
            channels: list,
            clause: a.clause.clone(),
            assumption: a.assumption.clone(),
        });
    }
    if let Some(c) = contacts {
        let unnamed = match c.unnamed.as_str() {
            "not_covered" => Unnamed::NotCovered,
            "flagged" => Unnamed::Flagged,
            other => {
                problems.push(Problem::new(
                    "contacts.unnamed",
                    format!("unknown value '{other}' (expected not_covered or flagged)"),
                ));
                Unnamed::Flagged
            }
        };
        clause(&c.clause, "contacts.clause", problems);
        let mut limits: Vec<ContactLimit> = Vec::new();
        for (i, l) in c.limits.iter().enumerate() {
            let path = format!("contacts.limits[{i}]");
            let lp = plan_list(&l.plans, &format!("{path}.plans"), plans, problems);
            if let Some(p) = lp
                .iter()
                .find(|p| limits.iter().any(|o| o.plans.contains(p)))
            {
                problems.push(Problem::new(
                    format!("{path}.plans"),
                    format!("plan '{}' has two contact limits", plans.keys()[*p]),
                ));
            }
            clause(&l.clause, &format!("{path}.clause"), problems);
            limits.push(ContactLimit {
                plans: lp,
                max: l.max,
                clause: l.clause.clone(),
                assumption: l.assumption.clone(),
            });
        }
        out.contacts = Some(ContactRule {
            unnamed,
            clause: c.clause.clone(),
            assumption: c.assumption.clone(),
            limits,
        });
    }
    out
}
