//! The audit trail: one row for every moderator and admin action (and every
//! API token issued or revoked), written in the same transaction as the
//! action itself, so an action and its record cannot disagree.
//!
//! The table is append-only in the database itself (the migration's
//! triggers refuse UPDATE and DELETE), so not even a bug here can rewrite
//! the past. Entries hold ids, roles, statuses and slugs, never an email
//! or a name: the trail outlives the accounts it mentions, and erasing an
//! account must not need to touch it. Admins read it (`list`, `csv`).

mod action;
mod export;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::Value;

pub use action::AuditAction;
pub use export::csv;

use crate::entities::audit_entry;
use crate::error::{AppError, AppResult};
use crate::identity::Viewer;
use crate::paging::{self, Page, PageRequest};

/// Records one action. `actor` is the member who acted (`None`: the command
/// line); `before` and `after` say what changed, where that matters.
pub async fn record(
    db: &impl ConnectionTrait,
    actor: Option<&str>,
    action: AuditAction,
    target_id: impl Into<String>,
    before: Option<Value>,
    after: Option<Value>,
) -> AppResult<()> {
    audit_entry::ActiveModel {
        at: Set(Utc::now()),
        actor_id: Set(actor.map(str::to_owned)),
        action: Set(action.as_str().to_owned()),
        target_type: Set(action.target_type().to_owned()),
        target_id: Set(Some(target_id.into())),
        before: Set(before),
        after: Set(after),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Who may read the trail: admins.
pub fn can_read(viewer: &Viewer) -> bool {
    viewer.is_admin()
}

fn require_reader(viewer: &Viewer) -> AppResult<()> {
    viewer.require_signed_in()?;
    if !can_read(viewer) {
        return Err(AppError::Forbidden("only admins can read the audit log"));
    }
    Ok(())
}

/// What to list: every part is optional and they combine (AND). `from` and
/// `to` include both ends.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// A filter's text, trimmed; `None` when empty.
fn text(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|value| !value.is_empty())
}

impl AuditFilter {
    fn condition(&self) -> AppResult<Condition> {
        // Both databases store years 1 to 9999; a filter beyond them is the client's mistake, not a 500.
        for (field, moment) in [("from", self.from), ("to", self.to)] {
            if moment.is_some_and(|at| !(1..=9999).contains(&chrono::Datelike::year(&at))) {
                return Err(AppError::bad_input(field, "must be a date between the years 1 and 9999"));
            }
        }
        if let (Some(from), Some(to)) = (self.from, self.to)
            && from > to
        {
            return Err(AppError::bad_input("to", "must not be before `from`"));
        }
        let mut condition = Condition::all();
        if let Some(actor) = text(&self.actor) {
            condition = condition.add(audit_entry::Column::ActorId.eq(actor));
        }
        if let Some(action) = text(&self.action) {
            condition = condition.add(audit_entry::Column::Action.eq(action));
        }
        if let Some(target_type) = text(&self.target_type) {
            condition = condition.add(audit_entry::Column::TargetType.eq(target_type));
        }
        if let Some(target_id) = text(&self.target_id) {
            condition = condition.add(audit_entry::Column::TargetId.eq(target_id));
        }
        if let Some(from) = self.from {
            condition = condition.add(audit_entry::Column::At.gte(from));
        }
        if let Some(to) = self.to {
            condition = condition.add(audit_entry::Column::At.lte(to));
        }
        Ok(condition)
    }
}

/// One page of the trail, newest first. Admins only.
pub async fn list(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    filter: &AuditFilter,
    page: PageRequest,
) -> AppResult<Page<audit_entry::Model>> {
    require_reader(viewer)?;
    let query = audit_entry::Entity::find()
        .filter(filter.condition()?)
        .order_by_desc(audit_entry::Column::At)
        .order_by_desc(audit_entry::Column::Id);
    paging::fetch(db, query, page).await
}
