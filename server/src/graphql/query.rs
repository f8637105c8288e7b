use async_graphql::{Context, ID, InputObject, Object};

use super::connection::page_request;
use super::errors::IntoGraphqlResult;
use super::limits::{INDEX_READ_COST, page_size};
use super::request;
use super::types::{
    ApiTokenNode, AuditEntryConnection, AuditFilter, AuthorityConnection, AuthorityNode, CaseStudyConnection,
    CaseStudyNode, FollowConnection, MemberConnection, MemberNode, NotificationSettingsNode, ReportConnection,
    ReportedQuestionConnection, SavedSearchConnection, SearchFilter, SearchResults, SearchSort, TaxonomyNode,
};
use crate::audit;
use crate::authorities;
use crate::case_studies::listing::{self, ListFilter, Page};
use crate::case_studies::{Outcome, Status};
use crate::error::AppError;
use crate::members::{self, MemberStatus};
use crate::notifications::{alerts, preferences};
use crate::reports::{self, ReportStatus};

#[derive(Default)]
pub struct Query;

#[derive(InputObject, Default)]
pub struct CaseStudyFilter {
    pub statuses: Option<Vec<Status>>,
    /// Council slug.
    pub authority: Option<String>,
    pub outcomes: Option<Vec<Outcome>>,
}

#[Object]
impl Query {
    /// The signed-in member; null when not signed in.
    async fn me(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<MemberNode>> {
        let request = request(ctx)?;
        let Some(member_id) = request.viewer.member_id() else {
            return Ok(None);
        };
        Ok(request.members.load_one(member_id.to_owned()).await?.map(MemberNode))
    }

    /// The signed-in member's API tokens, newest first, revoked ones included.
    async fn api_tokens(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ApiTokenNode>> {
        let request = request(ctx)?;
        let member = request.viewer.require_signed_in().gql()?;
        let tokens = members::tokens_of(&request.db, &member.member_id).await.gql()?;
        Ok(tokens.into_iter().map(ApiTokenNode).collect())
    }

    /// Members, oldest first, optionally of one status. Admins only.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn members(
        &self,
        ctx: &Context<'_>,
        status: Option<MemberStatus>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<MemberConnection> {
        let request = request(ctx)?;
        let page = page_request(first, after.as_deref()).gql()?;
        let page = members::admin::list(&request.db, &request.viewer, status, page).await.gql()?;
        Ok(MemberConnection::from_page(page))
    }

    /// Members waiting for an admin to assign their council, longest-waiting first. Admins only.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn pending_members(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<MemberConnection> {
        let request = request(ctx)?;
        let page = page_request(first, after.as_deref()).gql()?;
        let page = members::admin::list(&request.db, &request.viewer, Some(MemberStatus::Pending), page).await.gql()?;
        Ok(MemberConnection::from_page(page))
    }

    async fn authority(&self, ctx: &Context<'_>, slug: String) -> async_graphql::Result<Option<AuthorityNode>> {
        let request = request(ctx)?;
        Ok(authorities::find_by_slug(&request.db, &slug).await.gql()?.map(AuthorityNode))
    }

    /// Current councils, by name; `search` matches the start of words of the name.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn authorities(
        &self,
        ctx: &Context<'_>,
        search: Option<String>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<AuthorityConnection> {
        let request = request(ctx)?;
        let page = page_request(first, after.as_deref()).gql()?;
        let matches = authorities::search(&request.db, search.as_deref()).await.gql()?;
        let total_count = matches.len() as u64;
        let page_items: Vec<_> = matches.into_iter().skip(page.offset as usize).take(page.first as usize).collect();
        let has_next_page = page.offset + (page_items.len() as u64) < total_count;
        Ok(AuthorityConnection::from_page(Page { items: page_items, offset: page.offset, has_next_page, total_count }))
    }

    async fn taxonomy(&self) -> TaxonomyNode {
        TaxonomyNode
    }

    /// By id or slug; null when missing or not visible to the viewer.
    async fn case_study(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        slug: Option<String>,
    ) -> async_graphql::Result<Option<CaseStudyNode>> {
        let request = request(ctx)?;
        let found = match (id, slug) {
            (Some(id), _) => listing::find_by_id(&request.db, &request.viewer, &id).await,
            (None, Some(slug)) => listing::find_by_slug(&request.db, &request.viewer, &slug).await,
            (None, None) => Err(AppError::bad_input("id", "give an id or a slug")),
        };
        Ok(found.gql()?.map(CaseStudyNode))
    }

    /// Published case studies the viewer may read, newest first; with other
    /// `statuses`, those the viewer may read in them.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn case_studies(
        &self,
        ctx: &Context<'_>,
        filter: Option<CaseStudyFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<CaseStudyConnection> {
        let request = request(ctx)?;
        let page = page_request(first, after.as_deref()).gql()?;
        let filter = filter.unwrap_or_default();
        let filter = ListFilter {
            statuses: filter.statuses.unwrap_or_default(),
            authority: filter.authority,
            outcomes: filter.outcomes.unwrap_or_default(),
        };
        let page = listing::list(&request.db, &request.viewer, filter, page).await.gql()?;
        CaseStudyConnection::load(ctx, page).await
    }

    /// SUBMITTED case studies and published ones with a pending revision,
    /// oldest first. Moderators and admins.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn moderation_queue(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<CaseStudyConnection> {
        let request = request(ctx)?;
        let page = page_request(first, after.as_deref()).gql()?;
        let page = listing::moderation_queue(&request.db, &request.viewer, page).await.gql()?;
        CaseStudyConnection::load(ctx, page).await
    }

    /// Full-text and faceted search over the published case studies the
    /// viewer may read. A query over 500 characters is BAD_USER_INPUT; any
    /// other text, however odd, is searched.
    #[graphql(complexity = "INDEX_READ_COST + page_size(first, 20) * child_complexity")]
    // The arguments are the API's; a struct would only rename them.
    #[allow(clippy::too_many_arguments)]
    async fn search(
        &self,
        ctx: &Context<'_>,
        query: Option<String>,
        filter: Option<SearchFilter>,
        sort: Option<SearchSort>,
        first: Option<i32>,
        after: Option<String>,
        #[graphql(desc = "At most this many values per facet, the most frequent first (default 100, at most 10000); \
                          selected values are always included.")]
        facet_limit: Option<i32>,
    ) -> async_graphql::Result<SearchResults> {
        let request = request(ctx)?;
        let page = page_request(first, after.as_deref()).gql()?;
        let facet_limit = match facet_limit {
            None => casebook_search::DEFAULT_FACET_LIMIT,
            Some(limit @ 0..=10_000) => limit as usize,
            Some(_) => return Err(AppError::bad_input("facetLimit", "must be between 0 and 10000")).gql(),
        };
        let args = crate::search_sync::SearchArgs {
            facet_limit,
            text: query.unwrap_or_default(),
            filters: filter.unwrap_or_default().into(),
            sort: sort.unwrap_or_default().into(),
            page,
            within: None,
            // The API's labels are English; `nameCy` and `labelCy` carry the Welsh.
            locale: crate::i18n::Locale::English,
        };
        let results = request.search.search(&request.db, &request.viewer, &request.index_turn, args).await.gql()?;
        SearchResults::load(ctx, results).await
    }
    /// Report items of one status, oldest first: OPEN (the default) is the
    /// moderators' queue. Moderators and admins.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn reports(
        &self,
        ctx: &Context<'_>,
        status: Option<ReportStatus>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<ReportConnection> {
        let request = request(ctx)?;
        let page = page_request(first, after.as_deref()).gql()?;
        let status = status.unwrap_or(ReportStatus::Open);
        let page = reports::list(&request.db, &request.viewer, status, page).await.gql()?;
        Ok(ReportConnection::from_page(page))
    }

    /// Questions and answers with open reports, oldest report first. Moderators and admins.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn question_reports(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<ReportedQuestionConnection> {
        let request = request(ctx)?;
        let page = page_request(first, after.as_deref()).gql()?;
        let page = crate::questions::moderation::queue(&request.db, &request.viewer, page).await.gql()?;
        Ok(ReportedQuestionConnection::from_page(page))
    }

    /// The reports the signed-in member made, newest first, with their outcome.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn my_reports(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<ReportConnection> {
        let request = request(ctx)?;
        let page = page_request(first, after.as_deref()).gql()?;
        let page = reports::of_reporter(&request.db, &request.viewer, page).await.gql()?;
        Ok(ReportConnection::from_page(page))
    }

    /// The signed-in member's saved searches, oldest first.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn saved_searches(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<SavedSearchConnection> {
        let request = request(ctx)?;
        let page = page_request(first, after.as_deref()).gql()?;
        let page = alerts::list(&request.db, &request.viewer, alerts::SEARCH, page).await.gql()?;
        Ok(SavedSearchConnection::from_page(page))
    }

    /// What the signed-in member follows, oldest first.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn follows(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<FollowConnection> {
        let request = request(ctx)?;
        let page = page_request(first, after.as_deref()).gql()?;
        let page = alerts::list(&request.db, &request.viewer, alerts::FOLLOW, page).await.gql()?;
        Ok(FollowConnection::from_page(page))
    }

    /// Which notifications the signed-in member gets.
    async fn notification_settings(&self, ctx: &Context<'_>) -> async_graphql::Result<NotificationSettingsNode> {
        let request = request(ctx)?;
        let member_id = request.viewer.require_signed_in().gql()?.member_id.clone();
        Ok(preferences::of_member(&request.db, &member_id).await.gql()?.into())
    }

    /// Every moderator and admin action, newest first. Admins only.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        filter: Option<AuditFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<AuditEntryConnection> {
        let request = request(ctx)?;
        let page = page_request(first, after.as_deref()).gql()?;
        let filter: audit::AuditFilter = filter.unwrap_or_default().into();
        let page = audit::list(&request.db, &request.viewer, &filter, page).await.gql()?;
        Ok(AuditEntryConnection::from_page(page))
    }

    /// Everything Casebook holds about the signed-in member, as JSON: the
    /// account, sign-in identities, sessions and API tokens (metadata only),
    /// the case studies they created or edited, their workflow steps, their
    /// reports, and what they did as a moderator or admin.
    async fn my_data(&self, ctx: &Context<'_>) -> async_graphql::Result<async_graphql::Json<serde_json::Value>> {
        let request = request(ctx)?;
        Ok(async_graphql::Json(members::data_rights::export(&request.db, &request.viewer).await.gql()?))
    }

    /// The synonym groups admins added, oldest first (the built-in ones are
    /// not listed). Admins only.
    async fn search_synonyms(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Vec<String>>> {
        let request = request(ctx)?;
        request.search.synonyms(&request.db, &request.viewer).await.gql()
    }
}
