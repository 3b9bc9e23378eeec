//! Matching of user-typed vocabulary (plans, priorities, channels, categories)
//! against a contract's keys: case-, accent- and separator-insensitive.

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

/// A small vocabulary: keys with aliases, looked up by folded form.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// (folded label, index of the entry)
    index: Vec<(String, usize)>,
    /// Display keys, in declaration order.
    keys: Vec<String>,
}

impl Vocabulary {
    /// Adds an entry; returns the label that clashes with an earlier entry, if any.
    pub fn insert(&mut self, key: &str, aliases: &[String]) -> Result<usize, String> {
        let idx = self.keys.len();
        for label in std::iter::once(key).chain(aliases.iter().map(String::as_str)) {
            let f = fold(label);
            if let Some((_, other)) = self.index.iter().find(|(l, _)| *l == f) {
                if *other != idx {
                    return Err(label.to_string());
                }
                continue;
            }
            self.index.push((f, idx));
        }
        self.keys.push(key.to_string());
        Ok(idx)
    }

    /// Finds the entry a user label names.
    pub fn lookup(&self, label: &str) -> Option<usize> {
        // Fast path: most exports already use the exact key.
        if let Some(i) = self.keys.iter().position(|k| k == label) {
            return Some(i);
        }
        let f = fold(label);
        self.index.iter().find(|(l, _)| *l == f).map(|(_, i)| *i)
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
