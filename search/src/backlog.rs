//! A bound on documents handed to the `IndexWriter` but not yet indexed.
//!
//! Tantivy queues up to 10,000 documents for its indexing threads. A rebuild
//! reads the database faster than two threads index, so the queue filled:
//! about 200 MB of documents waiting, on top of the writer's own memory.
//! Each queued document now carries a ticket that is given back when the
//! indexing thread drops it, and `Backlog::wait_for_room` holds the caller
//! back while too many are out.

use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use tantivy::TantivyDocument;
use tantivy::schema::Document;

/// Enough to keep both indexing threads busy, a few megabytes in all.
const MAX_QUEUED: usize = 1_000;
const PATIENCE: Duration = Duration::from_secs(60);

#[derive(Default)]
pub struct Backlog {
    queued: Mutex<usize>,
    room: Condvar,
}

impl Backlog {
    /// Blocks until fewer than `MAX_QUEUED` documents wait, then takes a
    /// ticket. Gives up waiting after `PATIENCE`: should the indexing threads
    /// have died, the writer reports it, and that must not hang here.
    pub fn wait_for_room(self: &Arc<Self>) -> Ticket {
        let deadline = Instant::now() + PATIENCE;
        let mut queued = self.queued.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        while *queued >= MAX_QUEUED {
            let Some(left) = deadline.checked_duration_since(Instant::now()) else { break };
            queued = self.room.wait_timeout(queued, left).unwrap_or_else(|poisoned| poisoned.into_inner()).0;
        }
        *queued += 1;
        Ticket(self.clone())
    }
}

/// One queued document's place in the backlog, given back on drop.
pub struct Ticket(Arc<Backlog>);

impl Drop for Ticket {
    fn drop(&mut self) {
        let mut queued = self.0.queued.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *queued -= 1;
        self.0.room.notify_one();
    }
}

/// A document with its ticket: what the writer queues.
pub struct QueuedDocument {
    document: TantivyDocument,
    /// Never read: the indexing thread dropping the document gives it back.
    _ticket: Ticket,
}

impl QueuedDocument {
    /// Waits for room in the backlog (see `Backlog::wait_for_room`).
    pub fn new(document: TantivyDocument, backlog: &Arc<Backlog>) -> Self {
        QueuedDocument { _ticket: backlog.wait_for_room(), document }
    }
}

impl Document for QueuedDocument {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.document.iter_fields_and_values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_backlog_waits_until_a_queued_document_is_dropped() {
        let backlog = Arc::new(Backlog::default());
        let mut tickets: Vec<Ticket> = (0..MAX_QUEUED).map(|_| backlog.wait_for_room()).collect();
        let waiter = {
            let backlog = backlog.clone();
            std::thread::spawn(move || drop(backlog.wait_for_room()))
        };
        std::thread::sleep(Duration::from_millis(50));
        assert!(!waiter.is_finished(), "a full backlog lets no one through");
        tickets.pop();
        waiter.join().expect("the waiter gets through once a ticket is back");
        drop(tickets);
        assert_eq!(*backlog.queued.lock().unwrap(), 0);
    }
}
