//! Logs: human-readable text by default, or one JSON object per line
//! (`--log-format json`) for a log collector. Every line logged while a
//! request runs carries its request id (the `request` span), which the
//! response returns as `X-Request-Id`.
//!
//! What is never logged: query strings (a sign-in callback's `code` and
//! `state`, search words), headers (tokens, cookies), bodies. The request
//! span names the method and the path alone.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;
use tracing_subscriber::EnvFilter;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    /// Lines for people reading a terminal.
    #[default]
    Text,
    /// One JSON object per line, for a log collector.
    Json,
}

/// What is logged unless `RUST_LOG` says otherwise.
const DEFAULT_FILTER: &str = "info,sqlx=warn,sea_orm=warn";

/// Installs the process's logger, writing to standard error.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr())).init(),
        LogFormat::Json => builder.json().with_current_span(true).with_span_list(false).init(),
    }
}

pub static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// A request's id: the one a proxy in front gave it, when it looks like an
/// id, or a new one.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

impl RequestId {
    fn of(request: &Request) -> RequestId {
        let given = request.headers().get(&REQUEST_ID).and_then(|value| value.to_str().ok());
        match given {
            Some(id) if is_plausible_id(id) => RequestId(id.to_owned()),
            _ => RequestId(uuid::Uuid::new_v4().to_string()),
        }
    }
}

/// At most 64 letters, digits, `-`, `_` and `.`: an id, never a place to
/// smuggle text into the logs.
fn is_plausible_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|byte| byte.is_ascii_alphanumeric() || b"-_.".contains(&byte))
}

/// Middleware (outside `traced`): gives the request its id and returns it
/// on the response.
pub async fn assign_request_id(mut request: Request, next: Next) -> Response {
    let id = RequestId::of(&request);
    request.extensions_mut().insert(id.clone());
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&id.0) {
        response.headers_mut().insert(REQUEST_ID.clone(), value);
    }
    response
}

type RequestSpan = fn(&Request<Body>) -> tracing::Span;

/// The `request` span around each request (its id, method and path), and a
/// line when it is answered, with the status and how long it took. Failures
/// are logged once, by whoever saw the cause (`AppError::log`).
pub fn traced() -> TraceLayer<SharedClassifier<ServerErrorsAsFailures>, RequestSpan, (), DefaultOnResponse, (), (), ()>
{
    TraceLayer::new_for_http()
        .make_span_with(request_span as RequestSpan)
        .on_request(())
        .on_response(DefaultOnResponse::new().level(Level::INFO))
        .on_body_chunk(())
        .on_eos(())
        .on_failure(())
}

fn request_span(request: &Request<Body>) -> tracing::Span {
    let id = request.extensions().get::<RequestId>().map_or("", |id| id.0.as_str());
    tracing::info_span!("request", request_id = %id, method = %request.method(), path = %request.uri().path())
}

#[cfg(test)]
mod tests {
    use super::is_plausible_id;

    #[test]
    fn only_short_plain_ids_are_kept_from_a_proxy() {
        assert!(is_plausible_id("7f9c2ba4-e88f-4c2b-9f4c-1b2f3e4d5a6b"));
        assert!(is_plausible_id("req_01.abc"));
        assert!(!is_plausible_id(""));
        assert!(!is_plausible_id("id\nlevel=ERROR fake line"));
        assert!(!is_plausible_id(&"a".repeat(65)));
    }
}
