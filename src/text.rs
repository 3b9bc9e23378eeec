//! Matching of user-typed vocabulary (plans, priorities, channels, categories)
//! against a contract's keys: case-, accent- and separator-insensitive.

use std::collections::hash_map::{Entry, HashMap};

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds a label for comparison: trims, lower-cases, strips accents and turns runs
/// of white space or `_` into a single `-`.
///
/// ```
/// assert_eq!(slaudit::text::fold("  Crítica "), "critica");
/// assert_eq!(slaudit::text::fold("Básico_Plus"), "basico-plus");
/// assert_eq!(slaudit::text::fold("TELÉFONO"), "telefono");
/// ```
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_sep = false;
    for c in s.trim().nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() || c == '_' || c == '-' {
            pending_sep = true;
            continue;
        }
        if pending_sep && !out.is_empty() {
            out.push('-');
        }
        pending_sep = false;
        out.extend(c.to_lowercase());
    }
    out
}

/// [`str::trim`], without looking at characters when the text starts and ends
/// with printable ASCII (as nearly every field of an export does).
///
/// ```
/// assert_eq!(slaudit::text::trim(" P1\t"), "P1");
/// assert_eq!(slaudit::text::trim("P1"), "P1");
/// assert_eq!(slaudit::text::trim("\u{a0}P1\u{2003}"), "P1");
/// ```
pub fn trim(s: &str) -> &str {
    // Every white-space character is either at most 0x20 or not ASCII.
    let plain = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b.is_ascii());
    let b = s.as_bytes();
    if plain(b.first()) && plain(b.last()) {
        s
    } else {
        s.trim()
    }
}

/// A vocabulary: keys with aliases, looked up by folded form. Insertion and
/// lookup are hashed, so a contract with 200 000 labels checks as fast as one
/// with five; the few keys of an ordinary contract are first compared as
/// written (an export mostly uses the exact key, and comparing a handful of
/// short strings is cheaper than hashing one).
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// Folded label -> index of the entry.
    index: HashMap<String, usize>,
    /// Key as written -> index of the entry.
    exact: HashMap<String, usize>,
    /// Display keys, in declaration order.
    keys: Vec<String>,
}

/// Up to this many keys, a lookup first scans the keys as written.
const SCAN: usize = 16;

impl Vocabulary {
    /// Adds an entry; returns the label that clashes with an earlier entry, if any.
    pub fn insert(&mut self, key: &str, aliases: &[String]) -> Result<usize, String> {
        let idx = self.keys.len();
        let labels: Vec<(&str, String)> = std::iter::once(key)
            .chain(aliases.iter().map(String::as_str))
            .map(|l| (l, fold(l)))
            .collect();
        // Every label is checked before any is added: a rejected entry leaves
        // nothing behind that would point past the keys.
        if let Some((label, _)) = labels.iter().find(|(_, f)| self.index.contains_key(f)) {
            return Err(label.to_string());
        }
        for (_, folded) in labels {
            if let Entry::Vacant(e) = self.index.entry(folded) {
                e.insert(idx);
            }
        }
        self.exact.entry(key.to_string()).or_insert(idx);
        self.keys.push(key.to_string());
        Ok(idx)
    }

    /// Finds the entry a user label names.
    ///
    /// ```
    /// let mut v = slaudit::text::Vocabulary::default();
    /// v.insert("critica", &["P1".to_string()]).unwrap();
    /// v.insert("alta", &[]).unwrap();
    /// assert_eq!(v.lookup("Crítica"), Some(0));
    /// assert_eq!(v.lookup("p1"), Some(0));
    /// assert_eq!(v.lookup("ALTA"), Some(1));
    /// assert_eq!(v.lookup("baja"), None);
    /// assert_eq!(v.insert("Alta", &[]), Err("Alta".to_string()));
    /// ```
    pub fn lookup(&self, label: &str) -> Option<usize> {
        // Fast path: most exports already use the exact key.
        let exact = if self.keys.len() <= SCAN {
            self.keys.iter().position(|k| k == label)
        } else {
            self.exact.get(label).copied()
        };
        if exact.is_some() {
            return exact;
        }
        self.index.get(&fold(label)).copied()
    }

    /// The keys, comma-separated, for error messages ("1, 2, 3, 4, 5").
    pub fn list(&self) -> String {
        if self.keys.is_empty() {
            "none".to_string()
        } else {
            self.keys.join(", ")
        }
    }

    pub fn keys(&self) -> &[String] {
        &self.keys
    }
}

/// Makes a user value safe to quote in a one-line message: control characters
/// (a newline inside a quoted CSV field, a TOML `\n`) are escaped, and the value
/// is cut at 60 characters, so a runaway field (a 1 MB cell) cannot flood it.
///
/// ```
/// assert_eq!(slaudit::text::clip("P9"), "P9");
/// assert_eq!(slaudit::text::clip("urgent\nnow"), "urgent\\nnow");
/// assert_eq!(slaudit::text::clip(&"x".repeat(100)), format!("{}...", "x".repeat(60)));
/// ```
pub fn clip(s: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 60;
    let long = s.char_indices().nth(MAX);
    if long.is_none() && !s.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    let cut = long.map_or(s, |(i, _)| &s[..i]);
    let mut out = one_line(cut).into_owned();
    if long.is_some() {
        out.push_str("...");
    }
    std::borrow::Cow::Owned(out)
}

/// Escapes control characters so a message stays on one line.
pub fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| {
                if c.is_control() {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Makes text safe to print on a terminal: control characters (ESC, BEL, CR,
/// TAB, ...) are escaped as in the error lines; a line end stays a line end.
///
/// ```
/// assert_eq!(slaudit::text::printable("a\u{1b}[2J\tb"), "a\\u{1b}[2J\\tb");
/// assert_eq!(slaudit::text::printable("two\nlines"), "two\nlines");
/// ```
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\n';
    if !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// At most `max` items, comma-separated, then how many more there are: a
/// warning that names what it is about stays one readable line however many
/// rows it concerns.
///
/// ```
/// let ids = ["A", "B", "C"].map(String::from);
/// assert_eq!(slaudit::text::bounded_list(ids.clone(), 5), "A, B, C");
/// assert_eq!(slaudit::text::bounded_list(ids, 2), "A, B and 1 more");
/// ```
pub fn bounded_list(items: impl IntoIterator<Item = String>, max: usize) -> String {
    let mut shown = Vec::new();
    let mut more = 0usize;
    for item in items {
        if shown.len() < max {
            shown.push(item);
        } else {
            more += 1;
        }
    }
    let mut out = shown.join(", ");
    if more > 0 {
        out.push_str(&format!(" and {more} more"));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::text::Vocabulary;

    /// An entry rejected because one of its labels is taken leaves none of its
    /// labels behind (a lookup would otherwise find an index past the keys).
    #[test]
    fn a_rejected_entry_leaves_no_label() {
        let mut v = Vocabulary::default();
        v.insert("a", &[]).unwrap();
        assert_eq!(v.insert("b", &["c".into(), "A".into()]), Err("A".into()));
        assert_eq!(v.lookup("b"), None);
        assert_eq!(v.lookup("c"), None);
        assert_eq!(v.keys().len(), 1);
        assert_eq!(v.insert("b", &[]), Ok(1));
    }
}
