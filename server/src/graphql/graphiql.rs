//! GraphiQL for browsers at `GET /graphql`, under a Content-Security-Policy
//! of its own: no inline script or style (its start script is one of our
//! assets), and third-party code only from unpkg.com at pinned versions
//! whose Subresource Integrity hashes are in the page
//! (`web/graphiql/graphiql.html`), so a changed file on the CDN is refused.
//!
//! Why a CDN at all: GraphiQL and React are a megabyte of JavaScript we would
//! otherwise copy into this repository, and `cargo run` must build with
//! nothing but the Rust toolchain. With the hashes, a CDN serves exactly the
//! bytes we checked.

use std::sync::LazyLock;

use axum::response::{Html, IntoResponse, Response};

use crate::web::assets::GRAPHIQL_SCRIPT;
use crate::web::security::set_security_headers;

/// Each script and the stylesheet by its exact URL; fonts and images in the
/// stylesheet are `data:` URIs; requests go to this origin only.
const POLICY: &str = "default-src 'none'; \
    script-src 'self' https://unpkg.com/react@18.3.1/umd/react.production.min.js \
    https://unpkg.com/react-dom@18.3.1/umd/react-dom.production.min.js \
    https://unpkg.com/graphiql@3.9.0/graphiql.min.js; \
    style-src https://unpkg.com/graphiql@3.9.0/graphiql.min.css; font-src data:; img-src 'self' data:; \
    connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// The page, with the start script's content-hashed URL.
static PAGE: LazyLock<String> = LazyLock::new(|| {
    include_str!("../../../web/graphiql/graphiql.html").replace("/static/graphiql-start.js", &GRAPHIQL_SCRIPT.url)
});

pub fn page() -> Response {
    let mut response = Html(PAGE.as_str()).into_response();
    set_security_headers(response.headers_mut(), POLICY);
    response
}
