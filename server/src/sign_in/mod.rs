//! Browser sign-in with OpenID Connect: the authorization-code flow with
//! PKCE, `state` and `nonce`, and a validated ID token, ending in a member
//! (`members::membership`) and a session (`sessions`).
//!
//! The flow, step by step (ARCHITECTURE.md has it too):
//! 1. `begin`: a fresh `state`, `nonce` and PKCE verifier are stored as a
//!    sign-in attempt bound to a random cookie of this browser; the browser is
//!    sent to the provider.
//! 2. `finish`: the callback's `state` must name an attempt of this browser,
//!    of this provider, under ten minutes old; the attempt is used up whatever
//!    happens next. The code is exchanged with the verifier; the ID token is
//!    checked (signature against the provider's keys, issuer, audience,
//!    expiry, nonce); the email must be verified, by the ID token's claims or,
//!    when it carries none (a provider configured for strict conformance),
//!    by the UserInfo endpoint's for the same subject.
//!
//! Every failure is a `SignInError`, which the web layer shows as a clear
//! page; none creates a session.

mod attempts;
mod id_token;
mod providers;

pub use attempts::ATTEMPT_COOKIE;
pub use id_token::{ProvenClaims, verified_claims};
pub use providers::{Provider, Providers};

use crate::error::AppError;
use crate::i18n::Locale;

/// Why a sign-in did not happen, in words for the person trying.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("there is no sign-in provider called `{0}`")]
    UnknownProvider(String),
    #[error("{0} cannot be reached just now, so signing in with it is not possible; try again in a few minutes")]
    ProviderUnavailable(String),
    #[error("the sign-in provider refused: {0}")]
    ProviderRefused(String),
    #[error("the sign-in response has no `state`, so it cannot be matched to a sign-in you started")]
    MissingState,
    #[error(
        "this sign-in was not started in this browser, has already been used, or took over ten minutes; start again"
    )]
    UnknownAttempt,
    #[error("the sign-in response has no authorization code")]
    MissingCode,
    #[error("the provider did not accept the sign-in code (it may have been used already): {0}")]
    CodeRejected(String),
    #[error("the provider sent no ID token")]
    MissingIdToken,
    #[error("the provider's ID token is not valid: {0}")]
    InvalidIdToken(String),
    #[error("the provider's UserInfo endpoint did not answer for this sign-in: {0}")]
    UserInfoFailed(String),
    #[error("your account has no email address that the provider has verified, so your council cannot be checked")]
    EmailNotVerified,
    #[error("this account is suspended; ask a Casebook admin")]
    Suspended,
    #[error("{0}")]
    AccountConflict(String),
    #[error("Casebook is busy just now; try again in a few moments")]
    DatabaseUnavailable(#[source] anyhow::Error),
    #[error("sign-in failed on our side; try again")]
    Internal(#[source] anyhow::Error),
}

impl SignInError {
    /// What the person trying reads, in `locale` (the `Display` text is the
    /// English; a provider's own words, in `{0}`, stay as it wrote them).
    pub fn message(&self, locale: Locale) -> String {
        let with = |key: &str, detail: &str| locale.t_with(key, "detail", detail);
        match self {
            SignInError::UnknownProvider(name) => with("sign-in-error-unknown-provider", name),
            SignInError::ProviderUnavailable(name) => with("sign-in-error-provider-unavailable", name),
            SignInError::ProviderRefused(detail) => with("sign-in-error-provider-refused", detail),
            SignInError::MissingState => locale.t("sign-in-error-missing-state"),
            SignInError::UnknownAttempt => locale.t("sign-in-error-unknown-attempt"),
            SignInError::MissingCode => locale.t("sign-in-error-missing-code"),
            SignInError::CodeRejected(detail) => with("sign-in-error-code-rejected", detail),
            SignInError::MissingIdToken => locale.t("sign-in-error-missing-id-token"),
            SignInError::InvalidIdToken(detail) => with("sign-in-error-invalid-id-token", detail),
            SignInError::UserInfoFailed(detail) => with("sign-in-error-user-info-failed", detail),
            SignInError::EmailNotVerified => locale.t("sign-in-error-email-not-verified"),
            SignInError::Suspended => locale.t("sign-in-error-suspended"),
            SignInError::AccountConflict(message) => crate::i18n::message(locale, message),
            SignInError::DatabaseUnavailable(_) => locale.t("sign-in-error-busy"),
            SignInError::Internal(_) => locale.t("sign-in-error-internal"),
        }
    }
}

impl From<AppError> for SignInError {
    fn from(error: AppError) -> Self {
        match error {
            AppError::Conflict(message) => SignInError::AccountConflict(message),
            AppError::Unavailable(cause) => SignInError::DatabaseUnavailable(cause),
            other => SignInError::Internal(anyhow::Error::new(other)),
        }
    }
}

impl From<sea_orm::DbErr> for SignInError {
    fn from(error: sea_orm::DbErr) -> Self {
        AppError::from(error).into()
    }
}

/// Uses up an attempt without finishing it (the provider answered with an error).
pub async fn forget_attempt(db: &impl sea_orm::ConnectionTrait, state: &str) -> Result<(), SignInError> {
    attempts::forget(db, state).await
}
