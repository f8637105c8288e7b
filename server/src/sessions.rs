//! Browser sessions: a row in the database (so every server of a deployment
//! knows it) and a random id in an `HttpOnly`, `SameSite=Lax` cookie, `Secure`
//! when the public URL is https. Only the id's hash is stored.
//!
//! A session ends at the first of: sign-out, `idle` without a request,
//! `max` after sign-in, or its member's suspension.

use std::time::Duration;

use axum_extra::extract::cookie::{Cookie, SameSite};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::db::Connections;
use crate::entities::{member, session};
use crate::error::AppResult;
use crate::secrets::{random_secret, sha256_hex};
use crate::settings::Settings;

pub const COOKIE_NAME: &str = "casebook_session";

/// How long sessions last and how their cookie is set.
#[derive(Clone, Debug)]
pub struct SessionPolicy {
    pub idle: Duration,
    pub max: Duration,
    /// `Secure` cookies: the public URL is https.
    pub secure: bool,
}

impl SessionPolicy {
    pub fn from_settings(settings: &Settings) -> Self {
        SessionPolicy {
            idle: Duration::from_secs(settings.session_idle_seconds.max(1)),
            max: Duration::from_secs(settings.session_max_seconds.max(1)),
            secure: settings.uses_https(),
        }
    }

    /// The session cookie carrying `id`.
    pub fn cookie(&self, id: String) -> Cookie<'static> {
        let max_age = cookie::time::Duration::seconds(i64::try_from(self.max.as_secs()).unwrap_or(i64::MAX));
        Cookie::build((COOKIE_NAME, id))
            .http_only(true)
            .same_site(SameSite::Lax)
            .secure(self.secure)
            .path("/")
            .max_age(max_age)
            .build()
    }

    /// A cookie that makes the browser forget the session.
    pub fn removal_cookie(&self) -> Cookie<'static> {
        let mut cookie = self.cookie(String::new());
        cookie.make_removal();
        cookie
    }

    /// `last_seen_at` is written at most this often, so a busy session does not
    /// write on every request; small next to `idle`, so idle expiry stays honest.
    fn touch_interval(&self) -> chrono::Duration {
        let interval = (self.idle / 10).min(Duration::from_secs(60));
        chrono::Duration::from_std(interval).unwrap_or_default()
    }
}

/// Starts a session for the member and returns the cookie value.
pub async fn start(db: &impl ConnectionTrait, member_id: &str, policy: &SessionPolicy) -> AppResult<String> {
    purge_expired(db, policy).await?;
    let id = random_secret();
    let now = Utc::now();
    session::ActiveModel {
        id_hash: Set(sha256_hex(&id)),
        member_id: Set(member_id.to_owned()),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + chrono::Duration::from_std(policy.max).unwrap_or_default()),
    }
    .insert(db)
    .await?;
    Ok(id)
}

/// The member of a live session, recording the use; `None` for an unknown or
/// expired session (an expired one is deleted).
pub async fn member_for_session(
    db: Connections<'_>,
    id: &str,
    policy: &SessionPolicy,
) -> AppResult<Option<member::Model>> {
    let Some(session) = session::Entity::find_by_id(sha256_hex(id)).one(db.reads).await? else {
        return Ok(None);
    };
    let now = Utc::now();
    let idle = chrono::Duration::from_std(policy.idle).unwrap_or_default();
    if now >= session.expires_at || now >= session.last_seen_at + idle {
        session::Entity::delete_by_id(session.id_hash).exec(db.writes).await?;
        return Ok(None);
    }
    let member = member::Entity::find_by_id(session.member_id.clone()).one(db.reads).await?;
    if now - session.last_seen_at >= policy.touch_interval() {
        let mut seen: session::ActiveModel = session.into();
        seen.last_seen_at = Set(now);
        seen.update(db.writes).await?;
    }
    Ok(member)
}

/// Sign-out: the session is gone for every server at once.
pub async fn end(db: &impl ConnectionTrait, id: &str) -> AppResult<()> {
    session::Entity::delete_by_id(sha256_hex(id)).exec(db).await?;
    Ok(())
}

/// Ends every session of a member (on suspension).
pub async fn end_all_of(db: &impl ConnectionTrait, member_id: &str) -> AppResult<()> {
    session::Entity::delete_many().filter(session::Column::MemberId.eq(member_id)).exec(db).await?;
    Ok(())
}

async fn purge_expired(db: &impl ConnectionTrait, policy: &SessionPolicy) -> AppResult<()> {
    let now = Utc::now();
    let idle_cutoff = now - chrono::Duration::from_std(policy.idle).unwrap_or_default();
    session::Entity::delete_many()
        .filter(
            Condition::any().add(session::Column::ExpiresAt.lte(now)).add(session::Column::LastSeenAt.lte(idle_cutoff)),
        )
        .exec(db)
        .await?;
    Ok(())
}
