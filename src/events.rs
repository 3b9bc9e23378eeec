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
/// through a hash table of their indexes (no allocation per id).
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

/// Events being collected, in any order.
#[derive(Debug, Default)]
pub struct EventsBuilder {
    ids: TicketIds,
    events: Vec<Event>,
    /// The ticket of the previous event (files often list a ticket's events
    /// together).
    last: Option<u32>,
}

impl EventsBuilder {
    /// A builder with room for about `events` events of `tickets` tickets
    /// (estimates; it grows past them as needed).
    pub fn with_capacity(events: usize, tickets: usize) -> Self {
        let mut b = EventsBuilder::default();
        b.events.reserve(events);
        b.ids.ends.reserve(tickets);
        b.ids.table.reserve(tickets, |_| 0);
        b
    }

    /// Adds an event of ticket `ticket` (its id as text or bytes).
    pub fn push(&mut self, ticket: impl AsRef<[u8]>, at: i64, kind: EventKind, line: u64) {
        let ticket = ticket.as_ref();
        let id = match self.last {
            Some(i) if name(&self.ids.text, &self.ids.ends, i) == ticket => i,
            _ => self.ids.intern(ticket),
        };
        self.last = Some(id);
        let line = u32::try_from(line.min((1 << 30) - 1)).unwrap_or(0);
        self.events.push(Event {
            at,
            line_kind: line << 2 | kind as u32,
            ticket: id,
        });
    }

    /// Groups the events by ticket, each ticket's in time order (events at the
    /// same instant in file order).
    pub fn finish(mut self) -> Events {
        self.events
            .sort_unstable_by_key(|e| (e.ticket, e.at, e.line_kind >> 2));
        let n = self.ids.len();
        let mut starts = vec![0u32; n + 1];
        for e in &self.events {
            starts[e.ticket as usize + 1] += 1;
        }
        for i in 0..n {
            starts[i + 1] += starts[i];
        }
        self.events.shrink_to_fit();
        Events {
            ids: self.ids,
            starts,
            events: self.events,
            seen: (0..n).map(|_| AtomicBool::new(false)).collect(),
        }
    }
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
