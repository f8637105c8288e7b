//! `/admin/members`: the admin's page for members. Pending members (whose
//! email named no council) are listed first, longest waiting first, each
//! with a box to confirm their council; every member's role can be changed,
//! and members suspended or reinstated. Each action goes through
//! `members::admin`, as the API's mutations do.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::Iterable;

use super::form_errors::ShownError;
use super::view::{self, Pager};
use super::{Admins, CsrfForm, Gated, Layout, action_failed, internal_error};
use crate::app::AppState;
use crate::authorities;
use crate::entities::authority;
use crate::error::{AppError, AppResult};
use crate::i18n::Locale;
use crate::identity::Viewer;
use crate::members::{MemberStatus, Role, admin, data_rights};
use crate::paging::{Page, PageRequest};

const PAGE_SIZE: u64 = 50;

pub struct MemberRow {
    pub id: String,
    pub email: String,
    pub council: String,
    pub role: &'static str,
    pub status: &'static str,
    pub pending: bool,
    pub suspended: bool,
    /// The signed-in admin: they cannot change their own role or suspend themselves.
    pub is_you: bool,
    pub since: String,
    /// What went wrong with the last change of council or role of this member, if anything.
    pub council_error: Option<String>,
    pub role_error: Option<String>,
    /// For a pending member at a shared domain: only the councils that share it (slug, name).
    pub offered: Vec<(String, String)>,
}

pub struct StatusTab {
    pub label: &'static str,
    pub url: String,
    pub current: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin_members.html")]
pub struct MembersPage {
    layout: Layout,
    heading: &'static str,
    /// The list shown (`PENDING`, `ACTIVE`, `SUSPENDED` or `ALL`): actions come back to it.
    filter: &'static str,
    tabs: Vec<StatusTab>,
    members: Vec<MemberRow>,
    total: u64,
    roles: Vec<&'static str>,
    /// Council slug → name, offered while typing a council.
    councils: Vec<(String, String)>,
    errors: Vec<ShownError>,
    done: Option<&'static str>,
    pager: Pager,
}

#[derive(serde::Deserialize, Default)]
pub struct MembersQuery {
    #[serde(default)]
    status: String,
    /// Text, so a mangled number is page 0 rather than an error.
    #[serde(default)]
    page: String,
    #[serde(default)]
    done: String,
}

/// `GET /admin/members?status=PENDING|ACTIVE|SUSPENDED|ALL&page=N`, pending by default.
pub async fn members(
    State(state): State<AppState>,
    Gated(layout, ..): Gated<Admins>,
    Query(query): Query<MembersQuery>,
) -> Response {
    page(&state, layout, query, Vec::new()).await
}

async fn page(state: &AppState, layout: Layout, query: MembersQuery, errors: Vec<ShownError>) -> Response {
    let status = status_filter(&query.status);
    let (page_number, request) = PageRequest::numbered(&query.page, PAGE_SIZE);
    let done = match query.done.as_str() {
        "assign" => Some("Council confirmed: the member is active."),
        "role" => Some("Role changed."),
        "suspend" => Some("Suspended: their sessions have ended."),
        "reinstate" => Some("Reinstated."),
        "erase" => Some("Erased: their personal data is gone; their case studies stay with their council."),
        _ => None,
    };
    let mut listed = match member_rows(state, &layout.viewer, status, request, layout.locale).await {
        Ok(listed) => listed,
        Err(error) => return internal_error(layout, &error),
    };
    for row in &mut listed.items {
        row.council_error = ShownError::for_field(&errors, &format!("authority-{}", row.id));
        row.role_error = ShownError::for_field(&errors, &format!("role-{}", row.id));
    }
    let councils = match authorities::search(&state.reads, None).await {
        Ok(councils) => councils.into_iter().map(|council| (council.slug, council.name)).collect(),
        Err(error) => return internal_error(layout, &error),
    };
    let filter = status.map_or("ALL", MemberStatus::as_str);
    let page_url = |page: u64| format!("/admin/members?status={filter}&page={page}");
    let status_code = if errors.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    let page = MembersPage {
        layout,
        heading: match status {
            Some(MemberStatus::Pending) => "Members waiting for their council",
            Some(MemberStatus::Active) => "Active members",
            Some(MemberStatus::Suspended) => "Suspended members",
            None => "All members",
        },
        filter,
        tabs: ["PENDING", "ACTIVE", "SUSPENDED", "ALL"]
            .into_iter()
            .map(|name| StatusTab {
                label: match name {
                    "PENDING" => "Pending",
                    "ACTIVE" => "Active",
                    "SUSPENDED" => "Suspended",
                    _ => "All",
                },
                url: format!("/admin/members?status={name}"),
                current: name == filter,
            })
            .collect(),
        total: listed.total_count,
        pager: Pager::new(page_number, PAGE_SIZE, &listed, page_url),
        members: listed.items,
        roles: Role::iter().map(Role::as_str).collect(),
        councils,
        errors,
        done,
    };
    (status_code, page).into_response()
}

fn status_filter(name: &str) -> Option<MemberStatus> {
    match name {
        "ACTIVE" => Some(MemberStatus::Active),
        "SUSPENDED" => Some(MemberStatus::Suspended),
        "ALL" => None,
        _ => Some(MemberStatus::Pending),
    }
}

/// One page of members, as the page shows them.
async fn member_rows(
    state: &AppState,
    viewer: &Viewer,
    status: Option<MemberStatus>,
    request: PageRequest,
    locale: Locale,
) -> AppResult<Page<MemberRow>> {
    let listed = admin::list(&state.reads, viewer, status, request).await?;
    let ids: Vec<i32> = listed.items.iter().filter_map(|member| member.authority_id).collect();
    let councils: HashMap<i32, authority::Model> =
        authorities::find_by_ids(&state.reads, &ids).await?.into_iter().map(|council| (council.id, council)).collect();
    // The register once for the whole page, not once per pending member.
    let current = authorities::search(&state.reads, None).await?;
    let mut offered: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for member in listed.items.iter().filter(|member| member.status == MemberStatus::Pending) {
        let sharing = crate::members::councils_sharing(&current, &member.email);
        offered.insert(member.id.clone(), sharing.into_iter().map(|c| (c.slug.clone(), c.name.clone())).collect());
    }
    let items = listed
        .items
        .into_iter()
        .map(|member| MemberRow {
            offered: offered.remove(&member.id).unwrap_or_default(),
            council: member
                .authority_id
                .and_then(|id| councils.get(&id))
                .map(|council| council.name.clone())
                .unwrap_or_else(|| crate::i18n::message(locale, "None yet")),
            role: member.role.as_str(),
            status: member.status.as_str(),
            pending: member.status == MemberStatus::Pending,
            suspended: member.status == MemberStatus::Suspended,
            is_you: viewer.member_id() == Some(member.id.as_str()),
            since: view::day(member.created_at, locale),
            council_error: None,
            role_error: None,
            email: member.email,
            id: member.id,
        })
        .collect();
    Ok(Page { items, offset: listed.offset, has_next_page: listed.has_next_page, total_count: listed.total_count })
}

#[derive(serde::Deserialize)]
pub struct MemberAction {
    #[serde(default)]
    action: String,
    #[serde(default)]
    authority: String,
    #[serde(default)]
    role: String,
    /// The list the admin was looking at, to go back to.
    #[serde(default)]
    status: String,
}

/// `POST /admin/members/{id}`: `action` is `assign` (with `authority`, a
/// council slug), `role` (with `role`), `suspend` or `reinstate`.
pub async fn act(
    State(state): State<AppState>,
    Gated(layout, ..): Gated<Admins>,
    Path(member_id): Path<String>,
    CsrfForm(form): CsrfForm<MemberAction>,
) -> Response {
    let viewer = &layout.viewer;
    let result: AppResult<()> = match form.action.as_str() {
        "assign" => admin::assign_council(&state.db, viewer, &member_id, &form.authority).await.map(drop),
        "role" => match form.role.parse::<Role>() {
            Ok(role) => admin::set_role(&state.db, viewer, &member_id, role).await.map(drop),
            Err(message) => Err(AppError::bad_input("role", message)),
        },
        "suspend" => admin::suspend(&state.db, viewer, &member_id).await.map(drop),
        "reinstate" => admin::reinstate(&state.db, viewer, &member_id).await.map(drop),
        "erase" => data_rights::erase_member(&state.db, viewer, &member_id).await,
        _ => Err(AppError::bad_input("action", "choose assign, role, suspend, reinstate or erase")),
    };
    let back = status_filter(&form.status).map_or("ALL", MemberStatus::as_str);
    match result {
        Ok(_) => Redirect::to(&format!("/admin/members?status={back}&done={}", form.action)).into_response(),
        Err(AppError::BadUserInput(errors)) => {
            let errors = errors
                .into_iter()
                .map(|error| {
                    // The box the error belongs to: the role's list or the council's box.
                    let (field, label) =
                        if error.field == "role" { ("role", "Role") } else { ("authority", "Council") };
                    ShownError {
                        anchor: format!("{field}-{member_id}"),
                        message: format!("{label}: {}", error.message),
                    }
                })
                .collect();
            let query = MembersQuery { status: back.into(), ..MembersQuery::default() };
            page(&state, layout, query, errors).await
        }
        Err(error) => action_failed(layout, error),
    }
}
