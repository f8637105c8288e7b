//! `/case-studies/{slug}`: the rendered body, lessons, a facts panel (the
//! council or its anonymous label, outcome, service areas, technologies,
//! cost, dates, partners, links, contact for members), similar case studies,
//! and the history for those allowed to see it. Public, published case
//! studies carry a canonical URL, a meta description and Open Graph tags.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::search_page::outcome_class;
use super::{Layout, internal_error, not_found};
use crate::app::AppState;
use crate::case_studies::{Status, Visibility, listing, markdown, policy};
use crate::entities::{authority, case_study, case_study_transition};
use crate::error::AppResult;
use crate::identity::Viewer;
use crate::search::IndexTurn;
use crate::taxonomy::{self, TermKind};
use crate::{authorities, members};

pub struct Fact {
    pub label: &'static str,
    pub value: String,
    pub url: Option<String>,
}

pub struct Related {
    pub title: String,
    pub url: String,
    pub outcome: &'static str,
}

pub struct HistoryEntry {
    pub at: String,
    pub change: String,
    /// "Moderator, Kent County Council": who acted, by role and council.
    pub by: Option<String>,
    pub message: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "case_study.html")]
pub struct CaseStudyPage {
    layout: Layout,
    content: Content,
}

/// What the page shows of the case study, for this viewer.
pub struct Content {
    title: String,
    summary: String,
    /// Sanitised by `markdown::render` (ammonia): safe to insert.
    body_html: String,
    outcome: &'static str,
    outcome_class: &'static str,
    status: Option<&'static str>,
    authority_label: String,
    authority_url: Option<String>,
    lessons: Vec<String>,
    facts: Vec<Fact>,
    links: Vec<(String, String)>,
    contact_email: Option<String>,
    similar: Vec<Related>,
    history: Vec<HistoryEntry>,
    /// Set for public, published case studies: the canonical URL (and the page is indexable).
    canonical: Option<String>,
    description: String,
    slug: String,
    /// The buttons the viewer may press.
    can_edit: bool,
    can_submit: bool,
    can_withdraw: bool,
    /// For moderators, while it waits in the moderation queue.
    moderation_url: Option<String>,
}

pub async fn case_study(State(state): State<AppState>, layout: Layout, Path(slug): Path<String>) -> Response {
    let viewer = layout.viewer.clone();
    let found = match listing::find_by_slug(&state.reads, &viewer, &slug).await {
        Ok(found) => found,
        Err(error) => return internal_error(layout, &error),
    };
    let Some(found) = found else {
        return not_found(layout);
    };
    match page(&state, &viewer, found, &layout.public_url).await {
        Ok(content) => CaseStudyPage { layout, content }.into_response(),
        Err(error) => internal_error(layout, &error),
    }
}

async fn page(state: &AppState, viewer: &Viewer, found: case_study::Model, public_url: &str) -> AppResult<Content> {
    let council = authority::Entity::find_by_id(found.authority_id).one(&state.reads).await?;
    let sees_council = policy::can_see_council(viewer, &found);
    let authority_label =
        council.as_ref().map(|council| policy::council_label(viewer, &found, council)).unwrap_or_default();
    let authority_url = council.as_ref().filter(|_| sees_council).map(|council| format!("/councils/{}", council.slug));
    let taxonomy = taxonomy::load(&state.reads).await?;
    let labels = |kind, keys: &[String]| {
        taxonomy.resolve(kind, keys).into_iter().map(|term| term.label).collect::<Vec<_>>().join(", ")
    };
    let mut facts = vec![
        Fact { label: "Council", value: authority_label.clone(), url: authority_url.clone() },
        Fact { label: "Outcome", value: found.outcome.label().into(), url: None },
        Fact { label: "Service areas", value: labels(TermKind::ServiceArea, &found.service_areas.0), url: None },
    ];
    if !found.technologies.0.is_empty() {
        facts.push(Fact {
            label: "Technologies",
            value: labels(TermKind::Technology, &found.technologies.0),
            url: None,
        });
    }
    facts.push(Fact { label: "Cost", value: found.cost_band.label().into(), url: None });
    let dates = match found.ended_on {
        Some(ended) => format!("{} to {}", found.started_on.format("%B %Y"), ended.format("%B %Y")),
        None => format!("Since {}", found.started_on.format("%B %Y")),
    };
    facts.push(Fact { label: "Dates", value: dates, url: None });
    if !found.partners.0.is_empty() {
        facts.push(Fact { label: "Partners", value: found.partners.0.join(", "), url: None });
    }
    if sees_council && !found.collaborators.0.is_empty() {
        let collaborators = authorities::find_by_ids(&state.reads, &found.collaborators.0).await?;
        let names = collaborators.into_iter().map(|council| council.name).collect::<Vec<_>>().join(", ");
        facts.push(Fact { label: "With", value: names, url: None });
    }
    if !found.tags.0.is_empty() {
        facts.push(Fact { label: "Tags", value: found.tags.0.join(", "), url: None });
    }
    let similar = if found.status == Status::Published {
        state
            .search
            .similar(&state.reads, viewer, &IndexTurn::default(), &found, 5)
            .await?
            .into_iter()
            .map(|similar| Related {
                url: format!("/case-studies/{}", similar.slug),
                title: similar.title,
                outcome: similar.outcome.label(),
            })
            .collect()
    } else {
        Vec::new()
    };
    let history = if policy::can_see_workings(viewer, &found) {
        let transitions = case_study_transition::Entity::find()
            .filter(case_study_transition::Column::CaseStudyId.eq(&found.id))
            .order_by_asc(case_study_transition::Column::At)
            .order_by_asc(case_study_transition::Column::Id)
            .all(&state.reads)
            .await?;
        let acting: Vec<String> = transitions.iter().filter_map(|transition| transition.member_id.clone()).collect();
        let labels = members::acting_labels(&state.reads, &acting).await?;
        transitions
            .into_iter()
            .map(|transition| HistoryEntry {
                at: transition.at.format("%-d %B %Y %H:%M").to_string(),
                change: match transition.from_status {
                    Some(from) => format!("{} → {}", from.as_str(), transition.to_status.as_str()),
                    None => transition.to_status.as_str().to_owned(),
                },
                by: transition.member_id.and_then(|id| labels.get(&id).cloned()),
                message: transition.message,
            })
            .collect()
    } else {
        Vec::new()
    };
    let public = found.status == Status::Published && found.visibility == Visibility::Public;
    let can_edit = policy::can_edit(viewer, &found);
    Ok(Content {
        slug: found.slug.clone(),
        can_edit,
        can_submit: can_edit && matches!(found.status, Status::Draft | Status::ChangesRequested),
        can_withdraw: found.status == Status::Published && policy::can_withdraw(viewer, &found),
        moderation_url: (viewer.is_moderator() && listing::awaits_decision(&found))
            .then(|| format!("/moderation/{}", found.slug)),
        canonical: public.then(|| format!("{public_url}/case-studies/{}", found.slug)),
        description: found.summary.chars().take(160).collect(),
        body_html: markdown::render(&found.body),
        outcome: found.outcome.label(),
        outcome_class: outcome_class(found.outcome),
        status: (found.status != Status::Published).then(|| found.status.as_str()),
        authority_label,
        authority_url,
        lessons: found.lessons.0.clone(),
        facts,
        links: found.links.0.iter().map(|link| (link.title.clone(), link.url.clone())).collect(),
        contact_email: found.contact_email.clone().filter(|_| policy::can_see_contact(viewer, &found)),
        similar,
        history,
        title: found.title,
        summary: found.summary,
    })
}
