//! Keeps this process's index in step with the database.
//!
//! The change log (`search_changes`) is applied in order; the position of the
//! last applied change is stored in the index's own commit, so a crash at any
//! point restarts from the last commit and re-applies (idempotent upserts):
//! nothing lost, nothing doubled. Each server polls the log, so a change made
//! through another server (same PostgreSQL) arrives within a poll interval;
//! a change made here wakes the indexer at once.
//!
//! PostgreSQL hands out ids at insert but transactions commit in any order,
//! so a lower id can appear after a higher one. The position therefore only
//! advances to the end of the contiguous run of ids; a gap older than
//! `GAP_PATIENCE` is a rolled-back transaction and is skipped. Changes past a
//! gap are applied anyway and simply applied again later.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use casebook_search::SearchIndex;
use chrono::Utc;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::changes::Reference;
use super::documents::documents_for;
use crate::entities::{case_study, search_change};

const BATCH: u64 = 1_000;
const GAP_PATIENCE: chrono::TimeDelta = chrono::TimeDelta::seconds(10);
const REBUILD_PAGE: u64 = 500;

/// The index's position in the change log (0 before its first commit).
pub async fn position(index: &Arc<SearchIndex>) -> anyhow::Result<i64> {
    let index = index.clone();
    Ok(tokio::task::spawn_blocking(move || index.position()).await??.unwrap_or(0))
}

/// The changes after `position`, oldest first: what the index has yet to apply.
pub fn after(position: i64) -> sea_orm::Select<search_change::Entity> {
    search_change::Entity::find().filter(search_change::Column::Id.gt(position)).order_by_asc(search_change::Column::Id)
}

/// What one pass over the change log read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// Entries read (case studies and markers).
    pub read: usize,
    /// A synonyms marker was among them: the synonyms must be reloaded.
    pub synonyms: bool,
}

/// Applies the changes after the index's position.
pub async fn sync_once(db: &DatabaseConnection, index: &Arc<SearchIndex>) -> anyhow::Result<Applied> {
    let position = position(index).await?;
    let changes = after(position).limit(BATCH).all(db).await?;
    if changes.is_empty() {
        return Ok(Applied::default());
    }
    let new_position = contiguous_end(position, &changes);
    let synonyms =
        changes.iter().any(|change| Reference::of_marker(&change.case_study_id) == Some(Reference::Synonyms));
    let mut ids: Vec<String> = changes
        .iter()
        .map(|change| change.case_study_id.clone())
        .filter(|id| Reference::of_marker(id).is_none())
        .collect();
    // What a changed case study reused may stop (or start) counting as reused.
    let reused = crate::case_studies::reuse::reused_by_any_of(db, &ids).await?;
    ids.extend(reused);
    ids.sort();
    ids.dedup();
    let rows = case_study::Entity::find().filter(case_study::Column::Id.is_in(ids.clone())).all(db).await?;
    let (documents, mut removed) = documents_for(db, rows).await?;
    // A case study gone from the table entirely is removed too.
    removed.extend(ids.into_iter().filter(|id| !documents.iter().any(|document| &document.id == id)));
    let index = index.clone();
    tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
        for id in &removed {
            index.delete(id)?;
        }
        for document in &documents {
            index.upsert(document)?;
        }
        index.commit(new_position)?;
        Ok(())
    })
    .await??;
    Ok(Applied { read: changes.len(), synonyms })
}

/// The last id of the run that continues `position` without a gap, or past
/// gaps old enough to be rolled-back transactions.
fn contiguous_end(position: i64, changes: &[search_change::Model]) -> i64 {
    let now = Utc::now();
    let mut end = position;
    for change in changes {
        let is_next = change.id == end + 1;
        let gap_is_old = now - change.recorded_at > GAP_PATIENCE;
        if !is_next && !gap_is_old {
            break;
        }
        end = change.id;
    }
    end
}

/// Empties the index and indexes every published case study, recording the
/// log position read *before* the scan (changes during it are applied again
/// afterwards, harmlessly).
pub async fn rebuild(db: &DatabaseConnection, index: &Arc<SearchIndex>) -> anyhow::Result<u64> {
    let position = search_change::Entity::find()
        .order_by_desc(search_change::Column::Id)
        .one(db)
        .await?
        .map_or(0, |change| change.id);
    {
        let index = index.clone();
        tokio::task::spawn_blocking(move || index.clear()).await??;
    }
    let mut indexed = 0;
    let mut after = String::new();
    loop {
        // Pages by primary key alone: with `status = 'published'` in the
        // query, SQLite plans it on the status index and reads and sorts every
        // remaining row for each page (quadratic). `documents_for` leaves out
        // what is not published.
        let rows = case_study::Entity::find()
            .filter(case_study::Column::Id.gt(after.clone()))
            .order_by_asc(case_study::Column::Id)
            .limit(REBUILD_PAGE)
            .all(db)
            .await
            .context("cannot read case studies to index")?;
        let Some(last) = rows.last() else { break };
        after = last.id.clone();
        let (documents, _) = documents_for(db, rows).await?;
        indexed += documents.len() as u64;
        let index = index.clone();
        tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
            for document in &documents {
                index.upsert(document)?;
            }
            Ok(())
        })
        .await??;
    }
    let index = index.clone();
    tokio::task::spawn_blocking(move || index.commit(position)).await??;
    Ok(indexed)
}

pub const POLL_INTERVAL: Duration = Duration::from_millis(250);
