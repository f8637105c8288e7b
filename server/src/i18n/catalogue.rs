//! The Fluent messages, one file per language and area, compiled into the
//! binary and parsed once. A key missing from either language, or a file
//! that does not parse, fails the tests below (and the build's first use
//! would fall back to English, then to the key itself, never panic).

#[cfg(test)]
use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use super::Locale;

/// Each area's English and Welsh files.
pub const AREAS: [(&str, &str, &str); 10] = [
    ("common", include_str!("../../../web/locales/en/common.ftl"), include_str!("../../../web/locales/cy/common.ftl")),
    ("pages", include_str!("../../../web/locales/en/pages.ftl"), include_str!("../../../web/locales/cy/pages.ftl")),
    (
        "reading",
        include_str!("../../../web/locales/en/reading.ftl"),
        include_str!("../../../web/locales/cy/reading.ftl"),
    ),
    ("labels", include_str!("../../../web/locales/en/labels.ftl"), include_str!("../../../web/locales/cy/labels.ftl")),
    ("views", include_str!("../../../web/locales/en/views.ftl"), include_str!("../../../web/locales/cy/views.ftl")),
    (
        "writing",
        include_str!("../../../web/locales/en/writing.ftl"),
        include_str!("../../../web/locales/cy/writing.ftl"),
    ),
    (
        "moderation",
        include_str!("../../../web/locales/en/moderation.ftl"),
        include_str!("../../../web/locales/cy/moderation.ftl"),
    ),
    ("admin", include_str!("../../../web/locales/en/admin.ftl"), include_str!("../../../web/locales/cy/admin.ftl")),
    ("emails", include_str!("../../../web/locales/en/emails.ftl"), include_str!("../../../web/locales/cy/emails.ftl")),
    ("errors", include_str!("../../../web/locales/en/errors.ftl"), include_str!("../../../web/locales/cy/errors.ftl")),
];

/// A message argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Number(i64),
}

struct Catalogue {
    english: FluentBundle<FluentResource>,
    welsh: FluentBundle<FluentResource>,
}

static CATALOGUE: LazyLock<Catalogue> =
    LazyLock::new(|| Catalogue { english: bundle(Locale::English), welsh: bundle(Locale::Welsh) });

fn bundle(locale: Locale) -> FluentBundle<FluentResource> {
    let language = locale.code().parse().expect("en and cy are language identifiers");
    let mut bundle = FluentBundle::new_concurrent(vec![language]);
    // No Unicode isolation marks around arguments: both languages run left to right.
    bundle.set_use_isolating(false);
    for (area, english, welsh) in AREAS {
        let source = if locale == Locale::English { english } else { welsh };
        let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(resource, errors)| {
            tracing::error!(area, language = locale.code(), ?errors, "a Fluent file does not parse");
            resource
        });
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(area, language = locale.code(), ?errors, "a Fluent key is defined twice");
        }
    }
    bundle
}

pub fn text(locale: Locale, key: &str, args: &[(&str, Arg)]) -> String {
    let catalogue = &*CATALOGUE;
    let bundles = match locale {
        Locale::English => [&catalogue.english, &catalogue.english],
        Locale::Welsh => [&catalogue.welsh, &catalogue.english],
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(text) => fluent_args.set(*name, FluentValue::from(text.as_str())),
            Arg::Number(number) => fluent_args.set(*name, FluentValue::from(*number)),
        }
    }
    for bundle in bundles {
        if let Some(pattern) = bundle.get_message(key).and_then(|message| message.value()) {
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
            if !errors.is_empty() {
                tracing::warn!(key, ?errors, "a message could not be formatted whole");
            }
            return text.into_owned();
        }
    }
    tracing::warn!(key, "no such message");
    key.to_owned()
}

/// The text of `key` in `locale` alone (no English stand-in), when it has one.
pub fn find(locale: Locale, key: &str) -> Option<String> {
    let bundle = match locale {
        Locale::English => &CATALOGUE.english,
        Locale::Welsh => &CATALOGUE.welsh,
    };
    let pattern = bundle.get_message(key)?.value()?;
    Some(bundle.format_pattern(pattern, None, &mut Vec::new()).into_owned())
}

/// The keys of one Fluent source, or why it does not parse.
#[cfg(test)]
fn keys(source: &str) -> Result<Vec<String>, String> {
    let resource = FluentResource::try_new(source.to_owned()).map_err(|(_, errors)| format!("{errors:?}"))?;
    Ok(resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_owned()),
            _ => None,
        })
        .collect())
}

/// Every key, in every area.
#[cfg(test)]
fn all_keys(locale: Locale) -> HashMap<String, &'static str> {
    let mut all = HashMap::new();
    for (area, english, welsh) in AREAS {
        let source = if locale == Locale::English { english } else { welsh };
        for key in keys(source).unwrap_or_default() {
            all.insert(key, area);
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn every_file_parses_and_both_languages_have_the_same_keys() {
        for (area, english, welsh) in AREAS {
            let english: BTreeSet<String> =
                keys(english).unwrap_or_else(|error| panic!("en/{area}.ftl: {error}")).into_iter().collect();
            let welsh: BTreeSet<String> =
                keys(welsh).unwrap_or_else(|error| panic!("cy/{area}.ftl: {error}")).into_iter().collect();
            let only_english: Vec<_> = english.difference(&welsh).collect();
            let only_welsh: Vec<_> = welsh.difference(&english).collect();
            assert!(only_english.is_empty(), "missing from cy/{area}.ftl: {only_english:?}");
            assert!(only_welsh.is_empty(), "missing from en/{area}.ftl: {only_welsh:?}");
        }
    }

    #[test]
    fn no_key_is_defined_in_two_areas() {
        let mut seen = HashMap::new();
        for (area, english, _) in AREAS {
            for key in keys(english).expect("parses") {
                if let Some(other) = seen.insert(key.clone(), area) {
                    panic!("{key} is in both {other}.ftl and {area}.ftl");
                }
            }
        }
    }

    #[test]
    fn every_key_the_templates_use_exists() {
        let defined = all_keys(Locale::English);
        let pattern = regex::Regex::new(r#"\.t(?:_count|_with)?\("([a-z0-9-]+)""#).expect("a pattern");
        let templates = concat!(env!("CARGO_MANIFEST_DIR"), "/../web/templates");
        let mut missing = Vec::new();
        for entry in std::fs::read_dir(templates).expect("the templates") {
            let path = entry.expect("an entry").path();
            let source = std::fs::read_to_string(&path).expect("a template");
            for used in pattern.captures_iter(&source) {
                if !defined.contains_key(&used[1]) {
                    missing.push(format!("{}: {}", path.display(), &used[1]));
                }
            }
        }
        assert!(missing.is_empty(), "keys used but defined nowhere: {missing:#?}");
    }

    /// The messages the domain writes as literals name their Welsh by their
    /// English text (`i18n::message`): each must have its `msg-` key, or a
    /// Welsh reader would meet it in English.
    #[test]
    fn every_literal_message_of_the_domain_has_its_welsh() {
        let patterns = [
            r#"AppError::(?:Forbidden|Conflict|RateLimited)\(\s*"((?:[^"\\]|\\.)+)""#,
            r#"bad_input\(\s*[^,()]+,\s*"((?:[^"\\]|\\.)+)"\s*,?\s*\)"#,
            r#"(?:errors|self)\.add\(\s*[^,()]+(?:\([^)]*\))?,\s*"((?:[^"\\]|\\.)+)"\s*\)"#,
        ]
        .map(|pattern| regex::Regex::new(pattern).expect("a pattern"));
        let welsh = all_keys(Locale::Welsh);
        let mut missing = Vec::new();
        let mut folders = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).expect("a folder") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    folders.push(path);
                    continue;
                }
                if path.extension().is_none_or(|extension| extension != "rs") {
                    continue;
                }
                let source = std::fs::read_to_string(&path).expect("a source file");
                for found in patterns.iter().flat_map(|pattern| pattern.captures_iter(&source)) {
                    let key = format!("msg-{}", crate::text::kebab(&found[1]));
                    if !welsh.contains_key(&key) {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "messages with no Welsh: {missing:#?}");
    }

    #[test]
    fn welsh_counts_take_welsh_plural_forms() {
        let forms: Vec<String> = [0, 1, 2, 3, 6, 7]
            .into_iter()
            .map(|count| text(Locale::Welsh, "results-count", &[("count", Arg::Number(count))]))
            .collect();
        // zero, one, two, few, many, other: six distinct forms.
        let distinct: BTreeSet<&String> = forms.iter().collect();
        assert_eq!(distinct.len(), 6, "{forms:#?}");
        assert_eq!(text(Locale::English, "results-count", &[("count", Arg::Number(1))]), "1 case study");
    }

    #[test]
    fn a_missing_welsh_message_falls_back_to_english_then_the_key() {
        assert_eq!(text(Locale::Welsh, "no-such-key", &[]), "no-such-key");
    }
}
