//! `/sitemap.xml`: the public, published case studies (never a members-only
//! or unpublished one) and the pages of councils that have any.

use super::view;
use crate::app::AppState;
use crate::authorities;
use crate::case_studies::listing;
use crate::error::AppResult;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};

pub async fn sitemap(State(state): State<AppState>) -> Response {
    match build(&state).await {
        Ok(xml) => ([(CONTENT_TYPE, "application/xml; charset=utf-8")], xml).into_response(),
        Err(error) => {
            error.log();
            error.code().http_status().into_response()
        }
    }
}

async fn build(state: &AppState) -> AppResult<String> {
    let public = listing::public(&state.reads).await?;
    let named_councils: std::collections::BTreeSet<i32> =
        public.iter().filter(|study| !study.anonymous).map(|study| study.authority_id).collect();
    let named_councils: Vec<i32> = named_councils.into_iter().collect();
    let councils = authorities::find_by_ids(&state.reads, &named_councils).await?;
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
        entry(view::case_study_url(&study.slug), Some(study.updated_at.format("%Y-%m-%d").to_string()));
    }
    for council in &councils {
        entry(view::council_url(&council.slug), None);
    }
    xml.push_str("</urlset>\n");
    Ok(xml)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}
