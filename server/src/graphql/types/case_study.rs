use async_graphql::{ComplexObject, Context, ErrorExtensions, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::{AuthorityNode, MemberNode, TermNode};
use crate::case_studies::evidence::EvidenceStrength;
use crate::case_studies::reuse;
use crate::case_studies::{
    CaseStudyContent, CostBand, Language, Outcome, Status, Visibility, markdown, personal_data, policy,
};
use crate::case_studies::{MAX_COLLABORATORS, MAX_TECHNOLOGIES};
use crate::entities::json::Link;
use crate::entities::{case_study, case_study_transition};
use crate::graphql::connection::{PageInfo, edges_of};
use crate::graphql::errors::IntoGraphqlResult;
use crate::graphql::limits::{HISTORY_SIZE, INDEX_READ_COST, MAX_SERVICE_AREAS, page_size};
use crate::graphql::loaders::load_now;
use crate::graphql::scalars::Date;
use crate::graphql::{RequestContext, request};
use crate::i18n::Locale;
use crate::members;
use crate::paging::Page;
use crate::taxonomy::TermKind;

pub struct CaseStudyNode(pub case_study::Model);

#[Object(name = "CaseStudy")]
impl CaseStudyNode {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }

    async fn slug(&self) -> &str {
        &self.0.slug
    }

    async fn title(&self) -> &str {
        &self.0.title
    }

    async fn summary(&self) -> &str {
        &self.0.summary
    }

    /// Markdown as written.
    async fn body(&self) -> &str {
        &self.0.body
    }

    /// The body rendered to sanitised HTML.
    async fn body_html(&self) -> String {
        markdown::render(&self.0.body)
    }

    async fn outcome(&self) -> Outcome {
        self.0.outcome
    }

    async fn status(&self) -> Status {
        self.0.status
    }

    async fn visibility(&self) -> Visibility {
        self.0.visibility
    }

    async fn anonymous(&self) -> bool {
        self.0.anonymous
    }

    /// Null to viewers who may not see the council of an anonymous case study.
    async fn authority(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<AuthorityNode>> {
        let request = request(ctx)?;
        if !policy::can_see_council(&request.viewer, &self.0) {
            return Ok(None);
        }
        Ok(request.authorities.load_one(self.0.authority_id).await?.map(AuthorityNode))
    }

    /// The council's name, or "A London borough"-style when it is hidden.
    async fn authority_label(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        let request = request(ctx)?;
        let authority = request
            .authorities
            .load_one(self.0.authority_id)
            .await?
            .ok_or_else(|| async_graphql::Error::new("internal error"))?;
        Ok(policy::council_label(&request.viewer, &self.0, &authority, Locale::English))
    }

    async fn lessons(&self) -> &[String] {
        &self.0.lessons.0
    }

    #[graphql(complexity = "MAX_SERVICE_AREAS * child_complexity")]
    async fn service_areas(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<TermNode>> {
        terms(request(ctx)?, TermKind::ServiceArea, &self.0.service_areas.0).await
    }

    #[graphql(complexity = "MAX_TECHNOLOGIES * child_complexity")]
    async fn technologies(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<TermNode>> {
        terms(request(ctx)?, TermKind::Technology, &self.0.technologies.0).await
    }

    async fn tags(&self) -> &[String] {
        &self.0.tags.0
    }

    async fn cost_band(&self) -> CostBand {
        self.0.cost_band
    }

    async fn started_on(&self) -> Date {
        Date::from(self.0.started_on)
    }

    async fn ended_on(&self) -> Option<Date> {
        self.0.ended_on.map(Date::from)
    }

    async fn evidence_strength(&self) -> Option<EvidenceStrength> {
        self.0.evidence().strength
    }

    /// The outside evaluation's address, when there is one.
    async fn evaluation_url(&self) -> Option<&str> {
        self.0.evidence().evaluation_url.as_deref()
    }

    /// Whole pounds.
    async fn planned_cost(&self) -> Option<i64> {
        self.0.evidence().planned_cost
    }

    /// Whole pounds.
    async fn actual_cost(&self) -> Option<i64> {
        self.0.evidence().actual_cost
    }

    async fn planned_end_on(&self) -> Option<Date> {
        self.0.evidence().planned_end_on.map(Date::from)
    }

    /// True when the actual cost exceeds the planned; null unless both are known.
    async fn over_budget(&self) -> Option<bool> {
        self.0.evidence().over_budget()
    }

    /// True when it ended after its planned end; null unless both dates are known.
    async fn late(&self) -> Option<bool> {
        self.0.evidence().late(self.0.ended_on)
    }

    async fn do_differently(&self) -> &[String] {
        &self.0.evidence().do_differently
    }

    /// The language it is written in: a Welsh one's `title` and `summary` are Welsh.
    async fn language(&self) -> Language {
        self.0.languages().language
    }

    /// The Welsh title beside the English `title`, when there is one.
    async fn title_cy(&self) -> Option<&str> {
        self.0.languages().title_cy.as_deref()
    }

    /// The Welsh summary beside the English `summary`, when there is one.
    async fn summary_cy(&self) -> Option<&str> {
        self.0.languages().summary_cy.as_deref()
    }

    async fn partners(&self) -> &[String] {
        &self.0.partners.0
    }

    /// Empty to viewers who may not see the council of an anonymous case study.
    #[graphql(complexity = "MAX_COLLABORATORS * child_complexity")]
    async fn collaborators(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<AuthorityNode>> {
        let request = request(ctx)?;
        if !policy::can_see_council(&request.viewer, &self.0) {
            return Ok(Vec::new());
        }
        collaborators(request, &self.0.collaborators.0).await
    }

    async fn links(&self) -> Vec<LinkNode> {
        self.0.links.0.iter().map(LinkNode::from).collect()
    }

    /// Signed-in members only, and never for a hidden council.
    async fn contact_email(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<&str>> {
        let request = request(ctx)?;
        Ok(self.0.contact_email.as_deref().filter(|_| policy::can_see_contact(&request.viewer, &self.0)))
    }

    async fn version(&self) -> i32 {
        self.0.version
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }

    async fn published_at(&self) -> Option<DateTime<Utc>> {
        self.0.published_at
    }

    /// Every workflow transition, oldest first. Empty to viewers outside the
    /// owning council and the moderators.
    #[graphql(complexity = "HISTORY_SIZE * child_complexity")]
    async fn history(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<TransitionNode>> {
        let request = request(ctx)?;
        if !policy::can_see_workings(&request.viewer, &self.0) {
            return Ok(Vec::new());
        }
        let transitions = request.transitions.load_one(self.0.id.clone()).await?.unwrap_or_default();
        Ok(transitions.into_iter().map(TransitionNode).collect())
    }

    /// The proposed edit of a published case study, waiting for moderation
    /// (or returned to its authors). Owning council and moderators only.
    async fn pending_revision(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<CaseStudyRevisionNode>> {
        let request = request(ctx)?;
        if !policy::can_see_workings(&request.viewer, &self.0) {
            return Ok(None);
        }
        let revision = request.revisions.load_one(self.0.id.clone()).await?;
        Ok(revision.map(|revision| CaseStudyRevisionNode {
            version: revision.version,
            submitted_at: revision.submitted_at,
            needs_changes: revision.state == crate::case_studies::RevisionState::ChangesRequested,
            content: revision.content,
        }))
    }

    /// Likely personal data in its text (email addresses, UK phone numbers,
    /// National Insurance numbers, full postcodes, dates of birth), to check
    /// before submitting or deciding. The owning council and moderators
    /// only; empty for everyone else.
    async fn personal_data_warnings(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<PersonalDataWarningNode>> {
        let request = request(ctx)?;
        if !policy::can_see_workings(&request.viewer, &self.0) {
            return Ok(Vec::new());
        }
        Ok(warnings_of(&crate::case_studies::workflow::live_content(&self.0)))
    }

    /// Why a moderator took it down (an upheld report), while that stands.
    /// Owning council and moderators only; null for everyone else.
    async fn unpublished_reason(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<&str>> {
        let request = request(ctx)?;
        Ok(self.0.unpublished_reason.as_deref().filter(|_| policy::can_see_workings(&request.viewer, &self.0)))
    }

    /// Dated follow-ups, in date order: published ones for every reader;
    /// its council and moderators also see those waiting or sent back.
    #[graphql(complexity = "HISTORY_SIZE * child_complexity")]
    async fn follow_ups(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<super::FollowUpNode>> {
        let request = request(ctx)?;
        let rows = request.follow_ups.load_one(self.0.id.clone()).await?.unwrap_or_default();
        let shown = crate::case_studies::workflow::follow_ups::visible(&request.viewer, &self.0, rows);
        Ok(shown.into_iter().map(super::FollowUpNode).collect())
    }

    /// Questions to its council the viewer may read, oldest first: public
    /// exchanges for every reader; private ones for the asker, the owning
    /// council and moderators.
    #[graphql(complexity = "HISTORY_SIZE * child_complexity")]
    async fn questions(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<super::QuestionNode>> {
        let request = request(ctx)?;
        let mut grouped =
            crate::questions::of_case_studies(&request.db, &request.viewer, &[&self.0], Locale::English).await.gql()?;
        Ok(grouped.remove(&self.0.id).unwrap_or_default().into_iter().map(super::QuestionNode).collect())
    }

    /// The other councils' case studies this one reused, as the viewer may see them.
    #[graphql(complexity = "HISTORY_SIZE * child_complexity")]
    async fn reuses(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<super::ReuseLinkNode>> {
        self.reuse_links(ctx, reuse::Direction::Reuses).await
    }

    /// The case studies of councils that reused this one, as the viewer may see them.
    #[graphql(complexity = "HISTORY_SIZE * child_complexity")]
    async fn reused_by(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<super::ReuseLinkNode>> {
        self.reuse_links(ctx, reuse::Direction::ReusedBy).await
    }

    /// How many councils reused it, among the links the viewer may see.
    async fn reused_by_count(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        let request = request(ctx)?;
        let mut grouped = reuse::of_case_studies(
            &request.db,
            &request.viewer,
            std::slice::from_ref(&self.0.id),
            reuse::Direction::ReusedBy,
        )
        .await
        .gql()?;
        Ok(reuse::councils_reusing(&request.viewer, &grouped.remove(&self.0.id).unwrap_or_default()) as i32)
    }

    /// When its council should next confirm it is still accurate (published case studies).
    async fn review_by(&self) -> Option<Date> {
        self.0.review_by.filter(|_| self.0.status == Status::Published).map(Date::from)
    }

    /// When its council last confirmed it is still accurate.
    async fn last_reviewed_on(&self) -> Option<Date> {
        self.0.last_reviewed_on.map(Date::from)
    }

    /// Published case studies like this one that the viewer may read
    /// (never itself): more-like-this over title, summary, lessons and tags,
    /// boosted by shared service areas and technologies.
    #[graphql(complexity = "INDEX_READ_COST + page_size(first, 5) * child_complexity")]
    async fn similar(&self, ctx: &Context<'_>, first: Option<i32>) -> async_graphql::Result<Vec<CaseStudyNode>> {
        let request = request(ctx)?;
        let first = first.unwrap_or(5);
        if !(0..=100).contains(&first) {
            return Err(crate::error::AppError::bad_input("first", "must be between 0 and 100").extend());
        }
        if self.0.status != Status::Published || first == 0 {
            return Ok(Vec::new());
        }
        let similar = request
            .search
            .similar(&request.db, &request.viewer, &request.index_turn, &self.0, first as usize)
            .await
            .gql()?;
        Ok(similar.into_iter().map(CaseStudyNode).collect())
    }
}

impl CaseStudyNode {
    async fn reuse_links(
        &self,
        ctx: &Context<'_>,
        direction: reuse::Direction,
    ) -> async_graphql::Result<Vec<super::ReuseLinkNode>> {
        let request = request(ctx)?;
        let mut grouped =
            reuse::of_case_studies(&request.db, &request.viewer, std::slice::from_ref(&self.0.id), direction)
                .await
                .gql()?;
        Ok(grouped.remove(&self.0.id).unwrap_or_default().into_iter().map(super::ReuseLinkNode).collect())
    }
}

/// Loads what the selected fields of a page of case studies will need, one
/// query per kind of row, into the request's loader caches. The loaders
/// batch by time as well, but a page of 100 resolves over several polls and
/// could split a batch; prefetching makes the query count independent of
/// timing, and loading at once (`load_now`) spares the batching delay.
pub(super) async fn prefetch(ctx: &Context<'_>, items: &[&case_study::Model]) -> async_graphql::Result<()> {
    let request = request(ctx)?;
    let node = ctx.look_ahead().field("edges").field("node");
    if items.is_empty() || !node.exists() {
        return Ok(());
    }
    let ids: Vec<String> = items.iter().map(|item| item.id.clone()).collect();
    let mut authority_ids: Vec<i32> = items
        .iter()
        .flat_map(|item| std::iter::once(item.authority_id).chain(item.collaborators.0.iter().copied()))
        .collect();
    authority_ids.sort_unstable();
    authority_ids.dedup();
    let authorities = load_now(&request.authorities, &authority_ids).await?;
    let successors: Vec<i32> = authorities.values().filter_map(|authority| authority.successor_id).collect();
    load_now(&request.authorities, &successors).await?;
    if node.field("history").exists() {
        let histories = load_now(&request.transitions, &ids).await?;
        let mut members: Vec<String> =
            histories.values().flatten().filter_map(|transition| transition.member_id.clone()).collect();
        members.sort_unstable();
        members.dedup();
        let acting = load_now(&request.members, &members).await?;
        let councils: Vec<i32> = acting.values().filter_map(|member| member.authority_id).collect();
        load_now(&request.authorities, &councils).await?;
    }
    if node.field("pendingRevision").exists() {
        load_now(&request.revisions, &ids).await?;
    }
    if node.field("followUps").exists() {
        load_now(&request.follow_ups, &ids).await?;
    }
    Ok(())
}

async fn terms(request: &RequestContext, kind: TermKind, keys: &[String]) -> async_graphql::Result<Vec<TermNode>> {
    let taxonomy = request.taxonomy.get().await?;
    Ok(taxonomy.resolve(kind, keys).into_iter().map(TermNode::from).collect())
}

async fn collaborators(request: &RequestContext, ids: &[i32]) -> async_graphql::Result<Vec<AuthorityNode>> {
    let mut found = request.authorities.load_many(ids.iter().copied()).await?;
    Ok(ids.iter().filter_map(|id| found.remove(id)).map(AuthorityNode).collect())
}

#[derive(SimpleObject, Clone, Debug)]
#[graphql(name = "Link")]
pub struct LinkNode {
    pub title: String,
    pub url: String,
}

impl From<&Link> for LinkNode {
    fn from(link: &Link) -> Self {
        LinkNode { title: link.title.clone(), url: link.url.clone() }
    }
}

pub struct TransitionNode(case_study_transition::Model);

#[Object(name = "Transition")]
impl TransitionNode {
    async fn from(&self) -> Option<Status> {
        self.0.from_status
    }

    async fn to(&self) -> Status {
        self.0.to_status
    }

    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }

    /// Who acted: admins only; null for everyone else, who read `byLabel`.
    async fn by(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<MemberNode>> {
        let request = request(ctx)?;
        let Some(member_id) = self.0.member_id.as_ref().filter(|_| request.viewer.is_admin()) else {
            return Ok(None);
        };
        Ok(request.members.load_one(member_id.clone()).await?.map(MemberNode))
    }

    /// Who acted, by role and council ("Moderator, Kent County Council").
    async fn by_label(&self, ctx: &Context<'_>) -> async_graphql::Result<String> {
        let request = request(ctx)?;
        let Some(member_id) = &self.0.member_id else {
            return Ok("Casebook".to_owned());
        };
        let Some(member) =
            request.members.load_one(member_id.clone()).await?.filter(|member| member.erased_at.is_none())
        else {
            return Ok(members::FORMER_MEMBER.to_owned());
        };
        let council = match member.authority_id {
            Some(id) => request.authorities.load_one(id).await?.map(|council| council.name),
            None => None,
        };
        Ok(members::acting_label(member.role, council.as_deref(), Locale::English))
    }

    async fn message(&self) -> Option<&str> {
        self.0.message.as_deref()
    }
}

/// A place where a field seems to hold personal data: `field` is the input
/// path (`body`, `lessons[2]`), `kind` one of EMAIL, PHONE, NI_NUMBER,
/// POSTCODE, DATE_OF_BIRTH, `excerpt` the match in context.
#[derive(SimpleObject)]
#[graphql(name = "PersonalDataWarning")]
pub struct PersonalDataWarningNode {
    pub field: String,
    pub kind: String,
    pub excerpt: String,
}

fn warnings_of(content: &CaseStudyContent) -> Vec<PersonalDataWarningNode> {
    personal_data::scan(content)
        .into_iter()
        .map(|warning| PersonalDataWarningNode {
            field: warning.field,
            kind: warning.kind.as_str().to_owned(),
            excerpt: warning.excerpt,
        })
        .collect()
}

#[derive(SimpleObject)]
#[graphql(name = "CaseStudyRevision", complex)]
pub struct CaseStudyRevisionNode {
    pub version: i32,
    pub submitted_at: DateTime<Utc>,
    /// True when a moderator sent it back with a request for changes.
    pub needs_changes: bool,
    #[graphql(skip)]
    content: CaseStudyContent,
}

impl CaseStudyRevisionNode {
    /// Content as proposed (or, for a report's snapshot, as it was).
    pub fn new(version: i32, submitted_at: DateTime<Utc>, content: CaseStudyContent) -> Self {
        CaseStudyRevisionNode { version, submitted_at, needs_changes: false, content }
    }
}

#[ComplexObject]
impl CaseStudyRevisionNode {
    async fn title(&self) -> &str {
        &self.content.title
    }
    async fn summary(&self) -> &str {
        &self.content.summary
    }
    async fn body(&self) -> &str {
        &self.content.body
    }
    async fn body_html(&self) -> String {
        markdown::render(&self.content.body)
    }
    async fn outcome(&self) -> Outcome {
        self.content.outcome
    }
    async fn lessons(&self) -> &[String] {
        &self.content.lessons
    }
    #[graphql(complexity = "MAX_SERVICE_AREAS * child_complexity")]
    async fn service_areas(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<TermNode>> {
        terms(request(ctx)?, TermKind::ServiceArea, &self.content.service_areas).await
    }
    #[graphql(complexity = "MAX_TECHNOLOGIES * child_complexity")]
    async fn technologies(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<TermNode>> {
        terms(request(ctx)?, TermKind::Technology, &self.content.technologies).await
    }
    async fn tags(&self) -> &[String] {
        &self.content.tags
    }
    async fn cost_band(&self) -> CostBand {
        self.content.cost_band
    }
    async fn started_on(&self) -> Date {
        Date::from(self.content.started_on)
    }
    async fn ended_on(&self) -> Option<Date> {
        self.content.ended_on.map(Date::from)
    }
    async fn partners(&self) -> &[String] {
        &self.content.partners
    }
    async fn evidence_strength(&self) -> Option<EvidenceStrength> {
        self.content.evidence.strength
    }
    async fn evaluation_url(&self) -> Option<&str> {
        self.content.evidence.evaluation_url.as_deref()
    }
    async fn planned_cost(&self) -> Option<i64> {
        self.content.evidence.planned_cost
    }
    async fn actual_cost(&self) -> Option<i64> {
        self.content.evidence.actual_cost
    }
    async fn planned_end_on(&self) -> Option<Date> {
        self.content.evidence.planned_end_on.map(Date::from)
    }
    async fn do_differently(&self) -> &[String] {
        &self.content.evidence.do_differently
    }
    async fn language(&self) -> Language {
        self.content.languages.language
    }
    async fn title_cy(&self) -> Option<&str> {
        self.content.languages.title_cy.as_deref()
    }
    async fn summary_cy(&self) -> Option<&str> {
        self.content.languages.summary_cy.as_deref()
    }
    #[graphql(complexity = "MAX_COLLABORATORS * child_complexity")]
    async fn collaborators(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<AuthorityNode>> {
        collaborators(request(ctx)?, &self.content.collaborators).await
    }
    async fn links(&self) -> Vec<LinkNode> {
        self.content.links.iter().map(LinkNode::from).collect()
    }
    async fn contact_email(&self) -> Option<&str> {
        self.content.contact_email.as_deref()
    }
    async fn visibility(&self) -> Visibility {
        self.content.visibility
    }
    async fn anonymous(&self) -> bool {
        self.content.anonymous
    }
    /// Likely personal data in the proposed text (see `CaseStudy.personalDataWarnings`).
    async fn personal_data_warnings(&self) -> Vec<PersonalDataWarningNode> {
        warnings_of(&self.content)
    }
}

#[derive(SimpleObject)]
pub struct CaseStudyEdge {
    pub cursor: String,
    pub node: CaseStudyNode,
}

#[derive(SimpleObject)]
pub struct CaseStudyConnection {
    pub edges: Vec<CaseStudyEdge>,
    pub page_info: PageInfo,
    pub total_count: i32,
}

impl CaseStudyConnection {
    /// The connection for a page, with what its selection needs prefetched.
    pub async fn load(ctx: &Context<'_>, page: Page<case_study::Model>) -> async_graphql::Result<Self> {
        prefetch(ctx, &page.items.iter().collect::<Vec<_>>()).await?;
        Ok(Self::from_page(page))
    }

    fn from_page(page: Page<case_study::Model>) -> Self {
        let (edges, page_info, total_count) = edges_of(page, CaseStudyNode);
        CaseStudyConnection {
            edges: edges.into_iter().map(|(cursor, node)| CaseStudyEdge { cursor, node }).collect(),
            page_info,
            total_count,
        }
    }
}
