//! API tokens: random, shown once, stored only as a SHA-256 hash. Members
//! create, list and revoke their own; `casebook issue-token` creates them for
//! the bootstrap.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::json;

use crate::audit::{self, AuditAction};
use crate::db::Connections;
use crate::entities::{api_token, member};
use crate::error::{AppError, AppResult};
use crate::i18n::Arg;
use crate::identity::Viewer;
use crate::secrets::{random_secret, sha256_hex};

const TOKEN_PREFIX: &str = "cbk_";
const MAX_NAME_CHARS: usize = 100;

pub fn hash_token(token: &str) -> String {
    sha256_hex(token)
}

/// Creates a new token for the member and returns it in clear, the only time
/// it exists so. For the command line and the demo, which vouch for the member.
pub async fn issue_token(db: &impl ConnectionTrait, member_id: &str, name: &str) -> AppResult<String> {
    let (_, token) = insert_token(db, member_id, name).await?;
    Ok(token)
}

/// `casebook issue-token`, the bootstrap: makes (or updates) the member
/// ACTIVE with this role and council and issues them a token, in one
/// transaction with its audit entry (the command line's act: no actor).
pub async fn issue_from_command_line(
    db: &DatabaseConnection,
    email: &str,
    role: super::Role,
    council: Option<&crate::entities::authority::Model>,
    name: &str,
) -> AppResult<String> {
    let txn = db.begin().await?;
    let member = super::upsert_active_member(&txn, email, role, council.map(|council| council.id)).await?;
    let (row, token) = insert_token(&txn, &member.id, name).await?;
    let mut after = described(&row);
    after["role"] = json!(role.as_str());
    after["authority"] = json!(council.map(|council| &council.slug));
    audit::record(&txn, None, AuditAction::ApiTokenIssue, &row.id, None, Some(after)).await?;
    txn.commit().await?;
    Ok(token)
}

/// `createApiToken`: a named token for the viewer, who must be an ACTIVE
/// member (a PENDING account has an anonymous visitor's rights, and needs
/// no token to read what anyone reads). Audited, as every token issued is.
pub async fn create_token(
    db: &DatabaseConnection,
    viewer: &Viewer,
    name: &str,
) -> AppResult<(api_token::Model, String)> {
    let member = viewer.require_signed_in()?;
    if !viewer.is_member() {
        return Err(AppError::Forbidden("only active members can create API tokens"));
    }
    let txn = db.begin().await?;
    let (row, token) = insert_token(&txn, &member.member_id, name).await?;
    audit::record(&txn, Some(&member.member_id), AuditAction::ApiTokenCreate, &row.id, None, Some(described(&row)))
        .await?;
    txn.commit().await?;
    Ok((row, token))
}

/// What the audit trail keeps of a token: whose it is, never the token, its
/// hash or its name (free text a member chose, which would outlive an erasure).
pub fn described(token: &api_token::Model) -> serde_json::Value {
    json!({ "member": token.member_id, "revokedAt": token.revoked_at })
}

/// The stored row and the token in clear. The name is 1–100 characters once
/// trimmed (`BAD_USER_INPUT` on `name` otherwise).
async fn insert_token(db: &impl ConnectionTrait, member_id: &str, name: &str) -> AppResult<(api_token::Model, String)> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        let max = Arg::Number(MAX_NAME_CHARS as i64);
        return Err(AppError::bad_input_keyed("name", "rule-token-name", vec![("max", max)]));
    }
    let token = format!("{TOKEN_PREFIX}{}", random_secret());
    let row = api_token::ActiveModel {
        id: Set(uuid::Uuid::new_v4().to_string()),
        member_id: Set(member_id.to_owned()),
        name: Set(name.to_owned()),
        token_hash: Set(hash_token(&token)),
        created_at: Set(Utc::now()),
        last_used_at: Set(None),
        revoked_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok((row, token))
}

/// The member's tokens, newest first, revoked ones included (with their revocation time).
pub async fn tokens_of(db: &impl ConnectionTrait, member_id: &str) -> AppResult<Vec<api_token::Model>> {
    Ok(api_token::Entity::find()
        .filter(api_token::Column::MemberId.eq(member_id))
        .order_by_desc(api_token::Column::CreatedAt)
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?)
}

/// Revokes one of the member's own tokens; someone else's is `NotFound`.
/// Revoking twice keeps the first revocation time (and is audited once).
pub async fn revoke_token(db: &DatabaseConnection, member_id: &str, token_id: &str) -> AppResult<api_token::Model> {
    let txn = db.begin().await?;
    let token = api_token::Entity::find_by_id(token_id.to_owned())
        .filter(api_token::Column::MemberId.eq(member_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if token.revoked_at.is_some() {
        return Ok(token);
    }
    let before = described(&token);
    let mut revoked: api_token::ActiveModel = token.into();
    revoked.revoked_at = Set(Some(Utc::now()));
    let revoked = revoked.update(&txn).await?;
    audit::record(
        &txn,
        Some(member_id),
        AuditAction::ApiTokenRevoke,
        &revoked.id,
        Some(before),
        Some(described(&revoked)),
    )
    .await?;
    txn.commit().await?;
    Ok(revoked)
}

/// `last_used_at` is written at most this often: a busy script would
/// otherwise write to the database on every request.
const LAST_USED_PRECISION: chrono::Duration = chrono::Duration::seconds(60);

/// The member a live token belongs to, recording its use (to the minute);
/// `None` for an unknown or revoked token.
pub async fn member_for_token(db: Connections<'_>, token: &str) -> AppResult<Option<member::Model>> {
    if !token.starts_with(TOKEN_PREFIX) {
        return Ok(None);
    }
    // One query for both: this runs on every API request.
    let found = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(hash_token(token)))
        .filter(api_token::Column::RevokedAt.is_null())
        .find_also_related(member::Entity)
        .one(db.reads)
        .await?;
    let Some((token_row, member)) = found else {
        return Ok(None);
    };
    let now = Utc::now();
    if token_row.last_used_at.is_none_or(|last| now - last >= LAST_USED_PRECISION) {
        let mut used: api_token::ActiveModel = token_row.into();
        used.last_used_at = Set(Some(now));
        used.update(db.writes).await?;
    }
    Ok(member)
}
