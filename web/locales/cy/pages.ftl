# Tudalennau cyhoeddus: yr hafan, chwilio, cynghorau, tudalen cyngor, data agored,
# problemau, tudalennau canlyniadau, mewngofnodi, dad-danysgrifio, a'r hysbysiad data personol.

## A rennir gan sawl tudalen

pages-search-case-studies = Chwilio astudiaethau achos
pages-search-button = Chwilio
pages-frequency-daily = bob dydd
pages-frequency-weekly = bob wythnos

## Yr hafan

pages-home-title = Dysgu o brosiectau cynghorau eraill
pages-home-description = Astudiaethau achos o'r hyn y rhoddodd cynghorau'r DU gynnig arno, yn enwedig yr hyn a fethodd: chwiliwch yn ôl geiriau, canlyniad, maes gwasanaeth a thechnoleg.
pages-home-none-yet = Dim eto.
pages-home-heading = Pwy arall sydd wedi rhoi cynnig ar hyn, a beth ddigwyddodd?
pages-home-lead = Mae cynghorau'n rhannu'r hyn y maen nhw wedi rhoi cynnig arno — llwyddiannau, llwyddiannau rhannol, methiannau a phrosiectau y rhoddwyd y gorau iddynt — fel y gall eraill ddysgu cyn gwario arian cyhoeddus.
pages-home-search-placeholder = er enghraifft, sgwrsfot ar gyfer casglu biniau
pages-home-latest-failures = Methiannau diweddaraf
pages-home-latest-successes = Llwyddiannau diweddaraf
# Dilynir gan statws yr aelod ("aelod o Gyngor Caerdydd") ac atalnod llawn.
pages-home-signed-in-as = Rydych wedi mewngofnodi fel { $email }:
# Dolen, a dilynir gan pages-home-sign-in-why.
pages-home-sign-in-link = Mewngofnodwch
pages-home-sign-in-why = gyda chyfrif eich cyngor i ddarllen yr hyn y mae aelodau'n ei rannu ac i gyhoeddi.

## Y dudalen chwilio

pages-search-title = Chwilio
pages-search-title-query = { $query } – chwilio
pages-search-feed-title = Casebook: y chwiliad hwn
pages-search-words = Geiriau
pages-search-sort-by = Trefnu yn ôl
pages-search-sort-relevance = Perthnasedd
pages-search-sort-newest = Diweddaraf
pages-search-sort-oldest = Hynaf
pages-search-filter = Hidlo
pages-search-skip-to-results = Neidio i'r canlyniadau
pages-search-ticking-updates = Mae ticio blwch yn diweddaru'r canlyniadau.
pages-search-years-legend = Blynyddoedd dechrau, o ac i
pages-search-year-from = O
pages-search-year-to = i
pages-search-apply-filters = Defnyddio'r hidlwyr
pages-search-active-filters = Hidlwyr gweithredol
# $filter: "Canlyniad: Methiant", "Dechreuwyd o: 2020".
pages-search-remove-filter = Dileu'r hidlydd: { $filter }
# Ar ôl nifer y canlyniadau (mewn ffigurau, mewn print trwm): mae'r enw'n aros yn unigol ar ôl rhif.
pages-search-results-noun =
    { $count ->
        [zero] astudiaeth achos
        [one] astudiaeth achos
        [two] astudiaeth achos
        [few] astudiaeth achos
        [many] astudiaeth achos
       *[other] astudiaeth achos
    }
pages-search-feed-link = Ffrwd y chwiliad hwn
pages-search-save-as = Cadw'r chwiliad hwn fel
pages-search-save-email-me = ac anfon e-bost ataf
pages-search-frequency-immediately = cyn gynted ag y bydd newyddion
pages-search-save-button = Cadw'r chwiliad hwn
pages-search-relaxed = Nid oedd unrhyw astudiaeth achos yn cyfateb i bob gair, felly mae'r rhain yn cyfateb i unrhyw un ohonynt.
pages-search-published = cyhoeddwyd { $date }

## Cynghorau

pages-councils-title = Cynghorau
pages-councils-lead = Pob cyngor yn y gofrestr, a faint o astudiaethau achos y mae pob un wedi'u rhannu dan ei enw.
pages-councils-find-label = Dod o hyd i gyngor
pages-councils-name = Enw'r cyngor
pages-councils-nation = Gwlad
pages-councils-all-nations = Pob gwlad
pages-councils-region = Rhanbarth
pages-councils-all-regions = Pob rhanbarth
pages-councils-kind-of-council = Math o gyngor
pages-councils-all-kinds = Pob math
pages-councils-find-button = Dod o hyd i gynghorau
pages-councils-count =
    { $count ->
        [zero] dim cynghorau
        [one] un cyngor
        [two] dau gyngor
        [few] tri chyngor
        [many] chwe chyngor
       *[other] { $count } cyngor
    }
# $nation: "Cymru", "Lloegr". Cystrawen genidol ("Cynghorau Cymru"), sy'n osgoi treiglo'r enw.
pages-councils-caption = Cynghorau { $nation }
pages-councils-column-council = Cyngor
pages-councils-column-kind = Math
pages-councils-column-case-studies = Astudiaethau achos

## Tudalen cyngor

# Cystrawen genidol ("Astudiaethau achos Cyngor Caerdydd"), sy'n osgoi treiglo'r enw ar ôl "gan".
pages-authority-description = Astudiaethau achos { $name } ar Casebook.
# Ar ôl math y cyngor. "yn rhanbarth …" rhag gorfod treiglo enw'r rhanbarth ("yng Nghymru").
pages-authority-in-region = yn rhanbarth { $region }
pages-authority-feed-link = Ffrwd astudiaethau achos y cyngor hwn
pages-authority-email-me = Anfon e-bost ataf
pages-authority-frequency-immediately = cyn gynted ag y bydd yn cyhoeddi
pages-authority-follow = Dilyn { $name }
# Dilynir gan restr y cynghorau a ddaeth yn ei le.
pages-authority-replaced-by = Mae'r cyngor hwn wedi'i ddisodli gan y canlynol:
# Rhwng dau gyngor olaf y rhestr. Coma, nid "a/ac": byddai "a" yn gofyn "ac" o flaen llafariad a threiglad llaes ("a Chyngor …"), na all y dudalen eu gwneud.
pages-authority-successors-last-separator = {", "}
pages-authority-published-count =
    { $count ->
        [zero] dim astudiaethau achos wedi'u cyhoeddi
        [one] un astudiaeth achos wedi'i chyhoeddi
        [two] dwy astudiaeth achos wedi'u cyhoeddi
        [few] tair astudiaeth achos wedi'u cyhoeddi
        [many] chwe astudiaeth achos wedi'u cyhoeddi
       *[other] { $count } astudiaeth achos wedi'u cyhoeddi
    }
# $name: y cyngor a ddisodlwyd gan hwn, a ysgrifennodd yr astudiaeth achos.
pages-authority-formerly = { $name } gynt
pages-authority-search-link = Chwilio astudiaethau achos y cyngor hwn

## Data agored

pages-open-data-title = Data agored
pages-open-data-dcat-title = Disgrifiad DCAT
# Ar ôl "28 astudiaeth achos,".
pages-open-data-last-changed = newidiwyd ddiwethaf { $date }.
pages-open-data-remade = Caiff y ffeiliau eu creu eto bob tro y caiff astudiaeth achos ei chyhoeddi, ei newid neu ei thynnu i lawr.
pages-open-data-download = Llwytho i lawr
pages-open-data-reusing = Ailddefnyddio'r data
# Dilynir gan enw'r drwydded, fel dolen. Colon rhag gorfod treiglo'r enw ("y Drwydded").
pages-open-data-reuse-licence = Gallwch gopïo, cyhoeddi, addasu ac ailddefnyddio'r data hwn, yn fasnachol neu beidio, o dan y drwydded hon:
pages-open-data-attribution = Cydnabyddwch y ffynhonnell: “Yn cynnwys gwybodaeth gan Casebook, rhwydwaith astudiaethau achos y cynghorau, a drwyddedir o dan { $licence }.”
pages-open-data-contents = Beth sydd ynddo: pob astudiaeth achos y mae ei chyngor wedi'i chyhoeddi i bawb. Nid oes byth ynddo ddim y gall aelodau sydd wedi mewngofnodi yn unig ei ddarllen. Ar gyfer astudiaeth achos a gyhoeddwyd yn ddienw, dim ond math a rhanbarth ei chyngor a roddir, byth ei enw, ei bartneriaid na'i ddolenni.
pages-open-data-link-to-it = Mae gan bob rhes neu gofnod gyfeiriad yr astudiaeth achos ar Casebook: rhowch ddolen iddo, fel bod darllenwyr yn gweld ei fersiwn ddiweddaraf a'i dilyniannau.
pages-open-data-developers = I ddatblygwyr
# Un paragraff: [csvw-before] CSVW [csvw-after] DCAT [dcat-after] [etag-before] ETag [etag-and] Last-Modified[etag-ask] If-None-Match [etag-after] [graphql-before] [graphql-link].
pages-open-data-csvw-before = Disgrifir y CSV gan ffeil metadata
pages-open-data-csvw-after = a disgrifir y set ddata gan
pages-open-data-dcat-after = yn JSON-LD.
pages-open-data-etag-before = Mae gan y ffeiliau
pages-open-data-etag-and = a
pages-open-data-etag-ask = : gofynnwch gydag
pages-open-data-etag-after = a dim ond pan fyddant wedi newid y byddwch yn eu llwytho i lawr eto.
pages-open-data-graphql-before = I chwilio, defnyddiwch yr
pages-open-data-graphql-link = API GraphQL

## Tudalen problem (gwall)

pages-problem-home-link = Ewch i'r hafan
pages-problem-or = neu
pages-problem-search-link = chwiliwch yr astudiaethau achos

## Tudalennau: "Tudalen 2 o 7"

pages-pager-previous = Tudalen flaenorol
pages-pager-page = Tudalen { $number }
pages-pager-of = o { $count }
pages-pager-next = Tudalen nesaf

## Mewngofnodi

# Dilynir gan y gorchymyn `casebook issue-token` ac atalnod llawn.
pages-sign-in-no-provider = Nid oes darparwr mewngofnodi wedi'i ffurfweddu ar y gweinydd hwn. Gall gweinyddwr ychwanegu un (gweler y README), neu roi tocyn API gyda
pages-sign-in-explanation = Mewngofnodwch gyda'r cyfrif y mae eich cyngor yn ei roi i chi. Os yw eich cyfeiriad e-bost yn perthyn i gyngor yn y gofrestr, byddwch yn ymuno â'r cyngor hwnnw ar unwaith; fel arall, bydd gweinyddwr yn cadarnhau eich cyngor yn gyntaf.
pages-sign-in-with = Mewngofnodi gyda { $provider }
pages-sign-in-dev-link = Mewngofnodi datblygu: mewngofnodi fel unrhyw e-bost a rôl
pages-dev-sign-in-title = Mewngofnodi datblygu
# O gwmpas cyfeiriad e-bost enghreifftiol.
pages-dev-sign-in-intro-before = Mewngofnodwch fel unrhyw un, heb gyfrinair. Mae e-bost ym mharth cyngor (er enghraifft
pages-dev-sign-in-intro-after = ) yn creu aelod gweithredol o'r cyngor hwnnw; mae unrhyw e-bost arall yn creu aelod sy'n aros i gael ei gadarnhau.
pages-dev-sign-in-problem = Mae yna broblem
pages-dev-sign-in-email = E-bost
pages-dev-sign-in-role = Rôl
pages-dev-sign-in-role-member = Aelod
pages-dev-sign-in-role-moderator = Cymedrolwr
pages-dev-sign-in-role-admin = Gweinyddwr

## Dad-danysgrifio

pages-unsubscribe-title = Dad-danysgrifio
# $what: "hysbysiadau ar gyfer “Sgwrsfotiau”", "negeseuon e-bost am: …".
pages-unsubscribe-question = Rhoi'r gorau i gael { $what }?
pages-unsubscribe-button = Dad-danysgrifio

## Yr hysbysiad data personol (ar astudiaeth achos ac wrth ei chymedroli)

pages-personal-data-heading = Gwiriwch am ddata personol
pages-personal-data-text = Gall y testun hwn enwi neu adnabod rhywun. Tynnwch unrhyw beth a allai adnabod preswylydd neu aelod o staff cyn iddo gael ei gyhoeddi.
