# Tudalen astudiaeth achos: ei hysbysiadau a'i botymau, ei hadrannau, y panel ffeithiau,
# y ffurflen rhoi gwybod, dilyniannau, ailddefnyddio rhwng cynghorau a chwestiynau i'w chyngor.

## Hysbysiadau i'r cyngor perchennog a'r cymedrolwyr

reading-revision-changes-requested = Gofynnodd cymedrolwr am newidiadau i'ch golygiad
reading-revision-sent-for-review = (anfonwyd i'w adolygu ar { $since }).
reading-revision-readers-still-see = Mae darllenwyr yn dal i weld y testun a gyhoeddwyd.
reading-revision-waiting = Newidiadau'n aros i gael eu hadolygu ers { $since }.
reading-revision-readers-see-until = Mae darllenwyr yn gweld y testun a gyhoeddwyd nes i gymedrolwr gymeradwyo'r newidiadau.
reading-reported-thanks = Diolch: bydd cymedrolwyr yn edrych ar eich adroddiad.
reading-reported-anonymous = Ni ddywedir byth wrth y cyngor a'i hysgrifennodd pwy roddodd wybod amdani.
reading-reported-see-reports = Gweld eich adroddiadau a'u canlyniadau
reading-unpublished-title = Tynnodd cymedrolwr yr astudiaeth achos hon i lawr
reading-unpublished-after-report = ar ôl adroddiad. Dim ond eich cyngor chi a'r cymedrolwyr sy'n gallu ei gweld bellach.
reading-unpublished-reason = Y rheswm:
reading-unpublished-resubmit = Golygwch hi i fynd i'r afael â'r rheswm, yna cyflwynwch hi eto: bydd yn mynd yn ôl i'w chymedroli.
reading-withdrawn-title = Mae'r astudiaeth achos hon wedi'i thynnu'n ôl.
reading-withdrawn-text = Dim ond eich cyngor chi a'r cymedrolwyr sy'n gallu ei gweld. Golygwch hi os oes angen, a'i chyflwyno eto i'w hanfon yn ôl i'w chymedroli.
reading-moderate-waits = Mae hon yn aros am gymedrolwr.
reading-moderate-decide = Penderfynu arni

## Botymau

reading-edit-changes = Golygu'r newidiadau
reading-edit = Golygu
reading-submit = Cyflwyno i'w hadolygu
reading-withdraw-revision = Tynnu'r newidiadau yn ôl
reading-withdraw = Tynnu'n ôl

## Adrannau

reading-lessons = Gwersi
reading-what-happened = Beth ddigwyddodd
reading-do-differently = Beth fydden ni'n ei wneud yn wahanol
reading-follow-ups = Dilyniannau
reading-links = Dolenni
reading-history = Hanes
# Ar ôl cofnod yn yr hanes: pwy wnaeth y newid ("Cymedrolwr, Cyngor Sir Caint").
reading-history-by = gan { $actor }
reading-facts = Ffeithiau
reading-contact = Cyswllt
reading-similar = Astudiaethau achos tebyg

## Ei chadw'n fyw: ei chadarnhau ac ychwanegu dilyniant

reading-confirm-accurate = Yn dal yn gywir: ei chadarnhau
reading-add-follow-up = Ychwanegu dilyniant
reading-follow-up-date = Dyddiad
reading-follow-up-body = Beth sydd wedi digwydd ers hynny
reading-follow-up-outcome = Y canlyniad erbyn hyn
reading-follow-up-unchanged = Heb newid
reading-follow-up-send = Anfon y dilyniant at y cymedrolwyr

## Rhoi gwybod am yr astudiaeth achos

reading-report-summary = Rhoi gwybod am yr astudiaeth achos hon
reading-report-legend = Beth sydd o'i le arni?
reading-report-details = Manylion i'r cymedrolwyr
reading-report-details-hint = Dewisol. Ni fydd y cyngor a'i hysgrifennodd byth yn cael gwybod pwy roddodd wybod amdani.
reading-report-send = Anfon yr adroddiad

## Ailddefnyddio rhwng cynghorau

reading-reuse-heading = Wedi'i hailddefnyddio gan gynghorau eraill
reading-reuse-none = Nid oes unrhyw gyngor wedi dweud ei fod wedi ailddefnyddio hyn eto.
reading-reuse-count =
    { $count ->
        [zero] Nid oes unrhyw gyngor wedi ailddefnyddio hyn.
        [one] Mae un cyngor wedi ailddefnyddio hyn.
        [two] Mae dau gyngor wedi ailddefnyddio hyn.
        [few] Mae tri chyngor wedi ailddefnyddio hyn.
        [many] Mae chwe chyngor wedi ailddefnyddio hyn.
       *[other] Mae { $count } cyngor wedi ailddefnyddio hyn.
    }
reading-reuse-remove = Dileu'r ddolen hon
reading-reuse-built-on = Yr hyn y mae hon yn adeiladu arno
reading-reuse-tried-too = Rhoddodd eich cyngor gynnig ar hyn hefyd
reading-reuse-from = Astudiaeth achos eich cyngor
reading-reuse-how = Sut aeth hi?
reading-reuse-kind-reused = Fe wnaethon ni ailddefnyddio hyn
reading-reuse-kind-differently = Fe wnaethon ni roi cynnig ar hyn ac fe aeth yn wahanol
reading-reuse-link = Eu cysylltu

## Cwestiynau i'r cyngor

reading-questions-heading = Cwestiynau i'r cyngor
reading-questions-none = Dim cwestiynau eto.
# Wedi'i ddilyn gan ", " a'r dyddiad.
reading-question-asked = Gofynnodd { $asker }
reading-question-private = (preifat: dim ond chi, y cyngor a'r cymedrolwyr sy'n gweld hwn)
reading-question-removed = Mae cymedrolwr wedi dileu'r cwestiwn hwn.
# Wedi'i ddilyn gan ", " a'r dyddiad.
reading-answered-by = Atebodd { $answerer }
reading-answered = Atebwyd
reading-not-answered = Heb ei ateb eto.
reading-answer-change = Newid ateb eich cyngor
reading-answer-for-council = Ateb ar ran eich cyngor
reading-answer-send = Anfon yr ateb
reading-question-report = Rhoi gwybod am hyn
reading-question-report-what = Am beth rydych chi'n rhoi gwybod
reading-question-report-question = Y cwestiwn
reading-question-report-answer = Yr ateb
reading-question-report-reason = Beth sydd o'i le arno?
reading-ask-heading = Gofyn cwestiwn i'r cyngor
reading-ask-body = Eich cwestiwn
reading-ask-public = Caiff eraill sy'n gallu darllen yr astudiaeth achos hon ddarllen y cwestiwn a'i ateb
reading-ask-submit = Gofyn
