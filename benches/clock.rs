//! Placeholder replaced by the clock benchmark.
fn main() {}
