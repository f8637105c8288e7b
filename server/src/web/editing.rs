//! Writing case studies in the browser: "our council's case studies", the
//! create and edit forms (every rule of the spec, checked by the same
//! `workflow` functions as the API, shown with the GOV.UK error summary and
//! inline errors, keeping what the person typed), and submit and withdraw.
//!
//! The forms are plain HTML: lists are one item per line, links are
//! "title | URL" per line, tags and collaborating councils are separated by
//! commas.

use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::Iterable;

use super::form_errors::ShownError;
use super::search_page::outcome_class;
use super::security::is_genuine_form;
use super::{Gate, Layout, action_failed, forged, internal_error, not_found, problem};
use crate::app::AppState;
use crate::authorities;
use crate::case_studies::listing::{self, ListFilter, PageRequest};
use crate::case_studies::{CaseStudyInput, CostBand, LinkInput, Outcome, Status, Visibility, policy, workflow};
use crate::entities::{authority, case_study};
use crate::error::{AppError, AppResult};
use crate::taxonomy::{self, TermKind};

/// The form's fields as typed (strings), so an invalid form comes back as it was.
#[derive(Clone, Debug, Default)]
pub struct FormValues {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub outcome: String,
    pub lessons: String,
    pub service_areas: Vec<String>,
    pub technologies: Vec<String>,
    pub tags: String,
    pub cost_band: String,
    pub started_on: String,
    pub ended_on: String,
    pub partners: String,
    pub collaborators: String,
    pub links: String,
    pub contact_email: String,
    pub visibility: String,
    pub anonymous: bool,
    pub version: String,
    pub csrf: String,
}

impl FormValues {
    pub fn has_service_area(&self, key: &str) -> bool {
        self.service_areas.iter().any(|chosen| chosen == key)
    }

    pub fn has_technology(&self, key: &str) -> bool {
        self.technologies.iter().any(|chosen| chosen == key)
    }

    fn parse(body: &[u8]) -> FormValues {
        let mut form = FormValues::default();
        for (key, value) in url::form_urlencoded::parse(body) {
            let value = value.into_owned();
            match key.as_ref() {
                "title" => form.title = value,
                "summary" => form.summary = value,
                "body" => form.body = value,
                "outcome" => form.outcome = value,
                "lessons" => form.lessons = value,
                "serviceAreas" => form.service_areas.push(value),
                "technologies" => form.technologies.push(value),
                "tags" => form.tags = value,
                "costBand" => form.cost_band = value,
                "startedOn" => form.started_on = value,
                "endedOn" => form.ended_on = value,
                "partners" => form.partners = value,
                "collaborators" => form.collaborators = value,
                "links" => form.links = value,
                "contactEmail" => form.contact_email = value,
                "visibility" => form.visibility = value,
                "anonymous" => form.anonymous = value == "true",
                "version" => form.version = value,
                "csrf" => form.csrf = value,
                _ => {}
            }
        }
        form
    }

    fn from_case_study(found: &case_study::Model, collaborator_slugs: Vec<String>) -> FormValues {
        FormValues {
            title: found.title.clone(),
            summary: found.summary.clone(),
            body: found.body.clone(),
            outcome: found.outcome.as_str().into(),
            lessons: found.lessons.0.join("\n"),
            service_areas: found.service_areas.0.clone(),
            technologies: found.technologies.0.clone(),
            tags: found.tags.0.join(", "),
            cost_band: found.cost_band.as_str().into(),
            started_on: found.started_on.to_string(),
            ended_on: found.ended_on.map(|date| date.to_string()).unwrap_or_default(),
            partners: found.partners.0.join("\n"),
            collaborators: collaborator_slugs.join(", "),
            links: found
                .links
                .0
                .iter()
                .map(|link| format!("{} | {}", link.title, link.url))
                .collect::<Vec<_>>()
                .join("\n"),
            contact_email: found.contact_email.clone().unwrap_or_default(),
            visibility: found.visibility.as_str().into(),
            anonymous: found.anonymous,
            version: found.version.to_string(),
            csrf: String::new(),
        }
    }

    /// The domain's input. Unknown choices stay unset, so the domain reports them.
    fn input(&self) -> CaseStudyInput {
        let lines = |text: &str| -> Vec<String> {
            text.lines().map(str::trim).filter(|line| !line.is_empty()).map(str::to_owned).collect()
        };
        let items = |text: &str| -> Vec<String> {
            text.split(',').map(str::trim).filter(|item| !item.is_empty()).map(str::to_owned).collect()
        };
        CaseStudyInput {
            title: self.title.clone(),
            summary: self.summary.clone(),
            body: self.body.clone(),
            outcome: Outcome::from_name(&self.outcome),
            lessons: lines(&self.lessons),
            service_areas: self.service_areas.clone(),
            technologies: self.technologies.clone(),
            tags: items(&self.tags),
            cost_band: CostBand::from_name(&self.cost_band),
            started_on: self.started_on.trim().to_owned(),
            ended_on: Some(self.ended_on.trim().to_owned()).filter(|date| !date.is_empty()),
            partners: lines(&self.partners),
            collaborators: items(&self.collaborators),
            links: lines(&self.links)
                .into_iter()
                .map(|line| match line.rsplit_once('|') {
                    Some((title, url)) => LinkInput { title: title.trim().into(), url: url.trim().into() },
                    None => LinkInput { title: line.clone(), url: line },
                })
                .collect(),
            contact_email: Some(self.contact_email.trim().to_owned()).filter(|email| !email.is_empty()),
            visibility: Visibility::from_name(&self.visibility),
            anonymous: self.anonymous,
        }
    }
}

pub struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "case_study_form.html")]
pub struct FormPage {
    layout: Layout,
    heading: String,
    action: String,
    form: FormValues,
    errors: Vec<ShownError>,
    outcomes: Vec<Choice>,
    cost_bands: Vec<Choice>,
    service_areas: Vec<Choice>,
    technologies: Vec<Choice>,
    /// Editing a published case study: the edit waits for moderation.
    published: bool,
}

/// The fields whose hint sits under their label (`{field}-hint` in the template).
const FIELDS_WITH_HINTS: [&str; 9] =
    ["title", "summary", "body", "lessons", "tags", "startedOn", "partners", "collaborators", "links"];

impl FormPage {
    fn error_for(&self, anchor: &str) -> Option<String> {
        ShownError::for_field(&self.errors, anchor)
    }

    /// The ids of a field's hint and error, for `aria-describedby`, so a
    /// screen reader reads them with the field.
    fn described_by(&self, field: &str) -> Option<String> {
        let hint = FIELDS_WITH_HINTS.contains(&field).then(|| format!("{field}-hint"));
        let error = self.error_for(field).map(|_| format!("{field}-error"));
        let ids: Vec<String> = hint.into_iter().chain(error).collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// Who may write: an active member of a council.
const WRITERS: Gate = Gate {
    allows: |viewer| viewer.council().is_some(),
    sign_in_first: "Sign in with your council account to write a case study.",
    refused_heading: "You cannot publish yet",
    refused_reason: "Only active members of a council can write case studies. \
                     An administrator confirms your council first.",
};

async fn form_page(
    state: &AppState,
    layout: Layout,
    heading: String,
    action: String,
    form: FormValues,
    errors: Vec<ShownError>,
    published: bool,
) -> Response {
    let taxonomy = match taxonomy::load(&state.reads).await {
        Ok(taxonomy) => taxonomy,
        Err(error) => return internal_error(layout, &error),
    };
    let terms = |kind| {
        taxonomy.terms(kind).iter().map(|term| Choice { value: term.key.clone(), label: term.label.clone() }).collect()
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    let page = FormPage {
        layout,
        heading,
        action,
        form,
        errors,
        outcomes: Outcome::iter()
            .map(|outcome| Choice { value: outcome.as_str().into(), label: outcome.label().into() })
            .collect(),
        cost_bands: CostBand::iter()
            .map(|band| Choice { value: band.as_str().into(), label: band.label().into() })
            .collect(),
        service_areas: terms(TermKind::ServiceArea),
        technologies: terms(TermKind::Technology),
        published,
    };
    (status, page).into_response()
}

pub async fn new_form(State(state): State<AppState>, layout: Layout) -> Response {
    let layout = match WRITERS.check(layout) {
        Ok(layout) => layout,
        Err(refused) => return *refused,
    };
    let form = FormValues { visibility: "PUBLIC".into(), cost_band: "UNKNOWN".into(), ..FormValues::default() };
    form_page(&state, layout, "Write a case study".into(), "/case-studies/new".into(), form, Vec::new(), false).await
}

pub async fn create(State(state): State<AppState>, layout: Layout, headers: HeaderMap, body: Bytes) -> Response {
    let form = FormValues::parse(&body);
    if !is_genuine_form(&headers, &state.public_url, &form.csrf) {
        return forged(layout);
    }
    let layout = match WRITERS.check(layout) {
        Ok(layout) => layout,
        Err(refused) => return *refused,
    };
    match workflow::create(&state.db, &layout.viewer, form.input()).await {
        Ok(created) => {
            state.search.poke();
            Redirect::to(&format!("/case-studies/{}", created.slug)).into_response()
        }
        Err(AppError::BadUserInput(errors)) => {
            let errors = errors.into_iter().map(ShownError::from_field).collect();
            form_page(&state, layout, "Write a case study".into(), "/case-studies/new".into(), form, errors, false)
                .await
        }
        Err(error) => action_failed(layout, error),
    }
}

pub async fn edit_form(State(state): State<AppState>, layout: Layout, Path(slug): Path<String>) -> Response {
    let found = match editable(&state, &layout, &slug).await {
        Ok(found) => found,
        Err(response) => return response(layout),
    };
    let slugs = match collaborator_slugs(&state, &found).await {
        Ok(slugs) => slugs,
        Err(error) => return internal_error(layout, &error),
    };
    let published = found.status == Status::Published;
    let form = FormValues::from_case_study(&found, slugs);
    let action = format!("/case-studies/{slug}/edit");
    form_page(&state, layout, format!("Edit “{}”", found.title), action, form, Vec::new(), published).await
}

pub async fn update(
    State(state): State<AppState>,
    layout: Layout,
    headers: HeaderMap,
    Path(slug): Path<String>,
    body: Bytes,
) -> Response {
    let form = FormValues::parse(&body);
    if !is_genuine_form(&headers, &state.public_url, &form.csrf) {
        return forged(layout);
    }
    let found = match editable(&state, &layout, &slug).await {
        Ok(found) => found,
        Err(response) => return response(layout),
    };
    let version = form.version.trim().parse().unwrap_or(-1);
    match workflow::update(&state.db, &layout.viewer, &found.id, version, form.input()).await {
        Ok(updated) => Redirect::to(&format!("/case-studies/{}", updated.slug)).into_response(),
        Err(AppError::BadUserInput(errors)) => {
            let errors = errors.into_iter().map(ShownError::from_field).collect();
            let published = found.status == Status::Published;
            let action = format!("/case-studies/{slug}/edit");
            form_page(&state, layout, format!("Edit “{}”", found.title), action, form, errors, published).await
        }
        Err(error) => action_failed(layout, error),
    }
}

/// A case study the viewer may edit, or the response that says why not.
async fn editable(state: &AppState, layout: &Layout, slug: &str) -> Result<case_study::Model, RefusedPage> {
    match listing::find_by_slug(&state.reads, &layout.viewer, slug).await {
        Ok(Some(found)) if policy::can_edit(&layout.viewer, &found) => Ok(found),
        Ok(Some(_)) => Err(Box::new(|layout| {
            problem(
                layout,
                StatusCode::FORBIDDEN,
                "You cannot edit this",
                "Only its council can edit a case study.".into(),
            )
        })),
        Ok(None) => Err(Box::new(not_found)),
        Err(error) => Err(Box::new(move |layout| internal_error(layout, &error))),
    }
}

/// The page that says why a viewer may not go on, once the layout is at hand.
type RefusedPage = Box<dyn FnOnce(Layout) -> Response + Send>;

async fn collaborator_slugs(state: &AppState, found: &case_study::Model) -> AppResult<Vec<String>> {
    let councils = authorities::find_by_ids(&state.reads, &found.collaborators.0).await?;
    Ok(councils.into_iter().map(|council| council.slug).collect())
}

#[derive(serde::Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /case-studies/{slug}/submit` and `/withdraw`.
pub async fn act(
    State(state): State<AppState>,
    layout: Layout,
    headers: HeaderMap,
    Path((slug, action)): Path<(String, String)>,
    axum::Form(form): axum::Form<ActionForm>,
) -> Response {
    if !is_genuine_form(&headers, &state.public_url, &form.csrf) {
        return forged(layout);
    }
    let found = match listing::find_by_slug(&state.reads, &layout.viewer, &slug).await {
        Ok(Some(found)) => found,
        Ok(None) => return not_found(layout),
        Err(error) => return internal_error(layout, &error),
    };
    let result = match action.as_str() {
        "submit" => workflow::submit(&state.db, &layout.viewer, &found.id).await,
        "withdraw" => workflow::withdraw(&state.db, &layout.viewer, &found.id).await,
        _ => return not_found(layout),
    };
    match result {
        Ok(changed) => {
            state.search.poke();
            Redirect::to(&format!("/case-studies/{}", changed.slug)).into_response()
        }
        Err(error) => action_failed(layout, error),
    }
}

pub struct OurCaseStudy {
    pub title: String,
    pub url: String,
    pub status: &'static str,
    pub outcome: &'static str,
    pub outcome_class: &'static str,
    pub updated: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "our_case_studies.html")]
pub struct OurCaseStudiesPage {
    layout: Layout,
    council: String,
    case_studies: Vec<OurCaseStudy>,
}

/// `GET /our-case-studies`: every case study of the viewer's council, drafts included, with its status.
pub async fn ours(State(state): State<AppState>, layout: Layout) -> Response {
    let layout = match WRITERS.check(layout) {
        Ok(layout) => layout,
        Err(refused) => return *refused,
    };
    let council = match layout.viewer.council() {
        Some(id) => <authority::Entity as sea_orm::EntityTrait>::find_by_id(id).one(&state.reads).await.ok().flatten(),
        None => None,
    };
    let Some(council) = council else {
        return not_found(layout);
    };
    let filter = ListFilter {
        statuses: vec![
            Status::Draft,
            Status::Submitted,
            Status::ChangesRequested,
            Status::Published,
            Status::Rejected,
            Status::Withdrawn,
            Status::Unpublished,
        ],
        authority: Some(council.slug.clone()),
        outcomes: Vec::new(),
    };
    let listed = match listing::list(&state.reads, &layout.viewer, filter, PageRequest { offset: 0, first: 100 }).await
    {
        Ok(listed) => listed,
        Err(error) => return internal_error(layout, &error),
    };
    let case_studies = listed
        .items
        .into_iter()
        .map(|item| OurCaseStudy {
            url: format!("/case-studies/{}", item.slug),
            status: item.status.as_str(),
            outcome: item.outcome.label(),
            outcome_class: outcome_class(item.outcome),
            updated: item.updated_at.format("%-d %B %Y").to_string(),
            title: item.title,
        })
        .collect();
    OurCaseStudiesPage { layout, council: council.name, case_studies }.into_response()
}
