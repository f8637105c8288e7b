//! Prometheus metrics at `/metrics`, on the `metrics` crate and its
//! Prometheus exporter: HTTP requests and their latency by route, GraphQL
//! operations by name and outcome, search latency, the index's lag behind
//! the change log, database connections in use, and rate-limit refusals.
//!
//! Every label has a bounded set of values: routes are the router's
//! patterns (`/case-studies/{slug}`, never the slug), and the names of
//! GraphQL operations, which clients choose, are kept for the first
//! `MAX_OPERATION_NAMES` seen (later ones count as `other`), so no client can
//! grow the output without end.

use std::collections::HashSet;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics::{counter, gauge, histogram};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use sea_orm::{DatabaseConnection, DatabaseConnectionType};

use crate::app::AppState;

/// Histogram buckets, in seconds: from 1 ms (a cached page) to 10 s (the request deadline).
const LATENCY_BUCKETS: &[f64] = &[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];
/// How many distinct GraphQL operation names get their own label value.
const MAX_OPERATION_NAMES: usize = 100;
/// Longest operation name kept as a label value (longer ones count as `other`).
const MAX_OPERATION_NAME_CHARS: usize = 64;

pub const HTTP_REQUESTS: &str = "casebook_http_requests_total";
pub const HTTP_DURATION: &str = "casebook_http_request_duration_seconds";
pub const GRAPHQL_OPERATIONS: &str = "casebook_graphql_operations_total";
pub const SEARCH_DURATION: &str = "casebook_search_duration_seconds";
pub const INDEX_LAG_CHANGES: &str = "casebook_index_lag_changes";
pub const INDEX_LAG_SECONDS: &str = "casebook_index_lag_seconds";
pub const MAIL_OUTBOX_DEPTH: &str = "casebook_mail_outbox_depth";
pub const MAIL_OUTBOX_OLDEST_SECONDS: &str = "casebook_mail_outbox_oldest_seconds";
pub const MAIL_DEAD: &str = "casebook_mail_dead_messages";
pub const MAIL_SETTLED: &str = "casebook_mail_settled_total";
pub const DATABASE_CONNECTIONS: &str = "casebook_database_connections";
pub const RATE_LIMITED: &str = "casebook_rate_limited_total";

struct Recorder {
    handle: PrometheusHandle,
    operation_names: Mutex<HashSet<String>>,
}

static RECORDER: OnceLock<Recorder> = OnceLock::new();

/// Installs the process's recorder, once (several servers in one test
/// process share it), and a thread that keeps its histograms drained between scrapes.
pub fn install() {
    RECORDER.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets(LATENCY_BUCKETS)
            .expect("the latency buckets are not empty")
            .build_recorder();
        let handle = recorder.handle();
        if metrics::set_global_recorder(recorder).is_err() {
            tracing::warn!("another metrics recorder is installed: /metrics will be empty");
        }
        describe();
        let upkeep = handle.clone();
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_secs(5));
                upkeep.run_upkeep();
            }
        });
        Recorder { handle, operation_names: Mutex::new(HashSet::new()) }
    });
}

fn describe() {
    use metrics::{Unit, describe_counter, describe_gauge, describe_histogram};
    describe_counter!(HTTP_REQUESTS, "HTTP requests answered, by method, route and status");
    describe_histogram!(HTTP_DURATION, Unit::Seconds, "How long HTTP requests took, by method and route");
    describe_counter!(GRAPHQL_OPERATIONS, "GraphQL operations, by name, type and outcome (ok or an error code)");
    describe_histogram!(SEARCH_DURATION, Unit::Seconds, "How long searches took (index and database)");
    describe_gauge!(INDEX_LAG_CHANGES, "Changes in the change log the search index has not applied");
    describe_gauge!(INDEX_LAG_SECONDS, Unit::Seconds, "Age of the oldest change the search index has not applied");
    describe_gauge!(DATABASE_CONNECTIONS, "Database connections, by pool (reads, writes) and state (idle, in_use)");
    describe_gauge!(MAIL_OUTBOX_DEPTH, "Emails waiting in the outbox to be sent");
    describe_gauge!(MAIL_OUTBOX_OLDEST_SECONDS, Unit::Seconds, "How long the oldest waiting email has waited");
    describe_gauge!(MAIL_DEAD, "Emails given up on after every retry (DEAD), for an admin to look at");
    describe_counter!(MAIL_SETTLED, "Emails settled by this server's mail worker, by status (SENT, KEPT, DEAD)");
    describe_counter!(RATE_LIMITED, "Requests refused by a rate limit, by limit (api, sign_in)");
}

/// `GET /metrics`: the Prometheus text format, with the gauges read now.
pub async fn render(State(state): State<AppState>) -> Response {
    observe_gauges(&state).await;
    let body = RECORDER.get().map(|recorder| recorder.handle.render()).unwrap_or_default();
    ([(CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], body).into_response()
}

async fn observe_gauges(state: &AppState) {
    match state.search.lag().await {
        Ok(behind) => gauge!(INDEX_LAG_CHANGES).set(behind as f64),
        Err(error) => tracing::warn!(error = %format!("{error:#}"), "cannot read the index lag"),
    }
    if let Ok(oldest) = state.search.oldest_unapplied().await {
        let seconds = oldest.map_or(0.0, |at| (chrono::Utc::now() - at).num_milliseconds().max(0) as f64 / 1000.0);
        gauge!(INDEX_LAG_SECONDS).set(seconds);
    }
    if let Ok(depth) = crate::notifications::mail::outbox::depth(&state.reads).await {
        gauge!(MAIL_OUTBOX_DEPTH).set(depth.waiting as f64);
        gauge!(MAIL_OUTBOX_OLDEST_SECONDS).set(oldest_seconds(depth.oldest));
        gauge!(MAIL_DEAD).set(depth.dead as f64);
    }
    observe_pool("writes", &state.db);
    // On PostgreSQL reads share the writers' pool: counted once.
    if state.settings.database_url().starts_with("sqlite:") {
        observe_pool("reads", &state.reads);
    }
}

fn observe_pool(pool: &'static str, db: &DatabaseConnection) {
    let (size, idle) = match &db.inner {
        DatabaseConnectionType::SqlxSqlitePoolConnection(_) => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle())
        }
        DatabaseConnectionType::SqlxPostgresPoolConnection(_) => {
            let pool = db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle())
        }
        _ => return,
    };
    let idle = idle.min(size as usize) as f64;
    gauge!(DATABASE_CONNECTIONS, "pool" => pool, "state" => "idle").set(idle);
    gauge!(DATABASE_CONNECTIONS, "pool" => pool, "state" => "in_use").set(f64::from(size) - idle);
}

/// Middleware: counts and times every request by its route's pattern.
pub async fn track_http(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |path| path.as_str().to_owned());
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    histogram!(HTTP_DURATION, "method" => method.clone(), "route" => route.clone())
        .record(started.elapsed().as_secs_f64());
    counter!(HTTP_REQUESTS, "method" => method, "route" => route, "status" => status).increment(1);
    response
}

/// Counts a GraphQL operation: its name (as bounded above, `anonymous` when
/// it has none), `query` or `mutation`, and `ok` or the first error's code.
pub fn graphql_operation(name: Option<&str>, kind: &'static str, outcome: &str) {
    let name = match name {
        None => "anonymous".to_owned(),
        Some(name) => operation_label(name),
    };
    counter!(GRAPHQL_OPERATIONS, "operation" => name, "type" => kind, "outcome" => outcome.to_owned()).increment(1);
}

fn operation_label(name: &str) -> String {
    let Some(recorder) = RECORDER.get() else { return "other".to_owned() };
    if name.chars().count() > MAX_OPERATION_NAME_CHARS {
        return "other".to_owned();
    }
    let Ok(mut seen) = recorder.operation_names.lock() else { return "other".to_owned() };
    if seen.contains(name) || seen.len() < MAX_OPERATION_NAMES {
        seen.insert(name.to_owned());
        name.to_owned()
    } else {
        "other".to_owned()
    }
}

/// Times a search, from its request to its labelled results.
pub fn search_took(elapsed: Duration) {
    histogram!(SEARCH_DURATION).record(elapsed.as_secs_f64());
}

/// Seconds since `at` (0 for none).
pub fn oldest_seconds(at: Option<chrono::DateTime<chrono::Utc>>) -> f64 {
    at.map_or(0.0, |at| (chrono::Utc::now() - at).num_milliseconds().max(0) as f64 / 1000.0)
}

/// Counts an email the mail worker settled (`status`: SENT, KEPT or DEAD).
pub fn mail_settled(status: &'static str) {
    counter!(MAIL_SETTLED, "status" => status).increment(1);
}

/// Counts a request a rate limit refused (`limit`: `api` or `sign_in`).
pub fn rate_limited(limit: &'static str) {
    counter!(RATE_LIMITED, "limit" => limit).increment(1);
}
