//! The one error type at the edge of the domain, with the closed set of codes
//! of API.md. Policy:
//!
//! - Domain functions return `AppError`; GraphQL (and later the web pages)
//!   map it once, in `graphql::errors`.
//! - A hidden thing is `NotFound`, never `Forbidden`: the error must not
//!   reveal that it exists.
//! - `Unavailable` is a database that cannot be reached or stays overloaded,
//!   `TimedOut` a request past its deadline: SERVICE_UNAVAILABLE (HTTP 503),
//!   logged as one line, so a client knows to try again.
//! - `Internal` wraps everything else the client did not cause (a bug). It is
//!   logged with its cause, on one line, and shown to the client only as
//!   "internal error".
//! - Outside requests (the CLI, start-up), `anyhow` carries context instead.

use std::fmt;

use crate::i18n::{self, Arg, Locale};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("sign in to do this")]
    Unauthenticated,
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("not found")]
    NotFound,
    /// One or more broken rules, in field order; never empty.
    #[error("{}", describe(.0))]
    BadUserInput(Vec<FieldError>),
    #[error("{0}")]
    Conflict(String),
    /// A limit on how often one member may do something (reports per hour).
    #[error("{0}")]
    RateLimited(String),
    #[error("the database cannot be reached or is overloaded: try again shortly")]
    Unavailable(#[source] anyhow::Error),
    #[error("the request took longer than {0} seconds and was stopped: try again shortly")]
    TimedOut(u64),
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl AppError {
    pub fn bad_input(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::BadUserInput(vec![FieldError { field: field.into(), message: message.into(), text: None }])
    }

    /// What the client reads, in `locale` (the `Display` text is the English).
    pub fn message(&self, locale: Locale) -> String {
        match self {
            AppError::Unauthenticated => locale.t("error-unauthenticated"),
            AppError::NotFound => locale.t("error-not-found"),
            AppError::Unavailable(_) => locale.t("error-unavailable"),
            AppError::TimedOut(seconds) => locale.text("error-timed-out", &[("seconds", Arg::Number(*seconds as i64))]),
            AppError::Internal(_) => locale.t("error-internal"),
            AppError::Forbidden(message) => i18n::message(locale, message),
            AppError::Conflict(message) | AppError::RateLimited(message) => i18n::message(locale, message),
            AppError::BadUserInput(errors) => match errors.first() {
                Some(first) => format!("{} {}", first.field, first.message_in(locale)),
                None => locale.t("error-invalid-input"),
            },
        }
    }

    /// One broken rule whose message is the Fluent message `key` with `args`.
    pub fn bad_input_keyed(field: impl Into<String>, key: &'static str, args: Vec<(&'static str, Arg)>) -> Self {
        AppError::BadUserInput(vec![FieldError::keyed(field, key, args)])
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::Unauthenticated => ErrorCode::Unauthenticated,
            AppError::Forbidden(_) => ErrorCode::Forbidden,
            AppError::NotFound => ErrorCode::NotFound,
            AppError::BadUserInput(_) => ErrorCode::BadUserInput,
            AppError::Conflict(_) => ErrorCode::Conflict,
            AppError::RateLimited(_) => ErrorCode::RateLimited,
            AppError::Unavailable(_) | AppError::TimedOut(_) => ErrorCode::ServiceUnavailable,
            AppError::Internal(_) => ErrorCode::Internal,
        }
    }

    /// Logs what the client did not cause, one line each (the cause's chain,
    /// never a backtrace); client errors are not logged.
    pub fn log(&self) {
        match self {
            AppError::Unavailable(cause) => tracing::warn!(error = %format!("{cause:#}"), "database unavailable"),
            AppError::TimedOut(seconds) => tracing::warn!(seconds, "request stopped at its deadline"),
            AppError::Internal(cause) => tracing::error!(error = %format!("{cause:#}"), "internal error"),
            _ => {}
        }
    }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(error: sea_orm::DbErr) -> Self {
        if crate::db::is_unavailable(&error) {
            AppError::Unavailable(error.into())
        } else {
            AppError::Internal(error.into())
        }
    }
}

impl From<sea_orm::TransactionError<AppError>> for AppError {
    fn from(error: sea_orm::TransactionError<AppError>) -> Self {
        match error {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(app) => app,
        }
    }
}

/// One broken rule: the input path (`title`, `links[2].url`) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    /// In English (logs, `Display`).
    pub message: String,
    /// The message by its key, when it is made with values in it ("must
    /// be between 5 and 200 characters"): what other languages render.
    pub text: Option<i18n::Message>,
}

impl FieldError {
    /// A broken rule whose message is the Fluent message `key` with `args`.
    pub fn keyed(field: impl Into<String>, key: &'static str, args: Vec<(&'static str, Arg)>) -> Self {
        let text = i18n::Message { key, args };
        FieldError { field: field.into(), message: text.render(Locale::English), text: Some(text) }
    }

    pub fn message_in(&self, locale: Locale) -> String {
        match &self.text {
            Some(text) => text.render(locale),
            None => i18n::message(locale, &self.message),
        }
    }
}

fn describe(errors: &[FieldError]) -> String {
    match errors.first() {
        Some(first) => format!("{} {}", first.field, first.message),
        None => "invalid input".to_owned(),
    }
}

pub type AppResult<T> = Result<T, AppError>;

/// `extensions.code` of a GraphQL error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    Unauthenticated,
    Forbidden,
    NotFound,
    BadUserInput,
    Conflict,
    QueryTooComplex,
    RateLimited,
    ServiceUnavailable,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Unauthenticated => "UNAUTHENTICATED",
            ErrorCode::Forbidden => "FORBIDDEN",
            ErrorCode::NotFound => "NOT_FOUND",
            ErrorCode::BadUserInput => "BAD_USER_INPUT",
            ErrorCode::Conflict => "CONFLICT",
            ErrorCode::QueryTooComplex => "QUERY_TOO_COMPLEX",
            ErrorCode::RateLimited => "RATE_LIMITED",
            ErrorCode::ServiceUnavailable => "SERVICE_UNAVAILABLE",
            ErrorCode::Internal => "INTERNAL_SERVER_ERROR",
        }
    }
}

impl ErrorCode {
    /// The HTTP status of a response that fails with this code, for the API
    /// and the pages alike. (A GraphQL response whose errors came from
    /// resolvers is 200 with the codes inside, unless the service is unavailable.)
    /// The body of an error answered outside GraphQL execution (rate
    /// limits, deadlines, malformed requests): `{"errors": [...]}` with this code.
    pub fn body(self, message: &str) -> String {
        serde_json::json!({ "errors": [{ "message": message, "extensions": { "code": self.as_str() } }] }).to_string()
    }

    pub fn http_status(self) -> axum::http::StatusCode {
        use axum::http::StatusCode;
        match self {
            ErrorCode::Unauthenticated => StatusCode::UNAUTHORIZED,
            ErrorCode::Forbidden => StatusCode::FORBIDDEN,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::BadUserInput | ErrorCode::QueryTooComplex => StatusCode::BAD_REQUEST,
            ErrorCode::Conflict => StatusCode::CONFLICT,
            ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::ServiceUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use super::AppError;

    /// What the logs say while `action` runs, as the server's format writes it.
    fn logged(action: impl FnOnce()) -> String {
        #[derive(Clone, Default)]
        struct Buffer(Arc<Mutex<Vec<u8>>>);
        impl Write for Buffer {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                self.0.lock().expect("the buffer").extend_from_slice(bytes);
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let buffer = Buffer::default();
        let writer = buffer.clone();
        let subscriber = tracing_subscriber::fmt().with_ansi(false).with_writer(move || writer.clone()).finish();
        tracing::subscriber::with_default(subscriber, action);
        String::from_utf8(buffer.0.lock().expect("the buffer").clone()).expect("UTF-8")
    }

    #[test]
    fn a_failure_is_one_line_with_its_causes_never_a_backtrace() {
        // RUST_BACKTRACE may be set (it is on CI machines): anyhow then
        // captures a backtrace, which `{:?}` would print over many lines.
        let cause = anyhow::anyhow!("pool timed out").context("cannot read the case studies");
        for error in [AppError::Unavailable(cause), AppError::Internal(anyhow::anyhow!("a bug"))] {
            let log = logged(|| error.log());
            assert_eq!(log.lines().count(), 1, "{log}");
            assert!(!log.contains("backtrace") && !log.contains("Caused by"), "{log}");
        }
        let log = logged(|| AppError::Unavailable(anyhow::anyhow!("pool timed out").context("reading")).log());
        assert!(log.contains("reading: pool timed out"), "the chain, on the line: {log}");
        assert_eq!(logged(|| AppError::NotFound.log()), "", "client errors are not logged");
    }
}
