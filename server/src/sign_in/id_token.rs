//! What a valid ID token must prove before it signs anyone in.

use openidconnect::core::{CoreIdToken, CoreIdTokenVerifier, CoreUserInfoClaims};
use openidconnect::{AccessToken, AccessTokenHash, Nonce};

use super::SignInError;
use crate::members::VerifiedIdentity;

/// Who an ID token proves the person is (issuer and subject), and the email
/// claims when it carries them: a provider configured for strict conformance
/// (OpenID Connect Core 5.4) sends `email` and `email_verified` only from its
/// UserInfo endpoint, and `with_user_info` fills them in from there.
#[derive(Debug)]
pub struct ProvenClaims {
    pub issuer: String,
    pub subject: String,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
    pub name: Option<String>,
}

/// `openidconnect` checks the signature against the provider's keys, the
/// issuer, the audience (our client id, and no audience we do not trust), the
/// expiry and the nonce; then we check the access-token hash when there is one.
pub fn verified_claims(
    id_token: &CoreIdToken,
    verifier: &CoreIdTokenVerifier<'_>,
    nonce: &Nonce,
    access_token: Option<&AccessToken>,
) -> Result<ProvenClaims, SignInError> {
    let invalid = |error: &dyn std::fmt::Display| SignInError::InvalidIdToken(error.to_string());
    let claims = id_token.claims(verifier, nonce).map_err(|error| invalid(&error))?;
    if let (Some(expected), Some(access_token)) = (claims.access_token_hash(), access_token) {
        let algorithm = id_token.signing_alg().map_err(|error| invalid(&error))?;
        let key = id_token.signing_key(verifier).map_err(|error| invalid(&error))?;
        let actual = AccessTokenHash::from_token(access_token, algorithm, key).map_err(|error| invalid(&error))?;
        if actual != *expected {
            return Err(SignInError::InvalidIdToken("the access token does not match the ID token".into()));
        }
    }
    Ok(ProvenClaims {
        issuer: claims.issuer().as_str().to_owned(),
        subject: claims.subject().as_str().to_owned(),
        email: claims.email().map(|email| email.as_str().to_owned()),
        email_verified: claims.email_verified(),
        name: claims.name().and_then(|name| name.get(None)).map(|name| name.as_str().to_owned()),
    })
}

impl ProvenClaims {
    /// The ID token leaves the email to the UserInfo endpoint.
    pub fn lacks_email(&self) -> bool {
        self.email.is_none() || self.email_verified.is_none()
    }

    /// The email claims (and name) from the UserInfo response, whose subject
    /// the caller has checked is this token's. What the ID token said wins.
    pub fn with_user_info(mut self, user_info: &CoreUserInfoClaims) -> Self {
        if self.email.is_none() || self.email_verified.is_none() {
            self.email = user_info.email().map(|email| email.as_str().to_owned());
            self.email_verified = user_info.email_verified();
        }
        if self.name.is_none() {
            self.name = user_info.name().and_then(|name| name.get(None)).map(|name| name.as_str().to_owned());
        }
        self
    }

    /// The identity, once the email is verified (`email_verified: true`).
    pub fn into_identity(self) -> Result<VerifiedIdentity, SignInError> {
        if self.email_verified != Some(true) {
            return Err(SignInError::EmailNotVerified);
        }
        let email = self.email.as_deref().map(str::trim).filter(|email| !email.is_empty());
        let Some(email) = email else {
            return Err(SignInError::EmailNotVerified);
        };
        // The sizes of the columns they are kept in; no real provider comes near them.
        if email.len() > 320 || self.subject.len() > 255 || self.issuer.len() > 500 {
            return Err(SignInError::InvalidIdToken("an email, subject or issuer is too long".into()));
        }
        Ok(VerifiedIdentity { email: email.to_owned(), issuer: self.issuer, subject: self.subject, name: self.name })
    }
}

/// The real provider in `tests/oidc-provider` cannot be made to sign with the
/// wrong key, to issue an expired token, or to address a token to another
/// client: those cases are checked here, with tokens signed in-process by a
/// test key. Everything else is tested against the real provider.
#[cfg(test)]
mod tests {
    use chrono::{Duration, Utc};
    use openidconnect::core::{
        CoreIdToken, CoreIdTokenClaims, CoreIdTokenVerifier, CoreJsonWebKeySet, CoreJwsSigningAlgorithm,
        CoreRsaPrivateSigningKey,
    };
    use openidconnect::{
        Audience, ClientId, EmptyAdditionalClaims, EndUserEmail, IssuerUrl, JsonWebKeyId, Nonce, PrivateSigningKey,
        StandardClaims, SubjectIdentifier,
    };

    use super::verified_claims;
    use crate::sign_in::SignInError;

    const ISSUER: &str = "https://id.example";
    const CLIENT: &str = "casebook";
    const KEY: &str = include_str!("testdata/id-token-signing-key.pem");

    fn signing_key() -> CoreRsaPrivateSigningKey {
        CoreRsaPrivateSigningKey::from_pem(KEY, Some(JsonWebKeyId::new("test".into()))).expect("test key")
    }

    /// Another key pair with the same key id: "an attacker's key".
    fn other_key() -> CoreRsaPrivateSigningKey {
        let pem = include_str!("testdata/another-signing-key.pem");
        CoreRsaPrivateSigningKey::from_pem(pem, Some(JsonWebKeyId::new("test".into()))).expect("other key")
    }

    struct Token {
        audience: &'static str,
        expires_in: Duration,
        email_verified: Option<bool>,
        nonce: &'static str,
    }

    impl Default for Token {
        fn default() -> Self {
            Token { audience: CLIENT, expires_in: Duration::minutes(5), email_verified: Some(true), nonce: "n-1" }
        }
    }

    fn sign(token: Token, key: &CoreRsaPrivateSigningKey) -> CoreIdToken {
        let now = Utc::now();
        let claims = CoreIdTokenClaims::new(
            IssuerUrl::new(ISSUER.into()).unwrap(),
            vec![Audience::new(token.audience.into())],
            now + token.expires_in,
            now - Duration::minutes(1),
            StandardClaims::new(SubjectIdentifier::new("subject-1".into()))
                .set_email(Some(EndUserEmail::new("officer@camden.gov.uk".into())))
                .set_email_verified(token.email_verified),
            EmptyAdditionalClaims {},
        )
        .set_nonce(Some(Nonce::new(token.nonce.into())));
        CoreIdToken::new(claims, key, CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256, None, None).expect("signed")
    }

    fn check(token: &CoreIdToken) -> Result<crate::members::VerifiedIdentity, SignInError> {
        let keys = CoreJsonWebKeySet::new(vec![signing_key().as_verification_key()]);
        let verifier = CoreIdTokenVerifier::new_public_client(
            ClientId::new(CLIENT.into()),
            IssuerUrl::new(ISSUER.into()).unwrap(),
            keys,
        );
        verified_claims(token, &verifier, &Nonce::new("n-1".into()), None).and_then(super::ProvenClaims::into_identity)
    }

    #[test]
    fn a_valid_token_gives_the_identity() {
        let identity = check(&sign(Token::default(), &signing_key())).expect("valid");
        assert_eq!((identity.issuer.as_str(), identity.subject.as_str()), ("https://id.example", "subject-1"));
        assert_eq!(identity.email, "officer@camden.gov.uk");
    }

    #[test]
    fn a_token_signed_with_another_key_is_refused() {
        let result = check(&sign(Token::default(), &other_key()));
        assert!(matches!(result, Err(SignInError::InvalidIdToken(_))), "{result:?}");
    }

    #[test]
    fn an_expired_token_is_refused() {
        let result = check(&sign(Token { expires_in: Duration::minutes(-5), ..Token::default() }, &signing_key()));
        assert!(matches!(result, Err(SignInError::InvalidIdToken(_))), "{result:?}");
    }

    #[test]
    fn a_token_for_another_client_is_refused() {
        let result = check(&sign(Token { audience: "someone-else", ..Token::default() }, &signing_key()));
        assert!(matches!(result, Err(SignInError::InvalidIdToken(_))), "{result:?}");
    }

    #[test]
    fn a_token_with_another_nonce_is_refused() {
        let result = check(&sign(Token { nonce: "n-2", ..Token::default() }, &signing_key()));
        assert!(matches!(result, Err(SignInError::InvalidIdToken(_))), "{result:?}");
    }

    #[test]
    fn an_unverified_or_unstated_email_is_refused() {
        for email_verified in [Some(false), None] {
            let result = check(&sign(Token { email_verified, ..Token::default() }, &signing_key()));
            assert!(matches!(result, Err(SignInError::EmailNotVerified)), "{result:?}");
        }
    }

    #[test]
    fn an_id_token_without_email_claims_takes_them_from_user_info() {
        use openidconnect::core::CoreUserInfoClaims;
        use openidconnect::{EndUserName, LocalizedClaim};

        let mut claims = check_claims(&sign(Token { email_verified: None, ..Token::default() }, &signing_key()));
        claims.email = None;
        assert!(claims.lacks_email());
        let mut name = LocalizedClaim::new();
        name.insert(None, EndUserName::new("Olive Officer".into()));
        let user_info = |verified| {
            CoreUserInfoClaims::new(
                StandardClaims::new(SubjectIdentifier::new("subject-1".into()))
                    .set_email(Some(EndUserEmail::new("olive@camden.gov.uk".into())))
                    .set_email_verified(verified)
                    .set_name(Some(name.clone())),
                EmptyAdditionalClaims {},
            )
        };
        let identity = claims.with_user_info(&user_info(Some(true))).into_identity().expect("verified by UserInfo");
        assert_eq!((identity.email.as_str(), identity.name.as_deref()), ("olive@camden.gov.uk", Some("Olive Officer")));

        let mut unverified = check_claims(&sign(Token { email_verified: None, ..Token::default() }, &signing_key()));
        unverified.email = None;
        let result = unverified.with_user_info(&user_info(Some(false))).into_identity();
        assert!(matches!(result, Err(SignInError::EmailNotVerified)), "{result:?}");
    }

    fn check_claims(token: &CoreIdToken) -> super::ProvenClaims {
        let keys = CoreJsonWebKeySet::new(vec![signing_key().as_verification_key()]);
        let verifier = CoreIdTokenVerifier::new_public_client(
            ClientId::new(CLIENT.into()),
            IssuerUrl::new(ISSUER.into()).unwrap(),
            keys,
        );
        verified_claims(token, &verifier, &Nonce::new("n-1".into()), None).expect("a valid token")
    }
}
