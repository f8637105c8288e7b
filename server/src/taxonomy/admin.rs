//! What admins do to the taxonomy: add a term, change its label, retire it
//! (no longer offered for new case studies; kept on the ones that have it
//! and in facets) and merge one term into another (every case study and
//! pending revision with the first gets the second; the first is retired,
//! so that the seed does not offer it again).
//!
//! Each is one transaction with its audit entry and a `Reference::Labels`
//! marker in the change log, so every server's facets show the new labels
//! at once; a merge also records each case study it changed.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
    Set,
};
use serde_json::json;

use super::TermKind;
use crate::audit::{self, AuditAction};
use crate::entities::json::StringList;
use crate::entities::{case_study, case_study_revision, taxonomy_term};
use crate::error::{AppError, AppResult};
use crate::i18n::Arg;
use crate::identity::Viewer;
use crate::search_sync::changes::{self, Outbox, Reference};

const MAX_KEY_CHARS: usize = 64;
const MAX_LABEL_CHARS: usize = 100;

/// Who may change the taxonomy: admins.
pub fn can_manage(viewer: &Viewer) -> bool {
    viewer.is_admin()
}

fn require_manager(viewer: &Viewer) -> AppResult<String> {
    let member_id = viewer.require_signed_in()?.member_id.clone();
    if !can_manage(viewer) {
        return Err(AppError::Forbidden("only admins can change the taxonomy"));
    }
    Ok(member_id)
}

fn valid_label(label: &str) -> AppResult<String> {
    let label = label.trim();
    if label.is_empty() || label.chars().count() > MAX_LABEL_CHARS {
        return Err(AppError::bad_input_keyed(
            "label",
            "rule-label",
            vec![("max", Arg::Number(MAX_LABEL_CHARS as i64))],
        ));
    }
    Ok(label.to_owned())
}

/// A Welsh label: like a label, on `labelCy`; blank is none.
fn valid_welsh_label(label_cy: Option<&str>) -> AppResult<Option<String>> {
    match label_cy.map(str::trim).filter(|label| !label.is_empty()) {
        None => Ok(None),
        Some(label) if label.chars().count() > MAX_LABEL_CHARS => {
            Err(AppError::bad_input_keyed("labelCy", "rule-label", vec![("max", Arg::Number(MAX_LABEL_CHARS as i64))]))
        }
        Some(label) => Ok(Some(label.to_owned())),
    }
}

/// A new key: lower-case kebab (`waste-and-recycling`), at most 64 characters.
fn valid_key(key: &str) -> AppResult<String> {
    let key = key.trim();
    let kebab = crate::text::kebab(key);
    if key.is_empty() || kebab != key || key.len() > MAX_KEY_CHARS {
        let args = vec![("max", Arg::Number(MAX_KEY_CHARS as i64)), ("example", Arg::Text(kebab))];
        return Err(AppError::bad_input_keyed("key", "rule-term-key", args));
    }
    Ok(key.to_owned())
}

async fn find(db: &impl ConnectionTrait, kind: TermKind, key: &str) -> AppResult<Option<taxonomy_term::Model>> {
    Ok(taxonomy_term::Entity::find()
        .filter(taxonomy_term::Column::Kind.eq(kind))
        .filter(taxonomy_term::Column::Key.eq(key.trim()))
        .one(db)
        .await?)
}

/// The term `updateTerm` and `retireTerm` name: `NotFound` when there is none.
async fn named(db: &impl ConnectionTrait, kind: TermKind, key: &str) -> AppResult<taxonomy_term::Model> {
    find(db, kind, key).await?.ok_or(AppError::NotFound)
}

/// A term `mergeTerms` names in `field`: `BadUserInput` when there is none.
async fn existing(
    db: &impl ConnectionTrait,
    kind: TermKind,
    key: &str,
    field: &str,
) -> AppResult<taxonomy_term::Model> {
    find(db, kind, key).await?.ok_or_else(|| {
        let args = vec![("kind", Arg::Text(kind.as_str().to_owned())), ("key", Arg::Text(key.trim().to_owned()))];
        AppError::bad_input_keyed(field, "rule-no-such-term", args)
    })
}

fn described(term: &taxonomy_term::Model) -> serde_json::Value {
    json!({
        "kind": term.kind.as_str(), "key": term.key, "label": term.label, "labelCy": term.label_cy,
        "retired": term.retired,
    })
}

fn target(term: &taxonomy_term::Model) -> String {
    format!("{}:{}", term.kind.as_str(), term.key)
}

/// `createTerm`: a new term, offered at once, listed after the others.
pub async fn create(
    outbox: &Outbox,
    viewer: &Viewer,
    kind: TermKind,
    key: &str,
    label: &str,
    label_cy: Option<&str>,
) -> AppResult<taxonomy_term::Model> {
    let actor = require_manager(viewer)?;
    let (key, label, label_cy) = (valid_key(key)?, valid_label(label)?, valid_welsh_label(label_cy)?);
    outbox
        .transaction(|txn| {
            Box::pin(async move {
                if find(txn, kind, &key).await?.is_some() {
                    let args = vec![("kind", Arg::Text(kind.as_str().to_owned())), ("key", Arg::Text(key.clone()))];
                    return Err(AppError::bad_input_keyed("key", "rule-term-key-taken", args));
                }
                let last = taxonomy_term::Entity::find()
                    .order_by_desc(taxonomy_term::Column::Position)
                    .limit(1)
                    .one(txn)
                    .await?
                    .map_or(0, |term| term.position);
                let term = taxonomy_term::ActiveModel {
                    kind: Set(kind),
                    key: Set(key),
                    label: Set(label),
                    label_cy: Set(label_cy),
                    position: Set(last + 1),
                    retired: Set(false),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
                audit::record(txn, Some(&actor), AuditAction::TermCreate, target(&term), None, Some(described(&term)))
                    .await?;
                changes::record_reference(txn, Reference::Labels).await?;
                Ok(term)
            })
        })
        .await
}

/// `updateTerm`: a new label (and Welsh label, when given), shown
/// everywhere at once (facets included).
pub async fn relabel(
    outbox: &Outbox,
    viewer: &Viewer,
    kind: TermKind,
    key: &str,
    label: &str,
    label_cy: Option<&str>,
) -> AppResult<taxonomy_term::Model> {
    let actor = require_manager(viewer)?;
    let label_cy = match label_cy {
        Some(given) => Some(valid_welsh_label(Some(given))?),
        None => None,
    };
    change(outbox, actor, kind, key, TermChange::Label(valid_label(label)?, label_cy)).await
}

/// `retireTerm`: no longer offered for new case studies; retiring twice changes nothing.
pub async fn retire(outbox: &Outbox, viewer: &Viewer, kind: TermKind, key: &str) -> AppResult<taxonomy_term::Model> {
    let actor = require_manager(viewer)?;
    change(outbox, actor, kind, key, TermChange::Retire).await
}

/// A change to one term's row.
enum TermChange {
    /// The label, and the Welsh label when given (`Some(None)` clears it).
    Label(String, Option<Option<String>>),
    Retire,
}

impl TermChange {
    fn changes_nothing(&self, term: &taxonomy_term::Model) -> bool {
        match self {
            TermChange::Label(label, label_cy) => {
                &term.label == label && label_cy.as_ref().is_none_or(|welsh| &term.label_cy == welsh)
            }
            TermChange::Retire => term.retired,
        }
    }

    fn action(&self) -> AuditAction {
        match self {
            TermChange::Label(..) => AuditAction::TermUpdate,
            TermChange::Retire => AuditAction::TermRetire,
        }
    }

    fn apply(self, term: &mut taxonomy_term::ActiveModel) {
        match self {
            TermChange::Label(label, label_cy) => {
                term.label = Set(label);
                if let Some(label_cy) = label_cy {
                    term.label_cy = Set(label_cy);
                }
            }
            TermChange::Retire => term.retired = Set(true),
        }
    }
}

/// Applies `change` to the term (`NotFound` when there is none) with its
/// audit entry and a labels marker; a change that changes nothing writes none.
async fn change(
    outbox: &Outbox,
    actor: String,
    kind: TermKind,
    key: &str,
    change: TermChange,
) -> AppResult<taxonomy_term::Model> {
    let key = key.to_owned();
    outbox
        .transaction(|txn| {
            Box::pin(async move {
                let term = named(txn, kind, &key).await?;
                if change.changes_nothing(&term) {
                    return Ok(term);
                }
                let before = described(&term);
                let action = change.action();
                let mut changed = term.into_active_model();
                change.apply(&mut changed);
                let term = changed.update(txn).await?;
                let after = described(&term);
                audit::record(txn, Some(&actor), action, target(&term), Some(before), Some(after)).await?;
                changes::record_reference(txn, Reference::Labels).await?;
                Ok(term)
            })
        })
        .await
}

/// `mergeTerms`: every case study and pending revision with `from` gets
/// `into` instead (once), and `from` is retired. Returns `into`.
pub async fn merge(
    outbox: &Outbox,
    viewer: &Viewer,
    kind: TermKind,
    from: &str,
    into: &str,
) -> AppResult<taxonomy_term::Model> {
    let actor = require_manager(viewer)?;
    let (from, into) = (from.trim().to_owned(), into.trim().to_owned());
    outbox
        .transaction(|txn| {
            Box::pin(async move {
                let merged = existing(txn, kind, &from, "from").await?;
                let kept = existing(txn, kind, &into, "into").await?;
                if merged.id == kept.id {
                    return Err(AppError::bad_input("into", "merge a term into another one"));
                }
                let changed = replace_on_case_studies(txn, kind, &from, &into).await?;
                replace_on_revisions(txn, kind, &from, &into).await?;
                let before = json!({ "from": described(&merged), "into": described(&kept) });
                // Kept, retired: no case study has it now, and the seed must not bring it back as new.
                let mut retired = merged.into_active_model();
                retired.retired = Set(true);
                retired.update(txn).await?;
                let after = json!({ "into": kept.key, "caseStudies": changed });
                audit::record(txn, Some(&actor), AuditAction::TermMerge, target(&kept), Some(before), Some(after))
                    .await?;
                changes::record_reference(txn, Reference::Labels).await?;
                Ok(kept)
            })
        })
        .await
}

/// `keys` with `from` replaced by `into` (kept once, where `from` was), or
/// `None` when it has no `from`.
fn replaced(keys: &[String], from: &str, into: &str) -> Option<Vec<String>> {
    if !keys.iter().any(|key| key == from) {
        return None;
    }
    let mut result: Vec<String> = Vec::with_capacity(keys.len());
    for key in keys {
        let key = if key == from { into } else { key.as_str() };
        if !result.iter().any(|kept| kept == key) {
            result.push(key.to_owned());
        }
    }
    Some(result)
}

/// Rewrites the term on every case study that has it (each recorded in the
/// change log); returns how many. Reads only ids and the one list column:
/// a merge is rare, and the lists are JSON on both databases.
async fn replace_on_case_studies(
    txn: &impl ConnectionTrait,
    kind: TermKind,
    from: &str,
    into: &str,
) -> AppResult<usize> {
    let column = match kind {
        TermKind::ServiceArea => case_study::Column::ServiceAreas,
        TermKind::Technology => case_study::Column::Technologies,
    };
    let rows: Vec<(String, StringList)> = case_study::Entity::find()
        .select_only()
        .column(case_study::Column::Id)
        .column(column)
        .into_tuple()
        .all(txn)
        .await?;
    let mut changed = 0;
    for (id, keys) in rows {
        let Some(keys) = replaced(&keys.0, from, into) else { continue };
        let mut update = case_study::ActiveModel { id: Set(id.clone()), ..Default::default() };
        match kind {
            TermKind::ServiceArea => update.service_areas = Set(StringList(keys)),
            TermKind::Technology => update.technologies = Set(StringList(keys)),
        }
        update.update(txn).await?;
        changes::record(txn, &id).await?;
        changed += 1;
    }
    Ok(changed)
}

async fn replace_on_revisions(txn: &impl ConnectionTrait, kind: TermKind, from: &str, into: &str) -> AppResult<()> {
    for revision in case_study_revision::Entity::find().all(txn).await? {
        let mut content = revision.content.clone();
        let keys = match kind {
            TermKind::ServiceArea => &mut content.service_areas,
            TermKind::Technology => &mut content.technologies,
        };
        let Some(new_keys) = replaced(keys, from, into) else { continue };
        *keys = new_keys;
        let mut update = revision.into_active_model();
        update.content = Set(content);
        update.update(txn).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::replaced;

    #[test]
    fn a_merged_key_takes_the_place_of_the_old_one_once() {
        let keys = |list: &[&str]| list.iter().map(|key| key.to_string()).collect::<Vec<_>>();
        assert_eq!(replaced(&keys(&["a", "old", "b"]), "old", "new"), Some(keys(&["a", "new", "b"])));
        assert_eq!(replaced(&keys(&["new", "old"]), "old", "new"), Some(keys(&["new"])));
        assert_eq!(replaced(&keys(&["a"]), "old", "new"), None);
    }
}
