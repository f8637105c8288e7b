//! The front page.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::HeaderMap;

use super::Layout;
use crate::app::AppState;

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
pub struct HomePage {
    layout: Layout,
}

pub async fn home(State(state): State<AppState>, headers: HeaderMap) -> HomePage {
    HomePage { layout: Layout::for_request(&state, &headers).await }
}
