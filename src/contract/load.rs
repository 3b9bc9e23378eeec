//! From TOML text to a checked [`Contract`], with every problem located by file,
//! line and key. Pure: the caller reads the files.

use std::fmt;

use super::build::build;
use super::spec::ContractSpec;
use super::terms::{Elsewhere, Problem};
use super::Contract;
use crate::holidays::{HolidayCalendar, HolidaySpec};

/// One problem in a contract or calendar file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    pub line: Option<usize>,
    pub key: String,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if !self.key.is_empty() {
            write!(f, ": key '{}'", crate::text::one_line(&self.key))?;
        }
        write!(f, ": {}", crate::text::one_line(&self.message))
    }
}

/// All problems found in one contract (at least one).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadErrors(pub Vec<LoadError>);

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.as_slice() {
            [] => write!(f, "invalid contract"),
            [one] => write!(f, "{one}"),
            [first, rest @ ..] => write!(f, "{first} (and {} more problem(s))", rest.len()),
        }
    }
}

/// Parses TOML into `T`, naming the key path and line of the first problem.
pub fn parse_toml<T: serde::de::DeserializeOwned>(src: &str, file: &str) -> Result<T, LoadError> {
    let de = toml::Deserializer::new(src);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let line = inner
            .span()
            .map(|s| line_of_offset(src, s.start))
            .or_else(|| line_of_path(src, &path));
        LoadError {
            file: file.to_string(),
            line,
            key: if path == "." { String::new() } else { path },
            message: one_line(inner.message()),
        }
    })
}

/// The `key` a contract file declares in its `[contract]` section, read
/// without checking the rest of the file (how a directory of contracts is
/// indexed: by the key inside each file, never by its file name).
///
/// ```
/// let text = "[contract]\nkey = \"mini\"\nname = \"Mini\"\n";
/// assert_eq!(slaudit::contract::load::contract_key(text, "a.toml").unwrap(), "mini");
/// assert!(slaudit::contract::load::contract_key("[contract]\n", "b.toml").is_err());
/// ```
pub fn contract_key(src: &str, file: &str) -> Result<String, LoadError> {
    #[derive(serde::Deserialize)]
    struct Header {
        key: String,
    }
    #[derive(serde::Deserialize)]
    struct KeyOnly {
        contract: Header,
    }
    let doc: KeyOnly = parse_toml(src, file)?;
    if doc.contract.key.trim().is_empty() {
        return Err(LoadError {
            file: file.to_string(),
            line: line_of_path(src, "contract.key"),
            key: "contract.key".into(),
            message: "must not be empty".into(),
        });
    }
    Ok(doc.contract.key)
}

/// Loads a contract. `calendar(name)` returns the text and file name of a holiday
/// calendar the contract refers to.
pub fn load_contract(
    src: &str,
    file: &str,
    calendar: &dyn Fn(&str) -> Option<(String, String)>,
) -> Result<Contract, LoadErrors> {
    let spec: ContractSpec = parse_toml(src, file).map_err(|e| LoadErrors(vec![e]))?;
    // A calendar is checked here, where its file and text are known, so a
    // mistake in it is reported at its own file and line.
    let resolve = |name: &str| -> Result<HolidayCalendar, Problem> {
        let (cal_file, text) = calendar(name).ok_or_else(|| {
            Problem::new(
                "holidays.calendar",
                format!("unknown holiday calendar '{name}'"),
            )
        })?;
        let spec = parse_toml::<HolidaySpec>(&text, &cal_file).map_err(|e| Problem {
            path: String::new(),
            message: e.message,
            elsewhere: Some(Elsewhere {
                file: e.file,
                line: e.line,
                key: e.key,
            }),
        })?;
        HolidayCalendar::from_spec(&spec).map_err(|e| Problem {
            path: String::new(),
            elsewhere: Some(Elsewhere {
                file: cal_file.clone(),
                line: line_of_path(&text, &e.key_path()),
                key: String::new(),
            }),
            message: e.to_string(),
        })
    };
    build(&spec, &resolve).map_err(|problems| {
        LoadErrors(
            problems
                .into_iter()
                .map(|p| {
                    let line = line_of_path(src, &p.path);
                    match p.elsewhere {
                        Some(at) => LoadError {
                            file: at.file,
                            line: at.line,
                            key: at.key,
                            message: format!(
                                "{} (in holiday calendar '{}', named at {file}{})",
                                p.message,
                                spec.holidays.as_ref().map_or("", |h| h.calendar.as_str()),
                                line.map_or(String::new(), |l| format!(":{l}"))
                            ),
                        },
                        None => LoadError {
                            file: file.to_string(),
                            line,
                            key: p.path,
                            message: p.message,
                        },
                    }
                })
                .collect(),
        )
    })
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn line_of_offset(src: &str, offset: usize) -> usize {
    src.as_bytes()[..offset.min(src.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Line of a key path such as `targets[3].unit` or `schedules[0].mon[1]`: the
/// deepest part of the path that exists in the document.
pub fn line_of_path(src: &str, path: &str) -> Option<usize> {
    use toml_edit::{Item, Value};
    enum Node<'a> {
        Table(&'a toml_edit::Table),
        Inline(&'a toml_edit::InlineTable),
        Tables(&'a toml_edit::ArrayOfTables),
        Array(&'a toml_edit::Array),
        Leaf,
    }
    fn of_item(item: &Item) -> Node<'_> {
        match item {
            Item::Table(t) => Node::Table(t),
            Item::ArrayOfTables(a) => Node::Tables(a),
            Item::Value(v) => of_value(v),
            Item::None => Node::Leaf,
        }
    }
    fn of_value(v: &Value) -> Node<'_> {
        match v {
            Value::InlineTable(t) => Node::Inline(t),
            Value::Array(a) => Node::Array(a),
            _ => Node::Leaf,
        }
    }
    let doc = toml_edit::ImDocument::parse(src).ok()?;
    let mut best: Option<std::ops::Range<usize>> = None;
    let mut node = Node::Table(doc.as_table());
    for seg in segments(path) {
        node = match (seg, node) {
            (Seg::Key(k), Node::Table(t)) => match t.get_key_value(&k) {
                Some((key, it)) => {
                    best = key.span().or(best);
                    of_item(it)
                }
                None => break,
            },
            (Seg::Key(k), Node::Inline(t)) => match t.get_key_value(&k) {
                Some((key, v)) => {
                    best = key.span().or(best);
                    of_item(v)
                }
                None => break,
            },
            (Seg::Index(i), Node::Tables(a)) => match a.get(i) {
                Some(t) => {
                    best = t.span().or(best);
                    Node::Table(t)
                }
                None => break,
            },
            (Seg::Index(i), Node::Array(a)) => match a.get(i) {
                Some(v) => {
                    best = v.span().or(best);
                    of_value(v)
                }
                None => break,
            },
            _ => break,
        };
    }
    best.map(|r| line_of_offset(src, r.start))
}

enum Seg {
    Key(String),
    Index(usize),
}

fn segments(path: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let mut rest = part;
        if let Some(b) = rest.find('[') {
            if b > 0 {
                out.push(Seg::Key(rest[..b].to_string()));
            }
            rest = &rest[b..];
            while let Some(stripped) = rest.strip_prefix('[') {
                let Some(end) = stripped.find(']') else { break };
                if let Ok(i) = stripped[..end].parse() {
                    out.push(Seg::Index(i));
                }
                rest = &stripped[end + 1..];
            }
        } else if !rest.is_empty() {
            out.push(Seg::Key(rest.to_string()));
        }
    }
    out
}
