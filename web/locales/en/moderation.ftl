# Moderation: the queue, the decision on a submission or an edit, reports on
# case studies, and reported questions and answers.

moderation-error-prefix = Error:
moderation-back-to-queue = Back to the moderation queue
moderation-your-decision = Your decision
moderation-decision = Decision
moderation-record-decision = Record the decision
moderation-nothing-waiting = Nothing is waiting.
moderation-waiting-total = { $count } waiting for a decision, the longest waiting first.

## The queue (moderation_queue.html)
moderation-queue-title = Moderation queue
moderation-queue-caption = Submissions and edits of published case studies
moderation-queue-col-title = Title
moderation-queue-col-council = Council
moderation-queue-col-what = What
moderation-queue-col-waiting-since = Waiting since
moderation-queue-reports-heading = Reports
moderation-queue-reports-waiting =
    { $count ->
        [one] { $count } report waits for a decision, the longest waiting first.
       *[other] { $count } reports wait for a decision, the longest waiting first.
    }
moderation-queue-reports-caption = Published case studies that members reported
moderation-queue-reports-col-case-study = Case study
moderation-queue-reports-col-reasons = Reasons
moderation-queue-reports-col-reports = Reports
moderation-queue-reports-col-first-reported = First reported
moderation-queue-questions-heading = Questions and answers
# The link text; moderation-queue-questions-after follows the link.
moderation-queue-questions-link =
    { $count ->
        [one] { $count } reported question or answer waits
       *[other] { $count } reported questions and answers wait
    }
moderation-queue-questions-after = for a decision.

## A decision on a submission (moderation_decision.html)
moderation-decide-title = Decide on “{ $title }”
moderation-edit-heading = What this edit changes
moderation-edit-intro = Readers see the published version until you approve the edit.
moderation-edit-read-published = Read the published version
moderation-edit-no-changes = The edit changes nothing that readers see.
# Read by screen readers before a removed or an added run of text.
moderation-diff-removed = removed:
moderation-diff-added = added:
moderation-follow-up-heading = A follow-up of { $date }
moderation-follow-up-intro = The case study is published; readers see this follow-up once you approve it.
moderation-follow-up-read = Read the case study
moderation-submission-heading = The submission
moderation-submission-lessons = Lessons
moderation-submission-see-it = See it with its facts and history
moderation-own-work = You wrote or edited this case study, so another moderator decides on it.
moderation-decision-approve = Approve and publish
moderation-decision-request-changes = Request changes
moderation-decision-reject = Reject
moderation-message-label = Message to the council
moderation-message-hint = Needed to request changes (what to change) or to reject (why). Up to 5,000 characters.

## A report on a case study (report_decision.html)
moderation-report-title = Report on “{ $title }”
moderation-report-caption = Report · the case study is { $status }
moderation-report-filings-heading = What the reporters said
moderation-report-snapshot-heading = The case study when first reported
moderation-report-see-now = See it as it is now, with its facts and history
# Followed by " — " and the outcome when there is one, then a full stop.
moderation-report-decided = This report has been decided
moderation-report-own-work = You wrote or edited this case study, so another moderator decides on this report.
moderation-report-dismiss = Dismiss: it stays published
moderation-report-uphold = Uphold: take it down
moderation-report-note-label = Note
moderation-report-note-hint = Required. When you take it down, the council that wrote it reads this as the reason; other moderators read it too. Reporters learn only the outcome. Never name who reported it. Up to 5,000 characters.

## Reported questions and answers (question_moderation.html)
moderation-questions-title = Reported questions and answers
# Between "The question" or "The answer" and the case study's title.
moderation-questions-on = on
moderation-questions-reports =
    { $count ->
        [one] { $count } report
       *[other] { $count } reports
    }
# Follows the count of reports; a colon and the reasons follow it.
moderation-questions-since = since { $since }
moderation-questions-question = Question
moderation-questions-answer = Answer
moderation-questions-dismiss = Dismiss: it stays
moderation-questions-uphold = Uphold: remove it
moderation-questions-note-label = Note for the record
moderation-questions-decide = Decide
