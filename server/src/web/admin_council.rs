//! `/admin/councils/{slug}`: an admin edits a council (name, its own and
//! shared email domains, kind, region; retires it, naming its successors)
//! through `authorities::admin::update`, as the API's `updateAuthority`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};

use super::form_errors::ShownError;
use super::{Admins, CsrfForm, Gated, Layout, OrPage, PageResult, not_found};
use crate::app::AppState;
use crate::authorities::{self, AuthorityKind, REGIONS, admin::AuthorityChanges};
use crate::error::AppError;

#[derive(Clone, Default, serde::Deserialize)]
pub struct CouncilForm {
    #[serde(default)]
    name: String,
    /// One domain a line (or separated by commas).
    #[serde(default, rename = "emailDomains")]
    email_domains: String,
    #[serde(default, rename = "sharedEmailDomains")]
    shared_email_domains: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    region: String,
    #[serde(default, rename = "retiredOn")]
    retired_on: String,
    /// Slugs, in order.
    #[serde(default)]
    successors: String,
}

fn list(text: &str) -> Vec<String> {
    text.split(['\n', ',']).map(str::trim).filter(|item| !item.is_empty()).map(str::to_owned).collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "admin_council.html")]
pub struct CouncilPage {
    layout: Layout,
    slug: String,
    form: CouncilForm,
    kinds: Vec<(&'static str, String)>,
    regions: Vec<&'static str>,
    saved: bool,
    errors: Vec<ShownError>,
}

impl CouncilPage {
    fn error_for(&self, anchor: &str) -> Option<String> {
        ShownError::for_field(&self.errors, anchor)
    }
}

#[derive(serde::Deserialize, Default)]
pub struct SavedQuery {
    #[serde(default)]
    saved: String,
}

fn page(layout: Layout, slug: String, form: CouncilForm, saved: bool, errors: Vec<ShownError>) -> CouncilPage {
    CouncilPage {
        slug,
        form,
        kinds: AuthorityKind::ALL.iter().map(|kind| (kind.as_str(), kind.label(layout.locale))).collect(),
        regions: REGIONS.to_vec(),
        saved,
        errors,
        layout,
    }
}

/// `GET /admin/councils/{slug}`
pub async fn edit_page(
    State(state): State<AppState>,
    Gated(layout, ..): Gated<Admins>,
    Path(slug): Path<String>,
    Query(query): Query<SavedQuery>,
) -> PageResult {
    let Some(council) = authorities::find_by_slug(&state.reads, &slug).await.or_page(&layout)? else {
        return Ok(not_found(layout));
    };
    let successors = authorities::succession::successors(&state.reads, council.id).await.or_page(&layout)?;
    let successor_slugs: Vec<String> = successors.into_iter().map(|successor| successor.slug).collect();
    let form = CouncilForm {
        name: council.name.clone(),
        email_domains: council.email_domains.0.join("\n"),
        shared_email_domains: council.shared_email_domains.0.join("\n"),
        kind: council.kind.as_str().to_owned(),
        region: council.region.clone(),
        retired_on: council.retired_on.map(|day| day.to_string()).unwrap_or_default(),
        successors: successor_slugs.join(", "),
    };
    Ok(page(layout, council.slug, form, !query.saved.is_empty(), Vec::new()).into_response())
}

/// `POST /admin/councils/{slug}`
pub async fn save(
    State(state): State<AppState>,
    Gated(layout, ..): Gated<Admins>,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<CouncilForm>,
) -> PageResult {
    let kind = match AuthorityKind::from_name(&form.kind) {
        Some(kind) => kind,
        None => return Err(AppError::bad_input("kind", "choose a kind of council")).or_page(&layout),
    };
    let changes = AuthorityChanges {
        name: Some(form.name.clone()),
        email_domains: Some(list(&form.email_domains)),
        shared_email_domains: Some(list(&form.shared_email_domains)),
        kind: Some(kind),
        region: Some(form.region.clone()),
        retired_on: Some(form.retired_on.clone()).filter(|day| !day.trim().is_empty()),
        successors: Some(list(&form.successors)),
    };
    match authorities::admin::update(&state.outbox, &layout.viewer, &slug, changes).await {
        Ok(council) => Ok(Redirect::to(&format!("/admin/councils/{}?saved=1", council.slug)).into_response()),
        Err(AppError::BadUserInput(errors)) => {
            let errors = errors.into_iter().map(|error| ShownError::from_field(error, layout.locale)).collect();
            Ok((StatusCode::BAD_REQUEST, page(layout, slug, form, false, errors)).into_response())
        }
        Err(error) => Err(error).or_page(&layout),
    }
}
