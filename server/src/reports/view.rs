//! A report item as one viewer may see it: moderators read every filing (the
//! reasons and details, never who filed them); a reporter reads their own.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::{ReportReason, can_review};
use crate::entities::{report, report_filing};
use crate::error::AppResult;
use crate::identity::Viewer;
use crate::paging::Page;

#[derive(Clone, Debug)]
pub struct ReportView {
    pub report: report::Model,
    /// What the viewer may read of the filings, oldest first: all of them
    /// for a moderator, their own for a reporter.
    pub filings: Vec<report_filing::Model>,
    /// The viewer's own filing, if they reported it.
    pub own: Option<report_filing::Model>,
    /// How many members reported it.
    pub report_count: usize,
}

impl ReportView {
    /// The reason shown for the item: the viewer's own, else the first one filed.
    pub fn reason(&self) -> ReportReason {
        self.headline().map_or(ReportReason::Other, |filing| filing.reason)
    }

    pub fn details(&self) -> Option<&str> {
        self.headline().and_then(|filing| filing.details.as_deref())
    }

    fn headline(&self) -> Option<&report_filing::Model> {
        self.own.as_ref().or_else(|| self.filings.first())
    }

    pub async fn load(db: &impl ConnectionTrait, viewer: &Viewer, report: report::Model) -> AppResult<Self> {
        let mut filings = filings_of(db, std::slice::from_ref(&report.id)).await?;
        let of_item = filings.remove(&report.id).unwrap_or_default();
        Ok(Self::new(viewer, report, of_item))
    }

    /// A page of items, with their filings in one query.
    pub async fn load_page(
        db: &impl ConnectionTrait,
        viewer: &Viewer,
        page: Page<report::Model>,
    ) -> AppResult<Page<Self>> {
        let ids: Vec<String> = page.items.iter().map(|item| item.id.clone()).collect();
        let mut filings = filings_of(db, &ids).await?;
        Ok(page.map(|item| {
            let of_item = filings.remove(&item.id).unwrap_or_default();
            Self::new(viewer, item, of_item)
        }))
    }

    fn new(viewer: &Viewer, report: report::Model, all: Vec<report_filing::Model>) -> Self {
        let own = viewer.member_id().and_then(|me| all.iter().find(|filing| filing.member_id == me).cloned());
        let report_count = all.len();
        let filings = if can_review(viewer) { all } else { own.iter().cloned().collect() };
        ReportView { report, filings, own, report_count }
    }
}

/// The filings of these items, by item, oldest first.
async fn filings_of(
    db: &impl ConnectionTrait,
    report_ids: &[String],
) -> AppResult<HashMap<String, Vec<report_filing::Model>>> {
    let rows = report_filing::Entity::find()
        .filter(report_filing::Column::ReportId.is_in(report_ids.iter().cloned()))
        .order_by_asc(report_filing::Column::CreatedAt)
        .order_by_asc(report_filing::Column::MemberId)
        .all(db)
        .await?;
    let mut by_item: HashMap<String, Vec<report_filing::Model>> = HashMap::new();
    for row in rows {
        by_item.entry(row.report_id.clone()).or_default().push(row);
    }
    Ok(by_item)
}
