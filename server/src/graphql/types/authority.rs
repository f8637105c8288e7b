use async_graphql::{Context, Object, SimpleObject};

use super::CaseStudyConnection;
use crate::authorities::{AuthorityKind, succession};
use crate::case_studies::listing;
use crate::entities::authority;
use crate::graphql::connection::{PageInfo, edges_of, page_request};
use crate::graphql::errors::IntoGraphqlResult;
use crate::graphql::request;
use crate::graphql::scalars::Date;

pub struct AuthorityNode(pub authority::Model);

async fn councils(request: &crate::graphql::RequestContext, ids: &[i32]) -> async_graphql::Result<Vec<AuthorityNode>> {
    let mut found = request.authorities.load_many(ids.iter().copied()).await?;
    Ok(ids.iter().filter_map(|id| found.remove(id)).map(AuthorityNode).collect())
}

#[Object(name = "Authority")]
impl AuthorityNode {
    async fn slug(&self) -> &str {
        &self.0.slug
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    /// Its Welsh name (the Welsh councils have one).
    async fn name_cy(&self) -> Option<&str> {
        self.0.name_cy.as_deref()
    }

    async fn gss_code(&self) -> &str {
        &self.0.gss_code
    }

    async fn kind(&self) -> AuthorityKind {
        self.0.kind
    }

    /// Region slug, e.g. `london`, `south-east`, `scotland`.
    async fn region(&self) -> &str {
        &self.0.region
    }

    /// Nation slug: `england`, `scotland`, `wales`, `northern-ireland`.
    async fn nation(&self) -> &str {
        &self.0.nation
    }

    async fn email_domains(&self) -> &[String] {
        &self.0.email_domains.0
    }

    /// Domains the staff of several councils share (shared services): an
    /// address there makes a PENDING member whom an admin places.
    async fn shared_email_domains(&self) -> &[String] {
        &self.0.shared_email_domains.0
    }

    /// Every council that replaced this one, in order (empty while it is current).
    async fn successors(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<AuthorityNode>> {
        let request = request(ctx)?;
        let ids =
            succession::successors_of(&request.db, &[self.0.id]).await.gql()?.remove(&self.0.id).unwrap_or_default();
        councils(request, &ids).await
    }

    /// The councils this one replaced.
    async fn predecessors(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<AuthorityNode>> {
        let request = request(ctx)?;
        let ids =
            succession::predecessors_of(&request.db, &[self.0.id]).await.gql()?.remove(&self.0.id).unwrap_or_default();
        councils(request, &ids).await
    }

    /// The council that replaced this one, once it has ended (the first of `successors`).
    async fn successor(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<AuthorityNode>> {
        let Some(id) = self.0.successor_id else {
            return Ok(None);
        };
        Ok(request(ctx)?.authorities.load_one(id).await?.map(AuthorityNode))
    }

    /// The day the council ended; null while it is current.
    async fn retired_on(&self) -> Option<Date> {
        self.0.retired_on.map(Date::from)
    }

    /// Its published case studies that the viewer may read, never anonymous ones.
    #[graphql(complexity = "first.unwrap_or(20).clamp(1, 100) as usize * child_complexity")]
    async fn case_studies(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<CaseStudyConnection> {
        let request = request(ctx)?;
        let page = page_request(first, after.as_deref()).gql()?;
        let page = listing::of_authority(&request.db, &request.viewer, self.0.id, page).await.gql()?;
        CaseStudyConnection::load(ctx, page).await
    }
}

#[derive(SimpleObject)]
pub struct AuthorityEdge {
    pub cursor: String,
    pub node: AuthorityNode,
}

#[derive(SimpleObject)]
pub struct AuthorityConnection {
    pub edges: Vec<AuthorityEdge>,
    pub page_info: PageInfo,
    pub total_count: i32,
}

impl AuthorityConnection {
    pub fn from_page(page: listing::Page<authority::Model>) -> Self {
        let (edges, page_info, total_count) = edges_of(page, AuthorityNode);
        AuthorityConnection {
            edges: edges.into_iter().map(|(cursor, node)| AuthorityEdge { cursor, node }).collect(),
            page_info,
            total_count,
        }
    }
}
