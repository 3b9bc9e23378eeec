//! What-if: the same tickets and outages judged under other terms (another
//! plan, or another contract), against this report's.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::model::{CompareRow, Comparison, Owed, Report};

/// Per priority and target, the breaches avoided and added by the other
/// terms, and the difference in what is owed. Tickets are matched by id;
/// priorities by the name each report gives them.
pub fn compare(here: &Report, there: &Report, against: String) -> Comparison {
    // (priority, target) -> tickets in breach.
    type Breaches = BTreeMap<(String, String), BTreeSet<String>>;
    let collect = |r: &Report| -> Breaches {
        let mut out: Breaches = BTreeMap::new();
        for b in &r.breaches {
            out.entry((b.priority.to_string(), b.target.to_string()))
                .or_default()
                .insert(b.ticket.clone());
        }
        for m in &r.missed_reports {
            out.entry((m.priority.to_string(), "status_update".to_string()))
                .or_default()
                .insert(m.ticket.clone());
        }
        out
    };
    let (a, b) = (collect(here), collect(there));
    let empty = BTreeSet::new();
    let keys: BTreeSet<&(String, String)> = a.keys().chain(b.keys()).collect();
    let rows = keys
        .into_iter()
        .map(|k| {
            let x = a.get(k).unwrap_or(&empty);
            let y = b.get(k).unwrap_or(&empty);
            CompareRow {
                priority: k.0.clone(),
                target: k.1.clone(),
                breaches_here: x.len() as u64,
                breaches_there: y.len() as u64,
                avoided: x.difference(y).count() as u64,
                added: y.difference(x).count() as u64,
            }
        })
        .collect();
    let diff = |f: fn(&Owed) -> Option<&String>| -> Option<String> {
        let x: Decimal = f(&here.owed)?.parse().ok()?;
        let y: Decimal = f(&there.owed)?.parse().ok()?;
        Some((y - x).to_string())
    };
    let amount_or_percent = |amount: fn(&Owed) -> Option<&String>,
                             percent: fn(&Owed) -> Option<&String>| {
        diff(amount).or_else(|| diff(percent).map(|d| format!("{d} %")))
    };
    Comparison {
        against,
        rows,
        owed_here: here.owed.clone(),
        owed_there: there.owed.clone(),
        credits_difference: amount_or_percent(
            |o| o.credits_amount.as_ref(),
            |o| o.credits_percent.as_ref(),
        ),
        penalties_difference: amount_or_percent(
            |o| o.penalties_amount.as_ref(),
            |o| o.penalties_percent.as_ref(),
        ),
        total_difference: diff(|o| o.total_amount.as_ref()),
    }
}
