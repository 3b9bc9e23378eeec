//! The events reader on arbitrary bytes, then the shipped example tickets of a
//! contract (chosen by the first byte) audited with those events: pauses,
//! resumes and updates in any order, at any instant, for any ticket. The
//! bytes are also read in two parts, split where the first byte says, and
//! must give the same rows and events.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use slaudit::audit::{Auditor, TicketAudit};
use slaudit::contract::Contract;
use slaudit::events::EventsBuilder;
use slaudit::read::events::EventReader;
use slaudit::read::tickets::TicketReader;

/// Each shipped contract with its example tickets file.
fn contracts() -> &'static Vec<(Contract, &'static str)> {
    static C: OnceLock<Vec<(Contract, &'static str)>> = OnceLock::new();
    C.get_or_init(|| {
        let tickets = [
            ("adereso", include_str!("../../examples/adereso-tickets.csv")),
            ("athento", include_str!("../../examples/athento-tickets.csv")),
            ("audara", include_str!("../../examples/audara-tickets.csv")),
            ("clever", include_str!("../../examples/clever-tickets.csv")),
            ("safr", include_str!("../../examples/safr-tickets.csv")),
        ];
        tickets
            .iter()
            .map(|&(key, csv)| {
                let (_, file, text) = slaudit::shipped::CONTRACTS
                    .iter()
                    .find(|c| c.0 == key)
                    .expect("shipped contract");
                let c = slaudit::contract::load::load_contract(text, file, &|n| {
                    slaudit::shipped::calendar(n).map(|(f, t)| (f.to_string(), t.to_string()))
                })
                .expect("shipped contract loads");
                (c, csv)
            })
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, csv)) = data.split_first() else {
        return;
    };
    let all = contracts();
    let (contract, tickets) = &all[usize::from(first) % all.len()];
    let Ok(mut reader) = EventReader::new(csv, contract.tz) else {
        return;
    };
    let mut builder = EventsBuilder::default();
    let mut read = 0usize;
    let mut rows = Vec::new();
    while let Some((line, e)) = reader.next_event() {
        read += 1;
        assert!(read <= csv.len() + 1, "more rows than input bytes");
        rows.push(format!("{line} {e:?}"));
        if let Ok(e) = e {
            builder.push(e.ticket, e.at, e.kind, line);
        }
    }
    let events = builder.finish();

    // The same bytes in two parts: the rest only when the first ends
    // between records, its lines numbered on from the first's.
    let split = csv.len() * usize::from(first) / 255;
    let mut part = EventReader::new_part(csv, contract.tz, split as u64).expect("same header");
    let (mut parts, mut builder) = (Vec::new(), EventsBuilder::default());
    while let Some((line, e)) = part.next_event() {
        parts.push(format!("{line} {e:?}"));
        if let Ok(e) = e {
            builder.push(e.ticket, e.at, e.kind, line);
        }
    }
    if let Some(lines) = part.part_end() {
        let mut rest = EventReader::resume(&csv[split..], part.columns().clone(), part.header().clone());
        let mut more = EventsBuilder::default();
        while let Some((line, e)) = rest.next_event() {
            parts.push(format!("{} {e:?}", line + lines));
            if let Ok(e) = e {
                more.push(e.ticket, e.at, e.kind, line);
            }
        }
        builder.append(more, lines);
    }
    assert_eq!(parts, rows);
    let in_parts = builder.finish();
    assert_eq!(in_parts.len(), events.len());
    let auditor = Auditor {
        contract,
        default_plan: Some(0),
        input_tz: contract.tz,
        // 2026-12-01T00:00:00Z
        as_of: 1_796_083_200,
        contacts: None,
    };
    let mut reader = TicketReader::new(tickets.as_bytes()).expect("example header");
    let mut out = TicketAudit::blank();
    while let Some((_line, record)) = reader.next_ticket() {
        let evs = events.of(record.id);
        assert_eq!(in_parts.of(record.id), evs);
        auditor.audit_with_events(&record, Some(evs), &mut out);
        assert!(out.early_events.len() <= evs.len());
        if out.error.is_none() {
            let created = out.created_at.expect("a valid row has a creation time");
            assert!(out.early_events.iter().all(|&(_, at)| at < created));
        }
    }
    let (_, unseen) = events.unseen();
    assert!(unseen <= events.len());
});
