//! Credit arithmetic: what a month's uptime earns under the contract's credit
//! terms (shortfall, bands read by percentage or by minutes, or a credit per
//! failure claimed in time), and what that comes to in money.

use rust_decimal::Decimal;

use super::outcome::{Claim, MonthRow, Options, OutagePart};
use crate::contract::availability::{Availability, Band, Basis, CreditKind};
use crate::contract::Contract;
use crate::money::{fmt_percent, minutes, percent_of, two_decimals, Overflow};
use crate::record::OutageRow;

/// What a month's credit is settled against besides its own figures.
pub(super) struct MonthCredit<'a> {
    pub(super) c: &'a Contract,
    pub(super) av: &'a Availability,
    /// The rows the parts point into (for when each credit was requested).
    pub(super) rows: &'a [OutageRow],
    pub(super) opts: &'a Options,
    /// Whether the customer's plan earns the credit; `None` when unknown.
    pub(super) eligible: Option<bool>,
}

impl MonthCredit<'_> {
    /// Sets the credit (and its amount) of `row`, whose uptime figures are
    /// final, and for per-failure credit the claim and credit of each of the
    /// month's `parts`.
    pub(super) fn settle(
        &self,
        row: &mut MonthRow,
        parts: &mut [OutagePart],
        label: &str,
        warnings: &mut Vec<String>,
    ) -> Result<(), Overflow> {
        let av = self.av;
        let (m, secs, downtime) = (row.month, row.seconds, row.downtime);
        let up = secs - downtime;
        let missed = row.target_met == Some(false);
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
                let by_minutes = band_by_minutes(bands, downtime);
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
                            minutes(downtime),
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
            row.amount = Some(fee.share(credit)?);
        }
        Ok(())
    }
}

/// The credit of the band table by the percentage reading: the largest credit
/// among bands whose `below_percent` the exact uptime is below.
pub(super) fn band_by_percent(bands: &[Band], up: i64, secs: i64) -> Option<Decimal> {
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
pub(super) fn band_by_minutes(bands: &[Band], downtime: i64) -> Option<Decimal> {
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
