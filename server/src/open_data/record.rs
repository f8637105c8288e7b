//! One case study as the open data publishes it: public content only, and
//! of an anonymous case study's council only its kind and region.

use std::collections::HashMap;

use serde::Serialize;

use crate::case_studies::{Status, Visibility};
use crate::entities::{authority, case_study};
use crate::taxonomy::{Taxonomy, TermKind};

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
    pub id: String,
    pub url: String,
    pub title: String,
    pub summary: String,
    /// Markdown, as written.
    pub body: String,
    pub outcome: &'static str,
    pub lessons: Vec<String>,
    pub do_differently: Vec<String>,
    pub evidence_strength: Option<&'static str>,
    pub evaluation_url: Option<String>,
    pub service_areas: Vec<Term>,
    pub technologies: Vec<Term>,
    pub tags: Vec<String>,
    pub cost_band: &'static str,
    pub planned_cost: Option<i64>,
    pub actual_cost: Option<i64>,
    pub over_budget: Option<bool>,
    pub started_on: String,
    pub ended_on: Option<String>,
    pub planned_end_on: Option<String>,
    pub late: Option<bool>,
    pub council: Council,
    /// Slugs of the collaborating councils (none for an anonymous case study).
    pub collaborators: Vec<String>,
    /// Partners, links and the evaluation's address are left out of an
    /// anonymous case study: they could name its council.
    pub partners: Vec<String>,
    pub links: Vec<Link>,
    pub published_at: Option<String>,
    /// The last news of it: publication, an approved revision or follow-up.
    pub updated_at: Option<String>,
    /// EN, CY or BILINGUAL: a CY case study's own text is Welsh.
    pub language: &'static str,
    /// A bilingual case study's Welsh title and summary.
    pub title_cy: Option<String>,
    pub summary_cy: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Term {
    pub key: String,
    pub label: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// The council: named, or for an anonymous case study only its kind and region.
#[derive(Clone, Debug, Serialize)]
pub struct Council {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    pub kind: &'static str,
    pub region: String,
}

/// Whether a case study belongs in the open data: PUBLIC and PUBLISHED.
pub fn is_open(row: &case_study::Model) -> bool {
    row.status == Status::Published && row.visibility == Visibility::Public
}

/// The records of the open case studies among `rows`.
pub fn records_of(
    rows: Vec<case_study::Model>,
    councils: &HashMap<i32, authority::Model>,
    taxonomy: &Taxonomy,
    public_url: &str,
) -> Vec<Record> {
    rows.into_iter().filter(is_open).filter_map(|row| record(row, councils, taxonomy, public_url)).collect()
}

fn record(
    row: case_study::Model,
    councils: &HashMap<i32, authority::Model>,
    taxonomy: &Taxonomy,
    public_url: &str,
) -> Option<Record> {
    let owner = councils.get(&row.authority_id)?;
    let anonymous = row.anonymous;
    let evidence = row.evidence().clone();
    let terms = |kind: TermKind, keys: &[String]| -> Vec<Term> {
        keys.iter()
            .map(|key| Term {
                key: key.clone(),
                label: taxonomy
                    .terms(kind)
                    .iter()
                    .find(|term| &term.key == key)
                    .map_or_else(|| key.clone(), |term| term.label.clone()),
            })
            .collect()
    };
    let date = |date: chrono::NaiveDate| date.format("%Y-%m-%d").to_string();
    let time = |at: chrono::DateTime<chrono::Utc>| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let languages = row.languages().clone();
    Some(Record {
        language: languages.language.as_str(),
        title_cy: languages.title_cy,
        summary_cy: languages.summary_cy,
        url: format!("{public_url}/case-studies/{}", row.slug),
        service_areas: terms(TermKind::ServiceArea, &row.service_areas.0),
        technologies: terms(TermKind::Technology, &row.technologies.0),
        outcome: row.outcome.as_str(),
        evidence_strength: evidence.strength.map(|strength| strength.as_str()),
        over_budget: evidence.over_budget(),
        late: evidence.late(row.ended_on),
        // Like links, an evaluation's address could name the council.
        evaluation_url: evidence.evaluation_url.filter(|_| !anonymous),
        planned_cost: evidence.planned_cost,
        actual_cost: evidence.actual_cost,
        planned_end_on: evidence.planned_end_on.map(date),
        do_differently: evidence.do_differently,
        cost_band: row.cost_band.as_str(),
        started_on: date(row.started_on),
        ended_on: row.ended_on.map(date),
        council: Council {
            name: (!anonymous).then(|| owner.name.clone()),
            slug: (!anonymous).then(|| owner.slug.clone()),
            kind: owner.kind.as_str(),
            region: owner.region.clone(),
        },
        collaborators: if anonymous {
            Vec::new()
        } else {
            row.collaborators.0.iter().filter_map(|id| councils.get(id)).map(|council| council.slug.clone()).collect()
        },
        partners: if anonymous { Vec::new() } else { row.partners.0 },
        links: if anonymous {
            Vec::new()
        } else {
            row.links.0.into_iter().map(|link| Link { title: link.title, url: link.url }).collect()
        },
        published_at: row.published_at.map(time),
        updated_at: row.news_at.or(row.published_at).map(time),
        id: row.id,
        title: row.title,
        summary: row.summary,
        body: row.body,
        lessons: row.lessons.0,
        tags: row.tags.0,
    })
}
