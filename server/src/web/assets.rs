//! The stylesheet and script, embedded in the binary and served under names
//! that carry a hash of their content (`/static/casebook.1a2b3c4d5e.css`), so
//! browsers may cache them for a year and still see every change at once.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::secrets::sha256_hex;

pub struct Asset {
    /// The URL path, with the content hash.
    pub url: String,
    content_type: &'static str,
    bytes: &'static [u8],
}

impl Asset {
    fn new(stem: &str, extension: &str, content_type: &'static str, bytes: &'static [u8]) -> Asset {
        let hash = &sha256_hex(&String::from_utf8_lossy(bytes))[..10];
        Asset { url: format!("/static/{stem}.{hash}.{extension}"), content_type, bytes }
    }
}

pub static STYLESHEET: LazyLock<Asset> = LazyLock::new(|| {
    Asset::new("casebook", "css", "text/css; charset=utf-8", include_bytes!("../../../web/static/casebook.css"))
});

pub static SCRIPT: LazyLock<Asset> = LazyLock::new(|| {
    Asset::new("casebook", "js", "text/javascript; charset=utf-8", include_bytes!("../../../web/static/casebook.js"))
});

/// What starts GraphiQL on `/graphql` (its page loads nothing inline).
pub static GRAPHIQL_SCRIPT: LazyLock<Asset> = LazyLock::new(|| {
    let bytes = include_bytes!("../../../web/static/graphiql-start.js");
    Asset::new("graphiql-start", "js", "text/javascript; charset=utf-8", bytes)
});

/// `GET /static/{file}`: an asset by its hashed name; anything else is 404.
pub async fn serve(Path(file): Path<String>) -> Response {
    let requested = format!("/static/{file}");
    let assets = [&*STYLESHEET, &*SCRIPT, &*GRAPHIQL_SCRIPT];
    let Some(asset) = assets.into_iter().find(|asset| asset.url == requested) else {
        return (StatusCode::NOT_FOUND, "no such file").into_response();
    };
    let mut response = asset.bytes.into_response();
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(asset.content_type));
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    response
}
