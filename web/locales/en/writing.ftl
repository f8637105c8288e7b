# writing: the case study form, "Our case studies", the error summary, and a
# member's own pages (account, alerts, notification settings, reports).

## Shared

# Before a page title when its form has errors ("Error: Write a case study").
writing-error-prefix = Error:
writing-error-summary-title = There is a problem
writing-save = Save

## The case study form (write and edit)

writing-form-published-notice = This case study is published. Your edit waits for a moderator; readers see the published version until it is approved.
writing-form-title = Title
writing-form-title-hint = 5 to 200 characters.
writing-form-summary = Summary
writing-form-summary-hint = 20 to 1,000 characters, plain text: what you tried and what happened.
writing-form-outcome = Outcome
writing-form-body = What happened
writing-form-body-hint = Markdown, up to 100,000 characters.
writing-form-lessons = Lessons
writing-form-lessons-hint = One per line, up to 20: what others should copy or avoid.
writing-form-service-areas = Service areas (1 to 5)
writing-form-technologies = Technologies (up to 10)
writing-form-tags = Tags
writing-form-tags-hint = Separated by commas, up to 20.
writing-form-cost = Cost
writing-form-started-on = Start date
writing-form-started-on-hint = For example, 2023-04-01.
writing-form-ended-on = End date (if it has ended)
writing-form-evidence-heading = Evidence and costs
writing-form-evidence-strength = Strength of the evidence
writing-form-evidence-not-stated = Not stated
writing-form-evaluation-url = Link to the evaluation
writing-form-evaluation-url-hint = Optional: the published evaluation, especially an independent one.
writing-form-planned-cost = Planned cost (£)
writing-form-planned-cost-hint = Whole pounds, each optional. The cost band follows from the actual cost, else the planned one.
writing-form-actual-cost = Actual cost (£)
writing-form-planned-end-on = Planned end date
writing-form-do-differently = What you would do differently
writing-form-do-differently-hint = One per line, up to 20.
writing-form-partners = Partners and suppliers
writing-form-partners-hint = One per line.
writing-form-collaborators = Other councils that took part
# The example is a council's name as the register spells it (the suggestions come from there).
writing-form-collaborators-hint = Start typing a council's name, one council per box, for example London Borough of Hackney. Save to get more boxes.
# The label of each collaborating council's box: "Council 1", "Council 2", …
writing-form-council-number = Council { $number }
writing-form-links = Links
writing-form-links-hint = One per line, as: title | https://address
writing-form-contact-email = Contact email (shown to signed-in members only)
writing-form-visibility = Who can read it
writing-form-visibility-public = Anyone
writing-form-visibility-members = Signed-in members only
writing-form-anonymous = Publish without naming our council (readers see, for example, “A London borough”)

## Our case studies

writing-ours-title = Our case studies
writing-ours-heading = Our council's case studies
writing-ours-write = Write a case study
writing-ours-filter-label = Filter by status
writing-ours-none = No case studies yet.
# $status: the chosen status tab, e.g. "Draft".
writing-ours-none-with-status = No case studies with the status “{ $status }” yet.
writing-ours-col-title = Title
writing-ours-col-status = Status
writing-ours-col-outcome = Outcome
writing-ours-col-updated = Updated

## Your account

writing-account-title = Your account
writing-account-email-heading = Email from Casebook
writing-account-download-heading = Download your data
writing-account-download-text = Everything Casebook holds about you: your account, how you sign in, your sessions and API tokens (never the tokens themselves), the case studies you wrote or edited, what you did in them, and your reports.
writing-account-download-button = Download my data (JSON)
writing-account-delete-heading = Delete your account
writing-account-delete-text = Your email, name, sign-in and API tokens are erased and you are signed out. The case studies you wrote stay with your council; their history will say “a former member”. This cannot be undone.
writing-account-confirm-email = Type your email address to confirm
writing-account-delete-button = Delete my account

## Your saved searches and follows

writing-alerts-title = Your saved searches and follows
writing-alerts-lead = Casebook emails you when a case study they find is published, or gets a follow-up. Every alert has a one-click unsubscribe link.
writing-alerts-searches = Saved searches
# “Save this search” is the search page's button.
writing-alerts-searches-none = None yet: search, then “Save this search”.
writing-alerts-col-name = Name
writing-alerts-col-words = Words
writing-alerts-col-frequency = How often
writing-alerts-delete = Delete
writing-alerts-follows = Follows
writing-alerts-follows-none = None yet: follow a council from its page.
writing-alerts-col-following = Following
writing-alerts-unfollow = Unfollow

## Notification settings

writing-notifications-title = Notification settings
writing-notifications-kinds = Email me about
writing-notifications-how = How
writing-notifications-each = One email for each
writing-notifications-digest = A daily digest

## Your reports

writing-reports-title = Your reports
writing-reports-lead = The case studies you reported, and what the moderators decided. The councils that wrote them are never told who reported them.
writing-reports-none = You have not reported anything.
writing-reports-caption = Newest first
writing-reports-col-case-study = Case study
writing-reports-col-reason = Your reason
writing-reports-col-outcome = Outcome
writing-reports-col-reported = Reported

writing-form-language = Language it is written in
writing-form-language-hint = A Welsh case study is written in Welsh throughout. A bilingual one has its title and summary in both languages.
writing-form-title-cy = Welsh title
writing-form-title-cy-hint = Needed for a bilingual case study: the title in Welsh.
writing-form-summary-cy = Welsh summary
writing-form-summary-cy-hint = Needed for a bilingual case study: the summary in Welsh.
