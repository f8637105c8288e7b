# Ffrâm pob tudalen: y pennawd, y llywio, y baneri a'r troedyn; rolau a statws.

feed-site-title = Casebook: astudiaethau achos newydd
skip-to-content = Neidio i'r prif gynnwys
dev-banner-title = Mae mewngofnodi datblygu ymlaen:
dev-banner-text = gall unrhyw un fewngofnodi yma fel unrhyw un. Peidiwch byth â rhedeg gweinydd a rennir fel hyn.
dev-banner-mailbox = Nid yw e-bost yn cael ei anfon:
dev-banner-mailbox-link = mae'r blwch post datblygu yn ei ddangos.
nav-label = Prif
nav-search = Chwilio
nav-councils = Cynghorau
nav-our-case-studies = Ein hastudiaethau achos
nav-moderation = Cymedroli
nav-members = Aelodau
nav-email = E-bost
nav-taxonomy = Tacsonomeg
nav-audit = Log archwilio
nav-your-reports = Eich adroddiadau
nav-your-alerts = Eich hysbysiadau
nav-your-account = Eich cyfrif
signed-in-as = Wedi mewngofnodi fel { $email }
sign-out = Allgofnodi
sign-in = Mewngofnodi
phase-beta = Beta
phase-text = Mae hwn yn wasanaeth newydd: yr hyn a ddysgodd cynghorau, yn enwedig o'r hyn a fethodd.
footer-sitemap = Map o'r wefan
footer-open-data = Data agored
footer-api = API

role-member = aelod
role-moderator = cymedrolwr
role-admin = gweinyddwr
your-council = eich cyngor
standing-of-council = { $role } o { $council }
standing-no-council = { $role }, heb gyngor
standing-pending = { $role }, yn aros i weinyddwr gadarnhau eich cyngor
standing-suspended = wedi'i atal

results-count =
    { $count ->
        [zero] dim astudiaethau achos
        [one] un astudiaeth achos
        [two] dwy astudiaeth achos
        [few] tair astudiaeth achos
        [many] chwe astudiaeth achos
       *[other] { $count } astudiaeth achos
    }

unsubscribe-alerts-for = hysbysiadau ar gyfer “{ $name }”
unsubscribe-emails-about = e-byst am: { $kind }
question-asker-unknown = Swyddog cyngor
question-asker = Swyddog yn { $council }
feed-search = Casebook: chwilio
feed-search-for = Casebook: chwilio am “{ $text }”
feed-of = Casebook: { $name }

# Pwy weithredodd, mewn hanes: yn ôl rôl a chyngor, byth yn ôl enw.
acting-member = Aelod
acting-moderator = Cymedrolwr
acting-admin = Gweinyddwr
acting-label = { $role }, { $council }
acting-former-member = Cyn-aelod
