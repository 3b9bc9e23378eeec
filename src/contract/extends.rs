//! `extends = "adereso"`: a contract file that inherits another one and
//! overrides or adds terms (a signed addendum over a published annex). The
//! merge works on TOML documents, before anything is checked, so every section
//! (today's and any added later) can be overridden the same way; it remembers
//! which file and key every merged value came from, so a problem is reported at
//! the line that wrote it and `contracts show` can mark what an override changed.
//!
//! The rules, applied from the base contract outwards:
//! - tables (`[contract]`, `[holidays]`, `[availability]`, ...) merge key by key;
//! - in a list whose entries have a `key` (plans, schedules, channels,
//!   priorities, categories, products, exclusions, ...), an entry with the same
//!   key (compared as labels are) replaces the inherited one where it stood, and
//!   a new one is added at the end;
//! - in a list of rules (entries with a `kind`, `plans`, `priorities`,
//!   `channels`, `category`, `targets` or `days`: targets, penalties, clock
//!   rules, pauses, maintenance windows), the override's entries come first, so
//!   they apply before any inherited entry that would also cover a ticket; an
//!   inherited rule that names the same selectors is dropped (for targets the
//!   check does this slot by slot, see [`super::build`]);
//! - entries that select nothing (notes) are added after the inherited ones;
//! - anything else (a value, a list of values) replaces the inherited value.
//!
//! Every term an override writes carries its own `clause`.

use toml::{Table, Value};

/// Where every value of a merged contract comes from. Empty for a contract that
/// extends nothing.
#[derive(Debug, Clone, Default)]
pub struct Provenance {
    /// The files of the chain, the file given first: `files[1]` is the contract
    /// `files[0]` extends, and so on; the last one extends nothing.
    pub files: Vec<String>,
    entries: Vec<Entry>,
}

/// The origin of one merged value or list entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its path in the merged contract (`plans[3]`, `contract.timezone`).
    pub path: String,
    /// The file that wrote it (an index into [`Provenance::files`]).
    pub layer: usize,
    /// Its path in that file (`plans[0]`).
    pub source_path: String,
    /// The clause (or, for a single value, the value) of the inherited term it
    /// replaced.
    pub replaces: Option<String>,
}

impl Provenance {
    /// Whether the contract extends another.
    pub fn extends(&self) -> bool {
        self.files.len() > 1
    }

    /// The entry whose path is `path` or contains it (`targets[2]` for
    /// `targets[2].priorities[0]`); the longest such.
    pub fn covering(&self, path: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .filter(|e| within(path, &e.path))
            .max_by_key(|e| e.path.len())
    }

    /// The file (layer) a merged value or whole section comes from: the entry
    /// covering `path`, else the outermost layer of any value inside it. `None`
    /// when the contract extends nothing or nothing is known of the path.
    pub fn layer(&self, path: &str) -> Option<usize> {
        if !self.extends() {
            return None;
        }
        if let Some(e) = self.covering(path) {
            return Some(e.layer);
        }
        self.entries
            .iter()
            .filter(|e| within(&e.path, path))
            .map(|e| e.layer)
            .min()
    }

    /// Whether `path` (or something inside it) was written by an override file
    /// rather than the base contract; `Some(layer)` of the outermost such file.
    pub fn overridden(&self, path: &str) -> Option<usize> {
        let base = self.files.len().checked_sub(1)?;
        self.layer(path).filter(|&l| l < base)
    }

    /// The inherited clause replaced by the term at `path` (or by the
    /// `clause` key inside the table at `path`).
    pub fn replaced_clause(&self, path: &str) -> Option<&str> {
        let own = self
            .entries
            .iter()
            .find(|e| e.path == path)
            .and_then(|e| e.replaces.as_deref());
        own.or_else(|| {
            self.entries
                .iter()
                .find(|e| e.path == format!("{path}.clause"))
                .and_then(|e| e.replaces.as_deref())
        })
    }

    /// Where a problem found at `path` of the merged contract was written:
    /// (layer, path in that file).
    pub fn locate(&self, path: &str) -> (usize, String) {
        match self.covering(path) {
            Some(e) => (
                e.layer,
                format!("{}{}", e.source_path, &path[e.path.len()..]),
            ),
            None => (0, path.to_string()),
        }
    }
}

/// `inner` is `outer` or a key or entry inside it.
fn within(inner: &str, outer: &str) -> bool {
    inner == outer
        || (inner.starts_with(outer)
            && matches!(inner.as_bytes().get(outer.len()), Some(b'.') | Some(b'[')))
}

/// A problem in an override file, at a path of that file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeProblem {
    pub path: String,
    pub message: String,
}

/// Where each value of a merged document came from, shaped like the document.
#[derive(Debug, Clone)]
enum Tag {
    /// A value or a whole list entry.
    Leaf(Origin),
    Table(Vec<(String, Tag)>),
    List(Vec<Tag>),
}

#[derive(Debug, Clone)]
struct Origin {
    layer: usize,
    path: String,
    replaces: Option<String>,
}

/// A document being merged, with the origin of every value.
pub struct Merged {
    doc: Table,
    tags: Vec<(String, Tag)>,
}

impl Merged {
    /// The base of a chain: a contract that extends nothing, at `layer`.
    pub fn base(doc: Table, layer: usize) -> Self {
        let tags = table_tags(&doc, layer, "");
        Merged { doc, tags }
    }

    /// Applies an override file (`layer`, outer than every layer so far).
    pub fn apply(&mut self, over: Table, layer: usize) -> Vec<MergeProblem> {
        let mut problems = Vec::new();
        merge_table(
            &mut self.doc,
            &mut self.tags,
            over,
            layer,
            "",
            "",
            &mut problems,
        );
        problems
    }

    /// The merged document, the origin of every value, and the layer of each
    /// `[[targets]]` entry in merged order.
    pub fn finish(self, files: Vec<String>) -> (Table, Provenance, Vec<usize>) {
        let mut entries = Vec::new();
        flatten_table(&self.tags, "", &mut entries);
        let target_layers = match self.tags.iter().find(|(k, _)| k == "targets") {
            Some((_, Tag::List(items))) => items
                .iter()
                .map(|t| match t {
                    Tag::Leaf(o) => o.layer,
                    _ => 0,
                })
                .collect(),
            _ => Vec::new(),
        };
        (self.doc, Provenance { files, entries }, target_layers)
    }
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

fn is_entry_list(v: &Value) -> bool {
    matches!(v, Value::Array(a) if !a.is_empty() && a.iter().all(Value::is_table))
}

fn value_tag(v: &Value, layer: usize, path: &str) -> Tag {
    match v {
        Value::Table(t) => Tag::Table(table_tags(t, layer, path)),
        Value::Array(a) if is_entry_list(v) => Tag::List(
            (0..a.len())
                .map(|i| {
                    Tag::Leaf(Origin {
                        layer,
                        path: format!("{path}[{i}]"),
                        replaces: None,
                    })
                })
                .collect(),
        ),
        _ => Tag::Leaf(Origin {
            layer,
            path: path.to_string(),
            replaces: None,
        }),
    }
}

fn table_tags(t: &Table, layer: usize, prefix: &str) -> Vec<(String, Tag)> {
    t.iter()
        .map(|(k, v)| (k.clone(), value_tag(v, layer, &join(prefix, k))))
        .collect()
}

fn tag_mut<'a>(tags: &'a mut Vec<(String, Tag)>, key: &str) -> &'a mut Tag {
    if let Some(i) = tags.iter().position(|(k, _)| k == key) {
        return &mut tags[i].1;
    }
    tags.push((key.to_string(), Tag::Table(Vec::new())));
    let last = tags.len() - 1;
    &mut tags[last].1
}

fn clause_of(v: &Value) -> Option<String> {
    match v {
        Value::Table(t) => t.get("clause").and_then(Value::as_str).map(str::to_string),
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

fn has_clause(t: &Table) -> bool {
    t.get("clause")
        .and_then(Value::as_str)
        .is_some_and(|s| !s.trim().is_empty())
}

/// Merges table `over` into `doc` (`path` in the merged document, `src` in the
/// override file).
fn merge_table(
    doc: &mut Table,
    tags: &mut Vec<(String, Tag)>,
    over: Table,
    layer: usize,
    path: &str,
    src: &str,
    problems: &mut Vec<MergeProblem>,
) {
    // A table with a clause that an override changes needs the override's own
    // clause; so does a value with a `NAME_clause` beside it (`timezone`).
    let sets_value = over
        .iter()
        .any(|(k, v)| k != "clause" && !v.is_table() && !is_entry_list(v));
    if !path.is_empty() && doc.contains_key("clause") && sets_value && !has_clause(&over) {
        problems.push(MergeProblem {
            path: join(src, "clause"),
            message: format!(
                "an override of [{path}] needs its own `clause` (where the negotiated term is written, e.g. \"signed addendum, 2026-03-01\")"
            ),
        });
    }
    for k in over.keys() {
        let sibling = format!("{k}_clause");
        if !k.ends_with("clause") && doc.contains_key(&sibling) && !over.contains_key(&sibling) {
            problems.push(MergeProblem {
                path: join(src, k),
                message: format!("an override of `{k}` needs its own `{sibling}`"),
            });
        }
    }
    for (k, v) in over {
        let mpath = join(path, &k);
        let spath = join(src, &k);
        match (doc.get_mut(&k), v) {
            (Some(Value::Table(dt)), Value::Table(ot)) => {
                let tag = tag_mut(tags, &k);
                if !matches!(tag, Tag::Table(_)) {
                    *tag = Tag::Table(Vec::new());
                }
                if let Tag::Table(inner) = tag {
                    merge_table(dt, inner, ot, layer, &mpath, &spath, problems);
                }
            }
            (Some(d @ Value::Array(_)), o @ Value::Array(_))
                if is_entry_list(d) && is_entry_list(&o) =>
            {
                let Value::Array(items) = o else { continue };
                let tag = tag_mut(tags, &k);
                merge_entries(d, tag, items, layer, &spath, problems);
            }
            (old, v) => {
                if let Value::Table(t) = &v {
                    for (i, item) in entries_of(t) {
                        need_clause(item, &format!("{spath}.{i}"), problems);
                    }
                }
                if let Value::Array(items) = &v {
                    if is_entry_list(&v) {
                        for (i, item) in items.iter().enumerate() {
                            if let Value::Table(t) = item {
                                if !has_clause(t) {
                                    problems.push(need_clause_problem(&format!("{spath}[{i}]")));
                                }
                            }
                        }
                    }
                }
                let replaces = old.as_deref().and_then(clause_of);
                let mut tag = value_tag(&v, layer, &spath);
                if let Tag::Leaf(o) = &mut tag {
                    o.replaces = replaces;
                }
                *tag_mut(tags, &k) = tag;
                doc.insert(k, v);
            }
        }
    }
}

/// The lists of entries inside a new table (`[availability]` added to a
/// contract that had none): each of their entries needs a clause too.
fn entries_of(t: &Table) -> Vec<(String, &Table)> {
    let mut out = Vec::new();
    for (k, v) in t {
        if let Value::Array(items) = v {
            if is_entry_list(v) {
                for (i, item) in items.iter().enumerate() {
                    if let Value::Table(e) = item {
                        out.push((format!("{k}[{i}]"), e));
                    }
                }
            }
        }
    }
    out
}

fn need_clause(t: &Table, path: &str, problems: &mut Vec<MergeProblem>) {
    if !has_clause(t) {
        problems.push(need_clause_problem(path));
    }
}

fn need_clause_problem(path: &str) -> MergeProblem {
    MergeProblem {
        path: format!("{path}.clause"),
        message: "an override term needs its own `clause` (where the negotiated term is written, e.g. \"signed addendum, 2026-03-01\")".into(),
    }
}

/// The fields that say which tickets a rule covers.
const SELECTORS: [&str; 7] = [
    "kind",
    "plans",
    "priorities",
    "channels",
    "category",
    "targets",
    "days",
];

/// How an entry is matched with an inherited one.
#[derive(PartialEq, Eq)]
enum Identity {
    /// By its `key`, folded as labels are.
    Key(String),
    /// By the tickets it covers: its selectors, folded and sorted.
    Rule(Vec<(String, Vec<String>)>),
    /// Never: added.
    None,
}

/// The identity of an entry of list `list`: in `[[accepted_channels]]` the
/// channels are what a rule says, not what it selects.
fn identity(list: &str, t: &Table) -> Identity {
    if let Some(k) = t.get("key").and_then(Value::as_str) {
        return Identity::Key(crate::text::fold(k));
    }
    let sel: Vec<(String, Vec<String>)> = SELECTORS
        .iter()
        .filter(|s| !(list == "accepted_channels" && **s == "channels"))
        .filter_map(|s| {
            let v = t.get(*s)?;
            let mut words: Vec<String> = match v {
                Value::Array(a) => a.iter().map(word).collect(),
                other => vec![word(other)],
            };
            words.sort();
            words.dedup();
            Some((s.to_string(), words))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    if sel.is_empty() {
        Identity::None
    } else {
        Identity::Rule(sel)
    }
}

fn word(v: &Value) -> String {
    match v {
        Value::String(s) => crate::text::fold(s),
        other => other.to_string(),
    }
}

/// Merges the entries of an override's list into an inherited list.
fn merge_entries(
    doc: &mut Value,
    tag: &mut Tag,
    over: Vec<Value>,
    layer: usize,
    src: &str,
    problems: &mut Vec<MergeProblem>,
) {
    let Value::Array(items) = doc else { return };
    if !matches!(tag, Tag::List(l) if l.len() == items.len()) {
        *tag = Tag::List(
            (0..items.len())
                .map(|i| {
                    Tag::Leaf(Origin {
                        layer,
                        path: format!("{src}[{i}]"),
                        replaces: None,
                    })
                })
                .collect(),
        );
    }
    let Tag::List(tags) = tag else { return };
    let mut first: Vec<(Value, Tag)> = Vec::new();
    let mut last: Vec<(Value, Tag)> = Vec::new();
    for (i, v) in over.into_iter().enumerate() {
        let Value::Table(t) = &v else { continue };
        if !has_clause(t) {
            problems.push(need_clause_problem(&format!("{src}[{i}]")));
        }
        let id = identity(src, t);
        let origin = |replaces: Option<String>| Origin {
            layer,
            path: format!("{src}[{i}]"),
            replaces,
        };
        // The inherited entry with the same identity, if any (never one this
        // override added itself).
        let same = if id == Identity::None {
            None
        } else {
            items.iter().position(|it| match it {
                Value::Table(it) => identity(src, it) == id,
                _ => false,
            })
        };
        match id {
            Identity::Key(_) => match same {
                Some(j) => {
                    let replaces = clause_of(&items[j]);
                    items[j] = v;
                    tags[j] = Tag::Leaf(origin(replaces));
                }
                None => last.push((v, Tag::Leaf(origin(None)))),
            },
            Identity::Rule(_) => {
                // Targets are matched slot by slot when the contract is
                // checked; every other rule is replaced here.
                let replaces = match same {
                    Some(j) if src != "targets" => {
                        let r = clause_of(&items[j]);
                        items.remove(j);
                        tags.remove(j);
                        r
                    }
                    _ => None,
                };
                first.push((v, Tag::Leaf(origin(replaces))));
            }
            Identity::None => last.push((v, Tag::Leaf(origin(None)))),
        }
    }
    let old_items = std::mem::take(items);
    let old_tags = std::mem::take(tags);
    for (v, t) in first {
        items.push(v);
        tags.push(t);
    }
    items.extend(old_items);
    tags.extend(old_tags);
    for (v, t) in last {
        items.push(v);
        tags.push(t);
    }
}

fn flatten_table(tags: &[(String, Tag)], prefix: &str, out: &mut Vec<Entry>) {
    for (k, t) in tags {
        flatten(t, &join(prefix, k), out);
    }
}

fn flatten(tag: &Tag, path: &str, out: &mut Vec<Entry>) {
    match tag {
        Tag::Leaf(o) => out.push(Entry {
            path: path.to_string(),
            layer: o.layer,
            source_path: o.path.clone(),
            replaces: o.replaces.clone(),
        }),
        Tag::Table(t) => flatten_table(t, path, out),
        Tag::List(items) => {
            for (i, t) in items.iter().enumerate() {
                flatten(t, &format!("{path}[{i}]"), out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(s: &str) -> Table {
        toml::from_str(s).expect("test TOML")
    }

    #[test]
    fn keyed_entries_replace_in_place_and_rules_go_first() {
        let mut m = Merged::base(
            doc("[[plans]]\nkey = \"a\"\n[[plans]]\nkey = \"b\"\n[[targets]]\nkind = \"response\"\nclause = \"old\"\n"),
            1,
        );
        let p = m.apply(
            doc("[[plans]]\nkey = \"B\"\nclause = \"new b\"\n[[plans]]\nkey = \"c\"\nclause = \"c\"\n[[targets]]\nkind = \"response\"\npriorities = [\"1\"]\nclause = \"new\"\n"),
            0,
        );
        assert!(p.is_empty(), "{p:?}");
        let (d, prov, layers) = m.finish(vec!["o.toml".into(), "base.toml".into()]);
        let plans: Vec<&str> = d["plans"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["key"].as_str().unwrap())
            .collect();
        // "B" replaced "b" where it stood; "c" is added at the end.
        assert_eq!(plans, ["a", "B", "c"]);
        // The override's target comes first, the inherited one after it.
        assert_eq!(layers, [0, 1]);
        assert_eq!(
            prov.locate("plans[1].schedule"),
            (0, "plans[0].schedule".into())
        );
        assert_eq!(
            prov.locate("targets[1].kind"),
            (1, "targets[0].kind".into())
        );
        assert_eq!(prov.replaced_clause("plans[1]"), None);
        assert_eq!(prov.overridden("plans[0]"), None);
        assert_eq!(prov.overridden("plans[2]"), Some(0));
    }

    #[test]
    fn an_override_term_without_clause_is_a_problem() {
        let mut m = Merged::base(doc("[[plans]]\nkey = \"a\"\n"), 1);
        let p = m.apply(doc("[[plans]]\nkey = \"a\"\n"), 0);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].path, "plans[0].clause");
    }
}
