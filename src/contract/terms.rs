//! The small terms every part of a contract shares: the kinds of promise, a
//! located problem, a note, and durations as written (`8h`).

use crate::text::Vocabulary;

/// One problem found in a contract, located by its TOML key path
/// (`targets[3].unit`); [`super::load`] turns the path into a line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
    /// Set when the problem is inside another file the contract names (a
    /// holiday calendar): `path` is then where the contract names it.
    pub elsewhere: Option<Elsewhere>,
}

/// Where in another file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Elsewhere {
    pub file: String,
    pub line: Option<usize>,
    /// The key path in that file; empty when the message names it already.
    pub key: String,
}

impl Problem {
    pub(super) fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            message: message.into(),
            elsewhere: None,
        }
    }
}

/// The promises a contract can make about one ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TargetKind {
    Response,
    Resolution,
    Workaround,
    StatusUpdate,
}

impl TargetKind {
    pub const ALL: [TargetKind; 4] = [
        TargetKind::Response,
        TargetKind::Resolution,
        TargetKind::Workaround,
        TargetKind::StatusUpdate,
    ];

    /// The kinds judged per ticket from its own events, in output order (and
    /// the kinds a ticket penalty can name).
    pub const AUDITED: [TargetKind; 3] = [
        TargetKind::Response,
        TargetKind::Resolution,
        TargetKind::Workaround,
    ];

    pub fn key(self) -> &'static str {
        match self {
            TargetKind::Response => "response",
            TargetKind::Resolution => "resolution",
            TargetKind::Workaround => "workaround",
            TargetKind::StatusUpdate => "status_update",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TargetKind::Response => "first response",
            TargetKind::Resolution => "resolution",
            TargetKind::Workaround => "workaround",
            TargetKind::StatusUpdate => "status update cadence",
        }
    }

    pub(super) fn parse(s: &str) -> Option<Self> {
        TargetKind::ALL.into_iter().find(|k| k.key() == s)
    }

    pub(super) fn index(self) -> usize {
        self as usize
    }
}

/// A note of the contract, with its clause.
#[derive(Debug, Clone)]
pub struct Note {
    pub text: String,
    pub clause: Option<String>,
    pub assumption: bool,
}

/// Reads `8h`, `7h30m`, `45m` as seconds.
pub fn parse_duration(s: &str) -> Option<i64> {
    let s = s.trim();
    let mut total = 0i64;
    let mut num = String::new();
    let mut any = false;
    for c in s.chars() {
        if c.is_ascii_digit() {
            num.push(c);
        } else {
            let n: i64 = num.parse().ok()?;
            num.clear();
            let unit = match c {
                'h' => 3600,
                'm' => 60,
                's' => 1,
                _ => return None,
            };
            total = total.checked_add(n.checked_mul(unit)?)?;
            any = true;
        }
    }
    (any && num.is_empty()).then_some(total)
}

/// The indices of the labels in `list` (at key path `path`), each one that
/// `vocab` does not know a problem naming the ones it does (`what`: "plan",
/// "priority", ...).
pub(super) fn refs(
    list: &[String],
    vocab: &Vocabulary,
    path: &str,
    what: &str,
    problems: &mut Vec<Problem>,
) -> Vec<usize> {
    let mut out = Vec::new();
    for (j, label) in list.iter().enumerate() {
        match vocab.lookup(label) {
            Some(i) => out.push(i),
            None => problems.push(Problem::new(
                format!("{path}[{j}]"),
                format!("unknown {what} '{label}' (defined: {})", vocab.list()),
            )),
        }
    }
    out
}

/// Every term of a contract names its clause: an empty one is a problem.
pub(super) fn need_clause(text: &str, path: &str, problems: &mut Vec<Problem>) {
    if text.trim().is_empty() {
        problems.push(Problem::new(path, "is empty: name the clause of the text"));
    }
}
