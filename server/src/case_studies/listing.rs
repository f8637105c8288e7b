//! Reading case studies: one by id or slug, and pages of them, always
//! through the viewer's read permission.

use sea_orm::sea_query::NullOrdering;
use std::collections::HashMap;

use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect};

use super::{Outcome, Status, policy, transitions};
use crate::authorities;
use crate::entities::case_study::{self, Column};
use crate::entities::case_study_transition;
use crate::error::{AppError, AppResult};
use crate::identity::Viewer;
use crate::paging;
pub use crate::paging::{Page, PageRequest};

#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    pub statuses: Vec<Status>,
    pub authority: Option<String>,
    pub outcomes: Vec<Outcome>,
}

pub async fn find_by_id(db: &impl ConnectionTrait, viewer: &Viewer, id: &str) -> AppResult<Option<case_study::Model>> {
    let found = case_study::Entity::find_by_id(id.to_owned()).one(db).await?;
    Ok(found.filter(|case_study| policy::can_read(viewer, case_study)))
}

/// Of these case studies, the ones the viewer may read: id → slug, in one query.
pub async fn readable_among(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    ids: &[String],
) -> AppResult<HashMap<String, String>> {
    let found = case_study::Entity::find()
        .filter(Column::Id.is_in(ids.iter().cloned()))
        .filter(policy::readable_by(viewer))
        .all(db)
        .await?;
    Ok(found.into_iter().map(|case_study| (case_study.id, case_study.slug)).collect())
}

pub async fn find_by_slug(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    slug: &str,
) -> AppResult<Option<case_study::Model>> {
    let found = case_study::Entity::find().filter(Column::Slug.eq(slug)).one(db).await?;
    Ok(found.filter(|case_study| policy::can_read(viewer, case_study)))
}

/// `caseStudies`: PUBLISHED by default, newest publication first; other
/// statuses list what the viewer may read of them (their council's, what is
/// in moderation for moderators, everything for admins).
pub async fn list(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    filter: ListFilter,
    page: PageRequest,
) -> AppResult<Page<case_study::Model>> {
    let statuses = if filter.statuses.is_empty() { vec![Status::Published] } else { filter.statuses };
    // Published case studies all have a publication date, so they need no
    // NULLS LAST: without it SQLite walks the (status, published_at) index
    // and stops at the page; with it, it sorted every readable row (1.5 s at 100,000).
    let only_published = statuses == [Status::Published];
    let mut condition = Condition::all().add(policy::readable_by(viewer)).add(Column::Status.is_in(statuses));
    if !filter.outcomes.is_empty() {
        condition = condition.add(Column::Outcome.is_in(filter.outcomes));
    }
    if let Some(slug) = filter.authority {
        let Some(authority) = authorities::find_by_slug(db, &slug).await? else {
            return Ok(Page::empty(page));
        };
        condition = condition.add(Column::AuthorityId.eq(authority.id)).add(policy::council_visible_to(viewer));
    }
    let query = case_study::Entity::find().filter(condition);
    let query = if only_published {
        query.order_by_desc(Column::PublishedAt)
    } else {
        query.order_by_with_nulls(Column::PublishedAt, Order::Desc, NullOrdering::Last)
    };
    let query = query.order_by_desc(Column::CreatedAt).order_by_desc(Column::Id);
    paging::fetch(db, query, page).await
}

/// Every case study an anonymous visitor may read (the sitemap), newest first.
pub async fn public(db: &impl ConnectionTrait) -> AppResult<Vec<case_study::Model>> {
    Ok(case_study::Entity::find()
        .filter(policy::readable_by(&Viewer::anonymous()))
        .order_by_desc(Column::PublishedAt)
        .all(db)
        .await?)
}

/// The published case studies of a council that name it, and those of the
/// councils it replaced: never anonymous ones, whoever asks, so a council
/// page cannot be used to unmask them.
pub async fn of_authority(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    authority_id: i32,
    page: PageRequest,
) -> AppResult<Page<case_study::Model>> {
    let mut councils = authorities::succession::ancestors_of(db, authority_id).await?;
    councils.push(authority_id);
    let query = case_study::Entity::find()
        .filter(named_and_published(viewer))
        .filter(Column::AuthorityId.is_in(councils))
        .order_by_desc(Column::PublishedAt)
        .order_by_desc(Column::Id);
    paging::fetch(db, query, page).await
}

/// How many case studies `of_authority` lists for each council that has
/// any, by council id: the councils directory's counts, in one query.
pub async fn counts_by_authority(db: &impl ConnectionTrait, viewer: &Viewer) -> AppResult<HashMap<i32, u64>> {
    let rows: Vec<(i32, i64)> = case_study::Entity::find()
        .select_only()
        .column(Column::AuthorityId)
        .column_as(Column::Id.count(), "count")
        .filter(named_and_published(viewer))
        .group_by(Column::AuthorityId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(council, count)| (council, count.max(0) as u64)).collect())
}

/// Published, readable by the viewer, and naming its council: what a
/// council's page and the directory count.
fn named_and_published(viewer: &Viewer) -> Condition {
    Condition::all()
        .add(policy::readable_by(viewer))
        .add(Column::Status.eq(Status::Published))
        .add(Column::Anonymous.eq(false))
}

/// SUBMITTED case studies and published ones with a pending revision, the
/// oldest first. Moderators and admins only.
pub async fn moderation_queue(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    page: PageRequest,
) -> AppResult<Page<case_study::Model>> {
    viewer.require_signed_in()?;
    if !policy::can_open_queue(viewer) {
        return Err(AppError::Forbidden("only moderators can see the moderation queue"));
    }
    let query = case_study::Entity::find()
        .filter(transitions::awaiting_decision())
        .order_by_asc(Column::QueuedAt)
        .order_by_asc(Column::Id);
    paging::fetch(db, query, page).await
}

/// A case study's transitions, oldest first. Only for viewers who may see
/// its workings (`policy::can_see_workings`): the caller checks.
pub async fn history(db: &impl ConnectionTrait, case_study_id: &str) -> AppResult<Vec<case_study_transition::Model>> {
    let mut histories = histories(db, &[case_study_id.to_owned()]).await?;
    Ok(histories.remove(case_study_id).unwrap_or_default())
}

/// The histories of several case studies in one query, by case study id.
pub async fn histories(
    db: &impl ConnectionTrait,
    case_study_ids: &[String],
) -> AppResult<HashMap<String, Vec<case_study_transition::Model>>> {
    let rows = case_study_transition::Entity::find()
        .filter(case_study_transition::Column::CaseStudyId.is_in(case_study_ids.iter().cloned()))
        .order_by_asc(case_study_transition::Column::At)
        .order_by_asc(case_study_transition::Column::Id)
        .all(db)
        .await?;
    let mut by_case_study: HashMap<String, Vec<case_study_transition::Model>> = HashMap::new();
    for row in rows {
        by_case_study.entry(row.case_study_id.clone()).or_default().push(row);
    }
    Ok(by_case_study)
}
