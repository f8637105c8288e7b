//! `Layout`: what every page shows around its content (who is signed in,
//! what the navigation offers them, the CSRF token for its forms, the asset
//! URLs), and who the page is for. An extractor, made once per request.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::Response;

use super::assets;
use super::security::CsrfToken;
use crate::app::AppState;
use crate::authorities;
use crate::case_studies::policy;
use crate::entities::member;
use crate::error::AppError;
use crate::identity::{self, Viewer};
use crate::members::{self, MemberStatus, Role};

#[derive(Clone)]
pub struct Layout {
    pub dev_sign_in: bool,
    /// Email is kept, not sent (no SMTP server): the development mailbox has it.
    pub dev_mailbox: bool,
    pub member: Option<SignedInMember>,
    pub viewer: Viewer,
    pub nav: Navigation,
    pub csrf: String,
    pub stylesheet: &'static str,
    pub script: &'static str,
    /// The public URL, for canonical links and Open Graph.
    pub public_url: String,
}

#[derive(Clone)]
pub struct SignedInMember {
    pub email: String,
    /// "member of London Borough of Camden", "waiting for an administrator…", …
    pub standing: String,
}

/// The sections the header links to: exactly those whose gate lets the viewer in.
#[derive(Clone, Copy, Default)]
pub struct Navigation {
    pub our_case_studies: bool,
    pub moderation: bool,
    pub members: bool,
    pub audit: bool,
    pub taxonomy: bool,
    /// "Your reports": for anyone who may report.
    pub reports: bool,
}

impl Navigation {
    pub fn for_viewer(viewer: &Viewer) -> Self {
        Navigation {
            our_case_studies: policy::can_create(viewer),
            moderation: policy::can_open_queue(viewer),
            members: members::admin::can_manage(viewer),
            audit: crate::audit::can_read(viewer),
            taxonomy: crate::taxonomy::admin::can_manage(viewer),
            reports: crate::reports::can_report(viewer),
        }
    }
}

impl FromRequestParts<AppState> for Layout {
    /// Only when the database cannot say who is asking: a signed-in member
    /// must not be shown an anonymous visitor's page (or told to sign in).
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        // Made once per request: the gates and the CSRF form ask for it too.
        if let Some(layout) = parts.extensions.get::<Layout>() {
            return Ok(layout.clone());
        }
        let resolved = identity::resolve_member(
            state.databases(),
            &parts.method,
            &parts.headers,
            &state.sessions,
            &state.public_url,
        )
        .await;
        // A bad bearer token on a page is an anonymous visitor (pages are for
        // browsers); an unavailable database is a 503.
        let member = match resolved {
            Ok(member) => member,
            Err(error @ (AppError::Unavailable(_) | AppError::TimedOut(_))) => {
                error.log();
                return Err(super::busy_without_layout());
            }
            Err(_) => None,
        };
        let viewer = member.as_ref().map_or_else(Viewer::anonymous, Viewer::from_member);
        let member = match member {
            Some(member) => Some(SignedInMember { standing: standing(state, &member).await, email: member.email }),
            None => None,
        };
        let csrf = parts.extensions.get::<CsrfToken>().map(|token| token.0.clone()).unwrap_or_default();
        let layout = Layout {
            dev_sign_in: state.settings.dev_sign_in,
            dev_mailbox: state.settings.dev_sign_in && state.keeps_mail,
            member,
            nav: Navigation::for_viewer(&viewer),
            viewer,
            csrf,
            stylesheet: &assets::STYLESHEET.url,
            script: &assets::SCRIPT.url,
            public_url: state.public_url.clone(),
        };
        parts.extensions.insert(layout.clone());
        Ok(layout)
    }
}

async fn standing(state: &AppState, member: &member::Model) -> String {
    let role = match member.role {
        Role::Member => "member",
        Role::Moderator => "moderator",
        Role::Admin => "admin",
    };
    match (member.status, member.authority_id) {
        (MemberStatus::Active, Some(council)) => {
            let name = authorities::find_by_id(&state.reads, council)
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
