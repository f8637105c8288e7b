//! The rows a workflow operation writes besides the case study: its content
//! columns, its editors, its history (which also tells the search sync).

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use crate::case_studies::{CaseStudyContent, Status};
use crate::entities::json::{IdList, LinkList, StringList};
use crate::entities::{case_study, case_study_editor, case_study_transition};
use crate::error::AppResult;

/// The live content of a case study: what `apply_content` wrote.
pub fn live_content(model: &case_study::Model) -> CaseStudyContent {
    CaseStudyContent {
        title: model.title.clone(),
        summary: model.summary.clone(),
        body: model.body.clone(),
        outcome: model.outcome,
        lessons: model.lessons.0.clone(),
        service_areas: model.service_areas.0.clone(),
        technologies: model.technologies.0.clone(),
        tags: model.tags.0.clone(),
        cost_band: model.cost_band,
        started_on: model.started_on,
        ended_on: model.ended_on,
        partners: model.partners.0.clone(),
        collaborators: model.collaborators.0.clone(),
        links: model.links.0.clone(),
        contact_email: model.contact_email.clone(),
        visibility: model.visibility,
        anonymous: model.anonymous,
        evidence: model.evidence.clone().unwrap_or_default(),
        languages: model.languages.clone().unwrap_or_default(),
    }
}

pub fn apply_content(model: &mut case_study::ActiveModel, content: CaseStudyContent) {
    model.title = Set(content.title);
    model.summary = Set(content.summary);
    model.body = Set(content.body);
    model.outcome = Set(content.outcome);
    model.lessons = Set(StringList(content.lessons));
    model.service_areas = Set(StringList(content.service_areas));
    model.technologies = Set(StringList(content.technologies));
    model.tags = Set(StringList(content.tags));
    model.cost_band = Set(content.cost_band);
    model.started_on = Set(content.started_on);
    model.ended_on = Set(content.ended_on);
    model.partners = Set(StringList(content.partners));
    model.collaborators = Set(IdList(content.collaborators));
    model.links = Set(LinkList(content.links));
    model.contact_email = Set(content.contact_email);
    model.visibility = Set(content.visibility);
    model.anonymous = Set(content.anonymous);
    model.evidence = Set(Some(content.evidence));
    model.languages = Set(Some(content.languages));
}

/// The members who created or edited a case study: its moderators must be someone else.
pub async fn editors(db: &impl ConnectionTrait, case_study_id: &str) -> AppResult<Vec<String>> {
    Ok(case_study_editor::Entity::find()
        .filter(case_study_editor::Column::CaseStudyId.eq(case_study_id))
        .all(db)
        .await?
        .into_iter()
        .map(|editor| editor.member_id)
        .collect())
}

pub(super) async fn record_editor(db: &impl ConnectionTrait, case_study_id: &str, member_id: &str) -> AppResult<()> {
    case_study_editor::Entity::insert(case_study_editor::ActiveModel {
        case_study_id: Set(case_study_id.to_owned()),
        member_id: Set(member_id.to_owned()),
    })
    .on_conflict_do_nothing_on([case_study_editor::Column::CaseStudyId, case_study_editor::Column::MemberId])
    .exec(db)
    .await?;
    Ok(())
}

/// The history record of a transition, and the change-log entry that tells
/// the search sync (in the same transaction).
pub(super) async fn record_transition(
    db: &impl ConnectionTrait,
    case_study_id: &str,
    from: Option<Status>,
    to: Status,
    member_id: &str,
    message: Option<String>,
) -> AppResult<()> {
    case_study_transition::ActiveModel {
        case_study_id: Set(case_study_id.to_owned()),
        from_status: Set(from),
        to_status: Set(to),
        member_id: Set(Some(member_id.to_owned())),
        message: Set(message),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    crate::search_sync::changes::record(db, case_study_id).await
}
