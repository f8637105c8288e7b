# Administration: the audit log, a council's settings, the mail outbox,
# members, the taxonomy and synonyms; and the development mailbox.

admin-error-prefix = Error:
# Column headings and labels shared by the email pages.
admin-mail-col-to = To
admin-mail-col-subject = Subject
admin-mail-col-written = Written

## The audit log (admin_audit.html)
admin-audit-title = Audit log
admin-audit-lead = Every moderator and admin action, newest first. Entries cannot be changed or deleted.
admin-audit-action = Action
admin-audit-any-action = Any action
admin-audit-actor = Who acted (member id)
admin-audit-target-type = Target type
admin-audit-target-id = Target id
admin-audit-from = From (YYYY-MM-DD)
admin-audit-to = To (YYYY-MM-DD)
admin-audit-filter = Filter
admin-audit-download-csv = Download these entries as CSV
admin-audit-entries =
    { $count ->
        [one] { $count } entry
       *[other] { $count } entries
    }
admin-audit-col-when = When
admin-audit-col-who = Who
admin-audit-col-target = Target
admin-audit-col-before = Before
admin-audit-col-after = After

## A council (admin_council.html)
admin-council-edit = Edit { $name }
admin-council-saved = Saved. Later imports of the register leave this council as you made it.
admin-council-back = Back to the council's page
admin-council-name = Name
admin-council-email-domains = Its own email domains
admin-council-email-domains-hint = One a line. An officer with a verified address at one (or a subdomain of one) is this council's member.
admin-council-shared-domains = Domains it shares with other councils
admin-council-shared-domains-hint = One a line. Officers there wait for an admin, who is offered only the councils sharing the domain.
admin-council-kind = Kind
admin-council-region = Region
admin-council-replaced-heading = Replaced by other councils
admin-council-successors = Successors
admin-council-successors-hint = The short names of the councils that replaced it, in order, separated by commas. Naming any retires it; its members move to a single successor, or wait for an admin when there are several.
admin-council-retired-on = Ended on (YYYY-MM-DD)
admin-council-save = Save

## The mail outbox (admin_mail.html)
admin-mail-title = Email
admin-mail-waiting =
    { $count ->
        [one] { $count } email waits to be sent
       *[other] { $count } emails wait to be sent
    }
# After admin-mail-waiting and a comma, when an email waits.
admin-mail-oldest = the oldest since { $since }
admin-mail-dead-heading = Given up on
admin-mail-dead-none = None: every email was sent or is still being tried.
admin-mail-dead-caption = { $count } in all, newest first
admin-mail-col-attempts = Attempts
admin-mail-col-last-error = Last error

## Members (admin_members.html)
admin-members-tabs-label = Members by status
admin-members-count =
    { $count ->
        [one] { $count } member
       *[other] { $count } members
    }
# After the signed-in admin's own email address, in brackets.
admin-members-you = you
admin-members-council = Council
admin-members-role = Role
admin-members-status = Status
admin-members-joined = Joined
admin-members-confirm-council-label = Confirm their council
admin-members-move-label = Move to another council
admin-members-council-hint = The council's short name, for example camden.
admin-members-shared-domain = Their address is at a domain these councils share.
admin-members-confirm-council = Confirm council
admin-members-move = Move
admin-members-change-role = Change role
admin-members-reinstate = Reinstate
admin-members-suspend = Suspend
admin-members-erase-summary = Erase this account (on the member's request)
admin-members-erase-text = Their email, name, sign-in and tokens are erased; their case studies stay with their council. This cannot be undone.
admin-members-erase = Erase the account

## The taxonomy and synonyms (admin_taxonomy.html)
admin-taxonomy-title = Taxonomy and synonyms
admin-taxonomy-lead = Changes show in every page and facet at once, on every server. A retired term is no longer offered for new case studies; the ones that have it keep it.
admin-taxonomy-key = Key
admin-taxonomy-label = Label
# The column heading, and the button (followed by the term's key for screen readers).
admin-taxonomy-retire = Retire
admin-taxonomy-retired = Retired
admin-taxonomy-label-of = Label of { $key }
admin-taxonomy-change = Change
admin-taxonomy-add-term = Add a term
admin-taxonomy-key-hint = Lower-case words joined by hyphens, such as street-lighting. It never changes.
admin-taxonomy-add = Add
admin-taxonomy-merge-heading = Merge two terms
# The label of the first list, and the button.
admin-taxonomy-merge = Merge
# The label of the second list: "Merge … into …".
admin-taxonomy-into = into
admin-taxonomy-synonyms-heading = Search synonyms
admin-taxonomy-synonyms-intro = Words or phrases that mean the same in search. British and American spellings are built in.
admin-taxonomy-no-synonyms = No synonyms added yet.
admin-taxonomy-remove = Remove
admin-taxonomy-add-group = Add a group
admin-taxonomy-add-group-hint = Two or more words or phrases, separated by commas: litter bin, rubbish bin
admin-taxonomy-add-synonyms = Add synonyms

## The development mailbox (dev_mail.html, dev_mail_message.html)
admin-dev-mail-title = Development mailbox
admin-dev-mail-lead = No SMTP server is configured: these are the emails Casebook would have sent, newest first.
admin-dev-mail-none = No email yet.
admin-dev-mail-all = All email
admin-taxonomy-label-cy = Welsh label
admin-taxonomy-label-cy-of = Welsh label of { $key }
