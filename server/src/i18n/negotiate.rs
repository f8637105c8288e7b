//! Which language a request is answered in, and remembering an explicit choice.

use axum::extract::Request;
use axum::http::header::{ACCEPT_LANGUAGE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, Uri};
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::cookie::{Cookie, SameSite};

use super::Locale;
use crate::identity::headers::cookie_value;

/// The cookie that remembers the last explicit choice on this browser.
pub const COOKIE_NAME: &str = "lang";

/// The `?lang=` of a request's query, when it names a language.
pub fn requested(uri: &Uri) -> Option<Locale> {
    let query = uri.query()?;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(name, _)| name == "lang")
        .and_then(|(_, value)| Locale::from_code(&value))
}

/// The language of a request: an explicit `?lang=`, then a signed-in
/// member's choice, then the cookie, then `Accept-Language`, then English.
pub fn negotiate(uri: &Uri, headers: &HeaderMap, member_choice: Option<&str>) -> Locale {
    requested(uri)
        .or_else(|| member_choice.and_then(Locale::from_code))
        .or_else(|| cookie_value(headers, COOKIE_NAME).as_deref().and_then(Locale::from_code))
        .or_else(|| from_accept_language(headers))
        .unwrap_or_default()
}

/// The first of English and Welsh the browser accepts, by its weights
/// (`cy-GB;q=0.9, en;q=0.8`); `None` when it names neither.
pub fn from_accept_language(headers: &HeaderMap) -> Option<Locale> {
    let header = headers.get(ACCEPT_LANGUAGE)?.to_str().ok()?;
    let mut choices: Vec<(f32, usize, Locale)> = header
        .split(',')
        .enumerate()
        .filter_map(|(position, item)| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let primary = tag.split(['-', '_']).next()?;
            let locale = Locale::from_code(primary)?;
            let weight = parts
                .filter_map(|part| part.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (weight > 0.0).then_some((weight, position, locale))
        })
        .collect();
    choices.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    choices.first().map(|(_, _, locale)| *locale)
}

/// A page asked for with `?lang=` remembers the choice in a cookie for a
/// year (the member's setting is saved by `Layout`, which knows who asks).
pub async fn remember_choice(request: Request, next: Next) -> Response {
    let chosen = requested(request.uri());
    let mut response = next.run(request).await;
    if let Some(locale) = chosen {
        let cookie = Cookie::build((COOKIE_NAME, locale.code()))
            .path("/")
            .same_site(SameSite::Lax)
            .http_only(true)
            .max_age(cookie::time::Duration::days(365))
            .build();
        if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
            response.headers_mut().append(SET_COOKIE, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepting(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT_LANGUAGE, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn accept_language_is_read_by_weight_then_order() {
        assert_eq!(from_accept_language(&accepting("cy-GB,cy;q=0.9,en;q=0.8")), Some(Locale::Welsh));
        assert_eq!(from_accept_language(&accepting("en;q=0.5, cy;q=0.7")), Some(Locale::Welsh));
        assert_eq!(from_accept_language(&accepting("fr, en-GB;q=0.9, cy;q=0.2")), Some(Locale::English));
        assert_eq!(from_accept_language(&accepting("fr, de")), None);
        assert_eq!(from_accept_language(&accepting("cy;q=0, en;q=0.1")), Some(Locale::English));
        assert_eq!(from_accept_language(&accepting(";;,q=,")), None);
    }

    #[test]
    fn an_explicit_choice_wins_then_the_member_then_the_cookie() {
        let uri: Uri = "/search?q=bins&lang=cy".parse().expect("a uri");
        assert_eq!(negotiate(&uri, &accepting("en"), Some("en")), Locale::Welsh);
        let plain: Uri = "/search".parse().expect("a uri");
        assert_eq!(negotiate(&plain, &accepting("en"), Some("cy")), Locale::Welsh);
        let mut headers = accepting("en");
        headers.insert(axum::http::header::COOKIE, HeaderValue::from_static("lang=cy"));
        assert_eq!(negotiate(&plain, &headers, None), Locale::Welsh);
        assert_eq!(negotiate(&plain, &HeaderMap::new(), None), Locale::English);
    }
}
