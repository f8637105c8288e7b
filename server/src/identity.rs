//! Who is asking: the `Viewer` of a request.
//!
//! A request proves its identity with `Authorization: Bearer TOKEN` (API
//! clients) or with the session cookie (browsers). Everything downstream sees
//! only the `Viewer`.

use axum::http::header::{AUTHORIZATION, COOKIE, HOST, ORIGIN};
use axum::http::{HeaderMap, Method};
use axum_extra::extract::cookie::Cookie;

use crate::db::Connections;
use crate::entities::member;
use crate::error::{AppError, AppResult};
use crate::members::{self, MemberStatus, Role};
use crate::sessions::{self, SessionPolicy};

/// The signed-in member behind a request, as the permission rules need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedIn {
    pub member_id: String,
    pub role: Role,
    pub status: MemberStatus,
    pub authority_id: Option<i32>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Viewer {
    pub member: Option<SignedIn>,
}

impl Viewer {
    pub fn anonymous() -> Self {
        Viewer { member: None }
    }

    pub fn from_member(member: &member::Model) -> Self {
        Viewer {
            member: Some(SignedIn {
                member_id: member.id.clone(),
                role: member.role,
                status: member.status,
                authority_id: member.authority_id,
            }),
        }
    }

    /// Has an account, whatever its standing: enough for `me`, for signing
    /// out and for UNAUTHENTICATED-versus-FORBIDDEN, never for reading more.
    pub fn is_signed_in(&self) -> bool {
        self.member.is_some()
    }

    /// An ACTIVE member: the only standing that grants anything beyond what
    /// an anonymous visitor has (PRODUCT.md: a PENDING or SUSPENDED account
    /// has the rights of an anonymous visitor, whatever its role).
    pub fn is_member(&self) -> bool {
        self.member.as_ref().is_some_and(|member| member.status == MemberStatus::Active)
    }

    pub fn member_id(&self) -> Option<&str> {
        self.member.as_ref().map(|member| member.member_id.as_str())
    }

    /// The council this viewer acts for: set only for an ACTIVE member with a council.
    pub fn council(&self) -> Option<i32> {
        let member = self.member.as_ref()?;
        (member.status == MemberStatus::Active).then_some(member.authority_id).flatten()
    }

    pub fn belongs_to(&self, authority_id: i32) -> bool {
        self.council() == Some(authority_id)
    }

    /// Moderators and admins: both may read what is in moderation and decide on it.
    pub fn is_moderator(&self) -> bool {
        matches!(self.role(), Some(Role::Moderator | Role::Admin))
    }

    pub fn is_admin(&self) -> bool {
        self.role() == Some(Role::Admin)
    }

    /// The role, for an ACTIVE member only: a role given to a PENDING or
    /// SUSPENDED account grants nothing until it is active.
    fn role(&self) -> Option<Role> {
        self.member.as_ref().filter(|_| self.is_member()).map(|member| member.role)
    }

    /// A member's email: to that member and to admins only.
    pub fn may_see_email_of(&self, member_id: &str) -> bool {
        self.member_id() == Some(member_id) || self.is_admin()
    }

    /// The signed-in member, or `Unauthenticated`.
    pub fn require_signed_in(&self) -> AppResult<&SignedIn> {
        self.member.as_ref().ok_or(AppError::Unauthenticated)
    }
}

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

/// The session id from the request's cookies.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    cookie_value(headers, sessions::COOKIE_NAME)
}

/// The (non-empty) value of the cookie `name`, from all the request's `Cookie` headers.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| Cookie::split_parse(value.to_owned()))
        .filter_map(Result::ok)
        .find(|cookie| cookie.name() == name && !cookie.value().is_empty())
        .map(|cookie| cookie.value().to_owned())
}

/// True unless the browser says the request comes from another site. An
/// `Origin` must be the public URL's, or the origin the request is addressed
/// to (its `Host`: `localhost` and `127.0.0.1` both reach a local server,
/// and a browser always sends the `Host` of the server it talks to).
pub fn is_same_site(headers: &HeaderMap, public_url: &str) -> bool {
    let header = |name| headers.get(name).and_then(|value: &axum::http::HeaderValue| value.to_str().ok());
    if let Some(site) = header("sec-fetch-site")
        && !matches!(site, "same-origin" | "none")
    {
        return false;
    }
    let Some(origin) = header(ORIGIN.as_str()) else {
        return true;
    };
    let origin = origin.trim_end_matches('/');
    if origin.eq_ignore_ascii_case(&origin_of(public_url)) {
        return true;
    }
    let addressed_host = header(HOST.as_str()).unwrap_or_default();
    let origin_host = origin.split_once("://").map_or("", |(_, host)| host);
    !addressed_host.is_empty() && origin_host.eq_ignore_ascii_case(addressed_host)
}

/// `scheme://host[:port]` of a URL.
fn origin_of(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(parsed) => parsed.origin().ascii_serialization(),
        Err(_) => url.trim_end_matches('/').to_owned(),
    }
}

async fn resolve_token(db: Connections<'_>, header: Option<&str>) -> AppResult<member::Model> {
    let token = header
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|token| !token.is_empty())
        .ok_or(AppError::Unauthenticated)?;
    members::member_for_token(db, token).await?.ok_or(AppError::Unauthenticated)
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderMap, HeaderValue};

    use super::{is_same_site, session_cookie};

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.append(*name, HeaderValue::from_static(value));
        }
        headers
    }

    #[test]
    fn a_request_from_another_site_is_not_same_site() {
        let public = "http://127.0.0.1:8080";
        assert!(is_same_site(&headers(&[]), public));
        assert!(is_same_site(&headers(&[("origin", "http://127.0.0.1:8080")]), public));
        assert!(is_same_site(&headers(&[("sec-fetch-site", "same-origin")]), public));
        assert!(!is_same_site(&headers(&[("origin", "https://evil.example")]), public));
        assert!(!is_same_site(&headers(&[("sec-fetch-site", "cross-site")]), public));
        assert!(!is_same_site(&headers(&[("sec-fetch-site", "same-site")]), public));
        let localhost = [("origin", "http://localhost:8080"), ("host", "localhost:8080")];
        assert!(is_same_site(&headers(&localhost), public), "the address the browser used");
        let forged = [("origin", "https://evil.example"), ("host", "127.0.0.1:8080")];
        assert!(!is_same_site(&headers(&forged), public));
    }

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let found = session_cookie(&headers(&[("cookie", "a=1; casebook_session=abc; b=2")]));
        assert_eq!(found.as_deref(), Some("abc"));
        assert_eq!(session_cookie(&headers(&[("cookie", "a=1")])), None);
    }
}
