//! Sign-in attempts: what `begin` must remember until the provider sends the
//! browser back. Stored in the database (any server may receive the
//! callback), keyed by the hash of `state`, bound to the hash of a random
//! cookie of the browser that started, and used once.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::SignInError;
use crate::entities::sign_in_attempt;
use crate::secrets::sha256_hex;

/// The cookie binding an attempt to the browser that started it.
pub const ATTEMPT_COOKIE: &str = "casebook_sign_in";
/// How long the person has to get through the provider's pages.
pub const ATTEMPT_LIFETIME: chrono::Duration = chrono::Duration::minutes(10);

pub struct Attempt {
    pub provider: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

pub async fn store(
    db: &impl ConnectionTrait,
    state: &str,
    browser: &str,
    attempt: &Attempt,
) -> Result<(), SignInError> {
    let now = Utc::now();
    sign_in_attempt::Entity::delete_many()
        .filter(sign_in_attempt::Column::CreatedAt.lt(now - ATTEMPT_LIFETIME))
        .exec(db)
        .await?;
    sign_in_attempt::ActiveModel {
        state_hash: Set(sha256_hex(state)),
        browser_hash: Set(sha256_hex(browser)),
        provider: Set(attempt.provider.clone()),
        nonce: Set(attempt.nonce.clone()),
        pkce_verifier: Set(attempt.pkce_verifier.clone()),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Takes the attempt `state` names, if this browser started it for this
/// provider less than `ATTEMPT_LIFETIME` ago. The attempt is deleted either way:
/// a `state` works once.
pub async fn take(
    db: &impl ConnectionTrait,
    state: &str,
    browser: Option<&str>,
    provider: &str,
) -> Result<Attempt, SignInError> {
    let state_hash = sha256_hex(state);
    let found = sign_in_attempt::Entity::find_by_id(state_hash.clone()).one(db).await?;
    let Some(found) = found else {
        return Err(SignInError::UnknownAttempt);
    };
    // Only the request whose delete removed the row may go on: two callbacks
    // racing with one `state` get one sign-in at most.
    let deleted = sign_in_attempt::Entity::delete_by_id(state_hash).exec(db).await?;
    if deleted.rows_affected != 1 {
        return Err(SignInError::UnknownAttempt);
    }
    let same_browser = browser.is_some_and(|browser| sha256_hex(browser) == found.browser_hash);
    let fresh = Utc::now() - found.created_at < ATTEMPT_LIFETIME;
    if !same_browser || !fresh || found.provider != provider {
        return Err(SignInError::UnknownAttempt);
    }
    Ok(Attempt { provider: found.provider, nonce: found.nonce, pkce_verifier: found.pkce_verifier })
}

pub async fn forget(db: &impl ConnectionTrait, state: &str) -> Result<(), SignInError> {
    sign_in_attempt::Entity::delete_by_id(sha256_hex(state)).exec(db).await?;
    Ok(())
}
