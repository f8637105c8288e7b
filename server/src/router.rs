//! Every route of the server, in one place.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use tower_http::trace::TraceLayer;

use crate::app::AppState;
use crate::web::{home, sign_in};
use crate::{graphql, rate_limit};

pub fn router(state: AppState) -> Router {
    let settings = &state.settings;
    let graphql = Router::new()
        .route("/graphql", get(graphql::http::get).post(graphql::http::post))
        // The GraphQL handler reads its body itself, with its own limit and a JSON answer.
        .layer(DefaultBodyLimit::disable());
    let sign_in_attempts = Router::new()
        .route("/sign-in/{provider}", get(sign_in::start))
        .route("/sign-in/{provider}/callback", get(sign_in::callback))
        .route("/dev/sign-in", post(sign_in::dev_sign_in));
    Router::new()
        .route("/", get(home::home))
        .route("/health", get(|| async { "ok" }))
        .route("/sign-in", get(sign_in::sign_in_page))
        .route("/dev/sign-in", get(sign_in::dev_sign_in_page))
        .route("/sign-out", post(sign_in::sign_out))
        .merge(rate_limit::limit_sign_in(sign_in_attempts, settings.sign_in_rate_per_minute))
        .merge(rate_limit::limit_api(graphql, settings.api_rate_per_second))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
