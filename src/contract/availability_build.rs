//! Checking the `[availability]` section into the terms of
//! [`super::availability`]: the percentages, durations, windows and credit bands
//! it states, each problem located by its TOML key path
//! (`availability.credit.bands[2].below_percent`).

use rust_decimal::Decimal;

use super::availability::{
    Availability, Band, Basis, Cap, Credit, CreditKind, Exclusion, Maintenance, Penalty, Product,
    Reliability, Window, DAYS,
};
use super::availability_spec as spec;
use super::availability_spec::AvailabilitySpec;
use super::terms::{parse_duration, Note, Problem, TargetKind};
use crate::clock::parse_hhmm;
use crate::text::{fold, Vocabulary};

fn problem(path: impl Into<String>, message: impl Into<String>) -> Problem {
    Problem {
        elsewhere: None,
        path: path.into(),
        message: message.into(),
    }
}

fn check_percent(v: Decimal, path: &str, allow_zero: bool, problems: &mut Vec<Problem>) -> Decimal {
    let low_ok = if allow_zero {
        v >= Decimal::ZERO
    } else {
        v > Decimal::ZERO
    };
    if !low_ok || v > Decimal::ONE_HUNDRED {
        let range = if allow_zero {
            "0 to 100"
        } else {
            "above 0, up to 100"
        };
        problems.push(problem(path, format!("{v} is not a percentage ({range})")));
    }
    v
}

/// Checks the `[availability]` section. Problems carry TOML key paths
/// (`availability.credit.bands[2].below_percent`). Plan and priority names are
/// checked against the rest of the contract by [`super::availability_refs`].
pub fn build(spec: &AvailabilitySpec, _tz: chrono_tz::Tz) -> Result<Availability, Vec<Problem>> {
    let mut problems = Vec::new();
    let p = "availability";
    if spec.clause.trim().is_empty() {
        problems.push(problem(
            format!("{p}.clause"),
            "give the clause the availability terms come from",
        ));
    }
    let target = spec
        .target_percent
        .map(|t| check_percent(t, &format!("{p}.target_percent"), false, &mut problems));

    // Products.
    let mut product_vocab = Vocabulary::default();
    let mut products = Vec::new();
    for (i, s) in spec.products.iter().enumerate() {
        if let Err(dup) = product_vocab.insert(&s.key, &s.aliases) {
            problems.push(problem(
                format!("{p}.products[{i}].key"),
                format!("product name '{dup}' is used twice"),
            ));
        }
        products.push(Product {
            key: s.key.clone(),
            name: s.name.clone(),
            aliases: s.aliases.clone(),
            clause: s.clause.clone(),
        });
    }

    let maintenance = spec
        .maintenance
        .as_ref()
        .map(|m| maintenance(m, &mut problems));

    // Exclusions.
    let mut exclusion_vocab = Vocabulary::default();
    let mut exclusions = Vec::new();
    for (i, e) in spec.exclusions.iter().enumerate() {
        let path = format!("{p}.exclusions[{i}]");
        if let Err(dup) = exclusion_vocab.insert(&e.key, &e.aliases) {
            problems.push(problem(
                format!("{path}.key"),
                format!("exclusion name '{dup}' is used twice"),
            ));
        }
        if e.clause.trim().is_empty() {
            problems.push(problem(
                format!("{path}.clause"),
                "every exclusion needs the clause it comes from",
            ));
        }
        exclusions.push(Exclusion {
            key: e.key.clone(),
            name: e.name.clone(),
            aliases: e.aliases.clone(),
            clause: e.clause.clone(),
            assumption: e.assumption.clone(),
        });
    }

    let credit = match &spec.credit {
        None => Credit {
            kind: CreditKind::None,
            clause: spec.clause.clone(),
            text: None,
            plans: Vec::new(),
            applied: None,
            assumption: None,
        },
        Some(c) => credit(c, target, &mut problems),
    };

    let reliability = spec.reliability.as_ref().map(|r| Reliability {
        max_incidents: r.max_incidents,
        clause: r.clause.clone(),
        assumption: r.assumption.clone(),
    });

    // Penalties.
    let mut penalties = Vec::new();
    for (i, s) in spec.penalties.iter().enumerate() {
        let path = format!("{p}.penalties[{i}]");
        let kind = TargetKind::AUDITED.into_iter().find(|k| k.key() == s.kind);
        if kind.is_none() {
            problems.push(problem(
                format!("{path}.kind"),
                format!(
                    "unknown kind '{}' (expected response, resolution or workaround)",
                    s.kind
                ),
            ));
        }
        let published = match s.status.as_deref().unwrap_or("published") {
            "published" => true,
            "not_published" => false,
            other => {
                problems.push(problem(
                    format!("{path}.status"),
                    format!("unknown status '{other}' (expected published or not_published)"),
                ));
                true
            }
        };
        let percent = match (published, s.percent) {
            (true, Some(v)) => Some(check_percent(
                v,
                &format!("{path}.percent"),
                false,
                &mut problems,
            )),
            (true, None) => {
                problems.push(problem(
                    path.clone(),
                    "a published penalty needs `percent` (or status = \"not_published\")",
                ));
                None
            }
            (false, Some(_)) => {
                problems.push(problem(
                    format!("{path}.percent"),
                    "a not_published penalty has no percent",
                ));
                None
            }
            (false, None) => None,
        };
        if s.clause.trim().is_empty() {
            problems.push(problem(
                format!("{path}.clause"),
                "every penalty needs the clause it comes from",
            ));
        }
        if let Some(kind) = kind {
            penalties.push(Penalty {
                kind,
                plans: s.plans.clone(),
                priorities: s.priorities.clone(),
                percent,
                text: s.text.clone(),
                clause: s.clause.clone(),
                assumption: s.assumption.clone(),
            });
        }
    }
    let penalty_cap = spec.penalty_cap.as_ref().map(|c| Cap {
        percent: check_percent(
            c.percent,
            &format!("{p}.penalty_cap.percent"),
            false,
            &mut problems,
        ),
        clause: c.clause.clone(),
        assumption: c.assumption.clone(),
    });
    let notes = spec
        .notes
        .iter()
        .map(|n| Note {
            text: n.text.clone(),
            clause: n.clause.clone(),
            assumption: n.assumption,
        })
        .collect();

    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Availability {
        clause: spec.clause.clone(),
        text: spec.text.clone(),
        target,
        assumption: spec.assumption.clone(),
        products,
        maintenance,
        exclusions,
        credit,
        reliability,
        penalties,
        penalty_cap,
        notes,
        product_vocab,
        exclusion_vocab,
    })
}

fn maintenance(m: &spec::MaintenanceSpec, problems: &mut Vec<Problem>) -> Maintenance {
    let p = "availability.maintenance";
    let duration = |v: &Option<String>, key: &str, positive: bool, problems: &mut Vec<Problem>| {
        v.as_ref().and_then(|s| match parse_duration(s) {
            Some(d) if d > 0 || (!positive && d == 0) => Some(d),
            Some(_) => {
                problems.push(problem(
                    format!("{p}.{key}"),
                    format!(
                        "'{s}' is zero: {key} must be longer than zero (leave it out for no limit)"
                    ),
                ));
                None
            }
            None => {
                problems.push(problem(
                    format!("{p}.{key}"),
                    format!("'{s}' is not a duration (expected e.g. \"48h\", \"2h\" or \"30m\")"),
                ));
                None
            }
        })
    };
    let notice = duration(&m.notice, "notice", false, problems);
    let max_per_week = duration(&m.max_per_week, "max_per_week", true, problems);
    if m.clause.trim().is_empty() {
        problems.push(problem(
            format!("{p}.clause"),
            "give the clause the maintenance terms come from",
        ));
    }
    let mut windows = Vec::new();
    for (i, w) in m.windows.iter().enumerate() {
        let path = format!("{p}.windows[{i}]");
        let mut days = [false; 7];
        if w.days.is_empty() {
            problems.push(problem(
                format!("{path}.days"),
                "a window needs at least one day (mon, tue, wed, thu, fri, sat, sun)",
            ));
        }
        for (j, d) in w.days.iter().enumerate() {
            match DAYS.iter().position(|x| *x == fold(d)) {
                Some(k) => days[k] = true,
                None => problems.push(problem(
                    format!("{path}.days[{j}]"),
                    format!("'{d}' is not a day (expected mon, tue, wed, thu, fri, sat or sun)"),
                )),
            }
        }
        let parsed = w
            .time
            .split_once('-')
            .and_then(|(a, b)| Some((parse_hhmm(a)?, parse_hhmm(b)?)));
        let (from, to) = match parsed {
            Some((a, b)) if a < 86_400 && a != b => (a, b),
            _ => {
                problems.push(problem(
                    format!("{path}.time"),
                    format!(
                        "'{}' is not a window (expected HH:MM-HH:MM such as \"21:00-01:00\"; an end at or before the start means the next day; the start cannot be 24:00 and cannot equal the end)",
                        w.time
                    ),
                ));
                (0, 86_400)
            }
        };
        windows.push(Window {
            days,
            from,
            to,
            time: w.time.trim().to_string(),
            clause: w.clause.clone(),
            assumption: w.assumption.clone(),
        });
    }
    Maintenance {
        clause: m.clause.clone(),
        notice,
        notice_text: m.notice.clone(),
        notice_clause: m.notice_clause.clone(),
        max_per_week,
        max_per_week_text: m.max_per_week.clone(),
        windows,
        assumption: m.assumption.clone(),
    }
}

fn credit(c: &spec::CreditSpec, target: Option<Decimal>, problems: &mut Vec<Problem>) -> Credit {
    let p = "availability.credit";
    let kind = match c.kind.as_str() {
        "none" | "shortfall" | "bands" | "per_failure" => c.kind.as_str(),
        other => {
            problems.push(problem(
                format!("{p}.kind"),
                format!("unknown kind '{other}' (expected shortfall, bands, per_failure or none)"),
            ));
            "none"
        }
    };
    let fields = [
        ("uptime_decimals", "shortfall", c.uptime_decimals.is_some()),
        ("basis", "bands", c.basis.is_some()),
        ("bands", "bands", !c.bands.is_empty()),
        (
            "percent_per_failure",
            "per_failure",
            c.percent_per_failure.is_some(),
        ),
        ("cap_percent", "per_failure", c.cap_percent.is_some()),
        ("claim_days", "per_failure", c.claim_days.is_some()),
        ("claim_clause", "per_failure", c.claim_clause.is_some()),
    ];
    for (key, owner, set) in fields {
        if set && kind != owner {
            problems.push(problem(
                format!("{p}.{key}"),
                format!("`{key}` applies only to kind = \"{owner}\", not \"{kind}\""),
            ));
        }
    }
    if kind != "none" && target.is_none() {
        problems.push(problem(
            format!("{p}.kind"),
            "a credit needs availability.target_percent",
        ));
    }
    if c.clause.trim().is_empty() {
        problems.push(problem(
            format!("{p}.clause"),
            "give the clause the credit terms come from",
        ));
    }
    let kind = match kind {
        "shortfall" => {
            if let Some(d) = c.uptime_decimals {
                if d > 6 {
                    problems.push(problem(
                        format!("{p}.uptime_decimals"),
                        format!("{d} decimals is out of range (0 to 6)"),
                    ));
                }
            }
            CreditKind::Shortfall {
                uptime_decimals: c.uptime_decimals,
            }
        }
        "bands" => CreditKind::Bands {
            basis: basis(c, problems),
            bands: bands(c, problems),
        },
        "per_failure" => {
            let percent = match c.percent_per_failure {
                Some(v) => check_percent(v, &format!("{p}.percent_per_failure"), false, problems),
                None => {
                    problems.push(problem(
                        format!("{p}.kind"),
                        "kind = \"per_failure\" needs percent_per_failure",
                    ));
                    Decimal::ZERO
                }
            };
            let cap = c
                .cap_percent
                .map(|v| check_percent(v, &format!("{p}.cap_percent"), false, problems));
            if let Some(d) = c.claim_days {
                if !(1..=366).contains(&d) {
                    problems.push(problem(
                        format!("{p}.claim_days"),
                        format!("{d} days is out of range (1 to 366)"),
                    ));
                }
            }
            CreditKind::PerFailure {
                percent,
                cap,
                claim_days: c.claim_days,
                claim_clause: c.claim_clause.clone(),
            }
        }
        _ => CreditKind::None,
    };
    Credit {
        kind,
        clause: c.clause.clone(),
        text: c.text.clone(),
        plans: c.plans.clone(),
        applied: c.applied.clone(),
        assumption: c.assumption.clone(),
    }
}

fn basis(c: &spec::CreditSpec, problems: &mut Vec<Problem>) -> Basis {
    match c.basis.as_deref() {
        Some("percent") => Basis::Percent,
        Some("minutes") => Basis::Minutes,
        Some(other) => {
            problems.push(problem(
                "availability.credit.basis",
                format!("unknown basis '{other}' (expected percent or minutes)"),
            ));
            Basis::Percent
        }
        None => {
            problems.push(problem(
                "availability.credit.kind",
                "kind = \"bands\" needs `basis` (percent or minutes): the reading that decides the credit",
            ));
            Basis::Percent
        }
    }
}

fn bands(c: &spec::CreditSpec, problems: &mut Vec<Problem>) -> Vec<Band> {
    let p = "availability.credit";
    if c.bands.is_empty() {
        problems.push(problem(
            format!("{p}.kind"),
            "kind = \"bands\" needs at least one [[availability.credit.bands]]",
        ));
    }
    let mut out: Vec<Band> = Vec::new();
    for (i, b) in c.bands.iter().enumerate() {
        let path = format!("{p}.bands[{i}]");
        let percent = check_percent(b.percent, &format!("{path}.percent"), false, problems);
        if b.below_percent.is_none() && b.min_minutes.is_none() {
            problems.push(problem(
                path.clone(),
                "a band needs below_percent, min_minutes or both",
            ));
        }
        if let Some(v) = b.below_percent {
            check_percent(v, &format!("{path}.below_percent"), false, problems);
        }
        if let Some(m) = b.min_minutes {
            if m < 0 {
                problems.push(problem(
                    format!("{path}.min_minutes"),
                    format!("{m} minutes is negative"),
                ));
            }
        }
        if let Some(prev) = out.last() {
            let ordered = prev.percent < percent
                && match (prev.below_percent, b.below_percent) {
                    (Some(a), Some(z)) => z < a,
                    _ => true,
                }
                && match (prev.min_minutes, b.min_minutes) {
                    (Some(a), Some(z)) => z > a,
                    _ => true,
                };
            if !ordered {
                problems.push(problem(
                    path.clone(),
                    "bands go from the smallest credit to the largest: each band needs a larger percent, a lower below_percent and a higher min_minutes than the one before",
                ));
            }
        }
        out.push(Band {
            below_percent: b.below_percent,
            min_minutes: b.min_minutes,
            percent,
            text: b.text.clone(),
        });
    }
    let basis_field = c.basis.as_deref();
    for (i, b) in out.iter().enumerate() {
        let missing = match basis_field {
            Some("percent") => b.below_percent.is_none().then_some("below_percent"),
            Some("minutes") => b.min_minutes.is_none().then_some("min_minutes"),
            _ => None,
        };
        if let Some(field) = missing {
            problems.push(problem(
                format!("{p}.bands[{i}]"),
                format!(
                    "basis = \"{}\" needs {field} on every band",
                    basis_field.unwrap_or_default()
                ),
            ));
        }
    }
    out
}
