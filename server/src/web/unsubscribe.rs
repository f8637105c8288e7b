//! `/unsubscribe/{token}`: GET shows what the link would stop and changes
//! nothing (mail scanners fetch links); POST (the confirmation's button, or
//! a mail client's RFC 8058 one-click request) unsubscribes. POST needs no
//! session and no CSRF token: the signed token is the proof, and it only
//! ever stops mail.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::{Layout, internal_error, problem};
use crate::app::AppState;
use crate::notifications::unsubscribe::{self, Grant};

#[derive(Template, WebTemplate)]
#[template(path = "unsubscribe.html")]
pub struct ConfirmPage {
    layout: Layout,
    token: String,
    what: String,
}

/// `GET /unsubscribe/{token}`
pub async fn confirm(State(state): State<AppState>, layout: Layout, Path(token): Path<String>) -> Response {
    let Some(site) = state.outbox.site() else { return unknown(layout) };
    let Some(grant) = Grant::from_token(site, &token) else { return unknown(layout) };
    match unsubscribe::describe(&state.reads, &grant, layout.locale).await {
        Ok(Some(what)) => ConfirmPage { layout, token, what }.into_response(),
        Ok(None) => done(layout).await,
        Err(error) => internal_error(layout, &error),
    }
}

/// `POST /unsubscribe/{token}`: unsubscribes, then says so.
pub async fn unsubscribe(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let Some(site) = state.outbox.site() else { return StatusCode::NOT_FOUND.into_response() };
    match unsubscribe::apply(&state.db, site, &token).await {
        Ok(_) => Redirect::to("/unsubscribed").into_response(),
        Err(error) => error.code().http_status().into_response(),
    }
}

/// `GET /unsubscribed`
pub async fn done(layout: Layout) -> Response {
    let message = "You will not get these emails any more. Your saved searches, follows and notification \
                   settings are on your account page when you are signed in."
        .to_owned();
    problem(layout, StatusCode::OK, "You are unsubscribed", message)
}

fn unknown(layout: Layout) -> Response {
    let message = "This unsubscribe link is not one of ours, or it was cut short: copy the whole link from the email.";
    problem(layout, StatusCode::NOT_FOUND, "Unknown unsubscribe link", message.to_owned())
}
