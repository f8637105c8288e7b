//! What the pages share in how they show things: addresses, dates, outcome
//! colours, and the previous/next links of a paged list.

use chrono::{DateTime, Utc};

use crate::case_studies::{Language, Outcome};
use crate::entities::case_study;
use crate::i18n::Locale;
use crate::paging::Page;

pub fn case_study_url(slug: &str) -> String {
    format!("/case-studies/{slug}")
}

pub fn council_url(slug: &str) -> String {
    format!("/councils/{slug}")
}

/// "3 March 2025" ("3 Mawrth 2025")
pub fn day(at: DateTime<Utc>, locale: Locale) -> String {
    date(at.date_naive(), locale)
}

/// "3 March 2025 14:05"
pub fn moment(at: DateTime<Utc>, locale: Locale) -> String {
    format!("{} {}", day(at, locale), at.format("%H:%M"))
}

/// "3 March 2026" ("3 Mawrth 2026") and "March 2026" ("Mawrth 2026"), as emails write them too.
pub use crate::i18n::{date, month};

/// The text with its first letter in capitals: "north East" → "North East".
/// 1234567 as "1,234,567".
pub fn thousands(number: i64) -> String {
    let digits = number.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    if number < 0 { format!("-{grouped}") } else { grouped }
}

pub fn capitalised(text: &str) -> String {
    let mut letters = text.chars();
    letters.next().map(|first| first.to_uppercase().chain(letters).collect()).unwrap_or_default()
}

/// A case study's title and summary in one language, and that language (`lang`).
pub struct InLanguage {
    pub lang: &'static str,
    pub title: String,
    pub summary: String,
}

/// The title and summary to lead with, and a bilingual case study's other
/// language beside them: a bilingual one leads with the interface's
/// language, a Welsh or English one with its own.
pub fn in_language(found: &case_study::Model, locale: Locale) -> (InLanguage, Option<InLanguage>) {
    let own = |lang| InLanguage { lang, title: found.title.clone(), summary: found.summary.clone() };
    let languages = found.languages();
    match (languages.language, &languages.title_cy, &languages.summary_cy) {
        (Language::Cy, _, _) => (own(Locale::Welsh.html_lang()), None),
        (Language::Bilingual, Some(title), Some(summary)) => {
            let welsh = InLanguage { lang: Locale::Welsh.html_lang(), title: title.clone(), summary: summary.clone() };
            let english = own(Locale::English.html_lang());
            if locale == Locale::Welsh { (welsh, Some(english)) } else { (english, Some(welsh)) }
        }
        _ => (own(Locale::English.html_lang()), None),
    }
}

/// The CSS class of an outcome's tag.
pub fn outcome_class(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Success => "tag--success",
        Outcome::PartialSuccess => "tag--partial",
        Outcome::Failure => "tag--failure",
        Outcome::Abandoned => "tag--abandoned",
        Outcome::InProgress => "",
    }
}

/// A paged list's "Page 2 of 7" and its previous and next links (`pager.html`).
pub struct Pager {
    /// The navigation's accessible name; "Pages" (`view-pages`) when none is given.
    pub label: Option<String>,
    pub number: u64,
    pub count: u64,
    pub previous_url: Option<String>,
    pub next_url: Option<String>,
}

impl Pager {
    /// For page `number` (1-based) of `page`, whose page N is at `url(N)`.
    pub fn new<T>(number: u64, page_size: u64, page: &Page<T>, url: impl Fn(u64) -> String) -> Self {
        Self::of_total(number, page_size, page.total_count, url)
    }

    /// For page `number` (1-based) of a list of `total` items.
    pub fn of_total(number: u64, page_size: u64, total: u64, url: impl Fn(u64) -> String) -> Self {
        let count = total.div_ceil(page_size).max(1);
        Pager {
            label: None,
            number,
            count,
            previous_url: (number > 1).then(|| url(number - 1)),
            next_url: (number < count).then(|| url(number + 1)),
        }
    }

    pub fn labelled(self, label: String) -> Self {
        Pager { label: Some(label), ..self }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_grouped_with_commas() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(1_000), "1,000");
        assert_eq!(super::thousands(1_234_567), "1,234,567");
        assert_eq!(super::thousands(-45_000), "-45,000");
    }
}
