use async_graphql::{Context, ID, Object};

use super::AuthorityNode;
use crate::entities::member;
use crate::graphql::request;
use crate::members::{MemberStatus, Role};

pub struct MemberNode(pub member::Model);

#[Object(name = "Member")]
impl MemberNode {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }

    async fn email(&self) -> &str {
        &self.0.email
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
