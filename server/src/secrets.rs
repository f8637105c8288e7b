//! Random secrets (API tokens, session ids, sign-in cookies) and the hashes
//! they are stored as.
//!
//! SHA-256 (not a password hash) is right for these: each carries 256 bits of
//! randomness, so there is nothing to brute-force, and lookups stay one
//! indexed query.

use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// 32 random bytes, URL-safe base64 without padding (43 characters).
pub fn random_secret() -> String {
    let mut secret = [0u8; 32];
    rand::rng().fill_bytes(&mut secret);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(secret)
}

/// SHA-256 of the text, as 64 lower-case hex digits.
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}
