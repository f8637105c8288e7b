//! Errors on a form as the GOV.UK error summary and inline messages show
//! them: each links to the box it belongs to.

use crate::error::FieldError;

/// An error as the page shows it: the message, and the id of the field it links to.
pub struct ShownError {
    pub anchor: String,
    pub message: String,
}

impl ShownError {
    /// `links[2].url` belongs to the `links` box; `startedOn` to its own.
    /// (`anchor_of` is the same split.)
    pub fn from_field(error: FieldError) -> ShownError {
        let anchor = error.field.split(['[', '.']).next().unwrap_or_default().to_owned();
        // An error about the whole form links to the summary itself.
        let anchor = if anchor.is_empty() { "error-summary-title".to_owned() } else { anchor };
        let message = format!("{}: {}", field_label(&anchor), error.message);
        ShownError { anchor, message }
    }

    pub fn for_field(errors: &[ShownError], anchor: &str) -> Option<String> {
        let messages: Vec<&str> =
            errors.iter().filter(|error| error.anchor == anchor).map(|error| error.message.as_str()).collect();
        (!messages.is_empty()).then(|| messages.join("; "))
    }
}

/// What the form calls a field (its label), for messages that name it.
pub fn field_label(anchor: &str) -> &str {
    match anchor {
        "title" => "Title",
        "summary" => "Summary",
        "body" => "What happened",
        "outcome" => "Outcome",
        "lessons" => "Lessons",
        "serviceAreas" => "Service areas",
        "technologies" => "Technologies",
        "tags" => "Tags",
        "costBand" => "Cost",
        "startedOn" => "Start date",
        "endedOn" => "End date",
        "evidenceStrength" => "Strength of the evidence",
        "evaluationUrl" => "Link to the evaluation",
        "plannedCost" => "Planned cost",
        "actualCost" => "Actual cost",
        "plannedEndOn" => "Planned end date",
        "doDifferently" => "What you would do differently",
        "questionId" => "Question",
        "from" => "Your council's case study",
        "part" => "What to report",
        "partners" => "Partners",
        "collaborators" => "Collaborating councils",
        "links" => "Links",
        "contactEmail" => "Contact email",
        "visibility" => "Who can read it",
        "anonymous" => "Anonymous",
        "decision" => "Decision",
        "message" => "Message to the council",
        "note" => "Note",
        "confirmEmail" => "Your email address",
        "name" => "Name",
        "emailDomains" => "Its own email domains",
        "sharedEmailDomains" => "Shared domains",
        "region" => "Region",
        "kind" => "Kind",
        "successors" => "Successors",
        "retiredOn" => "Ended on",
        "reason" => "Reason",
        "details" => "Details",
        "to" => "To",
        other => other,
    }
}
