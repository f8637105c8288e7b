//! The pages' plumbing as extractors: a gate per group of pages (who may
//! see them), a form that is checked to be ours before anything reads it,
//! and the error a page returns (`PageError`, a response).

use std::marker::PhantomData;

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use super::security::is_genuine_form;
use super::{Layout, action_failed, forged, problem};
use crate::app::AppState;
use crate::case_studies::policy;
use crate::error::AppError;
use crate::identity::Viewer;
use crate::members;

/// Who may see a group of pages, and what a page says to someone who may not.
pub trait Gate {
    fn allows(viewer: &Viewer) -> bool;
    const SIGN_IN_FIRST: &'static str;
    const REFUSED_HEADING: &'static str;
    const REFUSED_REASON: &'static str;
}

/// The layout of a page the viewer passed `G`'s gate for: "sign in first"
/// (401) when signed out, the reason (403) when signed in, checked before
/// anything is loaded, so a refused viewer learns nothing about what exists.
pub struct Gated<G>(pub Layout, pub PhantomData<G>);

impl<G: Gate> FromRequestParts<AppState> for Gated<G> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let layout = Layout::from_request_parts(parts, state).await?;
        if !layout.viewer.is_signed_in() {
            return Err(problem(layout, StatusCode::UNAUTHORIZED, "Sign in first", G::SIGN_IN_FIRST.into()));
        }
        if !G::allows(&layout.viewer) {
            return Err(problem(layout, StatusCode::FORBIDDEN, G::REFUSED_HEADING, G::REFUSED_REASON.into()));
        }
        Ok(Gated(layout, PhantomData))
    }
}

/// Active members of a council: they write case studies.
pub struct Writers;

impl Gate for Writers {
    fn allows(viewer: &Viewer) -> bool {
        policy::can_create(viewer)
    }
    const SIGN_IN_FIRST: &'static str = "Sign in with your council account to write a case study.";
    const REFUSED_HEADING: &'static str = "You cannot publish yet";
    const REFUSED_REASON: &'static str =
        "Only active members of a council can write case studies. An administrator confirms your council first.";
}

/// Moderators and admins: the moderation queue.
pub struct Moderators;

impl Gate for Moderators {
    fn allows(viewer: &Viewer) -> bool {
        policy::can_open_queue(viewer)
    }
    const SIGN_IN_FIRST: &'static str = "Sign in as a moderator to see the moderation queue.";
    const REFUSED_HEADING: &'static str = "You cannot moderate";
    const REFUSED_REASON: &'static str = "Only moderators and admins can see the moderation queue.";
}

/// Admins: the members' pages.
pub struct Admins;

impl Gate for Admins {
    fn allows(viewer: &Viewer) -> bool {
        members::admin::can_manage(viewer)
    }
    const SIGN_IN_FIRST: &'static str = "Sign in as an admin to manage members.";
    const REFUSED_HEADING: &'static str = "You cannot manage members";
    const REFUSED_REASON: &'static str = "Only admins can manage members.";
}

/// Admins: the audit log.
pub struct AuditReaders;

impl Gate for AuditReaders {
    fn allows(viewer: &Viewer) -> bool {
        crate::audit::can_read(viewer)
    }
    const SIGN_IN_FIRST: &'static str = "Sign in as an admin to read the audit log.";
    const REFUSED_HEADING: &'static str = "You cannot read the audit log";
    const REFUSED_REASON: &'static str = "Only admins can read the audit log.";
}

/// Anyone signed in: the reports they made.
pub struct SignedIn;

impl Gate for SignedIn {
    fn allows(viewer: &Viewer) -> bool {
        viewer.is_signed_in()
    }
    const SIGN_IN_FIRST: &'static str = "Sign in to see the reports you made.";
    const REFUSED_HEADING: &'static str = "Sign in first";
    const REFUSED_REASON: &'static str = "Sign in to see the reports you made.";
}

/// A POSTed form that came from one of our own pages (same site, this
/// browser's CSRF token in its `csrf` field), parsed by `axum_extra`'s `Form`,
/// which keeps repeated keys (`serviceAreas=a&serviceAreas=b`) as lists.
/// Anything else is refused before the handler runs.
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let layout = Layout::from_request_parts(&mut parts, state).await?;
        let headers = parts.headers.clone();
        let bytes = match Bytes::from_request(Request::from_parts(parts, body), state).await {
            Ok(bytes) => bytes,
            Err(refused) => return Err(refused.into_response()),
        };
        let token = url::form_urlencoded::parse(&bytes)
            .find(|(key, _)| key == "csrf")
            .map(|(_, value)| value.into_owned())
            .unwrap_or_default();
        if !is_genuine_form(&headers, &state.public_url, &token) {
            return Err(forged(layout));
        }
        let form_request = Request::builder()
            .method("POST")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(bytes))
            .map_err(|_| unreadable(layout.clone()))?;
        match axum_extra::extract::Form::<T>::from_request(form_request, state).await {
            Ok(axum_extra::extract::Form(form)) => Ok(CsrfForm(form)),
            Err(_) => Err(unreadable(layout)),
        }
    }
}

/// A form we sent, but not as our pages send it (a hand-made POST).
fn unreadable(layout: Layout) -> Response {
    problem(layout, StatusCode::BAD_REQUEST, "Nothing was changed", "The form could not be read.".into())
}

/// A page that failed: the domain's error, shown inside the layout with its
/// status (`ErrorCode::http_status`, as the API's HTTP answers).
pub struct PageError {
    layout: Box<Layout>,
    error: AppError,
}

pub type PageResult = Result<Response, PageError>;

impl PageError {
    pub fn new(layout: &Layout, error: impl Into<AppError>) -> Self {
        PageError { layout: Box::new(layout.clone()), error: error.into() }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        action_failed(*self.layout, self.error)
    }
}

/// `result.or_page(&layout)?` in a page handler.
pub trait OrPage<T> {
    fn or_page(self, layout: &Layout) -> Result<T, PageError>;
}

impl<T, E: Into<AppError>> OrPage<T> for Result<T, E> {
    fn or_page(self, layout: &Layout) -> Result<T, PageError> {
        self.map_err(|error| PageError::new(layout, error))
    }
}
