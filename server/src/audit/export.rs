//! The trail as CSV (RFC 4180, written by the `csv` crate), for admins.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::{AuditFilter, require_reader};
use crate::entities::audit_entry;
use crate::error::{AppError, AppResult};
use crate::identity::Viewer;
use crate::members;

/// Rows read per query while exporting.
const BATCH: u64 = 1_000;

pub const HEADER: [&str; 9] =
    ["id", "at", "actor_id", "actor", "action", "target_type", "target_id", "before", "after"];

/// Every entry the filter matches, newest first, as CSV with a header row.
/// `actor` is who acted as the history labels them ("Admin, Kent County
/// Council"); `before` and `after` are JSON.
pub async fn csv(db: &impl ConnectionTrait, viewer: &Viewer, filter: &AuditFilter) -> AppResult<String> {
    require_reader(viewer)?;
    let condition = filter.condition()?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADER).map_err(|error| AppError::Internal(error.into()))?;
    let mut before_id: Option<i64> = None;
    loop {
        let mut query = audit_entry::Entity::find().filter(condition.clone());
        if let Some(id) = before_id {
            query = query.filter(audit_entry::Column::Id.lt(id));
        }
        let batch = query.order_by_desc(audit_entry::Column::Id).limit(BATCH).all(db).await?;
        let Some(last) = batch.last() else { break };
        before_id = Some(last.id);
        let mut actors: Vec<String> = batch.iter().filter_map(|entry| entry.actor_id.clone()).collect();
        actors.sort_unstable();
        actors.dedup();
        let labels = members::acting_labels(db, &actors, crate::i18n::Locale::English).await?;
        for entry in &batch {
            let json =
                |value: &Option<serde_json::Value>| value.as_ref().map(|value| value.to_string()).unwrap_or_default();
            let actor = match &entry.actor_id {
                None => "Command line".to_owned(),
                Some(id) => labels.get(id).cloned().unwrap_or_else(|| members::FORMER_MEMBER.to_owned()),
            };
            writer
                .write_record([
                    entry.id.to_string(),
                    entry.at.to_rfc3339(),
                    entry.actor_id.clone().unwrap_or_default(),
                    actor,
                    entry.action.clone(),
                    entry.target_type.clone(),
                    entry.target_id.clone().unwrap_or_default(),
                    json(&entry.before),
                    json(&entry.after),
                ])
                .map_err(|error| AppError::Internal(error.into()))?;
        }
        if (batch.len() as u64) < BATCH {
            break;
        }
    }
    let bytes = writer.into_inner().map_err(|error| AppError::Internal(anyhow::anyhow!("{error}")))?;
    String::from_utf8(bytes).map_err(|error| AppError::Internal(error.into()))
}
