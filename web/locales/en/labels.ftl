# The names of the values case studies, councils and reports carry, as pages, emails and facets show them.
# Keys are the value's kind and its stored name in lower-case kebab (SUCCESS → outcome-success).

outcome-success = Success
outcome-partial-success = Partial success
outcome-failure = Failure
outcome-abandoned = Abandoned
outcome-in-progress = In progress

cost-band-under-10k = Under £10k
cost-band-from-10k-to-50k = £10k to £50k
cost-band-from-50k-to-250k = £50k to £250k
cost-band-from-250k-to-1m = £250k to £1m
cost-band-over-1m = Over £1m
cost-band-unknown = Unknown

evidence-anecdotal = Anecdotal
evidence-monitored = Monitored
evidence-evaluated = Evaluated
evidence-independently-evaluated = Independently evaluated
evidence-meaning-anecdotal = what we saw
evidence-meaning-monitored = we measured before and after
evidence-meaning-evaluated = a structured internal evaluation
evidence-meaning-independently-evaluated = an outside evaluation

authority-kind-county = County council
authority-kind-district = District council
authority-kind-unitary = Unitary authority
authority-kind-metropolitan-district = Metropolitan district
authority-kind-london-borough = London borough
authority-kind-scottish-council = Scottish council
authority-kind-welsh-council = Welsh council
authority-kind-northern-ireland-district = Northern Ireland district
authority-kind-combined-authority = Combined authority
authority-kind-other = Other authority

report-reason-personal-data = Personal data
report-reason-inaccurate = Inaccurate
report-reason-confidential = Confidential or commercially sensitive
report-reason-offensive = Offensive
report-reason-other = Other

language-en = English
language-cy = Welsh
language-bilingual = English and Welsh

notice-submissions = Submissions, revisions and follow-ups waiting for moderation
notice-decisions = Moderators' decisions on your case studies
notice-reports = Reports of case studies
notice-report-outcomes = What happened to your reports
notice-pending-members = New members waiting to be let in
notice-review-reminders = Case studies due for review
notice-questions = Questions about your council's case studies, and answers to yours

facet-over-budget-true = Over budget
facet-over-budget-false = Within budget
facet-late-true = Late
facet-late-false = On time
facet-reused-true = Reused by other councils
facet-reused-false = Not yet reused

region-north-east = the North East
region-north-west = the North West
region-yorkshire-and-the-humber = Yorkshire and the Humber
region-east-midlands = the East Midlands
region-west-midlands = the West Midlands
region-east-of-england = the East of England
region-london = London
region-south-east = the South East
region-south-west = the South West
region-scotland = Scotland
region-wales = Wales
region-northern-ireland = Northern Ireland

anonymous-london-borough = A London borough
anonymous-scottish-council = A Scottish council
anonymous-welsh-council = A Welsh council
anonymous-northern-ireland-district = A Northern Ireland district council
anonymous-county = A county council in { $region }
anonymous-district = A district council in { $region }
anonymous-unitary = A unitary council in { $region }
anonymous-metropolitan-district = A metropolitan borough in { $region }
anonymous-combined-authority = A combined authority in { $region }
anonymous-other = An authority in { $region }

# A status as its tag on a page shows it: in English, by its API name (as the pages always have).
status-draft = DRAFT
status-submitted = SUBMITTED
status-changes-requested = CHANGES_REQUESTED
status-published = PUBLISHED
status-rejected = REJECTED
status-withdrawn = WITHDRAWN
status-unpublished = UNPUBLISHED

report-status-open = Open
report-status-dismissed = Dismissed
report-status-upheld = Upheld
region-england = England
