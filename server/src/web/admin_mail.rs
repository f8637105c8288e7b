//! `/admin/mail`: the mail outbox for admins: how many emails wait, since
//! when, and every one given up on (DEAD) with the last error, so a broken
//! SMTP setting or a bad address is seen rather than silently lost.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::IntoResponse;

use super::{Admins, Gated, Layout, OrPage, PageResult};
use crate::app::AppState;
use crate::entities::mail_message;
use crate::notifications::mail::{Depth, outbox};

#[derive(Template, WebTemplate)]
#[template(path = "admin_mail.html")]
pub struct MailPage {
    layout: Layout,
    depth: Depth,
    oldest: String,
    dead: Vec<mail_message::Model>,
}

/// At most this many dead letters are listed, newest first.
const LISTED: u64 = 200;

/// `GET /admin/mail`
pub async fn mail(State(state): State<AppState>, Gated(layout, ..): Gated<Admins>) -> PageResult {
    let depth = outbox::depth(&state.reads).await.or_page(&layout)?;
    let dead = outbox::dead_letters(&state.reads, &layout.viewer, LISTED).await.or_page(&layout)?;
    let oldest = depth.oldest.map(|at| super::view::moment(at, layout.locale)).unwrap_or_default();
    Ok(MailPage { layout, depth, oldest, dead }.into_response())
}
