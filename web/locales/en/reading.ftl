# A case study's page: its notices and buttons, its sections, the facts panel,
# the report form, follow-ups, reuse between councils and questions to its council.

## Notices to the owning council and moderators

reading-revision-changes-requested = A moderator asked for changes to your edit
reading-revision-sent-for-review = (sent for review { $since }).
reading-revision-readers-still-see = Readers still see the published text.
reading-revision-waiting = Changes waiting for review since { $since }.
reading-revision-readers-see-until = Readers see the published text until a moderator approves them.
reading-reported-thanks = Thank you: moderators will look at your report.
reading-reported-anonymous = The council that wrote it is never told who reported it.
reading-reported-see-reports = See your reports and their outcomes
reading-unpublished-title = A moderator took this case study down
reading-unpublished-after-report = after a report. Only your council and the moderators can see it now.
reading-unpublished-reason = The reason:
reading-unpublished-resubmit = Edit it to deal with the reason, then submit it again: it goes back to moderation.
reading-withdrawn-title = This case study is withdrawn.
reading-withdrawn-text = Only your council and the moderators can see it. Edit it if you need to, and submit it again to send it back to moderation.
reading-moderate-waits = This waits for a moderator.
reading-moderate-decide = Decide on it

## Buttons

reading-edit-changes = Edit the changes
reading-edit = Edit
reading-submit = Submit for review
reading-withdraw-revision = Withdraw the changes
reading-withdraw = Withdraw

## Sections

reading-lessons = Lessons
reading-what-happened = What happened
reading-do-differently = What we would do differently
reading-follow-ups = Follow-ups
reading-links = Links
reading-history = History
# After a history entry: who made the change ("Moderator, Kent County Council").
reading-history-by = by { $actor }
reading-facts = Facts
reading-contact = Contact
reading-similar = Similar case studies

## Keeping it alive: confirming it and adding a follow-up

reading-confirm-accurate = Still accurate: confirm it
reading-add-follow-up = Add a follow-up
reading-follow-up-date = Date
reading-follow-up-body = What happened since
reading-follow-up-outcome = The outcome now
reading-follow-up-unchanged = Unchanged
reading-follow-up-send = Send the follow-up to the moderators

## Reporting the case study

reading-report-summary = Report this case study
reading-report-legend = What is wrong with it?
reading-report-details = Details for the moderators
reading-report-details-hint = Optional. The council that wrote it never learns who reported it.
reading-report-send = Send the report

## Reuse between councils

reading-reuse-heading = Reused by other councils
reading-reuse-none = No council has said it reused this yet.
reading-reuse-count =
    { $count ->
        [one] { $count } council reused this.
       *[other] { $count } councils reused this.
    }
reading-reuse-remove = Remove this link
reading-reuse-built-on = What this built on
reading-reuse-tried-too = Your council tried this too
reading-reuse-from = Your council's case study
reading-reuse-how = How did it go?
reading-reuse-kind-reused = We reused this
reading-reuse-kind-differently = We tried this and it went differently
reading-reuse-link = Link them

## Questions to the council

reading-questions-heading = Questions to the council
reading-questions-none = No questions yet.
# Followed by ", " and the date.
reading-question-asked = { $asker } asked
reading-question-private = (private: only you, the council and moderators see this)
reading-question-removed = A moderator removed this question.
# Followed by ", " and the date.
reading-answered-by = { $answerer } answered
reading-answered = Answered
reading-not-answered = Not answered yet.
reading-answer-change = Change your council's answer
reading-answer-for-council = Answer for your council
reading-answer-send = Send the answer
reading-question-report = Report this
reading-question-report-what = What to report
reading-question-report-question = The question
reading-question-report-answer = The answer
reading-question-report-reason = What is wrong with it?
reading-ask-heading = Ask the council a question
reading-ask-body = Your question
reading-ask-public = Others who can read this case study may read the question and its answer
reading-ask-submit = Ask
