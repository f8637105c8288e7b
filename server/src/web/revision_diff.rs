//! What a pending revision changes, for the moderator's decision page: the
//! fields as a reader sees them (labels, not keys), and for each field that
//! differs, runs of kept, removed and added words.

use std::collections::HashMap;

use std::time::Duration;

use similar::{ChangeTag, TextDiff};

use super::form_errors::field_label;
use crate::case_studies::{CaseStudyContent, Visibility};
use crate::i18n::Locale;
use crate::taxonomy::{Taxonomy, TermKind};

/// The most time a field's diff may take (bodies are up to 100,000 characters).
const DIFF_TIME_LIMIT: Duration = Duration::from_millis(100);

/// One changed field.
pub struct FieldChange {
    pub label: String,
    pub runs: Vec<Run>,
}

/// A stretch of text that was kept, removed or added.
pub struct Run {
    pub text: String,
    pub tag: ChangeTag,
}

impl Run {
    pub fn is_removed(&self) -> bool {
        self.tag == ChangeTag::Delete
    }

    pub fn is_added(&self) -> bool {
        self.tag == ChangeTag::Insert
    }
}

/// What turns keys and ids into the words a reader sees.
pub struct Names<'a> {
    pub taxonomy: &'a Taxonomy,
    /// Authority id → name, for collaborators.
    pub councils: &'a HashMap<i32, String>,
    pub locale: Locale,
}

/// The fields that differ between the live content and the revision, in form order.
pub fn changes(live: &CaseStudyContent, revision: &CaseStudyContent, names: &Names<'_>) -> Vec<FieldChange> {
    shown_fields(live, names)
        .into_iter()
        .zip(shown_fields(revision, names))
        .filter(|((_, before), (_, after))| before != after)
        .map(|((label, before), (_, after))| FieldChange { label, runs: word_runs(&before, &after) })
        .collect()
}

fn shown_fields(content: &CaseStudyContent, names: &Names<'_>) -> Vec<(String, String)> {
    let locale = names.locale;
    let terms = |kind, keys: &[String]| {
        names.taxonomy.resolve(kind, keys).iter().map(|term| term.label_in(locale)).collect::<Vec<_>>().join(", ")
    };
    let council = |id: &i32| names.councils.get(id).cloned().unwrap_or_else(|| id.to_string());
    let pounds = |cost: Option<i64>| cost.map(|cost| format!("£{cost}")).unwrap_or_default();
    let languages = &content.languages;
    [
        ("title", content.title.clone()),
        ("summary", content.summary.clone()),
        ("body", content.body.clone()),
        ("outcome", content.outcome.label(locale)),
        ("lessons", content.lessons.join("\n")),
        ("serviceAreas", terms(TermKind::ServiceArea, &content.service_areas)),
        ("technologies", terms(TermKind::Technology, &content.technologies)),
        ("tags", content.tags.join(", ")),
        ("costBand", content.cost_band.label(locale)),
        ("startedOn", content.started_on.to_string()),
        ("endedOn", content.ended_on.map(|date| date.to_string()).unwrap_or_default()),
        ("evidenceStrength", content.evidence.strength.map(|strength| strength.label(locale)).unwrap_or_default()),
        ("evaluationUrl", content.evidence.evaluation_url.clone().unwrap_or_default()),
        ("plannedCost", pounds(content.evidence.planned_cost)),
        ("actualCost", pounds(content.evidence.actual_cost)),
        ("plannedEndOn", content.evidence.planned_end_on.map(|date| date.to_string()).unwrap_or_default()),
        ("doDifferently", content.evidence.do_differently.join("\n")),
        ("language", languages.language.label(locale)),
        ("titleCy", languages.title_cy.clone().unwrap_or_default()),
        ("summaryCy", languages.summary_cy.clone().unwrap_or_default()),
        ("partners", content.partners.join("\n")),
        ("collaborators", content.collaborators.iter().map(council).collect::<Vec<_>>().join(", ")),
        (
            "links",
            content.links.iter().map(|link| format!("{} | {}", link.title, link.url)).collect::<Vec<_>>().join("\n"),
        ),
        ("contactEmail", content.contact_email.clone().unwrap_or_default()),
        (
            "visibility",
            locale.t(match content.visibility {
                Visibility::Public => "view-visibility-everyone",
                Visibility::Members => "view-visibility-members",
            }),
        ),
        ("anonymous", locale.t(if content.anonymous { "view-yes" } else { "view-no" })),
    ]
    .into_iter()
    .map(|(field, value)| (field_label(field, locale), value))
    .collect()
}

/// A word diff, with neighbouring words of the same kind joined into one run.
fn word_runs(before: &str, after: &str) -> Vec<Run> {
    // A whole body rewritten could take long to diff word by word: past the
    // deadline the rest is shown as removed and added, which is still true.
    let diff = TextDiff::configure().timeout(DIFF_TIME_LIMIT).diff_words(before, after);
    let mut runs: Vec<Run> = Vec::new();
    for change in diff.iter_all_changes() {
        match runs.last_mut() {
            Some(run) if run.tag == change.tag() => run.text.push_str(change.value()),
            _ => runs.push(Run { text: change.value().to_owned(), tag: change.tag() }),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_word_is_one_removed_and_one_added_run_between_kept_ones() {
        let runs = word_runs("the chatbot failed quickly", "the chatbot succeeded quickly");
        let shown: Vec<(ChangeTag, &str)> = runs.iter().map(|run| (run.tag, run.text.as_str())).collect();
        assert_eq!(
            shown,
            vec![
                (ChangeTag::Equal, "the chatbot "),
                (ChangeTag::Delete, "failed"),
                (ChangeTag::Insert, "succeeded"),
                (ChangeTag::Equal, " quickly"),
            ]
        );
    }
}
