//! The content of a case study: what a client sends (`CaseStudyInput`), and
//! the validated, normalised form that can only hold what the rules allow
//! (`CaseStudyContent`). Parse, don't validate: the workflow stores only
//! `CaseStudyContent`.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::evidence::{Evidence, EvidenceStrength, MAX_COST, cost_band_for};
use super::{CostBand, Language, Languages, Outcome, Visibility};
use crate::entities::json::Link;
pub use crate::entities::values::CaseStudyContent;
use crate::error::FieldError;
use crate::i18n::Arg;
use crate::taxonomy::{Taxonomy, TermKind};
use crate::text::kebab;

pub const TITLE_CHARS: std::ops::RangeInclusive<usize> = 5..=200;
pub const SUMMARY_CHARS: std::ops::RangeInclusive<usize> = 20..=1_000;
pub const BODY_MAX_CHARS: usize = 100_000;
pub const MAX_LESSONS: usize = 20;
pub const LESSON_MAX_CHARS: usize = 500;
pub const SERVICE_AREAS: std::ops::RangeInclusive<usize> = 1..=5;
pub const MAX_TECHNOLOGIES: usize = 10;
pub const MAX_TAGS: usize = 20;
pub const TAG_MAX_CHARS: usize = 40;
pub const MAX_PARTNERS: usize = 20;
pub const PARTNER_MAX_CHARS: usize = 200;
pub const MAX_COLLABORATORS: usize = 20;
pub const MAX_LINKS: usize = 20;
pub const LINK_TITLE_MAX_CHARS: usize = 200;
pub const LINK_URL_MAX_CHARS: usize = 2_000;
pub const MAX_DO_DIFFERENTLY: usize = 20;

/// A case study as a client proposes it: every field of `CaseStudyInput` in API.md.
#[derive(Clone, Debug, Default)]
pub struct CaseStudyInput {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub outcome: Option<Outcome>,
    pub lessons: Vec<String>,
    pub service_areas: Vec<String>,
    pub technologies: Vec<String>,
    pub tags: Vec<String>,
    pub cost_band: Option<CostBand>,
    /// `YYYY-MM-DD`, parsed by `validate`.
    pub started_on: String,
    /// `YYYY-MM-DD` or empty, parsed by `validate`.
    pub ended_on: Option<String>,
    pub partners: Vec<String>,
    pub collaborators: Vec<String>,
    pub links: Vec<LinkInput>,
    pub contact_email: Option<String>,
    pub visibility: Option<Visibility>,
    pub anonymous: bool,
    pub evidence: EvidenceInput,
    /// None is English, what clients written before issue 20 send.
    pub language: Option<Language>,
    pub title_cy: Option<String>,
    pub summary_cy: Option<String>,
}

/// The evidence fields of `CaseStudyInput` (issue 19), each optional.
#[derive(Clone, Debug, Default)]
pub struct EvidenceInput {
    pub strength: Option<EvidenceStrength>,
    pub evaluation_url: Option<String>,
    pub planned_cost: Option<i64>,
    pub actual_cost: Option<i64>,
    /// `YYYY-MM-DD` or empty, parsed by `validate`.
    pub planned_end_on: Option<String>,
    pub do_differently: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub struct LinkInput {
    pub title: String,
    pub url: String,
}

/// What validation needs to know beyond the input itself.
pub struct ValidationContext<'a> {
    pub taxonomy: &'a Taxonomy,
    /// Slug → id of the councils named as collaborators that exist.
    pub known_collaborators: &'a HashMap<String, i32>,
    /// The owning council, which cannot also be a collaborator.
    pub owning_authority_id: i32,
}

impl CaseStudyInput {
    /// Checks every rule of PRODUCT.md's field table and normalises the
    /// input. Returns every broken rule, in field order, so a form can show
    /// them all at once.
    pub fn validate(self, context: &ValidationContext<'_>) -> Result<CaseStudyContent, Vec<FieldError>> {
        let mut errors = Errors::default();

        let title = self.title.trim().to_owned();
        errors.check_length("title", &title, TITLE_CHARS);
        let summary = self.summary.trim().to_owned();
        errors.check_length("summary", &summary, SUMMARY_CHARS);
        let body = self.body.trim_end().to_owned();
        if body.chars().count() > BODY_MAX_CHARS {
            errors.keyed("body", "rule-at-most-characters", vec![("max", number(BODY_MAX_CHARS))]);
        }
        if self.outcome.is_none() {
            errors.add("outcome", "is required");
        }

        let lessons = errors.short_texts("lessons", self.lessons, MAX_LESSONS, LESSON_MAX_CHARS);
        let service_areas = errors.terms("serviceAreas", self.service_areas, TermKind::ServiceArea, context.taxonomy);
        if !SERVICE_AREAS.contains(&service_areas.len()) && !errors.has("serviceAreas") {
            let (min, max) = (number(*SERVICE_AREAS.start()), number(*SERVICE_AREAS.end()));
            errors.keyed("serviceAreas", "rule-service-areas-between", vec![("min", min), ("max", max)]);
        }
        let technologies = errors.terms("technologies", self.technologies, TermKind::Technology, context.taxonomy);
        if technologies.len() > MAX_TECHNOLOGIES && !errors.has("technologies") {
            errors.keyed("technologies", "rule-technologies-at-most", vec![("max", number(MAX_TECHNOLOGIES))]);
        }
        let tags = errors.tags(self.tags);

        let started_on = errors.date("startedOn", Some(&self.started_on));
        if started_on.is_none() && !errors.has("startedOn") {
            errors.add("startedOn", "is required");
        }
        let ended_on = errors.date("endedOn", self.ended_on.as_deref());
        if let (Some(started), Some(ended)) = (started_on, ended_on)
            && ended < started
        {
            errors.add("endedOn", "must be on or after the start date");
        }

        let evidence = errors.evidence(self.evidence, started_on);
        let languages = errors.languages(self.language.unwrap_or(Language::En), self.title_cy, self.summary_cy);

        let partners = errors.short_texts("partners", self.partners, MAX_PARTNERS, PARTNER_MAX_CHARS);
        let collaborators = errors.collaborators(self.collaborators, context);
        let links = errors.links(self.links);

        let contact_email = self.contact_email.map(|email| email.trim().to_owned()).filter(|email| !email.is_empty());
        if let Some(email) = &contact_email
            && !email_address::EmailAddress::is_valid(email)
        {
            errors.add("contactEmail", "must be an email address");
        }
        if self.visibility.is_none() {
            errors.add("visibility", "is required");
        }

        let (Some(outcome), Some(started_on), Some(visibility), true) =
            (self.outcome, started_on, self.visibility, errors.0.is_empty())
        else {
            return Err(errors.0);
        };
        Ok(CaseStudyContent {
            title,
            summary,
            body,
            outcome,
            lessons,
            service_areas,
            technologies,
            tags,
            // The band follows from a cost when there is one (the actual, else the planned).
            cost_band: evidence.known_cost().map(cost_band_for).or(self.cost_band).unwrap_or(CostBand::Unknown),
            started_on,
            ended_on,
            partners,
            collaborators,
            links,
            contact_email,
            visibility,
            anonymous: self.anonymous,
            evidence,
            languages,
        })
    }
}

/// A limit or a count as a message argument.
fn number(value: impl TryInto<i64>) -> Arg {
    Arg::Number(value.try_into().unwrap_or(i64::MAX))
}

/// Lower-case kebab, as tags are stored: "Bin Sensors!" → "bin-sensors".
pub fn normalise_tag(tag: &str) -> String {
    kebab(tag)
}

#[derive(Default)]
struct Errors(Vec<FieldError>);

impl Errors {
    fn keyed(&mut self, field: impl Into<String>, key: &'static str, args: Vec<(&'static str, Arg)>) {
        self.0.push(FieldError::keyed(field, key, args));
    }

    fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError { field: field.into(), message: message.into(), text: None });
    }

    fn has(&self, field: &str) -> bool {
        self.0.iter().any(|error| error.field == field || error.field.starts_with(&format!("{field}[")))
    }

    /// A `YYYY-MM-DD` date; blank is none.
    fn date(&mut self, field: &str, text: Option<&str>) -> Option<NaiveDate> {
        let text = text.map(str::trim).filter(|text| !text.is_empty())?;
        let parsed = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
        if parsed.is_none() {
            self.keyed(field, "rule-not-a-date", vec![("text", Arg::Text(text.to_owned()))]);
        }
        parsed
    }

    /// A bilingual case study needs its Welsh title and summary, held to the
    /// English ones' lengths. Any other has none: what is given with another
    /// language is dropped, so no text is stored that its page (and so its
    /// moderator) would not show.
    fn languages(&mut self, language: Language, title_cy: Option<String>, summary_cy: Option<String>) -> Languages {
        if language != Language::Bilingual {
            return Languages { language, title_cy: None, summary_cy: None };
        }
        let given = |text: Option<String>| text.map(|text| text.trim().to_owned()).filter(|text| !text.is_empty());
        let (title_cy, summary_cy) = (given(title_cy), given(summary_cy));
        for (field, text, allowed) in [("titleCy", &title_cy, TITLE_CHARS), ("summaryCy", &summary_cy, SUMMARY_CHARS)] {
            match text {
                Some(text) => self.check_length(field, text, allowed),
                None => self.add(field, "is required for a bilingual case study"),
            }
        }
        Languages { language, title_cy, summary_cy }
    }

    fn check_length(&mut self, field: &str, text: &str, allowed: std::ops::RangeInclusive<usize>) {
        let length = text.chars().count();
        if !allowed.contains(&length) {
            let (min, max) = (number(*allowed.start()), number(*allowed.end()));
            self.keyed(field, "rule-length-between", vec![("min", min), ("max", max), ("length", number(length))]);
        }
    }

    /// A list of short, non-empty statements (lessons, partners), trimmed.
    fn short_texts(&mut self, field: &str, items: Vec<String>, max_items: usize, max_chars: usize) -> Vec<String> {
        if items.len() > max_items {
            self.keyed(field, "rule-at-most-items", vec![("max", number(max_items))]);
        }
        let mut kept = Vec::with_capacity(items.len());
        for (index, item) in items.into_iter().enumerate() {
            let item = item.trim().to_owned();
            if item.is_empty() {
                self.add(format!("{field}[{index}]"), "must not be empty");
            } else if item.chars().count() > max_chars {
                self.keyed(format!("{field}[{index}]"), "rule-at-most-characters", vec![("max", number(max_chars))]);
            }
            kept.push(item);
        }
        kept
    }

    /// Taxonomy keys, each known, duplicates dropped.
    fn terms(&mut self, field: &str, keys: Vec<String>, kind: TermKind, taxonomy: &Taxonomy) -> Vec<String> {
        let mut kept: Vec<String> = Vec::with_capacity(keys.len());
        for (index, key) in keys.into_iter().enumerate() {
            let key = key.trim().to_owned();
            if !taxonomy.contains(kind, &key) {
                self.keyed(format!("{field}[{index}]"), "rule-unknown-key", vec![("key", Arg::Text(key.clone()))]);
            } else if !kept.contains(&key) {
                kept.push(key);
            }
        }
        kept
    }

    fn tags(&mut self, tags: Vec<String>) -> Vec<String> {
        let mut kept: Vec<String> = Vec::with_capacity(tags.len());
        for (index, tag) in tags.into_iter().enumerate() {
            let tag = normalise_tag(&tag);
            if tag.is_empty() {
                self.add(format!("tags[{index}]"), "must contain a letter or digit");
            } else if tag.chars().count() > TAG_MAX_CHARS {
                self.keyed(format!("tags[{index}]"), "rule-at-most-characters", vec![("max", number(TAG_MAX_CHARS))]);
            } else if !kept.contains(&tag) {
                kept.push(tag);
            }
        }
        if kept.len() > MAX_TAGS {
            self.keyed("tags", "rule-tags-at-most", vec![("max", number(MAX_TAGS))]);
        }
        kept
    }

    fn collaborators(&mut self, slugs: Vec<String>, context: &ValidationContext<'_>) -> Vec<i32> {
        if slugs.len() > MAX_COLLABORATORS {
            self.keyed("collaborators", "rule-at-most-items", vec![("max", number(MAX_COLLABORATORS))]);
        }
        let mut kept = Vec::with_capacity(slugs.len());
        for (index, slug) in slugs.iter().enumerate() {
            match context.known_collaborators.get(slug.trim()) {
                None => self.keyed(
                    format!("collaborators[{index}]"),
                    "rule-not-a-council",
                    vec![("slug", Arg::Text(slug.trim().to_owned()))],
                ),
                Some(&id) if id == context.owning_authority_id => {
                    self.add(format!("collaborators[{index}]"), "the owning council cannot also be a collaborator")
                }
                Some(&id) if !kept.contains(&id) => kept.push(id),
                Some(_) => {}
            }
        }
        kept
    }

    fn evidence(&mut self, input: EvidenceInput, started_on: Option<NaiveDate>) -> Evidence {
        for (field, cost) in [("plannedCost", input.planned_cost), ("actualCost", input.actual_cost)] {
            if cost.is_some_and(|cost| !(0..=MAX_COST).contains(&cost)) {
                self.keyed(field, "rule-whole-pounds", vec![("max", number(MAX_COST))]);
            }
        }
        let planned_end_on = self.date("plannedEndOn", input.planned_end_on.as_deref());
        if let (Some(started), Some(planned_end)) = (started_on, planned_end_on)
            && planned_end < started
        {
            self.add("plannedEndOn", "must be on or after the start date");
        }
        let evaluation_url = input.evaluation_url.map(|url| url.trim().to_owned()).filter(|url| !url.is_empty());
        if evaluation_url.as_deref().is_some_and(|url| !is_web_url(url)) {
            self.add("evaluationUrl", "must be an http or https address");
        }
        let do_differently =
            self.short_texts("doDifferently", input.do_differently, MAX_DO_DIFFERENTLY, LESSON_MAX_CHARS);
        Evidence {
            strength: input.strength,
            evaluation_url,
            planned_cost: input.planned_cost,
            actual_cost: input.actual_cost,
            planned_end_on,
            do_differently,
        }
    }

    fn links(&mut self, links: Vec<LinkInput>) -> Vec<Link> {
        if links.len() > MAX_LINKS {
            self.keyed("links", "rule-links-at-most", vec![("max", number(MAX_LINKS))]);
        }
        let mut kept = Vec::with_capacity(links.len());
        for (index, link) in links.into_iter().enumerate() {
            let title = link.title.trim().to_owned();
            let url = link.url.trim().to_owned();
            if title.is_empty() || title.chars().count() > LINK_TITLE_MAX_CHARS {
                self.keyed(
                    format!("links[{index}].title"),
                    "rule-length-from-one",
                    vec![("max", number(LINK_TITLE_MAX_CHARS))],
                );
            }
            if !is_web_url(&url) {
                self.add(format!("links[{index}].url"), "must be an http or https address");
            }
            kept.push(Link { title, url });
        }
        kept
    }
}

fn is_web_url(text: &str) -> bool {
    if text.chars().count() > LINK_URL_MAX_CHARS {
        return false;
    }
    match url::Url::parse(text) {
        Ok(url) => matches!(url.scheme(), "http" | "https") && url.host_str().is_some_and(|host| !host.is_empty()),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::Term;

    fn taxonomy() -> Taxonomy {
        Taxonomy {
            service_areas: vec![Term {
                key: "housing".into(),
                label: "Housing".into(),
                label_cy: None,
                retired: false,
            }],
            technologies: vec![Term {
                key: "chatbot".into(),
                label: "Chatbots".into(),
                label_cy: None,
                retired: false,
            }],
        }
    }

    fn valid_input() -> CaseStudyInput {
        CaseStudyInput {
            title: "A housing chatbot".into(),
            summary: "We built a chatbot for housing repairs.".into(),
            body: "It went well.".into(),
            outcome: Some(Outcome::Success),
            service_areas: vec!["housing".into()],
            started_on: "2022-01-01".into(),
            visibility: Some(Visibility::Public),
            ..Default::default()
        }
    }

    fn validate(input: CaseStudyInput) -> Result<CaseStudyContent, Vec<FieldError>> {
        let taxonomy = taxonomy();
        let known = HashMap::from([("camden".to_owned(), 1), ("hackney".to_owned(), 2)]);
        input.validate(&ValidationContext { taxonomy: &taxonomy, known_collaborators: &known, owning_authority_id: 1 })
    }

    fn fields(input: CaseStudyInput) -> Vec<String> {
        validate(input).expect_err("input should be refused").into_iter().map(|error| error.field).collect()
    }

    #[test]
    fn valid_input_is_normalised() {
        let mut input = valid_input();
        input.title = "  A housing chatbot  ".into();
        input.tags = vec!["Bin Sensors!".into(), "bin-sensors".into()];
        input.service_areas = vec!["housing".into(), "housing".into()];
        input.contact_email = Some("  ".into());
        let content = validate(input).expect("valid");
        assert_eq!(content.title, "A housing chatbot");
        assert_eq!(content.tags, vec!["bin-sensors"]);
        assert_eq!(content.service_areas, vec!["housing"]);
        assert_eq!(content.contact_email, None);
        assert_eq!(content.cost_band, CostBand::Unknown);
    }

    #[test]
    fn every_broken_rule_names_its_field() {
        let mut input = valid_input();
        input.title = "abc".into();
        input.summary = "too short".into();
        input.lessons = vec!["fine".into(), "x".repeat(501)];
        input.service_areas = vec!["nope".into()];
        input.technologies = vec!["chatbot".into(), "teleporter".into()];
        input.tags = vec!["!!!".into(), "a".repeat(41)];
        input.ended_on = Some("2021-01-01".into());
        input.collaborators = vec!["camden".into(), "atlantis".into()];
        input.links = vec![LinkInput { title: "ok".into(), url: "javascript:alert(1)".into() }];
        input.contact_email = Some("not-an-email".into());
        assert_eq!(
            fields(input),
            vec![
                "title",
                "summary",
                "lessons[1]",
                "serviceAreas[0]",
                "technologies[1]",
                "tags[0]",
                "tags[1]",
                "endedOn",
                "collaborators[0]",
                "collaborators[1]",
                "links[0].url",
                "contactEmail"
            ]
        );
    }

    #[test]
    fn list_sizes_are_bounded() {
        let mut input = valid_input();
        input.service_areas = vec![];
        assert_eq!(fields(input), vec!["serviceAreas"]);
        let mut input = valid_input();
        input.lessons = vec!["lesson".into(); 21];
        assert_eq!(fields(input), vec!["lessons"]);
        let mut input = valid_input();
        input.tags = (0..21).map(|n| format!("tag-{n}")).collect();
        assert_eq!(fields(input), vec!["tags"]);
        let mut input = valid_input();
        input.links = vec![LinkInput { title: "t".into(), url: "https://example.org".into() }; 21];
        assert_eq!(fields(input), vec!["links"]);
        let mut input = valid_input();
        input.body = "x".repeat(BODY_MAX_CHARS + 1);
        assert_eq!(fields(input), vec!["body"]);
    }

    #[test]
    fn evidence_is_checked_and_the_cost_decides_the_band() {
        let mut input = valid_input();
        input.cost_band = Some(CostBand::Over1m);
        input.evidence = EvidenceInput {
            strength: Some(EvidenceStrength::Monitored),
            planned_cost: Some(40_000),
            actual_cost: Some(60_000),
            planned_end_on: Some("2022-06-30".into()),
            do_differently: vec!["  Ask residents first ".into()],
            ..Default::default()
        };
        let content = validate(input).expect("valid");
        assert_eq!(content.cost_band, CostBand::From50kTo250k, "the actual cost, not the chosen band");
        assert_eq!(content.evidence.do_differently, vec!["Ask residents first"]);
        assert_eq!(content.evidence.over_budget(), Some(true));

        let mut input = valid_input();
        input.evidence = EvidenceInput {
            planned_cost: Some(-1),
            actual_cost: Some(MAX_COST + 1),
            planned_end_on: Some("2021-12-31".into()),
            evaluation_url: Some("ftp://example.org".into()),
            do_differently: vec![String::new()],
            ..Default::default()
        };
        assert_eq!(
            fields(input),
            vec!["plannedCost", "actualCost", "plannedEndOn", "evaluationUrl", "doDifferently[0]"]
        );
    }
}
