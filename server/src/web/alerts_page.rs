//! A member's alerts in the browser: `/account/alerts` lists their saved
//! searches and follows (each can be deleted); the search page saves a
//! search (`POST /account/alerts`) and council pages follow
//! (`POST /account/follows`); `/account/notifications` chooses which
//! workflow notifications come and whether in a daily digest. All through
//! `notifications::{alerts, preferences}`, as the API.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

use super::{CsrfForm, Gated, Layout, OrPage, PageResult, SignedIn};
use crate::app::AppState;
use crate::entities::subscription;
use crate::entities::values::{AlertFrequency, FollowTarget};
use crate::error::AppError;
use crate::notifications::{NoticeKind, Preferences, alerts, preferences};
use crate::paging::PageRequest;

#[derive(Template, WebTemplate)]
#[template(path = "alerts.html")]
pub struct AlertsPage {
    layout: Layout,
    searches: Vec<subscription::Model>,
    follows: Vec<subscription::Model>,
}

impl AlertsPage {
    fn frequency(&self, subscription: &subscription::Model) -> &'static str {
        match subscription.frequency {
            AlertFrequency::Immediately => "As soon as there is news",
            AlertFrequency::Daily => "Daily",
            AlertFrequency::Weekly => "Weekly",
        }
    }
}

/// `GET /account/alerts`
pub async fn alerts(State(state): State<AppState>, Gated(layout, ..): Gated<SignedIn>) -> PageResult {
    let all = PageRequest { offset: 0, first: alerts::MAX_PER_MEMBER };
    let searches = alerts::list(&state.reads, &layout.viewer, alerts::SEARCH, all).await.or_page(&layout)?.items;
    let follows = alerts::list(&state.reads, &layout.viewer, alerts::FOLLOW, all).await.or_page(&layout)?.items;
    Ok(AlertsPage { layout, searches, follows }.into_response())
}

#[derive(Deserialize)]
pub struct SaveForm {
    #[serde(default)]
    name: String,
    /// The search page's query string.
    #[serde(default)]
    search: String,
    #[serde(default)]
    frequency: String,
}

fn frequency_of(text: &str) -> AlertFrequency {
    AlertFrequency::from_name(text).unwrap_or(AlertFrequency::Daily)
}

/// `POST /account/alerts`: saves the search the form came from.
pub async fn save(
    State(state): State<AppState>,
    Gated(layout, ..): Gated<SignedIn>,
    CsrfForm(form): CsrfForm<SaveForm>,
) -> PageResult {
    let (text, filters) = super::search_page::query_of(Some(&form.search));
    let name = if form.name.trim().is_empty() { text.clone() } else { form.name };
    let name = if name.trim().is_empty() { "All new case studies".to_owned() } else { name };
    alerts::save_search(&state.db, &layout.viewer, text, filters, name, frequency_of(&form.frequency))
        .await
        .or_page(&layout)?;
    Ok(Redirect::to("/account/alerts").into_response())
}

#[derive(Deserialize)]
pub struct FollowForm {
    #[serde(default)]
    target: String,
    #[serde(default)]
    key: String,
    #[serde(default)]
    frequency: String,
}

/// `POST /account/follows`
pub async fn follow(
    State(state): State<AppState>,
    Gated(layout, ..): Gated<SignedIn>,
    CsrfForm(form): CsrfForm<FollowForm>,
) -> PageResult {
    let target = FollowTarget::from_name(&form.target)
        .ok_or_else(|| AppError::bad_input("target", "follow a council, a service area, a technology or a tag"))
        .or_page(&layout)?;
    alerts::follow(&state.db, &layout.viewer, target, form.key, frequency_of(&form.frequency))
        .await
        .or_page(&layout)?;
    Ok(Redirect::to("/account/alerts").into_response())
}

/// `POST /account/alerts/{id}/delete`: a saved search or a follow.
pub async fn delete(
    State(state): State<AppState>,
    Gated(layout, ..): Gated<SignedIn>,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> PageResult {
    let deleted = alerts::delete(&state.db, &layout.viewer, alerts::SEARCH, &id).await;
    if matches!(deleted, Err(AppError::NotFound)) {
        alerts::delete(&state.db, &layout.viewer, alerts::FOLLOW, &id).await.or_page(&layout)?;
    } else {
        deleted.or_page(&layout)?;
    }
    Ok(Redirect::to("/account/alerts").into_response())
}

#[derive(Deserialize)]
pub struct Empty {}

#[derive(Template, WebTemplate)]
#[template(path = "notification_settings.html")]
pub struct SettingsPage {
    layout: Layout,
    kinds: Vec<(&'static str, String, bool)>,
    daily_digest: bool,
}

/// `GET /account/notifications`
pub async fn settings(State(state): State<AppState>, Gated(layout, ..): Gated<SignedIn>) -> PageResult {
    let member_id = layout.viewer.require_signed_in().or_page(&layout)?.member_id.clone();
    let chosen = preferences::of_member(&state.reads, &member_id).await.or_page(&layout)?;
    Ok(settings_page(layout, chosen).into_response())
}

fn settings_page(layout: Layout, chosen: Preferences) -> SettingsPage {
    let kinds = NoticeKind::ALL
        .into_iter()
        .map(|kind| (kind.as_str(), kind.label(layout.locale), chosen.wants(kind)))
        .collect();
    SettingsPage { layout, kinds, daily_digest: chosen.daily_digest }
}

/// `POST /account/notifications`: the ticked kinds are on, the rest off.
pub async fn save_settings(
    State(state): State<AppState>,
    Gated(layout, ..): Gated<SignedIn>,
    CsrfForm(form): CsrfForm<Vec<(String, String)>>,
) -> PageResult {
    let member_id = layout.viewer.require_signed_in().or_page(&layout)?.member_id.clone();
    let mut chosen = Preferences::default();
    for kind in NoticeKind::ALL {
        chosen.set(kind, form.iter().any(|(name, _)| name == kind.as_str()));
    }
    chosen.daily_digest = form.iter().any(|(name, value)| name == "delivery" && value == "digest");
    preferences::save(&state.db, &member_id, chosen).await.or_page(&layout)?;
    Ok(Redirect::to("/account/notifications").into_response())
}
