//! Reading case studies: one by id or slug, and pages of them, always
//! through the viewer's read permission.

use sea_orm::sea_query::NullOrdering;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::{Outcome, Status, policy};
use crate::authorities;
use crate::entities::case_study::{self, Column};
use crate::error::{AppError, AppResult};
use crate::identity::Viewer;

/// The deepest a list may be paged: far beyond any list a person reads, and
/// far below what the databases' signed 64-bit offsets can hold.
pub const MAX_OFFSET: u64 = 10_000_000;

/// A page request: `first` items after `offset`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageRequest {
    pub offset: u64,
    pub first: u64,
}

#[derive(Clone, Debug)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub offset: u64,
    pub has_next_page: bool,
    pub total_count: u64,
}

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
    let mut condition = Condition::all().add(policy::readable_by(viewer)).add(Column::Status.is_in(statuses));
    if !filter.outcomes.is_empty() {
        condition = condition.add(Column::Outcome.is_in(filter.outcomes));
    }
    if let Some(slug) = filter.authority {
        let Some(authority) = authorities::find_by_slug(db, &slug).await? else {
            return Ok(Page { items: Vec::new(), offset: page.offset, has_next_page: false, total_count: 0 });
        };
        condition = condition.add(Column::AuthorityId.eq(authority.id)).add(policy::council_visible_to(viewer));
    }
    let query = case_study::Entity::find()
        .filter(condition)
        .order_by_with_nulls(Column::PublishedAt, Order::Desc, NullOrdering::Last)
        .order_by_desc(Column::CreatedAt)
        .order_by_desc(Column::Id);
    fetch_page(db, query, page).await
}

/// The published case studies of a council that name it: never anonymous
/// ones, whoever asks, so a council page cannot be used to unmask them.
pub async fn of_authority(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    authority_id: i32,
    page: PageRequest,
) -> AppResult<Page<case_study::Model>> {
    let query = case_study::Entity::find()
        .filter(policy::readable_by(viewer))
        .filter(Column::Status.eq(Status::Published))
        .filter(Column::AuthorityId.eq(authority_id))
        .filter(Column::Anonymous.eq(false))
        .order_by_desc(Column::PublishedAt)
        .order_by_desc(Column::Id);
    fetch_page(db, query, page).await
}

/// Whether a case study waits in the moderation queue: the one-row form of
/// `moderation_queue`'s filter (change both or neither).
pub fn awaits_decision(case_study: &case_study::Model) -> bool {
    case_study.queued_at.is_some() && matches!(case_study.status, Status::Submitted | Status::Published)
}

/// SUBMITTED case studies and published ones with a pending revision, the
/// oldest first. Moderators and admins only.
pub async fn moderation_queue(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    page: PageRequest,
) -> AppResult<Page<case_study::Model>> {
    viewer.require_signed_in()?;
    if !viewer.is_moderator() {
        return Err(AppError::Forbidden("only moderators can see the moderation queue"));
    }
    let query = case_study::Entity::find()
        .filter(Column::QueuedAt.is_not_null())
        .filter(Column::Status.is_in([Status::Submitted, Status::Published]))
        .order_by_asc(Column::QueuedAt)
        .order_by_asc(Column::Id);
    fetch_page(db, query, page).await
}

async fn fetch_page(
    db: &impl ConnectionTrait,
    query: sea_orm::Select<case_study::Entity>,
    page: PageRequest,
) -> AppResult<Page<case_study::Model>> {
    let total_count = query.clone().count(db).await?;
    let mut items = query.offset(page.offset).limit(page.first + 1).all(db).await?;
    let has_next_page = items.len() as u64 > page.first;
    items.truncate(page.first as usize);
    Ok(Page { items, offset: page.offset, has_next_page, total_count })
}
