//! Members' data rights (UK GDPR): a copy of everything Casebook holds about
//! them (`export`), and erasure (`erase_own`, or `erase_member` by an admin on
//! their request).
//!
//! Erasure empties the member's row rather than deleting it: the email
//! becomes a placeholder, the name goes, the sign-in identities, sessions
//! and API tokens are deleted, and `erased_at` is set. The case studies stay
//! with their council; their history and the audit trail still point at the
//! row, and now read "a former member". The audit entry of the erasure holds
//! no personal data.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::{Value, json};

use super::{MemberStatus, Role};
use crate::audit::{self, AuditAction};
use crate::entities::{
    api_token, audit_entry, case_study, case_study_editor, case_study_transition, member, member_identity, report,
    report_filing, session,
};
use crate::error::{AppError, AppResult};
use crate::identity::Viewer;

/// Everything held about the signed-in member, as JSON: their account, the
/// identities they sign in with, their sessions and API tokens (as metadata:
/// never a secret or its hash), the case studies they created or edited,
/// the workflow steps they took, their reports, and what they did as a
/// moderator or admin.
pub async fn export(db: &impl ConnectionTrait, viewer: &Viewer) -> AppResult<Value> {
    let member_id = viewer.require_signed_in()?.member_id.clone();
    let member = member::Entity::find_by_id(member_id.clone()).one(db).await?.ok_or(AppError::NotFound)?;
    let authority = match member.authority_id {
        Some(id) => crate::authorities::find_by_id(db, id).await?.map(|council| council.slug),
        None => None,
    };
    let identities = member_identity::Entity::find()
        .filter(member_identity::Column::MemberId.eq(&member_id))
        .all(db)
        .await?
        .into_iter()
        .map(|identity| json!({ "issuer": identity.issuer, "subject": identity.subject, "createdAt": identity.created_at }))
        .collect::<Vec<_>>();
    let sessions = session::Entity::find()
        .filter(session::Column::MemberId.eq(&member_id))
        .order_by_asc(session::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|session| {
            json!({ "createdAt": session.created_at, "lastSeenAt": session.last_seen_at, "expiresAt": session.expires_at })
        })
        .collect::<Vec<_>>();
    let tokens = super::tokens_of(db, &member_id)
        .await?
        .into_iter()
        .map(|token| {
            json!({ "id": token.id, "name": token.name, "createdAt": token.created_at,
                    "lastUsedAt": token.last_used_at, "revokedAt": token.revoked_at })
        })
        .collect::<Vec<_>>();
    Ok(json!({
        "account": {
            "id": member.id, "email": member.email, "name": member.name, "role": member.role.as_str(),
            "status": member.status.as_str(), "authority": authority, "language": member.language,
            "createdAt": member.created_at, "updatedAt": member.updated_at,
        },
        "identities": identities,
        "sessions": sessions,
        "apiTokens": tokens,
        "caseStudies": case_studies_of(db, &member_id).await?,
        "workflowSteps": steps_of(db, &member_id).await?,
        "reports": reports_of(db, &member_id).await?,
        "moderationAndAdministration": audit_entries_of(db, &member_id).await?,
        "notifications": crate::notifications::export(db, &member_id).await?,
        "questions": crate::questions::export(db, &member_id).await?,
    }))
}

/// The case studies the member created or edited (their part in them).
async fn case_studies_of(db: &impl ConnectionTrait, member_id: &str) -> AppResult<Vec<Value>> {
    let edited: Vec<String> = case_study_editor::Entity::find()
        .filter(case_study_editor::Column::MemberId.eq(member_id))
        .all(db)
        .await?
        .into_iter()
        .map(|editor| editor.case_study_id)
        .collect();
    let rows = case_study::Entity::find()
        .filter(
            sea_orm::Condition::any()
                .add(case_study::Column::CreatedBy.eq(member_id))
                .add(case_study::Column::Id.is_in(edited)),
        )
        .order_by_asc(case_study::Column::CreatedAt)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            json!({ "id": row.id, "slug": row.slug, "title": row.title, "status": row.status.as_str(),
                    "createdByYou": row.created_by == member_id, "createdAt": row.created_at })
        })
        .collect())
}

async fn steps_of(db: &impl ConnectionTrait, member_id: &str) -> AppResult<Vec<Value>> {
    let rows = case_study_transition::Entity::find()
        .filter(case_study_transition::Column::MemberId.eq(member_id))
        .order_by_asc(case_study_transition::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|step| {
            json!({ "caseStudy": step.case_study_id, "from": step.from_status.map(|status| status.as_str()),
                    "to": step.to_status.as_str(), "at": step.at, "message": step.message })
        })
        .collect())
}

async fn reports_of(db: &impl ConnectionTrait, member_id: &str) -> AppResult<Vec<Value>> {
    let filings = report_filing::Entity::find()
        .filter(report_filing::Column::MemberId.eq(member_id))
        .order_by_asc(report_filing::Column::CreatedAt)
        .all(db)
        .await?;
    let items: std::collections::HashMap<String, report::Model> = report::Entity::find()
        .filter(report::Column::Id.is_in(filings.iter().map(|filing| filing.report_id.clone())))
        .all(db)
        .await?
        .into_iter()
        .map(|item| (item.id.clone(), item))
        .collect();
    Ok(filings
        .into_iter()
        .map(|filing| {
            let item = items.get(&filing.report_id);
            json!({ "report": filing.report_id, "caseStudy": item.map(|item| item.case_study_id.clone()),
                    "reason": filing.reason.as_str(), "details": filing.details,
                    "status": item.map(|item| item.status.as_str()),
                    "createdAt": filing.created_at, "updatedAt": filing.updated_at })
        })
        .collect())
}

async fn audit_entries_of(db: &impl ConnectionTrait, member_id: &str) -> AppResult<Vec<Value>> {
    let rows = audit_entry::Entity::find()
        .filter(audit_entry::Column::ActorId.eq(member_id))
        .order_by_asc(audit_entry::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|entry| {
            json!({ "at": entry.at, "action": entry.action, "targetType": entry.target_type,
                    "targetId": entry.target_id })
        })
        .collect())
}

/// `deleteMyAccount`: the signed-in member erases their own account,
/// confirming it with their email (`BAD_USER_INPUT` on `confirmEmail` when
/// it is not theirs).
pub async fn erase_own(db: &DatabaseConnection, viewer: &Viewer, confirm_email: &str) -> AppResult<()> {
    let member_id = viewer.require_signed_in()?.member_id.clone();
    let member = member::Entity::find_by_id(member_id.clone()).one(db).await?.ok_or(AppError::NotFound)?;
    if !member.email.eq_ignore_ascii_case(confirm_email.trim()) {
        return Err(AppError::bad_input("confirmEmail", "type the email address you sign in with to confirm"));
    }
    if viewer.is_admin() && active_admins(db).await? <= 1 {
        return Err(AppError::Forbidden("you are the last admin: make someone else an admin first"));
    }
    erase(db, &member_id, &member_id).await
}

/// `deleteMember`: an admin erases a member's account on their request.
/// Not their own (that is `deleteMyAccount`); an erased account stays erased.
pub async fn erase_member(db: &DatabaseConnection, actor: &Viewer, member_id: &str) -> AppResult<()> {
    let actor_id = actor.require_signed_in()?.member_id.clone();
    if !super::admin::can_manage(actor) {
        return Err(AppError::Forbidden("only admins can erase members' accounts"));
    }
    if actor_id == member_id {
        return Err(AppError::Forbidden("erase your own account with deleteMyAccount"));
    }
    erase(db, &actor_id, member_id).await
}

async fn erase(db: &DatabaseConnection, actor_id: &str, member_id: &str) -> AppResult<()> {
    let txn = db.begin().await?;
    let member = member::Entity::find_by_id(member_id.to_owned()).one(&txn).await?.ok_or(AppError::NotFound)?;
    if member.erased_at.is_some() {
        return Ok(());
    }
    member_identity::Entity::delete_many().filter(member_identity::Column::MemberId.eq(member_id)).exec(&txn).await?;
    session::Entity::delete_many().filter(session::Column::MemberId.eq(member_id)).exec(&txn).await?;
    api_token::Entity::delete_many().filter(api_token::Column::MemberId.eq(member_id)).exec(&txn).await?;
    crate::notifications::forget_member(&txn, member_id).await?;
    crate::questions::forget_member(&txn, member_id).await?;
    let now = Utc::now();
    let mut erased: member::ActiveModel = member.into();
    erased.email = Set(placeholder_email(member_id));
    erased.name = Set(None);
    erased.language = Set(None);
    erased.role = Set(Role::Member);
    erased.status = Set(MemberStatus::Suspended);
    erased.updated_at = Set(now);
    erased.erased_at = Set(Some(now));
    erased.update(&txn).await?;
    audit::record(&txn, Some(actor_id), AuditAction::MemberErase, member_id, None, Some(json!({ "erased": true })))
        .await?;
    txn.commit().await?;
    Ok(())
}

async fn active_admins(db: &impl ConnectionTrait) -> AppResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(member::Entity::find()
        .filter(member::Column::Role.eq(Role::Admin))
        .filter(member::Column::Status.eq(MemberStatus::Active))
        .count(db)
        .await?)
}

/// What an erased member's unique email column holds: nothing of theirs.
fn placeholder_email(member_id: &str) -> String {
    format!("erased-{member_id}@erased.invalid")
}
