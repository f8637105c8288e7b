//! What a pending revision changes, for the moderator's decision page: the
//! fields as a reader sees them (labels, not keys), and for each field that
//! differs, runs of kept, removed and added words.

use std::collections::HashMap;

use std::time::Duration;

use similar::{ChangeTag, TextDiff};

use crate::case_studies::{CaseStudyContent, Visibility};
use crate::taxonomy::{Taxonomy, TermKind};

/// The most time a field's diff may take (bodies are up to 100,000 characters).
const DIFF_TIME_LIMIT: Duration = Duration::from_millis(100);

/// One changed field.
pub struct FieldChange {
    pub label: &'static str,
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

fn shown_fields(content: &CaseStudyContent, names: &Names<'_>) -> Vec<(&'static str, String)> {
    let terms = |kind, keys: &[String]| {
        names.taxonomy.resolve(kind, keys).into_iter().map(|term| term.label).collect::<Vec<_>>().join(", ")
    };
    let council = |id: &i32| names.councils.get(id).cloned().unwrap_or_else(|| id.to_string());
    vec![
        ("Title", content.title.clone()),
        ("Summary", content.summary.clone()),
        ("What happened", content.body.clone()),
        ("Outcome", content.outcome.label().to_owned()),
        ("Lessons", content.lessons.join("\n")),
        ("Service areas", terms(TermKind::ServiceArea, &content.service_areas)),
        ("Technologies", terms(TermKind::Technology, &content.technologies)),
        ("Tags", content.tags.join(", ")),
        ("Cost", content.cost_band.label().to_owned()),
        ("Start date", content.started_on.to_string()),
        ("End date", content.ended_on.map(|date| date.to_string()).unwrap_or_default()),
        (
            "Strength of the evidence",
            content.evidence.strength.map(|strength| strength.label().to_owned()).unwrap_or_default(),
        ),
        ("Link to the evaluation", content.evidence.evaluation_url.clone().unwrap_or_default()),
        ("Planned cost", content.evidence.planned_cost.map(|cost| format!("£{cost}")).unwrap_or_default()),
        ("Actual cost", content.evidence.actual_cost.map(|cost| format!("£{cost}")).unwrap_or_default()),
        ("Planned end date", content.evidence.planned_end_on.map(|date| date.to_string()).unwrap_or_default()),
        ("What you would do differently", content.evidence.do_differently.join("\n")),
        ("Partners", content.partners.join("\n")),
        ("Collaborating councils", content.collaborators.iter().map(council).collect::<Vec<_>>().join(", ")),
        (
            "Links",
            content.links.iter().map(|link| format!("{} | {}", link.title, link.url)).collect::<Vec<_>>().join("\n"),
        ),
        ("Contact email", content.contact_email.clone().unwrap_or_default()),
        (
            "Who can read it",
            match content.visibility {
                Visibility::Public => "Everyone".to_owned(),
                Visibility::Members => "Signed-in members only".to_owned(),
            },
        ),
        ("Anonymous", if content.anonymous { "Yes" } else { "No" }.to_owned()),
    ]
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
