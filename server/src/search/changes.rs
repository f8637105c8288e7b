//! Writing to the search change log, always inside the transaction of the
//! change itself, so the log and the data cannot disagree.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use crate::entities::search_change;
use crate::error::AppResult;

pub async fn record(db: &impl ConnectionTrait, case_study_id: &str) -> AppResult<()> {
    search_change::ActiveModel {
        case_study_id: Set(case_study_id.to_owned()),
        recorded_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
