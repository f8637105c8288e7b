//! Learning between councils: questions to a case study's council, their
//! answers and the moderators' queue of reported ones, and "we reused this"
//! links between case studies.

use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::CaseStudyNode;
use crate::case_studies::reuse::ReuseView;
use crate::entities::values::{QuestionPart, ReuseKind};
use crate::graphql::connection::{PageInfo, edges_of};
use crate::graphql::request;
use crate::paging::Page;
use crate::questions::QuestionView;
use crate::questions::moderation::ReportedQuestion;
use crate::reports::ReportReason;

/// A question to the council that wrote a case study, and its answer.
pub struct QuestionNode(pub QuestionView);

#[Object(name = "Question")]
impl QuestionNode {
    async fn id(&self) -> ID {
        ID(self.0.question.id.clone())
    }

    async fn case_study_id(&self) -> ID {
        ID(self.0.question.case_study_id.clone())
    }

    /// Null once a moderator removed it (moderators still read it).
    async fn body(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<&str>> {
        let viewer = &request(ctx)?.viewer;
        Ok(Some(self.0.question.body.as_str()).filter(|_| !self.0.question.question_removed || viewer.is_moderator()))
    }

    /// The asker chose to let everyone who can read the case study read the exchange.
    async fn public(&self) -> bool {
        self.0.question.public
    }

    async fn asked_at(&self) -> DateTime<Utc> {
        self.0.question.asked_at
    }

    /// "An officer at Kent County Council": never the member.
    async fn asker_label(&self) -> &str {
        &self.0.asker_label
    }

    /// Null until answered, or once a moderator removed the answer.
    async fn answer(&self) -> Option<&str> {
        self.0.answer.as_deref()
    }

    async fn answered_at(&self) -> Option<DateTime<Utc>> {
        self.0.answer.as_ref().and(self.0.question.answered_at)
    }

    /// The answering council, or its anonymous label on an anonymous case study.
    async fn answerer_label(&self) -> Option<&str> {
        self.0.answerer_label.as_deref()
    }

    /// The viewer asked it.
    async fn mine(&self) -> bool {
        self.0.mine
    }

    /// The viewer may answer it (a member of the owning council).
    async fn answerable(&self) -> bool {
        self.0.answerable
    }

    /// A moderator removed the question (moderators only see it then).
    async fn question_removed(&self) -> bool {
        self.0.question.question_removed
    }

    async fn answer_removed(&self) -> bool {
        self.0.question.answer_removed && self.0.question.answer.is_some()
    }
}

/// The open reports of one question or answer, for moderators.
pub struct ReportedQuestionNode(pub ReportedQuestion);

#[Object(name = "ReportedQuestion")]
impl ReportedQuestionNode {
    async fn question(&self) -> QuestionNode {
        QuestionNode(self.0.question.clone())
    }

    async fn part(&self) -> QuestionPart {
        self.0.part
    }

    async fn reasons(&self) -> &[ReportReason] {
        &self.0.reasons
    }

    async fn details(&self) -> &[String] {
        &self.0.details
    }

    async fn report_count(&self) -> i32 {
        self.0.report_count as i32
    }

    async fn first_reported_at(&self) -> DateTime<Utc> {
        self.0.first_reported_at
    }
}

#[derive(SimpleObject)]
pub struct ReportedQuestionEdge {
    pub cursor: String,
    pub node: ReportedQuestionNode,
}

#[derive(SimpleObject)]
pub struct ReportedQuestionConnection {
    pub edges: Vec<ReportedQuestionEdge>,
    pub page_info: PageInfo,
    pub total_count: i32,
}

impl ReportedQuestionConnection {
    pub fn from_page(page: Page<ReportedQuestion>) -> Self {
        let (edges, page_info, total_count) = edges_of(page, ReportedQuestionNode);
        ReportedQuestionConnection {
            edges: edges.into_iter().map(|(cursor, node)| ReportedQuestionEdge { cursor, node }).collect(),
            page_info,
            total_count,
        }
    }
}

/// "We reused this": `from` (the reusing council's case study) followed `to`.
pub struct ReuseLinkNode(pub ReuseView);

#[Object(name = "ReuseLink")]
impl ReuseLinkNode {
    async fn id(&self) -> ID {
        ID(self.0.link.id.clone())
    }

    async fn kind(&self) -> ReuseKind {
        self.0.link.kind
    }

    /// The reusing council's case study.
    async fn from(&self) -> CaseStudyNode {
        CaseStudyNode(self.0.from.clone())
    }

    /// The case study it reused.
    async fn to(&self) -> CaseStudyNode {
        CaseStudyNode(self.0.to.clone())
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.link.created_at
    }
}
