//! Likely personal data in a case study's text: email addresses, UK phone
//! numbers, National Insurance numbers, full UK postcodes and dates of
//! birth. It warns (the author before submitting, the moderator before
//! deciding); it never blocks, so where a pattern is ambiguous it errs
//! towards warning: anything in the National Insurance number format counts,
//! the reserved example `QQ 12 34 56 C` included.
//!
//! The contact email is left out: it is there to be published.

use std::sync::LazyLock;

use regex::Regex;

use super::CaseStudyContent;

/// What kind of personal data a warning is about (the API's `kind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Email,
    Phone,
    NiNumber,
    Postcode,
    DateOfBirth,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Email => "EMAIL",
            Kind::Phone => "PHONE",
            Kind::NiNumber => "NI_NUMBER",
            Kind::Postcode => "POSTCODE",
            Kind::DateOfBirth => "DATE_OF_BIRTH",
        }
    }
}

/// One place where a field seems to hold personal data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The input path, as errors name fields: `body`, `lessons[2]`, `links[0].title`.
    pub field: String,
    pub kind: Kind,
    /// The match with a little of the text around it, on one line.
    pub excerpt: String,
}

/// Characters of context either side of a match in its excerpt.
const CONTEXT_CHARS: usize = 30;

fn pattern(source: &str) -> Regex {
    Regex::new(source).expect("a valid built-in pattern")
}

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)\b[a-z0-9][a-z0-9._%+'-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b"));

/// UK numbers: 0 or +44 (or 0044), then 9 or 10 more digits in the groupings
/// people write (spaces, hyphens, a bracketed area code). The digits may not
/// run on into more digits or follow a letter (order numbers, references).
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(?:^|[^\w+-])((?:\+44\s?(?:\(0\)\s?)?|0044\s?|\(0|0)[1-9](?:[\s-]?\)?[\s-]?\d){8,9})(?:[^\w-]|$)")
});

/// AA 12 34 56 A with or without spaces, any letters: the format is the warning.
static NI_NUMBER: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?i)\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"));

/// A full postcode (outward and inward code): `SW1A 1AA`, `M1 1AE`, `B33 8TH`.
/// A grid reference (`TQ 1234 5678`) has no letters after its digits.
static POSTCODE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)\b(?:GIR\s?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-HJKMNPR-Y\d]?\s?\d[ABD-HJLNP-UW-Z]{2})\b"));

/// A date named as someone's birth: "born 3 May 1961", "DOB: 03/05/1961",
/// "date of birth 1961-05-03". Dates alone (a project's) are not warned of.
static DATE_OF_BIRTH: LazyLock<Regex> = LazyLock::new(|| {
    pattern(concat!(
        r"(?i)\b(?:born(?:\s+on)?|d\.?o\.?b\.?|date\s+of\s+birth|birth\s?date|birthday)\s*(?:is|was|:|-)?\s*",
        r"(?:\d{1,2}(?:st|nd|rd|th)?[\s/.-]+(?:\d{1,2}|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*)[\s/.,-]+\d{2,4}",
        r"|\d{4}-\d{2}-\d{2}",
        r"|(?:jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*)\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"
    ))
});

/// Every likely piece of personal data in one text, in order.
pub fn scan_text(field: &str, text: &str) -> Vec<Warning> {
    let mut found: Vec<(usize, usize, Kind)> = Vec::new();
    for (kind, regex) in [
        (Kind::Email, &*EMAIL),
        (Kind::NiNumber, &*NI_NUMBER),
        (Kind::Postcode, &*POSTCODE),
        (Kind::DateOfBirth, &*DATE_OF_BIRTH),
    ] {
        found.extend(regex.find_iter(text).map(|found| (found.start(), found.end(), kind)));
    }
    // The phone pattern matches its surroundings too: the number is its group.
    found.extend(
        PHONE
            .captures_iter(text)
            .filter_map(|captures| captures.get(1))
            .map(|number| (number.start(), number.end(), Kind::Phone)),
    );
    found.sort_by_key(|(start, _, _)| *start);
    // An email's domain can look like nothing else; a date of birth holds digits: keep the first of overlapping finds.
    let mut warnings: Vec<Warning> = Vec::new();
    let mut covered_to = 0;
    for (start, end, kind) in found {
        if start < covered_to {
            continue;
        }
        covered_to = end;
        warnings.push(Warning { field: field.to_owned(), kind, excerpt: excerpt(text, start, end) });
    }
    warnings
}

/// The warnings for every text field of a case study but its contact email.
pub fn scan(content: &CaseStudyContent) -> Vec<Warning> {
    let mut warnings = scan_text("title", &content.title);
    warnings.extend(scan_text("summary", &content.summary));
    for (field, text) in [("titleCy", &content.languages.title_cy), ("summaryCy", &content.languages.summary_cy)] {
        warnings.extend(text.as_deref().map(|text| scan_text(field, text)).unwrap_or_default());
    }
    warnings.extend(scan_text("body", &content.body));
    for (index, lesson) in content.lessons.iter().enumerate() {
        warnings.extend(scan_text(&format!("lessons[{index}]"), lesson));
    }
    for (index, partner) in content.partners.iter().enumerate() {
        warnings.extend(scan_text(&format!("partners[{index}]"), partner));
    }
    for (index, link) in content.links.iter().enumerate() {
        warnings.extend(scan_text(&format!("links[{index}].title"), &link.title));
    }
    warnings
}

/// The match and up to `CONTEXT_CHARS` characters either side, whitespace
/// folded to single spaces, with "…" where the text goes on.
fn excerpt(text: &str, start: usize, end: usize) -> String {
    let before: String =
        text[..start].chars().rev().take(CONTEXT_CHARS).collect::<Vec<_>>().into_iter().rev().collect();
    let after: String = text[end..].chars().take(CONTEXT_CHARS).collect();
    let mut shown = String::new();
    if before.len() < start {
        shown.push('…');
    }
    shown.push_str(&before);
    shown.push_str(&text[start..end]);
    shown.push_str(&after);
    if end + after.len() < text.len() {
        shown.push('…');
    }
    shown.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
