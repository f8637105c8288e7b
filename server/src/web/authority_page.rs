//! `/councils/{slug}`: a council's published case studies the viewer may
//! read (never anonymous ones, as in the API), those of the councils it
//! replaced marked "formerly …", with counts by outcome; a replaced
//! council's page says where it went.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use super::view::{case_study_url, outcome_class};
use super::{Layout, internal_error, not_found};
use crate::app::AppState;
use crate::authorities;
use crate::case_studies::Outcome;
use crate::case_studies::listing::{self, PageRequest};
use crate::entities::authority;
use sea_orm::Iterable;

pub struct Listed {
    pub title: String,
    pub url: String,
    pub outcome: String,
    pub outcome_class: &'static str,
    pub summary: String,
    /// "formerly London Borough of Hackney": written by a council this one replaced.
    pub formerly: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "authority.html")]
pub struct AuthorityPage {
    layout: Layout,
    council: authority::Model,
    /// Its name in the page's language.
    name: String,
    region: String,
    kind: String,
    /// Where it went, once replaced: every successor, in order.
    successors: Vec<authority::Model>,
    counts: Vec<(String, usize)>,
    case_studies: Vec<Listed>,
    total: u64,
}

/// At most this many are listed; the search page (filtered by the council) has the rest.
const LISTED: u64 = 100;

pub async fn authority(
    State(state): State<AppState>,
    layout: Layout,
    uri: axum::http::Uri,
    Path(slug): Path<String>,
) -> Response {
    if let Some(slug) = slug.strip_suffix(".atom") {
        return super::feeds::council(&state, slug, &uri).await;
    }
    let council = match authorities::find_by_slug(&state.reads, &slug).await {
        Ok(Some(council)) => council,
        Ok(None) => return not_found(layout),
        Err(error) => return internal_error(layout, &error),
    };
    let page = PageRequest { offset: 0, first: LISTED };
    let listed = match listing::of_authority(&state.reads, &layout.viewer, council.id, page).await {
        Ok(listed) => listed,
        Err(error) => return internal_error(layout, &error),
    };
    let successors = match authorities::succession::successors(&state.reads, council.id).await {
        Ok(successors) => successors,
        Err(error) => return internal_error(layout, &error),
    };
    let predecessors: Vec<i32> =
        listed.items.iter().map(|item| item.authority_id).filter(|id| *id != council.id).collect();
    let known = match authorities::find_by_ids(&state.reads, &predecessors).await {
        Ok(known) => known,
        Err(error) => return internal_error(layout, &error),
    };
    let name_of = |id: i32| {
        known.iter().find(|other| other.id == id).map(|other| authorities::name_in(other, layout.locale).to_owned())
    };
    let counts = Outcome::iter()
        .map(|outcome| {
            (outcome.label(layout.locale), listed.items.iter().filter(|item| item.outcome == outcome).count())
        })
        .filter(|(_, count)| *count > 0)
        .collect();
    AuthorityPage {
        name: authorities::name_in(&council, layout.locale).to_owned(),
        region: authorities::region_display_name(&council.region, layout.locale),
        kind: council.kind.label(layout.locale),
        successors,
        counts,
        total: listed.total_count,
        case_studies: listed
            .items
            .into_iter()
            .map(|item| Listed {
                formerly: (item.authority_id != council.id).then(|| name_of(item.authority_id)).flatten(),
                url: case_study_url(&item.slug),
                outcome: item.outcome.label(layout.locale),
                outcome_class: outcome_class(item.outcome),
                title: item.title,
                summary: item.summary,
            })
            .collect(),
        council,
        layout,
    }
    .into_response()
}
