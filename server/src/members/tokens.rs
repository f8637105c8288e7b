//! API tokens: random, shown once, stored only as a SHA-256 hash.
//!
//! SHA-256 (not a password hash) is right here: a token carries 256 bits of
//! randomness, so there is nothing to brute-force, and lookups stay one
//! indexed query.

use base64::Engine;
use chrono::Utc;
use rand::RngCore;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

use crate::entities::{api_token, member};
use crate::error::AppResult;

const TOKEN_PREFIX: &str = "cbk_";

pub fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Creates a new token for the member and returns it in clear, the only time it exists so.
pub async fn issue_token(db: &impl ConnectionTrait, member_id: &str, name: &str) -> AppResult<String> {
    let mut secret = [0u8; 32];
    rand::rng().fill_bytes(&mut secret);
    let token = format!("{TOKEN_PREFIX}{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(secret));
    api_token::ActiveModel {
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
    Ok(token)
}

/// The member a live token belongs to, recording its use; `None` for an
/// unknown or revoked token.
pub async fn member_for_token(db: &impl ConnectionTrait, token: &str) -> AppResult<Option<member::Model>> {
    if !token.starts_with(TOKEN_PREFIX) {
        return Ok(None);
    }
    let token_row = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(hash_token(token)))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(db)
        .await?;
    let Some(token_row) = token_row else {
        return Ok(None);
    };
    let member = member::Entity::find_by_id(token_row.member_id.clone()).one(db).await?;
    let mut used: api_token::ActiveModel = token_row.into();
    used.last_used_at = Set(Some(Utc::now()));
    used.update(db).await?;
    Ok(member)
}
