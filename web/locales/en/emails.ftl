# Emails: workflow notifications (server/src/notifications/events.rs, with
# the footer of notifications/mod.rs), the daily digest (digest.rs) and the
# alerts of saved searches and follows (alerts.rs). Plain text only: the
# code escapes each message for the HTML part and adds the markup itself.
# `email-action-*` is the label of an email's one link; the code follows it
# with ": " and the address in the plain text.

## Moderators: something waits in the moderation queue (events::queued)

email-queued-submission-subject = Submitted for moderation: { $title }
email-queued-submission-body = “{ $title }” was submitted and waits for a moderator.
email-queued-revision-subject = Changes proposed: { $title }
email-queued-revision-body = “{ $title }” is published; changes to it wait for a moderator.
email-queued-follow-up-subject = Follow-up proposed: { $title }
email-queued-follow-up-body = “{ $title }” has a new follow-up waiting for a moderator.
email-action-open-moderation-queue = Open the moderation queue

## The council: a moderator decided (events::decided)

email-decided-published-subject = Published: { $title }
email-decided-published-body = “{ $title }” is published.
email-decided-revision-approved-subject = Changes approved: { $title }
email-decided-revision-approved-body = “{ $title }” has your changes live.
email-decided-changes-requested-subject = Changes requested: { $title }
email-decided-changes-requested-body = “{ $title }” needs changes before it can be published.
email-decided-rejected-subject = Rejected: { $title }
email-decided-rejected-body = “{ $title }” was rejected.
email-decided-unpublished-subject = Taken down: { $title }
email-decided-unpublished-body = “{ $title }” was taken down after a report.
email-decided-follow-up-published-subject = Follow-up published: { $title }
email-decided-follow-up-published-body = “{ $title }” has your follow-up published.
email-decided-follow-up-returned-subject = Follow-up needs changes: { $title }
email-decided-follow-up-returned-body = “{ $title }” has a follow-up that needs changes.
email-decided-follow-up-rejected-subject = Follow-up rejected: { $title }
email-decided-follow-up-rejected-body = “{ $title }” had its follow-up rejected.
# A paragraph of its own, when the moderator wrote a message.
email-decided-moderator-wrote =
    The moderator wrote:
    { $message }
email-action-open-case-study = Open the case study

## Moderators: a case study was reported (events::report_filed)

email-report-filed-subject = Reported: { $title }
email-report-filed-body = “{ $title }” was reported and waits for a moderator.
email-action-open-report = Open the report

## The reporter: the outcome of their report (events::report_decided)

# $what is email-report-what-titled, or email-report-what-untitled when they may no longer read the title.
email-report-what-titled = “{ $title }”
email-report-what-untitled = a case study
email-report-upheld-subject = Your report was upheld
email-report-upheld-body = A moderator upheld your report of { $what }: it has been taken down.
email-report-dismissed-subject = Your report was dismissed
email-report-dismissed-body = A moderator looked at your report of { $what } and left it published.
email-action-see-your-reports = See your reports

## Admins: someone waits to be let in (events::member_pending)

email-member-pending-subject = A new member is waiting
email-member-pending-body = Someone signed in with an email no council's domains cover, and waits for an admin to let them in.
email-action-open-members-page = Open the members page

## The council: a review date has come (events::review_due, sent by case_studies/workflow/review.rs)

# $due: the review date, written out (“1 March 2026”).
email-review-due-subject = Due for review: { $title }
email-review-due-body = “{ $title }” was due for review on { $due }. Is it still accurate? Confirm it, or add a follow-up saying what changed.
email-action-review-it = Review it

## Questions and answers (events::question_asked, question_answered, question_reported)

email-question-asked-subject = A question about { $title }
email-question-asked-body = Another council has a question about “{ $title }”.
email-action-read-and-answer = Read and answer it
email-question-answered-subject = Your question was answered: { $title }
email-question-answered-body = The council that wrote “{ $title }” answered your question.
email-action-read-answer = Read the answer
email-question-reported-subject = A question or answer was reported
email-question-reported-body = A question or an answer on a case study was reported and waits for a moderator.
email-action-open-reported-questions = Open the reported questions

## The footer of every notification sent on its own (notifications/mod.rs)

# $settings: the full address of /account/notifications.
email-notification-footer = You get this because of your Casebook notification settings: change them at { $settings }

## The daily digest (digest.rs)

email-digest-subject =
    Your Casebook digest: { $count ->
        [one] { $count } notification
       *[other] { $count } notifications
    }
email-digest-intro =
    Your Casebook digest: { $count ->
        [one] { $count } notification.
       *[other] { $count } notifications.
    }
# The link under each notification (HTML part only).
email-digest-open = Open
# The footer's link to /account/notifications.
email-digest-change-settings = Change what you get

## Alerts of saved searches and follows (alerts.rs)

# $name: the saved search's name, or what is followed (a council, a term, “#tag”).
email-alert-subject-one = New on Casebook for “{ $name }”: { $title }
email-alert-subject-many = { $count } new on Casebook for “{ $name }”
email-alert-intro-saved-search = New for your saved search “{ $name }”:
email-alert-intro-follow = New for your follow “{ $name }”:
# After a listed case study's title when the news is a follow-up to it (the code puts a space before it).
email-alert-follow-up = (a follow-up)
# $more: how many were not listed.
email-alert-more = …and { $more } more.
# The footer's two links.
email-alert-manage = Your saved searches and follows
email-alert-unsubscribe = Unsubscribe from this one
