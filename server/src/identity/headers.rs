//! What a request's headers say about where it comes from: its cookies, and
//! whether a browser sent it from our own pages.

use axum::http::HeaderMap;
use axum::http::header::{COOKIE, HOST, ORIGIN};
use axum_extra::extract::cookie::Cookie;

use crate::sessions;

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
