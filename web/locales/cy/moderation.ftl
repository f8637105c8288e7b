# Cymedroli: y ciw, y penderfyniad ar gyflwyniad neu olygiad, adroddiadau am
# astudiaethau achos, a chwestiynau ac atebion y rhoddwyd gwybod amdanynt.

moderation-error-prefix = Gwall:
moderation-back-to-queue = Yn ôl i'r ciw cymedroli
moderation-your-decision = Eich penderfyniad
moderation-decision = Penderfyniad
moderation-record-decision = Cofnodi'r penderfyniad
moderation-nothing-waiting = Does dim byd yn aros.
moderation-waiting-total =
    { $count ->
        [zero] { $count } yn aros am benderfyniad.
        [one] { $count } yn aros am benderfyniad.
       *[other] { $count } yn aros am benderfyniad, gyda'r rhai sydd wedi aros hiraf yn gyntaf.
    }

## Y ciw (moderation_queue.html)
moderation-queue-title = Ciw cymedroli
moderation-queue-caption = Cyflwyniadau a golygiadau i astudiaethau achos sydd wedi'u cyhoeddi
moderation-queue-col-title = Teitl
moderation-queue-col-council = Cyngor
moderation-queue-col-what = Beth
moderation-queue-col-waiting-since = Yn aros ers
moderation-queue-reports-heading = Adroddiadau
moderation-queue-reports-waiting =
    { $count ->
        [zero] Does dim adroddiadau'n aros am benderfyniad.
        [one] Mae un adroddiad yn aros am benderfyniad.
        [two] Mae dau adroddiad yn aros am benderfyniad, gyda'r un sydd wedi aros hiraf yn gyntaf.
        [few] Mae tri adroddiad yn aros am benderfyniad, gyda'r rhai sydd wedi aros hiraf yn gyntaf.
        [many] Mae chwe adroddiad yn aros am benderfyniad, gyda'r rhai sydd wedi aros hiraf yn gyntaf.
       *[other] Mae { $count } adroddiad yn aros am benderfyniad, gyda'r rhai sydd wedi aros hiraf yn gyntaf.
    }
moderation-queue-reports-caption = Astudiaethau achos cyhoeddedig y rhoddodd aelodau wybod amdanynt
moderation-queue-reports-col-case-study = Astudiaeth achos
moderation-queue-reports-col-reasons = Rhesymau
moderation-queue-reports-col-reports = Adroddiadau
moderation-queue-reports-col-first-reported = Rhoddwyd gwybod gyntaf
moderation-queue-questions-heading = Cwestiynau ac atebion
# Testun y ddolen; daw moderation-queue-questions-after ar ôl y ddolen.
moderation-queue-questions-link =
    { $count ->
        [zero] Dim cwestiynau nac atebion y rhoddwyd gwybod amdanynt yn aros
        [one] Un cwestiwn neu ateb y rhoddwyd gwybod amdano yn aros
        [two] Dau gwestiwn neu ateb y rhoddwyd gwybod amdanynt yn aros
        [few] Tri chwestiwn neu ateb y rhoddwyd gwybod amdanynt yn aros
        [many] Chwe chwestiwn neu ateb y rhoddwyd gwybod amdanynt yn aros
       *[other] { $count } cwestiwn neu ateb y rhoddwyd gwybod amdanynt yn aros
    }
moderation-queue-questions-after = am benderfyniad.

## Penderfyniad ar gyflwyniad (moderation_decision.html)
moderation-decide-title = Penderfynu ar “{ $title }”
moderation-edit-heading = Beth mae'r golygiad hwn yn ei newid
moderation-edit-intro = Mae darllenwyr yn gweld y fersiwn sydd wedi'i chyhoeddi nes i chi gymeradwyo'r golygiad.
moderation-edit-read-published = Darllen y fersiwn sydd wedi'i chyhoeddi
moderation-edit-no-changes = Nid yw'r golygiad yn newid dim byd y mae darllenwyr yn ei weld.
# Mae darllenwyr sgrin yn ei ddarllen cyn testun a dynnwyd neu a ychwanegwyd.
moderation-diff-removed = wedi'i dynnu:
moderation-diff-added = wedi'i ychwanegu:
moderation-follow-up-heading = Dilyniant dyddiedig { $date }
moderation-follow-up-intro = Mae'r astudiaeth achos wedi'i chyhoeddi; bydd darllenwyr yn gweld y dilyniant hwn unwaith y byddwch yn ei gymeradwyo.
moderation-follow-up-read = Darllen yr astudiaeth achos
moderation-submission-heading = Y cyflwyniad
moderation-submission-lessons = Gwersi
moderation-submission-see-it = Gweld yr astudiaeth achos gyda'i ffeithiau a'i hanes
moderation-own-work = Chi a ysgrifennodd neu a olygodd yr astudiaeth achos hon, felly bydd cymedrolwr arall yn penderfynu arni.
moderation-decision-approve = Cymeradwyo a chyhoeddi
moderation-decision-request-changes = Gofyn am newidiadau
moderation-decision-reject = Gwrthod
moderation-message-label = Neges i'r cyngor
moderation-message-hint = Mae ei hangen i ofyn am newidiadau (beth i'w newid) neu i wrthod (pam). Hyd at 5,000 o nodau.

## Adroddiad am astudiaeth achos (report_decision.html)
moderation-report-title = Adroddiad am “{ $title }”
moderation-report-caption = Adroddiad · statws yr astudiaeth achos: { $status }
moderation-report-filings-heading = Beth a ddywedwyd yn yr adroddiadau
moderation-report-snapshot-heading = Yr astudiaeth achos pan roddwyd gwybod amdani gyntaf
moderation-report-see-now = Ei gweld fel y mae nawr, gyda'i ffeithiau a'i hanes
# Daw " — " a'r canlyniad ar ei ôl pan fo un, yna atalnod llawn.
moderation-report-decided = Mae penderfyniad wedi'i wneud ar yr adroddiad hwn
moderation-report-own-work = Chi a ysgrifennodd neu a olygodd yr astudiaeth achos hon, felly bydd cymedrolwr arall yn penderfynu ar yr adroddiad hwn.
moderation-report-dismiss = Diystyru: mae'n aros wedi'i chyhoeddi
moderation-report-uphold = Cadarnhau: ei thynnu i lawr
moderation-report-note-label = Nodyn
moderation-report-note-hint = Gofynnol. Os byddwch yn ei thynnu i lawr, bydd y cyngor a'i hysgrifennodd yn darllen hwn fel y rheswm; bydd cymedrolwyr eraill yn ei ddarllen hefyd. Dim ond y canlyniad a gaiff y rhai a roddodd wybod amdani. Peidiwch byth ag enwi pwy a roddodd wybod amdani. Hyd at 5,000 o nodau.

## Cwestiynau ac atebion y rhoddwyd gwybod amdanynt (question_moderation.html)
moderation-questions-title = Cwestiynau ac atebion y rhoddwyd gwybod amdanynt
# Rhwng "Y cwestiwn" neu "Yr ateb" a theitl yr astudiaeth achos.
moderation-questions-on = ar
moderation-questions-reports =
    { $count ->
        [zero] dim adroddiadau
        [one] un adroddiad
        [two] dau adroddiad
        [few] tri adroddiad
        [many] chwe adroddiad
       *[other] { $count } adroddiad
    }
# Ar ôl nifer yr adroddiadau; daw colon a'r rhesymau ar ei ôl.
moderation-questions-since = ers { $since }
moderation-questions-question = Cwestiwn
moderation-questions-answer = Ateb
moderation-questions-dismiss = Diystyru: mae'n aros
moderation-questions-uphold = Cadarnhau: ei dynnu
moderation-questions-note-label = Nodyn ar gyfer y cofnod
moderation-questions-decide = Penderfynu
