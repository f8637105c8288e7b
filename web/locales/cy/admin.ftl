# Gweinyddu: y log archwilio, gosodiadau cyngor, y blwch e-bost allan,
# aelodau, y dacsonomeg a chyfystyron; a'r blwch post datblygu.

admin-error-prefix = Gwall:
# Penawdau colofnau a labeli a rennir gan y tudalennau e-bost.
admin-mail-col-to = At
admin-mail-col-subject = Pwnc
admin-mail-col-written = Ysgrifennwyd

## Y log archwilio (admin_audit.html)
admin-audit-title = Log archwilio
admin-audit-lead = Pob cam gan gymedrolwyr a gweinyddwyr, y diweddaraf yn gyntaf. Ni ellir newid na dileu cofnodion.
admin-audit-action = Cam
admin-audit-any-action = Unrhyw gam
admin-audit-actor = Pwy a weithredodd (ID yr aelod)
admin-audit-target-type = Math o darged
admin-audit-target-id = ID y targed
admin-audit-from = O (BBBB-MM-DD)
admin-audit-to = Hyd at (BBBB-MM-DD)
admin-audit-filter = Hidlo
admin-audit-download-csv = Lawrlwytho'r cofnodion hyn fel CSV
admin-audit-entries =
    { $count ->
        [zero] Dim cofnodion
        [one] Un cofnod
        [two] Dau gofnod
        [few] Tri chofnod
        [many] Chwe chofnod
       *[other] { $count } cofnod
    }
admin-audit-col-when = Pryd
admin-audit-col-who = Pwy
admin-audit-col-target = Targed
admin-audit-col-before = Cyn
admin-audit-col-after = Ar ôl

## Cyngor (admin_council.html)
admin-council-edit = Golygu { $name }
admin-council-saved = Wedi'i gadw. Bydd mewnforion diweddarach o'r gofrestr yn gadael y cyngor hwn fel y gwnaethoch chi ef.
admin-council-back = Yn ôl i dudalen y cyngor
admin-council-name = Enw
admin-council-email-domains = Ei barthau e-bost ei hun
admin-council-email-domains-hint = Un ar bob llinell. Mae swyddog sydd â chyfeiriad wedi'i ddilysu yn un ohonynt (neu mewn is-barth i un ohonynt) yn aelod o'r cyngor hwn.
admin-council-shared-domains = Parthau y mae'n eu rhannu â chynghorau eraill
admin-council-shared-domains-hint = Un ar bob llinell. Mae swyddogion yno yn aros am weinyddwr, a fydd yn cael cynnig y cynghorau sy'n rhannu'r parth yn unig.
admin-council-kind = Math
admin-council-region = Rhanbarth
admin-council-replaced-heading = Cynghorau eraill a ddaeth yn ei le
admin-council-successors = Olynwyr
admin-council-successors-hint = Enwau byr y cynghorau a ddaeth yn ei le, yn eu trefn, wedi'u gwahanu gan atalnodau. Os enwch unrhyw un, daw'r cyngor i ben; bydd ei aelodau'n symud at yr olynydd os mai dim ond un sydd, neu'n aros am weinyddwr os oes mwy nag un.
admin-council-retired-on = Daeth i ben ar (BBBB-MM-DD)
admin-council-save = Cadw

## Y blwch e-bost allan (admin_mail.html)
admin-mail-title = E-bost
admin-mail-waiting =
    { $count ->
        [zero] Does dim negeseuon e-bost yn aros i gael eu hanfon
        [one] Mae un e-bost yn aros i gael ei anfon
        [two] Mae dau e-bost yn aros i gael eu hanfon
        [few] Mae tri e-bost yn aros i gael eu hanfon
        [many] Mae chwe e-bost yn aros i gael eu hanfon
       *[other] Mae { $count } e-bost yn aros i gael eu hanfon
    }
# Ar ôl admin-mail-waiting a choma, pan fo e-bost yn aros.
admin-mail-oldest = yr hynaf ers { $since }
admin-mail-dead-heading = Negeseuon y rhoddwyd y gorau iddynt
admin-mail-dead-none = Dim un: mae pob e-bost wedi'i anfon, neu rydym yn dal i geisio'i anfon.
admin-mail-dead-caption = { $count } i gyd, y diweddaraf yn gyntaf
admin-mail-col-attempts = Ymgeisiau
admin-mail-col-last-error = Gwall diwethaf

## Aelodau (admin_members.html)
admin-members-tabs-label = Aelodau yn ôl statws
admin-members-count =
    { $count ->
        [zero] Dim aelodau
        [one] Un aelod
        [two] Dau aelod
        [few] Tri aelod
        [many] Chwe aelod
       *[other] { $count } aelod
    }
# Ar ôl cyfeiriad e-bost y gweinyddwr sydd wedi mewngofnodi, mewn cromfachau.
admin-members-you = chi
admin-members-council = Cyngor
admin-members-role = Rôl
admin-members-status = Statws
admin-members-joined = Ymunodd
admin-members-confirm-council-label = Cadarnhau eu cyngor
admin-members-move-label = Symud i gyngor arall
admin-members-council-hint = Enw byr y cyngor, er enghraifft camden.
admin-members-shared-domain = Mae eu cyfeiriad mewn parth y mae'r cynghorau hyn yn ei rannu.
admin-members-confirm-council = Cadarnhau'r cyngor
admin-members-move = Symud
admin-members-change-role = Newid rôl
admin-members-reinstate = Adfer
admin-members-suspend = Atal
admin-members-erase-summary = Dileu'r cyfrif hwn (ar gais yr aelod)
admin-members-erase-text = Caiff eu cyfeiriad e-bost, eu henw, eu manylion mewngofnodi a'u tocynnau eu dileu; bydd eu hastudiaethau achos yn aros gyda'u cyngor. Ni ellir dadwneud hyn.
admin-members-erase = Dileu'r cyfrif

## Y dacsonomeg a chyfystyron (admin_taxonomy.html)
admin-taxonomy-title = Tacsonomeg a chyfystyron
admin-taxonomy-lead = Mae newidiadau'n ymddangos ar unwaith ar bob tudalen ac ym mhob hidlydd, ar bob gweinydd. Ni chynigir term sydd wedi'i dynnu'n ôl ar gyfer astudiaethau achos newydd mwyach; mae'r rhai sydd ag ef eisoes yn ei gadw.
admin-taxonomy-key = Allwedd
admin-taxonomy-label = Label
# Pennawd y golofn, a'r botwm (ac allwedd y term ar ei ôl ar gyfer darllenwyr sgrin).
admin-taxonomy-retire = Tynnu'n ôl
admin-taxonomy-retired = Wedi'i dynnu'n ôl
admin-taxonomy-label-of = Label { $key }
admin-taxonomy-change = Newid
admin-taxonomy-add-term = Ychwanegu term
admin-taxonomy-key-hint = Geiriau mewn llythrennau bach wedi'u cysylltu â chysylltnodau, fel street-lighting. Nid yw byth yn newid.
admin-taxonomy-add = Ychwanegu
admin-taxonomy-merge-heading = Cyfuno dau derm
# Label y rhestr gyntaf, a'r botwm.
admin-taxonomy-merge = Cyfuno
# Label yr ail restr: "Cyfuno … i mewn i …".
admin-taxonomy-into = i mewn i
admin-taxonomy-synonyms-heading = Cyfystyron chwilio
admin-taxonomy-synonyms-intro = Geiriau neu ymadroddion sy'n golygu'r un peth wrth chwilio. Mae sillafiadau Prydeinig ac Americanaidd wedi'u cynnwys eisoes.
admin-taxonomy-no-synonyms = Does dim cyfystyron wedi'u hychwanegu eto.
admin-taxonomy-remove = Tynnu
admin-taxonomy-add-group = Ychwanegu grŵp
admin-taxonomy-add-group-hint = Dau neu ragor o eiriau neu ymadroddion, wedi'u gwahanu gan atalnodau: bin sbwriel, bin gwastraff
admin-taxonomy-add-synonyms = Ychwanegu cyfystyron

## Y blwch post datblygu (dev_mail.html, dev_mail_message.html)
admin-dev-mail-title = Blwch post datblygu
admin-dev-mail-lead = Does dim gweinydd SMTP wedi'i ffurfweddu: dyma'r negeseuon e-bost y byddai Casebook wedi'u hanfon, y diweddaraf yn gyntaf.
admin-dev-mail-none = Dim e-bost eto.
admin-dev-mail-all = Pob e-bost
admin-taxonomy-label-cy = Label Cymraeg
admin-taxonomy-label-cy-of = Label Cymraeg { $key }
