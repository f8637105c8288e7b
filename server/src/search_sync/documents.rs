//! From database rows to search documents: what readers may see, and
//! nothing of an anonymous case study's council.

use std::collections::HashMap;

use casebook_search::CaseStudyDocument;
use chrono::Datelike;
use sea_orm::ConnectionTrait;

use crate::authorities;
use crate::case_studies::{Language, Status, Visibility};
use crate::entities::{authority, case_study};
use crate::error::AppResult;

/// Documents for the PUBLISHED case studies among `rows`; the ids of the
/// others (to be removed from the index).
pub async fn documents_for(
    db: &impl ConnectionTrait,
    rows: Vec<case_study::Model>,
) -> AppResult<(Vec<CaseStudyDocument>, Vec<String>)> {
    let mut authority_ids: Vec<i32> = rows
        .iter()
        .flat_map(|row| std::iter::once(row.authority_id).chain(row.collaborators.0.iter().copied()))
        .collect();
    authority_ids.sort_unstable();
    authority_ids.dedup();
    // A retired council's case studies count under every council that replaced it too.
    let heirs = authorities::succession::heirs_of(db, &authority_ids).await?;
    authority_ids.extend(heirs.values().flatten().copied());
    authority_ids.sort_unstable();
    authority_ids.dedup();
    let authorities: HashMap<i32, authority::Model> = authorities::find_by_ids(db, &authority_ids)
        .await?
        .into_iter()
        .map(|authority| (authority.id, authority))
        .collect();
    // Published follow-ups are searchable as part of the body they follow.
    let ids: Vec<String> = rows.iter().map(|row| row.id.clone()).collect();
    let mut follow_ups: HashMap<String, Vec<String>> = HashMap::new();
    for follow_up in crate::case_studies::workflow::follow_ups::published_of(db, &ids).await? {
        follow_ups.entry(follow_up.case_study_id).or_default().push(follow_up.body);
    }
    let reused = crate::case_studies::reuse::reused_for_everyone(db, &rows).await?;
    let mut documents = Vec::new();
    let mut removed = Vec::new();
    for row in rows {
        match authorities.get(&row.authority_id) {
            Some(owner) if row.status == Status::Published => {
                let later = follow_ups.remove(&row.id).unwrap_or_default();
                let was_reused = reused.contains(&row.id);
                let mut document = document(row, owner, &authorities);
                document.reused = was_reused;
                for body in later {
                    document.body.push_str("\n\n");
                    document.body.push_str(&body);
                }
                add_heirs(&mut document, &heirs, &authorities);
                documents.push(document);
            }
            _ => removed.push(row.id),
        }
    }
    Ok((documents, removed))
}

/// The councils that replaced any council a document is indexed under join
/// it (an anonymous case study has none, and gains none).
fn add_heirs(
    document: &mut CaseStudyDocument,
    heirs: &HashMap<i32, Vec<i32>>,
    authorities: &HashMap<i32, authority::Model>,
) {
    let indexed: Vec<i32> = authorities
        .values()
        .filter(|council| document.authorities.contains(&council.slug))
        .map(|council| council.id)
        .collect();
    for heir in indexed.iter().filter_map(|id| heirs.get(id)).flatten().filter_map(|id| authorities.get(id)) {
        if !document.authorities.contains(&heir.slug) {
            document.authorities.push(heir.slug.clone());
            document.council_names.push(heir.name.clone());
        }
    }
}

/// The councils a case study is indexed under (its own, then its
/// collaborators): none at all when it is anonymous, so that searching a
/// council's name or filtering by it can never find it.
fn indexed_councils<'a>(
    anonymous: bool,
    owner: &'a authority::Model,
    collaborators: impl IntoIterator<Item = &'a authority::Model>,
) -> Vec<&'a authority::Model> {
    if anonymous {
        return Vec::new();
    }
    std::iter::once(owner).chain(collaborators).collect()
}

/// The document of one published case study (`authorities`: its council and
/// collaborators, by id), not yet counted as reused (`documents_for` knows).
pub fn document(
    row: case_study::Model,
    owner: &authority::Model,
    authorities: &HashMap<i32, authority::Model>,
) -> CaseStudyDocument {
    let collaborators = row.collaborators.0.iter().filter_map(|id| authorities.get(id));
    let councils = indexed_councils(row.anonymous, owner, collaborators);
    let evidence = row.evidence.clone().unwrap_or_default();
    let languages = row.languages.clone().unwrap_or_default();
    let councils_named: Vec<String> = councils
        .iter()
        .flat_map(|council| std::iter::once(council.name.clone()).chain(council.name_cy.clone()))
        .collect();
    let document = CaseStudyDocument {
        id: row.id,
        title: row.title,
        summary: row.summary,
        lessons: row.lessons.0,
        body: row.body,
        tags: row.tags.0,
        outcome: row.outcome.as_str().to_owned(),
        service_areas: row.service_areas.0,
        technologies: row.technologies.0,
        authorities: councils.iter().map(|council| council.slug.clone()).collect(),
        council_names: councils_named,
        region: owner.region.clone(),
        authority_kind: owner.kind.as_str().to_owned(),
        start_year: row.started_on.year(),
        cost_band: row.cost_band.as_str().to_owned(),
        evidence_strength: evidence.strength.map(|strength| strength.as_str().to_owned()).unwrap_or_default(),
        over_budget: evidence.over_budget(),
        late: evidence.late(row.ended_on),
        reused: false,
        do_differently: evidence.do_differently,
        published_at: row.published_at.map_or(0, |at| at.timestamp_millis()),
        members_only: row.visibility == Visibility::Members,
        language: languages.language.as_str().to_owned(),
        welsh_title: languages.title_cy.unwrap_or_default(),
        welsh_summary: languages.summary_cy.unwrap_or_default(),
        welsh_text: Vec::new(),
    };
    match languages.language {
        Language::Cy => written_in_welsh(document),
        Language::En | Language::Bilingual => document,
    }
}

/// A Welsh case study's own text is Welsh: it moves to the Welsh fields, so
/// it is never stemmed as English.
fn written_in_welsh(mut document: CaseStudyDocument) -> CaseStudyDocument {
    document.welsh_title = std::mem::take(&mut document.title);
    document.welsh_summary = std::mem::take(&mut document.summary);
    document.welsh_text = std::mem::take(&mut document.lessons)
        .into_iter()
        .chain(std::mem::take(&mut document.do_differently))
        .chain([std::mem::take(&mut document.body)])
        .collect();
    document
}
