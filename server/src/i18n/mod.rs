//! The interface in English and Welsh (issue 20): which language a request
//! is answered in (`Locale`, `negotiate`), and its text, from the Fluent
//! files in `web/locales/{en,cy}/` (`catalogue`). Every page, email, feed
//! title and error message takes its words from there.
//!
//! The language is, in order: an explicit `?lang=` on the request; for a
//! signed-in member, the language they chose; the `lang` cookie the last
//! explicit choice left; `Accept-Language`; else English.

mod catalogue;
mod negotiate;

pub use catalogue::{AREAS, Arg, find};
pub use negotiate::{COOKIE_NAME, from_accept_language, negotiate, remember_choice, requested};

/// The label of a stored value, from `labels.ftl` (see `value_key`).
pub fn value_label(locale: Locale, kind: &str, stored: &str) -> String {
    locale.t(&value_key(kind, stored))
}

/// The key of a stored value's text: `kind` and the stored name in
/// lower-case kebab (`outcome` and `PARTIAL_SUCCESS` → `outcome-partial-success`).
pub fn value_key(kind: &str, stored: &str) -> String {
    format!("{kind}-{}", stored.to_ascii_lowercase().replace('_', "-"))
}

/// "3 March 2026" ("3 Mawrth 2026"): pages and emails write dates so.
pub fn date(on: chrono::NaiveDate, locale: Locale) -> String {
    use chrono::Datelike;
    format!("{} {}", on.day(), month(on, locale))
}

/// "March 2026" ("Mawrth 2026").
pub fn month(on: chrono::NaiveDate, locale: Locale) -> String {
    use chrono::Datelike;
    format!("{} {}", locale.t(&format!("month-{}", on.month())), on.year())
}

/// The language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    #[default]
    English,
    Welsh,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::English, Locale::Welsh];

    /// `en` or `cy`: the `?lang=` value, the cookie and the member setting.
    pub fn code(self) -> &'static str {
        match self {
            Locale::English => "en",
            Locale::Welsh => "cy",
        }
    }

    /// The `<html lang>` and `hreflang` value.
    pub fn html_lang(self) -> &'static str {
        match self {
            Locale::English => "en-GB",
            Locale::Welsh => "cy",
        }
    }

    pub fn from_code(code: &str) -> Option<Locale> {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" => Some(Locale::English),
            "cy" => Some(Locale::Welsh),
            _ => None,
        }
    }

    /// The other language: the page's twin.
    pub fn other(self) -> Locale {
        match self {
            Locale::English => Locale::Welsh,
            Locale::Welsh => Locale::English,
        }
    }

    /// The language's name in itself: the switch's label.
    pub fn own_name(self) -> &'static str {
        match self {
            Locale::English => "English",
            Locale::Welsh => "Cymraeg",
        }
    }

    /// A name in this language: the Welsh one in Welsh, when there is one.
    pub fn pick<'a>(self, english: &'a str, welsh: Option<&'a str>) -> &'a str {
        match (self, welsh) {
            (Locale::Welsh, Some(welsh)) => welsh,
            _ => english,
        }
    }

    /// The text of `key`.
    pub fn t(self, key: &str) -> String {
        catalogue::text(self, key, &[])
    }

    /// The text of `key` with its arguments (`$count` chooses a plural form).
    pub fn text(self, key: &str, args: &[(&str, Arg)]) -> String {
        catalogue::text(self, key, args)
    }

    /// The text of `key` for a count (its `$count`).
    pub fn t_count(self, key: &str, count: impl Into<i64>) -> String {
        catalogue::text(self, key, &[("count", Arg::Number(count.into()))])
    }

    /// The text of `key` with one text argument.
    pub fn t_with(self, key: &str, name: &str, value: impl ToString) -> String {
        catalogue::text(self, key, &[(name, Arg::Text(value.to_string()))])
    }
}

tokio::task_local! {
    /// The language of the request being answered, where no argument can
    /// carry it (the GraphQL errors a resolver raises).
    static REQUEST_LOCALE: Locale;
}

/// Runs `future` answering in `locale` (see `request_locale`).
pub async fn answering_in<F: std::future::Future>(locale: Locale, future: F) -> F::Output {
    REQUEST_LOCALE.scope(locale, future).await
}

/// The language of the request this task answers; English outside one.
pub fn request_locale() -> Locale {
    REQUEST_LOCALE.try_with(|locale| *locale).unwrap_or_default()
}

/// A message by its key, with the values it is made with: rendered in
/// whichever language reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    pub fn render(&self, locale: Locale) -> String {
        let args: Vec<(&str, Arg)> = self.args.iter().map(|(name, value)| (*name, value.clone())).collect();
        locale.text(self.key, &args)
    }
}

/// A rule's message in `locale`: its English text names its key
/// (`msg-` and the text in kebab case, in `errors.ftl`). A message made
/// with values in it has no key, and stays as written.
pub fn message(locale: Locale, english: &str) -> String {
    if locale == Locale::English {
        return english.to_owned();
    }
    catalogue::find(locale, &format!("msg-{}", crate::text::kebab(english))).unwrap_or_else(|| english.to_owned())
}
