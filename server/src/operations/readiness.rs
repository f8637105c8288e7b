//! `/health` and `/ready`, for load balancers and orchestrators. Health says
//! the process runs; readiness says it can serve: the database answers, and
//! the search index is no more than `MAX_INDEX_LAG` behind the change log
//! (while it rebuilds, or its indexer is stuck, it is not ready, and a load
//! balancer sends searches elsewhere).

use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sea_orm::ConnectionTrait;
use serde_json::json;

use crate::app::AppState;

/// How far behind the change log the index may be and the server still ready.
pub const MAX_INDEX_LAG: Duration = Duration::from_secs(5);
/// How long the database has to answer `SELECT 1`.
const DATABASE_CHECK: Duration = Duration::from_secs(2);

/// `GET /health`: 200 while the process runs.
pub async fn health() -> &'static str {
    "ok"
}

/// `GET /ready`: 200 `{"status": "ready", "outbox": …}` with the mail
/// outbox's depth and the age of its oldest message (a backlog of mail does
/// not make a server unready: it serves), or 503 with the reason.
pub async fn ready(State(state): State<AppState>) -> Response {
    match not_ready_because(&state).await {
        None => Json(json!({ "status": "ready", "outbox": outbox(&state).await })).into_response(),
        Some(reason) => {
            tracing::warn!(%reason, "not ready");
            // A database that cannot answer says nothing of the outbox either.
            let body = json!({ "status": "unavailable", "reason": reason, "outbox": null });
            (StatusCode::SERVICE_UNAVAILABLE, Json(body)).into_response()
        }
    }
}

/// The mail outbox: how many wait, how long the oldest has, how many are dead.
async fn outbox(state: &AppState) -> serde_json::Value {
    let depth = crate::notifications::mail::outbox::depth(&state.reads);
    match tokio::time::timeout(DATABASE_CHECK, depth).await {
        Ok(Ok(depth)) => json!({
            "waiting": depth.waiting,
            "oldestSeconds": crate::operations::metrics::oldest_seconds(depth.oldest),
            "dead": depth.dead,
        }),
        _ => serde_json::Value::Null,
    }
}

async fn not_ready_because(state: &AppState) -> Option<String> {
    let ping = state.reads.execute_unprepared("SELECT 1");
    match tokio::time::timeout(DATABASE_CHECK, ping).await {
        Err(_) => return Some(format!("the database did not answer within {} s", DATABASE_CHECK.as_secs())),
        Ok(Err(error)) => return Some(format!("the database cannot be reached: {error}")),
        Ok(Ok(_)) => {}
    }
    match state.search.oldest_unapplied().await {
        Err(error) => Some(format!("the search index cannot say where it is: {error:#}")),
        Ok(Some(recorded_at)) => {
            let behind = (chrono::Utc::now() - recorded_at).to_std().unwrap_or_default();
            (behind > MAX_INDEX_LAG).then(|| format!("the search index is {} s behind the database", behind.as_secs()))
        }
        Ok(None) => None,
    }
}
