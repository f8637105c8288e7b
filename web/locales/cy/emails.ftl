# Negeseuon e-bost: hysbysiadau'r llif gwaith (server/src/notifications/events.rs,
# gyda throedyn notifications/mod.rs), y crynodeb dyddiol (digest.rs) a'r
# hysbysiadau am chwiliadau a gadwyd a'r hyn sy'n cael ei ddilyn (alerts.rs).
# Testun plaen yn unig: mae'r cod yn dianc pob neges ar gyfer y rhan HTML ac
# yn ychwanegu'r marcio ei hun. Label unig ddolen y neges yw `email-action-*`;
# yn y testun plaen, mae'r cod yn rhoi ": " a'r cyfeiriad ar ei ôl.

## Cymedrolwyr: rhywbeth yn aros yn y ciw cymedroli

email-queued-submission-subject = Cyflwynwyd i'w chymedroli: { $title }
email-queued-submission-body = Cafodd “{ $title }” ei chyflwyno ac mae'n aros am gymedrolwr.
email-queued-revision-subject = Newidiadau wedi'u cynnig: { $title }
email-queued-revision-body = Mae “{ $title }” wedi'i chyhoeddi; mae newidiadau iddi'n aros am gymedrolwr.
email-queued-follow-up-subject = Dilyniant wedi'i gynnig: { $title }
email-queued-follow-up-body = Mae gan “{ $title }” ddilyniant newydd sy'n aros am gymedrolwr.
email-action-open-moderation-queue = Agor y ciw cymedroli

## Y cyngor: penderfyniad cymedrolwr

email-decided-published-subject = Wedi'i chyhoeddi: { $title }
email-decided-published-body = Mae “{ $title }” wedi'i chyhoeddi.
email-decided-revision-approved-subject = Newidiadau wedi'u cymeradwyo: { $title }
email-decided-revision-approved-body = Mae eich newidiadau i “{ $title }” bellach yn fyw.
email-decided-changes-requested-subject = Gofynnwyd am newidiadau: { $title }
email-decided-changes-requested-body = Mae angen newidiadau i “{ $title }” cyn y gellir ei chyhoeddi.
email-decided-rejected-subject = Wedi'i gwrthod: { $title }
email-decided-rejected-body = Cafodd “{ $title }” ei gwrthod.
email-decided-unpublished-subject = Wedi'i thynnu i lawr: { $title }
email-decided-unpublished-body = Cafodd “{ $title }” ei thynnu i lawr yn dilyn adroddiad.
email-decided-follow-up-published-subject = Dilyniant wedi'i gyhoeddi: { $title }
email-decided-follow-up-published-body = Mae eich dilyniant i “{ $title }” wedi'i gyhoeddi.
email-decided-follow-up-returned-subject = Mae angen newidiadau i'r dilyniant: { $title }
email-decided-follow-up-returned-body = Mae gan “{ $title }” ddilyniant sydd angen newidiadau.
email-decided-follow-up-rejected-subject = Dilyniant wedi'i wrthod: { $title }
email-decided-follow-up-rejected-body = Cafodd y dilyniant i “{ $title }” ei wrthod.
# Paragraff ar ei ben ei hun, pan ysgrifennodd y cymedrolwr neges.
email-decided-moderator-wrote =
    Ysgrifennodd y cymedrolwr:
    { $message }
email-action-open-case-study = Agor yr astudiaeth achos

## Cymedrolwyr: rhoddwyd gwybod am astudiaeth achos

email-report-filed-subject = Adroddiad: { $title }
email-report-filed-body = Rhoddwyd gwybod am “{ $title }” ac mae'n aros am gymedrolwr.
email-action-open-report = Agor yr adroddiad

## Yr un a roddodd wybod: canlyniad ei adroddiad

# $what yw email-report-what-titled, neu email-report-what-untitled pan na chaiff ddarllen y teitl mwyach.
email-report-what-titled = “{ $title }”
email-report-what-untitled = astudiaeth achos
email-report-upheld-subject = Cadarnhawyd eich adroddiad
email-report-upheld-body = Cadarnhaodd cymedrolwr eich adroddiad am { $what }: mae wedi'i thynnu i lawr.
email-report-dismissed-subject = Diystyrwyd eich adroddiad
email-report-dismissed-body = Edrychodd cymedrolwr ar eich adroddiad am { $what } a'i gadael wedi'i chyhoeddi.
email-action-see-your-reports = Gweld eich adroddiadau

## Gweinyddwyr: rhywun yn aros i gael mynediad

email-member-pending-subject = Mae aelod newydd yn aros
email-member-pending-body = Mae rhywun wedi mewngofnodi gyda chyfeiriad e-bost nad yw ar barth unrhyw gyngor, ac mae'n aros i weinyddwr roi mynediad iddo.
email-action-open-members-page = Agor tudalen yr aelodau

## Y cyngor: mae'r dyddiad adolygu wedi dod

# $due: y dyddiad adolygu, wedi'i ysgrifennu'n llawn (“1 Mawrth 2026”).
email-review-due-subject = I'w hadolygu: { $title }
email-review-due-body = Roedd disgwyl adolygu “{ $title }” erbyn { $due }. Ydy hi'n dal yn gywir? Cadarnhewch hynny, neu ychwanegwch ddilyniant sy'n dweud beth sydd wedi newid.
email-action-review-it = Ei hadolygu

## Cwestiynau ac atebion

email-question-asked-subject = Cwestiwn am eich astudiaeth achos: { $title }
email-question-asked-body = Mae gan gyngor arall gwestiwn am “{ $title }”.
email-action-read-and-answer = Ei ddarllen a'i ateb
email-question-answered-subject = Atebwyd eich cwestiwn: { $title }
email-question-answered-body = Mae'r cyngor a ysgrifennodd “{ $title }” wedi ateb eich cwestiwn.
email-action-read-answer = Darllen yr ateb
email-question-reported-subject = Rhoddwyd gwybod am gwestiwn neu ateb
email-question-reported-body = Rhoddwyd gwybod am gwestiwn neu ateb ar astudiaeth achos, ac mae'n aros am gymedrolwr.
email-action-open-reported-questions = Agor y cwestiynau y rhoddwyd gwybod amdanynt

## Troedyn pob hysbysiad a anfonir ar ei ben ei hun

# $settings: cyfeiriad llawn /account/notifications.
email-notification-footer = Rydych yn cael y neges hon oherwydd eich gosodiadau hysbysiadau ar Casebook: gallwch eu newid yn { $settings }

## Y crynodeb dyddiol

email-digest-subject =
    Eich crynodeb Casebook: { $count ->
        [zero] dim hysbysiadau
        [one] un hysbysiad
        [two] dau hysbysiad
        [few] tri hysbysiad
        [many] chwe hysbysiad
       *[other] { $count } hysbysiad
    }
email-digest-intro =
    Eich crynodeb Casebook: { $count ->
        [zero] dim hysbysiadau.
        [one] un hysbysiad.
        [two] dau hysbysiad.
        [few] tri hysbysiad.
        [many] chwe hysbysiad.
       *[other] { $count } hysbysiad.
    }
# Y ddolen o dan bob hysbysiad (yn y rhan HTML yn unig).
email-digest-open = Agor
# Dolen y troedyn i /account/notifications.
email-digest-change-settings = Newid yr hyn rydych yn ei gael

## Hysbysiadau am chwiliadau a gadwyd a'r hyn sy'n cael ei ddilyn

# $name: enw'r chwiliad a gadwyd, neu'r hyn sy'n cael ei ddilyn (cyngor, term, “#tag”).
email-alert-subject-one = Newydd ar Casebook ar gyfer “{ $name }”: { $title }
email-alert-subject-many =
    Newydd ar Casebook ar gyfer “{ $name }”: { $count ->
        [zero] dim astudiaethau achos
        [one] un astudiaeth achos
        [two] dwy astudiaeth achos
        [few] tair astudiaeth achos
        [many] chwe astudiaeth achos
       *[other] { $count } astudiaeth achos
    }
email-alert-intro-saved-search = Newydd ar gyfer eich chwiliad wedi'i gadw, “{ $name }”:
email-alert-intro-follow = Newydd ar gyfer yr hyn rydych yn ei ddilyn, “{ $name }”:
# Ar ôl teitl astudiaeth achos a restrwyd pan mai dilyniant iddi yw'r newydd (mae'r cod yn rhoi bwlch o'i flaen).
email-alert-follow-up = (dilyniant)
# $more: faint na chawsant eu rhestru.
email-alert-more =
    { $more ->
        [zero] …a dim un arall.
        [one] …ac un arall.
        [two] …a dwy arall.
        [few] …a thair arall.
        [many] …a chwech arall.
       *[other] …a { $more } arall.
    }
# Dwy ddolen y troedyn.
email-alert-manage = Eich chwiliadau a gadwyd a'r hyn rydych yn ei ddilyn
email-alert-unsubscribe = Dad-danysgrifio o'r hysbysiad hwn
