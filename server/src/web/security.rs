//! What every web page's response carries for safety: a Content-Security-Policy
//! without `unsafe-inline` (our own stylesheet and script only), no framing,
//! no MIME sniffing, a strict referrer policy, no shared caching; and the CSRF token that
//! every POST form must send back.
//!
//! CSRF tokens are double-submit tokens: a random value in the
//! `casebook_csrf` cookie (`SameSite=Strict`, `HttpOnly`), repeated in a
//! hidden field of every form. Another site can neither read the cookie nor
//! set it, so it cannot fill in the field. (The session cookie's
//! `SameSite=Lax` and the Origin check in `identity` are further walls.)

use axum::extract::Request;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, SET_COOKIE, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::cookie::{Cookie, SameSite};

use crate::identity;
use crate::secrets::random_secret;

pub const CSRF_COOKIE: &str = "casebook_csrf";

const POLICY: &str = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
                      form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// This request's CSRF token, for the forms of the page (from the cookie, or new).
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

/// The middleware of the web pages: the CSRF token into the request (and its
/// cookie onto the response when it is new), the security headers onto the response.
pub async fn secure_page(mut request: Request, next: Next) -> Response {
    let existing = csrf_cookie(request.headers());
    let signed_in = identity::session_cookie(request.headers()).is_some();
    let token = existing.clone().unwrap_or_else(random_secret);
    request.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(POLICY));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    // Pages carry the browser's own CSRF token, and a member's pages what only
    // they may read: no shared cache may keep them, and a member's not even
    // the browser's disk.
    let caching = if signed_in { "no-store" } else { "private, no-cache" };
    headers.entry(CACHE_CONTROL).or_insert(HeaderValue::from_static(caching));
    if existing.is_none() {
        let cookie = Cookie::build((CSRF_COOKIE, token)).http_only(true).same_site(SameSite::Strict).path("/").build();
        if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
            headers.append(SET_COOKIE, value);
        }
    }
    response
}

fn csrf_cookie(headers: &HeaderMap) -> Option<String> {
    identity::cookie_value(headers, CSRF_COOKIE)
}

/// Whether a POSTed form comes from our own page: sent from our site (see
/// `identity::is_same_site`) with the CSRF token that page carried.
pub fn is_genuine_form(headers: &HeaderMap, public_url: &str, submitted_token: &str) -> bool {
    identity::is_same_site(headers, public_url) && csrf_is_valid(headers, submitted_token)
}

/// Whether a form's token matches the browser's cookie (compared in constant time).
fn csrf_is_valid(headers: &HeaderMap, submitted: &str) -> bool {
    let Some(expected) = csrf_cookie(headers) else {
        return false;
    };
    expected.len() == submitted.len()
        && expected.bytes().zip(submitted.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}
