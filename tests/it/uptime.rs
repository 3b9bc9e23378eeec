//! Availability, maintenance windows, exclusions and service credits: the shipped
//! contracts' terms against hand-worked months, then `slaudit uptime` end to end.
//! Every expected figure is worked out by hand in the comment above it.

use predicates::prelude::*;
use rust_decimal::Decimal;
use slaudit::availability::report::{evaluate, Claim, Month, Options, Report, Treatment};
use slaudit::contract::Contract;
use slaudit::money::Fee;
use slaudit::read::outages::{OutageReader, OutageRow, RowParser};

use crate::util::{csv_rows, field, shipped, slaudit, temp_file};

fn dec(s: &str) -> Decimal {
    s.parse().expect("decimal literal")
}

fn month(s: &str) -> Month {
    Month::parse(s).expect("month")
}

/// Parses an outages CSV against a contract, as the command does.
fn rows(c: &Contract, csv: &str, product: Option<&str>) -> Vec<OutageRow> {
    let av = c.availability.as_ref().expect("availability terms");
    let parser = RowParser {
        availability: av,
        contract_key: &c.key,
        input_tz: c.tz,
        default_product: product.map(|p| av.product(p).expect("product")),
    };
    let mut reader = OutageReader::new(csv.as_bytes()).expect("header");
    let mut out = Vec::new();
    while let Some(r) = reader.next_row(&parser) {
        out.push(r);
    }
    out
}

fn run(c: &Contract, csv: &str, opts: &Options) -> (Vec<OutageRow>, Report) {
    let product = opts
        .product
        .map(|p| c.availability.as_ref().unwrap().products[p].key.clone());
    let rows = rows(c, csv, product.as_deref());
    for r in &rows {
        assert!(r.error.is_none(), "line {}: {:?}", r.line, r.error);
    }
    let report = evaluate(c, c.availability.as_ref().unwrap(), &rows, opts).expect("no overflow");
    (rows, report)
}

fn opts_for(c: &Contract, plan: Option<&str>, product: Option<&str>, m: Option<&str>) -> Options {
    let av = c.availability.as_ref().unwrap();
    Options {
        month: m.map(month),
        plan: plan.map(|p| c.plan(p).expect("plan")),
        product: product.map(|p| av.product(p).expect("product")),
        fee: None,
    }
}

/// Seconds in `min` whole minutes.
fn mins(min: i64) -> i64 {
    min * 60
}

// ---------------------------------------------------------------------------
// Adereso: 99 % per month, discount = 100 % - uptime (§6, §6.1).

#[test]
fn adereso_reproduces_the_example_of_the_text() {
    let c = shipped("adereso");
    // June 2026 in Santiago has no clock change (Chile leaves DST on 5 April and
    // re-enters on 6 September 2026): 30 days x 24 h = 720 h = 43 200 min.
    // 10 h 30 min of downtime = 630 min. Uptime = (43 200 - 630) / 43 200
    // = 42 570 / 43 200 = 0.985416... = 98.54 % (two decimals); the text's
    // discount is 100 % - 98.54 % = 1.46 %. On a fee of 1 000 000 CLP:
    // 1 000 000 x 1.46 / 100 = 14 600 CLP (pesos have no minor unit).
    let csv = "id,product,start,end\nP1,postcenter,2026-06-10 00:30,2026-06-10 11:00\n";
    let mut opts = opts_for(&c, Some("enterprise"), Some("postcenter"), None);
    opts.fee = Some(Fee::parse("1000000", "CLP").unwrap());
    let (_, r) = run(&c, csv, &opts);
    assert_eq!(r.months.len(), 1);
    let m = &r.months[0];
    assert_eq!(m.month, month("2026-06"));
    assert_eq!(m.seconds, mins(43_200));
    assert_eq!(m.downtime, mins(630));
    assert_eq!(m.uptime, dec("98.54"));
    assert_eq!(m.target, Some(dec("99")));
    assert_eq!(m.target_met, Some(false));
    assert_eq!(m.credit, Some(dec("1.46")));
    assert_eq!(m.amount, Some(dec("14600")));
}

#[test]
fn adereso_rounds_the_uptime_half_away_from_zero_before_subtracting() {
    let c = shipped("adereso");
    // 26 568 s of downtime in June 2026 (2 592 000 s): the exact shortfall is
    // 26 568 / 2 592 000 = 1.025 %, so the exact uptime is 98.975 %. Rounded to
    // two decimals half away from zero that is 98.98 %, and the discount is
    // 100 - 98.98 = 1.02 %. (Rounding the shortfall instead would give 1.03 %:
    // the contract's example subtracts the rounded uptime, so 1.02 % it is.)
    // 26 568 s = 7 h 22 min 48 s.
    let csv = "id,product,start,end\nP1,postcenter,2026-06-10 00:00:00,2026-06-10 07:22:48\n";
    let opts = opts_for(&c, Some("avanzado"), Some("postcenter"), None);
    let (_, r) = run(&c, csv, &opts);
    let m = &r.months[0];
    assert_eq!(m.downtime, 26_568);
    assert_eq!(m.uptime, dec("98.98"));
    assert_eq!(m.credit, Some(dec("1.02")));
}

#[test]
fn adereso_target_met_at_exactly_99_percent() {
    let c = shipped("adereso");
    // 1 % of 43 200 min is 432 min: uptime exactly 99.00 %, not below 99 %, so
    // no discount. One more second and the exact uptime is below 99 %: the target
    // is missed, the two-decimal uptime is still 99.00 %, and the discount is
    // 100 - 99.00 = 1.00 % (the text's rule jumps from nothing to the whole
    // shortfall as soon as the month is below 99 %).
    let opts = opts_for(&c, Some("enterprise"), Some("postcenter"), None);
    let (_, r) = run(
        &c,
        "id,product,start,end\nP1,postcenter,2026-06-01 00:00,2026-06-01 07:12\n",
        &opts,
    );
    assert_eq!(r.months[0].target_met, Some(true));
    assert_eq!(r.months[0].credit, Some(dec("0.00")));
    let (_, r) = run(
        &c,
        "id,product,start,end\nP1,postcenter,2026-06-01 00:00,2026-06-01 07:12:01\n",
        &opts,
    );
    assert_eq!(r.months[0].target_met, Some(false));
    assert_eq!(r.months[0].uptime, dec("99.00"));
    assert_eq!(r.months[0].credit, Some(dec("1.00")));
}

#[test]
fn adereso_discount_only_on_avanzado_and_enterprise() {
    let c = shipped("adereso");
    let csv = "id,product,start,end\nP1,postcenter,2026-06-10 00:30,2026-06-10 11:00\n";
    // Plan basico earns no discount (§6.1: "sólo en los planes de Soporte
    // Avanzado y Enterprise"): the same month as the example gives 0.00 %.
    let (_, r) = run(
        &c,
        csv,
        &opts_for(&c, Some("basico"), Some("postcenter"), None),
    );
    assert_eq!(r.months[0].credit, Some(dec("0.00")));
    assert!(r.months[0]
        .note
        .as_deref()
        .unwrap()
        .contains("avanzado, enterprise"));
    // Without --plan the figure is shown, with a warning that it depends on the plan.
    let (_, r) = run(&c, csv, &opts_for(&c, None, Some("postcenter"), None));
    assert_eq!(r.months[0].credit, Some(dec("1.46")));
    assert!(r
        .warnings
        .iter()
        .any(|w| w.contains("only on plans avanzado, enterprise")));
}

#[test]
fn adereso_measures_each_product_separately() {
    let c = shipped("adereso");
    // 630 min down on Postcenter and 60 min on Botcenter in June: two month rows,
    // 630 and 60 min; the Botcenter outage does not lower Postcenter's uptime.
    let csv = "id,product,start,end\n\
               P1,postcenter,2026-06-10 00:30,2026-06-10 11:00\n\
               B1,Botcenter,2026-06-11 10:00,2026-06-11 11:00\n";
    let (_, r) = run(&c, csv, &opts_for(&c, Some("enterprise"), None, None));
    assert_eq!(r.months.len(), 2);
    let av = c.availability.as_ref().unwrap();
    let post = r
        .months
        .iter()
        .find(|m| m.product == av.product("postcenter"))
        .unwrap();
    let bot = r
        .months
        .iter()
        .find(|m| m.product == av.product("botcenter"))
        .unwrap();
    assert_eq!(post.downtime, mins(630));
    assert_eq!(bot.downtime, mins(60));
    // --product postcenter keeps only Postcenter's outages.
    let (_, r) = run(
        &c,
        csv,
        &opts_for(&c, Some("enterprise"), Some("postcenter"), None),
    );
    assert_eq!(r.months.len(), 1);
    assert_eq!(r.outages.len(), 1);
    // A row without a product is an error unless --product names one.
    let bad = rows(
        &c,
        "id,start,end\nX,2026-06-10 00:30,2026-06-10 11:00\n",
        None,
    );
    assert_eq!(bad[0].error.as_ref().unwrap().column, "product");
}

// ---------------------------------------------------------------------------
// Clever: 99.95 %, credit bands 5 / 8 / 10 % (percentage reading decides).

/// (minutes of downtime, credit by the percentage bands, credit by the minute bands)
fn clever_case(m: &str, start: &str, minutes: i64) -> (Decimal, Decimal, bool) {
    let c = shipped("clever");
    let end_secs = mins(minutes);
    let start_t = slaudit::localtime::parse_timestamp(start, c.tz).unwrap();
    let end = slaudit::localtime::format_rfc3339(c.tz, start_t + end_secs);
    let csv = format!("id,start,end\nX,{start},{end}\n");
    let (_, r) = run(&c, &csv, &opts_for(&c, None, None, Some(m)));
    let row = &r.months[0];
    assert_eq!(row.downtime, end_secs);
    let warned = r
        .warnings
        .iter()
        .any(|w| w.contains("the minute bands give"));
    (row.credit.unwrap(), row.other_reading.unwrap(), warned)
}

#[test]
fn clever_band_edges_in_a_30_day_month() {
    // April 2026, Mexico City (no DST since 2022): 30 x 1 440 = 43 200 min.
    // Percentage edges: 0.05 % = 21.6 min, 0.10 % = 43.2 min, 0.15 % = 64.8 min.
    //   21 min: 99.9513 % >= 99.95          -> 0 %   minutes: 21 < 22   -> 0 %
    //   22 min: 99.9491 % in [99.90, 99.95) -> 5 %   minutes: 22-43     -> 5 %
    //   43 min: 99.9005 % in [99.90, 99.95) -> 5 %   minutes: 22-43     -> 5 %
    //   44 min: 99.8981 % in [99.85, 99.90) -> 8 %   minutes: 44-65     -> 8 %
    //   65 min: 99.8495 % below 99.85       -> 10 %  minutes: 44-65     -> 8 %  (differ: warn)
    //   66 min: 99.8472 % below 99.85       -> 10 %  minutes: 66+       -> 10 %
    let cases = [
        (21, "0", "0", false),
        (22, "5", "5", false),
        (43, "5", "5", false),
        (44, "8", "8", false),
        (65, "10", "8", true),
        (66, "10", "10", false),
    ];
    for (n, by_pct, by_min, warn) in cases {
        let got = clever_case("2026-04", "2026-04-08 10:00", n);
        assert_eq!(got, (dec(by_pct), dec(by_min), warn), "{n} min in April");
    }
}

#[test]
fn clever_band_edges_in_a_31_day_month() {
    // May 2026: 31 x 1 440 = 44 640 min. Edges: 0.05 % = 22.32 min, 0.10 % =
    // 44.64 min, 0.15 % = 66.96 min.
    //   21 min: 99.9530 % -> 0 %    minutes -> 0 %
    //   22 min: 99.9507 % -> 0 %    minutes -> 5 %   (differ: warn)
    //   43 min: 99.9037 % -> 5 %    minutes -> 5 %
    //   44 min: 99.9014 % -> 5 %    minutes -> 8 %   (differ: warn)
    //   65 min: 99.8544 % -> 8 %    minutes -> 8 %
    //   66 min: 99.8522 % -> 8 %    minutes -> 10 %  (differ: warn)
    let cases = [
        (21, "0", "0", false),
        (22, "0", "5", true),
        (43, "5", "5", false),
        (44, "5", "8", true),
        (65, "8", "8", false),
        (66, "8", "10", true),
    ];
    for (n, by_pct, by_min, warn) in cases {
        let got = clever_case("2026-05", "2026-05-06 10:00", n);
        assert_eq!(got, (dec(by_pct), dec(by_min), warn), "{n} min in May");
    }
}

#[test]
fn clever_exact_percentage_edges() {
    let c = shipped("clever");
    // In April (43 200 min): 21 min 36 s is exactly 0.05 % -> uptime exactly
    // 99.95 %, which meets the target (0 %); 43 min 12 s is exactly 99.90 %,
    // which belongs to the 5 % band (a band includes its lower edge); 64 min 48 s
    // is exactly 99.85 %, in the 8 % band ("<99.85 %" starts below it).
    for (end, met, credit) in [
        ("2026-04-08 10:21:36", true, "0"),
        ("2026-04-08 10:43:12", false, "5"),
        ("2026-04-08 11:04:48", false, "8"),
    ] {
        let csv = format!("id,start,end\nX,2026-04-08 10:00,{end}\n");
        let (_, r) = run(&c, &csv, &opts_for(&c, None, None, None));
        assert_eq!(r.months[0].target_met, Some(met), "{end}");
        assert_eq!(r.months[0].credit, Some(dec(credit)), "{end}");
    }
    // 21 min 36 s is 0.05 %: printed uptime 99.95 and credit 0.00.
    let (_, r) = run(
        &c,
        "id,start,end\nX,2026-04-08 10:00,2026-04-08 10:21:36\n",
        &opts_for(&c, None, None, None),
    );
    assert_eq!(r.months[0].uptime, dec("99.95"));
}

#[test]
fn clever_maintenance_window_crossing_midnight() {
    let c = shipped("clever");
    // Friday 2026-04-10 21:00 to Saturday 01:00 is the Friday window
    // ("Lunes a viernes de 9:00 pm a 01:00 am"). Notified Wednesday 21:00,
    // exactly 48 h before: in time. 4 h = 240 min excused, no downtime.
    let csv = "id,kind,start,end,notified_at\n\
               M1,maintenance,2026-04-10 21:00,2026-04-11 01:00,2026-04-08 21:00\n";
    let (_, r) = run(&c, csv, &opts_for(&c, None, None, None));
    assert_eq!(r.months[0].excused, mins(240));
    assert_eq!(r.months[0].downtime, 0);
    assert_eq!(r.outages[0].treatment, Treatment::MaintenanceWindow);

    // Running on to 02:00: Saturday 01:00-02:00 is outside every window (the
    // Saturday window opens at 17:00): 240 min excused, 60 min counted.
    let csv = "id,kind,start,end,notified_at\n\
               M1,maintenance,2026-04-10 21:00,2026-04-11 02:00,2026-04-08 21:00\n";
    let (_, r) = run(&c, csv, &opts_for(&c, None, None, None));
    assert_eq!(r.months[0].excused, mins(240));
    assert_eq!(r.months[0].downtime, mins(60));
    assert_eq!(r.outages[0].treatment, Treatment::OutsideWindow);
    assert_eq!(r.outages[0].counted, mins(60));
    assert_eq!(r.outages[0].excused, mins(240));
}

#[test]
fn clever_weekend_window_and_monday_night() {
    let c = shipped("clever");
    // Saturday 2026-04-11 20:00 to Sunday 23:00: Saturday 17:00-24:00 then all of
    // Sunday, 27 h = 1 620 min, all excused.
    // Monday 2026-04-13 00:00-00:30: Sunday's window ended at 24:00 and Monday's
    // opens at 21:00, so those 30 min are outside any window and counted.
    let csv = "id,kind,start,end,notified_at\n\
               W1,maintenance,2026-04-11 20:00,2026-04-12 23:00,2026-04-01 09:00\n\
               W2,maintenance,2026-04-13 00:00,2026-04-13 00:30,2026-04-01 09:00\n";
    let (_, r) = run(&c, csv, &opts_for(&c, None, None, None));
    assert_eq!(r.months[0].excused, mins(1_620));
    assert_eq!(r.months[0].downtime, mins(30));
    assert_eq!(r.outages[0].treatment, Treatment::MaintenanceWindow);
    assert_eq!(r.outages[1].treatment, Treatment::OutsideWindow);
}

#[test]
fn clever_late_notice_counts_as_downtime() {
    let c = shipped("clever");
    // Tuesday 2026-04-14 22:00-23:00 is inside the Tuesday window, but notified
    // Sunday 22:00:01, 47 h 59 min 59 s before: late, so its 60 min count.
    // A second one with no notified_at at all is late too (another 60 min).
    let csv = "id,kind,start,end,notified_at\n\
               L1,maintenance,2026-04-14 22:00,2026-04-14 23:00,2026-04-12 22:00:01\n\
               L2,maintenance,2026-04-15 22:00,2026-04-15 23:00,\n";
    let (_, r) = run(&c, csv, &opts_for(&c, None, None, None));
    assert_eq!(r.months[0].excused, 0);
    assert_eq!(r.months[0].downtime, mins(120));
    assert!(r
        .outages
        .iter()
        .all(|p| p.treatment == Treatment::LateNotice));
    // Maintenance is not an incident caused by Clever.
    assert_eq!(r.months[0].incidents, 0);
}

#[test]
fn clever_counts_incidents_against_the_limit_of_four() {
    let c = shipped("clever");
    // Five unplanned outages of one minute and one excluded (ISP) outage in April:
    // 5 incidents caused by Clever, above the limit of 4: a warning. The excluded
    // one is not an incident.
    let mut csv = String::from("id,start,end,excluded\n");
    for d in 1..=5 {
        csv.push_str(&format!("I{d},2026-04-0{d} 10:00,2026-04-0{d} 10:01,\n"));
    }
    csv.push_str("I6,2026-04-06 10:00,2026-04-06 10:01,ISP\n");
    let (_, r) = run(&c, &csv, &opts_for(&c, None, None, None));
    assert_eq!(r.months[0].incidents, 5);
    assert_eq!(r.months[0].incident_limit, Some(4));
    assert!(r
        .warnings
        .iter()
        .any(|w| w.contains("5 incidents, above the limit of 4")));
}

#[test]
fn overlapping_outages_are_counted_once() {
    let c = shipped("clever");
    // A 10:00-11:00 and B 10:30-11:30 overlap by 30 min: the union is 90 min.
    // A (earlier start) owns 60 min; B adds 30 min and shows 30 min of overlap.
    let csv =
        "id,start,end\nA,2026-04-08 10:00,2026-04-08 11:00\nB,2026-04-08 10:30,2026-04-08 11:30\n";
    let (_, r) = run(&c, csv, &opts_for(&c, None, None, None));
    assert_eq!(r.months[0].downtime, mins(90));
    assert_eq!((r.outages[0].counted, r.outages[0].overlap), (mins(60), 0));
    assert_eq!(
        (r.outages[1].counted, r.outages[1].overlap),
        (mins(30), mins(30))
    );

    // An ISP outage 10:00-11:00 (excluded) and an unplanned one 10:30-12:00: the
    // shared half hour is excluded (an exclusion wins), so 60 min are excluded and
    // 60 min (11:00-12:00) counted.
    let csv = "id,start,end,excluded\n\
               X,2026-04-09 10:00,2026-04-09 11:00,Proveedor de Internet caído\n\
               U,2026-04-09 10:30,2026-04-09 12:00,\n";
    let (_, r) = run(&c, csv, &opts_for(&c, None, None, None));
    assert_eq!(r.months[0].excluded, mins(60));
    assert_eq!(r.months[0].downtime, mins(60));
    let x = &r.outages[0];
    assert_eq!(x.treatment, Treatment::Excluded);
    let av = c.availability.as_ref().unwrap();
    assert_eq!(av.exclusions[x.exclusion.unwrap()].key, "isp");
    assert_eq!(r.outages[1].overlap, mins(30));
}

/// A cause the contract does not list does not exclude: otherwise a vendor's
/// own outages file could erase every credit by writing anything in `excluded`.
#[test]
fn an_unknown_exclusion_cause_does_not_exclude() {
    let c = shipped("clever");
    let csv = "id,start,end,excluded\n\
               X,2026-04-09 10:00,2026-04-09 11:00,cosmic rays\n\
               Y,2026-04-10 10:00,2026-04-10 10:30,ISP down in Monterrey\n\
               Z,2026-04-11 10:00,2026-04-11 10:15,maintenance by vendor\n";
    let (_, r) = run(&c, csv, &opts_for(&c, None, None, None));
    // X (60 min) and Z (15 min) count; Y names `isp` and is excluded (30 min).
    assert_eq!(r.months[0].downtime, mins(75));
    assert_eq!(r.months[0].excluded, mins(30));
    // X and Z are incidents caused by Clever; Y is not.
    assert_eq!(r.months[0].incidents, 2);
    let by_id = |id: &str| {
        r.outages
            .iter()
            .zip(["X", "Y", "Z"])
            .find(|(_, i)| *i == id)
            .map(|(p, _)| p)
            .expect("part")
    };
    assert_eq!(by_id("X").treatment, Treatment::Counted);
    assert_eq!(by_id("X").exclusion, None);
    assert_eq!(by_id("Y").treatment, Treatment::Excluded);
    assert_eq!(by_id("Z").treatment, Treatment::Counted);
    // One warning line names both outages and the contract's exclusions.
    let w: Vec<&String> = r
        .warnings
        .iter()
        .filter(|w| w.contains("cosmic rays"))
        .collect();
    assert_eq!(w.len(), 1, "{:?}", r.warnings);
    assert_eq!(
        w[0],
        "2 outage(s) marked excluded give a cause that names none of contract clever's exclusions (isp, sms, whatsapp, social-networks, third-party, own-systems, infrastructure): they are counted, not excluded: X (line 2, 'cosmic rays'), Z (line 4, 'maintenance by vendor')"
    );
}

/// On a contract that lists no exclusions (Athento), nothing is excluded.
#[test]
fn an_exclusion_on_a_contract_without_exclusions_does_not_exclude() {
    let c = shipped("athento");
    let csv = "id,start,end,excluded\nA1,2026-04-09 10:00,2026-04-09 11:00,customer network\n";
    let (_, r) = run(&c, csv, &opts_for(&c, None, None, None));
    assert_eq!(r.months[0].downtime, mins(60));
    assert_eq!(r.months[0].excluded, 0);
    assert_eq!(r.outages[0].treatment, Treatment::Counted);
    assert_eq!(
        r.warnings,
        vec!["1 outage(s) marked excluded, but contract athento lists no availability exclusions: they are counted, not excluded: A1 (line 2, 'customer network')".to_string()]
    );
}

#[test]
fn an_outage_across_a_month_boundary_is_split() {
    let c = shipped("clever");
    // 2026-04-30 23:50 to 2026-05-01 00:20: 10 min in April, 20 min in May.
    let csv = "id,start,end\nB,2026-04-30 23:50,2026-05-01 00:20\n";
    let (_, r) = run(&c, csv, &opts_for(&c, None, None, None));
    assert_eq!(r.months.len(), 2);
    assert_eq!(
        (r.months[0].month, r.months[0].downtime),
        (month("2026-04"), mins(10))
    );
    assert_eq!(
        (r.months[1].month, r.months[1].downtime),
        (month("2026-05"), mins(20))
    );
    assert_eq!(r.outages.len(), 2, "one part per month");
    // --month 2026-05 keeps only May and the May part.
    let (_, r) = run(&c, csv, &opts_for(&c, None, None, Some("2026-05")));
    assert_eq!(r.months.len(), 1);
    assert_eq!(r.outages.len(), 1);
    assert_eq!(r.outages[0].counted, mins(20));
}

// ---------------------------------------------------------------------------
// SAFR: 99.9 %, 2 % per failure, cap 10 %, claim within 7 days; Los Angeles.

#[test]
fn safr_months_with_a_dst_change_have_real_length() {
    let c = shipped("safr");
    // March 2026 in Los Angeles loses an hour on Sunday 8 March (02:00 -> 03:00):
    // 31 x 1 440 - 60 = 44 580 min (743 h). The outage 01:30 PST (09:30 UTC) to
    // 03:30 PDT (10:30 UTC) lasts 60 min of real time, not 120.
    let csv = "id,start,end\nD1,2026-03-08 01:30,2026-03-08 03:30\n";
    let (_, r) = run(&c, csv, &opts_for(&c, None, None, None));
    assert_eq!(r.months[0].seconds, mins(44_580));
    assert_eq!(r.months[0].downtime, mins(60));
    // November 2026 gains an hour on Sunday 1 November (02:00 -> 01:00):
    // 30 x 1 440 + 60 = 43 260 min (721 h). From 01:30 PDT to the second 01:30
    // (PST) is 60 min; the naive "01:30" is ambiguous and must carry an offset.
    let csv = "id,start,end\nD2,2026-11-01T01:30:00-07:00,2026-11-01T01:30:00-08:00\n";
    let (_, r) = run(&c, csv, &opts_for(&c, None, None, None));
    assert_eq!(r.months[0].seconds, mins(43_260));
    assert_eq!(r.months[0].downtime, mins(60));
}

#[test]
fn ambiguous_or_skipped_local_times_are_row_errors() {
    let c = shipped("safr");
    let got = rows(
        &c,
        "id,start,end\n\
         A,2026-11-01 01:30,2026-11-01 03:00\n\
         B,2026-03-08 02:30,2026-03-08 04:00\n",
        None,
    );
    let e = got[0].error.as_ref().unwrap();
    assert_eq!(e.column, "start");
    assert!(e.message.contains("ambiguous"), "{}", e.message);
    let e = got[1].error.as_ref().unwrap();
    assert_eq!(e.column, "start");
    assert!(e.message.contains("does not exist"), "{}", e.message);
}

#[test]
fn safr_credit_per_failure_with_the_10_percent_cap() {
    let c = shipped("safr");
    // Six 10-minute outages in March 2026: 60 min of 44 580 -> uptime
    // 44 520 / 44 580 = 99.865 % < 99.9 %: six Service Level Failures, 2 % each
    // = 12 %, capped at 10 %. In time order, the first five earn 2 % and the
    // sixth is over the cap. Fee 1 000.00 USD -> 10 % = 100.00 USD.
    let mut csv = String::from("id,start,end,credit_requested_at\n");
    for d in 10..16 {
        csv.push_str(&format!(
            "F{d},2026-03-{d} 10:00,2026-03-{d} 10:10,2026-03-{} 09:00\n",
            d + 1
        ));
    }
    let mut opts = opts_for(&c, None, None, None);
    opts.fee = Some(Fee::parse("1000.00", "USD").unwrap());
    let (_, r) = run(&c, &csv, &opts);
    let m = &r.months[0];
    assert_eq!(m.target_met, Some(false));
    assert_eq!(m.failures, Some(6));
    assert_eq!(m.credit, Some(dec("10.00")));
    assert_eq!(m.amount, Some(dec("100.00")));
    let claims: Vec<Claim> = r.outages.iter().map(|p| p.claim.unwrap()).collect();
    assert_eq!(&claims[..5], &[Claim::Earned; 5]);
    assert_eq!(claims[5], Claim::OverCap);
    assert_eq!(r.outages[5].credit, Some(dec("0.00")));
}

#[test]
fn safr_seven_day_claim_window() {
    let c = shipped("safr");
    // Three 20-minute outages in March 2026 (60 min, below 99.9 % as above).
    // F1 ends Thursday 5 March 12:00 PST. Seven calendar days later at the same
    // wall time is Thursday 12 March 12:00, by then PDT (-07:00): the deadline.
    // Its request at exactly that instant is in time: 2 %.
    // F2 ends 20 March 10:20; the request at 27 March 10:20:01 is one second
    // late: forfeited. F3 has no request: forfeited. reported_at is shown but
    // decides nothing (F3 was "reported" two weeks late).
    // Credit 2 % of 1 000.00 USD = 20.00 USD.
    let csv = "id,start,end,credit_requested_at,reported_at\n\
               F1,2026-03-05 11:40,2026-03-05 12:00,2026-03-12 12:00,2026-03-05 11:41\n\
               F2,2026-03-20 10:00,2026-03-20 10:20,2026-03-27 10:20:01,\n\
               F3,2026-03-25 10:00,2026-03-25 10:20,,2026-04-10 10:00\n";
    let mut opts = opts_for(&c, None, None, None);
    opts.fee = Some(Fee::parse("1000.00", "USD").unwrap());
    let (_, r) = run(&c, csv, &opts);
    let fmt = |t: Option<i64>| slaudit::localtime::format_rfc3339(c.tz, t.unwrap());
    assert_eq!(
        fmt(r.outages[0].claim_deadline),
        "2026-03-12T12:00:00-07:00"
    );
    assert_eq!(
        fmt(r.outages[1].claim_deadline),
        "2026-03-27T10:20:00-07:00"
    );
    assert_eq!(r.outages[0].claim, Some(Claim::Earned));
    assert_eq!(r.outages[1].claim, Some(Claim::ForfeitedLate));
    assert_eq!(r.outages[2].claim, Some(Claim::ForfeitedNotRequested));
    assert_eq!(r.months[0].failures, Some(3));
    assert_eq!(r.months[0].credit, Some(dec("2.00")));
    assert_eq!(r.months[0].amount, Some(dec("20.00")));
}

#[test]
fn safr_no_failure_when_the_month_meets_the_target() {
    let c = shipped("safr");
    // 30 min of 44 580 -> 99.933 % >= 99.9 %: no failure, no credit; the claim
    // deadline is still shown (end + 7 days).
    let csv =
        "id,start,end,credit_requested_at\nF1,2026-03-10 10:00,2026-03-10 10:30,2026-03-11 09:00\n";
    let (_, r) = run(&c, csv, &opts_for(&c, None, None, None));
    assert_eq!(r.months[0].target_met, Some(true));
    assert_eq!(r.months[0].failures, Some(0));
    assert_eq!(r.months[0].credit, Some(dec("0.00")));
    assert_eq!(r.outages[0].claim, Some(Claim::MonthMetTarget));
    assert!(r.outages[0].claim_deadline.is_some());
}

#[test]
fn safr_excluded_and_scheduled_downtime_do_not_count() {
    let c = shipped("safr");
    // 120 min of customer-server failure (exception (c)) and 60 min of scheduled
    // maintenance (exception (f)): nothing counted, uptime 100.00 %.
    let csv = "id,kind,start,end,excluded\n\
               E1,unplanned,2026-03-10 10:00,2026-03-10 12:00,customer servers down\n\
               M1,maintenance,2026-03-11 01:00,2026-03-11 02:00,\n";
    let (_, r) = run(&c, csv, &opts_for(&c, None, None, None));
    assert_eq!(r.months[0].downtime, 0);
    assert_eq!(r.months[0].excluded, mins(120));
    assert_eq!(r.months[0].excused, mins(60));
    assert_eq!(r.months[0].uptime, dec("100.00"));
    let av = c.availability.as_ref().unwrap();
    assert_eq!(
        av.exclusions[r.outages[0].exclusion.unwrap()].key,
        "customer-servers"
    );
}

// ---------------------------------------------------------------------------
// Audara: no figure, no credit; Wednesday/Saturday 22:00-24:00, 2 h a week.

#[test]
fn audara_reports_availability_without_credit_and_caps_weekly_maintenance() {
    let c = shipped("audara");
    // Week of Monday 16 March 2026: Wednesday 18 March 22:00-24:00 (120 min) uses
    // the whole 2-hour allowance; Saturday 21 March 22:00-23:00 (60 min) is inside
    // a window but over the weekly limit: counted. Thursday 19 March 22:00-22:30
    // is outside the windows: counted. Downtime 90 min of 44 640 (31 days, Bogota
    // has no DST): uptime 44 550 / 44 640 = 99.7984 % -> 99.80. No target, no credit.
    let csv = "id,kind,start,end,notified_at\n\
               W,maintenance,2026-03-18 22:00,2026-03-19 00:00,2026-03-10 09:00\n\
               T,maintenance,2026-03-19 22:00,2026-03-19 22:30,2026-03-10 09:00\n\
               S,maintenance,2026-03-21 22:00,2026-03-21 23:00,2026-03-10 09:00\n";
    let (_, r) = run(&c, csv, &opts_for(&c, None, None, None));
    let m = &r.months[0];
    assert_eq!(m.excused, mins(120));
    assert_eq!(m.downtime, mins(90));
    assert_eq!(m.uptime, dec("99.80"));
    assert_eq!(m.target, None);
    assert_eq!(m.credit, None);
    assert!(m
        .note
        .as_deref()
        .unwrap()
        .contains("defines no service credit"));
    let t: Vec<Treatment> = r.outages.iter().map(|p| p.treatment).collect();
    assert_eq!(
        t,
        [
            Treatment::MaintenanceWindow,
            Treatment::OutsideWindow,
            Treatment::OverWeeklyLimit
        ]
    );
}

// ---------------------------------------------------------------------------
// Contract checks.

const MINIMAL: &str = r#"
[contract]
key = "mini"
name = "Mini"
source = "test"
timezone = "Europe/Madrid"

[[schedules]]
key = "always"
always = true

[[priorities]]
key = "1"

[[plans]]
key = "basic"
schedule = "always"

[[targets]]
kind = "response"
value = 1
unit = "hours"
clause = "§1"
"#;

fn load(text: &str) -> Result<Contract, slaudit::contract::load::LoadErrors> {
    slaudit::contract::load::load_contract(text, "mini.toml", &|_| None)
}

#[test]
fn availability_terms_are_checked_with_lines() {
    // A float percentage is refused (it cannot be exact), with its line.
    let text = format!("{MINIMAL}\n[availability]\nclause = \"§2\"\ntarget_percent = 99.9\n");
    let err = load(&text).unwrap_err();
    let e = &err.0[0];
    assert!(e.message.contains("as a string"), "{e}");
    assert_eq!(e.line, Some(text.lines().count()));

    // Bands out of order, and a per-failure field on a band credit.
    let text = format!(
        "{MINIMAL}\n[availability]\nclause = \"§2\"\ntarget_percent = \"99.9\"\n\
         [availability.credit]\nkind = \"bands\"\nbasis = \"percent\"\nclause = \"§3\"\ncap_percent = \"5\"\n\
         [[availability.credit.bands]]\nbelow_percent = \"99.5\"\npercent = \"10\"\n\
         [[availability.credit.bands]]\nbelow_percent = \"99.8\"\npercent = \"5\"\n"
    );
    let err = load(&text).unwrap_err();
    let keys: Vec<&str> = err.0.iter().map(|e| e.key.as_str()).collect();
    assert!(
        keys.contains(&"availability.credit.cap_percent"),
        "{keys:?}"
    );
    assert!(keys.contains(&"availability.credit.bands[1]"), "{keys:?}");
    assert!(err.0.iter().all(|e| e.line.is_some()));

    // A window that is not HH:MM-HH:MM.
    let text = format!(
        "{MINIMAL}\n[availability]\nclause = \"§2\"\n[availability.maintenance]\nclause = \"§4\"\n\
         [[availability.maintenance.windows]]\ndays = [\"mon\", \"funday\"]\ntime = \"21:00\"\n"
    );
    let err = load(&text).unwrap_err();
    let keys: Vec<&str> = err.0.iter().map(|e| e.key.as_str()).collect();
    assert!(
        keys.contains(&"availability.maintenance.windows[0].days[1]"),
        "{keys:?}"
    );
    assert!(
        keys.contains(&"availability.maintenance.windows[0].time"),
        "{keys:?}"
    );
}

#[test]
fn shipped_contracts_cite_a_clause_for_every_availability_term() {
    for key in ["adereso", "athento", "audara", "clever", "safr"] {
        let c = shipped(key);
        let av = c.availability.as_ref().unwrap_or_else(|| panic!("{key}"));
        assert!(!av.clause.is_empty());
        assert!(!av.credit.clause.is_empty());
        assert!(av.exclusions.iter().all(|e| !e.clause.is_empty()));
        assert!(slaudit::contract::availability_refs(&c).is_empty(), "{key}");
    }
    // Athento's text has no uptime terms: no target and no credit.
    let athento = shipped("athento");
    let av = athento.availability.as_ref().expect("athento");
    assert!(av.target.is_none());
    assert_eq!(
        av.credit.kind,
        slaudit::contract::availability::CreditKind::None
    );
}

// ---------------------------------------------------------------------------
// The command line.

const MONTH_COLUMNS: [&str; 9] = [
    "month",
    "minutes_in_month",
    "excused_minutes",
    "excluded_minutes",
    "downtime_minutes",
    "uptime_percent",
    "target_percent",
    "credit_percent",
    "credit_amount",
];

const OUTAGE_COLUMNS: [&str; 8] = [
    "id",
    "month",
    "start",
    "end",
    "counted_minutes",
    "treatment",
    "claim_deadline",
    "credit_percent",
];

fn uptime_csv(args: &[&str], csv: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let (_dir, path) = temp_file("outages.csv", csv.as_bytes());
    let out = slaudit()
        .arg("uptime")
        .args(args)
        .args(["--format", "csv"])
        .arg(&path)
        .assert()
        .success();
    csv_rows(&String::from_utf8_lossy(&out.get_output().stdout))
}

#[test]
fn cli_month_csv_has_the_documented_columns() {
    // The Adereso example again, through the binary: 1.46 % of 2 500 000 CLP
    // = 36 500 CLP.
    let (h, rows) = uptime_csv(
        &[
            "--contract",
            "adereso",
            "--plan",
            "enterprise",
            "--product",
            "postcenter",
            "--fee",
            "2500000",
            "--currency",
            "CLP",
        ],
        "id,start,end\nP1,2026-06-10 00:30,2026-06-10 11:00\n",
    );
    assert_eq!(&h[..9], &MONTH_COLUMNS);
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(field(&h, r, "month"), "2026-06");
    assert_eq!(field(&h, r, "minutes_in_month"), "43200.00");
    assert_eq!(field(&h, r, "downtime_minutes"), "630.00");
    assert_eq!(field(&h, r, "uptime_percent"), "98.54");
    assert_eq!(field(&h, r, "target_percent"), "99.00");
    assert_eq!(field(&h, r, "credit_percent"), "1.46");
    assert_eq!(field(&h, r, "credit_amount"), "36500");
}

#[test]
fn cli_per_outage_csv_has_the_documented_columns() {
    // SAFR, March 2026: one 60-min failure ending 5 March 13:00 PST; claim by
    // 12 March 13:00 PDT; the month misses 99.9 % (60 > 44.58 min): 2.00 %.
    let (h, rows) = uptime_csv(
        &["--contract", "safr", "--per-outage"],
        "id,start,end,credit_requested_at\nF1,2026-03-05 12:00,2026-03-05 13:00,2026-03-06 09:00\n",
    );
    assert_eq!(&h[..8], &OUTAGE_COLUMNS);
    let r = &rows[0];
    assert_eq!(field(&h, r, "month"), "2026-03");
    assert_eq!(field(&h, r, "start"), "2026-03-05T12:00:00-08:00");
    assert_eq!(field(&h, r, "counted_minutes"), "60.00");
    assert_eq!(field(&h, r, "treatment"), "counted");
    assert_eq!(field(&h, r, "claim_deadline"), "2026-03-12T13:00:00-07:00");
    assert_eq!(field(&h, r, "credit_percent"), "2.00");
    assert_eq!(field(&h, r, "claim_status"), "earned");
}

#[test]
fn cli_without_fee_leaves_the_amount_empty() {
    let (h, rows) = uptime_csv(
        &["--contract", "clever"],
        "id,start,end\nX,2026-04-08 10:00,2026-04-08 10:30\n",
    );
    // 30 min in April: 99.9306 % -> 5 % band; no --fee, so no amount.
    assert_eq!(field(&h, &rows[0], "credit_percent"), "5.00");
    assert_eq!(field(&h, &rows[0], "credit_amount"), "");
}

const BAD: &str = "\
id,start,end,kind
ok,2026-04-08 10:00,2026-04-08 10:30,unplanned
rev,2026-04-08 12:00,2026-04-08 11:00,unplanned
open,2026-04-09 10:00,,unplanned
odd,2026-04-10 10:00,2026-04-10 11:00,outage
";

#[test]
fn cli_bad_rows_are_listed_and_exit_2() {
    let (_dir, path) = temp_file("bad.csv", BAD.as_bytes());
    let file = path.display().to_string();
    slaudit()
        .args(["uptime", "--contract", "clever", "--format", "csv"])
        .arg(&path)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "{file}:3: column 'end': 2026-04-08 11:00 is before start 2026-04-08 12:00 (outage rev)"
        )))
        .stderr(predicate::str::contains(format!(
            "{file}:4: column 'end': is empty"
        )))
        .stderr(predicate::str::contains(format!(
            "{file}:5: column 'kind':"
        )))
        .stderr(predicate::str::contains("3 bad row(s)"));
}

#[test]
fn cli_keep_going_lists_bad_rows_as_invalid() {
    let (h, rows) = uptime_csv(
        &["--contract", "clever", "--per-outage", "--keep-going"],
        BAD,
    );
    let treatments: Vec<&str> = rows.iter().map(|r| field(&h, r, "treatment")).collect();
    assert_eq!(treatments, ["counted", "invalid", "invalid", "invalid"]);
    assert!(field(&h, &rows[1], "error").starts_with("end: "));
    // The good row alone makes April: 30 min counted.
    let (h, rows) = uptime_csv(&["--contract", "clever", "--keep-going"], BAD);
    assert_eq!(rows.len(), 1);
    assert_eq!(field(&h, &rows[0], "downtime_minutes"), "30.00");
}

#[test]
fn cli_json_carries_the_same_fields() {
    let (_dir, path) = temp_file(
        "o.csv",
        b"id,start,end\nX,2026-04-08 10:00,2026-04-08 10:30\n",
    );
    let out = slaudit()
        .args(["uptime", "--contract", "clever", "--format", "json"])
        .args(["--fee", "1000.00", "--currency", "MXN"])
        .arg(&path)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let m = &v["months"][0];
    for k in MONTH_COLUMNS {
        assert!(m.get(k).is_some(), "month key {k}");
    }
    // 5 % of 1 000.00 MXN = 50.00 MXN.
    assert_eq!(m["credit_amount"], "50.00");
    assert_eq!(m["downtime_seconds"], 1800);
    let o = &v["outages"][0];
    for k in OUTAGE_COLUMNS {
        assert!(o.get(k).is_some(), "outage key {k}");
    }
    assert!(v["terms"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t.as_str().unwrap().contains("half away from zero")));
}

#[test]
fn cli_usage_errors_exit_2() {
    let (_dir, path) = temp_file(
        "o.csv",
        b"id,start,end\nX,2026-06-10 00:30,2026-06-10 11:00\n",
    );
    // --fee needs --currency.
    slaudit()
        .args(["uptime", "--contract", "clever", "--fee", "10"])
        .arg(&path)
        .assert()
        .code(2);
    // An amount with more decimals than the currency has.
    slaudit()
        .args([
            "uptime",
            "--contract",
            "clever",
            "--fee",
            "10.5",
            "--currency",
            "CLP",
        ])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("more decimals than CLP"));
    // A contract without an [availability] section.
    let dir = tempfile::tempdir().expect("tempdir");
    let bare = dir.path().join("bare.toml");
    std::fs::write(
        &bare,
        "[contract]\nkey = \"bare\"\nname = \"Bare\"\nsource = \"test\"\ntimezone = \"UTC\"\n[[schedules]]\nkey = \"b\"\nmon = [\"09:00-17:00\"]\n[[priorities]]\nkey = \"1\"\n[[plans]]\nkey = \"p\"\nschedule = \"b\"\n",
    )
    .expect("write");
    slaudit()
        .args(["uptime", "--contract"])
        .arg(&bare)
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no [availability] section"));
    // A bad --month.
    slaudit()
        .args(["uptime", "--contract", "clever", "--month", "2026-13"])
        .arg(&path)
        .assert()
        .code(2);
}

#[test]
fn cli_fee_with_several_products_needs_product() {
    let csv = "id,product,start,end\nP,postcenter,2026-06-10 00:30,2026-06-10 11:00\nB,botcenter,2026-06-11 00:30,2026-06-11 01:00\n";
    let (_dir, path) = temp_file("o.csv", csv.as_bytes());
    slaudit()
        .args(["uptime", "--contract", "adereso", "--plan", "enterprise"])
        .args(["--fee", "1000", "--currency", "CLP", "--format", "csv"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give --product"));
}

#[test]
fn cli_warns_when_the_two_clever_readings_differ() {
    // 65 min in April (30 days): 10 % by the percentage bands, 8 % by the minutes.
    let (_dir, path) = temp_file(
        "o.csv",
        b"id,start,end\nX,2026-04-08 10:00,2026-04-08 11:05\n",
    );
    slaudit()
        .args(["uptime", "--contract", "clever", "--format", "csv"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "2026-04,43200.00,0.00,0.00,65.00,99.85,99.95,10.00,",
        ))
        .stderr(predicate::str::contains("the minute bands give 8.00 %"));
}

#[test]
fn shipped_examples_run() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for (vendor, extra) in [
        ("audara", vec![]),
        (
            "adereso",
            vec!["--plan", "enterprise", "--product", "postcenter"],
        ),
        ("clever", vec![]),
        ("safr", vec![]),
    ] {
        let path = root.join(format!("examples/{vendor}-outages.csv"));
        slaudit()
            .args(["uptime", "--contract", vendor, "--format", "table"])
            .args(&extra)
            .arg(&path)
            .assert()
            .success();
    }
}

// ---------------------------------------------------------------------------
// Penalties tied to ticket targets (`slaudit audit --fee`).

const PENALIZED: &str = r#"
[contract]
key = "penalized"
name = "Penalized"
source = "test"
timezone = "America/Santiago"

[[schedules]]
key = "always"
always = true

[[priorities]]
key = "1"

[[priorities]]
key = "2"

[[plans]]
key = "standard"
schedule = "always"

[[plans]]
key = "enterprise"
schedule = "always"

[[targets]]
kind = "response"
value = 1
unit = "hours"
clause = "§7"

[[targets]]
kind = "resolution"
value = 8
unit = "hours"
clause = "§8"

[availability]
clause = "§6"

[[availability.penalties]]
kind = "response"
plans = ["enterprise"]
percent = "2.5"
clause = "§7.3"

[[availability.penalties]]
kind = "resolution"
plans = ["enterprise"]
percent = "5"
clause = "§8.4"

[availability.penalty_cap]
percent = "10"
clause = "§9"
"#;

const PENALIZED_TICKETS: &str = "\
id,plan,priority,created_at,first_response_at,resolved_at
E1,enterprise,1,2026-03-02 09:00,2026-03-02 11:00,2026-03-02 12:00
E2,enterprise,1,2026-03-03 09:00,2026-03-03 09:30,2026-03-03 20:00
E3,enterprise,2,2026-03-04 09:00,2026-03-04 10:30,2026-03-04 19:00
S1,standard,1,2026-03-05 09:00,2026-03-05 12:00,2026-03-06 09:00
E4,enterprise,1,2026-04-01 09:00,2026-04-01 09:10,2026-04-01 17:00:01
";

#[test]
fn audit_sums_penalties_per_month_with_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let contract = dir.path().join("penalized.toml");
    std::fs::write(&contract, PENALIZED).unwrap();
    let tickets = dir.path().join("t.csv");
    std::fs::write(&tickets, PENALIZED_TICKETS).unwrap();
    // Targets: response 1 h, resolution 8 h, 24x7. Penalties (enterprise only):
    // 2.5 % per breached response, 5 % per breached resolution, cap 10 % a month.
    //   E1: responded after 2 h (breach, 2.5 %), resolved after 3 h (met).
    //   E2: responded after 30 min (met), resolved after 11 h (breach, 5 %).
    //   E3: responded after 1 h 30 min (2.5 %), resolved after 10 h (5 %).
    //   S1: breaches both, but plan standard carries no penalty.
    //   E4: resolved after 8 h 0 min 1 s (breach, 5 %); due 1 April 17:00: April.
    // March: 2.5 + 5 + 2.5 + 5 = 15 %, capped at 10 % -> 10 % of 1 000.00 EUR
    // = 100.00 EUR. April: 5 % -> 50.00 EUR. Total 150.00 EUR.
    let out = slaudit()
        .args(["audit", "--format", "json", "--as-of", "2026-04-30 00:00"])
        .arg("--contract")
        .arg(&contract)
        .args(["--fee", "1000.00", "--currency", "EUR"])
        .arg(&tickets)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let p = &v["penalties"];
    assert_eq!(p["months"][0]["month"], "2026-03");
    assert_eq!(p["months"][0]["breaches"], 4);
    assert_eq!(p["months"][0]["penalty_percent"], "15.00");
    assert_eq!(p["months"][0]["capped_percent"], "10.00");
    assert_eq!(p["months"][0]["amount"], "100.00");
    assert_eq!(p["months"][1]["month"], "2026-04");
    assert_eq!(p["months"][1]["amount"], "50.00");
    assert_eq!(p["cap_percent"], "10.00");
    assert_eq!(p["total_amount"], "150.00");

    // The table summary says the same in words; the CSV run puts it on stderr.
    slaudit()
        .args(["audit", "--format", "table", "--as-of", "2026-04-30 00:00"])
        .arg("--contract")
        .arg(&contract)
        .args(["--fee", "1000.00", "--currency", "EUR"])
        .arg(&tickets)
        .assert()
        .success()
        .stdout(predicate::str::contains("penalties total: 150.00 EUR"))
        .stdout(predicate::str::contains("cap 10.00 % per month (§9)"));
    slaudit()
        .args(["audit", "--format", "csv", "--as-of", "2026-04-30 00:00"])
        .arg("--contract")
        .arg(&contract)
        .args(["--fee", "1000.00", "--currency", "EUR"])
        .arg(&tickets)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "penalties 2026-04: 1 breached target(s), 5.00 %",
        ));
}

#[test]
fn adereso_penalties_are_not_published() {
    // The text refers to penalty percentages it does not include: the shipped
    // contract lists the three penalties (Enterprise) without a figure.
    let c = shipped("adereso");
    let av = c.availability.as_ref().unwrap();
    assert_eq!(av.penalties.len(), 3);
    assert!(av.penalties.iter().all(|p| p.percent.is_none()));
    assert!(av.penalty_cap.is_none());
}

// ---------------------------------------------------------------------------
// Invariants over random outage sets.

mod invariants {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever the overlaps, the counted, excused and excluded time of all
        /// outages adds up to the time covered by at least one outage (measured
        /// here on a minute grid), and each part's own figures add up to the
        /// month's.
        #[test]
        fn merged_time_equals_the_union(
            spans in proptest::collection::vec((0u32..43_000, 1u32..600, 0u8..4), 1..12)
        ) {
            let c = shipped("clever");
            let base = slaudit::localtime::parse_timestamp("2026-04-01 00:00", c.tz).unwrap();
            let mut covered = vec![false; 43_200 + 600];
            let mut csv = String::from("id,start,end,kind,notified_at,excluded\n");
            for (i, (start, len, what)) in spans.iter().enumerate() {
                for m in *start..(start + len) {
                    covered[m as usize] = true;
                }
                let s = base + i64::from(*start) * 60;
                let e = s + i64::from(*len) * 60;
                let f = |t: i64| slaudit::localtime::format_rfc3339(c.tz, t);
                let (kind, notified, excluded) = match what {
                    0 => ("unplanned", String::new(), ""),
                    1 => ("maintenance", f(s - 3 * 86_400), ""),
                    2 => ("maintenance", String::new(), ""),
                    _ => ("unplanned", String::new(), "ISP"),
                };
                csv.push_str(&format!("O{i},{},{},{kind},{notified},{excluded}\n", f(s), f(e)));
            }
            let (_, r) = run(&c, &csv, &opts_for(&c, None, None, None));
            // Minutes past the end of April fall in May; the grid covers both.
            let union: i64 = covered.iter().filter(|&&b| b).count() as i64 * 60;
            let total: i64 = r.months.iter().map(|m| m.downtime + m.excused + m.excluded).sum();
            prop_assert_eq!(total, union);
            for m in &r.months {
                let parts: Vec<_> = r.outages.iter().filter(|p| p.month == Some(m.month)).collect();
                prop_assert_eq!(parts.iter().map(|p| p.counted).sum::<i64>(), m.downtime);
                prop_assert_eq!(parts.iter().map(|p| p.excused).sum::<i64>(), m.excused);
                prop_assert_eq!(parts.iter().map(|p| p.excluded).sum::<i64>(), m.excluded);
            }
        }
    }
}

/// The command line: the unlisted cause counts (and so earns the credit), with
/// one warning line.
#[test]
fn cli_unknown_exclusion_cause_counts_and_warns_once() {
    let csv = "id,start,end,excluded\n\
               X,2026-04-09 10:00,2026-04-09 11:00,cosmic rays\n\
               Z,2026-04-11 10:00,2026-04-11 10:15,solar wind\n";
    let (dir, path) = crate::util::temp_file("o.csv", csv.as_bytes());
    let out = slaudit()
        .current_dir(dir.path())
        .args(["uptime", "--contract", "clever", "o.csv", "--format", "csv"])
        .assert()
        .success();
    let _ = path;
    let o = out.get_output();
    let (h, rows) = crate::util::csv_rows(&String::from_utf8_lossy(&o.stdout));
    // 75 min down in April (43 200 min): 99.83 %, below 99.85 %: 10 %.
    assert_eq!(
        crate::util::field(&h, &rows[0], "downtime_minutes"),
        "75.00"
    );
    assert_eq!(crate::util::field(&h, &rows[0], "excluded_minutes"), "0.00");
    assert_eq!(crate::util::field(&h, &rows[0], "credit_percent"), "10.00");
    let err = String::from_utf8_lossy(&o.stderr);
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(
        warnings,
        vec!["warning: 2 outage(s) marked excluded give a cause that names none of contract clever's exclusions (isp, sms, whatsapp, social-networks, third-party, own-systems, infrastructure): they are counted, not excluded: X (line 2, 'cosmic rays'), Z (line 3, 'solar wind')"]
    );
}

/// Repeated outage ids: every row is kept (an export can repeat a row), and
/// one warning line names the repeated ids.
#[test]
fn duplicate_outage_ids_are_kept_with_one_warning() {
    let c = shipped("clever");
    let csv = "id,start,end\n\
               A,2026-04-08 10:00,2026-04-08 10:10\n\
               B,2026-04-09 10:00,2026-04-09 10:10\n\
               A,2026-04-10 10:00,2026-04-10 10:10\n";
    let (_, r) = run(&c, csv, &opts_for(&c, None, None, None));
    assert_eq!(r.months[0].downtime, mins(30), "every row counts");
    let w: Vec<&String> = r
        .warnings
        .iter()
        .filter(|w| w.contains("more than once"))
        .collect();
    assert_eq!(
        w,
        vec!["1 outage id(s) appear more than once (every row is counted): A"]
    );
}

/// An outages workbook reads as its CSV: `--sheet` picks the sheet (here the
/// second; the first holds notes), date cells are local wall times.
#[test]
fn outages_from_a_spreadsheet_sheet() {
    let run = |args: &[&str]| {
        let out = crate::util::slaudit()
            .args(["uptime", "--contract", "clever", "--format", "csv", "-qqq"])
            .args(args)
            .assert()
            .success()
            .get_output()
            .clone();
        String::from_utf8(out.stdout).unwrap()
    };
    let csv = run(&["examples/clever-outages.csv"]);
    assert!(csv.lines().count() > 1);
    assert_eq!(
        run(&["tests/data/clever-outages.xlsx", "--sheet", "Outages"]),
        csv
    );
}
