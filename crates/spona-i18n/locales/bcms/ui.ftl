# Korisničko okruženje platforme Spona, zajednička ijekavska latinična osnova za bosanski, hrvatski i crnogorski (bcms). Razlike su u bs/hr/cnr overlay.ftl.

## Raspored stranice
skip-to-content = Idi na sadržaj
nav-main = Glavni meni
nav-language = Jezik
nav-directory = Imenik
nav-networks = Mreže
nav-people = Ljudi
nav-admin = Administracija
nav-account = Račun
nav-signin = Prijava
nav-signout = Odjava
nav-accessibility = Pristupačnost
footer-tagline = Spona povezuje organizacije civilnog društva preko granica.
back-home = Nazad na početnu stranicu
pager = Stranice
pager-prev = Prethodna stranica
pager-next = Sljedeća stranica
form-has-errors = Ispravite sljedeće:
form-save = Sačuvaj

## Početna stranica i o platformi
quick-exit = Brzo napusti ovu stranicu
quick-exit-hint = Dugme iznad otvara neutralnu web-stranicu i briše ovu stranicu iz predmemorije preglednika. Na zajedničkom telefonu koristite privatni prozor.

## Brojevi
org-count = { $count ->
    [one] { $count } organizacija
    [few] { $count } organizacije
   *[other] { $count } organizacija
}

## Imenik
directory-search-label = Pretraga po nazivu, gradu ili opisu
directory-apply = Primijeni filtere
field-country = Država
field-email = Adresa e-pošte
field-theme = Tematske oblasti
field-offers = Znanja koja nudi
field-needs = Znanja koja traži
field-language = Radni jezici
field-organisation = Organizacija
org-new-title = Nova organizacija

## Mreže

## Ljudi
role-admin = Administrator/ka organizacije
role-member = Član/ica
platform-role-admin = Administrator/ka platforme
platform-role-user = Korisnik/ica

## Prijava i nalog

## Dnevnik aktivnosti

## Pošta
mail-review-subject = Resursi organizacije { $org } čekaju pregled
mail-review-body = { $count ->
    [one] Za { $count } resurs organizacije { $org } na Sponi prošao je rok za pregled.
    [few] Za { $count } resursa organizacije { $org } na Sponi prošao je rok za pregled.
   *[other] Za { $count } resursa organizacije { $org } na Sponi prošao je rok za pregled.
} Provjerite je li njihov sadržaj još uvijek ispravan, pa ih ažurirajte ili odredite novi rok za pregled: { $link }

## Greške
error-title-400 = Zahtjev nije moguće obraditi
error-title-401 = Prijavite se
error-title-403 = Nije dozvoljeno
error-title-404 = Stranica nije pronađena
error-title-405 = Nije dostupno
error-title-409 = Već je zauzeto
error-title-413 = Preveliko
error-title-422 = Provjerite obrazac
error-title-429 = Previše pokušaja
error-title-500 = Došlo je do greške
error-title-415 = Vrsta datoteke nije prihvaćena
error-title-503 = Trenutno nije dostupno
error-title-507 = Nema mjesta za čuvanje
err-not-found = Ovdje nema ničega. Adresa je možda pogrešno upisana ili je stranica uklonjena.
err-forbidden = Vaš račun nema dozvolu za ovu radnju. Ako mislite da bi je trebao imati, obratite se administratoru ili administratorki svoje organizacije.
err-sign-in-required = Prijavite se da biste nastavili.
err-csrf = Obrazac je istekao ili je poslan s druge web-stranice, pa ništa nije promijenjeno. Vratite se, ponovo učitajte stranicu i pošaljite obrazac još jednom.
err-bad-form = Obrazac je nepotpun ili neispravan. Ništa nije promijenjeno; pokušajte ponovo.
err-conflict = Ta vrijednost se već koristi. Ništa nije promijenjeno.
err-duplicate-post = Ovaj obrazac je već poslan i još se obrađuje. Za trenutak ponovo učitajte stranicu kako biste vidjeli rezultat.
err-too-large = Ono što ste poslali veće je od dozvoljenog. Ništa nije promijenjeno.
err-too-many = Previše pokušaja u kratkom vremenu. Pričekajte minutu, pa pokušajte ponovo.
err-internal = Došlo je do greške na našoj strani. Ništa od onoga što ste poslali nije izgubljeno; pokušajte ponovo za trenutak.
err-email = Unesite ispravnu adresu e-pošte, na primjer name@example.org.
err-name-length = Unesite ime od 2 do 200 znakova.
err-too-long = Ovaj tekst je predugačak.
err-website = Unesite web-adresu koja počinje s https:// ili http://.
err-phone = Unesite broj telefona koristeći samo brojke, razmake i znakove + - ( ) / .
err-slug = Koristite samo mala latinična slova bez dijakritičkih znakova, brojke i crtice.
err-unknown-country = Izaberite državu s popisa.
err-unknown-term = Izaberite samo vrijednosti s popisa.
err-unknown-choice = Izaberite jednu od ponuđenih opcija.
err-unknown-language = Izaberite jezik s popisa.
err-duplicate-language = Svaki jezik može se navesti samo jednom.
err-page = Stranica s tim brojem ne postoji.
err-password-short = Lozinka mora imati najmanje 12 znakova.
err-password-long = Lozinka može imati najviše 256 znakova.
err-password-common = Ova lozinka je na popisu često korištenih lozinki. Izaberite drugu.
err-password-email = Lozinka ne smije sadržavati vašu adresu e-pošte.
err-unknown-org = Izaberite organizaciju s popisa.
err-image-type = Mogu se postaviti samo slike PNG i JPEG.
err-image-size = Slika je veća od 1 MB. Smanjite je i pokušajte ponovo.
err-image-dimensions = Slika je prevelika: najviše 4096 × 4096 piksela.
err-method = Ova adresa ne prihvaća takvu vrstu zahtjeva.

## Matching
nav-matching = Povezivanje
programme-peer-exchange = Razmjena među kolegama
programme-buddy = Parovi za podršku u krizi
err-title-length = Unesite naziv od 3 do 200 znakova.
err-side-empty = Izaberite barem jednu državu.
err-side-overlap = Država ne može biti na obje strane.
err-date = Unesite datum u obliku GGGG-MM-DD.
err-deadline-past = Rok mora biti u budućnosti.
err-offer-or-need = Izaberite barem nešto što nudite ili što vam treba.
err-language-required = Izaberite barem jedan radni jezik.
err-capacity = Unesite broj partnera od 1 do 5.
answer-pending = čeka se
answer-accepted = prihvaćeno
answer-declined = odbijeno
err-date-future = Datum ne može biti u budućnosti.
err-date-before-start = Datum ne može biti prije početka rada u paru.
err-note-required = Napišite kratku bilješku.
programme-mentorship = Mentorstvo (osoba s osobom)
mentorship-taking-part-mentor = U ovom krugu sudjelujete kao mentor ili mentorica. Predložene mentorirane osobe vidjet ćete ovdje kada ih koordinatori objave.
mentorship-taking-part-mentee = U ovom krugu sudjelujete kao mentorirana osoba. Predloženog mentora ili mentoricu vidjet ćete ovdje kada ih koordinatori objave.
err-mentee-capacity = Mentorirana osoba ima jednog mentora: unesite 1.
err-experience-required = Opišite svoje iskustvo u nekoliko riječi.
err-goals-required = Opišite svoje ciljeve u nekoliko riječi.

## Resource hub
nav-resources = Resursi
hub-visibility-public = Svi
hub-visibility-members = Prijavljeni članovi i članice
hub-visibility-networks = Članovi ovih mreža
hub-date = Datum
err-networks-required = Izaberite barem jednu mrežu ili dozvolite svim članovima i članicama da čitaju.
err-summary-length = Sažetak može imati najviše 1.000 znakova.
err-body-length = Tekst je predugačak: najviše 200.000 znakova.
err-note-length = Napomena može imati najviše 300 znakova.
err-change-note-required = Ukratko navedite šta je promijenjeno.
err-attachment-type = Ova vrsta datoteke ne može se priložiti. Koristite PDF, DOCX, ODT, XLSX, ODS, PNG, JPEG ili WebP.
err-attachment-content = Sadržaj datoteke ne odgovara njenom nazivu (na primjer, .pdf koji nije PDF). Ništa nije sačuvano.
err-attachment-missing = Izaberite datoteku koju želite učitati.
err-storage-full = Server nema više mjesta za ovo. Ništa nije izgubljeno; obavijestite administratore platforme.
err-files-unavailable = Skladište datoteka trenutno nije dostupno. Ništa nije sačuvano; pokušajte ponovo za nekoliko minuta.

## Evidence and testimony vault
nav-vault = Trezor
vault-role-lead = Voditelj/ica
vault-role-documenter = Dokumentator/ica
vault-role-reviewer = Recenzent/ica
vault-kind-file = Datoteka
vault-gender-chosen = Da, osoba je sama izabrala
vault-gender-not-chosen = Ne, nije birala
vault-gender-not-asked = Osoba nije pitana
err-required = Ovo polje je obavezno.
err-vault-closed = Trezor je zatvoren: njegov ključ nedostaje ili se ne podudara. Ništa nije izgubljeno. Administratori platforme obaviješteni su o razlogu; ostatak Spone radi kao i obično.
err-consent-withdrawn = Pristanak osobe je povučen ili ne obuhvata čuvanje ove stavke, pa se ona ne može čitati, preuzimati ni dijeliti. Pokušaj je upisan u lanac nadzora.
err-consent-share = Osoba nije dala pristanak za dijeljenje s ovom organizacijom. Pokušaj je upisan u lanac nadzora.
err-consent-prosecution = Osoba nije dala pristanak da stavku koristi tužilaštvo, pa se ova stavka ne može izvesti. Pokušaj je upisan u lanac nadzora.
err-consent-publication = Osoba nije dala pristanak za objavljivanje.

## ---- first-day fixes (issue 13) ----
nav-my-org = Moja organizacija
nav-my-orgs = Moje organizacije
notice-proposals-published = Objavljeni su prijedlozi kruga „{ $subject }“: molimo vas da na njih odgovorite.
notice-partner-accepted = { $subject } prihvata prijedlog za saradnju s vama.
notice-check-in = { $subject } je upisao/la bilješku o radu vašeg para.
notice-break-glass = Administrator/ka platforme iskoristio/la je hitan pristup jednom od predmeta vaše organizacije u trezoru. Razlog je upisan u lanac nadzora tog predmeta.
notice-mail-subject = Spona: { $text }

filters-more = Filteri

form-choose = Izaberite…

## ---- directory search (issue 13) ----

## ---- security (issue 14) ----
err-server-busy = Spona je trenutno zauzeta. Pokušajte ponovo za nekoliko sekundi.
err-name-bidi = Naziv sadrži nevidljive znakove koji mijenjaju redoslijed prikazanog teksta (dvosmjerne kontrolne znakove, na primjer U+202E). Uklonite ih i pokušajte ponovo.

## ---- vault (issue 14) ----
vault-readable-action-create = Zabilježeno
vault-readable-action-view = Pregledano
vault-readable-action-download = Preuzeto
vault-readable-action-consent = Pristanak zabilježen
vault-readable-action-share = Podijeljeno
vault-readable-action-export = Izvezeno
vault-readable-action-grant = Pristup odobren
vault-readable-action-revoke = Pristup uklonjen
vault-readable-action-blocked = Odbijeno (pristanak to ne obuhvata)
vault-readable-action-verify = Provjereno

## ---- faults (issue 15) ----
err-database-unavailable = Baza podataka je zauzeta ili trenutno ne može primiti izmjene. Ništa nije sačuvano; pokušajte ponovo za trenutak.
err-search-rebuilding = Pretraga se ponovo gradi nakon kvara i bit će dostupna za nekoliko minuta. Ništa nije izgubljeno: svi resursi su sigurni i mogu se otvoriti preko svoje adrese.

## ---- end ----

## ---- lane guard ----
err-quota-case = Ovaj predmet nema više mjesta za ovu datoteku: zauzeto je { $used } od { $allowed } koliko može sadržavati. Ništa nije sačuvano. Zatražite više prostora od administratora platforme.
err-quota-vault-org = Trezor vaše organizacije nema više mjesta za ovu datoteku: zauzeto je { $used } od { $allowed } koliko može sadržavati. Ništa nije sačuvano. Zatražite više prostora od administratora platforme.
err-quota-hub-org = Resursi ove organizacije nemaju više mjesta za ovu datoteku: zauzeto je { $used } od { $allowed } koliko mogu sadržavati. Ništa nije sačuvano. Zatražite više prostora od administratora platforme.
active-content-mark = Upozorenje: ovaj PDF sadrži radnje koje se pokreću kada se otvori.
active-content-title = Ovaj PDF pokreće radnje kada se otvori
active-content-found = Ovaj PDF sadrži radnje koje se pokreću kada se otvori:
active-content-unchecked = Datoteka je prevelika ili previše složena da bi se u potpunosti provjerila: postupajte s njom kao da sadrži takve radnje.
active-content-advice-viewer = Otvorite je u programu za pregled s isključenim JavaScriptom (ili u pregledniku ugrađenom u web-preglednik), na računaru na kojem nema osjetljivih podataka.
active-content-advice-scan = Ili je sačuvajte i provjerite antivirusnim programom prije nego što je otvorite.
active-content-download = Ipak preuzmi
active-content-back = Nazad
## ---- lane seal ----
## ---- lane ux ----
## lane mail
mail-list-notices = Obavještenja Spone
mail-list-footer = Da više ne primate poštu s liste „{ $list }“: { $link }


