//! The floor for audit speed: the least any audit must do with a tickets file.
//! Reads every record with the `csv` crate, parses every timestamp column with
//! [`slaudit::localtime::parse_timestamp`] and writes one line per record (the id
//! and the parsed instants as Unix seconds) to buffered standard output. No
//! contract logic, no clock, no formatting of dates.
//!
//! ```text
//! cargo run --release --example floor -- --contract audara tickets.csv > /dev/null
//! ```
//!
//! `--contract` only supplies the time zone of timestamps without an offset
//! (`--tz Europe/Madrid` does the same without loading a contract).
//!
//! With `--out-bytes N` it then writes filler lines until its output is N bytes
//! long: the floor of a program that must write as much as the audit does (a
//! JSONL audit writes about 20 times more than the floor's own lines).
//!
//! With `--events FILE` it first reads an events file the same way: every record,
//! its `at` parsed, its ticket id and instant kept (an audit with events must at
//! least hold them until their tickets come by); the count is written to
//! standard error. It does not group them by ticket.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use chrono_tz::Tz;
use slaudit::localtime::parse_timestamp;

const TIME_COLUMNS: [&str; 4] = [
    "created_at",
    "first_response_at",
    "workaround_at",
    "resolved_at",
];

fn zone(contract: Option<&str>, tz: Option<&str>) -> Result<Tz, String> {
    if let Some(tz) = tz {
        return tz.parse().map_err(|_| format!("unknown time zone '{tz}'"));
    }
    let name = contract.ok_or("give --contract NAME or --tz ZONE")?;
    let (file, text) =
        slaudit::shipped::contract(name).ok_or_else(|| format!("unknown contract '{name}'"))?;
    let c = slaudit::contract::load::load_contract(text, file, &|n| {
        slaudit::shipped::calendar(n).map(|(f, t)| (f.to_string(), t.to_string()))
    })
    .map_err(|e| e.to_string())?;
    Ok(c.tz)
}

fn run() -> Result<u64, String> {
    let (mut contract, mut tz, mut path, mut events) = (None, None, None, None);
    let mut out_bytes: u64 = 0;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--contract" => contract = it.next(),
            "--tz" => tz = it.next(),
            "--events" => events = it.next(),
            "--out-bytes" => {
                let v = it.next().unwrap_or_default();
                out_bytes = v
                    .parse()
                    .map_err(|_| format!("--out-bytes: '{v}' is not a number"))?;
            }
            _ if path.is_none() => path = Some(a),
            _ => return Err(format!("unexpected argument '{a}'")),
        }
    }
    let tz = zone(contract.as_deref(), tz.as_deref())?;
    let path = path.ok_or("usage: floor (--contract NAME | --tz ZONE) [--events FILE] FILE")?;
    if let Some(events) = events {
        let held = read_events(&events, tz)?;
        eprintln!("floor: {} events", held.len());
    }
    let file = File::open(&path).map_err(|e| format!("{path}: {e}"))?;
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(file);
    let header = rdr.byte_headers().map_err(|e| e.to_string())?.clone();
    let find = |name: &str| header.iter().position(|h| h == name.as_bytes());
    let id = find("id").ok_or("no id column")?;
    let times: Vec<usize> = TIME_COLUMNS.iter().filter_map(|c| find(c)).collect();

    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, Counted(0, stdout.lock()));
    let mut rec = csv::ByteRecord::new();
    let mut rows = 0u64;
    let io = |e: io::Error| e.to_string();
    while rdr.read_byte_record(&mut rec).map_err(|e| e.to_string())? {
        rows += 1;
        out.write_all(rec.get(id).unwrap_or_default()).map_err(io)?;
        for &i in &times {
            let text = std::str::from_utf8(rec.get(i).unwrap_or_default()).unwrap_or("");
            out.write_all(b",").map_err(io)?;
            if text.is_empty() {
                continue;
            }
            match parse_timestamp(text, tz) {
                Ok(t) => write!(out, "{t}").map_err(io)?,
                Err(_) => out.write_all(b"?").map_err(io)?,
            }
        }
        out.write_all(b"\n").map_err(io)?;
    }
    // Filler up to --out-bytes, in lines of 128 bytes.
    let mut filler = [b'.'; 128];
    filler[127] = b'\n';
    out.flush().map_err(io)?;
    let mut left = out_bytes.saturating_sub(out.get_ref().0);
    while left > 0 {
        let n = left.min(128) as usize;
        out.write_all(&filler[128 - n..]).map_err(io)?;
        left -= n as u64;
    }
    out.flush().map_err(io)?;
    Ok(rows)
}

/// An event as the floor keeps it: ticket id and instant.
type Held = (Box<[u8]>, i64);

/// Reads every event, parses its time, and keeps it.
fn read_events(path: &str, tz: Tz) -> Result<Vec<Held>, String> {
    let file = File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(file);
    let header = rdr.byte_headers().map_err(|e| e.to_string())?.clone();
    let find = |name: &str| header.iter().position(|h| h == name.as_bytes());
    let ticket = find("ticket_id").ok_or("no ticket_id column")?;
    let at = find("at").ok_or("no at column")?;
    let mut rec = csv::ByteRecord::new();
    let mut ids: Vec<Held> = Vec::new();
    while rdr.read_byte_record(&mut rec).map_err(|e| e.to_string())? {
        let text = std::str::from_utf8(rec.get(at).unwrap_or_default()).unwrap_or("");
        let t = parse_timestamp(text, tz).unwrap_or(0);
        ids.push((rec.get(ticket).unwrap_or_default().into(), t));
    }
    Ok(ids)
}

/// A writer that counts the bytes it passes on.
struct Counted<W>(u64, W);

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.1.write(buf)?;
        self.0 += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.1.flush()
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(rows) => {
            eprintln!("floor: {rows} rows");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("floor: {e}");
            ExitCode::from(2)
        }
    }
}
