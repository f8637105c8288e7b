# Public pages: home, search, councils, a council's page, open data, problems,
# paging, sign-in, unsubscribing, and the personal-data notice.

## Shared by several pages

pages-search-case-studies = Search case studies
pages-search-button = Search
pages-frequency-daily = daily
pages-frequency-weekly = weekly

## Home page

pages-home-title = Learn from other councils' projects
pages-home-description = Case studies of what UK councils tried, especially what failed: search by words, outcome, service area and technology.
pages-home-none-yet = None yet.
pages-home-heading = Who else tried this, and what happened?
pages-home-lead = Councils share what they tried — successes, partial successes, failures and abandoned projects — so others can learn before spending public money.
pages-home-search-placeholder = for example, chatbot for bin collections
pages-home-latest-failures = Latest failures
pages-home-latest-successes = Latest successes
# Followed by the member's standing ("member of London Borough of Camden") and a full stop.
pages-home-signed-in-as = You are signed in as { $email }:
# A link, followed by pages-home-sign-in-why.
pages-home-sign-in-link = Sign in
pages-home-sign-in-why = with your council account to read what members share and to publish.

## Search page

pages-search-title = Search
pages-search-title-query = { $query } – search
pages-search-feed-title = Casebook: this search
pages-search-words = Words
pages-search-sort-by = Sort by
pages-search-sort-relevance = Relevance
pages-search-sort-newest = Newest
pages-search-sort-oldest = Oldest
pages-search-filter = Filter
pages-search-skip-to-results = Skip to the results
pages-search-ticking-updates = Ticking a box updates the results.
pages-search-years-legend = Years started, from and to
pages-search-year-from = From
pages-search-year-to = to
pages-search-apply-filters = Apply filters
pages-search-active-filters = Active filters
# $filter: "Outcome: Failure", "Started from: 2020".
pages-search-remove-filter = Remove filter: { $filter }
# After the number of results, which the page shows in bold.
pages-search-results-noun =
    { $count ->
        [one] case study
       *[other] case studies
    }
pages-search-feed-link = Feed of this search
pages-search-save-as = Save this search as
pages-search-save-email-me = and email me
pages-search-frequency-immediately = as soon as there is news
pages-search-save-button = Save this search
pages-search-relaxed = No case study matched every word, so these match any of them.
pages-search-published = published { $date }

## Councils

pages-councils-title = Councils
pages-councils-lead = Every council in the register, with how many case studies it has shared under its name.
pages-councils-find-label = Find a council
pages-councils-name = Council name
pages-councils-nation = Nation
pages-councils-all-nations = All nations
pages-councils-region = Region
pages-councils-all-regions = All regions
pages-councils-kind-of-council = Kind of council
pages-councils-all-kinds = All kinds
pages-councils-find-button = Find councils
pages-councils-count =
    { $count ->
        [one] { $count } council
       *[other] { $count } councils
    }
# $nation: "England", "Wales".
pages-councils-caption = Councils in { $nation }
pages-councils-column-council = Council
pages-councils-column-kind = Kind
pages-councils-column-case-studies = Case studies

## A council's page

pages-authority-description = Case studies published by { $name } on Casebook.
# After the kind of council ("London borough").
pages-authority-in-region = in { $region }
pages-authority-feed-link = Feed of its case studies
pages-authority-email-me = Email me
pages-authority-frequency-immediately = as soon as it publishes
pages-authority-follow = Follow { $name }
# Followed by the list of the councils that replaced it.
pages-authority-replaced-by = This council has been replaced by
# Between the last two councils of that list (the others are separated by commas).
pages-authority-successors-last-separator = {" and "}
pages-authority-published-count =
    { $count ->
        [one] { $count } published case study
       *[other] { $count } published case studies
    }
# $name: the council this one replaced, which wrote the case study.
pages-authority-formerly = formerly { $name }
pages-authority-search-link = Search this council's case studies

## Open data

pages-open-data-title = Open data
pages-open-data-dcat-title = DCAT description
# After "28 case studies,".
pages-open-data-last-changed = last changed { $date }.
pages-open-data-remade = The files are made again whenever a case study is published, changed or taken down.
pages-open-data-download = Download
pages-open-data-reusing = Reusing the data
# Followed by the licence's name, as a link.
pages-open-data-reuse-licence = You may copy, publish, adapt and reuse this data, commercially or not, under the
pages-open-data-attribution = Acknowledge the source: “Contains information from Casebook, the councils' case study network, licensed under the { $licence }.”
pages-open-data-contents = What is in it: every case study its council has published to everyone. Nothing that only signed-in members can read is ever in it. For a case study published anonymously, only the kind and region of its council are given, never its name, its partners or its links.
pages-open-data-link-to-it = Each row or record has the case study's address on Casebook: link to it, so readers see its latest version and follow-ups.
pages-open-data-developers = For developers
# One paragraph: [csvw-before] CSVW [csvw-after] DCAT [dcat-after] [etag-before] ETag [etag-and] Last-Modified[etag-ask] If-None-Match [etag-after] [graphql-before] [graphql-link].
pages-open-data-csvw-before = The CSV is described by a
pages-open-data-csvw-after = metadata file, and the dataset by
pages-open-data-dcat-after = in JSON-LD.
pages-open-data-etag-before = The files carry an
pages-open-data-etag-and = and
pages-open-data-etag-ask = : ask with
pages-open-data-etag-after = and you download them again only when they changed.
pages-open-data-graphql-before = For searching, use the
pages-open-data-graphql-link = GraphQL API

## A problem (error) page

pages-problem-home-link = Go to the home page
pages-problem-or = or
pages-problem-search-link = search the case studies

## Paging: "Page 2 of 7"

pages-pager-previous = Previous page
pages-pager-page = Page { $number }
pages-pager-of = of { $count }
pages-pager-next = Next page

## Signing in

# Followed by the command `casebook issue-token` and a full stop.
pages-sign-in-no-provider = No sign-in provider is configured on this server. An administrator can add one (see the README), or issue an API token with
pages-sign-in-explanation = Sign in with the account your council gives you. If your email address belongs to a council in the register, you join that council at once; otherwise an administrator confirms your council first.
pages-sign-in-with = Sign in with { $provider }
pages-sign-in-dev-link = Development sign-in: sign in as any email and role
pages-dev-sign-in-title = Development sign-in
# Around an example email address.
pages-dev-sign-in-intro-before = Sign in as anyone, without a password. An email at a council's domain (for example
pages-dev-sign-in-intro-after = ) makes an active member of that council; any other email makes a pending member.
pages-dev-sign-in-problem = There is a problem
pages-dev-sign-in-email = Email
pages-dev-sign-in-role = Role
pages-dev-sign-in-role-member = Member
pages-dev-sign-in-role-moderator = Moderator
pages-dev-sign-in-role-admin = Admin

## Unsubscribing

pages-unsubscribe-title = Unsubscribe
# $what: "alerts for “Chatbots”", "emails about: …".
pages-unsubscribe-question = Stop getting { $what }?
pages-unsubscribe-button = Unsubscribe

## The personal-data notice (on a case study and its moderation)

pages-personal-data-heading = Check for personal data
pages-personal-data-text = This text may name or identify someone. Remove anything that could identify a resident or member of staff before it is published.
