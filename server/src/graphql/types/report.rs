use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::CaseStudyNode;
use super::case_study::CaseStudyRevisionNode;
use crate::case_studies::listing;
use crate::entities::report_filing;
use crate::graphql::connection::{PageInfo, edges_of};
use crate::graphql::errors::IntoGraphqlResult;
use crate::graphql::request;
use crate::paging::Page;
use crate::reports::{self, ReportReason, ReportStatus, ReportView};

/// A report item: the reports on one published case study, as the viewer
/// may see it (moderators: every reason, never who reported; a reporter: their own).
pub struct ReportNode(pub ReportView);

#[Object(name = "Report")]
impl ReportNode {
    async fn id(&self) -> ID {
        ID(self.0.report.id.clone())
    }

    /// Null when the viewer may not read it (after a takedown, for anyone
    /// outside the owning council and the moderators).
    async fn case_study(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<CaseStudyNode>> {
        let request = request(ctx)?;
        let found = listing::find_by_id(&request.db, &request.viewer, &self.0.report.case_study_id).await.gql()?;
        Ok(found.map(CaseStudyNode))
    }

    /// The viewer's own reason, else the first one given.
    async fn reason(&self) -> ReportReason {
        self.0.reason()
    }

    async fn details(&self) -> Option<&str> {
        self.0.details()
    }

    async fn status(&self) -> ReportStatus {
        self.0.report.status
    }

    /// How many members reported it.
    async fn report_count(&self) -> i32 {
        self.0.report_count as i32
    }

    /// When it was first reported.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.report.created_at
    }

    async fn decided_at(&self) -> Option<DateTime<Utc>> {
        self.0.report.decided_at
    }

    /// The moderator's note on the decision (an upheld report's note is the
    /// takedown's reason). Moderators only: a reporter learns the outcome,
    /// not what the moderator told the council.
    async fn note(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<&str>> {
        let viewer = &request(ctx)?.viewer;
        Ok(self.0.report.note.as_deref().filter(|_| reports::can_review(viewer)))
    }

    /// The reasons and details given, oldest first: every one to moderators,
    /// the viewer's own to a reporter. Never who gave them.
    async fn filings(&self) -> Vec<ReportFilingNode> {
        self.0.filings.iter().map(ReportFilingNode::from).collect()
    }

    /// The case study as it was when first reported. Moderators only.
    async fn snapshot(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<CaseStudyRevisionNode>> {
        if !reports::can_review(&request(ctx)?.viewer) {
            return Ok(None);
        }
        let report = &self.0.report;
        Ok(Some(CaseStudyRevisionNode::new(report.snapshot_version, report.created_at, report.snapshot.clone())))
    }
}

/// One member's report, without the member.
#[derive(SimpleObject)]
#[graphql(name = "ReportFiling")]
pub struct ReportFilingNode {
    pub reason: ReportReason,
    pub details: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<&report_filing::Model> for ReportFilingNode {
    fn from(filing: &report_filing::Model) -> Self {
        ReportFilingNode {
            reason: filing.reason,
            details: filing.details.clone(),
            created_at: filing.created_at,
            updated_at: filing.updated_at,
        }
    }
}

#[derive(SimpleObject)]
pub struct ReportEdge {
    pub cursor: String,
    pub node: ReportNode,
}

#[derive(SimpleObject)]
pub struct ReportConnection {
    pub edges: Vec<ReportEdge>,
    pub page_info: PageInfo,
    pub total_count: i32,
}

impl ReportConnection {
    pub fn from_page(page: Page<ReportView>) -> Self {
        let (edges, page_info, total_count) = edges_of(page, ReportNode);
        ReportConnection {
            edges: edges.into_iter().map(|(cursor, node)| ReportEdge { cursor, node }).collect(),
            page_info,
            total_count,
        }
    }
}
