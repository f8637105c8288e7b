//! `/admin/taxonomy`: the taxonomy and the search synonyms for admins. Each
//! term's label can be changed, a term retired or merged into another, new
//! terms added; synonym groups listed, added and removed. Every form posts
//! to `POST /admin/taxonomy` with its `action`, through `taxonomy::admin`
//! and the search service's synonyms, as the API's mutations do.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};

use super::form_errors::ShownError;
use super::{Admins, CsrfForm, Gated, Layout, OrPage, PageResult};
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::taxonomy::{self, TermKind, admin};

pub struct TermRow {
    pub key: String,
    pub label: String,
    pub label_cy: String,
    pub retired: bool,
}

pub struct KindSection {
    pub kind: &'static str,
    pub heading: &'static str,
    pub terms: Vec<TermRow>,
}

#[derive(Template, WebTemplate)]
#[template(path = "admin_taxonomy.html")]
pub struct TaxonomyPage {
    layout: Layout,
    sections: Vec<KindSection>,
    synonyms: Vec<String>,
    errors: Vec<ShownError>,
    done: Option<&'static str>,
}

impl TaxonomyPage {
    fn error_for(&self, anchor: &str) -> Option<String> {
        ShownError::for_field(&self.errors, anchor)
    }
}

#[derive(serde::Deserialize, Default)]
pub struct DoneQuery {
    #[serde(default)]
    done: String,
}

/// `GET /admin/taxonomy`
pub async fn taxonomy_page(
    State(state): State<AppState>,
    Gated(layout, ..): Gated<Admins>,
    Query(query): Query<DoneQuery>,
) -> PageResult {
    let done = match query.done.as_str() {
        "create" => Some("Term added."),
        "relabel" => Some("Label changed everywhere."),
        "retire" => Some("Retired: no longer offered for new case studies."),
        "merge" => Some("Merged: every case study has the kept term."),
        "add-synonyms" => Some("Synonyms added."),
        "remove-synonyms" => Some("Synonyms removed."),
        _ => None,
    };
    page(&state, layout, Vec::new(), done).await
}

async fn page(state: &AppState, layout: Layout, errors: Vec<ShownError>, done: Option<&'static str>) -> PageResult {
    let all = taxonomy::load(&state.reads).await.or_page(&layout)?;
    let synonyms = state.search.synonyms(&state.reads, &layout.viewer).await.or_page(&layout)?;
    let section = |kind: TermKind, heading| KindSection {
        kind: kind.as_str(),
        heading,
        terms: all
            .terms(kind)
            .iter()
            .map(|term| TermRow {
                key: term.key.clone(),
                label: term.label.clone(),
                label_cy: term.label_cy.clone().unwrap_or_default(),
                retired: term.retired,
            })
            .collect(),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    let page = TaxonomyPage {
        sections: vec![section(TermKind::ServiceArea, "Service areas"), section(TermKind::Technology, "Technologies")],
        synonyms: synonyms.into_iter().map(|group| group.join(", ")).collect(),
        layout,
        errors,
        done,
    };
    Ok((status, page).into_response())
}

#[derive(serde::Deserialize)]
pub struct TaxonomyForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    key: String,
    #[serde(default)]
    label: String,
    /// The Welsh label (the form always sends it: blank removes it).
    #[serde(default, rename = "labelCy")]
    label_cy: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    into: String,
    /// Synonyms, comma-separated.
    #[serde(default)]
    terms: String,
}

/// `POST /admin/taxonomy`: one action, then back to the page.
pub async fn act(
    State(state): State<AppState>,
    Gated(layout, ..): Gated<Admins>,
    CsrfForm(form): CsrfForm<TaxonomyForm>,
) -> PageResult {
    match perform(&state, &layout, &form).await {
        Ok(()) => Ok(Redirect::to(&format!("/admin/taxonomy?done={}", form.action)).into_response()),
        Err(AppError::BadUserInput(errors)) => {
            let errors = errors.into_iter().map(|error| ShownError::from_field(error, layout.locale)).collect();
            page(&state, layout, errors, None).await
        }
        Err(error) => Err(error).or_page(&layout),
    }
}

async fn perform(state: &AppState, layout: &Layout, form: &TaxonomyForm) -> AppResult<()> {
    let viewer = &layout.viewer;
    let terms = || form.terms.split(',').map(str::to_owned).collect::<Vec<_>>();
    let kind = || TermKind::from_name(&form.kind).ok_or_else(|| AppError::bad_input("kind", "choose a kind of term"));
    match form.action.as_str() {
        "create" => {
            admin::create(&state.outbox, viewer, kind()?, &form.key, &form.label, Some(&form.label_cy)).await.map(drop)
        }
        "relabel" => {
            admin::relabel(&state.outbox, viewer, kind()?, &form.key, &form.label, Some(&form.label_cy)).await.map(drop)
        }
        "retire" => admin::retire(&state.outbox, viewer, kind()?, &form.key).await.map(drop),
        "merge" => admin::merge(&state.outbox, viewer, kind()?, &form.from, &form.into).await.map(drop),
        "add-synonyms" => state.search.add_synonyms(&state.db, viewer, terms()).await.map(drop),
        "remove-synonyms" => state.search.remove_synonyms(&state.db, viewer, terms()).await.map(drop),
        _ => Err(AppError::bad_input("action", "choose what to change")),
    }
}
