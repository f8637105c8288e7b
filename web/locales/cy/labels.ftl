# Enwau'r gwerthoedd sydd gan astudiaethau achos, cynghorau ac adroddiadau, fel y mae tudalennau, e-byst a ffasedau'n eu dangos.

outcome-success = Llwyddiant
outcome-partial-success = Llwyddiant rhannol
outcome-failure = Methiant
outcome-abandoned = Rhoddwyd y gorau iddo
outcome-in-progress = Ar y gweill

cost-band-under-10k = Llai na £10k
cost-band-from-10k-to-50k = £10k i £50k
cost-band-from-50k-to-250k = £50k i £250k
cost-band-from-250k-to-1m = £250k i £1m
cost-band-over-1m = Mwy na £1m
cost-band-unknown = Anhysbys

evidence-anecdotal = Anecdotaidd
evidence-monitored = Wedi'i fonitro
evidence-evaluated = Wedi'i werthuso
evidence-independently-evaluated = Wedi'i werthuso'n annibynnol
evidence-meaning-anecdotal = yr hyn a welsom
evidence-meaning-monitored = fe wnaethom fesur cyn ac ar ôl
evidence-meaning-evaluated = gwerthusiad mewnol strwythuredig
evidence-meaning-independently-evaluated = gwerthusiad allanol

authority-kind-county = Cyngor sir
authority-kind-district = Cyngor dosbarth
authority-kind-unitary = Awdurdod unedol
authority-kind-metropolitan-district = Dosbarth metropolitan
authority-kind-london-borough = Bwrdeistref yn Llundain
authority-kind-scottish-council = Cyngor yn yr Alban
authority-kind-welsh-council = Cyngor yng Nghymru
authority-kind-northern-ireland-district = Dosbarth yng Ngogledd Iwerddon
authority-kind-combined-authority = Awdurdod cyfun
authority-kind-other = Awdurdod arall

report-reason-personal-data = Data personol
report-reason-inaccurate = Anghywir
report-reason-confidential = Cyfrinachol neu'n fasnachol sensitif
report-reason-offensive = Sarhaus
report-reason-other = Arall

language-en = Saesneg
language-cy = Cymraeg
language-bilingual = Saesneg a Chymraeg

notice-submissions = Cyflwyniadau, diwygiadau a dilyniannau sy'n aros i gael eu cymedroli
notice-decisions = Penderfyniadau cymedrolwyr ar eich astudiaethau achos
notice-reports = Adroddiadau am astudiaethau achos
notice-report-outcomes = Beth ddigwyddodd i'ch adroddiadau
notice-pending-members = Aelodau newydd sy'n aros i gael eu derbyn
notice-review-reminders = Astudiaethau achos sydd i'w hadolygu
notice-questions = Cwestiynau am astudiaethau achos eich cyngor, ac atebion i'ch rhai chi

facet-over-budget-true = Dros y gyllideb
facet-over-budget-false = O fewn y gyllideb
facet-late-true = Yn hwyr
facet-late-false = Ar amser
facet-reused-true = Wedi'i ailddefnyddio gan gynghorau eraill
facet-reused-false = Heb ei ailddefnyddio eto

region-north-east = Gogledd-ddwyrain Lloegr
region-north-west = Gogledd-orllewin Lloegr
region-yorkshire-and-the-humber = Swydd Efrog a'r Humber
region-east-midlands = Dwyrain Canolbarth Lloegr
region-west-midlands = Gorllewin Canolbarth Lloegr
region-east-of-england = Dwyrain Lloegr
region-london = Llundain
region-south-east = De-ddwyrain Lloegr
region-south-west = De-orllewin Lloegr
region-scotland = Yr Alban
region-wales = Cymru
region-northern-ireland = Gogledd Iwerddon

anonymous-london-borough = Bwrdeistref yn Llundain
anonymous-scottish-council = Cyngor yn yr Alban
anonymous-welsh-council = Cyngor yng Nghymru
anonymous-northern-ireland-district = Cyngor dosbarth yng Ngogledd Iwerddon
anonymous-county = Cyngor sir – { $region }
anonymous-district = Cyngor dosbarth – { $region }
anonymous-unitary = Cyngor unedol – { $region }
anonymous-metropolitan-district = Bwrdeistref fetropolitan – { $region }
anonymous-combined-authority = Awdurdod cyfun – { $region }
anonymous-other = Awdurdod – { $region }

status-draft = Drafft
status-submitted = Wedi'i gyflwyno
status-changes-requested = Newidiadau wedi'u gofyn
status-published = Cyhoeddwyd
status-rejected = Gwrthodwyd
status-withdrawn = Tynnwyd yn ôl
status-unpublished = Dad-gyhoeddwyd

report-status-open = Agored
report-status-dismissed = Wedi'i wrthod
report-status-upheld = Wedi'i gadarnhau
region-england = Lloegr
