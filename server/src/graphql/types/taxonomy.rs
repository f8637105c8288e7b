use async_graphql::{Context, Object, SimpleObject};

use crate::graphql::request;
use crate::taxonomy::{Term, TermKind};

#[derive(SimpleObject, Clone, Debug)]
#[graphql(name = "Term")]
pub struct TermNode {
    pub key: String,
    pub label: String,
    /// The Welsh label, when it has one.
    pub label_cy: Option<String>,
    /// No longer offered for new case studies (kept on the ones that have it).
    pub retired: bool,
}

impl From<Term> for TermNode {
    fn from(term: Term) -> Self {
        TermNode { key: term.key, label: term.label, label_cy: term.label_cy, retired: term.retired }
    }
}

impl From<crate::entities::taxonomy_term::Model> for TermNode {
    fn from(term: crate::entities::taxonomy_term::Model) -> Self {
        TermNode { key: term.key, label: term.label, label_cy: term.label_cy, retired: term.retired }
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

/// The terms offered, in order; admins also see the retired ones.
async fn terms(ctx: &Context<'_>, kind: TermKind) -> async_graphql::Result<Vec<TermNode>> {
    let request = request(ctx)?;
    let taxonomy = request.taxonomy.get().await?;
    let admin = crate::taxonomy::admin::can_manage(&request.viewer);
    Ok(taxonomy.terms(kind).iter().filter(|term| admin || !term.retired).cloned().map(TermNode::from).collect())
}
