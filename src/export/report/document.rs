//! The report laid out once as headings, tables, lists and chart places, for
//! the markdown and HTML renderers.

use slaudit::report::Report;

/// One piece of the document.
/// Rows of a table, made as they are written (a month's breach list is not
/// held twice).
pub(super) type Rows<'a> = Box<dyn Iterator<Item = Vec<String>> + 'a>;

pub(super) enum Block<'a> {
    /// A heading (level 1 to 3) and the anchor id it gets in HTML.
    Heading(u8, String, &'static str),
    Para(String),
    Bullets(Vec<String>),
    /// Header cells, rows, and which columns are numbers (right-aligned).
    Table {
        head: Vec<&'static str>,
        rows: Rows<'a>,
        numeric: Vec<usize>,
    },
    /// Where the HTML puts a chart (markdown has none).
    Chart(Chart),
}

#[derive(Clone, Copy)]
pub(super) enum Chart {
    Compliance,
    Downtime,
}

/// `2026-03-04T09:00:00-05:00` as `2026-03-04 09:00` (the zone is said once,
/// in the period).
fn local(t: &str) -> String {
    if t.len() >= 16 && t.as_bytes().get(10) == Some(&b'T') {
        format!("{} {}", &t[..10], &t[11..16])
    } else {
        t.to_string()
    }
}

fn opt_local(t: &Option<String>) -> String {
    t.as_deref().map(local).unwrap_or_default()
}

/// Seconds as `126h 05m`, `12m` or `40s` (hours, never days: a day of a
/// business clock is not 24 hours).
fn duration(secs: i64) -> String {
    let s = secs.max(0);
    let (h, m) = (s / 3_600, s % 3_600 / 60);
    if h > 0 {
        format!("{h}h {m:02}m")
    } else if m > 0 {
        format!("{m}m")
    } else {
        format!("{s}s")
    }
}

fn pct(p: &Option<String>) -> String {
    p.as_ref()
        .map(|p| format!("{p} %"))
        .unwrap_or_else(|| "-".to_string())
}

fn or_dash(s: &Option<String>) -> String {
    s.clone().unwrap_or_else(|| "-".to_string())
}

/// The document, in the order the report is read.
pub(super) fn document(r: &Report) -> Vec<Block<'_>> {
    use Block::*;
    let mut d = Vec::new();
    let currency: &str = r.owed.currency.as_deref().unwrap_or("");
    let money = move |a: &Option<String>| match a {
        Some(a) => format!("{a} {currency}"),
        None => "-".to_string(),
    };
    d.push(Heading(
        1,
        format!("SLA audit: {} — {}", r.contract.name, r.period.month),
        "top",
    ));
    let mut period = vec![
        vec![
            "Period".to_string(),
            format!(
                "{} to {} ({}; times below are in this zone)",
                local(&r.period.from),
                local(&r.period.to),
                r.period.timezone
            ),
        ],
        vec![
            "Contract".to_string(),
            format!("{} ({})", r.contract.key, r.contract.source),
        ],
        vec![
            "Plan".to_string(),
            r.contract
                .plan
                .clone()
                .unwrap_or_else(|| "each ticket's own".to_string()),
        ],
        vec!["Report made".to_string(), local(&r.period.made_at)],
    ];
    if r.period.open_tickets > 0 {
        period.push(vec![
            "Open tickets".to_string(),
            format!(
                "{} ticket(s) of the month were still open; they are judged as of {}",
                r.period.open_tickets,
                local(&r.period.judged_as_of)
            ),
        ]);
    }
    d.push(Table {
        head: vec!["", ""],
        rows: Box::new(period.into_iter()),
        numeric: vec![],
    });
    d.push(Heading(2, "Sources".into(), "sources"));
    d.push(Table {
        head: vec!["Input", "File", "Rows", "Rejected", "Other months"],
        rows: Box::new(r.sources.iter().map(|s| {
            vec![
                s.role.clone(),
                s.file.clone(),
                s.rows.to_string(),
                s.rejected.to_string(),
                s.outside_month.map_or("-".into(), |n| n.to_string()),
            ]
        })),
        numeric: vec![2, 3, 4],
    });

    d.push(Heading(2, "Headline".into(), "headline"));
    let mut head: Vec<String> = r
        .headline
        .compliance
        .iter()
        .map(|h| {
            format!(
                "{} compliance: {} ({} met of {} decided)",
                h.target.replace('_', " "),
                pct(&h.compliance_percent),
                h.met,
                h.decided
            )
        })
        .collect();
    head.push(format!(
        "Breached targets: {}; missed status reports: {}",
        r.headline.breaches, r.headline.missed_reports
    ));
    head.push(match &r.headline.owed_amount {
        Some(a) => format!("Owed by the vendor: {a} {currency} (credits plus penalties)"),
        None => "Owed by the vendor: in percent of the monthly fee below (give --fee and --currency for amounts)".to_string(),
    });
    head.push(match &r.headline.next_claim_deadline {
        Some(t) => format!(
            "Claims to file: {}, the first by {}",
            r.headline.claims_due,
            local(t)
        ),
        None => "Claims to file: none".to_string(),
    });
    d.push(Bullets(head));

    d.push(Heading(
        2,
        "Compliance per priority and target".into(),
        "compliance",
    ));
    d.push(Chart(self::Chart::Compliance));
    d.push(Table {
        head: vec![
            "Target",
            "Priority",
            "Tickets",
            "Met",
            "Breached",
            "Overdue",
            "Open",
            "Not covered",
            "Excluded",
            "No target",
            "No data",
            "Compliance",
        ],
        rows: Box::new(r.compliance.iter().map(|c| {
            let n = &c.counts;
            vec![
                c.target.clone(),
                c.priority.clone().unwrap_or_else(|| "all".into()),
                n.tickets.to_string(),
                n.met.to_string(),
                n.breached.to_string(),
                n.overdue.to_string(),
                n.open.to_string(),
                n.not_covered.to_string(),
                n.excluded.to_string(),
                n.no_target.to_string(),
                n.no_data.to_string(),
                pct(&c.compliance_percent),
            ]
        })),
        numeric: (2..12).collect(),
    });

    d.push(Heading(2, "Breaches".into(), "breaches"));
    if r.breaches.is_empty() {
        d.push(Para("No target was breached or is overdue.".into()));
    } else {
        d.push(Table {
            head: vec![
                "Ticket", "Priority", "Target", "Promise", "Due", "Actual", "Overrun", "Clause",
            ],
            rows: Box::new(r.breaches.iter().map(|b| {
                let on = if b.overrun_on == "clock" {
                    format!("of {} clock", b.clock)
                } else {
                    "calendar".to_string()
                };
                vec![
                    b.ticket.clone(),
                    b.priority.to_string(),
                    b.target.to_string(),
                    b.promise.to_string(),
                    b.due.map(|d| local(&d.to_string())).unwrap_or_default(),
                    b.actual
                        .map(|a| local(&a.to_string()))
                        .unwrap_or_else(|| "overdue (none yet)".into()),
                    format!("{} {on}", duration(b.overrun_seconds)),
                    b.clause.to_string(),
                ]
            })),
            numeric: vec![],
        });
    }

    d.push(Heading(2, "Missed status reports".into(), "status-reports"));
    let cadence = r
        .compliance
        .iter()
        .find(|c| c.target == "status_update" && c.priority.is_none());
    let not_judged = cadence.map_or(0, |c| c.counts.no_data);
    if not_judged > 0 {
        d.push(Para(format!(
            "The status-update cadence of {not_judged} ticket(s) was not judged: give their status reports with --events."
        )));
    }
    if r.missed_reports.is_empty() {
        d.push(Para(
            if cadence.is_none() {
                "The contract promises no status reports."
            } else {
                "No status report was missed among the tickets whose cadence was judged."
            }
            .into(),
        ));
    } else {
        d.push(Table {
            head: vec![
                "Ticket",
                "Priority",
                "Promise",
                "Status",
                "First missed report due",
                "Missed",
                "Updates",
                "Longest gap",
                "Clause",
            ],
            rows: Box::new(r.missed_reports.iter().map(|m| {
                vec![
                    m.ticket.clone(),
                    m.priority.to_string(),
                    m.promise.to_string(),
                    m.status.to_string(),
                    m.first_due
                        .map(|d| local(&d.to_string()))
                        .unwrap_or_default(),
                    m.missed.to_string(),
                    m.updates.to_string(),
                    format!("{} of {} clock", duration(m.longest_gap_seconds), m.clock),
                    m.clause.to_string(),
                ]
            })),
            numeric: vec![5, 6],
        });
    }

    d.push(Heading(
        2,
        "Tickets not covered or excluded".into(),
        "set-aside",
    ));
    if r.set_aside.is_empty() {
        d.push(Para(
            "Every ticket of the month is covered by the contract.".into(),
        ));
    } else {
        d.push(Table {
            head: vec![
                "Ticket", "Priority", "Status", "Targets", "Reason", "Clause",
            ],
            rows: Box::new(r.set_aside.iter().map(|s| {
                vec![
                    s.ticket.clone(),
                    s.priority.to_string(),
                    s.status.to_string(),
                    s.targets.join(", "),
                    s.reason.clone(),
                    s.clause.to_string(),
                ]
            })),
            numeric: vec![],
        });
    }

    d.push(Heading(2, "Availability".into(), "availability"));
    match &r.availability {
        None => d.push(Para(
            "No outages file was given (--outages): availability is not reported.".into(),
        )),
        Some(a) => {
            d.push(Bullets(a.terms.clone()));
            d.push(Table {
                head: vec![
                    "Month",
                    "Product",
                    "Minutes",
                    "Maintenance excused",
                    "Excluded",
                    "Downtime",
                    "Uptime",
                    "Target",
                    "Met",
                    "Credit",
                    "Credit amount",
                ],
                rows: Box::new(a.months.iter().map(move |m| {
                    vec![
                        m.month.clone(),
                        or_dash(&m.product),
                        m.minutes_in_month.clone(),
                        m.excused_minutes.clone(),
                        m.excluded_minutes.clone(),
                        m.downtime_minutes.clone(),
                        format!("{} %", m.uptime_percent),
                        pct(&m.target_percent),
                        m.target_met
                            .map_or("-".into(), |b| if b { "yes" } else { "no" }.into()),
                        pct(&m.credit_percent),
                        money(&m.credit_amount),
                    ]
                })),
                numeric: vec![2, 3, 4, 5, 6, 7, 9, 10],
            });
            d.push(Chart(self::Chart::Downtime));
            if !a.outages.is_empty() {
                d.push(Heading(3, "Outages".into(), "outages"));
                d.push(Table {
                    head: vec![
                        "Outage",
                        "Product",
                        "Start",
                        "End",
                        "Treatment",
                        "Counted min",
                        "Excused min",
                        "Excluded min",
                        "Clause",
                    ],
                    rows: Box::new(a.outages.iter().map(|o| {
                        vec![
                            o.id.clone(),
                            or_dash(&o.product),
                            opt_local(&o.start),
                            opt_local(&o.end),
                            o.treatment.replace('_', " "),
                            o.counted_minutes.clone(),
                            o.excused_minutes.clone(),
                            o.excluded_minutes.clone(),
                            or_dash(&o.clause),
                        ]
                    })),
                    numeric: vec![5, 6, 7],
                });
            }
        }
    }

    d.push(Heading(2, "Ticket penalties".into(), "penalties"));
    match &r.penalties {
        None => d.push(Para(
            "The contract attaches no penalty to ticket targets.".into(),
        )),
        Some(p) => {
            let cap = match (&p.cap_percent, &p.cap_clause) {
                (Some(c), Some(cl)) => format!("Cap: {c} % of the monthly fee per month ({cl})."),
                (Some(c), None) => format!("Cap: {c} % of the monthly fee per month."),
                _ => "The contract states no cap.".to_string(),
            };
            if p.months.is_empty() {
                d.push(Para(format!(
                    "No breached target carries a published penalty. {cap}"
                )));
            } else {
                d.push(Table {
                    head: vec!["Month", "Breaches", "Penalty", "After the cap", "Amount"],
                    rows: Box::new(p.months.iter().map(move |m| {
                        vec![
                            m.month.clone(),
                            m.breaches.to_string(),
                            format!("{} %", m.penalty_percent),
                            format!("{} %", m.capped_percent),
                            money(&m.amount),
                        ]
                    })),
                    numeric: vec![1, 2, 3, 4],
                });
                d.push(Para(cap));
            }
            if p.unpublished_breaches > 0 {
                d.push(Para(format!(
                    "{} breached target(s) carry a penalty the contract does not publish; not included.",
                    p.unpublished_breaches
                )));
            }
        }
    }

    d.push(Heading(2, "Quotas and contacts".into(), "quotas"));
    let mut lines: Vec<String> = r.quotas.iter().map(|q| q.line()).collect();
    lines.extend(r.contacts.iter().map(|c| {
        let beyond = c
            .first_beyond
            .as_ref()
            .map_or(String::new(), |b| format!("; first beyond the limit: {b}"));
        format!(
            "Contacts of plan {}: {} distinct reporter(s), limit {}{beyond} ({})",
            c.plan, c.reporters, c.limit, c.clause
        )
    }));
    if lines.is_empty() {
        d.push(Para(
            "The contract sets no ticket quota, or no named-contact limit this run could judge."
                .into(),
        ));
    } else {
        d.push(Bullets(lines));
    }

    d.push(Heading(2, "Total owed".into(), "owed"));
    let o = &r.owed;
    d.push(Table {
        head: vec!["", "Percent of the monthly fee", "Amount"],
        rows: Box::new(
            vec![
                vec![
                    "Service credits".into(),
                    pct(&o.credits_percent),
                    money(&o.credits_amount),
                ],
                vec![
                    "Ticket penalties".into(),
                    pct(&o.penalties_percent),
                    money(&o.penalties_amount),
                ],
                vec![
                    "Total".into(),
                    pct(&o.total_percent),
                    money(&o.total_amount),
                ],
            ]
            .into_iter(),
        ),
        numeric: vec![1, 2],
    });
    d.push(Para(match (&o.applied, &o.applied_clause) {
        (Some(a), _) => format!("Applied {a}."),
        (None, Some(cl)) => {
            format!("The contract does not say which invoice the credits apply to ({cl}).")
        }
        (None, None) => "The contract states no service credits.".to_string(),
    }));

    d.push(Heading(2, "Claims".into(), "claims"));
    if r.claims.is_empty() {
        d.push(Para(
            "No credit of this month needs a claim (the contract sets no claim deadline, or no failure earns a credit).".into(),
        ));
    } else {
        d.push(Table {
            head: vec![
                "Outage",
                "Product",
                "Request in writing by",
                "Requested",
                "Status",
                "Credit",
                "Clause",
            ],
            rows: Box::new(r.claims.iter().map(|c| {
                vec![
                    c.outage.clone(),
                    or_dash(&c.product),
                    local(&c.deadline),
                    opt_local(&c.requested_at),
                    c.status.clone(),
                    pct(&c.credit_percent),
                    c.clause.clone(),
                ]
            })),
            numeric: vec![5],
        });
    }

    if let Some(c) = &r.comparison {
        d.push(Heading(
            2,
            format!("What-if: under {}", c.against),
            "what-if",
        ));
        d.push(Table {
            head: vec![
                "Priority",
                "Target",
                "Breaches now",
                "Breaches under it",
                "Avoided",
                "Added",
            ],
            rows: Box::new(c.rows.iter().map(|x| {
                vec![
                    x.priority.clone(),
                    x.target.clone(),
                    x.breaches_here.to_string(),
                    x.breaches_there.to_string(),
                    x.avoided.to_string(),
                    x.added.to_string(),
                ]
            })),
            numeric: vec![2, 3, 4, 5],
        });
        d.push(Bullets(vec![
            format!("Credits: difference {}", or_dash(&c.credits_difference)),
            format!("Penalties: difference {}", or_dash(&c.penalties_difference)),
            format!("Total owed: difference {}", or_dash(&c.total_difference)),
        ]));
    }

    d.push(Heading(2, "Assumptions in force".into(), "assumptions"));
    d.push(Table {
        head: vec!["Applies to", "Reading the text does not state", "Clause"],
        rows: Box::new(
            r.assumptions
                .iter()
                .map(|a| vec![a.applies_to.clone(), a.text.clone(), or_dash(&a.clause)]),
        ),
        numeric: vec![],
    });
    d.push(Heading(2, "Missing terms".into(), "missing"));
    if r.missing_terms.is_empty() {
        d.push(Para(
            "The contract publishes every term it refers to.".into(),
        ));
    } else {
        d.push(Table {
            head: vec!["Term not published", "Clause"],
            rows: Box::new(
                r.missing_terms
                    .iter()
                    .map(|m| vec![m.term.clone(), m.clause.clone()]),
            ),
            numeric: vec![],
        });
    }
    if !r.warnings.is_empty() {
        d.push(Heading(2, "Warnings".into(), "warnings"));
        d.push(Bullets(r.warnings.clone()));
    }
    d
}
