//! Reads a tickets file and nothing else: every record through the tickets
//! reader, slaudit's own format or a help desk's export through a mapping file,
//! and every time in it parsed. What `bench/run.sh` compares to see what
//! reading through a preset or mapping costs.
//!
//!   cargo run --release --example read_tickets -- [--map FILE] --tz ZONE FILE

use std::process::ExitCode;

use slaudit::read::mapping::{decoded, load_mapping};
use slaudit::read::tickets::TicketReader;
use slaudit::record::Stamp;

fn run() -> Result<(u64, i64), String> {
    let (mut map, mut tz, mut path) = (None, None, None);
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--map" => map = it.next(),
            "--tz" => tz = it.next(),
            _ if path.is_none() => path = Some(a),
            _ => return Err(format!("unexpected argument '{a}'")),
        }
    }
    let tz: chrono_tz::Tz = tz
        .as_deref()
        .unwrap_or("UTC")
        .parse()
        .map_err(|_| "unknown zone".to_string())?;
    let path = path.ok_or("usage: read_tickets [--map FILE] --tz ZONE FILE")?;
    let file = std::fs::File::open(&path).map_err(|e| format!("{path}: {e}"))?;
    let input: Box<dyn std::io::Read + Send> = Box::new(file);
    let mut reader = match &map {
        None => TicketReader::new(input).map_err(|e| e.to_string())?,
        Some(m) => {
            let text = std::fs::read_to_string(m).map_err(|e| format!("{m}: {e}"))?;
            let mapping = load_mapping(&text, m, m.clone(), &slaudit::shipped::preset)
                .map_err(|e| e.to_string())?;
            let (input, delim) = decoded(input, &mapping).map_err(|e| e.to_string())?;
            TicketReader::with_mapping(input, &mapping, delim, tz).map_err(|e| e.to_string())?
        }
    };
    let time = |s: Stamp<'_>| match s {
        Stamp::Text(t) => slaudit::localtime::parse_timestamp(t, tz).unwrap_or(0),
        Stamp::At(t) => t,
    };
    let (mut rows, mut sum) = (0u64, 0i64);
    while let Some((_, t)) = reader.next_ticket() {
        rows += 1;
        sum = sum
            .wrapping_add(time(t.created_at))
            .wrapping_add(t.priority.len() as i64);
        for s in [t.first_response_at, t.resolved_at].into_iter().flatten() {
            sum = sum.wrapping_add(time(s));
        }
    }
    Ok((rows, sum))
}

fn main() -> ExitCode {
    match run() {
        Ok((rows, sum)) => {
            eprintln!("read_tickets: {rows} rows (checksum {sum})");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("read_tickets: {e}");
            ExitCode::from(2)
        }
    }
}
