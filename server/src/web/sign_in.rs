//! The sign-in pages: the provider list, the redirect to a provider and its
//! callback, development sign-in, and sign-out. The flow itself is in
//! `crate::sign_in`; this module turns it into redirects, cookies and pages.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use serde::Deserialize;

use super::{CsrfForm, Layout, problem};
use crate::app::AppState;
use crate::entities::member;
use crate::error::AppError;
use crate::identity;
use crate::members::{self, MemberStatus, Role};
use crate::secrets::random_secret;
use crate::sessions;
use crate::sign_in::{ATTEMPT_COOKIE, SignInError};

pub struct ProviderLink {
    pub id: String,
    pub name: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "sign_in.html")]
pub struct SignInPage {
    layout: Layout,
    providers: Vec<ProviderLink>,
}

pub async fn sign_in_page(State(state): State<AppState>, layout: Layout) -> SignInPage {
    let providers = state
        .providers
        .all()
        .map(|provider| ProviderLink { id: provider.settings.id.clone(), name: provider.settings.display_name.clone() })
        .collect();
    SignInPage { layout, providers }
}

/// `GET /sign-in/{provider}`: to the provider, with a fresh attempt bound to this browser.
pub async fn start(
    State(state): State<AppState>,
    layout: Layout,
    Path(provider_id): Path<String>,
    jar: CookieJar,
) -> Response {
    let browser = random_secret();
    let begun = match state.providers.get(&provider_id) {
        Ok(provider) => provider.begin(&state.db, &browser).await,
        Err(error) => Err(error),
    };
    match begun {
        Ok(url) => {
            let cookie = Cookie::build((ATTEMPT_COOKIE, browser))
                .http_only(true)
                // Lax: the provider sends the browser back with a top-level GET, which carries it.
                .same_site(SameSite::Lax)
                .secure(state.sessions.secure)
                .path("/sign-in")
                .max_age(cookie::time::Duration::minutes(10))
                .build();
            (jar.add(cookie), Redirect::to(&url)).into_response()
        }
        Err(error) => sign_in_problem(layout, error),
    }
}

#[derive(Deserialize)]
pub struct CallbackParams {
    state: Option<String>,
    code: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

/// `GET /sign-in/{provider}/callback`: the provider's answer.
pub async fn callback(
    State(state): State<AppState>,
    layout: Layout,
    Path(provider_id): Path<String>,
    Query(params): Query<CallbackParams>,
    jar: CookieJar,
) -> Response {
    let browser = jar.get(ATTEMPT_COOKIE).map(|cookie| cookie.value().to_owned());
    let jar = jar.remove(Cookie::build(ATTEMPT_COOKIE).path("/sign-in").secure(state.sessions.secure));
    let signed_in = finish(&state, &provider_id, params, browser.as_deref()).await;
    match signed_in {
        Ok(member) => start_session(&state, jar, &member).await,
        Err(error) => (jar, sign_in_problem(layout, error)).into_response(),
    }
}

async fn finish(
    state: &AppState,
    provider_id: &str,
    params: CallbackParams,
    browser: Option<&str>,
) -> Result<member::Model, SignInError> {
    let provider = state.providers.get(provider_id)?;
    if let Some(error) = params.error {
        // Use up the attempt anyway, so its `state` cannot be tried again.
        if let Some(state_param) = params.state.as_deref() {
            let _ = crate::sign_in::forget_attempt(&state.db, state_param).await;
        }
        // Only the error code is shown (in the set OAuth defines, so a crafted
        // link cannot put words on our page); the description goes to the log.
        tracing::info!(provider = provider_id, error, description = ?params.error_description, "the provider refused");
        let code: String = error.chars().filter(|c| c.is_ascii_lowercase() || *c == '_').take(40).collect::<String>();
        return Err(SignInError::ProviderRefused(code));
    }
    let identity = provider.finish(&state.db, params.state.as_deref(), params.code.as_deref(), browser).await?;
    let member = members::member_for_identity(&state.db, state.outbox.site(), &identity).await?;
    state.outbox.ring_mail();
    if member.status == MemberStatus::Suspended {
        return Err(SignInError::Suspended);
    }
    Ok(member)
}

async fn start_session(state: &AppState, jar: CookieJar, member: &member::Model) -> Response {
    match sessions::start(&state.db, &member.id, &state.sessions).await {
        Ok(id) => (jar.add(state.sessions.cookie(id)), Redirect::to("/")).into_response(),
        Err(error) => {
            error.log();
            (error.code().http_status(), "sign-in failed on our side; try again").into_response()
        }
    }
}

fn sign_in_problem(layout: Layout, error: SignInError) -> Response {
    let status = match &error {
        SignInError::UnknownProvider(_) => StatusCode::NOT_FOUND,
        SignInError::ProviderUnavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        SignInError::UserInfoFailed(_) => StatusCode::BAD_GATEWAY,
        SignInError::Suspended => StatusCode::FORBIDDEN,
        SignInError::AccountConflict(_) => StatusCode::CONFLICT,
        SignInError::DatabaseUnavailable(cause) => {
            tracing::warn!(error = %format!("{cause:#}"), "sign-in: the database is unavailable");
            StatusCode::SERVICE_UNAVAILABLE
        }
        SignInError::Internal(cause) => {
            tracing::error!(error = %format!("{cause:#}"), "sign-in failed");
            StatusCode::INTERNAL_SERVER_ERROR
        }
        _ => StatusCode::BAD_REQUEST,
    };
    let message = error.message(layout.locale);
    problem(layout, status, "You are not signed in", message)
}

/// The sign-out button's form carries only its CSRF token.
#[derive(Deserialize)]
pub struct SignOutForm {}

/// `POST /sign-out`: ends the session everywhere and forgets the cookie.
pub async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
    jar: CookieJar,
    CsrfForm(SignOutForm {}): CsrfForm<SignOutForm>,
) -> Response {
    if let Some(id) = identity::session_cookie(&headers)
        && let Err(error) = sessions::end(&state.db, &id).await
    {
        error.log();
    }
    (jar.add(state.sessions.removal_cookie()), Redirect::to("/")).into_response()
}

#[derive(Template, WebTemplate)]
#[template(path = "dev_sign_in.html")]
pub struct DevSignInPage {
    layout: Layout,
    email: String,
    error: Option<String>,
}

/// `GET /dev/sign-in` (routed only with `--dev-sign-in`).
pub async fn dev_sign_in_page(layout: Layout) -> Response {
    DevSignInPage { layout, email: String::new(), error: None }.into_response()
}

#[derive(Deserialize)]
pub struct DevSignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

/// `POST /dev/sign-in` (routed only with `--dev-sign-in`): signs in as the email and role given, no questions asked.
pub async fn dev_sign_in(
    State(state): State<AppState>,
    layout: Layout,
    jar: CookieJar,
    CsrfForm(form): CsrfForm<DevSignInForm>,
) -> Response {
    let again = |layout, error: String| {
        (StatusCode::BAD_REQUEST, DevSignInPage { layout, email: form.email.clone(), error: Some(error) })
            .into_response()
    };
    let Ok(role) = form.role.parse::<Role>() else {
        return again(layout, format!("`{}` is not a role: choose MEMBER, MODERATOR or ADMIN", form.role));
    };
    let signed_in = members::member_for_dev_sign_in(&state.db, state.outbox.site(), &form.email, role).await;
    state.outbox.ring_mail();
    match signed_in {
        Ok(member) if member.status == MemberStatus::Suspended => sign_in_problem(layout, SignInError::Suspended),
        Ok(member) => start_session(&state, jar, &member).await,
        Err(AppError::BadUserInput(errors)) => {
            again(layout, errors.into_iter().map(|error| error.message).collect::<Vec<_>>().join("; "))
        }
        Err(error) => sign_in_problem(layout, error.into()),
    }
}
