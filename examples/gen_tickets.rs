//! Writes a realistic tickets CSV for a shipped contract to standard output.
//!
//! ```text
//! cargo run --release --example gen_tickets -- --contract audara --rows 1000000 --seed 7 > tickets.csv
//! cargo run --release --example gen_tickets -- --contract audara --rows 1000000 --events events.csv > tickets.csv
//! ```
//!
//! The file uses every plan, priority, channel and category of the contract (read
//! from the contract itself), about 20% of the tickets are created outside business
//! hours and some on the contract's holidays, some tickets are still open (no
//! response or no resolution; mostly the recent ones, plus a small stale backlog),
//! and events come at plausible delays measured on the
//! ticket's own clock, some of them late. Timestamps are mostly naive local times
//! in the contract's zone, some RFC 3339 with an offset; priorities sometimes use an
//! alias. The output depends only on the arguments (a small built-in PRNG), rows
//! are sorted by creation day, and memory does not grow with `--rows`.
//!
//! With `--events FILE` it also writes an events file (`ticket_id,at,kind,note`),
//! about three events per ticket: status updates at gaps around the contract's
//! cadence (some late), pauses on the customer and their resumes (some never
//! resumed, a few repeated), and a share of events for tickets the file does not
//! hold. Each ticket's events are written together, in time order.

use std::io::{self, BufWriter};
use std::process::ExitCode;

use chrono::{Datelike, Days, NaiveDate, NaiveTime};
use slaudit::clock::Schedule;
use slaudit::contract::{Contract, Span, TargetKind, TargetStatus};
use slaudit::localtime::{format_rfc3339, resolve_forward, resolve_strict, to_local};

/// SplitMix64: tiny, fast and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `percent` / 100.
    fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// Uniform in `[lo, hi)`.
    fn float(&mut self, lo: f64, hi: f64) -> f64 {
        let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        lo + u * (hi - lo)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

struct Args {
    contract: String,
    rows: u64,
    seed: u64,
    events: Option<String>,
    /// Spread the tickets over this many days from the start (default: about
    /// a day per 2 700 tickets, at least a year's worth of days).
    days: Option<u64>,
}

fn usage() -> String {
    "usage: gen_tickets --contract NAME --rows N [--seed S] [--events FILE] [--days N]".to_string()
}

fn parse_args() -> Result<Args, String> {
    let mut contract = None;
    let mut rows = None;
    let mut seed = 1;
    let mut events = None;
    let mut days = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .ok_or_else(|| format!("{a} needs a value\n{}", usage()))
        };
        match a.as_str() {
            "--contract" => contract = Some(value()?),
            "--rows" => {
                let v = value()?;
                rows = Some(
                    v.parse()
                        .map_err(|_| format!("--rows: '{v}' is not a number"))?,
                );
            }
            "--seed" => {
                let v = value()?;
                seed = v
                    .parse()
                    .map_err(|_| format!("--seed: '{v}' is not a number"))?;
            }
            "--events" => events = Some(value()?),
            "--days" => {
                let v = value()?;
                days = Some(
                    v.parse::<u64>()
                        .ok()
                        .filter(|d| *d > 0)
                        .ok_or_else(|| format!("--days: '{v}' is not a number of days"))?,
                );
            }
            "-h" | "--help" => return Err(usage()),
            other => return Err(format!("unknown argument '{other}'\n{}", usage())),
        }
    }
    Ok(Args {
        contract: contract.ok_or_else(usage)?,
        rows: rows.ok_or_else(usage)?,
        seed,
        events,
        days,
    })
}

fn load(name: &str) -> Result<Contract, String> {
    let (file, text) = slaudit::shipped::contract(name).ok_or_else(|| {
        let known: Vec<&str> = slaudit::shipped::CONTRACTS.iter().map(|c| c.0).collect();
        format!("unknown contract '{name}' (shipped: {})", known.join(", "))
    })?;
    slaudit::contract::load::load_contract(text, file, &|n| {
        slaudit::shipped::calendar(n).map(|(f, t)| (f.to_string(), t.to_string()))
    })
    .map_err(|e| e.to_string())
}

/// First creation day of every generated file.
const START: (i32, u32, u32) = (2024, 1, 1);
/// Tickets per day in large files (1 000 000 rows span about three and a half years).
const PER_DAY: u64 = 800;

/// Open intervals (seconds since midnight) of a local date on a schedule; a 24x7
/// schedule is treated as office hours 08:00-18:00 on weekdays, so that "outside
/// business hours" still means nights and weekends there.
fn office(c: &Contract, schedule: &Schedule, d: NaiveDate) -> Vec<(u32, u32)> {
    let wd = d.weekday().num_days_from_monday() as usize;
    match schedule {
        Schedule::Always => {
            if wd < 5 {
                vec![(8 * 3600, 18 * 3600)]
            } else {
                Vec::new()
            }
        }
        Schedule::Weekly(w) => {
            if w.closed_on_holidays() && c.holidays.is_holiday(d) {
                Vec::new()
            } else {
                w.intervals(wd).to_vec()
            }
        }
    }
}

struct Gen<'c> {
    c: &'c Contract,
    rng: Rng,
    /// Schedule creation times are drawn against, per plan.
    plan_schedule: Vec<&'c Schedule>,
    /// Labels a priority may be written as (key first, then aliases).
    priority_labels: Vec<Vec<&'c str>>,
    workaround: bool,
    categories: bool,
    prefix: String,
}

impl<'c> Gen<'c> {
    fn new(c: &'c Contract, seed: u64) -> Self {
        // A plan without hours (not published) borrows the first weekly schedule.
        let fallback = c
            .schedules
            .iter()
            .map(|s| &s.schedule)
            .find(|s| matches!(s, Schedule::Weekly(_)))
            .or_else(|| c.schedules.first().map(|s| &s.schedule))
            .unwrap_or(&Schedule::Always);
        let plan_schedule = c
            .plans
            .iter()
            .map(|p| p.schedule.map_or(fallback, |s| &c.schedules[s].schedule))
            .collect();
        let priority_labels = c
            .priorities
            .iter()
            .map(|p| {
                std::iter::once(p.key.as_str())
                    .chain(p.aliases.iter().map(String::as_str))
                    .collect()
            })
            .collect();
        Gen {
            c,
            rng: Rng(seed ^ 0x5EED_0F71_C4E7),
            plan_schedule,
            priority_labels,
            workaround: c.has_kind(TargetKind::Workaround),
            categories: !c.categories.is_empty(),
            prefix: c.key.to_uppercase(),
        }
    }

    fn header(&self) -> Vec<&'static str> {
        let mut h = vec!["id", "plan", "priority", "channel"];
        if self.categories {
            h.push("category");
        }
        h.extend(["created_at", "first_response_at"]);
        if self.workaround {
            h.push("workaround_at");
        }
        h.push("resolved_at");
        h
    }

    /// A creation instant near `day`: inside business hours (about 78%), outside
    /// them (about 20%), or on one of the contract's holidays (about 2%).
    fn created(&mut self, schedule: &Schedule, day: NaiveDate) -> i64 {
        let c = self.c;
        let roll = self.rng.below(100);
        let (date, secs) = if roll < 2 {
            let holiday = c
                .holidays
                .in_year(day.year())
                .into_iter()
                .chain(c.holidays.in_year(day.year() + 1))
                .find(|h| h.date >= day)
                .map_or(day, |h| h.date);
            (holiday, self.rng.range(7 * 3600, 20 * 3600) as u32)
        } else if roll < 22 {
            // Outside hours: a closed day, or a closed time of an open day.
            let mut d = day;
            if self.rng.percent(40) {
                for _ in 0..7 {
                    if office(c, schedule, d).is_empty() {
                        break;
                    }
                    d = d + Days::new(1);
                }
            }
            let open = office(c, schedule, d);
            let mut s = self.rng.below(86_400) as u32;
            for _ in 0..32 {
                if !open.iter().any(|&(a, b)| s >= a && s < b) {
                    break;
                }
                s = self.rng.below(86_400) as u32;
            }
            (d, s)
        } else {
            let mut d = day;
            let mut open = office(c, schedule, d);
            for _ in 0..30 {
                if !open.is_empty() {
                    break;
                }
                d = d + Days::new(1);
                open = office(c, schedule, d);
            }
            match open.as_slice() {
                [] => (d, self.rng.below(86_400) as u32),
                list => {
                    let &(a, b) = self.rng.pick(list);
                    (d, self.rng.range(i64::from(a), i64::from(b) - 1) as u32)
                }
            }
        };
        let time = NaiveTime::from_num_seconds_from_midnight_opt(secs.min(86_399), 0)
            .unwrap_or(NaiveTime::MIN);
        resolve_forward(c.tz, date.and_time(time)).timestamp()
    }

    /// When an event happens `fraction` of the way to the target's allowance (more
    /// than 1 breaches), measured on the ticket's own clock; a plausible real delay
    /// up to `fallback` seconds when the contract sets no figure.
    #[allow(clippy::too_many_arguments)]
    fn event(
        &mut self,
        plan: usize,
        priority: usize,
        channel: Option<usize>,
        category: Option<usize>,
        kind: TargetKind,
        from: i64,
        fraction: f64,
        fallback: i64,
    ) -> i64 {
        let c = self.c;
        let planned = c
            .target(plan, priority, kind, category)
            .filter(|t| t.status == TargetStatus::Committed)
            .and_then(|t| {
                let s = c.schedule_for(t, plan, priority, channel)?;
                let span = t.span(&c.schedules[s].schedule)?;
                Some((s, span))
            });
        let (t, allowance) = match planned {
            Some((s, Span::Seconds(n))) => {
                let amount = ((n as f64) * fraction).round().max(1.0) as i64;
                (c.clock(s).add(from, amount).unwrap_or(from + amount), n)
            }
            Some((_, Span::CalendarDays(n))) => {
                let n = i64::from(n) * 86_400;
                (from + ((n as f64) * fraction).round() as i64, n)
            }
            None => (from + self.rng.range(300, fallback.max(301)), fallback),
        };
        // People do not answer on the exact second a clock allows.
        t + if self.rng.percent(30) {
            self.rng.range(0, (allowance / 20).clamp(1, 900))
        } else {
            0
        }
    }

    /// A ticket's events as (instant, kind, note), in time order, into `out`:
    /// status updates from the first response (or the creation) at gaps of 0.4 to
    /// 1.3 times the cadence on the target's own clock (up to five), and for one
    /// ticket in five a wait on the customer, resumed after ten minutes to three
    /// days (never resumed one time in seven; paused twice one time in fifty).
    #[allow(clippy::too_many_arguments)]
    fn events(
        &mut self,
        plan: usize,
        priority: usize,
        channel: Option<usize>,
        category: Option<usize>,
        created: i64,
        response: Option<i64>,
        resolution: Option<i64>,
        out: &mut Vec<(i64, &'static str, &'static str)>,
    ) {
        out.clear();
        let start = response.unwrap_or(created);
        let end = resolution.unwrap_or(start + 5 * 86_400);
        let mut t = start;
        for _ in 0..5 {
            let f = self.rng.float(0.4, 1.3);
            t = self.event(
                plan,
                priority,
                channel,
                category,
                TargetKind::StatusUpdate,
                t,
                f,
                86_400,
            );
            if t >= end {
                break;
            }
            out.push((t, "update", ""));
        }
        if self.rng.percent(20) && end > created + 60 {
            let p = self.rng.range(created + 1, end - 1);
            out.push((p, "pause", "waiting on the customer"));
            if self.rng.percent(2) {
                out.push((p + 60, "pause", "still waiting"));
            }
            if !self.rng.percent(14) {
                out.push((
                    p + self.rng.range(600, 3 * 86_400),
                    "resume",
                    "customer replied",
                ));
            }
        }
        out.sort_by_key(|e| e.0);
    }

    /// Formats an instant the way exports do: mostly naive local time in the
    /// contract zone, sometimes RFC 3339 (always when the wall time is ambiguous
    /// or skipped by a DST change).
    fn stamp(&mut self, t: i64, out: &mut String) {
        out.clear();
        let tz = self.c.tz;
        let local = to_local(tz, t);
        if self.rng.percent(10) || resolve_strict(tz, local).is_err() {
            out.push_str(&format_rfc3339(tz, t));
        } else {
            use std::fmt::Write as _;
            let _ = write!(
                out,
                "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
                local.year(),
                local.month(),
                local.day(),
                chrono::Timelike::hour(&local),
                chrono::Timelike::minute(&local),
                chrono::Timelike::second(&local)
            );
        }
    }
}

fn run(args: Args) -> Result<(), String> {
    let c = load(&args.contract)?;
    let mut g = Gen::new(&c, args.seed);
    let start = NaiveDate::from_ymd_opt(START.0, START.1, START.2).unwrap_or_default();
    let span_days = args
        .days
        .unwrap_or_else(|| (args.rows / PER_DAY).max(args.rows.min(365)).max(1));
    let stdout = io::stdout();
    let mut w = csv::WriterBuilder::new()
        .flexible(false)
        .from_writer(BufWriter::with_capacity(1 << 16, stdout.lock()));
    let io_err = |e: csv::Error| e.to_string();
    w.write_record(g.header()).map_err(io_err)?;
    let (mut created_s, mut resp_s, mut work_s, mut res_s) =
        (String::new(), String::new(), String::new(), String::new());
    let mut id = String::new();
    let mut events_out = match &args.events {
        Some(path) => {
            let f = std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?;
            let mut w = csv::Writer::from_writer(BufWriter::with_capacity(1 << 16, f));
            w.write_record(["ticket_id", "at", "kind", "note"])
                .map_err(io_err)?;
            Some(w)
        }
        None => None,
    };
    let mut evs = Vec::new();
    let mut ev_s = String::new();
    for i in 0..args.rows {
        let day = start + Days::new(i * span_days / args.rows);
        let plan = g.rng.below(c.plans.len() as u64) as usize;
        let priority = g.rng.below(c.priorities.len() as u64) as usize;
        let priority_text = if g.rng.percent(5) {
            *g.rng.pick(&g.priority_labels[priority])
        } else {
            c.priorities[priority].key.as_str()
        };
        let channel = if c.channels.is_empty() || g.rng.percent(3) {
            None
        } else {
            Some(g.rng.below(c.channels.len() as u64) as usize)
        };
        let category = if g.categories && g.rng.percent(70) {
            Some(g.rng.below(c.categories.len() as u64) as usize)
        } else {
            None
        };
        let schedule = g.plan_schedule[plan];
        let created = g.created(schedule, day);

        // Open tickets are mostly recent: in the last 5% of the file 15% have no
        // response and 40% of the answered ones no resolution; before that, a stale
        // backlog of 1% unanswered and 3% unresolved.
        let recent = i * 20 >= args.rows * 19;
        let (no_response, no_resolution) = if recent { (15, 40) } else { (1, 3) };
        let response = if g.rng.percent(no_response) {
            None
        } else {
            let f = g.rng.float(0.05, 1.25);
            Some(g.event(
                plan,
                priority,
                channel,
                category,
                TargetKind::Response,
                created,
                f,
                2 * 86_400,
            ))
        };
        let resolution = match response {
            Some(r) if !g.rng.percent(no_resolution) => {
                let f = g.rng.float(0.1, 1.3);
                let t = g.event(
                    plan,
                    priority,
                    channel,
                    category,
                    TargetKind::Resolution,
                    created,
                    f,
                    10 * 86_400,
                );
                Some(t.max(r + g.rng.range(30, 600)))
            }
            _ => None,
        };
        let workaround = match (g.workaround, response, resolution) {
            (true, Some(r), Some(z)) if g.rng.percent(30) => Some(g.rng.range(r, z)),
            _ => None,
        };

        id.clear();
        {
            use std::fmt::Write as _;
            let _ = write!(id, "{}-{}", g.prefix, i + 1);
        }
        g.stamp(created, &mut created_s);
        match response {
            Some(t) => g.stamp(t, &mut resp_s),
            None => resp_s.clear(),
        }
        match workaround {
            Some(t) => g.stamp(t, &mut work_s),
            None => work_s.clear(),
        }
        match resolution {
            Some(t) => g.stamp(t, &mut res_s),
            None => res_s.clear(),
        }
        w.write_field(&id).map_err(io_err)?;
        w.write_field(&c.plans[plan].key).map_err(io_err)?;
        w.write_field(priority_text).map_err(io_err)?;
        w.write_field(channel.map_or("", |ch| c.channels[ch].key.as_str()))
            .map_err(io_err)?;
        if g.categories {
            w.write_field(category.map_or("", |k| c.categories[k].key.as_str()))
                .map_err(io_err)?;
        }
        w.write_field(&created_s).map_err(io_err)?;
        w.write_field(&resp_s).map_err(io_err)?;
        if g.workaround {
            w.write_field(&work_s).map_err(io_err)?;
        }
        w.write_field(&res_s).map_err(io_err)?;
        w.write_record(None::<&[u8]>).map_err(io_err)?;
        if let Some(ew) = events_out.as_mut() {
            g.events(
                plan, priority, channel, category, created, response, resolution, &mut evs,
            );
            for &(t, kind, note) in &evs {
                g.stamp(t, &mut ev_s);
                ew.write_record([id.as_str(), &ev_s, kind, note])
                    .map_err(io_err)?;
            }
            // Events of tickets the tickets file does not hold.
            if g.rng.percent(3) {
                g.stamp(created, &mut ev_s);
                let other = format!("{}-X{}", g.prefix, i + 1);
                ew.write_record([other.as_str(), &ev_s, "update", "other queue"])
                    .map_err(io_err)?;
            }
        }
    }
    w.flush().map_err(|e| e.to_string())?;
    if let Some(mut ew) = events_out {
        ew.flush().map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gen_tickets: {e}");
            return ExitCode::from(2);
        }
    };
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.contains("Broken pipe") => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_tickets: {e}");
            ExitCode::from(1)
        }
    }
}
