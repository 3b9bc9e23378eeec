//! From TOML text to a checked [`Contract`], with every problem located by file,
//! line and key. Pure: the caller reads the files.

use std::fmt;
use std::path::{Component, Path, PathBuf};

use super::build::{build, build_layered};
use super::extends::Merged;
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
/// calendar the contract refers to. A contract that `extends` another may name
/// a shipped contract; naming a file needs [`load_contract_with`].
pub fn load_contract(
    src: &str,
    file: &str,
    calendar: &dyn Fn(&str) -> Option<(String, String)>,
) -> Result<Contract, LoadErrors> {
    load_contract_with(src, file, calendar, &|p| {
        Err(format!(
            "cannot read contract file '{}' (only shipped contracts can be extended here)",
            p.display()
        ))
    })
}

/// The longest chain of `extends` followed (a loop is reported before that).
const MAX_CHAIN: usize = 16;

/// [`load_contract`] for a contract that may extend a contract file: `read(path)`
/// returns the text of the file an `extends` names (the library reads no file
/// itself). A relative path is taken from the directory of the file that
/// writes it. Problems are reported in the file and at the line that wrote them.
///
/// ```
/// let over = "extends = \"adereso\"\n[contract]\nkey = \"adereso-signed\"\n\n[[targets]]\nkind = \"response\"\nplans = [\"enterprise\"]\npriorities = [\"1\"]\nvalue = 2\nunit = \"hours\"\nschedule = \"always\"\nclause = \"signed addendum\"\n\n[[schedules]]\nkey = \"always\"\nalways = true\nclause = \"signed addendum\"\n";
/// let cal = |n: &str| slaudit::shipped::calendar(n).map(|(f, t)| (f.to_string(), t.to_string()));
/// let c = slaudit::contract::load::load_contract_with(over, "o.toml", &cal, &|_| Err("no files".into())).unwrap();
/// let (ent, p1) = (c.plan("enterprise").unwrap(), c.priority("1").unwrap());
/// let kind = slaudit::contract::TargetKind::Response;
/// // The override's target wins over Adereso's catch-all "not published" one ...
/// assert_eq!(c.target(ent, p1, kind, None).unwrap().describe(), "2 hours");
/// // ... which still covers every other ticket.
/// assert_eq!(c.target(ent, c.priority("2").unwrap(), kind, None).unwrap().describe(), "not published");
/// ```
pub fn load_contract_with(
    src: &str,
    file: &str,
    calendar: &dyn Fn(&str) -> Option<(String, String)>,
    read: &dyn Fn(&Path) -> Result<String, String>,
) -> Result<Contract, LoadErrors> {
    let one = |e: LoadError| LoadErrors(vec![e]);
    if !src.contains("extends") {
        return load_one(src, file, calendar);
    }
    let table: toml::Table = parse_toml(src, file).map_err(one)?;
    misplaced_extends(&table, src, file).map_err(one)?;
    if !table.contains_key("extends") {
        return load_one(src, file, calendar);
    }
    let mut chain = vec![Layer {
        file: file.to_string(),
        id: normalize(Path::new(file)).display().to_string(),
        src: src.to_string(),
        table,
    }];
    loop {
        let cur = chain.len() - 1;
        let Some(ext) = chain[cur].table.remove("extends") else {
            break;
        };
        let at = |key: &str, message: String| LoadError {
            file: chain[cur].file.clone(),
            line: line_of_path(&chain[cur].src, key)
                .or_else(|| line_of_path(&chain[cur].src, "extends")),
            key: key.to_string(),
            message,
        };
        let toml::Value::String(name) = ext else {
            return Err(one(at(
                "extends",
                "must be a string: the name of a shipped contract or the path of a contract file"
                    .into(),
            )));
        };
        let own_key = chain[cur]
            .table
            .get("contract")
            .and_then(|c| c.get("key"))
            .and_then(toml::Value::as_str);
        if !own_key.is_some_and(|k| !k.trim().is_empty()) {
            return Err(one(at(
                "contract.key",
                "a contract that extends another needs its own `[contract] key` (it may repeat the key of the one it extends)".into(),
            )));
        }
        let (pfile, pid, ptext) =
            parent(&name, &chain[cur].file, read).map_err(|m| one(at("extends", m)))?;
        if let Some(k) = chain.iter().position(|l| l.id == pid) {
            let mut files: Vec<&str> = chain[k..].iter().map(|l| l.file.as_str()).collect();
            files.push(&pfile);
            return Err(one(at(
                "extends",
                format!("extends loop: {}", files.join(" -> ")),
            )));
        }
        if chain.len() >= MAX_CHAIN {
            return Err(one(at(
                "extends",
                format!("more than {MAX_CHAIN} contracts extend one another"),
            )));
        }
        let ptable: toml::Table = parse_toml(&ptext, &pfile).map_err(one)?;
        misplaced_extends(&ptable, &ptext, &pfile).map_err(one)?;
        chain.push(Layer {
            file: pfile,
            id: pid,
            src: ptext,
            table: ptable,
        });
    }
    load_chain(chain, calendar)
}

/// `extends` written after a `[section]` header belongs to that section: the
/// most likely slip in an override file, refused with a hint.
fn misplaced_extends(table: &toml::Table, src: &str, file: &str) -> Result<(), LoadError> {
    for (section, value) in table {
        if value.as_table().is_some_and(|t| t.contains_key("extends")) {
            let key = format!("{section}.extends");
            return Err(LoadError {
                file: file.to_string(),
                line: line_of_path(src, &key),
                key,
                message: "`extends` goes at the top of the file, before the first [section] header"
                    .into(),
            });
        }
    }
    Ok(())
}

/// One file of an `extends` chain.
struct Layer {
    file: String,
    /// What makes two references the same file (loops).
    id: String,
    src: String,
    table: toml::Table,
}

/// The contract an `extends` names: (file name, identity, text).
fn parent(
    name: &str,
    from: &str,
    read: &dyn Fn(&Path) -> Result<String, String>,
) -> Result<(String, String, String), String> {
    if name.contains('/') || name.contains('\\') || name.ends_with(".toml") {
        let p = Path::new(name);
        let joined = if p.is_absolute() {
            p.to_path_buf()
        } else {
            Path::new(from).parent().unwrap_or(Path::new("")).join(p)
        };
        let path = normalize(&joined);
        let text = read(&path)?;
        let shown = path.display().to_string();
        return Ok((shown.clone(), shown, text));
    }
    let key = crate::text::fold(name);
    match crate::shipped::contract(&key) {
        Some((f, t)) => Ok((f.to_string(), format!("shipped {key}"), t.to_string())),
        None => {
            let known: Vec<&str> = crate::shipped::CONTRACTS.iter().map(|c| c.0).collect();
            Err(format!(
                "unknown contract '{name}' to extend (shipped: {}; or give the path of a contract file, relative to this one)",
                known.join(", ")
            ))
        }
    }
}

/// `a/./b/../c.toml` -> `a/c.toml`, without touching the file system.
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Merges a chain (the file given first) and checks the result, locating every
/// problem in the file that wrote it.
fn load_chain(
    chain: Vec<Layer>,
    calendar: &dyn Fn(&str) -> Option<(String, String)>,
) -> Result<Contract, LoadErrors> {
    let files: Vec<String> = chain.iter().map(|l| l.file.clone()).collect();
    let srcs: Vec<String> = chain.iter().map(|l| l.src.clone()).collect();
    let mut layers: Vec<(usize, toml::Table)> =
        chain.into_iter().map(|l| l.table).enumerate().collect();
    let Some((base_layer, base)) = layers.pop() else {
        return Err(LoadErrors(Vec::new()));
    };
    let mut merged = Merged::base(base, base_layer);
    let mut problems = Vec::new();
    let lines: Vec<PathLines> = srcs.iter().map(|s| PathLines::new(s)).collect();
    while let Some((layer, table)) = layers.pop() {
        for p in merged.apply(table, layer) {
            problems.push(LoadError {
                file: files[layer].clone(),
                line: lines[layer].line(&p.path),
                key: p.path,
                message: p.message,
            });
        }
    }
    if !problems.is_empty() {
        return Err(LoadErrors(problems));
    }
    let (doc, provenance, target_layers) = merged.finish(files.clone());
    let locate = |path: &str, message: String| {
        let (layer, source) = provenance.locate(path);
        LoadError {
            file: files[layer].clone(),
            line: lines[layer].line(&source),
            key: if source == "." { String::new() } else { source },
            message,
        }
    };
    let spec: ContractSpec =
        serde_path_to_error::deserialize(toml::Value::Table(doc)).map_err(|e| {
            let path = e.path().to_string();
            let message = one_line(e.into_inner().message());
            LoadErrors(vec![locate(&path, message)])
        })?;
    let resolve = calendar_resolver(calendar);
    let calendar_name = spec.holidays.as_ref().map_or("", |h| h.calendar.as_str());
    let mut contract = build_layered(&spec, &resolve, &target_layers).map_err(|problems| {
        LoadErrors(
            problems
                .into_iter()
                .map(|p| match p.elsewhere {
                    Some(at) => {
                        let named = locate("holidays.calendar", String::new());
                        let named_at = format!(
                            "{}{}",
                            named.file,
                            named.line.map_or(String::new(), |l| format!(":{l}"))
                        );
                        in_calendar(at, &p.message, calendar_name, named_at)
                    }
                    None => locate(&p.path, p.message),
                })
                .collect(),
        )
    })?;
    contract.provenance = provenance;
    Ok(contract)
}

/// A calendar is checked where its file and text are known, so a mistake in it
/// is reported at its own file and line.
fn calendar_resolver<'a>(
    calendar: &'a dyn Fn(&str) -> Option<(String, String)>,
) -> impl Fn(&str) -> Result<HolidayCalendar, Problem> + 'a {
    move |name: &str| -> Result<HolidayCalendar, Problem> {
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
    }
}

/// A problem found in a holiday calendar, at the calendar's own file and line,
/// saying where the contract names it.
fn in_calendar(at: Elsewhere, message: &str, calendar: &str, named_at: String) -> LoadError {
    LoadError {
        file: at.file,
        line: at.line,
        key: at.key,
        message: format!("{message} (in holiday calendar '{calendar}', named at {named_at})"),
    }
}

/// A contract that extends nothing.
fn load_one(
    src: &str,
    file: &str,
    calendar: &dyn Fn(&str) -> Option<(String, String)>,
) -> Result<Contract, LoadErrors> {
    let spec: ContractSpec = parse_toml(src, file).map_err(|e| LoadErrors(vec![e]))?;
    let resolve = calendar_resolver(calendar);
    build(&spec, &resolve).map_err(|problems| {
        let lines = PathLines::new(src);
        LoadErrors(
            problems
                .into_iter()
                .map(|p| {
                    let line = lines.line(&p.path);
                    match p.elsewhere {
                        Some(at) => in_calendar(
                            at,
                            &p.message,
                            spec.holidays.as_ref().map_or("", |h| h.calendar.as_str()),
                            format!("{file}{}", line.map_or(String::new(), |l| format!(":{l}"))),
                        ),
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
    PathLines::new(src).line(path)
}

/// A document parsed once to find the lines of many key paths (a file with
/// many problems is not parsed again for each).
pub struct PathLines<'s> {
    src: &'s str,
    doc: Option<toml_edit::ImDocument<&'s str>>,
}

impl<'s> PathLines<'s> {
    pub fn new(src: &'s str) -> Self {
        PathLines {
            src,
            doc: toml_edit::ImDocument::parse(src).ok(),
        }
    }

    /// See [`line_of_path`].
    pub fn line(&self, path: &str) -> Option<usize> {
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
        let doc = self.doc.as_ref()?;
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
        best.map(|r| line_of_offset(self.src, r.start))
    }
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
