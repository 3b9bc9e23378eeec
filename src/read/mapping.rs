//! How to read a help desk's export: a preset (`presets/NAME.toml`, shipped) or
//! a user's mapping file in the same format (`presets/README.md`). Loading
//! checks every key and names file, line and key of a mistake; the result is a
//! [`Mapping`]: where each ticket field comes from, the timestamp patterns,
//! the words to translate, and how the file is laid out (delimiter, encoding,
//! rows above the header, a footer). [`MappedColumns`] applies it to a header.

use std::collections::BTreeMap;

use chrono_tz::Tz;
use serde::Deserialize;

use super::input::{Fields, Header, HeaderError, RawRow};
use crate::contract::load::{line_of_path, parse_toml, LoadError};
use crate::localtime::{parse_with, Patterns};
use crate::record::{RowError, Stamp, TicketRecord};
use crate::text::{clip, fold, trim};

/// The ticket fields a mapping can name, in slaudit's column order (the
/// tickets reader's required columns, then its optional ones).
pub const FIELDS: [&str; 11] = [
    "id",
    "created_at",
    "priority",
    "plan",
    "channel",
    "category",
    "first_response_at",
    "workaround_at",
    "resolved_at",
    "excluded",
    "reporter",
];

/// The time fields (those `[formats]` apply to).
pub const TIME_FIELDS: [&str; 4] = [
    "created_at",
    "first_response_at",
    "workaround_at",
    "resolved_at",
];

/// The fields whose words a mapping translates to the contract's keys.
pub const WORD_FIELDS: [&str; 4] = ["priority", "channel", "plan", "category"];

const ID: usize = 0;
const CREATED: usize = 1;
const PRIORITY: usize = 2;
const PLAN: usize = 3;
const CHANNEL: usize = 4;
const CATEGORY: usize = 5;
const FIRST_RESPONSE: usize = 6;
const WORKAROUND: usize = 7;
const RESOLVED: usize = 8;
const EXCLUDED: usize = 9;
const REPORTER: usize = 10;

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum ColumnSpec {
    Header(String),
    Computed(Computed),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Computed {
    from: String,
    plus_minutes: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn list(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

/// The file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    name: Option<String>,
    sources: Option<Vec<String>>,
    preset: Option<String>,
    timezone: Option<String>,
    delimiter: Option<String>,
    encoding: Option<String>,
    header_row: Option<usize>,
    footer: Option<String>,
    empty: Option<Vec<String>>,
    #[serde(default)]
    columns: BTreeMap<String, ColumnSpec>,
    #[serde(default)]
    formats: BTreeMap<String, OneOrMany>,
    #[serde(default)]
    months: BTreeMap<String, String>,
    #[serde(default)]
    priority: BTreeMap<String, String>,
    #[serde(default)]
    channel: BTreeMap<String, String>,
    #[serde(default)]
    plan: BTreeMap<String, String>,
    #[serde(default)]
    category: BTreeMap<String, String>,
    sla_export: Option<SlaExportSpec>,
    verdicts: Option<VerdictsSpec>,
    events: Option<EventsSpec>,
    #[serde(default)]
    status: BTreeMap<String, String>,
}

/// The columns of a status history (or events file) read with `--events`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct EventsSpec {
    pub ticket_id: Option<String>,
    pub at: Option<String>,
    /// The status the ticket moved to (translated by `[status]`), or, without
    /// a `[status]` table, slaudit's kind (update, pause, resume).
    pub status: Option<String>,
}

/// Where an export carries the help desk's own SLA verdicts (`--reconcile`).
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct VerdictsSpec {
    /// The column of the verdict on the first response, and on the resolution.
    pub response: Option<String>,
    pub resolution: Option<String>,
    /// Words that say met, and breached (case-insensitive).
    #[serde(default)]
    pub met: Vec<String>,
    #[serde(default)]
    pub breached: Vec<String>,
    /// The cells are signed numbers or `h:mm` remainders: below zero is
    /// breached, zero or more met.
    #[serde(default)]
    pub signed: bool,
}

/// A help desk's SLA export, joined by ticket (`--sla-export`): the end of a
/// completed response SLA is the ticket's first response.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SlaExportSpec {
    /// Columns: the ticket, the SLA's name, its stage, the instant it stopped.
    pub ticket: String,
    pub sla: String,
    pub stage: String,
    pub end: String,
    /// Words in an SLA's name that make it a response SLA (case-insensitive).
    pub response: Vec<String>,
    /// Stages whose end is the response (case-insensitive).
    pub completed: Vec<String>,
}

impl Spec {
    /// `self` over `base`: scalars replace, tables merge key by key.
    fn over(self, base: Spec) -> Spec {
        fn merge<V>(
            mut base: BTreeMap<String, V>,
            top: BTreeMap<String, V>,
        ) -> BTreeMap<String, V> {
            base.extend(top);
            base
        }
        Spec {
            name: self.name.or(base.name),
            sources: self.sources.or(base.sources),
            preset: self.preset,
            timezone: self.timezone.or(base.timezone),
            delimiter: self.delimiter.or(base.delimiter),
            encoding: self.encoding.or(base.encoding),
            header_row: self.header_row.or(base.header_row),
            footer: self.footer.or(base.footer),
            empty: self.empty.or(base.empty),
            columns: merge(base.columns, self.columns),
            formats: merge(base.formats, self.formats),
            months: merge(base.months, self.months),
            priority: merge(base.priority, self.priority),
            channel: merge(base.channel, self.channel),
            plan: merge(base.plan, self.plan),
            category: merge(base.category, self.category),
            sla_export: self.sla_export.or(base.sla_export),
            verdicts: self.verdicts.or(base.verdicts),
            events: self.events.or(base.events),
            status: merge(base.status, self.status),
        }
    }
}

/// Where a field's value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The column of this header (as written in the mapping).
    Column(String),
    /// Another time field plus the calendar minutes in a column.
    PlusMinutes { from: usize, minutes: String },
}

/// A checked preset or mapping file.
#[derive(Debug, Clone)]
pub struct Mapping {
    /// What it is called in messages: `preset zendesk` or `mapping file F`.
    pub label: String,
    /// The help desk's name (presets).
    pub name: Option<String>,
    pub sources: Vec<String>,
    /// The preset it starts from, if any.
    pub preset: Option<String>,
    pub timezone: Option<Tz>,
    pub delimiter: Option<u8>,
    pub encoding: Option<&'static encoding_rs::Encoding>,
    pub header_row: Option<usize>,
    pub footer: Option<String>,
    pub empty: Vec<String>,
    /// Per field of [`FIELDS`]: where it comes from (`None`: a column of the
    /// field's own name, when there is one).
    pub columns: [Option<Source>; 11],
    /// Per field of [`TIME_FIELDS`]: the patterns (empty: slaudit's own rules).
    pub formats: [Patterns; 4],
    /// Per field of [`WORD_FIELDS`]: (the export's word, the contract's key).
    pub words: [Vec<(String, String)>; 4],
    /// How to read the help desk's SLA export, when it has one.
    pub sla_export: Option<SlaExportSpec>,
    /// Where the export carries the help desk's own verdicts.
    pub verdicts: Option<VerdictsSpec>,
    /// The columns of its status history.
    pub events: EventsSpec,
    /// (folded status word, what it does), from `[status]`.
    pub statuses: Vec<(String, crate::events::EventKind)>,
    /// The same words as the file writes them (for people).
    pub status_words: Vec<(String, crate::events::EventKind)>,
}

/// Loads a mapping file's text; `preset` finds a shipped preset's (file name,
/// text) by name.
pub fn load_mapping(
    src: &str,
    file: &str,
    label: String,
    preset: &dyn Fn(&str) -> Option<(&'static str, &'static str)>,
) -> Result<Mapping, LoadError> {
    let spec: Spec = parse_toml(src, file)?;
    let err = |key: &str, message: String| LoadError {
        file: file.to_string(),
        line: line_of_path(src, key),
        key: key.to_string(),
        message,
    };
    let (spec, from) = match spec.preset.clone() {
        None => (spec, None),
        Some(name) => {
            let (pfile, ptext) = preset(&name).ok_or_else(|| {
                err(
                    "preset",
                    format!(
                        "unknown preset '{}' (shipped: {})",
                        clip(&name),
                        crate::shipped::preset_names()
                    ),
                )
            })?;
            let base: Spec = parse_toml(ptext, pfile)?;
            if base.preset.is_some() {
                return Err(err(
                    "preset",
                    format!("preset '{name}' itself starts from a preset"),
                ));
            }
            (spec.over(base), Some(name))
        }
    };
    build(spec, from, label, &err)
}

fn build(
    spec: Spec,
    preset: Option<String>,
    label: String,
    err: &dyn Fn(&str, String) -> LoadError,
) -> Result<Mapping, LoadError> {
    let timezone = spec
        .timezone
        .as_deref()
        .map(|z| {
            z.parse::<Tz>().map_err(|_| {
                err(
                    "timezone",
                    format!("'{}' is not an IANA time zone", clip(z)),
                )
            })
        })
        .transpose()?;
    let delimiter = spec
        .delimiter
        .as_deref()
        .map(|d| match d {
            "\t" | "\\t" | "tab" | "TAB" => Ok(b'\t'),
            d if d.len() == 1
                && d.is_ascii()
                && !d.as_bytes()[0].is_ascii_alphanumeric()
                && d != "\"" =>
            {
                Ok(d.as_bytes()[0])
            }
            _ => Err(err(
                "delimiter",
                format!(
                    "'{}' is not one character such as \",\", \";\", \"|\" or \"\\t\"",
                    clip(d)
                ),
            )),
        })
        .transpose()?;
    let encoding = spec
        .encoding
        .as_deref()
        .map(|e| {
            encoding_rs::Encoding::for_label(e.trim().as_bytes()).ok_or_else(|| {
                err(
                    "encoding",
                    format!(
                        "'{}' is not an encoding label (utf-8, windows-1252, iso-8859-1, ...)",
                        clip(e)
                    ),
                )
            })
        })
        .transpose()?;
    if spec.header_row == Some(0) {
        return Err(err("header_row", "rows count from 1".into()));
    }
    let mut columns: [Option<Source>; 11] = Default::default();
    for (field, source) in &spec.columns {
        let i = FIELDS.iter().position(|f| f == field).ok_or_else(|| {
            err(
                &format!("columns.{field}"),
                format!(
                    "unknown field '{}' (fields: {})",
                    clip(field),
                    FIELDS.join(", ")
                ),
            )
        })?;
        columns[i] = Some(match source {
            ColumnSpec::Header(h) if h.trim().is_empty() => {
                return Err(err(&format!("columns.{field}"), "names no column".into()))
            }
            ColumnSpec::Header(h) => Source::Column(h.trim().to_string()),
            ColumnSpec::Computed(c) => {
                let from = TIME_FIELDS
                    .iter()
                    .position(|f| *f == c.from)
                    .map(|t| FIELDS.iter().position(|f| *f == TIME_FIELDS[t]).unwrap_or(CREATED))
                    .filter(|_| TIME_FIELDS.contains(&field.as_str()) && c.from != *field)
                    .ok_or_else(|| {
                        err(
                            &format!("columns.{field}.from"),
                            format!(
                                "a computed time is another time field plus minutes: '{}' cannot be computed from '{}' (time fields: {})",
                                clip(field),
                                clip(&c.from),
                                TIME_FIELDS.join(", ")
                            ),
                        )
                    })?;
                Source::PlusMinutes {
                    from,
                    minutes: c.plus_minutes.trim().to_string(),
                }
            }
        });
    }
    let months: Vec<(String, String)> = spec.months.clone().into_iter().collect();
    for (word, en) in &months {
        let known = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        if !known.contains(&en.to_lowercase().as_str()) {
            return Err(err(
                &format!("months.{word}"),
                format!(
                    "'{}' is not an English month abbreviation (Jan ... Dec)",
                    clip(en)
                ),
            ));
        }
    }
    let mut formats: [Patterns; 4] = Default::default();
    let all = spec
        .formats
        .get("all")
        .map(OneOrMany::list)
        .unwrap_or_default();
    for key in spec.formats.keys() {
        if key != "all" && !TIME_FIELDS.contains(&key.as_str()) {
            return Err(err(
                &format!("formats.{key}"),
                format!(
                    "unknown time field '{}' (all, {})",
                    clip(key),
                    TIME_FIELDS.join(", ")
                ),
            ));
        }
    }
    for (i, f) in TIME_FIELDS.iter().enumerate() {
        let (key, list) = match spec.formats.get(*f) {
            Some(l) => (format!("formats.{f}"), l.list()),
            None => ("formats.all".to_string(), all.clone()),
        };
        formats[i] = Patterns::new(&list, &months).map_err(|m| err(&key, m))?;
    }
    let mut statuses = Vec::new();
    let mut status_words = Vec::new();
    for (word, kind) in &spec.status {
        let k = crate::events::EventKind::parse(kind).ok_or_else(|| {
            err(
                &format!("status.{word}"),
                format!("'{}' is not one of pause, resume, update", clip(kind)),
            )
        })?;
        statuses.push((fold(word), k));
        status_words.push((word.clone(), k));
    }
    let tables = [&spec.priority, &spec.channel, &spec.plan, &spec.category];
    let mut words: [Vec<(String, String)>; 4] = Default::default();
    for (i, t) in tables.iter().enumerate() {
        words[i] = t
            .iter()
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect();
    }
    Ok(Mapping {
        label,
        name: spec.name,
        sources: spec.sources.unwrap_or_default(),
        preset,
        timezone,
        delimiter,
        encoding,
        header_row: spec.header_row,
        footer: spec.footer.filter(|f| !f.trim().is_empty()),
        empty: spec
            .empty
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.trim().to_string())
            .collect(),
        columns,
        formats,
        words,
        sla_export: spec.sla_export,
        verdicts: spec.verdicts,
        events: spec.events.unwrap_or_default(),
        statuses,
        status_words,
    })
}

impl Mapping {
    /// The header each field is read from (computed fields: the minutes
    /// column), as (field, description) for `presets show`.
    pub fn describe(&self) -> Vec<(&'static str, String, String)> {
        FIELDS
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let from = match &self.columns[i] {
                    Some(Source::Column(h)) => format!("'{h}'"),
                    Some(Source::PlusMinutes { from, minutes }) => {
                        format!("{} + '{minutes}' minutes", FIELDS[*from])
                    }
                    None => format!("'{f}' (its own name, if present)"),
                };
                let format = TIME_FIELDS
                    .iter()
                    .position(|t| t == f)
                    .map(|t| {
                        if self.formats[t].is_empty() {
                            "RFC 3339 or YYYY-MM-DD HH:MM[:SS]".to_string()
                        } else {
                            self.formats[t].shown()
                        }
                    })
                    .or_else(|| {
                        WORD_FIELDS.iter().position(|w| w == f).and_then(|w| {
                            (!self.words[w].is_empty()).then(|| {
                                self.words[w]
                                    .iter()
                                    .map(|(k, v)| format!("{k} = {v}"))
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            })
                        })
                    })
                    .unwrap_or_default();
                (*f, from, format)
            })
            .collect()
    }

    /// The columns of a status history: (ticket, time, status or kind).
    pub fn event_columns(&self) -> (String, String, String) {
        let e = &self.events;
        let word = if self.statuses.is_empty() {
            "kind"
        } else {
            "status"
        };
        (
            e.ticket_id.clone().unwrap_or_else(|| "ticket_id".into()),
            e.at.clone().unwrap_or_else(|| "at".into()),
            e.status.clone().unwrap_or_else(|| word.into()),
        )
    }

    /// The status words and what each does, when the mapping reads status
    /// histories.
    pub fn event_statuses(&self) -> Option<Vec<(String, crate::events::EventKind)>> {
        (!self.statuses.is_empty()).then(|| self.statuses.clone())
    }

    /// The required fields' header names (to find the header row by).
    pub fn required_headers(&self) -> Vec<String> {
        [ID, CREATED, PRIORITY]
            .iter()
            .map(|&i| match &self.columns[i] {
                Some(Source::Column(h)) => h.clone(),
                Some(Source::PlusMinutes { minutes, .. }) => minutes.clone(),
                None => FIELDS[i].to_string(),
            })
            .collect()
    }
}

/// How a header's name compares with a mapping's (as [`Header`] folds them).
fn folded(name: &str) -> String {
    fold(name.trim_start_matches('\u{feff}')).replace('-', "_")
}

/// A mapping applied to one file's header: the position of each field.
#[derive(Debug, Clone)]
pub struct MappedColumns {
    /// Per field: its column.
    at: [Option<usize>; 11],
    /// Per field: the header it is read from, as the file writes it.
    headers: [Option<String>; 11],
    /// Per time field computed from another: (the source field, the minutes column).
    plus: [Option<(usize, usize)>; 11],
    empty: Vec<String>,
    /// The verdict columns (response, resolution), when read.
    verdict_at: [Option<usize>; 2],
    verdicts: VerdictsSpec,
    formats: [Patterns; 4],
    /// Per word field: (word as written, folded word, contract key).
    words: [Vec<(String, String, String)>; 4],
    tz: Tz,
}

/// A header that lacks a column the mapping needs.
pub fn missing(mapping: &Mapping, field: &str, header: &str, h: &Header) -> HeaderError {
    let found = h
        .names()
        .iter()
        .map(|n| clip(n.trim_start_matches('\u{feff}')).into_owned())
        .collect::<Vec<_>>()
        .join(", ");
    HeaderError::Missing {
        missing: format!("'{header}' (field {field} of {})", mapping.label),
        required: "id, created_at, priority".into(),
        found: if found.is_empty() {
            "nothing".into()
        } else {
            found
        },
        hint: String::new(),
    }
}

impl MappedColumns {
    /// Finds each field's column in `h`; `tz` is the zone of times without an
    /// offset.
    pub fn new(mapping: &Mapping, h: &Header, tz: Tz) -> Result<Self, HeaderError> {
        let find = |name: &str| h.find(&folded(name));
        let mut at = [None; 11];
        let mut plus = [None; 11];
        for (i, field) in FIELDS.iter().enumerate() {
            match &mapping.columns[i] {
                Some(Source::Column(name)) => {
                    at[i] = find(name)?;
                    if at[i].is_none() && [ID, CREATED, PRIORITY].contains(&i) {
                        return Err(missing(mapping, field, name, h));
                    }
                }
                Some(Source::PlusMinutes { from, minutes }) => match find(minutes)? {
                    Some(c) => plus[i] = Some((*from, c)),
                    None if i == CREATED => return Err(missing(mapping, field, minutes, h)),
                    None => {}
                },
                None => {
                    at[i] = find(field)?;
                    if at[i].is_none() && [ID, CREATED, PRIORITY].contains(&i) {
                        return Err(missing(mapping, field, field, h));
                    }
                }
            }
        }
        let headers = std::array::from_fn(|i| {
            at[i]
                .or(plus[i].map(|(_, c)| c))
                .and_then(|c| h.names().get(c))
                .map(|n| n.trim_start_matches('\u{feff}').trim().to_string())
        });
        let verdicts = mapping.verdicts.clone().unwrap_or_default();
        let mut verdict_at = [None; 2];
        for (i, col) in [&verdicts.response, &verdicts.resolution]
            .into_iter()
            .enumerate()
        {
            if let Some(c) = col {
                verdict_at[i] = find(c)?;
            }
        }
        Ok(MappedColumns {
            at,
            verdict_at,
            verdicts,
            headers,
            plus,
            empty: mapping.empty.clone(),
            formats: mapping.formats.clone(),
            words: std::array::from_fn(|w| {
                mapping.words[w]
                    .iter()
                    .map(|(k, v)| (k.clone(), fold(k), v.clone()))
                    .collect()
            }),
            tz,
        })
    }

    /// Whether the file gives a plan per ticket.
    pub fn has_plan(&self) -> bool {
        self.at[PLAN].is_some()
    }

    /// Whether the export has a column of the help desk's own verdicts.
    pub fn has_verdicts(&self) -> bool {
        self.verdict_at.iter().any(Option::is_some)
    }

    /// A verdict cell read: a met or breached word, or the sign of a number or
    /// `h:mm` remainder; anything else (an empty cell, another word) is none.
    fn verdict(&self, cell: &str) -> Option<crate::record::Verdict> {
        use crate::record::Verdict;
        if cell.is_empty() {
            return None;
        }
        let v = &self.verdicts;
        if v.signed {
            let (negative, digits) = match cell.strip_prefix('-') {
                Some(rest) => (true, rest.trim()),
                None => (false, cell.strip_prefix('+').unwrap_or(cell).trim()),
            };
            let number = !digits.is_empty()
                && digits.chars().any(|c| c.is_ascii_digit())
                && digits
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ':' || c == '.');
            let zero = digits.chars().all(|c| !c.is_ascii_digit() || c == '0');
            return number.then_some(if negative && !zero {
                Verdict::Breached
            } else {
                Verdict::Met
            });
        }
        if v.met.iter().any(|w| w.eq_ignore_ascii_case(cell)) {
            Some(Verdict::Met)
        } else if v.breached.iter().any(|w| w.eq_ignore_ascii_case(cell)) {
            Some(Verdict::Breached)
        } else {
            None
        }
    }

    /// (field, header) of each field read from a column.
    pub fn names(&self) -> Vec<(&'static str, String)> {
        FIELDS
            .iter()
            .zip(&self.headers)
            .filter_map(|(f, h)| Some((*f, h.clone()?)))
            .collect()
    }

    /// The ticket in `record`, as [`super::tickets::ticket`] reads slaudit's
    /// own format: words translated, times read with the patterns, empty
    /// markers read as no value. The first field that cannot be read is the
    /// record's problem.
    pub fn ticket<'r>(
        &'r self,
        header: &Header,
        raw: &RawRow,
        record: &'r csv::ByteRecord,
    ) -> (u64, TicketRecord<'r>) {
        let (line, fields) = match raw {
            RawRow::Record | RawRow::Cut => (
                record.position().map_or(0, |p| p.line()),
                Fields::new(record),
            ),
            RawRow::Broken { line, message } => {
                return (
                    *line,
                    TicketRecord {
                        problem: Some(RowError {
                            column: "row",
                            message: message.clone(),
                        }),
                        ..TicketRecord::default()
                    },
                )
            }
        };
        let mut problem = raw.problem(&fields, header).map(|message| RowError {
            column: "row",
            message,
        });
        let text = |i: usize| -> Option<&'r str> {
            let v = trim(fields.get(self.at[i]?));
            (!v.is_empty() && !self.empty.iter().any(|e| e == v)).then_some(v)
        };
        let word = |i: usize, w: usize| -> Option<&'r str> {
            let v = text(i)?;
            let words = &self.words[w];
            if words.is_empty() {
                return Some(v);
            }
            // The word as written, then in any case; else folded (accents,
            // spaces and dashes aside).
            if let Some((_, _, key)) = words
                .iter()
                .find(|(k, _, _)| k == v)
                .or_else(|| words.iter().find(|(k, _, _)| k.eq_ignore_ascii_case(v)))
            {
                return Some(key.as_str());
            }
            // A plain ASCII word folds to itself in lower case: compared as it
            // is, without building its folded form (a word the map does not
            // name, such as a contract key, costs no allocation per row).
            let found = if v.bytes().all(|b| b.is_ascii_alphanumeric()) {
                words.iter().find(|(_, k, _)| k.eq_ignore_ascii_case(v))
            } else {
                let f = fold(v);
                words.iter().find(|(_, k, _)| *k == f)
            };
            Some(found.map_or(v, |(_, _, key)| key.as_str()))
        };
        let mut stamps: [Option<Stamp<'r>>; 4] = [None; 4];
        for (t, field) in [CREATED, FIRST_RESPONSE, WORKAROUND, RESOLVED]
            .into_iter()
            .enumerate()
        {
            let Some(v) = text(field) else { continue };
            let patterns = &self.formats[t];
            stamps[t] = if patterns.is_empty() {
                Some(Stamp::Text(v))
            } else {
                // A value in slaudit's own format (a spreadsheet's date cell)
                // is read by slaudit's rules when no pattern reads it.
                match parse_with(v, patterns, self.tz)
                    .or_else(|e| crate::localtime::parse_timestamp(v, self.tz).map_err(|_| e))
                {
                    Ok(at) => Some(Stamp::At(at)),
                    Err(e) => {
                        problem.get_or_insert(RowError {
                            column: FIELDS[field],
                            message: e.to_string(),
                        });
                        None
                    }
                }
            };
        }
        for (t, field) in [CREATED, FIRST_RESPONSE, WORKAROUND, RESOLVED]
            .into_iter()
            .enumerate()
        {
            let Some((from, col)) = self.plus[field] else {
                continue;
            };
            let minutes = trim(fields.get(col));
            if minutes.is_empty() || self.empty.iter().any(|e| e == minutes) {
                continue;
            }
            let base = TIME_FIELDS
                .iter()
                .position(|f| *f == FIELDS[from])
                .and_then(|b| stamps[b]);
            let Some(base) = base else { continue };
            let base = match base {
                Stamp::At(t) => Some(t),
                Stamp::Text(s) => crate::localtime::parse_timestamp(s, self.tz).ok(),
            };
            match (base, minutes.parse::<rust_decimal::Decimal>()) {
                (Some(b), Ok(m)) if m >= rust_decimal::Decimal::ZERO => {
                    let secs = (m * rust_decimal::Decimal::from(60)).round();
                    let at = i64::try_from(secs).ok().and_then(|s| b.checked_add(s));
                    let shown = format!(
                        "{} + {minutes} minutes",
                        crate::localtime::format_rfc3339(self.tz, b)
                    );
                    match at.map(|at| crate::localtime::check_range(self.tz, at, &shown)) {
                        Some(Ok(at)) => stamps[t] = Some(Stamp::At(at)),
                        Some(Err(e)) => {
                            problem.get_or_insert(RowError {
                                column: FIELDS[field],
                                message: e.to_string(),
                            });
                        }
                        None => {
                            problem.get_or_insert(RowError {
                                column: FIELDS[field],
                                message: format!("'{}' minutes is too large", clip(minutes)),
                            });
                        }
                    }
                }
                (Some(_), _) => {
                    problem.get_or_insert(RowError {
                        column: FIELDS[field],
                        message: format!(
                            "'{}' is not a number of minutes (0 or more)",
                            clip(minutes)
                        ),
                    });
                }
                (None, _) => {}
            }
        }
        let [created, first, workaround, resolved] = stamps;
        let rec = TicketRecord {
            id: text(ID).unwrap_or(""),
            created_at: created.unwrap_or_default(),
            priority: word(PRIORITY, 0).unwrap_or(""),
            plan: word(PLAN, 2),
            channel: word(CHANNEL, 1),
            category: word(CATEGORY, 3),
            first_response_at: first,
            workaround_at: workaround,
            resolved_at: resolved,
            excluded: text(EXCLUDED),
            reporter: text(REPORTER),
            problem: problem.take(),
            helpdesk: self
                .verdict_at
                .map(|c| c.and_then(|c| self.verdict(trim(fields.get(c))))),
        };
        (line, rec)
    }
}

/// `input` decoded to UTF-8 as the mapping's `encoding` says (UTF-8 is read
/// as it is), and the field delimiter: the mapping's, or sniffed from the
/// first lines.
pub fn decoded(
    input: Box<dyn std::io::Read + Send>,
    mapping: &Mapping,
) -> std::io::Result<(Box<dyn std::io::Read + Send>, u8)> {
    use std::io::Read;
    let mut input: Box<dyn std::io::Read + Send> = match mapping.encoding {
        Some(e) if e != encoding_rs::UTF_8 => Box::new(
            encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(e))
                .build(input),
        ),
        _ => input,
    };
    if let Some(d) = mapping.delimiter {
        return Ok((input, d));
    }
    // The first lines (up to 64 KiB), read ahead to sniff the delimiter and
    // then handed back before the rest.
    let mut head = Vec::with_capacity(1 << 12);
    let mut chunk = [0u8; 4096];
    while head.len() < 1 << 16
        && memchr::memchr_iter(b'\n', &head).count() < super::input::HEADER_SEARCH
    {
        let n = match input.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if n == 0 {
            break;
        }
        head.extend_from_slice(&chunk[..n]);
    }
    let delim = super::input::sniff_delimiter(&head);
    Ok((Box::new(std::io::Cursor::new(head).chain(input)), delim))
}

/// The first responses an SLA export gives: per ticket, the earliest end of a
/// completed response SLA; and the rows that could not be read, as (line,
/// column, message).
#[derive(Debug, Default)]
pub struct SlaResponses {
    pub by_ticket: std::collections::HashMap<String, i64>,
    pub bad: Vec<(u64, String, String)>,
    /// Rows read (response SLAs or not).
    pub rows: u64,
}

/// Reads an SLA export as `spec` names its columns; times by the mapping's
/// patterns for `first_response_at`, local in `tz` when they carry no offset.
pub fn sla_responses(
    input: Box<dyn std::io::Read + Send>,
    mapping: &Mapping,
    spec: &SlaExportSpec,
    tz: Tz,
) -> Result<SlaResponses, super::input::InputError> {
    use super::input::{CsvInput, Layout};
    let (input, delim) =
        decoded(input, mapping).map_err(|e| super::input::InputError::Csv(e.to_string()))?;
    let names = [&spec.ticket, &spec.sla, &spec.stage, &spec.end];
    let layout = Layout {
        delimiter: Some(delim),
        header_row: None,
        header_names: names.iter().map(|n| n.to_string()).collect(),
        footer: None,
    };
    let expected = names
        .iter()
        .map(|n| n.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let mut csv = CsvInput::open_with(input, &expected, &layout, delim)?;
    let h = csv.header().clone();
    let mut at = [0usize; 4];
    for (i, n) in names.iter().enumerate() {
        at[i] = h.find(&folded(n))?.ok_or_else(|| HeaderError::Missing {
            missing: format!("'{n}' (sla_export of {})", mapping.label),
            required: expected.clone(),
            found: h.names().join(", "),
            hint: String::new(),
        })?;
    }
    let words: Vec<String> = spec.response.iter().map(|w| w.to_lowercase()).collect();
    let patterns = &mapping.formats[1];
    let mut out = SlaResponses::default();
    let mut record = csv::ByteRecord::new();
    while let Some(raw) = csv.next_raw(&mut record) {
        out.rows += 1;
        let line = match &raw {
            RawRow::Broken { line, .. } => *line,
            _ => record.position().map_or(0, |p| p.line()),
        };
        let fields = Fields::new(&record);
        if let Some(m) = raw.problem(&fields, &h) {
            out.bad.push((line, "row".into(), m));
            continue;
        }
        let get = |i: usize| trim(fields.get(at[i]));
        let (ticket, sla, stage, end) = (get(0), get(1), get(2), get(3));
        let sla = sla.to_lowercase();
        if ticket.is_empty()
            || !words.iter().any(|w| sla.contains(w.as_str()))
            || !spec.completed.iter().any(|c| c.eq_ignore_ascii_case(stage))
        {
            continue;
        }
        if end.is_empty() || mapping.empty.iter().any(|e| e == end) {
            continue;
        }
        let t = if patterns.is_empty() {
            crate::localtime::parse_timestamp(end, tz)
        } else {
            parse_with(end, patterns, tz)
                .or_else(|e| crate::localtime::parse_timestamp(end, tz).map_err(|_| e))
        };
        match t {
            Ok(t) => {
                let e = out.by_ticket.entry(ticket.to_string()).or_insert(t);
                *e = (*e).min(t);
            }
            Err(e) => out.bad.push((line, spec.end.clone(), e.to_string())),
        }
    }
    Ok(out)
}
