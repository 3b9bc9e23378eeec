//! A mapping file and an export read through it, on arbitrary bytes: the bytes
//! before the first NUL are the mapping's TOML (which may start from a shipped
//! preset), the rest the export; every record is audited against Audara.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use slaudit::audit::Auditor;
use slaudit::contract::Contract;
use slaudit::read::mapping::{decoded, load_mapping};
use slaudit::read::tickets::TicketReader;

fn audara() -> &'static Contract {
    static C: OnceLock<Contract> = OnceLock::new();
    C.get_or_init(|| {
        let (file, text) = slaudit::shipped::contract("audara").expect("shipped");
        slaudit::contract::load::load_contract(text, file, &|n| {
            slaudit::shipped::calendar(n).map(|(f, t)| (f.to_string(), t.to_string()))
        })
        .expect("shipped contract loads")
    })
}

fuzz_target!(|data: &[u8]| {
    let (map, csv) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let Ok(text) = std::str::from_utf8(map) else {
        return;
    };
    let Ok(mapping) = load_mapping(text, "fuzz.toml", "mapping".into(), &slaudit::shipped::preset)
    else {
        return;
    };
    let contract = audara();
    let tz = mapping.timezone.unwrap_or(contract.tz);
    let Ok((input, delim)) = decoded(Box::new(std::io::Cursor::new(csv.to_vec())), &mapping) else {
        return;
    };
    let Ok(mut reader) = TicketReader::with_mapping(input, &mapping, delim, tz) else {
        return;
    };
    let auditor = Auditor {
        contract,
        default_plan: Some(0),
        input_tz: tz,
        // 2026-06-01T00:00:00Z
        as_of: 1_780_272_000,
        contacts: None,
    };
    let mut rows = 0usize;
    while let Some((_line, record)) = reader.next_ticket() {
        let ticket = auditor.audit(&record);
        rows += 1;
        assert!(rows <= csv.len() * 4 + 1, "more rows than input bytes");
        if ticket.error.is_none() {
            assert!(ticket.created_at.is_some());
        }
    }
});
