//! Every request has a deadline (`--request-timeout-seconds`, 10 by default).
//! Past it the request's future is dropped, and with it every wait: for a
//! database connection, for a query's answer, for a turn at the index. On
//! PostgreSQL `statement_timeout` stops a query already running; on SQLite a
//! statement already running, like a read of the index already running,
//! finishes (they are milliseconds: the limits keep them so). The client is
//! told: SERVICE_UNAVAILABLE (HTTP 503), a JSON error from `/graphql`, a
//! short page elsewhere.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::error::AppError;
use crate::graphql::http::{MediaType, error_response};

pub async fn limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let deadline = state.settings.request_timeout();
    let is_api = request.uri().path() == "/graphql";
    // Said in the language asked for (a page's own choice is not known out here).
    let locale = crate::i18n::from_accept_language(request.headers()).unwrap_or_default();
    match tokio::time::timeout(deadline, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            let error = AppError::TimedOut(deadline.as_secs());
            error.log();
            if is_api {
                error_response(StatusCode::SERVICE_UNAVAILABLE, MediaType::Json, &error.message(locale), error.code())
            } else {
                let headers = [
                    (CONTENT_TYPE, "text/plain; charset=utf-8"),
                    (CONTENT_SECURITY_POLICY, "default-src 'none'"),
                    (X_CONTENT_TYPE_OPTIONS, "nosniff"),
                ];
                (StatusCode::SERVICE_UNAVAILABLE, headers, format!("{}\n", error.message(locale))).into_response()
            }
        }
    }
}
