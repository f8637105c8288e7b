//! Search synonyms in admins' hands: list, add and remove groups of words
//! or phrases that mean the same. The built-in groups (`casebook_search`'s
//! seed: British and American spellings and the like) are not listed and
//! cannot be removed. A change is applied here at once and reaches every
//! other server through the change log (`Reference::Synonyms`).

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, ModelTrait, QueryOrder, Set, TransactionTrait};
use serde_json::json;

use super::SearchService;
use super::changes::{self, Reference};
use crate::audit::{self, AuditAction};
use crate::entities::json::StringList;
use crate::entities::search_synonym;
use crate::error::{AppError, AppResult};
use crate::identity::Viewer;

const MAX_TERM_CHARS: usize = 100;

/// Who may change synonyms: admins.
pub fn can_manage(viewer: &Viewer) -> bool {
    viewer.is_admin()
}

fn require_manager(viewer: &Viewer) -> AppResult<()> {
    viewer.require_signed_in()?;
    if !can_manage(viewer) {
        return Err(AppError::Forbidden("only admins can change synonyms"));
    }
    Ok(())
}

/// A group as given: trimmed, lower-case, empty ones dropped, at least two,
/// each at most 100 characters.
fn normalised(terms: Vec<String>) -> AppResult<Vec<String>> {
    let mut kept: Vec<String> = Vec::new();
    for term in terms.into_iter().map(|term| term.trim().to_lowercase()).filter(|term| !term.is_empty()) {
        if !kept.contains(&term) {
            kept.push(term);
        }
    }
    if kept.len() < 2 {
        return Err(AppError::bad_input("terms", "a synonym group needs at least two words or phrases"));
    }
    if let Some(index) = kept.iter().position(|term| term.chars().count() > MAX_TERM_CHARS) {
        return Err(AppError::bad_input(
            format!("terms[{index}]"),
            format!("must be at most {MAX_TERM_CHARS} characters"),
        ));
    }
    Ok(kept)
}

impl SearchService {
    pub(super) async fn load_synonyms(&self) -> anyhow::Result<()> {
        let mut groups = casebook_search::seed_synonyms();
        groups.extend(search_synonym::Entity::find().all(&self.db).await?.into_iter().map(|row| row.terms.0));
        self.index.set_synonyms(&groups);
        Ok(())
    }

    /// The groups admins added, oldest first. Admins only.
    pub async fn synonyms(&self, db: &impl ConnectionTrait, viewer: &Viewer) -> AppResult<Vec<Vec<String>>> {
        require_manager(viewer)?;
        let rows = search_synonym::Entity::find().order_by_asc(search_synonym::Column::Id).all(db).await?;
        Ok(rows.into_iter().map(|row| row.terms.0).collect())
    }

    /// Adds a synonym group (admins only); returns it as stored.
    pub async fn add_synonyms(
        &self,
        db: &sea_orm::DatabaseConnection,
        viewer: &Viewer,
        terms: Vec<String>,
    ) -> AppResult<Vec<String>> {
        require_manager(viewer)?;
        let terms = normalised(terms)?;
        let txn = db.begin().await?;
        let group = search_synonym::ActiveModel {
            terms: Set(StringList(terms.clone())),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let after = Some(json!({ "terms": terms }));
        self.commit(txn, viewer, AuditAction::SearchSynonymsAdd, group.id, None, after).await?;
        Ok(terms)
    }

    /// Removes the group with exactly these words (in any order, as `add`
    /// normalises them); `NotFound` when there is none. Returns the group removed.
    pub async fn remove_synonyms(
        &self,
        db: &sea_orm::DatabaseConnection,
        viewer: &Viewer,
        terms: Vec<String>,
    ) -> AppResult<Vec<String>> {
        require_manager(viewer)?;
        let mut wanted = normalised(terms)?;
        wanted.sort();
        let txn = db.begin().await?;
        let groups = search_synonym::Entity::find().all(&txn).await?;
        let Some(group) = groups.into_iter().find(|group| {
            let mut stored: Vec<String> = group.terms.0.iter().map(|term| term.trim().to_lowercase()).collect();
            stored.sort();
            stored.dedup();
            stored == wanted
        }) else {
            return Err(AppError::NotFound);
        };
        let removed = group.terms.0.clone();
        let id = group.id;
        group.delete(&txn).await?;
        let before = Some(json!({ "terms": removed }));
        self.commit(txn, viewer, AuditAction::SearchSynonymsRemove, id, before, None).await?;
        Ok(removed)
    }

    /// Ends a change to the groups: its audit entry and the marker that tells
    /// the other servers, committed; then this server's synonyms reloaded.
    async fn commit(
        &self,
        txn: sea_orm::DatabaseTransaction,
        viewer: &Viewer,
        action: AuditAction,
        group_id: i32,
        before: Option<serde_json::Value>,
        after: Option<serde_json::Value>,
    ) -> AppResult<()> {
        audit::record(&txn, viewer.member_id(), action, group_id.to_string(), before, after).await?;
        changes::record_reference(&txn, Reference::Synonyms).await?;
        txn.commit().await?;
        self.load_synonyms().await.map_err(AppError::Internal)
    }
}
