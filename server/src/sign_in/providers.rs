//! The configured OpenID Connect providers, discovered from their issuers'
//! `/.well-known/openid-configuration`.
//!
//! A provider that cannot be reached at start is a warning, not a failure:
//! discovery is tried again at the next sign-in with it, and until it works
//! that sign-in is a clear error page. Discovered metadata (and so the
//! provider's signing keys) is refreshed after an hour, for key rotation.

use std::sync::Arc;
use std::time::{Duration, Instant};

use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata, CoreUserInfoClaims};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl,
    Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, SubjectIdentifier,
};
use sea_orm::ConnectionTrait;
use secrecy::ExposeSecret;
use tokio::sync::RwLock;

use super::attempts::{self, Attempt};
use super::{SignInError, verified_claims};
use crate::members::VerifiedIdentity;
use crate::settings::ProviderSettings;

type DiscoveredClient =
    CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

const METADATA_LIFETIME: Duration = Duration::from_secs(3600);
const HTTP_TIMEOUT: Duration = Duration::from_secs(10);

pub struct Provider {
    pub settings: ProviderSettings,
    redirect_url: RedirectUrl,
    http: openidconnect::reqwest::Client,
    discovered: RwLock<Option<(DiscoveredClient, Instant)>>,
}

/// The providers of this server, by id.
#[derive(Clone, Default)]
pub struct Providers(Vec<Arc<Provider>>);

impl Providers {
    /// The providers of the settings; nothing is fetched yet (`discover_all`).
    pub fn new(settings: &[ProviderSettings], public_url: &str) -> anyhow::Result<Self> {
        let http = openidconnect::reqwest::Client::builder()
            // Following redirects would open the server to request forgery.
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(HTTP_TIMEOUT)
            .build()?;
        let providers = settings
            .iter()
            .map(|provider| {
                let redirect_url = RedirectUrl::new(format!("{public_url}/sign-in/{}/callback", provider.id))?;
                Ok(Arc::new(Provider {
                    settings: provider.clone(),
                    redirect_url,
                    http: http.clone(),
                    discovered: RwLock::new(None),
                }))
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(Providers(providers))
    }

    /// Discovers every provider, warning (not failing) for those that cannot be reached.
    pub async fn discover_all(&self) {
        for provider in &self.0 {
            if let Err(error) = provider.client().await {
                tracing::warn!(
                    provider = %provider.settings.id,
                    issuer = %provider.settings.issuer,
                    %error,
                    "cannot reach the sign-in provider; signing in with it fails until it can be reached"
                );
            }
        }
    }

    pub fn all(&self) -> impl Iterator<Item = &Arc<Provider>> {
        self.0.iter()
    }

    pub fn get(&self, id: &str) -> Result<&Arc<Provider>, SignInError> {
        self.0.iter().find(|provider| provider.settings.id == id).ok_or_else(|| SignInError::UnknownProvider(id.into()))
    }
}

impl Provider {
    /// The client for this provider, discovering it when not yet (or not lately) done.
    async fn client(&self) -> Result<DiscoveredClient, SignInError> {
        if let Some((client, at)) = self.discovered.read().await.as_ref()
            && at.elapsed() < METADATA_LIFETIME
        {
            return Ok(client.clone());
        }
        let unavailable = |error: &dyn std::fmt::Display| {
            tracing::warn!(provider = %self.settings.id, %error, "sign-in provider discovery failed");
            SignInError::ProviderUnavailable(self.settings.display_name.clone())
        };
        let issuer = IssuerUrl::new(self.settings.issuer.clone()).map_err(|error| unavailable(&error))?;
        let metadata = match CoreProviderMetadata::discover_async(issuer, &self.http).await {
            Ok(metadata) => metadata,
            // Keep signing in with the old metadata when a refresh fails.
            Err(error) => match self.discovered.read().await.as_ref() {
                Some((client, _)) => return Ok(client.clone()),
                None => return Err(unavailable(&error)),
            },
        };
        let client = CoreClient::from_provider_metadata(
            metadata,
            ClientId::new(self.settings.client_id.clone()),
            Some(ClientSecret::new(self.settings.client_secret.expose_secret().to_owned())),
        )
        .set_redirect_uri(self.redirect_url.clone());
        *self.discovered.write().await = Some((client.clone(), Instant::now()));
        Ok(client)
    }

    /// Step 1: stores an attempt bound to `browser` (the sign-in cookie's value)
    /// and returns the provider's authorization URL to send the browser to.
    pub async fn begin(&self, db: &impl ConnectionTrait, browser: &str) -> Result<String, SignInError> {
        let client = self.client().await?;
        let (pkce_challenge, pkce_verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(pkce_challenge)
            .url();
        let attempt = Attempt {
            provider: self.settings.id.clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: pkce_verifier.secret().clone(),
        };
        attempts::store(db, state.secret(), browser, &attempt).await?;
        Ok(url.to_string())
    }

    /// Step 2: the callback. Uses up the attempt `state` names, exchanges the
    /// code and returns the identity the ID token proves.
    pub async fn finish(
        &self,
        db: &impl ConnectionTrait,
        state: Option<&str>,
        code: Option<&str>,
        browser: Option<&str>,
    ) -> Result<VerifiedIdentity, SignInError> {
        let state = state.filter(|state| !state.is_empty()).ok_or(SignInError::MissingState)?;
        let attempt = attempts::take(db, state, browser, &self.settings.id).await?;
        let code = code.filter(|code| !code.is_empty()).ok_or(SignInError::MissingCode)?;
        let client = self.client().await?;
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|error| SignInError::ProviderUnavailable(format!("{} ({error})", self.settings.display_name)))?
            .set_pkce_verifier(PkceCodeVerifier::new(attempt.pkce_verifier))
            .request_async(&self.http)
            .await
            .map_err(|error| SignInError::CodeRejected(describe_token_error(&error)))?;
        let id_token = openidconnect::TokenResponse::id_token(&response).ok_or(SignInError::MissingIdToken)?;
        let claims = verified_claims(
            id_token,
            &client.id_token_verifier(),
            &Nonce::new(attempt.nonce),
            Some(response.access_token()),
        )?;
        if !claims.lacks_email() {
            return claims.into_identity();
        }
        // OpenID Connect Core 5.4: the email may come only from UserInfo.
        // Asking for the token's own subject makes the library refuse another's.
        let subject = SubjectIdentifier::new(claims.subject.clone());
        let user_info: CoreUserInfoClaims = client
            .user_info(response.access_token().clone(), Some(subject))
            .map_err(|_| SignInError::EmailNotVerified)?
            .request_async(&self.http)
            .await
            .map_err(|error| SignInError::UserInfoFailed(describe_token_error(&error)))?;
        claims.with_user_info(&user_info).into_identity()
    }
}

/// The provider's own words when it gave them (`invalid_grant: …`), else the transport error.
fn describe_token_error<E: std::error::Error>(error: &E) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text = format!("{text}: {cause}");
        source = cause.source();
    }
    text
}
