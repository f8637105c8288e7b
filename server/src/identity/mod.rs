//! Who is asking: the `Viewer` of a request.
//!
//! A request proves its identity with `Authorization: Bearer TOKEN` (API
//! clients) or with the session cookie (browsers). Everything downstream sees
//! only the `Viewer` (`viewer.rs`, which knows nothing of HTTP); reading
//! cookies and origins is `headers.rs`.

pub(crate) mod headers;
mod viewer;

use axum::http::header::AUTHORIZATION;
use axum::http::{HeaderMap, Method};

use crate::db::Connections;
use crate::entities::member;
use crate::error::{AppError, AppResult};
use crate::members;
use crate::sessions::{self, SessionPolicy};
pub use headers::{cookie_value, is_same_site, session_cookie};
pub use viewer::{SignedIn, Viewer};

/// Reads the request's credentials: a bearer token first, else the session
/// cookie. No credentials is an anonymous viewer. A bad, revoked or malformed
/// token is an error — never silently anonymous. A stale session cookie is
/// only anonymous: browsers keep cookies after they expire here. A suspended
/// member's token still says who they are (`me` shows the suspension), and
/// grants what an anonymous visitor has (`Viewer::is_member`); suspension
/// ended their sessions.
///
/// For an unsafe method (anything but GET and HEAD, which never change
/// anything here) the cookie counts only for a request from our own pages: a
/// cross-site request (its `Origin` or `Sec-Fetch-Site` says so) is served as
/// anonymous, so another site cannot act with a member's session. (Cross-site
/// simple requests cannot send `Content-Type: application/json`, which
/// `/graphql` requires on POST, and mutations never run over GET: this is the
/// second wall.) A GET keeps the session whatever its origin: a link from
/// another site, or the redirect back from the sign-in provider, must find the
/// member signed in.
pub async fn resolve(
    db: Connections<'_>,
    method: &Method,
    headers: &HeaderMap,
    sessions: &SessionPolicy,
    public_url: &str,
) -> AppResult<Viewer> {
    let member = resolve_member(db, method, headers, sessions, public_url).await?;
    Ok(member.as_ref().map_or_else(Viewer::anonymous, Viewer::from_member))
}

/// `resolve`, with the whole member row (for pages that show who is signed in).
pub async fn resolve_member(
    db: Connections<'_>,
    method: &Method,
    headers: &HeaderMap,
    sessions: &SessionPolicy,
    public_url: &str,
) -> AppResult<Option<member::Model>> {
    if let Some(header) = headers.get(AUTHORIZATION) {
        return resolve_token(db, header.to_str().ok()).await.map(Some);
    }
    let Some(session_id) = session_cookie(headers) else {
        return Ok(None);
    };
    let safe = matches!(*method, Method::GET | Method::HEAD);
    if !safe && !is_same_site(headers, public_url) {
        return Ok(None);
    }
    sessions::member_for_session(db, &session_id, sessions).await
}

async fn resolve_token(db: Connections<'_>, header: Option<&str>) -> AppResult<member::Model> {
    let token = header
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|token| !token.is_empty())
        .ok_or(AppError::Unauthenticated)?;
    members::member_for_token(db, token).await?.ok_or(AppError::Unauthenticated)
}
