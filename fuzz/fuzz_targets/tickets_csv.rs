//! The tickets reader on arbitrary bytes: header mapping, then every record
//! audited against a shipped contract (chosen by the first byte); on a file
//! without quotes, the quota pass's line reader agrees with it line for line.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use slaudit::audit::Auditor;
use slaudit::contract::Contract;
use slaudit::read::tickets::TicketReader;

fn contracts() -> &'static Vec<Contract> {
    static C: OnceLock<Vec<Contract>> = OnceLock::new();
    C.get_or_init(|| {
        slaudit::shipped::CONTRACTS
            .iter()
            .map(|(_, file, text)| {
                slaudit::contract::load::load_contract(text, file, &|n| {
                    slaudit::shipped::calendar(n).map(|(f, t)| (f.to_string(), t.to_string()))
                })
                .expect("shipped contract loads")
            })
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, csv)) = data.split_first() else {
        return;
    };
    let all = contracts();
    let contract = &all[usize::from(first) % all.len()];
    let auditor = Auditor {
        contract,
        default_plan: if first & 0x80 != 0 { Some(0) } else { None },
        input_tz: contract.tz,
        // 2026-06-01T00:00:00Z
        as_of: 1_780_272_000,
        contacts: None,
    };
    let Ok(mut reader) = TicketReader::new(csv) else {
        return;
    };
    let mut rows = 0usize;
    let mut record_lines = Vec::new();
    while let Some((line, record)) = reader.next_ticket() {
        record_lines.push(line);
        let ticket = auditor.audit(&record);
        rows += 1;
        assert!(rows <= csv.len() + 1, "more rows than input bytes");
        if ticket.error.is_none() {
            assert!(ticket.created_at.is_some());
        }
    }
    // A file without quotes or lone CRs is read line by line by the quota
    // pass: its data lines must be the CSV reader's records, line for line.
    if slaudit::read::plain::is_plain(csv).unwrap_or(false) {
        let mut lines = Vec::new();
        slaudit::read::plain::each_record(csv, |n, _| lines.push(n))
            .expect("reading a slice cannot fail");
        assert_eq!(lines, record_lines, "plain lines and CSV records disagree");
    }
});
