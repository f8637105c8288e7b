//! The web pages, server-rendered with askama templates from `web/templates`
//! (checked at compile time), over the same domain functions as the GraphQL
//! API: a page shows exactly what the API would show the same viewer.
//!
//! Every page renders inside `base.html` with a `Layout` (an extractor): who
//! is signed in, the CSRF token for its forms, the asset URLs, and the
//! development sign-in banner when that is on.

pub mod account;
pub mod admin_audit;
pub mod admin_council;
pub mod admin_mail;
pub mod admin_members;
pub mod admin_taxonomy;
pub mod alerts_page;
pub mod assets;
pub mod authority_page;
pub mod case_study_actions;
pub mod case_study_form;
pub mod case_study_learning;
pub mod case_study_page;
pub mod councils_page;
pub mod dev_mail;
pub mod editing;
pub mod extract;
pub mod feeds;
pub mod follow_up_forms;
pub mod form_errors;
pub mod home;
mod layout;
pub mod learning_forms;
pub mod moderation;
pub mod my_reports;
pub mod open_data;
pub mod our_case_studies;
pub mod personal_data_notice;
pub mod question_moderation;
pub mod report_moderation;
pub mod reporting;
pub mod revision_diff;
pub mod search_page;
pub mod security;
pub mod sign_in;
pub mod sitemap;
pub mod unsubscribe;
pub mod view;

use askama::Template;
use askama_web::WebTemplate;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;
use crate::i18n;
pub use extract::{
    Admins, AuditReaders, CsrfForm, Gated, Moderators, OrPage, PageError, PageResult, SignedIn, Writers,
};
pub use layout::Layout;

#[derive(Template, WebTemplate)]
#[template(path = "problem.html")]
pub struct ProblemPage {
    pub layout: Layout,
    pub heading: String,
    pub message: String,
}

/// A page that says what went wrong, with its status, in the page's
/// language: heading and message are English, and name their Welsh by
/// `i18n::message` (a message made with values in it stays as made).
pub fn problem(layout: Layout, status: StatusCode, heading: &str, message: String) -> Response {
    let heading = i18n::message(layout.locale, heading);
    let message = i18n::message(layout.locale, &message);
    (status, ProblemPage { layout, heading, message }).into_response()
}

/// What a 503 page says, with or without the layout.
const BUSY_HEADING: &str = "Sorry, the service is busy";
const BUSY_MESSAGE: &str = "Try again in a few moments. Nothing you entered has been lost.";

/// The 503 for when not even the layout could be made (who is asking is unknown).
pub(crate) fn busy_without_layout() -> Response {
    let page = format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Busy – Casebook</title></head>\
         <body><h1>{BUSY_HEADING}</h1><p>{BUSY_MESSAGE}</p></body></html>"
    );
    (StatusCode::SERVICE_UNAVAILABLE, axum::response::Html(page)).into_response()
}

/// The friendly 404.
pub fn not_found(layout: Layout) -> Response {
    problem(
        layout,
        StatusCode::NOT_FOUND,
        "Page not found",
        "There is no page at this address. It may have moved, or it may not be public.".into(),
    )
}

/// What made a page fail, for `internal_error`: whether the database is
/// unavailable (a 503) or something is wrong (a 500), and the cause on one line.
pub trait PageFailure {
    fn unavailable(&self) -> bool {
        false
    }
    fn cause(&self) -> String;
}

impl PageFailure for AppError {
    fn unavailable(&self) -> bool {
        self.code() == crate::error::ErrorCode::ServiceUnavailable
    }
    fn cause(&self) -> String {
        match self {
            AppError::Unavailable(cause) | AppError::Internal(cause) => format!("{cause:#}"),
            other => other.to_string(),
        }
    }
}

impl PageFailure for sea_orm::DbErr {
    fn unavailable(&self) -> bool {
        crate::db::is_unavailable(self)
    }
    fn cause(&self) -> String {
        self.to_string()
    }
}

impl PageFailure for anyhow::Error {
    fn cause(&self) -> String {
        format!("{self:#}")
    }
}

/// The friendly 500, or 503 when the database is unavailable: the cause is
/// logged (one line), never shown.
pub fn internal_error(layout: Layout, cause: &dyn PageFailure) -> Response {
    if cause.unavailable() {
        tracing::warn!(error = %cause.cause(), "a page could not reach the database");
        return problem(layout, StatusCode::SERVICE_UNAVAILABLE, BUSY_HEADING, BUSY_MESSAGE.into());
    }
    tracing::error!(error = %cause.cause(), "a page failed");
    problem(
        layout,
        StatusCode::INTERNAL_SERVER_ERROR,
        "Sorry, there is a problem with the service",
        "Try again later. Nothing you entered has been lost.".into(),
    )
}

/// A POST whose CSRF token or origin is not ours.
pub fn forged(layout: Layout) -> Response {
    problem(
        layout,
        StatusCode::FORBIDDEN,
        "Nothing was changed",
        "Use the forms of this site (the form had expired: go back and try again).".into(),
    )
}

/// The page for an action the domain refused.
pub fn action_failed(layout: Layout, error: AppError) -> Response {
    match error {
        AppError::Unauthenticated => {
            let message = error.message(layout.locale);
            problem(layout, error.code().http_status(), "Sign in first", message)
        }
        AppError::Forbidden(message) => {
            problem(layout, error.code().http_status(), "You cannot do this", message.into())
        }
        AppError::NotFound => not_found(layout),
        AppError::Conflict(ref message) => {
            problem(layout, error.code().http_status(), "Nothing was changed", message.clone())
        }
        AppError::RateLimited(ref message) => {
            problem(layout, error.code().http_status(), "Please wait a while", message.clone())
        }
        AppError::BadUserInput(ref errors) => {
            let message = errors.iter().map(|error| error.message_in(layout.locale)).collect::<Vec<_>>().join("; ");
            problem(layout, error.code().http_status(), "Nothing was changed", message)
        }
        AppError::Unavailable(_) | AppError::TimedOut(_) | AppError::Internal(_) => internal_error(layout, &error),
    }
}

/// The fallback route: a 404 page for any unknown address.
pub async fn fallback(layout: Layout) -> Response {
    not_found(layout)
}
