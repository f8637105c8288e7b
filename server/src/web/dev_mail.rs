//! `/dev/mail`: with development sign-in and no SMTP server (`serve --demo`),
//! the emails the server would have sent, newest first, so the demo shows
//! every notification. The route does not exist otherwise.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use super::{Layout, internal_error, not_found};
use crate::app::AppState;
use crate::entities::mail_message;
use crate::entities::values::MailStatus;
use crate::notifications::mail::outbox;

#[derive(Template, WebTemplate)]
#[template(path = "dev_mail.html")]
pub struct MailboxPage {
    layout: Layout,
    messages: Vec<mail_message::Model>,
}

#[derive(Template, WebTemplate)]
#[template(path = "dev_mail_message.html")]
pub struct MessagePage {
    layout: Layout,
    message: mail_message::Model,
}

/// `GET /dev/mail`
pub async fn mailbox(State(state): State<AppState>, layout: Layout) -> Response {
    match outbox::in_state(&state.reads, MailStatus::Kept, 200).await {
        Ok(messages) => MailboxPage { layout, messages }.into_response(),
        Err(error) => internal_error(layout, &error),
    }
}

/// `GET /dev/mail/{id}`: one message, as plain text.
pub async fn message(State(state): State<AppState>, layout: Layout, Path(id): Path<String>) -> Response {
    match outbox::find(&state.reads, &id).await {
        Ok(Some(message)) if message.status == MailStatus::Kept => MessagePage { layout, message }.into_response(),
        Ok(_) => not_found(layout),
        Err(error) => internal_error(layout, &error),
    }
}
