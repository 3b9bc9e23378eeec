//! `slaudit contracts show`: every term of a contract as tables, with its clause,
//! the assumptions in force, and what an override file changed.

use slaudit::clock::Schedule;
use slaudit::contract::{Contract, PlanStatus, TargetKind, TargetStatus};

use crate::export::table::new_table;

/// A vocabulary (channels, categories) as a table, when the contract has one.
fn terms_table(
    c: &Contract,
    section: &str,
    (title, what): (&str, &str),
    terms: &[slaudit::contract::Term],
    out: &mut String,
) {
    if terms.is_empty() {
        return;
    }
    outln!(out, "\n{title}");
    let mut t = new_table(vec![what, "name", "aliases", "clause"]);
    for (i, p) in terms.iter().enumerate() {
        let path = format!("{section}[{i}]");
        t.add_row(vec![
            mark(c, &path, p.key.clone()),
            opt(&p.name),
            p.aliases.join(", "),
            clause(c, &path, opt(&p.clause)),
        ]);
    }
    outln!(out, "{t}");
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// `*` for a term of the file given, `**` for one of the file it extends, ...
/// (only for a contract that extends another; the base contract's are unmarked).
fn marker(layer: usize) -> String {
    "*".repeat(layer + 1)
}

/// `text` marked when the term at `path` (or a value inside it) comes from an
/// override file.
fn mark(c: &Contract, path: &str, text: String) -> String {
    match c.provenance.overridden(path) {
        Some(l) => format!("{} {text}", marker(l)),
        None => text,
    }
}

/// One note as a list item: marked when an override wrote it, `[assumption]`
/// when it is one, its clause after it.
fn note_line(c: &Contract, path: &str, n: &slaudit::contract::Note) -> String {
    format!(
        "  - {}{}{}{}",
        c.provenance
            .overridden(path)
            .map_or(String::new(), |l| format!("{} ", marker(l))),
        if n.assumption { "[assumption] " } else { "" },
        n.text,
        n.clause
            .as_ref()
            .map_or(String::new(), |x| format!(" ({x})"))
    )
}

/// A term's own clause, and the inherited clause it replaces beside it.
fn clause(c: &Contract, path: &str, own: String) -> String {
    match c.provenance.replaced_clause(path) {
        Some(old) if c.provenance.overridden(path).is_some() && old != own => {
            format!("{own} [inherited: {old}]")
        }
        _ => own,
    }
}

/// The files of an `extends` chain and what the marks mean.
fn show_chain(c: &Contract, out: &mut String) {
    let files = &c.provenance.files;
    if files.len() < 2 {
        return;
    }
    outln!(out, "Extends (each file extends the next one):");
    for (i, f) in files.iter().enumerate() {
        let m = if i + 1 < files.len() {
            marker(i)
        } else {
            String::new()
        };
        outln!(out, "  {m:<w$} {f}", w = files.len() - 1);
    }
    outln!(
        out,
        "Terms marked with stars come from the file marked the same way; [inherited: ...] is the clause of the inherited term they replace."
    );
}

pub(super) fn show(c: &Contract, out: &mut String) {
    outln!(
        out,
        "{}",
        mark(
            c,
            "contract.name",
            format!(
                "{} {} {}",
                c.key,
                if crate::export::table::ascii_only() {
                    "-"
                } else {
                    "\u{2014}"
                },
                c.name
            )
        )
    );
    show_chain(c, out);
    if let Some(v) = &c.vendor {
        outln!(
            out,
            "{}",
            mark(c, "contract.vendor", format!("Vendor: {v}"))
        );
    }
    outln!(
        out,
        "{}",
        mark(c, "contract.source", format!("Source: {}", c.source))
    );
    outln!(
        out,
        "{}Time zone: {}{}",
        c.provenance
            .overridden("contract.timezone")
            .map_or(String::new(), |l| format!("{} ", marker(l))),
        c.tz.name(),
        c.timezone_clause
            .as_ref()
            .map_or(String::new(), |x| format!(" ({x})"))
    );
    if let Some(a) = &c.timezone_assumption {
        outln!(out, "  assumption: {a}");
    }
    match &c.holidays_info {
        Some(h) => {
            outln!(
                out,
                "{}Holidays: calendar '{}' ({}){}",
                c.provenance
                    .overridden("holidays")
                    .map_or(String::new(), |l| format!("{} ", marker(l))),
                h.calendar,
                c.holidays.name(),
                h.clause
                    .as_ref()
                    .map_or(String::new(), |x| format!(" ({x})"))
            );
            if let Some(a) = &h.assumption {
                outln!(out, "  assumption: {a}");
            }
        }
        None => outln!(out, "Holidays: none"),
    }

    outln!(out, "\nSchedules");
    let mut t = new_table(vec!["schedule", "name", "hours", "clause", "assumption"]);
    for (i, s) in c.schedules.iter().enumerate() {
        let path = format!("schedules[{i}]");
        let hours = match &s.schedule {
            Schedule::Always => "24x7, holidays included".to_string(),
            Schedule::Weekly(w) => {
                let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
                let mut parts = Vec::new();
                for (i, d) in days.iter().enumerate() {
                    let iv: Vec<String> = w
                        .intervals(i)
                        .iter()
                        .map(|&(a, b)| {
                            format!(
                                "{}-{}",
                                slaudit::clock::fmt_hhmm(a),
                                slaudit::clock::fmt_hhmm(b)
                            )
                        })
                        .collect();
                    if !iv.is_empty() {
                        parts.push(format!("{d} {}", iv.join(", ")));
                    }
                }
                format!(
                    "{}; business day = {}; holidays {}",
                    parts.join("; "),
                    slaudit::clock::fmt_hm(w.business_day()),
                    if w.closed_on_holidays() {
                        "closed"
                    } else {
                        "open"
                    }
                )
            }
        };
        t.add_row(vec![
            mark(c, &path, s.key.clone()),
            s.name.clone(),
            hours,
            clause(c, &path, opt(&s.clause)),
            opt(&s.assumption),
        ]);
    }
    outln!(out, "{t}");

    outln!(out, "\nPlans");
    let mut t = new_table(vec![
        "plan",
        "name",
        "aliases",
        "schedule",
        "clause",
        "assumption",
    ]);
    for (i, p) in c.plans.iter().enumerate() {
        let path = format!("plans[{i}]");
        let sched = match (p.status, p.schedule) {
            (_, Some(s)) => c.schedules[s].key.clone(),
            (PlanStatus::NotPublished, None) => "NOT PUBLISHED".to_string(),
            (PlanStatus::NoSupport, None) => "no support times".to_string(),
            (PlanStatus::Published, None) => "-".to_string(),
        };
        t.add_row(vec![
            mark(c, &path, p.key.clone()),
            opt(&p.name),
            p.aliases.join(", "),
            sched,
            clause(c, &path, opt(&p.clause)),
            opt(&p.assumption),
        ]);
    }
    outln!(out, "{t}");

    outln!(out, "\nPriorities");
    let mut t = new_table(vec!["priority", "name", "aliases", "description", "clause"]);
    for (i, p) in c.priorities.iter().enumerate() {
        let path = format!("priorities[{i}]");
        t.add_row(vec![
            mark(c, &path, p.key.clone()),
            opt(&p.name),
            p.aliases.join(", "),
            opt(&p.description),
            clause(c, &path, opt(&p.clause)),
        ]);
    }
    outln!(out, "{t}");

    terms_table(c, "channels", ("Channels", "channel"), &c.channels, out);
    terms_table(
        c,
        "categories",
        ("Categories", "category"),
        &c.categories,
        out,
    );
    if !c.clock_rules.is_empty() {
        outln!(
            out,
            "\nClock rules (which schedule a ticket's clock runs on)"
        );
        let mut t = new_table(vec![
            "plans",
            "priorities",
            "channels",
            "schedule",
            "clause",
            "assumption",
        ]);
        let keys = |idx: &[usize], f: &dyn Fn(usize) -> String| -> String {
            if idx.is_empty() {
                "any".to_string()
            } else {
                idx.iter().map(|&i| f(i)).collect::<Vec<_>>().join(", ")
            }
        };
        for (i, r) in c.clock_rules.iter().enumerate() {
            let path = format!("clock_rules[{i}]");
            t.add_row(vec![
                mark(c, &path, keys(&r.plans, &|i| c.plans[i].key.clone())),
                keys(&r.priorities, &|i| c.priorities[i].key.clone()),
                keys(&r.channels, &|i| c.channels[i].key.clone()),
                c.schedules[r.schedule].key.clone(),
                clause(c, &path, r.clause.clone()),
                opt(&r.assumption),
            ]);
        }
        outln!(out, "{t}");
    }

    outln!(out, "\nTargets");
    let mut t = new_table(vec![
        "plan",
        "priority",
        "target",
        "promise",
        "clock",
        "source text",
        "clause",
        "assumption",
    ]);
    for (pl, plan) in c.plans.iter().enumerate() {
        for (pr, prio) in c.priorities.iter().enumerate() {
            for kind in TargetKind::ALL {
                let Some(target) = c.target(pl, pr, kind, None) else {
                    continue;
                };
                let clock = match target.schedule.or(plan.schedule) {
                    Some(s) => c.schedules[s].key.clone(),
                    None => "-".to_string(),
                };
                t.add_row(vec![
                    mark(c, &format!("targets[{}]", target.index), plan.key.clone()),
                    prio.key.clone(),
                    kind.key().to_string(),
                    match target.status {
                        TargetStatus::NotPublished => "NOT PUBLISHED".to_string(),
                        _ => target.describe(),
                    },
                    clock,
                    opt(&target.text),
                    target_clause(target),
                    opt(&target.assumption),
                ]);
            }
        }
    }
    for target in c.targets.iter().filter(|t| t.category.is_some()) {
        let cat = target
            .category
            .map(|i| c.categories[i].key.clone())
            .unwrap_or_default();
        t.add_row(vec![
            mark(c, &format!("targets[{}]", target.index), "any".to_string()),
            format!("category {cat}"),
            target.kind.key().to_string(),
            target.describe(),
            target
                .schedule
                .map(|s| c.schedules[s].key.clone())
                .unwrap_or_else(|| "plan's".into()),
            opt(&target.text),
            target_clause(target),
            opt(&target.assumption),
        ]);
    }
    outln!(out, "{t}");

    // Which promises the contract does not make at all.
    for kind in [TargetKind::Response, TargetKind::Resolution] {
        if !c.has_kind(kind) {
            outln!(out, "No {} target: the contract states none.", kind.label());
        }
    }
    let unpublished = c.unpublished();
    let plans_unpub: Vec<&str> = c
        .plans
        .iter()
        .filter(|p| p.status == PlanStatus::NotPublished)
        .map(|p| p.key.as_str())
        .collect();
    if !unpublished.is_empty() || !plans_unpub.is_empty() {
        outln!(out, "\nNot published by the source (never guessed; supply them in a copy of the contract file):");
        if !plans_unpub.is_empty() {
            outln!(
                out,
                "  - business hours of plans {}",
                plans_unpub.join(", ")
            );
        }
        for u in unpublished {
            outln!(out, "  - {} times: {}", u.kind.label(), u.clause);
        }
    }
    show_waits(c, out);
    show_coverage(c, out);
    if let Some(av) = &c.availability {
        show_availability(c, av, out);
    } else {
        outln!(
            out,
            "\nAvailability: the contract states no uptime, maintenance or credit terms."
        );
    }
    let assumptions = c.assumptions();
    if !assumptions.is_empty() {
        outln!(
            out,
            "\nAssumptions (readings the source text does not state)"
        );
        for (place, text) in assumptions {
            outln!(out, "  - {place}: {text}");
        }
    }
    if !c.notes.is_empty() {
        outln!(out, "\nNotes");
        for (i, n) in c.notes.iter().enumerate() {
            outln!(out, "{}", note_line(c, &format!("notes[{i}]"), n));
        }
    }
}

/// A target's clause, and those of the inherited targets it replaces.
fn target_clause(t: &slaudit::contract::Target) -> String {
    if t.replaces.is_empty() {
        t.clause.clone()
    } else {
        format!("{} [inherited: {}]", t.clause, t.replaces.join("; "))
    }
}

/// The pause rules and the ticket exclusion, with their clauses.
fn show_waits(c: &Contract, out: &mut String) {
    let w = &c.waits;
    if w.pauses.is_empty() && w.exclusion.is_none() {
        outln!(
            out,
            "\nWaits and exclusions: the contract pauses no target and states no ticket exclusion."
        );
        return;
    }
    outln!(out, "\nWaits (--events pause/resume) and excluded tickets");
    let mut t = new_table(vec!["term", "targets", "priorities", "clause"]);
    let keys = |kinds: &[TargetKind]| kinds.iter().map(|k| k.key()).collect::<Vec<_>>().join(", ");
    for (i, p) in w.pauses.iter().enumerate() {
        let path = format!("pauses[{i}]");
        let prios = if p.priorities.is_empty() {
            "all".to_string()
        } else {
            p.priorities
                .iter()
                .map(|&i| c.priorities[i].key.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        t.add_row(vec![
            mark(c, &path, "a wait stops".to_string()),
            keys(&p.kinds),
            prios,
            clause(c, &path, p.clause.clone()),
        ]);
    }
    if let Some(e) = &w.exclusion {
        t.add_row(vec![
            mark(
                c,
                "ticket_exclusion",
                "an excluded ticket loses".to_string(),
            ),
            keys(&e.kinds),
            "all".to_string(),
            clause(c, "ticket_exclusion", e.clause.clone()),
        ]);
    }
    outln!(out, "{t}");
}

/// Accepted channels, named contacts and ticket quotas, with their clauses.
fn show_coverage(c: &Contract, out: &mut String) {
    let cov = &c.coverage;
    if cov.channel_rules.is_empty() && cov.contacts.is_none() && c.quotas.is_empty() {
        outln!(
            out,
            "\nCoverage: the contract limits no channel, names no contacts and sets no ticket quota."
        );
        return;
    }
    let plans = |list: &[usize]| {
        list.iter()
            .map(|&p| c.plans[p].key.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    outln!(out, "\nWho may raise a ticket, how, and how many");
    let mut t = new_table(vec!["term", "plans", "value", "clause"]);
    for (i, r) in cov.channel_rules.iter().enumerate() {
        let path = format!("accepted_channels[{i}]");
        let channels: Vec<&str> = r
            .channels
            .iter()
            .map(|&i| c.channels[i].key.as_str())
            .collect();
        t.add_row(vec![
            mark(c, &path, "accepted channels".to_string()),
            plans(&r.plans),
            channels.join(", "),
            clause(c, &path, r.clause.clone()),
        ]);
    }
    if let Some(k) = &cov.contacts {
        t.add_row(vec![
            mark(
                c,
                "contacts.unnamed",
                "ticket from an unnamed contact".to_string(),
            ),
            "all".to_string(),
            k.unnamed.key().to_string(),
            clause(c, "contacts.clause", k.clause.clone()),
        ]);
        for (i, l) in k.limits.iter().enumerate() {
            let path = format!("contacts.limits[{i}]");
            t.add_row(vec![
                mark(c, &path, "named contacts, at most".to_string()),
                plans(&l.plans),
                l.max.to_string(),
                clause(c, &path, l.clause.clone()),
            ]);
        }
    }
    for (i, q) in c.quotas.iter().enumerate() {
        let path = format!("quotas[{i}]");
        let period = match q.period {
            slaudit::contract::quota::Period::Year => "year",
            slaudit::contract::quota::Period::Month => "month",
        };
        let mut value = match q.per_users {
            Some(u) => format!("{} per {u} users a {period}", q.tickets),
            None => format!("{} a {period}", q.tickets),
        };
        if let Some(u) = q.unlimited_from_users {
            value.push_str(&format!("; unlimited from {u} users"));
        }
        if q.grace_months > 0 {
            value.push_str(&format!(
                "; first {} month(s) after go-live not counted",
                q.grace_months
            ));
        }
        t.add_row(vec![
            mark(c, &path, "tickets included".to_string()),
            plans(&q.plans),
            value,
            clause(c, &path, q.clause.clone()),
        ]);
    }
    outln!(out, "{t}");
}

fn show_availability(
    c: &Contract,
    av: &slaudit::contract::availability::Availability,
    out: &mut String,
) {
    use slaudit::contract::availability::{Basis, CreditKind};
    let pct = |d: &rust_decimal::Decimal| format!("{d:.2} %");
    outln!(out, "\nAvailability");
    let mut t = new_table(vec!["term", "value", "clause"]);
    let top = ["availability.target_percent", "availability.clause"];
    let top_mark = top
        .iter()
        .filter_map(|p| c.provenance.overridden(p))
        .min()
        .map_or(String::new(), |l| format!("{} ", marker(l)));
    t.add_row(vec![
        format!("{top_mark}uptime target"),
        av.target.as_ref().map_or("none stated".to_string(), pct),
        clause(c, "availability", av.clause.clone()),
    ]);
    if !av.products.is_empty() {
        let names: Vec<&str> = av.products.iter().map(|p| p.key.as_str()).collect();
        t.add_row(vec![
            mark(
                c,
                "availability.products",
                "products (measured apart)".to_string(),
            ),
            names.join(", "),
            String::new(),
        ]);
    }
    if let Some(m) = &av.maintenance {
        let windows: Vec<String> = m.windows.iter().map(|w| w.describe()).collect();
        let mut value = if windows.is_empty() {
            "excused at any time".to_string()
        } else {
            format!("windows: {}", windows.join("; "))
        };
        if let Some(n) = &m.notice_text {
            value.push_str(&format!("; notice {n}"));
        }
        if let Some(x) = &m.max_per_week_text {
            value.push_str(&format!("; at most {x} per week"));
        }
        let path = "availability.maintenance";
        t.add_row(vec![
            mark(c, path, "scheduled maintenance".to_string()),
            value,
            clause(c, path, m.clause.clone()),
        ]);
    }
    for (i, e) in av.exclusions.iter().enumerate() {
        let path = format!("availability.exclusions[{i}]");
        t.add_row(vec![
            mark(c, &path, format!("exclusion {}", e.key)),
            opt(&e.name),
            clause(c, &path, e.clause.clone()),
        ]);
    }
    let credit = match &av.credit.kind {
        CreditKind::None => "the contract defines no service credit".to_string(),
        CreditKind::Shortfall { uptime_decimals } => format!(
            "100 % - monthly uptime{}",
            uptime_decimals.map_or(String::new(), |d| format!(
                " (uptime rounded to {d} decimals first)"
            ))
        ),
        CreditKind::Bands { basis, bands } => {
            let parts: Vec<String> = bands
                .iter()
                .map(|b| {
                    let cond = match (basis, &b.below_percent, b.min_minutes) {
                        (Basis::Percent, Some(p), _) => format!("uptime < {p} %"),
                        (Basis::Minutes, _, Some(m)) => format!(">= {m} min down"),
                        (_, Some(p), _) => format!("uptime < {p} %"),
                        (_, None, Some(m)) => format!(">= {m} min down"),
                        _ => "-".to_string(),
                    };
                    format!("{cond}: {}", pct(&b.percent))
                })
                .collect();
            format!("bands by {}: {}", basis.key(), parts.join("; "))
        }
        CreditKind::PerFailure {
            percent,
            cap,
            claim_days,
            ..
        } => format!(
            "{} per failure{}{}",
            pct(percent),
            cap.as_ref()
                .map_or(String::new(), |c| format!(", at most {} a month", pct(c))),
            claim_days.map_or(String::new(), |d| format!(
                ", claimed in writing within {d} days"
            ))
        ),
    };
    let credit = if av.credit.plans.is_empty() {
        credit
    } else {
        format!("{credit} (plans {})", av.credit.plans.join(", "))
    };
    let path = "availability.credit";
    t.add_row(vec![
        mark(c, path, "service credit".to_string()),
        credit,
        clause(c, path, av.credit.clause.clone()),
    ]);
    if let Some(r) = &av.reliability {
        let path = "availability.reliability";
        t.add_row(vec![
            mark(c, path, "reliability".to_string()),
            format!("at most {} incidents a month", r.max_incidents),
            clause(c, path, r.clause.clone()),
        ]);
    }
    for (i, p) in av.penalties.iter().enumerate() {
        let path = format!("availability.penalties[{i}]");
        let scope = if p.plans.is_empty() {
            "all plans".to_string()
        } else {
            p.plans.join(", ")
        };
        t.add_row(vec![
            mark(c, &path, format!("{} penalty ({scope})", p.kind.key())),
            p.percent.as_ref().map_or("NOT PUBLISHED".to_string(), |d| {
                format!("{} of the monthly fee", pct(d))
            }),
            clause(c, &path, p.clause.clone()),
        ]);
    }
    if let Some(cap) = &av.penalty_cap {
        let path = "availability.penalty_cap";
        t.add_row(vec![
            mark(c, path, "penalty cap".to_string()),
            pct(&cap.percent),
            clause(c, path, cap.clause.clone()),
        ]);
    }
    outln!(out, "{t}");
    for (i, n) in av.notes.iter().enumerate() {
        outln!(
            out,
            "{}",
            note_line(c, &format!("availability.notes[{i}]"), n)
        );
    }
}
