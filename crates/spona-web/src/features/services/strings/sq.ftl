## Katalogu i shërbimeve

## Gabimet e API-së HSDS
err-hsds-page = Numri i faqes duhet të jetë numër i plotë nga 1 deri në 1000000.
err-hsds-per-page = Numri i rezultateve për faqe duhet të jetë numër i plotë nga 1 deri në 100.
err-hsds-modified-after = Data duhet të jetë datë ose datë-orë RFC 3339, si 2026-01-31 ose 2026-01-31T10:00:00Z.
err-hsds-not-found = Nuk ka shërbim, organizatë, vendndodhje ose taksonomi të publikuar me këtë identifikues.

## Gabimet e formularit të shërbimit
err-service-hours-day = Zgjidhni një ditë të javës për çdo orar hapjeje.
err-service-hours-time = Shkruani oraret e hapjes si orë dhe minuta, si 09:00 ose 17:30.
err-service-hours-order = Një orar hapjeje duhet të mbarojë pasi fillon.
err-service-hours-overlap = Dy orare hapjeje në të njëjtën ditë mbivendosen.
err-service-text-twice = Çdo gjuhë mund të ketë një emër dhe një përshkrim.
err-service-name-length = Jepini shërbimit një emër (më së shumti 200 shenja).
err-service-description-length = Përshkrimi mund të ketë më së shumti 8000 shenja.
err-service-location = Jepni një qytet për çdo vendndodhje; emrat dhe adresat mund të kenë më së shumti 200 shenja.
err-service-area-country = Filloni çdo komunë me kodin e shtetit të saj, si “XK: Mitrovicë”.
err-service-phone = Një numër telefoni mund të përmbajë vetëm shifra, hapësira dhe + - ( ) /.
err-service-url = Adresa e internetit duhet të fillojë me https:// ose http://.
err-service-cost = Kostoja mund të ketë më së shumti 1000 shenja.
err-service-places = Vendet duhet të jenë numër i plotë nga 0 deri në 100000.
err-service-free-over-total = Nuk mund të ketë më shumë vende të lira se vende gjithsej.

## Llojet e shërbimeve
skind-reporting = Raportimi
skind-legal-status = Statusi ligjor
skind-safe-accommodation = Strehim i sigurt
skind-medical-care = Kujdes mjekësor
skind-psychosocial-support = Mbështetje psikosociale
skind-legal-counselling = Këshillim juridik
skind-vocational-training = Aftësim profesional
skind-family-mediation = Ndërmjetësim familjar
skind-reintegration = Riintegrim
skind-hotline = Linjë telefonike ndihmëse
skind-shelter = Strehimore
skind-interpretation = Përkthim gojor
skind-outreach = Punë në terren
skind-other = Tjetër

## Fushat që mund të mbajë një referim
rfield-first-name = Emri ose pseudonimi
rfield-age-band = Grupmosha
rfield-gender = Gjinia
rfield-language = Gjuha
rfield-nationality = Shtetësia ose statusi
rfield-urgency = Urgjenca
rfield-needs = Nevojat
rfield-contact-channel = Mënyra e kontaktit

## Grupmoshat
ageband-0-11 = 0–11
ageband-12-17 = 12–17
ageband-18-24 = 18–24
ageband-25-39 = 25–39
ageband-40-59 = 40–59
ageband-60-plus = 60 e lart

## Kushtet e pranimit
sgender-female = Gra dhe vajza
sgender-male = Burra dhe djem
sgender-non-binary = Persona jobinarë
nstatus-citizen = Shtetas
nstatus-foreign-national = Shtetas të huaj
nstatus-asylum-seeker = Kërkues të azilit
nstatus-refugee = Refugjatë
nstatus-stateless = Persona pa shtetësi
nstatus-displaced = Persona të zhvendosur
saccess-referral = Vetëm me referim
saccess-walk-in = Ardhje e drejtpërdrejtë, pa nevojë për referim
saccess-both = Ardhje e drejtpërdrejtë ose me referim

## Faqet e katalogut
nav-services = Shërbimet
svc-title = Shërbimet
svc-intro = Strehimore, ndihmë juridike, mbështetje psikosociale, linja telefonike ndihmëse dhe më shumë, të ofruara nga organizatat në Spona.
svc-filters = Kërkoni shërbime
svc-search-label = Kërkoni sipas emrit, organizatës ose qytetit
svc-kind = Lloji i shërbimit
svc-language = Gjuha që flitet
svc-available-only = Vetëm shërbimet me vende të lira
svc-search = Kërko
svc-found = { $count ->
    [one] U gjet një shërbim.
   *[other] U gjetën { $count } shërbime.
}
svc-none = Asnjë shërbim i publikuar nuk përputhet. Provoni me më pak fjalë ose filtra.
svc-pages = Faqet
svc-prev = Faqja e mëparshme
svc-next = Faqja tjetër
svc-places-free = { $free ->
    [one] Një vend i lirë
   *[other] { $free } vende të lira
} nga { $total }
svc-places-total = { $count ->
    [one] Një vend
   *[other] { $count } vende
}
svc-places-as-of = gjendja më { $date }
svc-back = Të gjitha shërbimet
svc-status-draft = Draft, jo publik
svc-status-published = Publikuar
svc-status-closed = Mbyllur, jo publik
svc-refer = Referoni një person te ky shërbim
svc-access = Si të merret
svc-genders = Për
svc-ages = Moshat
svc-statuses = Shtetësia ose statusi
svc-languages = Gjuhët që fliten
svc-area = Zona e mbuluar
svc-cost = Kostoja
svc-free-of-charge = Falas
svc-cost-ask = Pyesni organizatën
svc-places = Vendet
svc-hours = Orari i punës
svc-locations = Ku
svc-contact = Kontakti
svc-phone = Telefoni
svc-email = Email
svc-manage = Menaxhoni këtë shërbim
svc-publish = Publiko
svc-close = Mbyll shërbimin
svc-places-update = Vende të lira tani
svc-places-save = Ruaj vendet e lira
weekday-MO = E hënë
weekday-TU = E martë
weekday-WE = E mërkurë
weekday-TH = E enjte
weekday-FR = E premte
weekday-SA = E shtunë
weekday-SU = E diel

## Formulari i shërbimit (i ri dhe ndryshim)
svc-new = Shërbim i ri
svc-edit = Ndrysho këtë shërbim
svc-edit-heading = Ndrysho “{ $name }”
svc-form-back = Kthehu te shërbimi
svc-form-org = Organizata që e ofron
svc-form-texts = Emri, përshkrimi dhe kush mund të vijë
svc-form-texts-hint = Shkruajini të paktën në një gjuhë. Për t'i shkruar edhe në një gjuhë tjetër, shtoni një gjuhë.
svc-form-text-lang = Gjuha e këtij teksti
svc-form-name = Emri
svc-form-description = Përshkrimi
svc-form-eligibility = Kush mund të vijë, me fjalë
svc-form-add-text = Shto një gjuhë
svc-form-anyone-hint = Mos shënoni asgjë nëse mund të vijë kushdo.
svc-form-loc-name = Emri i vendit
svc-form-loc-address = Adresa
svc-form-loc-city = Qyteti
svc-form-loc-country = Shteti
svc-form-add-location = Shto një vendndodhje
svc-form-municipalities = Komunat e mbuluara, një për rresht
svc-form-municipalities-hint = Filloni secilën me kodin e shtetit, si “XK: Mitrovicë”. Shënoni një shtet më sipër për ta mbuluar të tërin.
svc-form-hours-hint = Oraret si orë dhe minuta, si 09:00 dhe 17:30; 24:00 është mesnata në fund të ditës. Lëreni një rresht bosh nëse nuk ju nevojitet.
svc-form-day = Dita
svc-form-opens = Hapet në
svc-form-closes = Mbyllet në
svc-form-add-hours = Shto një orar hapjeje
svc-form-url = Adresa e internetit
svc-form-cost = Sa kushton, ose me çfarë kushtesh
svc-form-capacity = Vende gjithsej
svc-form-capacity-hint = Lëreni bosh nëse shërbimi nuk i numëron vendet.
svc-form-referral-fields = Çfarë duhet të tregojë një referim për personin
svc-form-referral-fields-hint = Një referim te ky shërbim do të mbajë këto të dhëna dhe asgjë tjetër për personin. Kërkoni vetëm atë që ju nevojitet.
svc-form-draft-hint = Një draft e shohin vetëm administratorët e organizatës suaj. Publikojeni për ta vendosur në katalog.
svc-form-save-draft = Ruaje si draft
svc-form-save-publish = Ruaj dhe publiko
svc-form-save = Ruaj
svc-eligibility-note = Kush mund të vijë
err-service-eligibility-length = Shënimi për atë se kush mund të vijë mund të ketë më së shumti 2000 shenja.

## Shërbimet në faqen e organizatës
svc-org-services = Shërbimet
svc-org-add = Shto një shërbim
svc-org-none = Kjo organizatë nuk ka publikuar ende asnjë shërbim.
