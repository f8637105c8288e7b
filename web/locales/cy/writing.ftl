# writing: ffurflen yr astudiaeth achos, "Ein hastudiaethau achos", crynodeb y
# gwallau, a thudalennau'r aelod ei hun (cyfrif, hysbysiadau, gosodiadau, adroddiadau).

## Cyffredin

# Cyn teitl tudalen pan fo gwallau yn ei ffurflen ("Gwall: Ysgrifennu astudiaeth achos").
writing-error-prefix = Gwall:
writing-error-summary-title = Mae problem wedi codi
writing-save = Cadw

## Ffurflen yr astudiaeth achos (ysgrifennu a golygu)

writing-form-published-notice = Mae'r astudiaeth achos hon wedi'i chyhoeddi. Mae eich golygiad yn aros am gymedrolwr; bydd darllenwyr yn gweld y fersiwn a gyhoeddwyd nes iddo gael ei gymeradwyo.
writing-form-title = Teitl
writing-form-title-hint = Rhwng 5 a 200 nod.
writing-form-summary = Crynodeb
writing-form-summary-hint = Rhwng 20 a 1,000 nod, testun plaen: yr hyn y rhoesoch gynnig arno a'r hyn a ddigwyddodd.
writing-form-outcome = Canlyniad
writing-form-body = Beth ddigwyddodd
writing-form-body-hint = Markdown, hyd at 100,000 nod.
writing-form-lessons = Gwersi
writing-form-lessons-hint = Un ar bob llinell, hyd at 20: yr hyn y dylai eraill ei efelychu neu ei osgoi.
writing-form-service-areas = Meysydd gwasanaeth (1 i 5)
writing-form-technologies = Technolegau (hyd at 10)
writing-form-tags = Tagiau
writing-form-tags-hint = Wedi'u gwahanu â chomas, hyd at 20.
writing-form-cost = Cost
writing-form-started-on = Dyddiad dechrau
writing-form-started-on-hint = Er enghraifft, 2023-04-01.
writing-form-ended-on = Dyddiad gorffen (os yw wedi dod i ben)
writing-form-evidence-heading = Tystiolaeth a chostau
writing-form-evidence-strength = Cryfder y dystiolaeth
writing-form-evidence-not-stated = Heb ei nodi
writing-form-evaluation-url = Dolen i'r gwerthusiad
writing-form-evaluation-url-hint = Dewisol: y gwerthusiad a gyhoeddwyd, yn enwedig un annibynnol.
writing-form-planned-cost = Cost a gynlluniwyd (£)
writing-form-planned-cost-hint = Punnoedd cyfan, y ddau'n ddewisol. Daw'r band cost o'r gost wirioneddol, neu fel arall o'r gost a gynlluniwyd.
writing-form-actual-cost = Cost wirioneddol (£)
writing-form-planned-end-on = Dyddiad gorffen a gynlluniwyd
writing-form-do-differently = Beth fyddech chi'n ei wneud yn wahanol
writing-form-do-differently-hint = Un ar bob llinell, hyd at 20.
writing-form-partners = Partneriaid a chyflenwyr
writing-form-partners-hint = Un ar bob llinell.
writing-form-collaborators = Cynghorau eraill a gymerodd ran
# Enw cyngor fel y mae'r gofrestr yn ei sillafu yw'r enghraifft (oddi yno y daw'r awgrymiadau).
writing-form-collaborators-hint = Dechreuwch deipio enw cyngor, un cyngor ym mhob blwch, er enghraifft London Borough of Hackney. Cadwch y ffurflen i gael rhagor o flychau.
# Label blwch pob cyngor sy'n cydweithio: "Cyngor 1", "Cyngor 2", …
writing-form-council-number = Cyngor { $number }
writing-form-links = Dolenni
writing-form-links-hint = Un ar bob llinell, fel hyn: teitl | https://cyfeiriad
writing-form-contact-email = E-bost cyswllt (dim ond aelodau sydd wedi mewngofnodi fydd yn ei weld)
writing-form-visibility = Pwy all ei darllen
writing-form-visibility-public = Unrhyw un
writing-form-visibility-members = Aelodau sydd wedi mewngofnodi yn unig
writing-form-anonymous = Cyhoeddi heb enwi ein cyngor (bydd darllenwyr yn gweld, er enghraifft, “Un o fwrdeistrefi Llundain”)

## Ein hastudiaethau achos

writing-ours-title = Ein hastudiaethau achos
writing-ours-heading = Astudiaethau achos ein cyngor
writing-ours-write = Ysgrifennu astudiaeth achos
writing-ours-filter-label = Hidlo yn ôl statws
writing-ours-none = Dim astudiaethau achos eto.
# $status: y tab statws a ddewiswyd, e.e. "Drafft".
writing-ours-none-with-status = Dim astudiaethau achos â'r statws “{ $status }” eto.
writing-ours-col-title = Teitl
writing-ours-col-status = Statws
writing-ours-col-outcome = Canlyniad
writing-ours-col-updated = Diweddarwyd

## Eich cyfrif

writing-account-title = Eich cyfrif
writing-account-email-heading = E-bost gan Casebook
writing-account-download-heading = Lawrlwytho eich data
writing-account-download-text = Popeth sydd gan Casebook amdanoch chi: eich cyfrif, sut rydych yn mewngofnodi, eich sesiynau a'ch tocynnau API (byth y tocynnau eu hunain), yr astudiaethau achos a ysgrifennoch neu a olygoch, yr hyn a wnaethoch ynddynt, a'ch adroddiadau.
writing-account-download-button = Lawrlwytho fy nata (JSON)
writing-account-delete-heading = Dileu eich cyfrif
writing-account-delete-text = Caiff eich e-bost, eich enw, eich manylion mewngofnodi a'ch tocynnau API eu dileu, a chewch eich allgofnodi. Bydd yr astudiaethau achos a ysgrifennoch yn aros gyda'ch cyngor; bydd eu hanes yn dweud “cyn-aelod”. Ni ellir dadwneud hyn.
writing-account-confirm-email = Teipiwch eich cyfeiriad e-bost i gadarnhau
writing-account-delete-button = Dileu fy nghyfrif

## Eich chwiliadau a gadwyd a'r hyn rydych yn ei ddilyn

writing-alerts-title = Eich chwiliadau a gadwyd a'r hyn rydych yn ei ddilyn
writing-alerts-lead = Mae Casebook yn anfon e-bost atoch pan fydd astudiaeth achos y maen nhw'n dod o hyd iddi yn cael ei chyhoeddi, neu'n cael dilyniant. Mae gan bob hysbysiad ddolen i ddad-danysgrifio ag un clic.
writing-alerts-searches = Chwiliadau a gadwyd
# “Cadw'r chwiliad hwn” yw botwm y dudalen chwilio.
writing-alerts-searches-none = Dim eto: chwiliwch, yna dewiswch “Cadw'r chwiliad hwn”.
writing-alerts-col-name = Enw
writing-alerts-col-words = Geiriau
writing-alerts-col-frequency = Pa mor aml
writing-alerts-delete = Dileu
writing-alerts-follows = Yr hyn rydych yn ei ddilyn
writing-alerts-follows-none = Dim eto: dilynwch gyngor o'i dudalen.
writing-alerts-col-following = Yn dilyn
writing-alerts-unfollow = Peidio â dilyn

## Gosodiadau hysbysiadau

writing-notifications-title = Gosodiadau hysbysiadau
writing-notifications-kinds = Anfon e-bost ataf am
writing-notifications-how = Sut
writing-notifications-each = Un e-bost ar gyfer pob un
writing-notifications-digest = Crynodeb dyddiol

## Eich adroddiadau

writing-reports-title = Eich adroddiadau
writing-reports-lead = Yr astudiaethau achos y rhoesoch wybod amdanynt, a'r hyn a benderfynodd y cymedrolwyr. Ni chaiff y cynghorau a'u hysgrifennodd byth wybod pwy roddodd wybod amdanynt.
writing-reports-none = Nid ydych wedi rhoi gwybod am unrhyw beth.
writing-reports-caption = Y diweddaraf yn gyntaf
writing-reports-col-case-study = Astudiaeth achos
writing-reports-col-reason = Eich rheswm
writing-reports-col-outcome = Canlyniad
writing-reports-col-reported = Rhoddwyd gwybod

writing-form-language = Yr iaith y mae wedi'i hysgrifennu ynddi
writing-form-language-hint = Mae astudiaeth achos Gymraeg wedi'i hysgrifennu yn Gymraeg drwyddi draw. Mae gan un ddwyieithog ei theitl a'i chrynodeb yn y ddwy iaith.
writing-form-title-cy = Teitl Cymraeg
writing-form-title-cy-hint = Ei angen ar gyfer astudiaeth achos ddwyieithog: y teitl yn Gymraeg.
writing-form-summary-cy = Crynodeb Cymraeg
writing-form-summary-cy-hint = Ei angen ar gyfer astudiaeth achos ddwyieithog: y crynodeb yn Gymraeg.
