//! The create and edit form of a case study: its fields as typed (so an
//! invalid form comes back as it was), their conversion to the domain's
//! `CaseStudyInput`, and the page that shows them with the GOV.UK error
//! summary and inline errors.
//!
//! The form is plain HTML: lists are one item per line, links are
//! "title | URL" per line, tags are separated by commas, and each
//! collaborating council is one text box with the register's names as its
//! suggestions (a `<datalist>`: an autocomplete without JavaScript).

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sea_orm::Iterable;
use serde::Deserialize;

use super::Layout;
use super::form_errors::ShownError;
use crate::app::AppState;
use crate::authorities;
use crate::case_studies::evidence::EvidenceStrength;
use crate::case_studies::{
    CaseStudyContent, CaseStudyInput, CostBand, EvidenceInput, Language, LinkInput, MAX_COLLABORATORS, Outcome,
    Visibility,
};
use crate::error::AppResult;
use crate::i18n::Locale;
use crate::taxonomy::{self, TermKind};

/// Empty collaborator boxes shown below the filled ones (more after saving).
const SPARE_COLLABORATOR_BOXES: usize = 3;

/// The form's fields as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FormValues {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub outcome: String,
    pub lessons: String,
    pub service_areas: Vec<String>,
    pub technologies: Vec<String>,
    pub tags: String,
    pub cost_band: String,
    pub started_on: String,
    pub ended_on: String,
    pub partners: String,
    /// Council names (or slugs), one per box.
    pub collaborators: Vec<String>,
    pub links: String,
    pub contact_email: String,
    pub visibility: String,
    pub anonymous: bool,
    pub version: String,
    pub evidence_strength: String,
    pub evaluation_url: String,
    /// Pounds as typed: "12,000" and "£12000" are read as 12000.
    pub planned_cost: String,
    pub actual_cost: String,
    pub planned_end_on: String,
    pub do_differently: String,
    /// EN, CY or BILINGUAL.
    pub language: String,
    pub title_cy: String,
    pub summary_cy: String,
}

impl FormValues {
    /// A new case study: in the language of the interface it is written in.
    pub fn blank(locale: Locale) -> Self {
        let language = if locale == Locale::Welsh { Language::Cy } else { Language::En };
        FormValues {
            visibility: "PUBLIC".into(),
            cost_band: "UNKNOWN".into(),
            language: language.as_str().into(),
            ..FormValues::default()
        }
    }

    pub fn has_service_area(&self, key: &str) -> bool {
        self.service_areas.iter().any(|chosen| chosen == key)
    }

    pub fn has_technology(&self, key: &str) -> bool {
        self.technologies.iter().any(|chosen| chosen == key)
    }

    /// The boxes for collaborating councils: the filled ones, then a few spare.
    pub fn collaborator_boxes(&self) -> Vec<String> {
        let filled = self.collaborators.iter().filter(|name| !name.trim().is_empty()).cloned();
        let mut boxes: Vec<String> = filled.collect();
        let spare = SPARE_COLLABORATOR_BOXES.min(MAX_COLLABORATORS.saturating_sub(boxes.len()));
        boxes.extend(std::iter::repeat_n(String::new(), spare));
        boxes
    }

    /// The form filled with `content` (live, or a pending revision) at `version`.
    pub fn from_content(content: &CaseStudyContent, collaborator_names: Vec<String>, version: i32) -> FormValues {
        FormValues {
            title: content.title.clone(),
            summary: content.summary.clone(),
            body: content.body.clone(),
            outcome: content.outcome.as_str().into(),
            lessons: content.lessons.join("\n"),
            service_areas: content.service_areas.clone(),
            technologies: content.technologies.clone(),
            tags: content.tags.join(", "),
            cost_band: content.cost_band.as_str().into(),
            started_on: content.started_on.to_string(),
            ended_on: content.ended_on.map(|date| date.to_string()).unwrap_or_default(),
            partners: content.partners.join("\n"),
            collaborators: collaborator_names,
            links: content
                .links
                .iter()
                .map(|link| format!("{} | {}", link.title, link.url))
                .collect::<Vec<_>>()
                .join("\n"),
            contact_email: content.contact_email.clone().unwrap_or_default(),
            visibility: content.visibility.as_str().into(),
            anonymous: content.anonymous,
            version: version.to_string(),
            evidence_strength: content
                .evidence
                .strength
                .map(|strength| strength.as_str().to_owned())
                .unwrap_or_default(),
            evaluation_url: content.evidence.evaluation_url.clone().unwrap_or_default(),
            planned_cost: content.evidence.planned_cost.map(|cost| cost.to_string()).unwrap_or_default(),
            actual_cost: content.evidence.actual_cost.map(|cost| cost.to_string()).unwrap_or_default(),
            planned_end_on: content.evidence.planned_end_on.map(|date| date.to_string()).unwrap_or_default(),
            do_differently: content.evidence.do_differently.join("\n"),
            language: content.languages.language.as_str().into(),
            title_cy: content.languages.title_cy.clone().unwrap_or_default(),
            summary_cy: content.languages.summary_cy.clone().unwrap_or_default(),
        }
    }

    /// The domain's input, with each council named in the form given by its
    /// slug (`slugs`: from `authorities::slugs_by_name`). Unknown choices stay
    /// as typed or unset, so the domain reports them.
    pub fn input(&self, slugs: &HashMap<String, String>) -> CaseStudyInput {
        let lines = |text: &str| -> Vec<String> {
            text.lines().map(str::trim).filter(|line| !line.is_empty()).map(str::to_owned).collect()
        };
        let items = |text: &str| -> Vec<String> {
            text.split(',').map(str::trim).filter(|item| !item.is_empty()).map(str::to_owned).collect()
        };
        CaseStudyInput {
            title: self.title.clone(),
            summary: self.summary.clone(),
            body: self.body.clone(),
            outcome: Outcome::from_name(&self.outcome),
            lessons: lines(&self.lessons),
            service_areas: self.service_areas.clone(),
            technologies: self.technologies.clone(),
            tags: items(&self.tags),
            cost_band: CostBand::from_name(&self.cost_band),
            started_on: self.started_on.trim().to_owned(),
            ended_on: Some(self.ended_on.trim().to_owned()).filter(|date| !date.is_empty()),
            partners: lines(&self.partners),
            collaborators: self
                .named_collaborators()
                .map(|name| slugs.get(&name.to_lowercase()).cloned().unwrap_or_else(|| name.to_owned()))
                .collect(),
            links: lines(&self.links)
                .into_iter()
                .map(|line| match line.rsplit_once('|') {
                    Some((title, url)) => LinkInput { title: title.trim().into(), url: url.trim().into() },
                    None => LinkInput { title: line.clone(), url: line },
                })
                .collect(),
            contact_email: Some(self.contact_email.trim().to_owned()).filter(|email| !email.is_empty()),
            visibility: Visibility::from_name(&self.visibility),
            anonymous: self.anonymous,
            evidence: EvidenceInput {
                strength: EvidenceStrength::from_name(&self.evidence_strength),
                evaluation_url: Some(self.evaluation_url.trim().to_owned()).filter(|url| !url.is_empty()),
                planned_cost: pounds(&self.planned_cost),
                actual_cost: pounds(&self.actual_cost),
                planned_end_on: Some(self.planned_end_on.trim().to_owned()).filter(|date| !date.is_empty()),
                do_differently: lines(&self.do_differently),
            },
            language: Language::from_name(&self.language),
            title_cy: Some(self.title_cy.clone()),
            summary_cy: Some(self.summary_cy.clone()),
        }
    }

    /// The councils named in the boxes, trimmed, empty boxes left out.
    pub fn named_collaborators(&self) -> impl Iterator<Item = &str> {
        self.collaborators.iter().map(|name| name.trim()).filter(|name| !name.is_empty())
    }
}

/// A cost as typed, in pounds: empty is none; "£12,000" is 12000. Anything
/// else is -1, which the domain rejects with the cost's own message ("must
/// be a whole number of pounds…") on the right field.
fn pounds(typed: &str) -> Option<i64> {
    let digits: String = typed.chars().filter(|c| !matches!(c, '£' | ',' | ' ')).collect();
    if digits.is_empty() {
        return None;
    }
    Some(digits.parse().unwrap_or(-1))
}

pub struct Choice {
    pub value: String,
    pub label: String,
}

/// What the form is for: its heading, where it posts, and whether the case
/// study is published (the edit then waits for a moderator).
pub struct FormPurpose {
    pub heading: String,
    pub action: String,
    pub published: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "case_study_form.html")]
pub struct FormPage {
    layout: Layout,
    heading: String,
    action: String,
    form: FormValues,
    errors: Vec<ShownError>,
    outcomes: Vec<Choice>,
    cost_bands: Vec<Choice>,
    evidence_strengths: Vec<Choice>,
    languages: Vec<Choice>,
    service_areas: Vec<Choice>,
    technologies: Vec<Choice>,
    /// Every council's name, for the collaborators' suggestions.
    council_names: Vec<String>,
    published: bool,
}

/// The fields whose hint sits under their label (`{field}-hint` in the template).
const FIELDS_WITH_HINTS: [&str; 15] = [
    "title",
    "summary",
    "language",
    "titleCy",
    "summaryCy",
    "body",
    "lessons",
    "tags",
    "startedOn",
    "partners",
    "collaborators",
    "links",
    "plannedCost",
    "evaluationUrl",
    "doDifferently",
];

impl FormPage {
    fn error_for(&self, anchor: &str) -> Option<String> {
        ShownError::for_field(&self.errors, anchor)
    }

    /// The ids of a field's hint and error, for `aria-describedby`, so a
    /// screen reader reads them with the field.
    fn described_by(&self, field: &str) -> Option<String> {
        let hint = FIELDS_WITH_HINTS.contains(&field).then(|| format!("{field}-hint"));
        let error = self.error_for(field).map(|_| format!("{field}-error"));
        let ids: Vec<String> = hint.into_iter().chain(error).collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    /// The id of collaborator box `index`: the first is the one errors link to.
    fn collaborator_id(&self, index: &usize) -> String {
        if *index == 0 { "collaborators".into() } else { format!("collaborators-{}", index + 1) }
    }
}

/// The form page (400 when it shows errors).
pub async fn form_page(
    state: &AppState,
    layout: Layout,
    purpose: FormPurpose,
    form: FormValues,
    errors: Vec<ShownError>,
) -> AppResult<Response> {
    let taxonomy = taxonomy::load(&state.reads).await?;
    let councils = authorities::search(&state.reads, None).await?;
    // Retired terms are offered only to a case study that has them already.
    let chosen: Vec<String> = form.service_areas.iter().chain(&form.technologies).cloned().collect();
    let taxonomy = taxonomy.offered_keeping(&chosen);
    let locale = layout.locale;
    let terms = |kind| {
        taxonomy
            .terms(kind)
            .iter()
            .map(|term| Choice { value: term.key.clone(), label: term.label_in(locale).to_owned() })
            .collect()
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    let page = FormPage {
        layout,
        heading: purpose.heading,
        action: purpose.action,
        form,
        errors,
        outcomes: Outcome::iter()
            .map(|outcome| Choice { value: outcome.as_str().into(), label: outcome.label(locale) })
            .collect(),
        cost_bands: CostBand::iter()
            .map(|band| Choice { value: band.as_str().into(), label: band.label(locale) })
            .collect(),
        evidence_strengths: EvidenceStrength::iter()
            .map(|strength| Choice {
                value: strength.as_str().into(),
                label: format!("{}: {}", strength.label(locale), strength.meaning(locale)),
            })
            .collect(),
        languages: Language::iter()
            .map(|language| Choice { value: language.as_str().into(), label: language.label(locale) })
            .collect(),
        service_areas: terms(TermKind::ServiceArea),
        technologies: terms(TermKind::Technology),
        council_names: councils.into_iter().map(|council| council.name).collect(),
        published: purpose.published,
    };
    Ok((status, page).into_response())
}

#[cfg(test)]
mod tests {
    use super::pounds;

    #[test]
    fn costs_are_read_as_people_type_them() {
        assert_eq!(pounds(""), None);
        assert_eq!(pounds("  "), None);
        assert_eq!(pounds("12000"), Some(12_000));
        assert_eq!(pounds("£12,000"), Some(12_000));
        assert_eq!(pounds("twelve"), Some(-1), "rejected by the domain with the cost's message");
    }
}
