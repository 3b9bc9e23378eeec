//! The events of tickets, grouped by ticket: status reports sent to the customer
//! and the waits on the customer (pause, resume). A reader fills an
//! [`EventsBuilder`] from a file; the audit reads each ticket's events, in time
//! order, from the finished [`Events`]. Compact: 16 bytes per event, plus the
//! ticket ids once each.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

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
        EventKind::ALL
            .into_iter()
            .find(|k| k.key().eq_ignore_ascii_case(s.trim()))
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

/// Events being collected, in any order.
#[derive(Debug, Default)]
pub struct EventsBuilder {
    ids: HashMap<Box<str>, u32>,
    events: Vec<Event>,
}

impl EventsBuilder {
    pub fn push(&mut self, ticket: &str, at: i64, kind: EventKind, line: u64) {
        let next = self.ids.len() as u32;
        let id = match self.ids.get(ticket) {
            Some(&i) => i,
            None => {
                self.ids.insert(ticket.into(), next);
                next
            }
        };
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
    ids: HashMap<Box<str>, u32>,
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
        match self.ids.get(id) {
            Some(&i) => {
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
