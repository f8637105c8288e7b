//! `Layout`: what every page shows around its content (who is signed in,
//! what the navigation offers them, the CSRF token for its forms, the asset
//! URLs), and who the page is for. An extractor, made once per request.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::Response;

use super::assets;
use super::security::CsrfToken;
use crate::app::AppState;
use crate::authorities;
use crate::case_studies::policy;
use crate::entities::member;
use crate::error::AppError;
use crate::i18n::{self, Arg, Locale};
use crate::identity::{self, Viewer};
use crate::members::{self, MemberStatus, Role};

#[derive(Clone)]
pub struct Layout {
    pub dev_sign_in: bool,
    /// Email is kept, not sent (no SMTP server): the development mailbox has it.
    pub dev_mailbox: bool,
    pub member: Option<SignedInMember>,
    pub viewer: Viewer,
    pub nav: Navigation,
    pub csrf: String,
    pub stylesheet: &'static str,
    pub script: &'static str,
    /// The public URL, for canonical links and Open Graph.
    pub public_url: String,
    /// The language of the page (see `i18n::negotiate`).
    pub locale: Locale,
    /// This page's path and query without `lang`: its twins in each language add it.
    pub page: String,
}

impl Layout {
    /// The text of `key` in the page's language.
    pub fn t(&self, key: &str) -> String {
        self.locale.t(key)
    }

    /// An English notice or label made in Rust, in the page's language (see `i18n::message`).
    pub fn m(&self, english: &str) -> String {
        i18n::message(self.locale, english)
    }

    /// The text of `key` for a count (`$count`), in the page's language.
    pub fn t_count(&self, key: &str, count: impl Count) -> String {
        self.locale.t_count(key, count.as_count())
    }

    /// The text of `key` with one text argument, in the page's language.
    pub fn t_with(&self, key: &str, name: &str, value: impl std::fmt::Display) -> String {
        self.locale.t_with(key, name, value)
    }

    /// The address of this page in the other language.
    pub fn twin(&self) -> String {
        self.in_language(self.locale.other())
    }

    /// The address of this page in `locale`.
    pub fn in_language(&self, locale: Locale) -> String {
        let separator = if self.page.contains('?') { '&' } else { '?' };
        format!("{}{separator}lang={}", self.page, locale.code())
    }

    /// Both twins, for the `hreflang` alternates.
    pub fn alternates(&self) -> Vec<(&'static str, String)> {
        Locale::ALL
            .iter()
            .map(|locale| (locale.html_lang(), format!("{}{}", self.public_url, self.in_language(*locale))))
            .collect()
    }
}

/// A count as templates hold it (by value or by reference, any integer).
pub trait Count {
    fn as_count(&self) -> i64;
}

macro_rules! count {
    ($($type:ty),*) => {
        $(
            impl Count for $type {
                fn as_count(&self) -> i64 {
                    i64::try_from(*self).unwrap_or(i64::MAX)
                }
            }
            impl Count for &$type {
                fn as_count(&self) -> i64 {
                    i64::try_from(**self).unwrap_or(i64::MAX)
                }
            }
        )*
    };
}
count!(usize, u64, u32, i64, i32);

/// The page a language link leads back to: this one (a GET), or after a
/// form was posted, the page the form was on (its `Referer`), since the
/// address of a POST is not a page to ask for again.
fn twin_base(parts: &Parts) -> String {
    if matches!(parts.method, axum::http::Method::GET | axum::http::Method::HEAD) {
        return page_without_lang(&parts.uri);
    }
    parts
        .headers
        .get(axum::http::header::REFERER)
        .and_then(|referer| referer.to_str().ok())
        .and_then(|referer| url::Url::parse(referer).ok())
        .and_then(|referer| {
            let path_and_query = match referer.query() {
                Some(query) => format!("{}?{query}", referer.path()),
                None => referer.path().to_owned(),
            };
            path_and_query.parse::<axum::http::Uri>().ok()
        })
        .map_or_else(|| "/".to_owned(), |uri| page_without_lang(&uri))
}

/// The path and query of a request without its `lang`.
fn page_without_lang(uri: &axum::http::Uri) -> String {
    let path = uri.path();
    let Some(query) = uri.query() else { return path.to_owned() };
    let kept: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .filter(|(name, _)| name != "lang")
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    if kept.is_empty() {
        return path.to_owned();
    }
    let query = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(kept).finish();
    format!("{path}?{query}")
}

#[derive(Clone)]
pub struct SignedInMember {
    pub email: String,
    /// "member of London Borough of Camden", "waiting for an administrator…", …
    pub standing: String,
}

/// The sections the header links to: exactly those whose gate lets the viewer in.
#[derive(Clone, Copy, Default)]
pub struct Navigation {
    pub our_case_studies: bool,
    pub moderation: bool,
    pub members: bool,
    pub audit: bool,
    pub taxonomy: bool,
    /// "Your reports": for anyone who may report.
    pub reports: bool,
}

impl Navigation {
    pub fn for_viewer(viewer: &Viewer) -> Self {
        Navigation {
            our_case_studies: policy::can_create(viewer),
            moderation: policy::can_open_queue(viewer),
            members: members::admin::can_manage(viewer),
            audit: crate::audit::can_read(viewer),
            taxonomy: crate::taxonomy::admin::can_manage(viewer),
            reports: crate::reports::can_report(viewer),
        }
    }
}

impl FromRequestParts<AppState> for Layout {
    /// Only when the database cannot say who is asking: a signed-in member
    /// must not be shown an anonymous visitor's page (or told to sign in).
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        // Made once per request: the gates and the CSRF form ask for it too.
        if let Some(layout) = parts.extensions.get::<Layout>() {
            return Ok(layout.clone());
        }
        let resolved = identity::resolve_member(
            state.databases(),
            &parts.method,
            &parts.headers,
            &state.sessions,
            &state.public_url,
        )
        .await;
        // A bad bearer token on a page is an anonymous visitor (pages are for
        // browsers); an unavailable database is a 503.
        let member = match resolved {
            Ok(member) => member,
            Err(error @ (AppError::Unavailable(_) | AppError::TimedOut(_))) => {
                error.log();
                return Err(super::busy_without_layout());
            }
            Err(_) => None,
        };
        let viewer = member.as_ref().map_or_else(Viewer::anonymous, Viewer::from_member);
        let locale = i18n::negotiate(&parts.uri, &parts.headers, member.as_ref().and_then(|m| m.language.as_deref()));
        // An explicit choice becomes the member's setting; a member with none
        // yet keeps the language they are reading in (the cookie from before
        // they signed in, or their browser's), so their emails follow it too.
        let to_save = i18n::requested(&parts.uri)
            .or_else(|| member.as_ref().filter(|member| member.language.is_none()).map(|_| locale));
        if let (Some(chosen), Some(member)) = (to_save, &member)
            && let Err(error) = members::choose_language(&state.db, member, chosen).await
        {
            // The page still answers in its language; the setting waits for the next page.
            error.log();
        }
        let member = match member {
            Some(member) => {
                Some(SignedInMember { standing: standing(state, &member, locale).await, email: member.email })
            }
            None => None,
        };
        let csrf = parts.extensions.get::<CsrfToken>().map(|token| token.0.clone()).unwrap_or_default();
        let layout = Layout {
            dev_sign_in: state.settings.dev_sign_in,
            dev_mailbox: state.settings.dev_sign_in && state.keeps_mail,
            member,
            nav: Navigation::for_viewer(&viewer),
            viewer,
            csrf,
            stylesheet: &assets::STYLESHEET.url,
            script: &assets::SCRIPT.url,
            public_url: state.public_url.clone(),
            locale,
            page: twin_base(parts),
        };
        parts.extensions.insert(layout.clone());
        Ok(layout)
    }
}

async fn standing(state: &AppState, member: &member::Model, locale: Locale) -> String {
    let role = locale.t(match member.role {
        Role::Member => "role-member",
        Role::Moderator => "role-moderator",
        Role::Admin => "role-admin",
    });
    let with_role = |key: &str, council: &str| {
        locale.text(key, &[("role", Arg::Text(role.clone())), ("council", Arg::Text(council.to_owned()))])
    };
    match (member.status, member.authority_id) {
        (MemberStatus::Active, Some(council)) => {
            let name = authorities::find_by_id(&state.reads, council)
                .await
                .ok()
                .flatten()
                .map(|council| authorities::name_in(&council, locale).to_owned())
                .unwrap_or_else(|| locale.t("your-council"));
            with_role("standing-of-council", &name)
        }
        (MemberStatus::Active, None) => with_role("standing-no-council", ""),
        (MemberStatus::Pending, _) => with_role("standing-pending", ""),
        (MemberStatus::Suspended, _) => locale.t("standing-suspended"),
    }
}
