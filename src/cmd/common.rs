//! What the commands share: finding and loading contracts, reading small text
//! files, and resolving the flags every command takes the same way.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use chrono_tz::Tz;
use slaudit::contract::load::{load_contract_with, LoadErrors};
use slaudit::contract::Contract;
use slaudit::shipped;

/// Where a contract came from.
pub struct Located {
    pub file: String,
    pub text: String,
    /// Directory whose `calendars/` is searched first.
    pub dir: Option<PathBuf>,
}

/// `--contracts-dir` must name a directory: a typo must not silently fall back
/// to the shipped contracts.
pub fn check_contracts_dir(dir: Option<&Path>) -> Result<()> {
    let Some(dir) = dir else { return Ok(()) };
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => bail!("--contracts-dir: '{}' is not a directory", dir.display()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("--contracts-dir: '{}' does not exist", dir.display())
        }
        Err(e) => bail!("--contracts-dir: cannot read '{}': {e}", dir.display()),
    }
}

/// A contract file of `--contracts-dir`, known by the key inside it.
pub struct DirContract {
    /// The key as the file writes it.
    pub key: String,
    pub path: PathBuf,
    pub text: String,
}

/// Finds a contract by path (anything with a `/`, or ending in `.toml`) or by
/// key: the `--contracts-dir` file whose `[contract] key` it names first, then
/// the shipped ones.
pub fn locate(name: &str, contracts_dir: Option<&Path>) -> Result<Located> {
    let as_path = Path::new(name);
    if name.contains('/') || name.contains('\\') || name.ends_with(".toml") {
        let text = read_text(as_path, "contract")?;
        return Ok(Located {
            file: name.to_string(),
            text,
            dir: as_path.parent().map(Path::to_path_buf),
        });
    }
    let key = slaudit::text::fold(name);
    let in_dir = match contracts_dir {
        Some(dir) => dir_contracts(dir)?,
        None => Vec::new(),
    };
    if let Some(found) = in_dir.iter().find(|d| slaudit::text::fold(&d.key) == key) {
        return Ok(Located {
            file: found.path.display().to_string(),
            text: found.text.clone(),
            dir: contracts_dir.map(Path::to_path_buf),
        });
    }
    if let Some((file, text)) = shipped::contract(&key) {
        return Ok(Located {
            file: file.to_string(),
            text: text.to_string(),
            dir: None,
        });
    }
    let mut known: Vec<String> = shipped::CONTRACTS
        .iter()
        .map(|(k, _, _)| k.to_string())
        .chain(in_dir.iter().map(|d| slaudit::text::fold(&d.key)))
        .collect();
    known.sort();
    known.dedup();
    bail!(
        "unknown contract '{name}' (known: {}; or give a path to a .toml file)",
        known.join(", ")
    )
}

/// The contract files (`*.toml`) of a directory, each with the key it declares,
/// in file-name order. A file whose key cannot be read, or two files declaring
/// the same key (compared as `--contract` names are), is an error: which
/// contract a name means must never depend on the order files are read in.
pub fn dir_contracts(dir: &Path) -> Result<Vec<DirContract>> {
    let entries = std::fs::read_dir(dir)
        .with_context(|| format!("--contracts-dir: cannot read '{}'", dir.display()))?;
    let mut paths = Vec::new();
    for e in entries {
        let p = e
            .with_context(|| format!("--contracts-dir: cannot read '{}'", dir.display()))?
            .path();
        if p.extension().is_some_and(|x| x == "toml") && p.is_file() {
            paths.push(p);
        }
    }
    paths.sort();
    let mut out: Vec<DirContract> = Vec::new();
    for path in paths {
        let file = path.display().to_string();
        let text = read_text(&path, "contract")?;
        let key = slaudit::contract::load::contract_key(&text, &file)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let folded = slaudit::text::fold(&key);
        if let Some(first) = out.iter().find(|d| slaudit::text::fold(&d.key) == folded) {
            bail!(
                "--contracts-dir: {} and {file} both define contract '{folded}'",
                first.path.display()
            );
        }
        out.push(DirContract { key, path, text });
    }
    Ok(out)
}

/// Loads and checks a located contract.
pub fn load(loc: &Located, contracts_dir: Option<&Path>) -> Result<Contract, LoadErrors> {
    let dirs: Vec<PathBuf> = loc
        .dir
        .iter()
        .cloned()
        .chain(contracts_dir.map(Path::to_path_buf))
        .collect();
    let calendar = move |name: &str| -> Option<(String, String)> {
        for d in &dirs {
            let p = d.join("calendars").join(format!("{name}.toml"));
            if let Ok(text) = std::fs::read_to_string(&p) {
                return Some((p.display().to_string(), text));
            }
        }
        shipped::calendar(name).map(|(f, t)| (f.to_string(), t.to_string()))
    };
    // The contract file an `extends` names by path.
    let read = |path: &Path| read_text(path, "contract").map_err(|e| format!("{e:#}"));
    load_contract_with(&loc.text, &loc.file, &calendar, &read)
}

/// Finds and loads a contract, or fails with every problem listed.
pub fn contract(name: &str, contracts_dir: Option<&Path>) -> Result<Contract> {
    let loc = locate(name, contracts_dir)?;
    load(&loc, contracts_dir).map_err(|errs| {
        for e in errs.0.iter().skip(1) {
            eprintln!("slaudit: error: {e}");
        }
        anyhow::anyhow!(
            "{}",
            errs.0.first().map(|e| e.to_string()).unwrap_or_default()
        )
    })
}

/// Reads a whole text file with a message that names it.
pub fn read_text(path: &Path, what: &str) -> Result<String> {
    let bytes = std::fs::read(path)
        .with_context(|| format!("cannot read {what} file '{}'", path.display()))?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{what} file '{}' is not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// A plan given on the command line, checked against the contract.
pub fn plan_arg(c: &Contract, plan: Option<&str>) -> Result<Option<usize>> {
    match plan {
        None => Ok(None),
        Some(p) => match c.plan(p) {
            Some(i) => Ok(Some(i)),
            None => bail!(
                "--plan: plan '{p}' is not one of {} in contract {}",
                c.plan_keys(),
                c.key
            ),
        },
    }
}

/// `--input-tz`, or the contract's zone.
pub fn input_tz(c: &Contract, flag: Option<&str>) -> Result<Tz> {
    match flag {
        None => Ok(c.tz),
        Some(s) => s.parse().map_err(|_| {
            anyhow::anyhow!(
                "--input-tz: unknown time zone '{s}' (expected an IANA name such as Europe/Madrid)"
            )
        }),
    }
}

/// An input error as one line naming the file (and the line, when it has one).
pub fn located(name: &str, e: slaudit::read::tickets::InputError) -> anyhow::Error {
    match e {
        slaudit::read::tickets::InputError::Empty { .. } => anyhow::anyhow!("{name}: {e}"),
        _ => anyhow::anyhow!("{name}:{}", e.to_string().trim_start_matches("line ")),
    }
}

/// The tickets reader for `input`: slaudit's own format, or the mapping's
/// (decoded and split as it says); a header it cannot use is one error line.
pub fn ticket_reader(
    input: Box<dyn std::io::Read + Send>,
    file_name: &str,
    mapping: Option<&slaudit::read::mapping::Mapping>,
    tz: chrono_tz::Tz,
) -> Result<slaudit::read::tickets::TicketReader<Box<dyn std::io::Read + Send>>> {
    match mapping {
        None => slaudit::read::tickets::TicketReader::new(input).map_err(|e| located(file_name, e)),
        Some(m) => {
            let (input, delim) = slaudit::read::mapping::decoded(input, m)
                .map_err(|e| anyhow::anyhow!("{file_name}: {e}"))?;
            slaudit::read::tickets::TicketReader::with_mapping(input, m, delim, tz)
                .map_err(|e| located(file_name, e))
        }
    }
}

/// The mapping `--from PRESET` or `--map FILE` names, loaded and checked
/// (`None`: slaudit's own format).
pub fn mapping(
    source: &crate::cli::SourceFormat,
) -> Result<Option<slaudit::read::mapping::Mapping>> {
    use slaudit::read::mapping::load_mapping;
    if let Some(name) = &source.from {
        let (file, text) = slaudit::shipped::preset(name).ok_or_else(|| {
            anyhow::anyhow!(
                "--from: unknown preset '{}' (shipped: {}); a mapping file goes with --map FILE",
                slaudit::text::clip(name),
                slaudit::shipped::preset_names()
            )
        })?;
        let label = format!("preset {}", name.trim().to_lowercase());
        return load_mapping(text, file, label, &slaudit::shipped::preset)
            .map(Some)
            .map_err(|e| anyhow::anyhow!("{e}"));
    }
    let Some(path) = &source.map else {
        return Ok(None);
    };
    let file = path.display().to_string();
    let text = read_text(path, "mapping")?;
    let label = format!("mapping file {file}");
    load_mapping(&text, &file, label, &slaudit::shipped::preset)
        .map(Some)
        .map_err(|e| anyhow::anyhow!("{e}"))
}

/// An input to read as CSV, and its name in messages: standard input for
/// `-`, a spreadsheet's sheet (`sheet`, else the first) as CSV text named
/// `FILE[SHEET]`, or the file itself.
pub fn open_input(
    path: &std::path::Path,
    what: &str,
    sheet: Option<&str>,
) -> Result<(Box<dyn std::io::Read + Send>, String)> {
    let name = path.display().to_string();
    if name == "-" {
        return Ok((Box::new(std::io::stdin()), name));
    }
    if slaudit::read::sheet::is_spreadsheet(path) {
        drop(open_file(path, what)?);
        let (csv, sheet) = slaudit::read::sheet::sheet_as_csv(path, sheet)
            .map_err(|e| anyhow::anyhow!("{what} file '{name}': {e}"))?;
        return Ok((
            Box::new(std::io::Cursor::new(csv)),
            format!("{name}[{sheet}]"),
        ));
    }
    Ok((Box::new(open_file(path, what)?), name))
}

/// Opens an input file (`what`: "tickets", "outages", "events"); a directory is
/// refused by name (reading one would only say "Is a directory").
pub fn open_file(path: &std::path::Path, what: &str) -> Result<std::fs::File> {
    let name = path.display();
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {what} file '{name}'"))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        anyhow::bail!("{what} file '{name}' is a directory, not a file");
    }
    Ok(file)
}

/// Where a command's output goes: standard output, or the file of `-o`
/// (created here, so a run that fails before any output leaves none).
pub fn output(path: Option<&std::path::Path>) -> Result<Box<dyn Write + Send>> {
    Ok(match path {
        None => Box::new(std::io::stdout()),
        Some(p) => Box::new(
            std::fs::File::create(p)
                .with_context(|| format!("-o: cannot create '{}'", p.display()))?,
        ),
    })
}

/// Whether the output is a terminal (never with `-o`): tables are the default
/// there, CSV otherwise.
/// Whether tables for people are coloured: on a terminal (or with
/// `CLICOLOR_FORCE` set to anything but `0`), never with `NO_COLOR` set.
pub fn colour(path: Option<&std::path::Path>) -> bool {
    let set = |v: &str| std::env::var_os(v).is_some_and(|x| !x.is_empty());
    if set("NO_COLOR") {
        return false;
    }
    let forced = std::env::var("CLICOLOR_FORCE").is_ok_and(|v| !v.is_empty() && v != "0");
    forced || output_is_terminal(path)
}

/// The width of the terminal the output goes to (`COLUMNS` when set, as
/// shells and scripts set it), `None` off a terminal without `COLUMNS`.
pub fn terminal_width(path: Option<&std::path::Path>) -> Option<u16> {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok());
    if path.is_some() {
        return None;
    }
    columns.or_else(|| {
        output_is_terminal(path)
            .then(|| comfy_table::Table::new().width())
            .flatten()
    })
}

pub fn output_is_terminal(path: Option<&std::path::Path>) -> bool {
    use std::io::IsTerminal;
    path.is_none() && std::io::stdout().is_terminal()
}

/// Writes a rendered document to the output (see [`output`]) and flushes it;
/// `for_people`: control characters are shown escaped (not in CSV, whose
/// values are data).
pub fn write_output(text: &str, path: Option<&std::path::Path>, for_people: bool) -> Result<()> {
    let text = if for_people {
        slaudit::text::printable(text)
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let mut out = output(path)?;
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes a rendered document to standard output and flushes it: a closed pipe
/// or a full disk is an error the caller returns, never a panic.
/// Writes bytes generated from slaudit's own definitions (a completion
/// script, the manual page) to standard output as they are.
pub fn write_raw(bytes: &[u8]) -> Result<std::process::ExitCode> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()?;
    Ok(std::process::ExitCode::from(crate::exit::SUCCESS))
}

pub fn write_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    // Tables and text for people: control characters from a contract file or
    // a flag are shown escaped (JSON has none left to escape).
    out.write_all(slaudit::text::printable(text).as_bytes())?;
    out.flush()?;
    Ok(())
}

/// `--fee` and `--currency`, checked (clap makes sure both or neither are given).
pub fn fee(args: &crate::cli::FeeArgs) -> Result<Option<slaudit::money::Fee>> {
    match (&args.fee, &args.currency) {
        (Some(a), Some(c)) => Ok(Some(
            slaudit::money::Fee::parse(a, c).map_err(|e| anyhow::anyhow!("--fee: {e}"))?,
        )),
        _ => Ok(None),
    }
}
