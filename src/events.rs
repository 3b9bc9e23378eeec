//! The events of tickets, grouped by ticket: status reports sent to the customer
//! and the waits on the customer (pause, resume). A reader fills an
//! [`EventsBuilder`] from a file; the audit reads each ticket's events, in time
//! order, from the finished [`Events`]. Compact: 16 bytes per event, plus the
//! ticket ids once each.

use std::hash::BuildHasher;
use std::sync::atomic::{AtomicBool, Ordering};

use hashbrown::HashTable;

/// What happened to a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventKind {
    /// A status report sent to the customer.
    Update,
    /// From now on the ticket waits on the customer (or on a third party the
    /// contract does not answer for).
    Pause,
    /// The wait is over.
    Resume,
}

impl EventKind {
    pub const ALL: [EventKind; 3] = [EventKind::Update, EventKind::Pause, EventKind::Resume];

    pub fn key(self) -> &'static str {
        match self {
            EventKind::Update => "update",
            EventKind::Pause => "pause",
            EventKind::Resume => "resume",
        }
    }

    /// A kind word, case-insensitive.
    pub fn parse(s: &str) -> Option<Self> {
        let s = crate::text::trim(s);
        EventKind::ALL
            .into_iter()
            .find(|k| k.key().eq_ignore_ascii_case(s))
    }
}

/// One event: when, what, and the line of the events file it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    pub at: i64,
    /// Line number << 2 | kind.
    line_kind: u32,
    ticket: u32,
}

impl Event {
    pub fn kind(&self) -> EventKind {
        EventKind::ALL[(self.line_kind & 3) as usize]
    }

    /// Line of the events file (lines past 2^30 are clamped).
    pub fn line(&self) -> u64 {
        u64::from(self.line_kind >> 2)
    }
}

/// Ticket ids, each stored once: their text end to end in one buffer, found
/// through a hash table of their indexes (no allocation per id). While an
/// [`EventsBuilder`] keeps runs, it holds the id of each run instead (an id
/// may then be there more than once) and its table is empty.
#[derive(Debug, Default)]
struct TicketIds {
    text: Vec<u8>,
    /// End of id `i` in `text` (it starts where id `i - 1` ends).
    ends: Vec<usize>,
    table: HashTable<u32>,
    hasher: foldhash::fast::RandomState,
}

/// Id `i` of the ids stored in `text` and `ends`, as bytes.
#[inline]
fn name<'a>(text: &'a [u8], ends: &[usize], i: u32) -> &'a [u8] {
    let i = i as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] };
    &text[start..ends[i]]
}

impl TicketIds {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn find(&self, id: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(id.as_bytes());
        self.table
            .find(hash, |&i| name(&self.text, &self.ends, i) == id.as_bytes())
            .copied()
    }

    /// The index of `id`, stored now if it is new (one probe of the table).
    fn intern(&mut self, id: &[u8]) -> u32 {
        let hash = self.hasher.hash_one(id);
        let TicketIds {
            text,
            ends,
            table,
            hasher,
        } = self;
        match table.entry(
            hash,
            |&i| name(text, ends, i) == id,
            |&j| hasher.hash_one(name(text, ends, j)),
        ) {
            hashbrown::hash_table::Entry::Occupied(e) => *e.get(),
            hashbrown::hash_table::Entry::Vacant(e) => {
                let i = ends.len() as u32;
                text.extend_from_slice(id);
                ends.push(text.len());
                e.insert(i);
                i
            }
        }
    }
}

/// Events being collected, in any order. While a file lists each ticket's
/// events together, an event's ticket is the run of consecutive events it
/// belongs to (a run's id is stored once), and the table of ids is built at
/// the end, in the order of its slots: far cheaper than a probe per new id
/// (a cache miss each, once the table outgrows the cache). When runs are
/// short (a file in time order, tickets interleaved) their ids would take
/// more room than the events: the ids are then put in the table at once and
/// each event's ticket is looked up in it.
#[derive(Debug, Default)]
pub struct EventsBuilder {
    /// The ids of the runs (or, once `interned`, of the tickets).
    ids: TicketIds,
    events: Vec<Event>,
    /// The ids are in the table, each once.
    interned: bool,
    /// Tickets expected (the table is made with room for them).
    tickets: usize,
}

/// Runs kept apart at least until there are this many.
const RUNS_KEPT: usize = 1 << 16;

impl EventsBuilder {
    /// A builder with room for about `events` events of `tickets` tickets
    /// (estimates; it grows past them as needed).
    pub fn with_capacity(events: usize, tickets: usize) -> Self {
        let mut b = EventsBuilder::default();
        b.events.reserve(events);
        b.ids.ends.reserve(tickets);
        b.tickets = tickets;
        b
    }

    /// A builder that puts each new id in the table at once, with room for
    /// about `events` events of `tickets` tickets: for events in no order of
    /// tickets.
    pub fn interning(events: usize, tickets: usize) -> Self {
        let mut b = EventsBuilder::with_capacity(events, tickets);
        b.interned = true;
        b.ids.table.reserve(tickets, |_| 0);
        b
    }

    /// Adds an event of ticket `ticket` (its id as text or bytes).
    pub fn push(&mut self, ticket: impl AsRef<[u8]>, at: i64, kind: EventKind, line: u64) {
        let ticket = ticket.as_ref();
        let id = match self.events.last() {
            Some(e) if name(&self.ids.text, &self.ids.ends, e.ticket) == ticket => e.ticket,
            _ if self.interned => self.ids.intern(ticket),
            _ => self.new_run(ticket),
        };
        self.push_line(id, at, kind, line);
    }

    /// The run of a ticket whose event follows another ticket's, or its
    /// index once runs are short and the ids go to the table at once.
    fn new_run(&mut self, ticket: &[u8]) -> u32 {
        let runs = self.ids.len();
        if runs >= RUNS_KEPT && runs * 2 > self.events.len() {
            self.intern(self.tickets);
            return self.ids.intern(ticket);
        }
        self.ids.text.extend_from_slice(ticket);
        self.ids.ends.push(self.ids.text.len());
        runs as u32
    }

    /// Adds the events of `other`, read from the part of a file after the
    /// events pushed so far: it numbered its lines from 1, where the file
    /// had `lines` line ends before it.
    pub fn append(&mut self, mut other: EventsBuilder, lines: u64) {
        if self.interned || other.interned {
            // Each id of the other found (or stored) here.
            self.intern(self.tickets + other.ids.len());
            let ids = &other.ids;
            let to: Vec<u32> = (0..ids.len() as u32)
                .map(|j| self.ids.intern(name(&ids.text, &ids.ends, j)))
                .collect();
            for e in &mut other.events {
                e.ticket = to[e.ticket as usize];
            }
        } else {
            // A run that goes on across the two parts stays one run: the
            // other's first run is then this one's last.
            let ids = &other.ids;
            let first_id = ids.ends.first().map_or(&[][..], |&end| &ids.text[..end]);
            let joined = self.events.last().is_some_and(|e| {
                !ids.ends.is_empty() && name(&self.ids.text, &self.ids.ends, e.ticket) == first_id
            });
            let (skip_runs, skip_text) = if joined { (1, first_id.len()) } else { (0, 0) };
            // Run `r` of the other is run `r + offset` here.
            let offset = (self.ids.len() - skip_runs) as u32;
            let text = self.ids.text.len();
            self.ids.text.extend_from_slice(&ids.text[skip_text..]);
            self.ids
                .ends
                .extend(ids.ends[skip_runs..].iter().map(|e| e - skip_text + text));
            for e in &mut other.events {
                e.ticket += offset;
            }
        }
        self.events.reserve(other.events.len());
        for e in &other.events {
            self.push_line(e.ticket, e.at, e.kind(), e.line() + lines);
        }
    }

    fn push_line(&mut self, ticket: u32, at: i64, kind: EventKind, line: u64) {
        let line = u32::try_from(line.min((1 << 30) - 1)).unwrap_or(0);
        self.events.push(Event {
            at,
            line_kind: line << 2 | kind as u32,
            ticket,
        });
    }

    /// Puts the ids of the runs in the table, each once: runs of one id
    /// become one ticket, numbered in the order the file first names them.
    /// The table has room for `room` ids at least (more are to come).
    fn intern(&mut self, room: usize) {
        if self.interned {
            return;
        }
        self.interned = true;
        let ids = &mut self.ids;
        let (table, first) = id_table(&ids.text, &ids.ends, &ids.hasher, room);
        ids.table = table;
        let Some(first) = first else {
            return;
        };
        // Some ids have several runs: each run becomes its id's first, and
        // the ids are numbered again without the others.
        let mut number = vec![0u32; first.len()];
        let (mut text, mut ends) = (Vec::new(), Vec::new());
        for (run, &f) in first.iter().enumerate() {
            if f as usize == run {
                number[run] = ends.len() as u32;
                text.extend_from_slice(name(&ids.text, &ids.ends, f));
                ends.push(text.len());
            } else {
                number[run] = number[f as usize];
            }
        }
        for e in &mut self.events {
            e.ticket = number[e.ticket as usize];
        }
        let (table, again) = id_table(&text, &ends, &ids.hasher, room);
        debug_assert!(again.is_none());
        (ids.text, ids.ends, ids.table) = (text, ends, table);
    }

    /// Groups the events by ticket, each ticket's in time order (events at the
    /// same instant in file order); tickets are numbered in the order the
    /// file first names them.
    pub fn finish(mut self) -> Events {
        self.intern(0);
        let ids = self.ids;
        self.events
            .sort_unstable_by_key(|e| (e.ticket, e.at, e.line_kind >> 2));
        let n = ids.len();
        let mut starts = vec![0u32; n + 1];
        for e in &self.events {
            starts[e.ticket as usize + 1] += 1;
        }
        for i in 0..n {
            starts[i + 1] += starts[i];
        }
        self.events.shrink_to_fit();
        Events {
            ids,
            starts,
            events: self.events,
            seen: (0..n).map(|_| AtomicBool::new(false)).collect(),
        }
    }
}

/// A table of the ids `0..ends.len()` (stored in `text` and `ends`), with
/// room for `room` ids at least, and,
/// when some id is stored more than once, each one's first index (the table
/// then holds first indexes only). Ids are put in the order of their slots,
/// so that the table is written front to back instead of at random.
fn id_table(
    text: &[u8],
    ends: &[usize],
    hasher: &foldhash::fast::RandomState,
    room: usize,
) -> (HashTable<u32>, Option<Vec<u32>>) {
    let n = ends.len();
    let mut table = HashTable::with_capacity(n.max(room));
    // The table's slots (a power of two, 8 for each 7 ids it has room for);
    // an id's first slot is its hash's low bits.
    let slots = (table.capacity() * 8 / 7).next_power_of_two().max(1) as u64;
    let hashes = (0..n as u32).map(|i| (hasher.hash_one(name(text, ends, i)), i));
    let mut first: Option<Vec<u32>> = None;
    let rehash = |&j: &u32| hasher.hash_one(name(text, ends, j));
    for (hash, i) in by_slot(hashes, n, slots) {
        // The id's text is read only when the table holds a likely match.
        let id = || name(text, ends, i);
        match table.entry(hash, |&j| name(text, ends, j) == id(), rehash) {
            hashbrown::hash_table::Entry::Vacant(v) => {
                v.insert(i);
            }
            hashbrown::hash_table::Entry::Occupied(mut o) => {
                // The same id again: the earlier index stays in the table.
                let first = first.get_or_insert_with(|| (0..n as u32).collect());
                let j = *o.get();
                let (early, late) = (i.min(j), i.max(j));
                first[late as usize] = early;
                *o.get_mut() = early;
            }
        }
    }
    if let Some(first) = &mut first {
        // An index may point at one that later met an earlier one: each
        // points at an earlier index, which is settled first.
        for i in 0..n {
            first[i] = first[first[i] as usize];
        }
    }
    (table, first)
}

/// The `n` (hash, index) pairs in the order of their first slots in a table
/// of `slots` slots (a power of two; the slot is the hash's low bits): a
/// radix sort in passes of 11 bits, enough for tables up to 2^22 slots (in
/// larger ones the order is by the low 22 bits). The hash travels with its
/// index, so that nothing else is read out of order.
fn by_slot(pairs: impl Iterator<Item = (u64, u32)>, n: usize, slots: u64) -> Vec<(u64, u32)> {
    let bits = slots.trailing_zeros().min(22);
    let mut pairs: Vec<(u64, u32)> = pairs.collect();
    let mut spare = vec![(0u64, 0u32); n];
    let mut shift = 0;
    while shift < bits {
        let mask = (1u64 << (bits - shift).min(11)) - 1;
        let digit = |h: u64| ((h >> shift) & mask) as usize;
        let mut counts = [0usize; 1 << 11];
        for &(h, _) in &pairs {
            counts[digit(h)] += 1;
        }
        let mut at = 0;
        for c in counts.iter_mut() {
            (at, *c) = (at + *c, at);
        }
        for &p in &pairs {
            let c = &mut counts[digit(p.0)];
            spare[*c] = p;
            *c += 1;
        }
        std::mem::swap(&mut pairs, &mut spare);
        shift += 11;
    }
    pairs
}

/// Every ticket's events, in time order. Looking a ticket up marks it seen, so
/// that the events of tickets the tickets file never named can be counted.
#[derive(Debug, Default)]
pub struct Events {
    ids: TicketIds,
    starts: Vec<u32>,
    events: Vec<Event>,
    seen: Box<[AtomicBool]>,
}

impl Events {
    /// The events of ticket `id` (empty when it has none).
    ///
    /// ```
    /// use slaudit::events::{EventKind, EventsBuilder};
    /// let mut b = EventsBuilder::default();
    /// b.push("T1", 200, EventKind::Resume, 3);
    /// b.push("T1", 100, EventKind::Pause, 2);
    /// let events = b.finish();
    /// let kinds: Vec<_> = events.of("T1").iter().map(|e| e.kind()).collect();
    /// assert_eq!(kinds, [EventKind::Pause, EventKind::Resume]);
    /// assert!(events.of("T2").is_empty());
    /// ```
    pub fn of(&self, id: &str) -> &[Event] {
        self.of_near(id, &mut None)
    }

    /// [`Events::of`], trying first the ticket after the one `hint` names (the
    /// tickets file and the events file often list tickets in the same order);
    /// `hint` is then set to this ticket.
    pub fn of_near(&self, id: &str, hint: &mut Option<u32>) -> &[Event] {
        let next = hint.map_or(0, |h| h + 1);
        let found = if (next as usize) < self.ids.len()
            && name(&self.ids.text, &self.ids.ends, next) == id.as_bytes()
        {
            Some(next)
        } else {
            self.ids.find(id)
        };
        if found.is_some() {
            *hint = found;
        }
        match found {
            Some(i) => {
                self.seen[i as usize].store(true, Ordering::Relaxed);
                let (a, b) = (self.starts[i as usize], self.starts[i as usize + 1]);
                &self.events[a as usize..b as usize]
            }
            None => &[],
        }
    }

    /// How many events there are in all.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// Tickets never looked up, and how many events they have.
    pub fn unseen(&self) -> (usize, usize) {
        let mut tickets = 0;
        let mut events = 0;
        for (i, s) in self.seen.iter().enumerate() {
            if !s.load(Ordering::Relaxed) {
                tickets += 1;
                events += (self.starts[i + 1] - self.starts[i]) as usize;
            }
        }
        (tickets, events)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ids interleaved, repeated and of every length come back with their own
    /// events only, in time order; ids never pushed have none.
    #[test]
    fn ids_are_kept_apart() {
        let mut b = EventsBuilder::default();
        let ids: Vec<String> = (0..5_000).map(|i| format!("T{i}")).collect();
        for round in 0..3 {
            for (i, id) in ids.iter().enumerate() {
                let at = 1_000_000 - round * 10 + i as i64;
                b.push(
                    id,
                    at,
                    EventKind::Update,
                    (round * 5_000 + i as i64) as u64 + 2,
                );
            }
        }
        b.push("", 5, EventKind::Pause, 1);
        let events = b.finish();
        assert_eq!(events.len(), 15_001);
        for (i, id) in ids.iter().enumerate() {
            let got: Vec<i64> = events.of(id).iter().map(|e| e.at).collect();
            let base = 1_000_000 + i as i64;
            assert_eq!(got, [base - 20, base - 10, base], "{id}");
        }
        assert_eq!(events.of("").len(), 1);
        assert!(events.of("T5000").is_empty());
        assert!(events.of("T").is_empty());
        assert_eq!(events.unseen(), (0, 0));
    }

    /// A hint that is right, wrong or stale finds the same events as a plain
    /// lookup.
    #[test]
    fn hinted_lookup_agrees() {
        let mut b = EventsBuilder::default();
        for (i, id) in ["A", "B", "C", "D"].iter().enumerate() {
            b.push(id, i as i64, EventKind::Update, i as u64 + 2);
        }
        let events = b.finish();
        let mut hint = None;
        for id in ["A", "B", "D", "C", "X", "D", "A"] {
            let plain: Vec<i64> = events.of(id).iter().map(|e| e.at).collect();
            let near: Vec<i64> = events.of_near(id, &mut hint).iter().map(|e| e.at).collect();
            assert_eq!(plain, near, "{id}");
        }
        assert_eq!(hint, Some(0));
    }

    /// Events pushed in two builders and appended come out as when pushed
    /// in one: ids met in both parts are one ticket, lines run on; whether
    /// the builders keep runs (runs of three events here) or, past
    /// [`RUNS_KEPT`] runs of one event each, put ids in the table at once.
    #[test]
    fn appended_parts_read_as_one() {
        for (rows, per_run, tickets) in [(3_000u64, 3, 1_100), (3 * RUNS_KEPT as u64, 1, 90_000)] {
            let rows: Vec<(String, i64, EventKind, u64)> = (0..rows)
                .map(|i| {
                    let kind = EventKind::ALL[(i % 3) as usize];
                    // Each ticket in several runs: cuts fall inside runs and
                    // between them.
                    let ticket = (i / per_run * 7) % tickets;
                    (format!("T{ticket}"), (i as i64 * 37) % 500, kind, i + 2)
                })
                .collect();
            let n = rows.len();
            let mut whole = EventsBuilder::default();
            for (id, at, kind, line) in &rows {
                whole.push(id, *at, *kind, *line);
            }
            assert_eq!(whole.interned, per_run == 1);
            let whole = whole.finish();
            for cut in [0, 1, 2, 3, n / 2, n / 2 + 1, n / 6, n - 1, n] {
                let (mut first, mut rest) = (EventsBuilder::default(), EventsBuilder::default());
                for (id, at, kind, line) in &rows[..cut] {
                    first.push(id, *at, *kind, *line);
                }
                // The rest numbered its lines from 1 at its first row.
                let lines = cut as u64 + 1;
                for (id, at, kind, line) in &rows[cut..] {
                    rest.push(id, *at, *kind, *line - lines);
                }
                first.append(rest, lines);
                let parts = first.finish();
                assert_eq!(parts.len(), whole.len());
                for t in 0..tickets {
                    let id = format!("T{t}");
                    assert_eq!(parts.of(&id), whole.of(&id), "{id}, cut at {cut}");
                }
            }
        }
    }

    /// Looking up some ids leaves the others unseen, with their event counts.
    #[test]
    fn unseen_counts_tickets_never_looked_up() {
        let mut b = EventsBuilder::default();
        for (id, n) in [("A", 1), ("B", 2), ("C", 3)] {
            for k in 0..n {
                b.push(id, k, EventKind::Update, 2);
            }
        }
        let events = b.finish();
        let _ = events.of("B");
        assert_eq!(events.unseen(), (2, 4));
    }
}
