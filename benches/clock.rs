//! Cost of a due computation (`Clock::add`) on real contract schedules, for a short,
//! a medium and a long target, from a start with plain weeks ahead and from one
//! with holidays (and, in Madrid, a DST change) within the 30 business days. The
//! cost must not grow with the target: 1 hour, 5 and 30 business days should cost
//! about the same.
//!
//! ```text
//! cargo bench --bench clock
//! ```

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use slaudit::contract::Contract;
use slaudit::localtime::parse_timestamp;

fn load(name: &str) -> Contract {
    let (file, text) = slaudit::shipped::contract(name).expect("shipped contract");
    slaudit::contract::load::load_contract(text, file, &|n| {
        slaudit::shipped::calendar(n).map(|(f, t)| (f.to_string(), t.to_string()))
    })
    .expect("shipped contract loads")
}

fn schedule(c: &Contract, key: &str) -> usize {
    c.schedules
        .iter()
        .position(|s| s.key == key)
        .expect("schedule exists")
}

fn due(c: &mut Criterion) {
    let athento = load("athento");
    let audara = load("audara");
    // (name, contract, schedule, creation): a start with plain weeks ahead (no
    // holiday, no DST change for the next seven weeks) and one with holidays and,
    // in Madrid, the spring DST change within the 30 business days.
    let cases = [
        (
            "athento-standard/plain",
            &athento,
            schedule(&athento, "standard-hours"),
            "2026-05-04 16:30",
        ),
        (
            "athento-standard/easter+dst",
            &athento,
            schedule(&athento, "standard-hours"),
            "2026-03-20 16:30",
        ),
        (
            "audara-business/plain",
            &audara,
            schedule(&audara, "business"),
            "2026-08-18 16:30",
        ),
        (
            "audara-business/holidays",
            &audara,
            schedule(&audara, "business"),
            "2026-03-20 16:30",
        ),
    ];
    let mut group = c.benchmark_group("clock_add");
    group
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(1500))
        .sample_size(30);
    for (name, contract, sched, at) in cases {
        let clock = contract.clock(sched);
        let day = contract.schedules[sched].schedule.business_day();
        let t = parse_timestamp(at, contract.tz).expect("timestamp");
        for (label, secs) in [("1h", 3600), ("5bd", 5 * day), ("30bd", 30 * day)] {
            group.bench_with_input(BenchmarkId::new(name, label), &secs, |b, &secs| {
                b.iter(|| clock.add(black_box(t), black_box(secs)).expect("in range"))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, due);
criterion_main!(benches);
