//! What an email needs to know of the site: its public address (links are
//! absolute in mail) and the key unsubscribe links are signed with, which
//! every server sharing the database reads from `server_keys`.

use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use sha2::Sha256;

use crate::entities::server_key;
use crate::error::AppResult;

const UNSUBSCRIBE_KEY: &str = "unsubscribe";

#[derive(Clone)]
pub struct Site {
    url: String,
    key: Arc<Vec<u8>>,
}

impl std::fmt::Debug for Site {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("Site").field("url", &self.url).finish_non_exhaustive()
    }
}

impl Site {
    /// The site at `public_url`, with the shared key (made by the first server to start).
    pub async fn load(db: &impl ConnectionTrait, public_url: &str) -> AppResult<Site> {
        server_key::Entity::insert(server_key::ActiveModel {
            name: Set(UNSUBSCRIBE_KEY.to_owned()),
            secret: Set(crate::secrets::random_secret()),
        })
        .on_conflict_do_nothing_on([server_key::Column::Name])
        .exec(db)
        .await?;
        let secret = server_key::Entity::find_by_id(UNSUBSCRIBE_KEY.to_owned())
            .one(db)
            .await?
            .map(|key| key.secret)
            .unwrap_or_default();
        Ok(Site { url: public_url.trim_end_matches('/').to_owned(), key: Arc::new(secret.into_bytes()) })
    }

    /// An absolute link to `path` (which starts with `/`).
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    /// The right-hand side of Message-IDs: the site's host.
    pub fn message_domain(&self) -> String {
        url::Url::parse(&self.url)
            .ok()
            .and_then(|url| url.host_str().map(str::to_owned))
            .unwrap_or_else(|| "casebook.invalid".to_owned())
    }

    /// `payload`, signed: what an unsubscribe link carries.
    pub fn sign(&self, payload: &str) -> String {
        let signature = self.mac(payload).finalize().into_bytes();
        format!("{}.{}", URL_SAFE_NO_PAD.encode(payload), URL_SAFE_NO_PAD.encode(signature))
    }

    /// The payload of a token this site signed; None for anything else.
    pub fn verify(&self, token: &str) -> Option<String> {
        let (payload, signature) = token.split_once('.')?;
        let payload = String::from_utf8(URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        self.mac(&payload).verify_slice(&signature).ok()?;
        Some(payload)
    }

    fn mac(&self, payload: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes a key of any length");
        mac.update(payload.as_bytes());
        mac
    }
}
