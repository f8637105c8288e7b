# Negeseuon gwall: rhai'r API (yn ôl Accept-Language y cleient) a rhai'r tudalennau.
# Neges pob cod yw `error-*`; neges rheol yw `msg-*`, wedi'i henwi ar ôl ei
# thestun Saesneg mewn kebab case (mae'r cod yn cadw'r Saesneg: `i18n::message`).

error-unauthenticated = mewngofnodwch i wneud hyn
error-not-found = heb ei ganfod
error-invalid-input = mewnbwn annilys
error-unavailable = nid oes modd cyrraedd y gronfa ddata neu mae wedi'i gorlwytho: rhowch gynnig arall arni cyn bo hir
error-timed-out = cymerodd y cais fwy na { $seconds } eiliad a chafodd ei atal: rhowch gynnig arall arni cyn bo hir
error-internal = gwall mewnol

msg-a-moderator-cannot-decide-on-what-they-wrote = ni all cymedrolwr benderfynu ar yr hyn a ysgrifennodd ei hun
msg-erase-your-own-account-with-deletemyaccount = dilëwch eich cyfrif eich hun gyda deleteMyAccount
msg-only-active-members-can-create-api-tokens = dim ond aelodau gweithredol sy'n gallu creu tocynnau API
msg-only-active-members-can-report-case-studies = dim ond aelodau gweithredol sy'n gallu rhoi gwybod am astudiaethau achos
msg-only-active-members-can-report = dim ond aelodau gweithredol sy'n gallu rhoi gwybod
msg-only-active-members-can-save-searches-and-follow = dim ond aelodau gweithredol sy'n gallu cadw chwiliadau a dilyn
msg-only-active-members-of-a-council-can-create-case-studies = dim ond aelodau gweithredol o gyngor sy'n gallu creu astudiaethau achos
msg-only-admins-can-change-synonyms = dim ond gweinyddwyr sy'n gallu newid cyfystyron
msg-only-admins-can-change-the-taxonomy = dim ond gweinyddwyr sy'n gallu newid y dacsonomeg
msg-only-admins-can-edit-the-register = dim ond gweinyddwyr sy'n gallu golygu'r gofrestr
msg-only-admins-can-erase-members-accounts = dim ond gweinyddwyr sy'n gallu dileu cyfrifon aelodau
msg-only-admins-can-manage-members = dim ond gweinyddwyr sy'n gallu rheoli aelodau
msg-only-admins-can-read-the-audit-log = dim ond gweinyddwyr sy'n gallu darllen y log archwilio
msg-only-admins-can-see-undelivered-email = dim ond gweinyddwyr sy'n gallu gweld negeseuon e-bost heb eu danfon
msg-only-members-of-a-council-can-ask = dim ond aelodau o gyngor sy'n gallu gofyn
msg-only-moderators-can-decide-on-reports = dim ond cymedrolwyr sy'n gallu penderfynu ar adroddiadau
msg-only-moderators-can-read-reports = dim ond cymedrolwyr sy'n gallu darllen adroddiadau
msg-only-moderators-can-see-the-moderation-queue = dim ond cymedrolwyr sy'n gallu gweld y ciw cymedroli
msg-this-account-was-erased = cafodd y cyfrif hwn ei ddileu
msg-you-are-the-last-admin-make-someone-else-an-admin-first = chi yw'r gweinyddwr olaf: gwnewch rywun arall yn weinyddwr yn gyntaf
msg-you-wrote-this-you-cannot-report-it = chi ysgrifennodd hwn: ni allwch roi gwybod amdano
msg-a-case-study-cannot-reuse-itself = ni all astudiaeth achos ei hailddefnyddio ei hun
msg-a-date-as-yyyy-mm-dd = dyddiad, ar ffurf YYYY-MM-DD
msg-a-follow-up-needs-some-text = mae angen rhywfaint o destun ar ddilyniant
msg-a-saved-search-needs-a-name = mae angen enw ar chwiliad wedi'i gadw
msg-a-synonym-group-needs-at-least-two-words-or-phrases = mae angen o leiaf ddau air neu ymadrodd ar grŵp cyfystyron
msg-a-tag-of-1-to-100-characters = tag o 1 i 100 nod
msg-cannot-be-before-the-project-started = ni all fod cyn i'r prosiect ddechrau
msg-cannot-be-in-the-future = ni all fod yn y dyfodol
msg-cannot-contain-a-nul-character = ni all gynnwys nod NUL
msg-choose-a-kind-of-council = dewiswch fath o gyngor
msg-choose-a-kind-of-term = dewiswch fath o derm
msg-choose-approve-request-changes-or-reject = dewiswch gymeradwyo, gofyn am newidiadau neu wrthod
msg-choose-assign-role-suspend-reinstate-or-erase = dewiswch neilltuo, rôl, atal, adfer neu ddileu
msg-choose-dismiss-or-uphold = dewiswch ddiystyru neu gadarnhau
msg-choose-one-of-your-council-s-case-studies = dewiswch un o astudiaethau achos eich cyngor
msg-choose-to-dismiss-or-uphold = dewiswch a ydych am ddiystyru neu gadarnhau
msg-choose-what-to-change = dewiswch beth i'w newid
msg-choose-why-you-are-reporting-it = dewiswch pam rydych yn rhoi gwybod amdano
msg-deciding-against-a-follow-up-needs-a-message = mae angen neges i benderfynu yn erbyn dilyniant
msg-each-value-is-a-key-of-at-most-200-characters = mae pob gwerth yn allwedd o 200 nod ar y mwyaf
msg-enter-an-email-address-like-name-camden-gov-uk = rhowch gyfeiriad e-bost, fel name@camden.gov.uk
msg-follow-a-council-a-service-area-a-technology-or-a-tag = dilynwch gyngor, maes gwasanaeth, technoleg neu dag
msg-give-an-id-or-a-slug = rhowch id neu slug
msg-is-not-a-cursor-from-this-list = nid yw'n gyrchwr o'r rhestr hon
msg-is-required = mae'n ofynnol
msg-is-required-for-a-bilingual-case-study = mae'n ofynnol ar gyfer astudiaeth achos ddwyieithog
msg-merge-a-term-into-another-one = cyfunwch derm ag un arall
msg-must-be-a-date-between-the-years-1-and-9999 = rhaid iddo fod yn ddyddiad rhwng y blynyddoedd 1 a 9999
msg-must-be-after-today = rhaid iddo fod ar ôl heddiw
msg-must-be-an-email-address = rhaid iddo fod yn gyfeiriad e-bost
msg-must-be-an-http-or-https-address = rhaid iddo fod yn gyfeiriad http neu https
msg-must-be-another-council-s-case-study = rhaid iddi fod yn astudiaeth achos gan gyngor arall
msg-must-be-between-0-and-100 = rhaid iddo fod rhwng 0 a 100
msg-must-be-between-0-and-10000 = rhaid iddo fod rhwng 0 a 10000
msg-must-be-on-or-after-the-start-date = rhaid iddo fod ar y dyddiad dechrau neu ar ei ôl
msg-must-be-within-five-years = rhaid iddo fod o fewn pum mlynedd
msg-must-contain-a-letter-or-digit = rhaid iddo gynnwys llythyren neu ddigid
msg-must-not-be-before-from = ni chaiff fod cyn `from`
msg-must-not-be-empty = ni chaiff fod yn wag
msg-must-not-contain-nul-characters = ni chaiff gynnwys nodau NUL
msg-no-council-has-this-slug = nid oes gan unrhyw gyngor y slug hwn
msg-no-such-term-in-the-taxonomy = nid oes term o'r fath yn y dacsonomeg
msg-say-why-the-note-is-required = dywedwch pam: mae'r nodyn yn ofynnol
msg-the-owning-council-cannot-also-be-a-collaborator = ni all y cyngor perchennog fod yn gydweithredwr hefyd
msg-type-the-email-address-you-sign-in-with-to-confirm = teipiwch y cyfeiriad e-bost rydych yn mewngofnodi ag ef i gadarnhau
msg-a-moderator-removed-this-answer-it-cannot-be-replaced = mae cymedrolwr wedi dileu'r ateb hwn: ni ellir rhoi un arall yn ei le
msg-another-moderator-has-just-decided-on-this = mae cymedrolwr arall newydd benderfynu ar hyn
msg-another-moderator-has-just-decided-on-this-report = mae cymedrolwr arall newydd benderfynu ar yr adroddiad hwn
msg-nothing-here-waits-for-a-decision = does dim byd yma'n aros am benderfyniad
msg-nothing-reported-here-waits-for-a-decision = does dim byd y rhoddwyd gwybod amdano yma'n aros am benderfyniad
msg-only-a-published-case-study-can-be-reused = dim ond astudiaeth achos gyhoeddedig y gellir ei hailddefnyddio
msg-only-a-published-case-study-takes-questions = dim ond astudiaeth achos gyhoeddedig sy'n derbyn cwestiynau
msg-there-is-nothing-there-to-report = does dim byd yno i roi gwybod amdano
msg-this-account-was-erased-there-is-nothing-left-to-change = cafodd y cyfrif hwn ei ddileu: does dim byd ar ôl i'w newid
msg-this-case-study-has-nothing-waiting-for-a-decision = does dim byd yn aros am benderfyniad ar yr astudiaeth achos hon
msg-this-follow-up-was-decided-meanwhile-reload-it = penderfynwyd ar y dilyniant hwn yn y cyfamser: ail-lwythwch ef

# Rheolau y mae gwerthoedd yn eu negeseuon (case_studies/content.rs).
rule-at-most-characters = rhaid iddo fod yn { $max } nod ar y mwyaf
rule-service-areas-between = dewiswch rhwng { $min } a { $max } maes gwasanaeth
rule-technologies-at-most = dewiswch { $max } technoleg ar y mwyaf
rule-not-a-date = nid yw `{ $text }` yn ddyddiad ar ffurf BBBB-MM-DD
rule-length-between = rhaid iddo fod rhwng { $min } a { $max } nod (mae ganddo { $length })
rule-at-most-items = { $max } ar y mwyaf a ganiateir
rule-unknown-key = nid yw `{ $key }` yn allwedd hysbys
rule-tags-at-most = { $max } tag ar y mwyaf a ganiateir
rule-not-a-council = nid yw `{ $slug }` yn gyngor yn y gofrestr
rule-whole-pounds = rhaid iddo fod yn nifer cyfan o bunnoedd o 0 i { $max }
rule-links-at-most = { $max } dolen ar y mwyaf a ganiateir
rule-length-from-one = rhaid iddo fod rhwng 1 a { $max } nod
rule-filter-values = { $max } gwerth ar y mwyaf ym mhob hidlydd
rule-saved-searches-at-most = mae gennych { $max } chwiliad wedi'u cadw a phethau rydych yn eu dilyn: dilëwch rai yn gyntaf
rule-token-name = rhowch enw o 1 i { $max } nod i'r tocyn
rule-label = rhowch label o 1 i { $max } nod
rule-term-key = defnyddiwch eiriau llythrennau bach wedi'u cysylltu â chysylltnodau, { $max } nod ar y mwyaf (fel `{ $example }`)
rule-no-such-term =
    nid oes { $kind ->
        [SERVICE_AREA] maes gwasanaeth
       *[TECHNOLOGY] technoleg
    } â'r allwedd `{ $key }`
rule-term-key-taken =
    mae gan { $kind ->
        [SERVICE_AREA] faes gwasanaeth
       *[TECHNOLOGY] dechnoleg
    } yr allwedd `{ $key }` eisoes
rule-domain-public = mae `{ $domain }` yn perthyn i bawb: rhowch barth y cyngor ei hun, fel camden.gov.uk
rule-domain-invalid = nid yw `{ $domain }` yn barth e-bost fel camden.gov.uk
rule-not-a-region = nid yw `{ $region }` yn slug rhanbarth
rule-domain-taken = mae `{ $domain }` yn perthyn i { $council } eisoes: rhestrwch ef fel parth a rennir gan y ddau yn lle hynny
rule-no-such-council = nid oes gan unrhyw gyngor y slug `{ $slug }`
rule-successor-replaced = mae { $council } wedi'i ddisodli ei hun

msg-this-email-belongs-to-another-account-of-this-sign-in-provider = mae'r e-bost hwn yn perthyn i gyfrif arall gyda'r darparwr mewngofnodi hwn
msg-your-council-has-been-replaced-an-admin-moves-you-to-the-council-that-replaced-it = mae eich cyngor wedi'i ddisodli: bydd gweinyddwr yn eich symud i'r cyngor a'i disodlodd
msg-your-council-wrote-this-case-study-edit-or-withdraw-it-instead-of-reporting-it = eich cyngor a ysgrifennodd yr astudiaeth achos hon: golygwch hi neu ei thynnu'n ôl yn lle rhoi gwybod amdani

# Pam na ddigwyddodd mewngofnodi (sign_in/mod.rs); $detail yw enw darparwr neu ei eiriau ei hun.
sign-in-error-unknown-provider = nid oes darparwr mewngofnodi o'r enw `{ $detail }`
sign-in-error-provider-unavailable = nid oes modd cyrraedd { $detail } ar hyn o bryd, felly nid yw'n bosibl mewngofnodi ag ef; rhowch gynnig arall arni ymhen ychydig funudau
sign-in-error-provider-refused = gwrthododd y darparwr mewngofnodi: { $detail }
sign-in-error-missing-state = nid oes `state` yn yr ymateb mewngofnodi, felly nid oes modd ei baru â mewngofnodi a ddechreuoch
sign-in-error-unknown-attempt = ni ddechreuwyd y mewngofnodi hwn yn y porwr hwn, mae wedi'i ddefnyddio eisoes, neu cymerodd fwy na deng munud; dechreuwch eto
sign-in-error-missing-code = nid oes cod awdurdodi yn yr ymateb mewngofnodi
sign-in-error-code-rejected = ni dderbyniodd y darparwr y cod mewngofnodi (efallai ei fod wedi'i ddefnyddio eisoes): { $detail }
sign-in-error-missing-id-token = ni anfonodd y darparwr docyn adnabod
sign-in-error-invalid-id-token = nid yw tocyn adnabod y darparwr yn ddilys: { $detail }
sign-in-error-user-info-failed = ni atebodd pwynt terfyn UserInfo y darparwr ar gyfer y mewngofnodi hwn: { $detail }
sign-in-error-email-not-verified = nid oes gan eich cyfrif gyfeiriad e-bost y mae'r darparwr wedi'i wirio, felly nid oes modd gwirio eich cyngor
sign-in-error-suspended = mae'r cyfrif hwn wedi'i atal; gofynnwch i un o weinyddwyr Casebook
sign-in-error-busy = mae Casebook yn brysur ar hyn o bryd; rhowch gynnig arall arni ymhen ychydig funudau
sign-in-error-internal = methodd y mewngofnodi ar ein hochr ni; rhowch gynnig arall arni
