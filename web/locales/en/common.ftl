# Every page's frame: the header, navigation, banners and footer; roles and standing.

feed-site-title = Casebook: new case studies
skip-to-content = Skip to main content
dev-banner-title = Development sign-in is on:
dev-banner-text = anyone can sign in here as anyone. Never run a shared server like this.
dev-banner-mailbox = Email is not sent:
dev-banner-mailbox-link = the development mailbox shows it.
nav-label = Main
nav-search = Search
nav-councils = Councils
nav-our-case-studies = Our case studies
nav-moderation = Moderation
nav-members = Members
nav-email = Email
nav-taxonomy = Taxonomy
nav-audit = Audit log
nav-your-reports = Your reports
nav-your-alerts = Your alerts
nav-your-account = Your account
signed-in-as = Signed in as { $email }
sign-out = Sign out
sign-in = Sign in
phase-beta = Beta
phase-text = This is a new service: what councils learnt, especially from what failed.
footer-sitemap = Sitemap
footer-open-data = Open data
footer-api = API

role-member = member
role-moderator = moderator
role-admin = admin
your-council = your council
standing-of-council = { $role } of { $council }
standing-no-council = { $role }, with no council
standing-pending = { $role }, waiting for an administrator to confirm your council
standing-suspended = suspended

results-count =
    { $count ->
        [one] { $count } case study
       *[other] { $count } case studies
    }

unsubscribe-alerts-for = alerts for “{ $name }”
unsubscribe-emails-about = emails about: { $kind }
question-asker-unknown = A council officer
question-asker = An officer at { $council }
feed-search = Casebook: search
feed-search-for = Casebook: search for “{ $text }”
feed-of = Casebook: { $name }

# Who acted, in a history: by role and council, never by name.
acting-member = Member
acting-moderator = Moderator
acting-admin = Admin
acting-label = { $role }, { $council }
acting-former-member = A former member
