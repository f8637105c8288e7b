//! What every web page's response carries for safety: a Content-Security-Policy
//! without `unsafe-inline` (our own stylesheet and script only), no framing,
//! no MIME sniffing, a strict referrer policy, no shared caching; and the CSRF token that
//! every POST form must send back.
//!
//! CSRF tokens are bound to the session: with a session cookie, the token is a
//! hash of the session id (domain-separated, so it is not the stored hash),
//! repeated in a hidden field of every form. Another site can read neither,
//! so it cannot fill in the field, and a token from one session is worthless
//! in another (sign-out or a new sign-in changes it). Before sign-in, the
//! token is a double-submit value in the `casebook_csrf` cookie
//! (`SameSite=Strict`, `HttpOnly`, `Secure` behind https). The session
//! cookie's `SameSite=Lax` and the Origin check in `identity` are further walls.

use axum::extract::{Request, State};
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, SET_COOKIE, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::cookie::{Cookie, SameSite};

use crate::app::AppState;
use crate::identity;
use crate::secrets::{random_secret, sha256_hex};

pub const CSRF_COOKIE: &str = "casebook_csrf";

const POLICY: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
                      form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// This request's CSRF token, for the forms of the page (from the cookie, or new).
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

/// The middleware of the web pages: the CSRF token into the request (and its
/// cookie onto the response when it is new), the security headers onto the response.
pub async fn secure_page(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let existing = csrf_cookie(request.headers());
    let session = identity::session_cookie(request.headers());
    let token = match (&session, &existing) {
        (Some(session), _) => session_csrf_token(session),
        (None, Some(cookie)) => cookie.clone(),
        (None, None) => random_secret(),
    };
    request.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    set_security_headers(headers, POLICY);
    // Pages carry the browser's own CSRF token, and a member's pages what only
    // they may read: no shared cache may keep them, and a member's not even
    // the browser's disk.
    let caching = if session.is_some() { "no-store" } else { "private, no-cache" };
    headers.entry(CACHE_CONTROL).or_insert(HeaderValue::from_static(caching));
    if session.is_none() && existing.is_none() {
        let cookie = Cookie::build((CSRF_COOKIE, token))
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(state.sessions.secure)
            .path("/")
            .build();
        if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
            headers.append(SET_COOKIE, value);
        }
    }
    response
}

/// What every page carries for safety, with its Content-Security-Policy
/// (`POLICY` for our pages; GraphiQL has its own).
pub fn set_security_headers(headers: &mut HeaderMap, policy: &'static str) {
    headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
}

/// The CSRF token of a session: only its holder (and this server) can work it out.
fn session_csrf_token(session_id: &str) -> String {
    sha256_hex(&format!("casebook csrf token\0{session_id}"))
}

fn csrf_cookie(headers: &HeaderMap) -> Option<String> {
    identity::cookie_value(headers, CSRF_COOKIE)
}

/// Whether a POSTed form comes from our own page: sent from our site (see
/// `identity::is_same_site`) with the CSRF token that page carried.
pub fn is_genuine_form(headers: &HeaderMap, public_url: &str, submitted_token: &str) -> bool {
    identity::is_same_site(headers, public_url) && csrf_is_valid(headers, submitted_token)
}

/// Whether a form's token is this browser's: its session's, or before
/// sign-in its cookie's (compared in constant time).
fn csrf_is_valid(headers: &HeaderMap, submitted: &str) -> bool {
    let expected = match identity::session_cookie(headers) {
        Some(session) => session_csrf_token(&session),
        None => match csrf_cookie(headers) {
            Some(cookie) => cookie,
            None => return false,
        },
    };
    expected.len() == submitted.len()
        && expected.bytes().zip(submitted.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderMap, HeaderValue};

    use super::{csrf_is_valid, session_csrf_token};

    fn cookies(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("cookie", HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn a_signed_in_form_needs_its_own_sessions_token() {
        let mine = session_csrf_token("session-a");
        assert!(csrf_is_valid(&cookies("casebook_session=session-a"), &mine));
        assert!(!csrf_is_valid(&cookies("casebook_session=session-b"), &mine), "another session's token");
        // The double-submit cookie no longer counts once there is a session.
        assert!(!csrf_is_valid(&cookies("casebook_session=session-a; casebook_csrf=abc"), "abc"));
    }

    #[test]
    fn before_sign_in_the_cookie_token_counts() {
        assert!(csrf_is_valid(&cookies("casebook_csrf=abc"), "abc"));
        assert!(!csrf_is_valid(&cookies("casebook_csrf=abc"), "abd"));
        assert!(!csrf_is_valid(&HeaderMap::new(), ""));
    }
}
