//! Every request has a deadline (`--request-timeout-seconds`, 10 by default).
//! Past it the request's future is dropped — its database queries and its
//! waits for the search index stop with it (on PostgreSQL the statement
//! timeout stops a query already running) — and the client is told so:
//! SERVICE_UNAVAILABLE (HTTP 503), a JSON error from `/graphql`, a short page
//! elsewhere.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::error::AppError;
use crate::graphql::http::{MediaType, error_response};

pub async fn limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let deadline = state.settings.request_timeout();
    let is_api = request.uri().path() == "/graphql";
    match tokio::time::timeout(deadline, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            let error = AppError::TimedOut(deadline.as_secs());
            error.log();
            if is_api {
                error_response(StatusCode::SERVICE_UNAVAILABLE, MediaType::Json, &error.to_string(), error.code())
            } else {
                let headers = [(CONTENT_TYPE, "text/plain; charset=utf-8")];
                (StatusCode::SERVICE_UNAVAILABLE, headers, format!("Sorry: {error}.\n")).into_response()
            }
        }
    }
}
