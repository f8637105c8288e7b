use async_graphql::{Context, ID, InputObject, Object};

use super::errors::IntoGraphqlResult;
use super::request;
use super::scalars::Date;
use super::types::{
    ApiTokenNode, AuthorityNode, CaseStudyNode, CreatedApiToken, FollowNode, FollowUpInput, FollowUpNode, MemberNode,
    NotificationSettingsInput, NotificationSettingsNode, QuestionNode, ReportNode, ReuseLinkNode, SavedSearchNode,
    SearchFilter, TermNode,
};
use crate::authorities::{self, AuthorityKind};
use crate::case_studies::evidence::EvidenceStrength;
use crate::case_studies::{self, CostBand, Language, ModerationDecision, Outcome, Visibility, reuse, workflow};
use crate::entities::values::{AlertFrequency, FollowTarget, QuestionPart, ReuseKind};
use crate::members::{self, Role, admin};
use crate::notifications::{alerts, preferences};
use crate::questions;
use crate::reports::{self, ReportDecision, ReportReason};
use crate::taxonomy::{TermKind, admin as taxonomy_admin};

#[derive(Default)]
pub struct Mutation;

#[derive(InputObject)]
pub struct CaseStudyInput {
    pub title: String,
    pub summary: String,
    /// Markdown, at most 100,000 characters.
    pub body: String,
    pub outcome: Outcome,
    pub lessons: Option<Vec<String>>,
    /// Taxonomy keys, 1 to 5.
    pub service_areas: Vec<String>,
    pub technologies: Option<Vec<String>>,
    pub tags: Option<Vec<String>>,
    pub cost_band: Option<CostBand>,
    pub started_on: Date,
    pub ended_on: Option<Date>,
    pub partners: Option<Vec<String>>,
    /// Slugs of the other councils that took part.
    pub collaborators: Option<Vec<String>>,
    pub links: Option<Vec<LinkInput>>,
    pub contact_email: Option<String>,
    pub visibility: Visibility,
    pub anonymous: bool,
    pub evidence_strength: Option<EvidenceStrength>,
    /// The outside evaluation, for INDEPENDENTLY_EVALUATED.
    pub evaluation_url: Option<String>,
    /// Whole pounds; with `actualCost`, decides `costBand`.
    pub planned_cost: Option<i32>,
    /// Whole pounds; decides `costBand`.
    pub actual_cost: Option<i32>,
    pub planned_end_on: Option<Date>,
    /// What the council would do differently, like `lessons`.
    pub do_differently: Option<Vec<String>>,
    /// The language it is written in; BILINGUAL needs `titleCy` and `summaryCy`.
    #[graphql(default_with = "Language::En")]
    pub language: Language,
    /// The Welsh title beside the English `title`.
    pub title_cy: Option<String>,
    /// The Welsh summary beside the English `summary`.
    pub summary_cy: Option<String>,
}

/// An admin's edit of a council: absent fields stay as they are.
#[derive(InputObject)]
pub struct AuthorityInput {
    pub name: Option<String>,
    pub email_domains: Option<Vec<String>>,
    pub shared_email_domains: Option<Vec<String>>,
    pub kind: Option<AuthorityKind>,
    pub region: Option<String>,
    pub retired_on: Option<Date>,
    /// Slugs of the councils that replaced it, in order: it is retired.
    pub successors: Option<Vec<String>>,
}

#[derive(InputObject)]
pub struct LinkInput {
    pub title: String,
    pub url: String,
}

impl From<CaseStudyInput> for case_studies::CaseStudyInput {
    fn from(input: CaseStudyInput) -> Self {
        case_studies::CaseStudyInput {
            title: input.title,
            summary: input.summary,
            body: input.body,
            outcome: Some(input.outcome),
            lessons: input.lessons.unwrap_or_default(),
            service_areas: input.service_areas,
            technologies: input.technologies.unwrap_or_default(),
            tags: input.tags.unwrap_or_default(),
            cost_band: input.cost_band,
            started_on: input.started_on.0,
            ended_on: input.ended_on.map(|date| date.0),
            partners: input.partners.unwrap_or_default(),
            collaborators: input.collaborators.unwrap_or_default(),
            links: input
                .links
                .unwrap_or_default()
                .into_iter()
                .map(|link| case_studies::LinkInput { title: link.title, url: link.url })
                .collect(),
            contact_email: input.contact_email,
            visibility: Some(input.visibility),
            anonymous: input.anonymous,
            evidence: case_studies::EvidenceInput {
                strength: input.evidence_strength,
                evaluation_url: input.evaluation_url,
                planned_cost: input.planned_cost.map(i64::from),
                actual_cost: input.actual_cost.map(i64::from),
                planned_end_on: input.planned_end_on.map(|date| date.0),
                do_differently: input.do_differently.unwrap_or_default(),
            },
            language: Some(input.language),
            title_cy: input.title_cy,
            summary_cy: input.summary_cy,
        }
    }
}

#[Object]
impl Mutation {
    /// A DRAFT of the viewer's council.
    async fn create_case_study(
        &self,
        ctx: &Context<'_>,
        input: CaseStudyInput,
    ) -> async_graphql::Result<CaseStudyNode> {
        let request = request(ctx)?;
        let created = workflow::create(&request.outbox, &request.viewer, input.into()).await.gql()?;
        Ok(CaseStudyNode(created))
    }

    /// Edits the case study at `expectedVersion` (else CONFLICT). An edit to
    /// a PUBLISHED case study becomes its pending revision.
    async fn update_case_study(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        input: CaseStudyInput,
    ) -> async_graphql::Result<CaseStudyNode> {
        let request = request(ctx)?;
        let updated =
            workflow::update(&request.outbox, &request.viewer, &id, expected_version, input.into()).await.gql()?;
        Ok(CaseStudyNode(updated))
    }

    async fn submit_case_study(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<CaseStudyNode> {
        let request = request(ctx)?;
        let changed = workflow::submit(&request.outbox, &request.viewer, &id).await.gql()?;
        Ok(CaseStudyNode(changed))
    }

    async fn withdraw_case_study(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<CaseStudyNode> {
        let request = request(ctx)?;
        let changed = workflow::withdraw(&request.outbox, &request.viewer, &id).await.gql()?;
        Ok(CaseStudyNode(changed))
    }

    /// Takes back the pending revision of a PUBLISHED case study (its
    /// owning council): the live text stays, and it leaves the moderation
    /// queue. CONFLICT when there is no revision.
    async fn withdraw_revision(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<CaseStudyNode> {
        let request = request(ctx)?;
        let changed = workflow::withdraw_revision(&request.outbox, &request.viewer, &id).await.gql()?;
        Ok(CaseStudyNode(changed))
    }

    /// APPROVE, REQUEST_CHANGES (with a message) or REJECT (with a reason).
    async fn moderate_case_study(
        &self,
        ctx: &Context<'_>,
        id: ID,
        decision: ModerationDecision,
        message: Option<String>,
    ) -> async_graphql::Result<CaseStudyNode> {
        let request = request(ctx)?;
        let decided = workflow::moderate(&request.outbox, &request.viewer, &id, decision, message).await.gql()?;
        Ok(CaseStudyNode(decided))
    }

    /// Adds a group of search synonyms (words or phrases that mean the
    /// same), applied at once. Admins only. Returns the group as stored.
    async fn add_search_synonyms(&self, ctx: &Context<'_>, terms: Vec<String>) -> async_graphql::Result<Vec<String>> {
        let request = request(ctx)?;
        request.search.add_synonyms(&request.writer, &request.viewer, terms).await.gql()
    }

    /// Edits a council. Admins only; the edit survives later imports of the register.
    async fn update_authority(
        &self,
        ctx: &Context<'_>,
        slug: String,
        input: AuthorityInput,
    ) -> async_graphql::Result<AuthorityNode> {
        let request = request(ctx)?;
        let changes = authorities::admin::AuthorityChanges {
            name: input.name,
            email_domains: input.email_domains,
            shared_email_domains: input.shared_email_domains,
            kind: input.kind,
            region: input.region,
            retired_on: input.retired_on.map(|date| date.0),
            successors: input.successors,
        };
        Ok(AuthorityNode(authorities::admin::update(&request.outbox, &request.viewer, &slug, changes).await.gql()?))
    }

    /// Removes the synonym group with exactly these words or phrases (in any
    /// order). Admins only. Returns the group removed; NOT_FOUND if none.
    async fn remove_search_synonyms(
        &self,
        ctx: &Context<'_>,
        terms: Vec<String>,
    ) -> async_graphql::Result<Vec<String>> {
        let request = request(ctx)?;
        request.search.remove_synonyms(&request.writer, &request.viewer, terms).await.gql()
    }

    /// A new taxonomy term (a lower-case kebab key, a label). Admins only.
    async fn create_term(
        &self,
        ctx: &Context<'_>,
        kind: TermKind,
        key: String,
        label: String,
        #[graphql(desc = "Its Welsh label.")] label_cy: Option<String>,
    ) -> async_graphql::Result<TermNode> {
        let request = request(ctx)?;
        let created = taxonomy_admin::create(&request.outbox, &request.viewer, kind, &key, &label, label_cy.as_deref());
        Ok(created.await.gql()?.into())
    }

    /// A term's new label, shown everywhere at once. Admins only.
    async fn update_term(
        &self,
        ctx: &Context<'_>,
        kind: TermKind,
        key: String,
        label: String,
        #[graphql(desc = "Its Welsh label: absent keeps it, empty removes it.")] label_cy: Option<String>,
    ) -> async_graphql::Result<TermNode> {
        let request = request(ctx)?;
        let relabelled =
            taxonomy_admin::relabel(&request.outbox, &request.viewer, kind, &key, &label, label_cy.as_deref());
        Ok(relabelled.await.gql()?.into())
    }

    /// Retires a term: no longer offered for new case studies, kept on the old ones and in facets. Admins only.
    async fn retire_term(&self, ctx: &Context<'_>, kind: TermKind, key: String) -> async_graphql::Result<TermNode> {
        let request = request(ctx)?;
        Ok(taxonomy_admin::retire(&request.outbox, &request.viewer, kind, &key).await.gql()?.into())
    }

    /// Folds `from` into `into` on every case study; `from` is gone. Admins only. Returns `into`.
    async fn merge_terms(
        &self,
        ctx: &Context<'_>,
        kind: TermKind,
        from: String,
        into: String,
    ) -> async_graphql::Result<TermNode> {
        let request = request(ctx)?;
        Ok(taxonomy_admin::merge(&request.outbox, &request.viewer, kind, &from, &into).await.gql()?.into())
    }

    /// Creates an API token for the signed-in member. The token is in the
    /// answer this once; only its hash is kept.
    async fn create_api_token(&self, ctx: &Context<'_>, name: String) -> async_graphql::Result<CreatedApiToken> {
        let request = request(ctx)?;
        let (row, token) = members::create_token(&request.writer, &request.viewer, &name).await.gql()?;
        Ok(CreatedApiToken { token, api_token: ApiTokenNode(row) })
    }

    /// Revokes one of the signed-in member's own tokens: it stops working at once.
    async fn revoke_api_token(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<ApiTokenNode> {
        let request = request(ctx)?;
        let member = request.viewer.require_signed_in().gql()?;
        Ok(ApiTokenNode(members::revoke_token(&request.writer, &member.member_id, &id).await.gql()?))
    }

    /// Makes the member one of a council's (a slug); a PENDING member becomes ACTIVE. Admins only.
    async fn assign_member_authority(
        &self,
        ctx: &Context<'_>,
        member_id: ID,
        authority: String,
    ) -> async_graphql::Result<MemberNode> {
        let request = request(ctx)?;
        Ok(MemberNode(admin::assign_council(&request.writer, &request.viewer, &member_id, &authority).await.gql()?))
    }

    /// Changes a member's role. Admins only, and not their own.
    async fn set_member_role(&self, ctx: &Context<'_>, member_id: ID, role: Role) -> async_graphql::Result<MemberNode> {
        let request = request(ctx)?;
        Ok(MemberNode(admin::set_role(&request.writer, &request.viewer, &member_id, role).await.gql()?))
    }

    /// Suspends a member: their sessions end and their tokens stop working at once. Admins only.
    async fn suspend_member(&self, ctx: &Context<'_>, member_id: ID) -> async_graphql::Result<MemberNode> {
        let request = request(ctx)?;
        Ok(MemberNode(admin::suspend(&request.writer, &request.viewer, &member_id).await.gql()?))
    }

    /// Lifts a suspension: ACTIVE again with a council, PENDING without. Admins only.
    async fn reinstate_member(&self, ctx: &Context<'_>, member_id: ID) -> async_graphql::Result<MemberNode> {
        let request = request(ctx)?;
        Ok(MemberNode(admin::reinstate(&request.writer, &request.viewer, &member_id).await.gql()?))
    }

    /// Saves a search (words and filters) for the signed-in member, with how
    /// often its alert comes. ACTIVE members.
    async fn save_search(
        &self,
        ctx: &Context<'_>,
        query: Option<String>,
        filter: Option<SearchFilter>,
        name: String,
        frequency: AlertFrequency,
    ) -> async_graphql::Result<SavedSearchNode> {
        let request = request(ctx)?;
        let filters = filter.unwrap_or_default().into();
        let saved =
            alerts::save_search(&request.writer, &request.viewer, query.unwrap_or_default(), filters, name, frequency)
                .await
                .gql()?;
        Ok(SavedSearchNode(saved))
    }

    /// Deletes one of the signed-in member's saved searches.
    async fn delete_saved_search(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        let request = request(ctx)?;
        alerts::delete(&request.writer, &request.viewer, alerts::SEARCH, &id).await.gql()?;
        Ok(true)
    }

    /// Follows a council (`key`: its slug), a service area or technology
    /// (its key) or a tag. Following again changes the frequency.
    async fn follow(
        &self,
        ctx: &Context<'_>,
        target: FollowTarget,
        key: String,
        frequency: AlertFrequency,
    ) -> async_graphql::Result<FollowNode> {
        let request = request(ctx)?;
        Ok(FollowNode(alerts::follow(&request.writer, &request.viewer, target, key, frequency).await.gql()?))
    }

    async fn unfollow(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        let request = request(ctx)?;
        alerts::delete(&request.writer, &request.viewer, alerts::FOLLOW, &id).await.gql()?;
        Ok(true)
    }

    /// Which notifications the signed-in member gets; absent fields stay.
    async fn update_notification_settings(
        &self,
        ctx: &Context<'_>,
        input: NotificationSettingsInput,
    ) -> async_graphql::Result<NotificationSettingsNode> {
        let request = request(ctx)?;
        let member_id = request.viewer.require_signed_in().gql()?.member_id.clone();
        let chosen = input.apply(preferences::of_member(&request.writer, &member_id).await.gql()?);
        Ok(preferences::save(&request.writer, &member_id, chosen).await.gql()?.into())
    }

    /// The owning council adds a dated follow-up to a published case study;
    /// it waits for a moderator (`moderateCaseStudy`), like a revision.
    async fn add_follow_up(
        &self,
        ctx: &Context<'_>,
        case_study_id: ID,
        input: FollowUpInput,
    ) -> async_graphql::Result<FollowUpNode> {
        let request = request(ctx)?;
        let input = workflow::follow_ups::FollowUpInput {
            written_on: input.written_on.0,
            body: input.body,
            outcome: input.outcome,
        };
        let added = workflow::follow_ups::add(&request.outbox, &request.viewer, &case_study_id, input).await.gql()?;
        Ok(FollowUpNode(added))
    }

    /// The owning council confirms a published case study is still accurate:
    /// reviewed today, due again on `reviewBy` (a year on by default).
    async fn confirm_reviewed(
        &self,
        ctx: &Context<'_>,
        case_study_id: ID,
        review_by: Option<Date>,
    ) -> async_graphql::Result<CaseStudyNode> {
        let request = request(ctx)?;
        let review_by = review_by.map(|date| date.0);
        let reviewed =
            workflow::review::confirm(&request.outbox, &request.viewer, &case_study_id, review_by).await.gql()?;
        Ok(CaseStudyNode(reviewed))
    }

    /// Reports a published case study the viewer can read (ACTIVE members).
    /// A second report by the same member replaces their first.
    async fn report_case_study(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: ReportReason,
        details: Option<String>,
    ) -> async_graphql::Result<ReportNode> {
        let request = request(ctx)?;
        let filing = reports::Filing { reason, details };
        let view =
            reports::file(&request.outbox, &request.viewer, &id, filing, request.reports_per_hour).await.gql()?;
        Ok(ReportNode(view))
    }

    /// A moderator's decision on a report (never on their own work):
    /// DISMISS, or UPHOLD, which unpublishes the case study with `note` as
    /// the reason its council reads.
    async fn decide_report(
        &self,
        ctx: &Context<'_>,
        id: ID,
        decision: ReportDecision,
        note: String,
    ) -> async_graphql::Result<ReportNode> {
        let request = request(ctx)?;
        Ok(ReportNode(reports::decide(&request.outbox, &request.viewer, &id, decision, &note).await.gql()?))
    }

    /// An ACTIVE member of another council asks the council that wrote a
    /// published case study. `public`: may everyone who can read the case
    /// study read the exchange (else only the asker, that council and moderators).
    async fn ask_question(
        &self,
        ctx: &Context<'_>,
        case_study_id: ID,
        body: String,
        public: bool,
    ) -> async_graphql::Result<QuestionNode> {
        let request = request(ctx)?;
        let asked = questions::ask(&request.outbox, &request.viewer, &case_study_id, &body, public).await.gql()?;
        Ok(QuestionNode(asked))
    }

    /// A member of the council that wrote the case study answers (again, to change the answer).
    async fn answer_question(
        &self,
        ctx: &Context<'_>,
        question_id: ID,
        body: String,
    ) -> async_graphql::Result<QuestionNode> {
        let request = request(ctx)?;
        Ok(QuestionNode(questions::answer(&request.outbox, &request.viewer, &question_id, &body).await.gql()?))
    }

    /// Reports a question or its answer to the moderators.
    async fn report_question(
        &self,
        ctx: &Context<'_>,
        question_id: ID,
        part: QuestionPart,
        reason: ReportReason,
        details: Option<String>,
    ) -> async_graphql::Result<QuestionNode> {
        let request = request(ctx)?;
        let reported =
            questions::moderation::report(&request.outbox, &request.viewer, &question_id, part, reason, details)
                .await
                .gql()?;
        Ok(QuestionNode(reported))
    }

    /// A moderator dismisses the open reports of a question or an answer, or
    /// upholds them, which removes that part for everyone but moderators.
    async fn decide_question_reports(
        &self,
        ctx: &Context<'_>,
        question_id: ID,
        part: QuestionPart,
        decision: ReportDecision,
        note: String,
    ) -> async_graphql::Result<QuestionNode> {
        let request = request(ctx)?;
        let decided =
            questions::moderation::decide(&request.outbox, &request.viewer, &question_id, part, decision, &note)
                .await
                .gql()?;
        Ok(QuestionNode(decided))
    }

    /// "We reused this": `from`, the viewer's council's case study, followed
    /// `to`, another council's published one. Linking the pair again changes `kind`.
    async fn link_reuse(
        &self,
        ctx: &Context<'_>,
        from: ID,
        to: ID,
        kind: ReuseKind,
    ) -> async_graphql::Result<ReuseLinkNode> {
        let request = request(ctx)?;
        Ok(ReuseLinkNode(reuse::link(&request.outbox, &request.viewer, &from, &to, kind).await.gql()?))
    }

    /// Removes a link its council made.
    async fn unlink_reuse(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        let request = request(ctx)?;
        reuse::unlink(&request.outbox, &request.viewer, &id).await.gql()?;
        Ok(true)
    }

    /// Erases the signed-in member's account: email, name, sign-in
    /// identities, sessions and tokens. Their case studies stay with their
    /// council; the history names "a former member". `confirmEmail` must be
    /// the account's email.
    async fn delete_my_account(&self, ctx: &Context<'_>, confirm_email: String) -> async_graphql::Result<bool> {
        let request = request(ctx)?;
        members::data_rights::erase_own(&request.writer, &request.viewer, &confirm_email).await.gql()?;
        Ok(true)
    }

    /// Erases a member's account on their request, as `deleteMyAccount` does. Admins only, not their own.
    async fn delete_member(&self, ctx: &Context<'_>, member_id: ID) -> async_graphql::Result<bool> {
        let request = request(ctx)?;
        members::data_rights::erase_member(&request.writer, &request.viewer, &member_id).await.gql()?;
        Ok(true)
    }
}
