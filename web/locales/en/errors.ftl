# Error messages: the API's (by the client's Accept-Language) and the pages'.
# `error-*` is each code's own message; `msg-*` a rule's message, keyed by its
# English text in kebab case (the code keeps the English: `i18n::message`).

error-unauthenticated = sign in to do this
error-not-found = not found
error-invalid-input = invalid input
error-unavailable = the database cannot be reached or is overloaded: try again shortly
error-timed-out = the request took longer than { $seconds } seconds and was stopped: try again shortly
error-internal = internal error

msg-a-moderator-cannot-decide-on-what-they-wrote = a moderator cannot decide on what they wrote
msg-erase-your-own-account-with-deletemyaccount = erase your own account with deleteMyAccount
msg-only-active-members-can-create-api-tokens = only active members can create API tokens
msg-only-active-members-can-report-case-studies = only active members can report case studies
msg-only-active-members-can-report = only active members can report
msg-only-active-members-can-save-searches-and-follow = only active members can save searches and follow
msg-only-active-members-of-a-council-can-create-case-studies = only active members of a council can create case studies
msg-only-admins-can-change-synonyms = only admins can change synonyms
msg-only-admins-can-change-the-taxonomy = only admins can change the taxonomy
msg-only-admins-can-edit-the-register = only admins can edit the register
msg-only-admins-can-erase-members-accounts = only admins can erase members' accounts
msg-only-admins-can-manage-members = only admins can manage members
msg-only-admins-can-read-the-audit-log = only admins can read the audit log
msg-only-admins-can-see-undelivered-email = only admins can see undelivered email
msg-only-members-of-a-council-can-ask = only members of a council can ask
msg-only-moderators-can-decide-on-reports = only moderators can decide on reports
msg-only-moderators-can-read-reports = only moderators can read reports
msg-only-moderators-can-see-the-moderation-queue = only moderators can see the moderation queue
msg-this-account-was-erased = this account was erased
msg-you-are-the-last-admin-make-someone-else-an-admin-first = you are the last admin: make someone else an admin first
msg-you-wrote-this-you-cannot-report-it = you wrote this: you cannot report it
msg-a-case-study-cannot-reuse-itself = a case study cannot reuse itself
msg-a-date-as-yyyy-mm-dd = a date, as YYYY-MM-DD
msg-a-follow-up-needs-some-text = a follow-up needs some text
msg-a-saved-search-needs-a-name = a saved search needs a name
msg-a-synonym-group-needs-at-least-two-words-or-phrases = a synonym group needs at least two words or phrases
msg-a-tag-of-1-to-100-characters = a tag of 1 to 100 characters
msg-cannot-be-before-the-project-started = cannot be before the project started
msg-cannot-be-in-the-future = cannot be in the future
msg-cannot-contain-a-nul-character = cannot contain a NUL character
msg-choose-a-kind-of-council = choose a kind of council
msg-choose-a-kind-of-term = choose a kind of term
msg-choose-approve-request-changes-or-reject = choose approve, request changes or reject
msg-choose-assign-role-suspend-reinstate-or-erase = choose assign, role, suspend, reinstate or erase
msg-choose-dismiss-or-uphold = choose dismiss or uphold
msg-choose-one-of-your-council-s-case-studies = choose one of your council's case studies
msg-choose-to-dismiss-or-uphold = choose to dismiss or uphold
msg-choose-what-to-change = choose what to change
msg-choose-why-you-are-reporting-it = choose why you are reporting it
msg-deciding-against-a-follow-up-needs-a-message = deciding against a follow-up needs a message
msg-each-value-is-a-key-of-at-most-200-characters = each value is a key of at most 200 characters
msg-enter-an-email-address-like-name-camden-gov-uk = enter an email address, like name@camden.gov.uk
msg-follow-a-council-a-service-area-a-technology-or-a-tag = follow a council, a service area, a technology or a tag
msg-give-an-id-or-a-slug = give an id or a slug
msg-is-not-a-cursor-from-this-list = is not a cursor from this list
msg-is-required = is required
msg-is-required-for-a-bilingual-case-study = is required for a bilingual case study
msg-merge-a-term-into-another-one = merge a term into another one
msg-must-be-a-date-between-the-years-1-and-9999 = must be a date between the years 1 and 9999
msg-must-be-after-today = must be after today
msg-must-be-an-email-address = must be an email address
msg-must-be-an-http-or-https-address = must be an http or https address
msg-must-be-another-council-s-case-study = must be another council's case study
msg-must-be-between-0-and-100 = must be between 0 and 100
msg-must-be-between-0-and-10000 = must be between 0 and 10000
msg-must-be-on-or-after-the-start-date = must be on or after the start date
msg-must-be-within-five-years = must be within five years
msg-must-contain-a-letter-or-digit = must contain a letter or digit
msg-must-not-be-before-from = must not be before `from`
msg-must-not-be-empty = must not be empty
msg-must-not-contain-nul-characters = must not contain NUL characters
msg-no-council-has-this-slug = no council has this slug
msg-no-such-term-in-the-taxonomy = no such term in the taxonomy
msg-say-why-the-note-is-required = say why: the note is required
msg-the-owning-council-cannot-also-be-a-collaborator = the owning council cannot also be a collaborator
msg-type-the-email-address-you-sign-in-with-to-confirm = type the email address you sign in with to confirm
msg-a-moderator-removed-this-answer-it-cannot-be-replaced = a moderator removed this answer: it cannot be replaced
msg-another-moderator-has-just-decided-on-this = another moderator has just decided on this
msg-another-moderator-has-just-decided-on-this-report = another moderator has just decided on this report
msg-nothing-here-waits-for-a-decision = nothing here waits for a decision
msg-nothing-reported-here-waits-for-a-decision = nothing reported here waits for a decision
msg-only-a-published-case-study-can-be-reused = only a published case study can be reused
msg-only-a-published-case-study-takes-questions = only a published case study takes questions
msg-there-is-nothing-there-to-report = there is nothing there to report
msg-this-account-was-erased-there-is-nothing-left-to-change = this account was erased: there is nothing left to change
msg-this-case-study-has-nothing-waiting-for-a-decision = this case study has nothing waiting for a decision
msg-this-follow-up-was-decided-meanwhile-reload-it = this follow-up was decided meanwhile: reload it

# Rules whose messages carry values (case_studies/content.rs).
rule-at-most-characters = must be at most { $max } characters
rule-service-areas-between = choose between { $min } and { $max } service areas
rule-technologies-at-most = choose at most { $max } technologies
rule-not-a-date = `{ $text }` is not a date as YYYY-MM-DD
rule-length-between = must be between { $min } and { $max } characters (it has { $length })
rule-at-most-items = at most { $max } allowed
rule-unknown-key = `{ $key }` is not a known key
rule-tags-at-most = at most { $max } tags allowed
rule-not-a-council = `{ $slug }` is not a council in the register
rule-whole-pounds = must be a whole number of pounds from 0 to { $max }
rule-links-at-most = at most { $max } links allowed
rule-length-from-one = must be between 1 and { $max } characters
rule-filter-values = at most { $max } values per filter
rule-saved-searches-at-most = you have { $max } saved searches and follows: delete some first
rule-token-name = give the token a name of 1 to { $max } characters
rule-label = give a label of 1 to { $max } characters
rule-term-key = use lower-case words joined by hyphens, at most { $max } characters (such as `{ $example }`)
rule-no-such-term =
    there is no { $kind ->
        [SERVICE_AREA] service area
       *[TECHNOLOGY] technology
    } with the key `{ $key }`
rule-term-key-taken =
    a { $kind ->
        [SERVICE_AREA] service area
       *[TECHNOLOGY] technology
    } has the key `{ $key }` already
rule-domain-public = `{ $domain }` is everyone's: give the council's own, such as camden.gov.uk
rule-domain-invalid = `{ $domain }` is not an email domain such as camden.gov.uk
rule-not-a-region = `{ $region }` is not a region slug
rule-domain-taken = `{ $domain }` is { $council }'s already: list it as shared by both instead
rule-no-such-council = no council has the slug `{ $slug }`
rule-successor-replaced = { $council } has been replaced itself

msg-this-email-belongs-to-another-account-of-this-sign-in-provider = this email belongs to another account of this sign-in provider
msg-your-council-has-been-replaced-an-admin-moves-you-to-the-council-that-replaced-it = your council has been replaced: an admin moves you to the council that replaced it
msg-your-council-wrote-this-case-study-edit-or-withdraw-it-instead-of-reporting-it = your council wrote this case study: edit or withdraw it instead of reporting it

# Why a sign-in did not happen (sign_in/mod.rs); $detail is a provider's name or its own words.
sign-in-error-unknown-provider = there is no sign-in provider called `{ $detail }`
sign-in-error-provider-unavailable = { $detail } cannot be reached just now, so signing in with it is not possible; try again in a few minutes
sign-in-error-provider-refused = the sign-in provider refused: { $detail }
sign-in-error-missing-state = the sign-in response has no `state`, so it cannot be matched to a sign-in you started
sign-in-error-unknown-attempt = this sign-in was not started in this browser, has already been used, or took over ten minutes; start again
sign-in-error-missing-code = the sign-in response has no authorization code
sign-in-error-code-rejected = the provider did not accept the sign-in code (it may have been used already): { $detail }
sign-in-error-missing-id-token = the provider sent no ID token
sign-in-error-invalid-id-token = the provider's ID token is not valid: { $detail }
sign-in-error-user-info-failed = the provider's UserInfo endpoint did not answer for this sign-in: { $detail }
sign-in-error-email-not-verified = your account has no email address that the provider has verified, so your council cannot be checked
sign-in-error-suspended = this account is suspended; ask a Casebook admin
sign-in-error-busy = Casebook is busy just now; try again in a few moments
sign-in-error-internal = sign-in failed on our side; try again
