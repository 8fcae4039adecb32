# Ndërfaqja e përdoruesit e Sponës, shqip (standarde, siç përdoret në Kosovë dhe Shqipëri).

## Faqosja
skip-to-content = Kalo te përmbajtja
nav-main = Menyja kryesore
nav-language = Gjuha
nav-directory = Katalogu
nav-networks = Rrjetet
nav-people = Njerëzit
nav-admin = Administrimi
nav-account = Llogaria
nav-signin = Hyr
nav-signout = Dil
nav-accessibility = Qasshmëria
footer-tagline = Spona lidh organizatat e shoqërisë civile përtej kufijve.
back-home = Kthehu te faqja kryesore
pager = Faqet
pager-prev = Faqja e mëparshme
pager-next = Faqja tjetër
form-has-errors = Ju lutemi korrigjoni sa vijon:
form-save = Ruaj

## Faqja kryesore dhe rreth platformës

quick-exit = Largohu shpejt nga kjo faqe
quick-exit-hint = Butoni më sipër hap një faqe interneti neutrale dhe e fshin këtë faqe nga memoria e shfletuesit. Në një telefon të përbashkët përdorni një dritare private.

## Numrat
org-count = { $count ->
    [one] { $count } organizatë
   *[other] { $count } organizata
}

## Katalogu
directory-search-label = Kërkoni sipas emrit, qytetit ose përshkrimit
directory-apply = Zbato filtrat
field-country = Shteti
field-email = Adresa e email-it
field-theme = Fushat tematike
field-offers = Njohuritë që ofron
field-needs = Njohuritë që kërkon
field-language = Gjuhët e punës
field-organisation = Organizata
org-new-title = Organizatë e re

## Rrjetet

## Njerëzit
role-admin = Administrator/e i organizatës
role-member = Anëtar/e
platform-role-admin = Administrator/e i platformës
platform-role-user = Përdorues/e

## Hyrja dhe llogaria

## Regjistri i veprimtarisë

## Posta
mail-review-subject = Burimet e { $org } duhet të rishikohen
mail-review-body = { $count ->
    [one] Një burimi të { $org } në Spona i ka kaluar data e rishikimit.
   *[other] { $count } burimeve të { $org } në Spona u ka kaluar data e rishikimit.
} Ju lutemi kontrolloni nëse ajo që thonë është ende e saktë, pastaj përditësojini ose caktoni një datë të re rishikimi: { $link }

## Gabimet
error-title-400 = Kërkesa nuk mund të përdorej
error-title-401 = Ju lutemi hyni
error-title-403 = Nuk lejohet
error-title-404 = Faqja nuk u gjet
error-title-405 = Nuk është në dispozicion
error-title-409 = Tashmë është i zënë
error-title-413 = Shumë i madh
error-title-422 = Ju lutemi kontrolloni formularin
error-title-429 = Shumë përpjekje
error-title-500 = Diçka shkoi keq
error-title-415 = Lloji i skedarit nuk pranohet
error-title-503 = Nuk është në dispozicion tani
error-title-507 = Nuk ka hapësirë për ta ruajtur
err-not-found = Këtu nuk ka asgjë. Adresa mund të jetë shtypur gabim, ose faqja është hequr.
err-forbidden = Llogaria juaj nuk mund ta bëjë këtë. Nëse mendoni se duhet të mundet, pyesni administratorin e organizatës suaj.
err-sign-in-required = Ju lutemi hyni për të vazhduar.
err-csrf = Formularit i kishte skaduar afati ose vinte nga një faqe tjetër, prandaj nuk u ndryshua asgjë. Kthehuni, ringarkoni faqen dhe dërgojeni përsëri.
err-bad-form = Formulari ishte i paplotë ose i keqformuar. Nuk u ndryshua asgjë; ju lutemi provoni përsëri.
err-conflict = Kjo vlerë është tashmë në përdorim. Nuk u ndryshua asgjë.
err-duplicate-post = Ky formular është dërguar tashmë dhe ende po përpunohet. Ringarkoni faqen pas pak për të parë rezultatin.
err-too-large = Ajo që dërguat është më e madhe se sa lejohet. Nuk u ndryshua asgjë.
err-too-many = Shumë përpjekje në një kohë të shkurtër. Prisni një minutë, pastaj provoni përsëri.
err-internal = Diçka shkoi keq nga ana jonë. Asgjë nga ajo që dërguat nuk humbi; ju lutemi provoni përsëri pas pak.
err-email = Shkruani një adresë të vlefshme email-i, si emri@example.org.
err-name-length = Shkruani një emër prej 2 deri në 200 shenjash.
err-too-long = Ky tekst është shumë i gjatë.
err-website = Shkruani një adresë interneti që fillon me https:// ose http://.
err-phone = Shkruani një numër telefoni vetëm me shifra, hapësira dhe + - ( ) / .
err-slug = Përdorni vetëm shkronja të vogla, shifra dhe viza ndarëse.
err-unknown-country = Zgjidhni një shtet nga lista.
err-unknown-term = Zgjidhni vetëm vlera nga lista.
err-unknown-choice = Zgjidhni një nga mundësitë e ofruara.
err-unknown-language = Zgjidhni një gjuhë nga lista.
err-duplicate-language = Çdo gjuhë mund të shfaqet vetëm një herë.
err-page = Ky numër faqeje është jashtë kufijve.
err-password-short = Fjalëkalimi duhet të ketë të paktën 12 shenja.
err-password-long = Fjalëkalimi mund të ketë më së shumti 256 shenja.
err-password-common = Ky fjalëkalim është në një listë fjalëkalimesh të përdorura shpesh. Zgjidhni një tjetër.
err-password-email = Fjalëkalimi nuk duhet të përmbajë adresën tuaj të email-it.
err-unknown-org = Zgjidhni një organizatë nga lista.
err-image-type = Mund të ngarkohen vetëm imazhe PNG dhe JPEG.
err-image-size = Imazhi është më i madh se 1 MB. Zvogëlojeni dhe provoni përsëri.
err-image-dimensions = Imazhi është shumë i madh: më së shumti 4096 × 4096 piksela.
err-method = Kjo adresë nuk e pranon këtë lloj kërkese.

## Ndërlidhja
nav-matching = Ndërlidhja
programme-peer-exchange = Shkëmbim mes kolegësh
programme-buddy = Çifte mbështetjeje në kriza
err-title-length = Shkruani një titull prej 3 deri në 200 shenjash.
err-side-empty = Zgjidhni të paktën një shtet.
err-side-overlap = Një shtet nuk mund të jetë në të dyja anët.
err-date = Shkruani datën në formatin VVVV-MM-DD.
err-deadline-past = Afati duhet të jetë në të ardhmen.
err-offer-or-need = Zgjidhni të paktën një gjë që ofroni ose që ju nevojitet.
err-language-required = Zgjidhni të paktën një gjuhë pune.
err-capacity = Shkruani një numër partnerësh nga 1 deri në 5.
answer-pending = në pritje
answer-accepted = pranuar
answer-declined = refuzuar
err-date-future = Data nuk mund të jetë në të ardhmen.
err-date-before-start = Data nuk mund të jetë para fillimit të çiftit.
err-note-required = Shkruani një shënim të shkurtër.
programme-mentorship = Mentorim (nga person te person)
mentorship-taking-part-mentor = Në këtë raund merrni pjesë si mentor/e. Personat e propozuar për mentorim do t'i shihni këtu sapo koordinatorët t'i publikojnë.
mentorship-taking-part-mentee = Në këtë raund merrni pjesë si person që mentorohet. Mentorin/en e propozuar do ta shihni këtu sapo koordinatorët ta publikojnë.
err-mentee-capacity = Personi që mentorohet ka një mentor: shkruani 1.
err-experience-required = Përshkruani përvojën tuaj me pak fjalë.
err-goals-required = Përshkruani qëllimet tuaja me pak fjalë.

## Qendra e burimeve
nav-resources = Burimet
hub-visibility-public = Të gjithë
hub-visibility-members = Anëtarët e identifikuar
hub-visibility-networks = Anëtarët e këtyre rrjeteve
hub-date = Data
err-networks-required = Zgjidhni të paktën një rrjet, ose lejoni të gjithë anëtarët ta lexojnë.
err-summary-length = Përmbledhja mund të ketë më së shumti 1.000 shenja.
err-body-length = Teksti është shumë i gjatë: më së shumti 200.000 shenja.
err-note-length = Shënimi mund të ketë më së shumti 300 shenja.
err-change-note-required = Thoni shkurt çfarë ndryshoi.
err-attachment-type = Ky lloj skedari nuk mund të bashkëngjitet. Përdorni PDF, DOCX, ODT, XLSX, ODS, PNG, JPEG ose WebP.
err-attachment-content = Përmbajtja e skedarit nuk përputhet me emrin e tij (për shembull, një .pdf që nuk është PDF). Nuk u ruajt asgjë.
err-attachment-missing = Zgjidhni një skedar për ta ngarkuar.
err-storage-full = Serveri nuk ka më hapësirë për ta ruajtur këtë. Nuk humbi asgjë; ju lutemi njoftoni administratorët e platformës.
err-files-unavailable = Hapësira e skedarëve nuk mund të arrihet tani. Nuk u ruajt asgjë; ju lutemi provoni përsëri pas disa minutash.

## Kasaforta e provave dhe dëshmive
nav-vault = Kasaforta
vault-role-lead = Drejtues/e
vault-role-documenter = Dokumentues/e
vault-role-reviewer = Rishikues/e
vault-kind-file = Skedar
vault-gender-chosen = Po, personi zgjodhi
vault-gender-not-chosen = Jo
vault-gender-not-asked = Personi nuk u pyet
err-required = Kjo fushë është e detyrueshme.
err-vault-closed = Kasaforta është e mbyllur: çelësi i saj mungon ose nuk përputhet. Nuk ka humbur asgjë. Administratorët e platformës janë njoftuar për arsyen; pjesa tjetër e Sponës punon si zakonisht.
err-consent-withdrawn = Pëlqimi i personit është tërhequr ose nuk e mbulon ruajtjen e këtij elementi, prandaj ai nuk mund të lexohet, shkarkohet ose ndahet. Përpjekja u regjistrua në zinxhirin e ruajtjes.
err-consent-share = Personi nuk ka dhënë pëlqim për ndarjen me këtë organizatë. Përpjekja u regjistrua në zinxhirin e ruajtjes.
err-consent-prosecution = Personi nuk ka dhënë pëlqim për përdorim nga prokuroria, prandaj ky element nuk mund të eksportohet. Përpjekja u regjistrua në zinxhirin e ruajtjes.
err-consent-publication = Personi nuk ka dhënë pëlqim për publikim.

## ---- first-day fixes (issue 13) ----
nav-my-org = Organizata ime
nav-my-orgs = Organizatat e mia
notice-proposals-published = Propozimet e raundit “{ $subject }” janë publikuar: ju lutemi përgjigjuni.
notice-partner-accepted = { $subject } pranoi propozimin për të punuar me ju.
notice-check-in = { $subject } shkroi një përditësim për çiftin tuaj.
notice-break-glass = Një administrator i platformës përdori qasjen emergjente në një nga rastet tuaja në kasafortë. Arsyeja është në zinxhirin e ruajtjes së rastit.
notice-mail-subject = Spona: { $text }

filters-more = Filtrat

form-choose = Zgjidhni…

## ---- directory search (issue 13) ----

## ---- security (issue 14) ----
err-server-busy = Spona është e zënë tani. Ju lutemi provoni përsëri pas disa sekondash.
err-name-bidi = Emri përmban shenja të padukshme që ndryshojnë rendin e asaj që shfaqet (kontrolle dydrejtimore si U+202E). Hiqini ato dhe provoni përsëri.

## ---- vault (issue 14) ----
vault-readable-action-create = Regjistruar
vault-readable-action-view = Shikuar
vault-readable-action-download = Shkarkuar
vault-readable-action-consent = Pëlqimi u regjistrua
vault-readable-action-share = Ndarë
vault-readable-action-export = Eksportuar
vault-readable-action-grant = Qasja u dha
vault-readable-action-revoke = Qasja u hoq
vault-readable-action-blocked = Refuzuar (nuk mbulohet nga pëlqimi)
vault-readable-action-verify = Verifikuar

## ---- faults (issue 15) ----
err-database-unavailable = Baza e të dhënave është e zënë ose nuk mund të pranojë ndryshime tani. Nuk u ruajt asgjë; ju lutemi provoni përsëri pas pak.
err-search-rebuilding = Kërkimi po rindërtohet pas një defekti dhe do të jetë sërish në dispozicion pas disa minutash. Nuk ka humbur asgjë: çdo burim është i sigurt dhe mund të hapet nga adresa e tij.

## ---- end ----

## ---- lane guard ----
err-quota-case = Ky rast nuk ka më hapësirë për këtë skedar: janë përdorur { $used } nga { $allowed } që mund të mbajë. Nuk u ruajt asgjë. Ju lutemi kërkoni më shumë hapësirë nga administratorët e platformës.
err-quota-vault-org = Kasaforta e organizatës suaj nuk ka më hapësirë për këtë skedar: janë përdorur { $used } nga { $allowed } që mund të mbajë. Nuk u ruajt asgjë. Ju lutemi kërkoni më shumë hapësirë nga administratorët e platformës.
err-quota-hub-org = Burimet e kësaj organizate nuk kanë më hapësirë për këtë skedar: janë përdorur { $used } nga { $allowed } që mund të mbajnë. Nuk u ruajt asgjë. Ju lutemi kërkoni më shumë hapësirë nga administratorët e platformës.
active-content-mark = Kujdes: ky PDF përmban veprime që ekzekutohen kur hapet.
active-content-title = Ky PDF ekzekuton veprime kur hapet
active-content-found = Ky PDF përmban veprime që ekzekutohen kur hapet:
active-content-unchecked = Skedari është shumë i madh ose shumë i ndërlikuar për t'u kontrolluar plotësisht: trajtojeni sikur të përmbante veprime të tilla.
active-content-advice-viewer = Hapeni në një lexues me JavaScript të çaktivizuar (ose në lexuesin e integruar të një shfletuesi), në një kompjuter që nuk mban asgjë të ndjeshme.
active-content-advice-scan = Ose ruajeni dhe skanojeni me program antivirus para se ta hapni.
active-content-download = Shkarko gjithsesi
active-content-back = Kthehu
## ---- lane seal ----
## ---- lane ux ----
## lane mail
mail-list-notices = Njoftimet e Sponës
mail-list-footer = Për të mos marrë më postë nga “{ $list }”: { $link }
