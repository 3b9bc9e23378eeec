//! What the commands share: finding and loading contracts, reading small text
//! files, and resolving the flags every command takes the same way.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use chrono_tz::Tz;
use slaudit::contract::load::{load_contract, LoadErrors};
use slaudit::contract::Contract;
use slaudit::shipped;

/// Where a contract came from.
pub struct Located {
    pub file: String,
    pub text: String,
    /// Directory whose `calendars/` is searched first.
    pub dir: Option<PathBuf>,
}

/// Finds a contract by path (anything with a `/`, or ending in `.toml`) or by
/// name: `--contracts-dir` first, then the shipped ones.
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
    if let Some(dir) = contracts_dir {
        let candidate = dir.join(format!("{key}.toml"));
        if candidate.is_file() {
            let text = read_text(&candidate, "contract")?;
            return Ok(Located {
                file: candidate.display().to_string(),
                text,
                dir: Some(dir.to_path_buf()),
            });
        }
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
        .collect();
    if let Some(dir) = contracts_dir {
        known.extend(dir_contracts(dir).into_iter().map(|(k, _)| k));
    }
    known.sort();
    known.dedup();
    bail!(
        "unknown contract '{name}' (known: {}; or give a path to a .toml file)",
        known.join(", ")
    )
}

/// Contract files in a directory: (key from the file name, path).
pub fn dir_contracts(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "toml") && p.is_file() {
                if let Some(stem) = p.file_stem().and_then(|s| s.to_str()) {
                    out.push((stem.to_string(), p.clone()));
                }
            }
        }
    }
    out.sort();
    out
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
    load_contract(&loc.text, &loc.file, &calendar)
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

/// Writes a rendered document to standard output and flushes it: a closed pipe
/// or a full disk is an error the caller returns, never a panic.
pub fn write_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
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
