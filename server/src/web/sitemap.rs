//! `/sitemap.xml`: the public, published case studies (never a members-only
//! or unpublished one) and the pages of councils that have any.

use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::app::AppState;
use crate::case_studies::{Status, Visibility};
use crate::entities::{authority, case_study};

pub async fn sitemap(State(state): State<AppState>) -> Response {
    match build(&state).await {
        Ok(xml) => ([(CONTENT_TYPE, "application/xml; charset=utf-8")], xml).into_response(),
        Err(error) if crate::db::is_unavailable(&error) => {
            tracing::warn!(error = %error, "cannot build the sitemap: the database is unavailable");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
        Err(error) => {
            tracing::error!(error = %error, "cannot build the sitemap");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn build(state: &AppState) -> Result<String, sea_orm::DbErr> {
    let public = case_study::Entity::find()
        .filter(case_study::Column::Status.eq(Status::Published))
        .filter(case_study::Column::Visibility.eq(Visibility::Public))
        .order_by_desc(case_study::Column::PublishedAt)
        .all(&state.reads)
        .await?;
    let named_councils: std::collections::BTreeSet<i32> =
        public.iter().filter(|study| !study.anonymous).map(|study| study.authority_id).collect();
    let councils =
        authority::Entity::find().filter(authority::Column::Id.is_in(named_councils)).all(&state.reads).await?;
    let base = &state.public_url;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut entry = |path: String, modified: Option<String>| {
        xml.push_str(&format!("  <url><loc>{}</loc>", escape(&format!("{base}{path}"))));
        if let Some(modified) = modified {
            xml.push_str(&format!("<lastmod>{modified}</lastmod>"));
        }
        xml.push_str("</url>\n");
    };
    entry("/".into(), None);
    for study in &public {
        entry(format!("/case-studies/{}", study.slug), Some(study.updated_at.format("%Y-%m-%d").to_string()));
    }
    for council in &councils {
        entry(format!("/councils/{}", council.slug), None);
    }
    xml.push_str("</urlset>\n");
    Ok(xml)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}
