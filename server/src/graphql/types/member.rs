use async_graphql::{Context, ErrorExtensions, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::AuthorityNode;
use crate::entities::{api_token, member};
use crate::error::AppError;
use crate::graphql::connection::{PageInfo, edges_of};
use crate::graphql::request;
use crate::members::{MemberStatus, Role};
use crate::paging::Page;

pub struct MemberNode(pub member::Model);

#[Object(name = "Member")]
impl MemberNode {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }

    /// To that member and to admins only. Nothing else reaches a `Member`
    /// (`Transition.by` is for admins), so this refusal is a second wall.
    async fn email(&self, ctx: &Context<'_>) -> async_graphql::Result<&str> {
        if !request(ctx)?.viewer.may_see_email_of(&self.0.id) {
            return Err(AppError::NotFound.extend());
        }
        Ok(&self.0.email)
    }

    async fn name(&self) -> Option<&str> {
        self.0.name.as_deref()
    }

    async fn role(&self) -> Role {
        self.0.role
    }

    async fn status(&self) -> MemberStatus {
        self.0.status
    }

    async fn authority(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<AuthorityNode>> {
        let Some(id) = self.0.authority_id else {
            return Ok(None);
        };
        Ok(request(ctx)?.authorities.load_one(id).await?.map(AuthorityNode))
    }
}

#[derive(SimpleObject)]
pub struct MemberEdge {
    pub cursor: String,
    pub node: MemberNode,
}

#[derive(SimpleObject)]
pub struct MemberConnection {
    pub edges: Vec<MemberEdge>,
    pub page_info: PageInfo,
    pub total_count: i32,
}

impl MemberConnection {
    pub fn from_page(page: Page<member::Model>) -> Self {
        let (edges, page_info, total_count) = edges_of(page, MemberNode);
        MemberConnection {
            edges: edges.into_iter().map(|(cursor, node)| MemberEdge { cursor, node }).collect(),
            page_info,
            total_count,
        }
    }
}

/// An API token as its owner sees it: never the token itself, which is shown once, at creation.
pub struct ApiTokenNode(pub api_token::Model);

#[Object(name = "ApiToken")]
impl ApiTokenNode {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }

    async fn name(&self) -> &str {
        &self.0.name
    }

    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }

    /// When a request last used it; null if never.
    async fn last_used_at(&self) -> Option<DateTime<Utc>> {
        self.0.last_used_at
    }

    /// Null while the token works.
    async fn revoked_at(&self) -> Option<DateTime<Utc>> {
        self.0.revoked_at
    }
}

/// A token just created: `token` is shown this once and never again.
#[derive(SimpleObject)]
pub struct CreatedApiToken {
    pub token: String,
    pub api_token: ApiTokenNode,
}
