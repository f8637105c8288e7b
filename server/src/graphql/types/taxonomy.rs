use async_graphql::{Context, Object, SimpleObject};

use crate::graphql::request;
use crate::taxonomy::{Term, TermKind};

#[derive(SimpleObject, Clone, Debug)]
#[graphql(name = "Term")]
pub struct TermNode {
    pub key: String,
    pub label: String,
}

impl From<Term> for TermNode {
    fn from(term: Term) -> Self {
        TermNode { key: term.key, label: term.label }
    }
}

pub struct TaxonomyNode;

#[Object(name = "Taxonomy")]
impl TaxonomyNode {
    async fn service_areas(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<TermNode>> {
        terms(ctx, TermKind::ServiceArea).await
    }

    async fn technologies(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<TermNode>> {
        terms(ctx, TermKind::Technology).await
    }
}

async fn terms(ctx: &Context<'_>, kind: TermKind) -> async_graphql::Result<Vec<TermNode>> {
    let taxonomy = request(ctx)?.taxonomy.get().await?;
    Ok(taxonomy.terms(kind).iter().cloned().map(TermNode::from).collect())
}
