//! Which councils replaced which: a retired council keeps every successor,
//! in order (a county split in two has two); `authorities.successor_id`
//! stays as the first, for the API's `successor`.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::entities::{authority, authority_successor};
use crate::error::AppResult;

/// Makes `successors` (ids, in order) the successors of `authority_id`.
pub async fn replace_successors(db: &impl ConnectionTrait, authority_id: i32, successors: &[i32]) -> AppResult<()> {
    authority_successor::Entity::delete_many()
        .filter(authority_successor::Column::AuthorityId.eq(authority_id))
        .exec(db)
        .await?;
    let rows: Vec<authority_successor::ActiveModel> = successors
        .iter()
        .enumerate()
        .map(|(position, successor)| authority_successor::ActiveModel {
            authority_id: Set(authority_id),
            successor_id: Set(*successor),
            position: Set(position as i32),
        })
        .collect();
    if !rows.is_empty() {
        authority_successor::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

/// The successors of each of these councils, in order.
pub async fn successors_of(db: &impl ConnectionTrait, ids: &[i32]) -> AppResult<HashMap<i32, Vec<i32>>> {
    let rows = authority_successor::Entity::find()
        .filter(authority_successor::Column::AuthorityId.is_in(ids.iter().copied()))
        .order_by_asc(authority_successor::Column::Position)
        .all(db)
        .await?;
    let mut by_council: HashMap<i32, Vec<i32>> = HashMap::new();
    for row in rows {
        by_council.entry(row.authority_id).or_default().push(row.successor_id);
    }
    Ok(by_council)
}

/// The councils that replaced this one, in order (none while it is current).
pub async fn successors(db: &impl ConnectionTrait, council_id: i32) -> AppResult<Vec<authority::Model>> {
    let ids = successors_of(db, &[council_id]).await?.remove(&council_id).unwrap_or_default();
    let found = super::find_by_ids(db, &ids).await?;
    Ok(ids.iter().filter_map(|id| found.iter().find(|council| council.id == *id).cloned()).collect())
}

/// The councils each of these replaced.
pub async fn predecessors_of(db: &impl ConnectionTrait, ids: &[i32]) -> AppResult<HashMap<i32, Vec<i32>>> {
    let rows = authority_successor::Entity::find()
        .filter(authority_successor::Column::SuccessorId.is_in(ids.iter().copied()))
        .order_by_asc(authority_successor::Column::AuthorityId)
        .all(db)
        .await?;
    let mut by_council: HashMap<i32, Vec<i32>> = HashMap::new();
    for row in rows {
        by_council.entry(row.successor_id).or_default().push(row.authority_id);
    }
    Ok(by_council)
}

/// Every council that now stands for each of these, following successors
/// of successors (a chain of reorganisations), each once, in order.
pub async fn heirs_of(db: &impl ConnectionTrait, ids: &[i32]) -> AppResult<HashMap<i32, Vec<i32>>> {
    let mut heirs: HashMap<i32, Vec<i32>> = HashMap::new();
    let mut frontier: Vec<(i32, i32)> = ids.iter().map(|id| (*id, *id)).collect();
    // Reorganisations nest a few levels at most; the bound stops a cycle an admin made by mistake.
    for _ in 0..8 {
        let from: Vec<i32> = frontier.iter().map(|(_, current)| *current).collect();
        if from.is_empty() {
            break;
        }
        let next = successors_of(db, &from).await?;
        let mut further = Vec::new();
        for (origin, current) in frontier {
            for successor in next.get(&current).into_iter().flatten() {
                let list = heirs.entry(origin).or_default();
                if *successor != origin && !list.contains(successor) {
                    list.push(*successor);
                    further.push((origin, *successor));
                }
            }
        }
        frontier = further;
    }
    Ok(heirs)
}

/// Every council each of these stands for: the ones it replaced, and theirs.
pub async fn ancestors_of(db: &impl ConnectionTrait, id: i32) -> AppResult<Vec<i32>> {
    let mut ancestors: Vec<i32> = Vec::new();
    let mut frontier = vec![id];
    for _ in 0..8 {
        let found = predecessors_of(db, &frontier).await?;
        frontier =
            found.into_values().flatten().filter(|council| *council != id && !ancestors.contains(council)).collect();
        frontier.dedup();
        if frontier.is_empty() {
            break;
        }
        ancestors.extend(&frontier);
    }
    Ok(ancestors)
}
