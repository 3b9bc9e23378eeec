//! The contract loader on arbitrary text; a contract that loads is then asked for
//! deadlines on each of its schedules.
#![no_main]

use libfuzzer_sys::fuzz_target;
use slaudit::contract::load::load_contract;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let calendar =
        |n: &str| slaudit::shipped::calendar(n).map(|(f, t)| (f.to_string(), t.to_string()));
    match load_contract(text, "fuzz.toml", &calendar) {
        // Every problem renders as one line, whatever the values in it.
        Err(e) => {
            for p in &e.0 {
                assert!(!p.to_string().contains('\n'), "multi-line message: {p}");
            }
        }
        Ok(c) => {
            // 2026-03-27T16:30:00Z, a Friday before a DST change in Europe.
            let t = 1_774_629_000;
            for s in 0..c.schedules.len() {
                let clock = c.clock(s);
                let _ = clock.start(t);
                for secs in [1, 3_600, 5 * 86_400, 400 * 86_400] {
                    if let Ok(due) = clock.add(t, secs) {
                        assert!(due >= t);
                        assert_eq!(clock.count(t, due), secs, "schedule {s}, {secs} s from {t}");
                    }
                }
                let _ = clock.add_calendar_days(t, 100_000);
            }
        }
    }
});
