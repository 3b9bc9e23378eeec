//! The customer's list of named contacts (`--contacts FILE`): one contact per
//! line, matched case- and accent-insensitively, surrounding spaces ignored;
//! blank lines and lines starting with `#` are skipped.

use std::collections::HashSet;

use crate::text::fold;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactList {
    names: HashSet<String>,
}

impl ContactList {
    /// ```
    /// use slaudit::contacts::ContactList;
    /// let list = ContactList::parse("# named contacts\nAna Pérez\n\n  ops@example.com \n");
    /// assert_eq!(list.len(), 2);
    /// assert!(list.is_named("ana perez"));
    /// assert!(list.is_named("OPS@example.com"));
    /// assert!(!list.is_named("someone@example.com"));
    /// ```
    pub fn parse(text: &str) -> Self {
        let names = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(fold)
            .collect();
        ContactList { names }
    }

    pub fn is_named(&self, reporter: &str) -> bool {
        self.names.contains(&fold(reporter))
    }

    /// Distinct contacts on the list.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}
