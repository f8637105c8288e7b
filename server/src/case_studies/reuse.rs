//! "We reused this": a council links its own case study to another
//! council's that it followed ("we reused this", "we tried this and it went
//! differently"). Both pages show the link with the other council's
//! outcome, as each viewer may see the two ends (`policy::can_see_reuse`;
//! the councils' names through the case studies' own anonymity), and the
//! index counts a case study as "reused by other councils" only through
//! links everyone who can read it could read (`policy::reuse_counts_for_everyone`).

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use super::policy;
use super::workflow::load_visible;
use crate::entities::values::ReuseKind;
use crate::entities::{case_study, reuse_link};
use crate::error::{AppError, AppResult};
use crate::identity::Viewer;
use crate::search_sync::changes::{Outbox, record};

/// A link as one viewer may see it, with both ends loaded.
#[derive(Clone, Debug)]
pub struct ReuseView {
    pub link: reuse_link::Model,
    pub from: case_study::Model,
    pub to: case_study::Model,
}

/// `linkReuse`: `from` (the viewer's council's case study) reused `to`
/// (another council's, published). Linking the pair again changes its kind.
pub async fn link(outbox: &Outbox, viewer: &Viewer, from: &str, to: &str, kind: ReuseKind) -> AppResult<ReuseView> {
    let member_id = viewer.require_signed_in()?.member_id.clone();
    let viewer = viewer.clone();
    let (from, to) = (from.to_owned(), to.to_owned());
    outbox
        .transaction(|txn| {
            Box::pin(async move {
                let reusing = load_visible(txn, &viewer, &from).await?;
                policy::may_link_reuse(&viewer, &reusing).map_err(AppError::Forbidden)?;
                let reused = load_visible(txn, &viewer, &to).await?;
                if reused.id == reusing.id {
                    return Err(AppError::bad_input("to", "a case study cannot reuse itself"));
                }
                if reused.authority_id == reusing.authority_id {
                    return Err(AppError::bad_input("to", "must be another council's case study"));
                }
                if reused.status != super::Status::Published {
                    return Err(AppError::Conflict("only a published case study can be reused".into()));
                }
                reuse_link::Entity::insert(reuse_link::ActiveModel {
                    id: Set(uuid::Uuid::new_v4().to_string()),
                    from_id: Set(reusing.id.clone()),
                    to_id: Set(reused.id.clone()),
                    kind: Set(kind),
                    created_by: Set(Some(member_id)),
                    created_at: Set(Utc::now()),
                })
                .on_conflict(
                    OnConflict::columns([reuse_link::Column::FromId, reuse_link::Column::ToId])
                        .update_column(reuse_link::Column::Kind)
                        .to_owned(),
                )
                .exec_without_returning(txn)
                .await?;
                // The reused case study's "reused by other councils" may change.
                record(txn, &reused.id).await?;
                let link = reuse_link::Entity::find()
                    .filter(reuse_link::Column::FromId.eq(&reusing.id))
                    .filter(reuse_link::Column::ToId.eq(&reused.id))
                    .one(txn)
                    .await?
                    .ok_or_else(|| AppError::Internal(anyhow::anyhow!("the reuse link just written is missing")))?;
                Ok(ReuseView { link, from: reusing, to: reused })
            })
        })
        .await
}

/// `unlinkReuse`: whoever may link from the reusing case study takes it
/// back. A link the viewer cannot see is NOT_FOUND.
pub async fn unlink(outbox: &Outbox, viewer: &Viewer, id: &str) -> AppResult<()> {
    viewer.require_signed_in()?;
    let viewer = viewer.clone();
    let id = id.to_owned();
    outbox
        .transaction(|txn| {
            Box::pin(async move {
                let link = reuse_link::Entity::find_by_id(id).one(txn).await?.ok_or(AppError::NotFound)?;
                let ends = ends(txn, &[&link]).await?;
                let (Some(from), Some(to)) = (ends.get(&link.from_id), ends.get(&link.to_id)) else {
                    return Err(AppError::NotFound);
                };
                if !policy::can_see_reuse(&viewer, from, to) {
                    return Err(AppError::NotFound);
                }
                policy::may_link_reuse(&viewer, from).map_err(AppError::Forbidden)?;
                reuse_link::Entity::delete_by_id(link.id.clone()).exec(txn).await?;
                record(txn, &link.to_id).await?;
                Ok(())
            })
        })
        .await
}

/// Which way round a case study's links are asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// The case studies it reused (`reuses`).
    Reuses,
    /// The case studies that reused it (`reusedBy`).
    ReusedBy,
}

/// The links of several case studies one way, as the viewer may see them,
/// oldest first, grouped by the case study asked about (one query for the
/// links, one for their other ends).
pub async fn of_case_studies(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    case_study_ids: &[String],
    direction: Direction,
) -> AppResult<HashMap<String, Vec<ReuseView>>> {
    let column = match direction {
        Direction::Reuses => reuse_link::Column::FromId,
        Direction::ReusedBy => reuse_link::Column::ToId,
    };
    let links = reuse_link::Entity::find()
        .filter(column.is_in(case_study_ids.iter().cloned()))
        .order_by_asc(reuse_link::Column::CreatedAt)
        .order_by_asc(reuse_link::Column::Id)
        .all(db)
        .await?;
    let ends = ends(db, &links.iter().collect::<Vec<_>>()).await?;
    let mut grouped: HashMap<String, Vec<ReuseView>> = HashMap::new();
    for link in links {
        let (Some(from), Some(to)) = (ends.get(&link.from_id), ends.get(&link.to_id)) else { continue };
        if !policy::can_see_reuse(viewer, from, to) {
            continue;
        }
        let key = match direction {
            Direction::Reuses => link.from_id.clone(),
            Direction::ReusedBy => link.to_id.clone(),
        };
        grouped.entry(key).or_default().push(ReuseView { link, from: from.clone(), to: to.clone() });
    }
    Ok(grouped)
}

/// How many councils reused a case study, among the links shown to
/// `viewer`. Links from the same named council count once; each link whose
/// council the viewer may not see counts on its own, or the count would
/// tell that an anonymous case study's council is one of the named ones.
pub fn councils_reusing(viewer: &Viewer, links: &[ReuseView]) -> usize {
    let (named, anonymous): (Vec<&ReuseView>, Vec<&ReuseView>) =
        links.iter().partition(|view| policy::can_see_council(viewer, &view.from));
    named.iter().map(|view| view.from.authority_id).collect::<HashSet<_>>().len() + anonymous.len()
}

/// Of these case studies, the ones the index counts as reused by other
/// councils (`policy::reuse_counts_for_everyone`).
pub async fn reused_for_everyone(db: &impl ConnectionTrait, rows: &[case_study::Model]) -> AppResult<HashSet<String>> {
    let ids: Vec<String> = rows.iter().map(|row| row.id.clone()).collect();
    let links = reuse_link::Entity::find().filter(reuse_link::Column::ToId.is_in(ids)).all(db).await?;
    let reusing: Vec<String> = links.iter().map(|link| link.from_id.clone()).collect();
    let reusing: HashMap<String, case_study::Model> = case_study::Entity::find()
        .filter(case_study::Column::Id.is_in(reusing))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id.clone(), row))
        .collect();
    let rows: HashMap<&str, &case_study::Model> = rows.iter().map(|row| (row.id.as_str(), row)).collect();
    Ok(links
        .into_iter()
        .filter(|link| match (reusing.get(&link.from_id), rows.get(link.to_id.as_str())) {
            (Some(from), Some(to)) => policy::reuse_counts_for_everyone(from, to),
            _ => false,
        })
        .map(|link| link.to_id)
        .collect())
}

/// The case studies these ones say they reused: when one of them changes
/// (published, taken down, made members-only), whether those count as reused
/// may change, so the search sync indexes them again too.
pub async fn reused_by_any_of(db: &impl ConnectionTrait, ids: &[String]) -> AppResult<Vec<String>> {
    Ok(reuse_link::Entity::find()
        .filter(reuse_link::Column::FromId.is_in(ids.iter().cloned()))
        .all(db)
        .await?
        .into_iter()
        .map(|link| link.to_id)
        .collect())
}

/// Both ends of these links, by id, in one query.
async fn ends(
    db: &impl ConnectionTrait,
    links: &[&reuse_link::Model],
) -> AppResult<HashMap<String, case_study::Model>> {
    let ids: Vec<String> = links.iter().flat_map(|link| [link.from_id.clone(), link.to_id.clone()]).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(case_study::Entity::find()
        .filter(case_study::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id.clone(), row))
        .collect())
}
