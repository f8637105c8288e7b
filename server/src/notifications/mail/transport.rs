//! Where emails go: an SMTP server (`--smtp-url`, with `lettre`), or, with
//! none configured, nowhere: they are kept in the outbox as KEPT, and the
//! development mailbox (`/dev/mail`, with development sign-in) shows them.

use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::entities::mail_message;

pub enum Transport {
    Smtp { smtp: AsyncSmtpTransport<Tokio1Executor>, from: Mailbox },
    Keep,
}

/// Why a message was not sent: worth retrying, or never.
#[derive(Debug)]
pub enum SendError {
    Transient(String),
    Permanent(String),
}

impl Transport {
    /// `smtp://host:port` (plain, or `?tls=required` for STARTTLS) or
    /// `smtps://` (TLS), with credentials in the URL; none keeps the messages.
    pub fn new(smtp_url: Option<&str>, from: &str) -> anyhow::Result<Self> {
        let Some(url) = smtp_url.filter(|url| !url.trim().is_empty()) else {
            return Ok(Transport::Keep);
        };
        let from: Mailbox = from.parse().map_err(|error| anyhow::anyhow!("--mail-from {from:?}: {error}"))?;
        let smtp = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|error| anyhow::anyhow!("--smtp-url {}: {error}", crate::settings::redact_url(url)))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        Ok(Transport::Smtp { smtp, from })
    }

    pub fn keeps_mail(&self) -> bool {
        matches!(self, Transport::Keep)
    }

    pub async fn send(&self, message: &mail_message::Model) -> Result<(), SendError> {
        let Transport::Smtp { smtp, from } = self else { return Ok(()) };
        let email = build(message, from).map_err(|error| SendError::Permanent(error.to_string()))?;
        smtp.send(email).await.map(|_| ()).map_err(|error| {
            if error.is_permanent() {
                SendError::Permanent(error.to_string())
            } else {
                SendError::Transient(error.to_string())
            }
        })
    }
}

/// The MIME message: plain text and HTML alternatives, the outbox row's
/// Message-ID, and on alerts the one-click unsubscribe headers (RFC 8058).
pub fn build(message: &mail_message::Model, from: &Mailbox) -> anyhow::Result<Message> {
    let to: Mailbox = message.recipient.parse()?;
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(message.subject.clone())
        .message_id(Some(message.message_id.clone()));
    if let Some(url) = &message.unsubscribe_url {
        builder = builder.header(ListUnsubscribe(format!("<{url}>"))).header(ListUnsubscribePost);
    }
    Ok(builder.multipart(MultiPart::alternative_plain_html(message.text_body.clone(), message.html_body.clone()))?)
}

#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(text: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(text.to_owned()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribePost)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}
