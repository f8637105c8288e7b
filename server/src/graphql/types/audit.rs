use async_graphql::{Context, ID, InputObject, Json, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::MemberNode;
use crate::audit;
use crate::entities::audit_entry;
use crate::graphql::connection::{PageInfo, edges_of};
use crate::graphql::request;
use crate::paging::Page;

/// One moderator or admin action. Admins only.
pub struct AuditEntryNode(pub audit_entry::Model);

#[Object(name = "AuditEntry")]
impl AuditEntryNode {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }

    /// Who acted; null for the command line, or when the account is gone.
    async fn actor(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<MemberNode>> {
        let Some(actor) = &self.0.actor_id else {
            return Ok(None);
        };
        Ok(request(ctx)?.members.load_one(actor.clone()).await?.map(MemberNode))
    }

    /// The member who acted, by id, even when the account is gone.
    async fn actor_id(&self) -> Option<ID> {
        self.0.actor_id.clone().map(ID)
    }

    /// Such as `case_study.unpublish`.
    async fn action(&self) -> &str {
        &self.0.action
    }

    /// What `targetId` names: `case_study`, `report`, `member`, `api_token`…
    async fn target_type(&self) -> &str {
        &self.0.target_type
    }

    async fn target_id(&self) -> Option<&str> {
        self.0.target_id.as_deref()
    }

    async fn before(&self) -> Option<Json<serde_json::Value>> {
        self.0.before.clone().map(Json)
    }

    async fn after(&self) -> Option<Json<serde_json::Value>> {
        self.0.after.clone().map(Json)
    }
}

/// Every part is optional; they combine. `from` and `to` include both ends.
#[derive(InputObject, Default)]
pub struct AuditFilter {
    /// A member id.
    pub actor: Option<ID>,
    pub action: Option<String>,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

impl From<AuditFilter> for audit::AuditFilter {
    fn from(filter: AuditFilter) -> Self {
        audit::AuditFilter {
            actor: filter.actor.map(|id| id.0),
            action: filter.action,
            target_type: filter.target_type,
            target_id: filter.target_id,
            from: filter.from,
            to: filter.to,
        }
    }
}

#[derive(SimpleObject)]
pub struct AuditEntryEdge {
    pub cursor: String,
    pub node: AuditEntryNode,
}

#[derive(SimpleObject)]
pub struct AuditEntryConnection {
    pub edges: Vec<AuditEntryEdge>,
    pub page_info: PageInfo,
    pub total_count: i32,
}

impl AuditEntryConnection {
    pub fn from_page(page: Page<audit_entry::Model>) -> Self {
        let (edges, page_info, total_count) = edges_of(page, AuditEntryNode);
        AuditEntryConnection {
            edges: edges.into_iter().map(|(cursor, node)| AuditEntryEdge { cursor, node }).collect(),
            page_info,
            total_count,
        }
    }
}
