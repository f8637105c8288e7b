//! Review dates: every published case study has a date by which its council
//! should check it is still accurate (a year after publication unless its
//! authors choose another). When the date passes, the council is reminded
//! once for that date; confirming "still accurate" moves the date on.

use chrono::{Months, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, Set,
    TransactionTrait,
};

use super::load_published_to_keep;
use crate::case_studies::Status;
use crate::entities::case_study::{self, Column};
use crate::error::{AppError, AppResult};
use crate::identity::Viewer;
use crate::notifications::Site;
use crate::search_sync::changes::Outbox;

/// The review date a case study gets when published on `on`.
pub fn default_review_by(on: NaiveDate) -> NaiveDate {
    on.checked_add_months(Months::new(12)).unwrap_or(on)
}

/// The owning council confirms it is still accurate: reviewed today, and
/// due again on `review_by` (a year on when not given; at most five years).
pub async fn confirm(
    outbox: &Outbox,
    viewer: &Viewer,
    id: &str,
    review_by: Option<String>,
) -> AppResult<case_study::Model> {
    viewer.require_signed_in()?;
    let viewer = viewer.clone();
    let id = id.to_owned();
    outbox
        .transaction(|txn| {
            Box::pin(async move {
                let current =
                    load_published_to_keep(txn, &viewer, &id, "only a published case study is reviewed").await?;
                let today = Utc::now().date_naive();
                let review_by = match review_by.as_deref().map(str::trim) {
                    None | Some("") => None,
                    Some(text) => Some(
                        NaiveDate::parse_from_str(text, "%Y-%m-%d")
                            .map_err(|_| AppError::bad_input("reviewBy", "a date, as YYYY-MM-DD"))?,
                    ),
                };
                let review_by = match review_by {
                    None => default_review_by(today),
                    Some(date) if date <= today => {
                        return Err(AppError::bad_input("reviewBy", "must be after today"));
                    }
                    Some(date) if date > today.checked_add_months(Months::new(60)).unwrap_or(today) => {
                        return Err(AppError::bad_input("reviewBy", "must be within five years"));
                    }
                    Some(date) => date,
                };
                let mut reviewed = current.into_active_model();
                reviewed.last_reviewed_on = Set(Some(today));
                reviewed.review_by = Set(Some(review_by));
                Ok(reviewed.update(txn).await?)
            })
        })
        .await
}

/// Whether its review date has passed (for "our case studies").
pub fn is_due(case_study: &case_study::Model, today: NaiveDate) -> bool {
    case_study.status == Status::Published && case_study.review_by.is_some_and(|date| date <= today)
}

/// Reminds each council of its case studies whose review date has passed
/// and which it was not yet reminded of for that date. Each reminder is
/// claimed by a conditional update in the transaction that writes it.
pub async fn remind_due(db: &DatabaseConnection, site: &Site, today: NaiveDate) -> AppResult<usize> {
    let not_reminded = Condition::any()
        .add(Column::ReviewRemindedFor.is_null())
        .add(ExprTrait::ne(Expr::col(Column::ReviewRemindedFor), Expr::col(Column::ReviewBy)));
    let due = case_study::Entity::find()
        .filter(Column::Status.eq(Status::Published))
        .filter(Column::ReviewBy.lte(today))
        .filter(not_reminded.clone())
        .all(db)
        .await?;
    let mut reminded = 0;
    for case_study in due {
        let txn = db.begin().await?;
        let claimed = case_study::Entity::update_many()
            .col_expr(Column::ReviewRemindedFor, Expr::col(Column::ReviewBy))
            .filter(Column::Id.eq(&case_study.id))
            .filter(Column::Status.eq(Status::Published))
            .filter(Column::ReviewBy.lte(today))
            .filter(not_reminded.clone())
            .exec(&txn)
            .await?
            .rows_affected
            == 1;
        if claimed {
            crate::notifications::events::review_due(&txn, site, &case_study).await?;
            reminded += 1;
        }
        txn.commit().await?;
    }
    Ok(reminded)
}
