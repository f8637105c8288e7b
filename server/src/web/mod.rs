//! The web pages. Sign-in is here now; the rest of the front end follows.
//!
//! Every page renders inside `base.html` with a `Layout`: who is signed in,
//! and the development sign-in banner when that is on.

pub mod home;
pub mod sign_in;

use askama::Template;
use askama_web::WebTemplate;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::entities::member;
use crate::identity;
use crate::members::MemberStatus;

/// What every page shows around its content.
pub struct Layout {
    pub dev_sign_in: bool,
    pub member: Option<SignedInMember>,
}

pub struct SignedInMember {
    pub email: String,
    /// "an active member of London Borough of Camden", "waiting for an administrator", …
    pub standing: String,
}

impl Layout {
    /// The layout for this request's viewer (by session cookie).
    pub async fn for_request(state: &AppState, headers: &HeaderMap) -> Layout {
        let viewer =
            identity::resolve(&state.db, &axum::http::Method::GET, headers, &state.sessions, &state.public_url)
                .await
                .ok();
        let member_id = viewer.as_ref().and_then(|viewer| viewer.member_id().map(str::to_owned));
        let member = match member_id {
            Some(id) => member::Entity::find_by_id(id).one(&state.db).await.ok().flatten(),
            None => None,
        };
        let member = match member {
            Some(member) => Some(SignedInMember { standing: standing(state, &member).await, email: member.email }),
            None => None,
        };
        Layout { dev_sign_in: state.settings.dev_sign_in, member }
    }
}

use sea_orm::EntityTrait;

async fn standing(state: &AppState, member: &member::Model) -> String {
    let role = match member.role {
        crate::members::Role::Member => "member",
        crate::members::Role::Moderator => "moderator",
        crate::members::Role::Admin => "admin",
    };
    match (member.status, member.authority_id) {
        (MemberStatus::Active, Some(council)) => {
            let name = crate::entities::authority::Entity::find_by_id(council)
                .one(&state.db)
                .await
                .ok()
                .flatten()
                .map(|council| council.name)
                .unwrap_or_else(|| "your council".into());
            format!("{role} of {name}")
        }
        (MemberStatus::Active, None) => format!("{role}, with no council"),
        (MemberStatus::Pending, _) => format!("{role}, waiting for an administrator to confirm your council"),
        (MemberStatus::Suspended, _) => "suspended".into(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "problem.html")]
pub struct ProblemPage {
    pub layout: Layout,
    pub heading: String,
    pub message: String,
}

/// A page that says what went wrong, with its status.
pub async fn problem(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    heading: &str,
    message: String,
) -> Response {
    let page = ProblemPage { layout: Layout::for_request(state, headers).await, heading: heading.into(), message };
    (status, page).into_response()
}
