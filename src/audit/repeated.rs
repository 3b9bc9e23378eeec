//! Ticket ids seen more than once in a run. Every row is still audited (an
//! export can legitimately repeat a row), but the user must know: the run
//! warns once, naming the first few repeated ids.
//!
//! Ids are remembered as 64-bit hashes in a table keyed by the hash itself
//! (8 bytes and a control byte a ticket, with the table's spare room: about
//! 18 MB at a million tickets), so memory does not depend on how long the ids
//! are. This is the one part of an audit whose memory grows with the number of
//! tickets. Two different ids with the same hash would be reported as one
//! repeated id; at a million tickets the chance is about 3 in 100 million.

use std::hash::BuildHasher;

use hashbrown::HashTable;

/// Repeated ids named in the warning before the rest are only counted.
pub const LISTED: usize = 10;

/// The ids seen so far (fed in input order), and those seen more than once.
#[derive(Debug, Default)]
pub struct RepeatedIds {
    seen: HashTable<u64>,
    repeated: HashTable<u64>,
    /// The first [`LISTED`] repeated ids, in the order their repetition was met.
    listed: Vec<String>,
}

/// The hash an id is remembered by (the same in every run).
pub fn id_hash(id: &str) -> u64 {
    foldhash::quality::FixedState::with_seed(0x51A_0D17).hash_one(id)
}

/// Adds `hash` to `set`; false when it was already there.
fn insert(set: &mut HashTable<u64>, hash: u64) -> bool {
    match set.entry(hash, |&h| h == hash, |&h| h) {
        hashbrown::hash_table::Entry::Occupied(_) => false,
        hashbrown::hash_table::Entry::Vacant(v) => {
            v.insert(hash);
            true
        }
    }
}

impl RepeatedIds {
    /// Notes one row's id (an empty id is a bad row, not a repetition).
    ///
    /// ```
    /// use slaudit::audit::repeated::RepeatedIds;
    /// let mut r = RepeatedIds::default();
    /// for id in ["A", "B", "A", "C", "A", "B"] {
    ///     r.note(id);
    /// }
    /// assert_eq!(r.count(), 2);
    /// assert_eq!(r.names(), "A, B");
    /// ```
    pub fn note(&mut self, id: &str) {
        if !id.is_empty() {
            self.note_hashed(id_hash(id), || id.to_string());
        }
    }

    /// [`RepeatedIds::note`] with the hash already computed; `id` is only
    /// called for an id to be listed.
    pub fn note_hashed(&mut self, hash: u64, id: impl FnOnce() -> String) {
        if !insert(&mut self.seen, hash)
            && insert(&mut self.repeated, hash)
            && self.listed.len() < LISTED
        {
            self.listed.push(crate::text::clip(&id()).into_owned());
        }
    }

    /// How many distinct ids appear more than once.
    pub fn count(&self) -> usize {
        self.repeated.len()
    }

    /// The repeated ids for a message: the first [`LISTED`], then how many more.
    pub fn names(&self) -> String {
        let more = self.count() - self.listed.len();
        let mut out = self.listed.join(", ");
        if more > 0 {
            out.push_str(&format!(" and {more} more"));
        }
        out
    }
}
