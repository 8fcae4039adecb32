## Services catalogue

## HSDS API errors
err-hsds-page = Broj stranice mora biti cijeli broj od 1 do 1000000.
err-hsds-per-page = Broj rezultata po stranici mora biti cijeli broj od 1 do 100.
err-hsds-modified-after = Datum mora biti datum ili datum i vrijeme po RFC 3339, na primjer 2026-01-31 ili 2026-01-31T10:00:00Z.
err-hsds-not-found = Nema objavljene usluge, organizacije, lokacije ili taksonomije s ovim identifikatorom.

## Service form errors
err-service-hours-day = Izaberite dan u sedmici za svako radno vrijeme.
err-service-hours-time = Upišite vrijeme kao sate i minute, na primjer 09:00 ili 17:30.
err-service-hours-order = Radno vrijeme mora završiti nakon početka.
err-service-hours-overlap = Dva radna vremena istog dana se preklapaju.
err-service-text-twice = Svaki jezik može imati jedan naziv i opis.
err-service-name-length = Dajte usluzi naziv (najviše 200 znakova).
err-service-description-length = Opis može imati najviše 8000 znakova.
err-service-location = Upišite grad za svaku lokaciju; nazivi i adrese mogu imati najviše 200 znakova.
err-service-area-country = Svaku općinu počnite oznakom države, na primjer „XK: Mitrovica“.
err-service-phone = Broj telefona može sadržati samo brojke, razmake i + - ( ) /.
err-service-url = Web-adresa mora počinjati s https:// ili http://.
err-service-cost = Cijena može imati najviše 1000 znakova.
err-service-places = Broj mjesta mora biti cijeli broj od 0 do 100000.
err-service-free-over-total = Slobodnih mjesta ne može biti više nego ukupno mjesta.

## Service kinds
skind-reporting = Prijavljivanje
skind-legal-status = Pravni status
skind-safe-accommodation = Siguran smještaj
skind-medical-care = Medicinska pomoć
skind-psychosocial-support = Psihosocijalna podrška
skind-legal-counselling = Pravno savjetovanje
skind-vocational-training = Stručna obuka
skind-family-mediation = Porodično posredovanje
skind-reintegration = Reintegracija
skind-hotline = SOS telefon
skind-shelter = Sklonište
skind-interpretation = Prevođenje
skind-outreach = Terenski rad
skind-other = Drugo

## Fields a referral may carry
rfield-first-name = Ime ili pseudonim
rfield-age-band = Dobna grupa
rfield-gender = Rod
rfield-language = Jezik
rfield-nationality = Državljanstvo ili status
rfield-urgency = Hitnost
rfield-needs = Potrebe
rfield-contact-channel = Način kontakta

## Age bands
ageband-0-11 = 0–11
ageband-12-17 = 12–17
ageband-18-24 = 18–24
ageband-25-39 = 25–39
ageband-40-59 = 40–59
ageband-60-plus = 60 i više

## Eligibility
sgender-female = Žene i djevojčice
sgender-male = Muškarci i dječaci
sgender-non-binary = Nebinarne osobe
nstatus-citizen = Državljani
nstatus-foreign-national = Strani državljani
nstatus-asylum-seeker = Tražioci azila
nstatus-refugee = Izbjeglice
nstatus-stateless = Osobe bez državljanstva
nstatus-displaced = Raseljene osobe
saccess-referral = Samo uz upućivanje
saccess-walk-in = Bez upućivanja, može se doći direktno
saccess-both = Direktno ili uz upućivanje

## Catalogue pages
nav-services = Usluge
svc-title = Usluge
svc-intro = Sigurne kuće, pravna pomoć, psihosocijalna podrška, SOS linije i drugo što organizacije na Sponi nude.
svc-filters = Pretraga usluga
svc-search-label = Traži po nazivu, organizaciji ili gradu
svc-kind = Vrsta usluge
svc-language = Jezik na kojem se pruža
svc-available-only = Samo usluge sa slobodnim mjestima
svc-search = Traži
svc-found = { $count ->
    [one] Nađena je { $count } usluga.
    [few] Nađene su { $count } usluge.
   *[other] Nađeno je { $count } usluga.
}
svc-none = Nijedna objavljena usluga ne odgovara. Pokušajte s manje riječi ili filtera.
svc-pages = Stranice
svc-prev = Prethodna stranica
svc-next = Sljedeća stranica
svc-places-free = { $free ->
    [one] { $free } slobodno mjesto
    [few] { $free } slobodna mjesta
   *[other] { $free } slobodnih mjesta
} od { $total }
svc-places-total = { $count ->
    [one] { $count } mjesto
    [few] { $count } mjesta
   *[other] { $count } mjesta
}
svc-places-as-of = stanje od { $date }
svc-back = Sve usluge
svc-status-draft = Nacrt, nije javno
svc-status-published = Objavljeno
svc-status-closed = Zatvoreno, nije javno
svc-refer = Uputite osobu na ovu uslugu
svc-access = Kako do usluge
svc-genders = Za
svc-ages = Dob
svc-statuses = Državljanstvo ili status
svc-languages = Jezici
svc-area = Područje
svc-cost = Cijena
svc-free-of-charge = Besplatno
svc-cost-ask = Pitajte organizaciju
svc-places = Mjesta
svc-hours = Radno vrijeme
svc-locations = Gdje
svc-contact = Kontakt
svc-phone = Telefon
svc-email = E-pošta
svc-manage = Upravljanje uslugom
svc-publish = Objavi
svc-close = Zatvori uslugu
svc-places-update = Trenutno slobodnih mjesta
svc-places-save = Sačuvaj slobodna mjesta
weekday-MO = ponedjeljak
weekday-TU = utorak
weekday-WE = srijeda
weekday-TH = četvrtak
weekday-FR = petak
weekday-SA = subota
weekday-SU = nedjelja

## Service form (new and edit)
svc-new = Nova usluga
svc-edit = Uredi ovu uslugu
svc-edit-heading = Uređivanje: „{ $name }“
svc-form-back = Nazad na uslugu
svc-form-org = Organizacija koja je pruža
svc-form-texts = Naziv, opis i ko može doći
svc-form-texts-hint = Napišite ih barem na jednom jeziku. Ako ih želite napisati i na drugom jeziku, dodajte jezik.
svc-form-text-lang = Jezik ovog teksta
svc-form-name = Naziv
svc-form-description = Opis
svc-form-eligibility = Ko može doći, opisno
svc-form-add-text = Dodaj jezik
svc-form-anyone-hint = Ništa ne označavajte ako svako može doći.
svc-form-loc-name = Naziv mjesta
svc-form-loc-address = Adresa
svc-form-loc-city = Grad
svc-form-loc-country = Država
svc-form-add-location = Dodaj lokaciju
svc-form-municipalities = Općine u kojima se pruža, jedna po redu
svc-form-municipalities-hint = Svaku počnite oznakom države, na primjer „XK: Mitrovica“. Označite državu iznad kako biste pokrili cijelu državu.
svc-form-hours-hint = Vrijeme u satima i minutima, na primjer 09:00 i 17:30; 24:00 je ponoć na kraju dana. Red koji vam ne treba ostavite prazan.
svc-form-day = Dan
svc-form-opens = Otvara se u
svc-form-closes = Zatvara se u
svc-form-add-hours = Dodaj radno vrijeme
svc-form-url = Web-adresa
svc-form-cost = Koliko košta ili pod kojim uvjetima
svc-form-capacity = Ukupno mjesta
svc-form-capacity-hint = Ostavite prazno ako usluga ne broji mjesta.
svc-form-referral-fields = Šta upućivanje mora navesti o osobi
svc-form-referral-fields-hint = Upućivanje na ovu uslugu nosit će ovo i ništa drugo o osobi. Tražite samo ono što vam treba.
svc-form-draft-hint = Nacrt vide samo administratori vaše organizacije. Objavite ga kako bi ušao u katalog.
svc-form-save-draft = Sačuvaj kao nacrt
svc-form-save-publish = Sačuvaj i objavi
svc-form-save = Sačuvaj
svc-eligibility-note = Ko može doći
err-service-eligibility-length = Napomena o tome ko može doći može imati najviše 2000 znakova.

## The organisation page's services
svc-org-services = Usluge
svc-org-add = Dodaj uslugu
svc-org-none = Ova organizacija još nije objavila nijednu uslugu.


