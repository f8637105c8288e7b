//! What admins do to members: list them (the pending ones above all), assign
//! a council, change a role, suspend and reinstate.
//!
//! Every function checks the actor first: anonymous is `Unauthenticated`,
//! anyone but an admin `Forbidden`. An admin cannot suspend themselves or
//! change their own role, so a network never loses its last admin by mistake.
//! Suspension ends the member's sessions at once; their tokens stay but are
//! refused while they are suspended (`identity::resolve`), so reinstating
//! gives back exactly what they had.
//!
//! Each change is one transaction with its audit entry (ids, roles,
//! statuses and council slugs: never an email).

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::json;

use super::{MemberStatus, Role};
use crate::audit::{self, AuditAction};
use crate::authorities;
use crate::entities::member;
use crate::error::{AppError, AppResult};
use crate::identity::Viewer;
use crate::paging::{self, Page, PageRequest};
use crate::sessions;

/// Who may manage members: admins.
pub fn can_manage(viewer: &Viewer) -> bool {
    viewer.is_admin()
}

fn require_admin(actor: &Viewer) -> AppResult<()> {
    actor.require_signed_in()?;
    if !can_manage(actor) {
        return Err(AppError::Forbidden("only admins can manage members"));
    }
    Ok(())
}

/// Members, oldest first (so the longest-waiting pending member comes first),
/// optionally of one status.
pub async fn list(
    db: &impl ConnectionTrait,
    actor: &Viewer,
    status: Option<MemberStatus>,
    page: PageRequest,
) -> AppResult<Page<member::Model>> {
    require_admin(actor)?;
    let mut query = member::Entity::find();
    if let Some(status) = status {
        query = query.filter(member::Column::Status.eq(status));
    }
    let query = query.order_by_asc(member::Column::CreatedAt).order_by_asc(member::Column::Id);
    paging::fetch(db, query, page).await
}

/// Makes the member one of a council's. A PENDING member becomes ACTIVE; a
/// suspended one stays suspended.
pub async fn assign_council(
    db: &DatabaseConnection,
    actor: &Viewer,
    member_id: &str,
    council_slug: &str,
) -> AppResult<member::Model> {
    require_admin(actor)?;
    let txn = db.begin().await?;
    let member = find(&txn, member_id).await?;
    let council = authorities::find_by_slug(&txn, council_slug.trim())
        .await?
        .ok_or_else(|| AppError::bad_input("authority", format!("no council has the slug `{council_slug}`")))?;
    if !authorities::is_current(&council) {
        return Err(AppError::bad_input(
            "authority",
            format!("{} has been replaced: choose its successor", council.name),
        ));
    }
    let previous = match member.authority_id {
        Some(id) => authorities::find_by_id(&txn, id).await?.map(|previous| previous.slug),
        None => None,
    };
    let before = json!({ "authority": previous, "status": member.status.as_str() });
    let status = if member.status == MemberStatus::Pending { MemberStatus::Active } else { member.status };
    if member.authority_id == Some(council.id) && status == member.status {
        return Ok(member);
    }
    let mut changed: member::ActiveModel = member.into();
    changed.authority_id = Set(Some(council.id));
    changed.status = Set(status);
    changed.updated_at = Set(Utc::now());
    let changed = changed.update(&txn).await?;
    let after = json!({ "authority": council.slug, "status": status.as_str() });
    audit::record(&txn, actor.member_id(), AuditAction::MemberAssignAuthority, &changed.id, Some(before), Some(after))
        .await?;
    txn.commit().await?;
    Ok(changed)
}

pub async fn set_role(
    db: &DatabaseConnection,
    actor: &Viewer,
    member_id: &str,
    role: Role,
) -> AppResult<member::Model> {
    require_admin(actor)?;
    refuse_self(actor, member_id, "you cannot change your own role")?;
    let txn = db.begin().await?;
    let member = find(&txn, member_id).await?;
    if member.role == role {
        return Ok(member);
    }
    let before = json!({ "role": member.role.as_str() });
    let mut changed: member::ActiveModel = member.into();
    changed.role = Set(role);
    changed.updated_at = Set(Utc::now());
    let changed = changed.update(&txn).await?;
    let after = json!({ "role": role.as_str() });
    audit::record(&txn, actor.member_id(), AuditAction::MemberSetRole, &changed.id, Some(before), Some(after)).await?;
    txn.commit().await?;
    Ok(changed)
}

/// Suspends the member and ends their sessions. Suspending twice changes nothing.
pub async fn suspend(db: &DatabaseConnection, actor: &Viewer, member_id: &str) -> AppResult<member::Model> {
    require_admin(actor)?;
    refuse_self(actor, member_id, "you cannot suspend yourself")?;
    let txn = db.begin().await?;
    let member = find(&txn, member_id).await?;
    sessions::end_all_of(&txn, &member.id).await?;
    if member.status == MemberStatus::Suspended {
        txn.commit().await?;
        return Ok(member);
    }
    let changed = change_status(&txn, actor, member, MemberStatus::Suspended, AuditAction::MemberSuspend).await?;
    txn.commit().await?;
    Ok(changed)
}

/// Lifts a suspension: ACTIVE again with a council, PENDING without one.
/// Reinstating a member who is not suspended changes nothing.
pub async fn reinstate(db: &DatabaseConnection, actor: &Viewer, member_id: &str) -> AppResult<member::Model> {
    require_admin(actor)?;
    let txn = db.begin().await?;
    let member = find(&txn, member_id).await?;
    if member.status != MemberStatus::Suspended {
        return Ok(member);
    }
    let status = if member.authority_id.is_some() { MemberStatus::Active } else { MemberStatus::Pending };
    let changed = change_status(&txn, actor, member, status, AuditAction::MemberReinstate).await?;
    txn.commit().await?;
    Ok(changed)
}

async fn change_status(
    txn: &impl ConnectionTrait,
    actor: &Viewer,
    member: member::Model,
    status: MemberStatus,
    action: AuditAction,
) -> AppResult<member::Model> {
    let before = json!({ "status": member.status.as_str() });
    let mut changed: member::ActiveModel = member.into();
    changed.status = Set(status);
    changed.updated_at = Set(Utc::now());
    let changed = changed.update(txn).await?;
    let after = json!({ "status": status.as_str() });
    audit::record(txn, actor.member_id(), action, &changed.id, Some(before), Some(after)).await?;
    Ok(changed)
}

fn refuse_self(actor: &Viewer, member_id: &str, message: &'static str) -> AppResult<()> {
    if actor.member_id() == Some(member_id) {
        return Err(AppError::Forbidden(message));
    }
    Ok(())
}

/// The member to change: `NotFound` when missing, `Conflict` once erased
/// (an erased account is never brought back).
async fn find(db: &impl ConnectionTrait, member_id: &str) -> AppResult<member::Model> {
    let member = member::Entity::find_by_id(member_id.to_owned()).one(db).await?.ok_or(AppError::NotFound)?;
    if member.erased_at.is_some() {
        return Err(AppError::Conflict("this account was erased: there is nothing left to change".into()));
    }
    Ok(member)
}
