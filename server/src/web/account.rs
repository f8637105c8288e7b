//! `/account`: a member's data rights in the browser. "Download my data"
//! (`/account/data.json`, what `myData` answers) and "Delete my account"
//! (`POST /account/delete`, confirmed with their email, as
//! `deleteMyAccount`), both through `members::data_rights`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use axum_extra::extract::CookieJar;

use super::form_errors::ShownError;
use super::{CsrfForm, Gated, Layout, OrPage, PageResult, SignedIn, problem};
use crate::app::AppState;
use crate::error::AppError;
use crate::members::data_rights;

#[derive(Template, WebTemplate)]
#[template(path = "account.html")]
pub struct AccountPage {
    layout: Layout,
    confirm_email: String,
    errors: Vec<ShownError>,
}

impl AccountPage {
    fn error_for(&self, anchor: &str) -> Option<String> {
        ShownError::for_field(&self.errors, anchor)
    }
}

/// `GET /account`
pub async fn account(Gated(layout, ..): Gated<SignedIn>) -> PageResult {
    Ok(AccountPage { layout, confirm_email: String::new(), errors: Vec::new() }.into_response())
}

/// `GET /account/data.json`: everything held about the member, as a download.
pub async fn data(State(state): State<AppState>, Gated(layout, ..): Gated<SignedIn>) -> PageResult {
    let data = data_rights::export(&state.reads, &layout.viewer).await.or_page(&layout)?;
    let body =
        serde_json::to_string_pretty(&data).map_err(|error| AppError::Internal(error.into())).or_page(&layout)?;
    let headers = [
        (header::CONTENT_TYPE, "application/json; charset=utf-8"),
        (header::CONTENT_DISPOSITION, "attachment; filename=\"casebook-my-data.json\""),
    ];
    Ok((headers, body).into_response())
}

#[derive(serde::Deserialize)]
pub struct DeleteForm {
    #[serde(default, rename = "confirmEmail")]
    confirm_email: String,
}

/// `POST /account/delete`: erases the account, then says so (signed out).
pub async fn delete(
    State(state): State<AppState>,
    jar: CookieJar,
    Gated(layout, ..): Gated<SignedIn>,
    CsrfForm(form): CsrfForm<DeleteForm>,
) -> PageResult {
    match data_rights::erase_own(&state.db, &layout.viewer, &form.confirm_email).await {
        Ok(()) => Ok((jar.add(state.sessions.removal_cookie()), Redirect::to("/account/deleted")).into_response()),
        Err(AppError::BadUserInput(errors)) => {
            let errors = errors.into_iter().map(|error| ShownError::from_field(error, layout.locale)).collect();
            let page = AccountPage { layout, confirm_email: form.confirm_email, errors };
            Ok((StatusCode::BAD_REQUEST, page).into_response())
        }
        Err(error) => Err(error).or_page(&layout),
    }
}

/// `GET /account/deleted`
pub async fn deleted(layout: Layout) -> PageResult {
    let message = "Your email, name, sign-in and tokens are gone. Case studies you wrote stay with your council; \
                   their history now says \u{201c}a former member\u{201d}.";
    Ok(problem(layout, StatusCode::OK, "Your account has been deleted", message.into()))
}
