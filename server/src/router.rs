//! Every route of the server, in one place.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::response::Html;
use axum::routing::get;
use tower_http::trace::TraceLayer;

use crate::app::AppState;
use crate::graphql;

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(home))
        .route("/health", get(|| async { "ok" }))
        .route("/graphql", get(graphql::http::get).post(graphql::http::post))
        // The GraphQL handler reads its body itself, with its own limit and a JSON answer.
        .layer(DefaultBodyLimit::disable())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// A placeholder front page until the web front end lands.
async fn home() -> Html<&'static str> {
    Html(include_str!("../../web/placeholder.html"))
}
