//! The change log (an outbox): every write that can move a case study in or
//! out of search records the case study here, inside its own transaction, so
//! the log and the data cannot disagree; once the transaction commits, the
//! `Outbox` rings the indexer's doorbell, so the change is searchable in
//! milliseconds rather than at the next poll. Other processes sharing a
//! PostgreSQL database see the log at their next poll.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, Set, TransactionTrait};
use tokio::sync::Notify;

use crate::entities::search_change;
use crate::error::{AppError, AppResult};

/// Records that a case study changed. Call it inside the change's transaction.
pub async fn record(db: &impl ConnectionTrait, case_study_id: &str) -> AppResult<()> {
    search_change::ActiveModel {
        case_study_id: Set(case_study_id.to_owned()),
        recorded_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Where the change log stands, for what is made from the database when
/// it changes (the open data): its newest id and how many entries it has.
/// On PostgreSQL ids commit out of order (see `indexer`), so an earlier id
/// committed late leaves the newest id as it was; the count still moves.
/// The log is never pruned, so both only grow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LogState {
    pub newest: i64,
    pub entries: u64,
}

impl LogState {
    /// Whatever was made at `self` has seen every change `other` had.
    pub fn covers(&self, other: &LogState) -> bool {
        self.newest >= other.newest && self.entries >= other.entries
    }
}

/// The change log's state now.
pub async fn state(db: &impl ConnectionTrait) -> AppResult<LogState> {
    use sea_orm::{EntityTrait, PaginatorTrait, QueryOrder};
    let newest = search_change::Entity::find()
        .order_by_desc(search_change::Column::Id)
        .one(db)
        .await?
        .map_or(0, |change| change.id);
    let entries = search_change::Entity::find().count(db).await?;
    Ok(LogState { newest, entries })
}

/// Reference data every server's search depends on besides the case
/// studies: the facet labels (taxonomy terms, council names) and the
/// synonyms. A change to it is a marker in the change log (in place of a
/// case study's id), so each server's indexer reloads it when it reaches
/// the marker, as it applies case studies: on every server, not at restart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reference {
    Labels,
    Synonyms,
}

impl Reference {
    /// The marker, which no case study id (a UUID) can be.
    pub fn marker(self) -> &'static str {
        match self {
            Reference::Labels => "~labels",
            Reference::Synonyms => "~synonyms",
        }
    }

    pub fn of_marker(id: &str) -> Option<Reference> {
        [Reference::Labels, Reference::Synonyms].into_iter().find(|reference| reference.marker() == id)
    }
}

/// Records that reference data changed. Call it inside the change's transaction.
pub async fn record_reference(db: &impl ConnectionTrait, reference: Reference) -> AppResult<()> {
    record(db, reference.marker()).await
}

/// The indexer's doorbell.
#[derive(Clone, Debug, Default)]
pub struct Doorbell(Arc<Notify>);

impl Doorbell {
    pub fn ring(&self) {
        self.0.notify_one();
    }

    pub async fn rung(&self) {
        self.0.notified().await;
    }
}

/// The writer, and the doorbell it rings after each commit: every domain
/// write goes through `Outbox::transaction`, so no adapter has to remember
/// to tell the indexer.
#[derive(Clone, Debug)]
pub struct Outbox {
    db: DatabaseConnection,
    doorbell: Doorbell,
    /// Where notifications link to, and the mail worker's doorbell; None
    /// where nobody is told (the demo's seeding).
    mail: Option<(crate::notifications::Site, Doorbell)>,
}

/// The work of one transaction, as sea-orm takes it.
pub type TransactionWork<'c, T> = Pin<Box<dyn Future<Output = AppResult<T>> + Send + 'c>>;

impl Outbox {
    pub fn new(db: DatabaseConnection, doorbell: Doorbell) -> Self {
        Outbox { db, doorbell, mail: None }
    }

    /// This outbox, telling people of what it writes: notifications go to
    /// the mail outbox, and `mail` wakes the delivery worker after each commit.
    pub fn with_mail(mut self, site: crate::notifications::Site, mail: Doorbell) -> Self {
        self.mail = Some((site, mail));
        self
    }

    /// Wakes the mail worker: for mail written outside `transaction` (sign-in's own transaction).
    pub fn ring_mail(&self) {
        if let Some((_, mail)) = &self.mail {
            mail.ring();
        }
    }

    pub fn site(&self) -> Option<&crate::notifications::Site> {
        self.mail.as_ref().map(|(site, _)| site)
    }

    /// Runs `work` in one transaction and, once it has committed, rings the
    /// doorbell (a transaction that recorded no change costs the indexer one
    /// empty read of the log).
    pub async fn transaction<F, T>(&self, work: F) -> AppResult<T>
    where
        F: for<'c> FnOnce(&'c DatabaseTransaction) -> TransactionWork<'c, T> + Send,
        T: Send,
    {
        let done = self.db.transaction::<_, T, AppError>(work).await.map_err(AppError::from)?;
        self.doorbell.ring();
        if let Some((_, mail)) = &self.mail {
            mail.ring();
        }
        Ok(done)
    }
}
