//! Rate limits per client (by IP address, `client_address`), on `tower_governor`:
//! sign-in requests get a tight budget, GraphQL requests (token use included)
//! a generous one. Over the limit, GraphQL answers `RATE_LIMITED` in its own
//! error format and the sign-in pages answer with a page; both with status 429
//! and `Retry-After`.
//!
//! Behind a load balancer every request comes from its address: name it
//! with `--trusted-proxy`, and the limits key on the client it forwards for.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, Response, StatusCode};
use tower_governor::GovernorError;
use tower_governor::GovernorLayer;
use tower_governor::governor::GovernorConfigBuilder;

use crate::app::AppState;
use crate::client_address::{ClientKey, TrustedProxies};
use crate::error::ErrorCode;
use crate::operations::metrics;

/// Limits the routes of `router` to `per_minute` requests per client, in bursts of up to as many.
pub fn limit_sign_in(router: Router<AppState>, per_minute: u32, proxies: &TrustedProxies) -> Router<AppState> {
    if per_minute == 0 {
        return router;
    }
    let period = Duration::from_millis(60_000 / u64::from(per_minute));
    let Some(config) = GovernorConfigBuilder::default()
        .key_extractor(ClientKey(proxies.clone()))
        .period(period)
        .burst_size(per_minute)
        .finish()
    else {
        return router;
    };
    let config = Arc::new(config);
    forget_idle_clients(&config, |config| config.limiter().retain_recent());
    router.layer(GovernorLayer::new(config).error_handler(|error| {
        too_many(error, "sign_in", "text/html; charset=utf-8", |wait| {
            format!(
                "<!doctype html><html lang=\"en\"><title>Too many sign-in attempts – Casebook</title>\
                 <main><h1>Too many sign-in attempts</h1><p>Wait {wait} seconds, then try again.</p></main></html>"
            )
        })
    }))
}

/// Limits `/graphql` to `per_second` requests per client, in bursts of up to four seconds' worth.
pub fn limit_api(router: Router<AppState>, per_second: u32, proxies: &TrustedProxies) -> Router<AppState> {
    if per_second == 0 {
        return router;
    }
    let period = Duration::from_nanos(1_000_000_000 / u64::from(per_second));
    let Some(config) = GovernorConfigBuilder::default()
        .key_extractor(ClientKey(proxies.clone()))
        .period(period)
        .burst_size(per_second.saturating_mul(4))
        .finish()
    else {
        return router;
    };
    let config = Arc::new(config);
    forget_idle_clients(&config, |config| config.limiter().retain_recent());
    router.layer(GovernorLayer::new(config).error_handler(|error| {
        too_many(error, "api", "application/json; charset=utf-8", |wait| {
            ErrorCode::RateLimited.body(&format!("too many requests from this client: wait {wait} seconds"))
        })
    }))
}

fn too_many(
    error: GovernorError,
    limit: &'static str,
    content_type: &'static str,
    body: impl Fn(u64) -> String,
) -> Response<Body> {
    let wait = match error {
        GovernorError::TooManyRequests { wait_time, .. } => wait_time.max(1),
        // The peer address is always there (the server runs with connect info); say so if not.
        other => {
            tracing::error!(error = %other, "rate limiter failed");
            return Response::builder()
                .status(StatusCode::INTERNAL_SERVER_ERROR)
                .body(Body::from("internal error"))
                .unwrap_or_default();
        }
    };
    metrics::rate_limited(limit);
    let mut response = Response::new(Body::from(body(wait)));
    *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(wait));
    response
}

/// Drops the state of clients that have not been seen lately, once a minute,
/// until the limiter itself is dropped.
fn forget_idle_clients<T: Send + Sync + 'static>(config: &Arc<T>, retain_recent: fn(&T)) {
    let weak = Arc::downgrade(config);
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(60)).await;
            match weak.upgrade() {
                Some(config) => retain_recent(&config),
                None => break,
            }
        }
    });
}
