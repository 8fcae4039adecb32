# Hrvatski: samo poruke čiji se tekst razlikuje od zajedničke osnove bcms (bosanski, hrvatski, crnogorski).
# Croatian overlay over the bcms base: only the messages whose wording differs in Croatian.

## shared ui.ftl
nav-main = Glavni izbornik
back-home = Natrag na početnu stranicu
form-save = Spremi
quick-exit-hint = Gumb iznad otvara neutralnu web-stranicu i briše ovu stranicu iz predmemorije preglednika. Na zajedničkom telefonu koristite privatni prozor.
directory-apply = Primijeni filtre
field-theme = Tematska područja
role-admin = Administrator/ica organizacije
platform-role-admin = Administrator/ica platforme
err-forbidden = Vaš račun nema dozvolu za ovu radnju. Ako mislite da bi je trebao imati, obratite se administratoru ili administratorici svoje organizacije.
err-change-note-required = Ukratko navedite što je promijenjeno.
err-attachment-content = Sadržaj datoteke ne odgovara njenom nazivu (na primjer, .pdf koji nije PDF). Ništa nije spremljeno.
err-files-unavailable = Skladište datoteka trenutno nije dostupno. Ništa nije spremljeno; pokušajte ponovo za nekoliko minuta.
err-required = Ovo polje je obvezno.
err-consent-withdrawn = Pristanak osobe je povučen ili ne obuhvaća čuvanje ove stavke, pa se ona ne može čitati, preuzimati ni dijeliti. Pokušaj je upisan u lanac nadzora.
err-consent-prosecution = Osoba nije dala pristanak da stavku koristi državno odvjetništvo, pa se ova stavka ne može izvesti. Pokušaj je upisan u lanac nadzora.
notice-partner-accepted = { $subject } prihvaća prijedlog za suradnju s vama.
notice-break-glass = Administrator/ica platforme iskoristio/la je hitan pristup jednom od predmeta vaše organizacije u trezoru. Razlog je upisan u lanac nadzora tog predmeta.
filters-more = Filtri
vault-readable-action-blocked = Odbijeno (pristanak to ne obuhvaća)
err-database-unavailable = Baza podataka je zauzeta ili trenutno ne može primiti izmjene. Ništa nije spremljeno; pokušajte ponovo za trenutak.
err-quota-case = Ovaj predmet nema više mjesta za ovu datoteku: zauzeto je { $used } od { $allowed } koliko može sadržavati. Ništa nije spremljeno. Zatražite više prostora od administratora platforme.
err-quota-vault-org = Trezor vaše organizacije nema više mjesta za ovu datoteku: zauzeto je { $used } od { $allowed } koliko može sadržavati. Ništa nije spremljeno. Zatražite više prostora od administratora platforme.
err-quota-hub-org = Resursi ove organizacije nemaju više mjesta za ovu datoteku: zauzeto je { $used } od { $allowed } koliko mogu sadržavati. Ništa nije spremljeno. Zatražite više prostora od administratora platforme.
active-content-advice-viewer = Otvorite je u programu za pregled s isključenim JavaScriptom (ili u pregledniku ugrađenom u web-preglednik), na računalu na kojem nema osjetljivih podataka.
active-content-advice-scan = Ili je spremite i provjerite antivirusnim programom prije nego što je otvorite.
active-content-back = Natrag
mail-list-notices = Obavijesti Spone

## shared vocab.ftl
theme-eu-integration = Europske integracije
knowhow-community-organising = Organiziranje zajednice
knowhow-peer-support-groups = Skupine vršnjačke podrške
lang-ro = Rumunjski
country-RO = Rumunjska
country-NL = Nizozemska
rkind-grant-budget = Obrazac proračuna projekta
rkind-crisis-guideline = Smjernice za reagiranje u krizi
rkind-funding-guide = Vodič za financiranje
countryfrom-RO = iz Rumunjske
countryfrom-NL = iz Nizozemske

## accounts
signin-invite-only = Računi se otvaraju samo na poziv: zamolite administratora ili administratoricu svoje organizacije da vas pozove.
notice-saved = Spremljeno.
audit-who = Tko
mail-reset-body = Netko je zatražio postavljanje nove lozinke za vaš račun na platformi Spona. Ako ste to bili vi, otvorite ovaj link u roku od jednog sata: { $link } — ako niste, zanemarite ovu poruku; vaša lozinka ostaje nepromijenjena.
err-last-admin = Organizacija mora imati barem jednog administratora ili administratoricu.
err-not-yourself = Ovo ne možete učiniti s vlastitim računom.

## calls
calls-save = Spremi poziv
okind-grassroots = Lokalna inicijativa ili neformalna skupina
okind-academic = Sveučilište ili institut
calls-attach-hint = PDF, Word, OpenDocument, Excel ili slika, do 25 MB. Svatko tko vidi poziv može je preuzeti.

## directory
directory-clear = Poništi filtre
field-contact-visibility = Tko može vidjeti kontaktne podatke
org-contacts-members-only = Kontaktni podaci se prikazuju samo prijavljenim članovima i članicama.
err-filter-country = Nepoznata država u filtru. Izaberite jednu s popisa.
err-filter-theme = Nepoznato tematsko područje u filtru. Izaberite jedno s popisa.
err-filter-knowhow = Nepoznata vrsta znanja u filtru. Izaberite jednu s popisa.
err-filter-language = Nepoznat jezik u filtru. Izaberite jedan s popisa.
err-filter-network = Nepoznata mreža u filtru. Izaberite jednu s popisa.

## endorsements
en-organisation = Organizacija (nije obvezno)
en-sent-text = Ako ova adresa još nije podržala ovu kampanju, poslali smo joj poruku s linkom. Otvorite ga i pritisnite gumb na toj stranici kako biste potvrdili podršku. Link vrijedi 7 dana.
en-closes-on = Posljednji dan (nije obvezno)
en-err-disposable = Adrese servisa za jednokratnu e-poštu ne prihvaćaju se; koristite adresu koju trajno koristite.
en-mail-text =
    Poštovani/a { $name },
    
    netko, vjerojatno vi, podržao je „{ $title }“ s ove adrese.
    Kako biste potvrdili, otvorite ovaj link i pritisnite gumb na stranici:
    
    { $link }
    
    Ako to niste bili vi, zanemarite ovu poruku: podrška se briše poslije 7 dana ako nije potvrđena.

## events
event-group = Radna skupina
event-no-group = Bez radne skupine
err-event-group = Izaberite jednu od svojih radnih skupina.
event-save = Spremi događaj
event-map = Karta (OpenStreetMap)
event-report = Izvješće
event-save-report = Spremi izvješće
event-no-participants = Još se nitko nije prijavio.
event-col-attended = Prisutnost
event-kind-roundtable = Okrugli stol
event-kind-study_visit = Studijski posjet
event-kind-reciprocal_visit = Uzvratni posjet
err-event-not-started = Prisutnost se može označiti kad događaj počne.
calendar-fresh = Adresa vašeg privatnog kalendara — kopirajte je sada, prikazuje se samo jednom. Tko je ima, vidi događaje za koje ste se prijavili.
zone-saved = Spremljena zona
zone-none = Zona nije spremljena: vremena se prikazuju u zoni Europe/Belgrade i u zoni svakog događaja.
zone-default = Bez spremljene zone (Europe/Belgrade)
zone-save = Spremi
event-add-material-after = Dodajte materijal s događaja (uz izvješće)
event-material-hint = PDF, Word, OpenDocument, Excel ili slika, do 25 MB. Svatko tko vidi događaj može ga preuzeti.

## federation
fed-add-fingerprint-hint = Šest skupina od po četiri slova i brojke, npr. ABCD-EFGH-…; velika i mala slova i crtice nisu bitni.
fed-key-changed-intro = Partnerov dokument navodi novi ključ za potpisivanje. Dok ga ne potvrdite, ovom partneru se ništa ne šalje i ništa se od njega ne prima. Pozovite partnerove administratore i usporedite novi otisak.
fed-links-heading = Tko s kim razmjenjuje
fed-done-linked = Spremljeno.
fed-err-fingerprint = Otisak se ne poklapa s ključem koji ova adresa nudi. Ništa nije spremljeno: provjerite adresu i otisak s partnerovim administratorima.
fedref-intro = Upućivanja koja je vaša organizacija poslala organizacijama na partnerskim instalacijama ili primila od njih. Svako putuje potpisano i šifrirano za organizaciju koja ga prima; šalje se samo ono što usluga traži i na što je osoba pristala.
fedref-back = Natrag na upućivanja s partnerima

## groups
groups-title = Radne skupine
groups-lead = Tematske skupine preko granica: ljudi iz više organizacija koji zajedno pišu, planiraju i razgovaraju.
groups-filter = Filtriraj skupine
groups-filter-apply = Prikaži skupine
groups-none = Još nema radnih skupina.
group-new = Pokreni radnu skupinu
group-create = Napravi skupinu
group-preferences = Pošta iz mojih skupina
group-join-policy = Tko se može pridružiti
group-policy-open = Otvorena: pridružuje se svatko tko je prijavljen
group-you-are-coordinator = Vi koordinirate ovu skupinu.
group-you-are-member = Član ste ove skupine.
group-leave = Napusti skupinu
group-invitation-only = U ovu skupinu ljude dodaju koordinatori.
group-join = Pridruži se skupini
group-threads-members-only = Razgovori skupine su za njene članove.
group-thread-default = Vrati na postavke skupine
group-new-since-visit = Novo od vašeg posljednjeg posjeta
group-save = Spremi
group-preferences-lead = Za svaku skupinu izaberite koju poštu primate. Spominjanja i odgovori na vaše razgovore stižu uvijek, osim ako ste razgovor utišali.
group-preferences-none = Niste ni u jednoj radnoj skupini.
group-mail-weekly = Tjedni pregled
group-mail-footer = Da promijenite koju poštu primate iz ove skupine:
group-mail-new-thread = { $author } je započeo/la „{ $title }“ u skupini { $group }:
group-digest-subject = Što je novo u skupini { $group }
group-digest-intro-daily = Što je novo u skupini { $group } od jučerašnjeg pregleda:
group-digest-intro-weekly = Što je novo u skupini { $group } ovog tjedna:
err-group-policy = Izaberite tko se može pridružiti skupini.
err-group-invitation-only = U ovu skupinu ljude dodaju samo koordinatori.
err-group-last-coordinator = Skupina zadržava barem jednog koordinatora: prvo imenujte drugog.
err-group-no-such-person = Nitko s ovom adresom nema račun.
err-mention-outsider = Spomenuli ste nekoga tko nije član ove skupine. Spominjite samo članove (kako ih prikazuje popis članova) ili napišite ime bez @.
group-files-hint = Nije obvezno. Do 5 datoteka: PDF, Word ili LibreOffice dokumenti i tablice, PNG, JPEG ili WebP slike; najviše 25 MB svaka. Mogu ih preuzeti samo članovi skupine.
err-group-files-many = Jedna poruka nosi najviše 5 datoteka. Izaberite manje i pošaljite ponovo; ništa nije spremljeno.
group-delete-hint = Razgovor nestaje s popisa skupine, iz pretrage i pregleda te više ne prima odgovore. Razlog se čuva u dnevniku revizije.
err-thread-deleted = Ovaj razgovor je izbrisan i ne prima odgovore. Ništa nije spremljeno.
group-no-events = Ova skupina nema predstojećih događaja.
group-events-feed = Događaji skupine kao kalendarski kanal (iCalendar)
group-newsletters-link = Bilteni skupine i njihova arhiva
group-newsletters-lead = Članovi skupine primaju svaki broj bez prijave (mogu se odjaviti kao i svaki pretplatnik); ljudi izvan Spone prijavljuju se na javni bilten e-poštom i potvrđuju putem linka.
group-newsletters-none = Ova skupina još nema bilten.
group-newsletter-new = Pokrenite bilten ove skupine
group-names-h = Naziv skupine na drugim jezicima
group-names-lead = Čitatelji vide naziv i opis na svom jeziku kada postoji, inače na engleskom, inače onako kako je prvi put napisan.
group-name-save = Spremi ovaj jezik
group-other-lang-h = I na drugom jeziku (neobvezno)
group-other-lang-hint = Čitatelji tog jezika vide ovaj naziv i opis. Više jezika može se dodati na stranici skupine.
err-group-name-same-lang = Skupina je već napisana na ovom jeziku: izaberite drugi.

## home
home-lead = Pronađite organizacije u Srbiji, Ukrajini, na Kosovu, u Bosni i Hercegovini, Hrvatskoj, Sjevernoj Makedoniji i šire, pogledajte koja znanja svaka od njih nudi i koja su joj potrebna i surađujte sigurno.
a11y-body = Spona je napravljena tako da radi i kada je JavaScript isključen, na sporim vezama i s čitačima zaslona. Svaka stranica je HTML koji se generira na serveru, s obrascima čija su polja označena, vidljivim fokusom i navedenim jezikom.
a11y-tested = Testira se pri svakom izdanju: svaki tip stranice na engleskom, srpskom (latinica i ćirilica) i ukrajinskom, u širini telefona i računala, alatom axe-core prema WCAG 2.1 A i AA (bez prekršaja), te svaki glavni tok s isključenim JavaScriptom u pregledniku Chromium bez grafičkog sučelja. Polja u obrascima su označena, a greške povezane s poljima. Svaku prepreku prijavite administratorima platforme.
home-offers = Što Spona nudi
home-offer-directory = Imenik organizacija civilnog društva Zapadnog Balkana i Ukrajine: čime se svaka bavi, što nudi i što joj je potrebno — na vašem jeziku i pismu.
home-offer-resources = Zajednička biblioteka obrazaca pravne pomoći, protokola za rad s traumom, smjernica i proračuna za grantove, s pretragom na više jezika i pisama.
home-join-text = Organizacije civilnog društva pridružuju se Sponi na poziv. Da bi ušla u mrežu, organizacija se obraća organizaciji koja koordinira tu mrežu (vidite „Mreže“); da bi se pridružila platformi, piše administratorima platforme. Administrator/ica organizacije koja je već na Sponi šalje pozivnice ljudima iz svoje organizacije.

## mail
unsub-lead = Želite li da na ovu adresu više ne stiže pošta liste „{ $list }“? Ništa se ne mijenja dok ne pritisnete gumb.
mail-confirm-body = Pošta na vašu adresu ranije je odbijena. Kako biste ponovo primali poštu Spone, otvorite ovaj link i ondje pritisnite gumb: { $link }
mail-confirm-lead = Pritisnite gumb kako biste potvrdili da pošta ponovo stiže na ovu adresu.

## matching
matching-who = Tko se može prijaviti
matching-opt-in-lead = Navedite što vaša organizacija nudi i što joj treba. Vaše odgovore vide samo koordinatori kruga dok se ne predlože parovi.
matching-availability = Kada ste dostupni (neobvezno)
matching-statement = Vašim riječima (neobvezno)
matching-rule = Pravilo bodovanja: 10 bodova za svako znanje koje jedna strana nudi, a drugoj treba (u oba smjera), 3 za svako zajedničko tematsko područje; zajednički radni jezik je obvezan osim ako jedna strana prihvaća prevoditelja (−4); parovima koji su već surađivali oduzima se 8. Spona zatim bira skup parova s najvećim ukupnim zbirom — precizno, a ne par po par.
matching-shared-themes = Zajednička tematska područja
matching-earlier = Već su surađivali
pair-started = Suradnja traje od
pair-check-in-note = Što ste radili ili o čemu ste razgovarali (kratko)
pair-end = Završite suradnju
pair-end-lead = Završetkom se zatvara povijest para; druga strana i dalje može ostaviti svoju povratnu informaciju. Ukratko recite kako je bilo.
err-pair-ended = Ova suradnja je završena; njena povijest se više ne mijenja.
err-feedback-not-now = Povratna informacija može se ostaviti jednom, nakon što se suradnja završi.
mentorship-opt-in-lead = Prijavljujete se osobno, a ne u ime organizacije. Vaše ime i odgovore vide samo koordinatori kruga; predloženi partner saznaje vaše ime i adresu e-pošte tek kada oboje prihvatite.
matching-titles-other = Naziv na drugim jezicima (nije obvezno)

## monitoring
mon-rec-intro = Preporuke mehanizama UN za ljudska prava, Nacionalnog akcijskog plana za Rezoluciju 1325, mjerila pristupanja EU i nacionalnih strategija, s odgovorom države.
mon-rec-search-label = Riječi, broj stavka ili oznaka dokumenta
mon-rec-mechanism-nap-1325 = Nacionalni akcijski plan 1325
mon-rec-response-noted = Primljena na znanje
mon-rec-response-partially = Djelomično prihvaćena
mon-rec-group = Pogođene skupine
mon-rec-paragraph = Broj stavka
mon-rec-paragraph-hint = Kako ga dokument numerira, na primjer 131.4.
mon-rec-body-hint = Na primjer CEDAW ili Vijeće za ljudska prava (nije obvezno).
mon-rec-date-hint = Nije obvezno. Na primjer 2013-06-20 ili 20.06.2013.
mon-rec-list-hint = Nije obvezno. Više vrijednosti odvojite zarezima.
mon-rec-sdg-hint = Nije obvezno. Ciljevi ili podciljevi održivog razvoja, kao 5.2, 16. Više vrijednosti odvojite zarezima.
mon-rec-err-paragraph = Upišite broj stavka (do 50 znakova).
mon-rec-err-exists = Preporuka s ovim mehanizmom, oznakom i stavkom je već zabilježena.
mon-rec-err-filter-mechanism = Nepoznat mehanizam u filtru. Izaberite ga s popisa.
mon-rec-err-filter-response = Nepoznat odgovor u filtru. Izaberite ga s popisa.
mon-rec-err-filter-long = Vrijednost filtra je predugačka.
mon-imp-intro = Učitajte CSV ili XLSX datoteku u obliku izvoza UHRI ili baze UPR Info. Prije nego što se išta spremi, vidjet ćete što bi uvoz učinio. Redovi se uparuju po mehanizmu, oznaci i stavku, pa ponovni uvoz iste datoteke ništa ne mijenja.
mon-imp-layout-auto = Prepoznaj po stupcima
mon-imp-file-hint = CSV (UTF-8, Windows-1250 ili Windows-1251; zarez, točka-zarez ili tabulator) ili XLSX, prvi list.
mon-imp-err-not-utf8 = Red { $row } nije ispravan UTF-8, a datoteka počinje kao UTF-8. Spremite cijelu datoteku u jednom kodiranju.
mon-imp-err-columns = Stupci ne odgovaraju poznatom obliku. Izvozu UHRI bi još trebalo: { $uhri }. Za UPR Info bi još trebalo: { $uprinfo }.
mon-imp-err-columns-missing = Datoteci nedostaju stupci oblika { $layout }: { $columns }.
mon-imp-err-row = Red { $row }, stupac „{ $column }“: { $problem } { $value }
mon-imp-err-paragraph = nema broja stavka.
mon-imp-duplicate-of = Preskočen: isti mehanizam, oznaka i stavak kao u redu { $row }
mon-imp-preview-title = Što bi uvoz učinio
mon-imp-outcome = Što se događa
mon-imp-optional = Nije obvezno.
mon-imp-save = Spremi
mon-imp-status-partially = Djelomično provedeno
mon-imp-mstatus-in-progress = U tijeku
mon-imp-response-noted = Primljena na znanje
mon-imp-response-partially = Djelomično prihvaćena
mon-imp-participants-intro = Samo organizacije koje sudjeluju ocjenjuju preporuke uz državu. Njihovi administratori potpisuju svaku ocjenu u ime organizacije.
mon-imp-done-participant-removed = Organizacija više ne sudjeluje. Njene ocjene ostaju u povijesti.
mon-imp-measures-intro = Što su se institucije obvezale učiniti povodom preporuka, do kada i dokle su stigle.
mon-imp-measure-budget = Proračunska stavka
mon-imp-measure-recommendations-hint = Jedna po redu: broj stavka preporuke (na primjer 131.4) ili njen id.
mon-imp-done-measure-status = Stanje je spremljeno.
mon-imp-rec-paragraph = Stavak
mon-imp-assessments-none = Ovu preporuku još nitko nije ocijenio.
mon-imp-compared = U usporedbi s državom
mon-imp-assess-signed = Ocjena se potpisuje ključem ove instalacije u ime organizacije i zamjenjuje njenu trenutnu ocjenu; ranija ostaje u povijesti.
mon-imp-assess-submit = Spremi potpisanu ocjenu
mon-imp-done-assessed = Ocjena je potpisana i spremljena.
mon-imp-err-recommendation = Neki red ne imenuje nijednu preporuku, ili broj stavka odgovara za više njih; koristite id preporuke.
mon-imp-err-concurrent = Netko je u istom trenutku spremio ocjenu za istu stranu. Pogledajte stranicu ponovo i pokušajte još jednom.
mon-dash-empty = Nijedna preporuka ne odgovara ovom filtru.
mon-dash-chart-desc-state = Po jedan stupac za svaku skupinu, podijeljen po stanju koje navodi država; tablica ispod daje iste brojeve.
mon-dash-chart-desc-theme = Po jedan stupac za svaku temu (petnaest najvećih), podijeljen po stanju koje navodi država; tablica ispod daje sve teme.
mon-dash-chart-desc-cso = Po jedan stupac za svaki mehanizam, podijeljen po ocjenama organizacija; tablica ispod daje iste brojeve.
mon-dash-chart-desc-institutions = Po jedan stupac za svaku instituciju: mjere u roku i mjere kojima je istekao rok; tablica ispod daje iste brojeve.
mon-dash-state-partially = Djelomično provedeno
mon-dash-mech-nap-1325 = Nacionalni akcijski plan 1325
mon-dash-err-filter = Pregled ne poznaje ovu vrijednost filtra.
mon-rep-new-title = Novo izvješće u sjeni
mon-rep-new-intro = Sastavite izvješće od izabranih preporuka, sa statusom koji navodi država i s procjenama i dokazima organizacija koje sudjeluju u praćenju, kao dokument koji možete uređivati i poslati.
mon-rep-which-hint = Izvješće obuhvaća svaku preporuku koja odgovara svim izborima napravljenim ovdje.
mon-rep-numbers = Brojevi stavaka
mon-rep-lang = Jezik izvješća
mon-rep-lang-hint = Tekst svake preporuke daje se na ovom jeziku ako je prijevod spremljen, a inače na izvornom jeziku, uz napomenu o tome.
mon-rep-title-hint = Nije obvezan. Bez njega izvješće se zove „Izvješće u sjeni o provođenju preporuka“.
mon-rep-orgs-hint = Organizacije koje izvješće navodi kao potpisnice. Izaberite samo one koje su pristale potpisati ga.
mon-rep-no-pdf = PDF se ne nudi: na ovom serveru nije instaliran pretvarač (LibreOffice).
mon-rep-submit = Napravi izvješće
mon-rep-mech-nap-1325 = Nacionalni akcijski plan za Rezoluciju 1325
mon-rep-response-noted = primljena na znanje
mon-rep-response-partially = djelomično prihvaćena
mon-rep-status-partially = djelomično provedeno
mon-rep-err-empty = Izaberite koje preporuke izvješće obuhvaća: mehanizam, ciklus, državu, temu ili brojeve stavaka.
mon-rep-err-too-many = Izvješće može obuhvatiti najviše 500 preporuka: suzite izbor.
mon-rep-err-no-pdf = PDF izvješća nisu dostupna na ovom serveru: pretvarač nije instaliran.
mon-rep-doc-default-title = Izvješće u sjeni o provođenju preporuka
mon-rep-doc-intro =
    Pripremljeno u Sponi { $date } Obuhvaća { $count ->
        [one] { $count } preporuku
        [few] { $count } preporuke
       *[other] { $count } preporuka
    }, sa statusom koji navodi država i procjenama organizacija civilnog društva koje sudjeluju u praćenju.
mon-rep-doc-no-cosigners = Nijedna organizacija nije navedena kao potpisnica ovog izvješća.
mon-rep-doc-original = Izvorni tekst ({ $lang }): prijevod na jezik ovog izvješća nije spremljen.
mon-rep-home-intro = Pratite što su države obećale i što institucije čine: preporuke mehanizama za ljudska prava i planova, poduzete mjere, gdje je svaka prema državi i prema organizacijama civilnog društva koje sudjeluju, i suđenja praćena na sudu.
mon-rep-home-reports = Izvješća u sjeni
mon-rep-home-reports-about = Sastavite izvješće od izabranih preporuka s procjenama i dokazima organizacija, kao dokument. Za administratore platforme i članove organizacija sudionica.
mxt-orgs-hint = Svaka izabrana organizacija se pita za potvrdu: njeni administratori odgovaraju na svom popisu izvješća koja čekaju njihov potpis, a dokumenti navode samo organizacije koje su potvrdile.
mxt-err-no-cosigners = Izaberite barem jednu organizaciju potpisnicu kako biste spremili izvješće za njenu potvrdu.
mxt-err-cosign-unsaved = Organizacije potpisnice prvo moraju potvrditi: napravite izvješće preko obrasca, koji ga spremi i pita svaku od njih.
mxt-asked-by = Spremio/la { $name }, { $date }
mxt-asked-on = Spremljeno { $date }
mxt-done-confirmed = Potpis vaše organizacije je potvrđen: dokumenti izvješća sada je navode.
mxt-done-declined = Odbijeno: dokumenti izvješća neće navesti vašu organizaciju.
mxt-requests-title = Izvješća koja čekaju potpis vaše organizacije
mxt-requests-intro = Izvješća u sjeni koja organizaciju koju administrirate navode kao potpisnicu. Dokumenti navode organizaciju tek kada je jedan od njenih administratora potvrdi.
mxt-requests-none = Nijedno izvješće ne traži da ga potpiše organizacija koju administrirate.
mxt-report-saved = Spremljeno

## newsletters
newsletter-field-description = O čemu piše (nije obvezno)
newsletter-field-audience = Tko može čitati arhivu i prijaviti se
newsletter-back-to-editor = Natrag na uređivanje
newsletter-edit-hint = Napišite naslov i tekst (Markdown) na svakom jeziku koji imate; svaki čitatelj dobiva svoj jezik, ili engleski, ili prvi napisani.
newsletter-save = Spremi
newsletter-subscribers-none = Još se nitko nije prijavio.
newsletter-confirm-mail-text =
    Netko, nadamo se vi, zatražio je da na ovu adresu prima bilten { $name }.
    
    Kako biste potvrdili, otvorite ovaj link i pritisnite gumb na stranici:
    { $link }
    
    Ako to niste bili vi, zanemarite ovu poruku: ništa više neće biti poslano, a adresa se briše poslije 30 dana.
newsletter-mail-from-group =
    { $name }: bilten radne skupine { $group }
    Stranica biltena: { $page }
err-newsletter-audience = Izaberite tko može čitati arhivu i prijaviti se.

## publications
pb-field-summary = Sažetak (nije obvezno)
pb-field-body-hint = Odlomke odvojite praznim redom. Obvezno za članke i priče.
pb-field-transcript-hint = Obvezno za podcaste i video snimke, kako bi ih svako mogao pratiti bez zvuka i bez brze veze.
pb-save-draft = Spremi nacrt
pb-variant-add = Dodajte ili izmijenite jezičnu verziju
pb-variant-save = Spremi jezičnu verziju
pb-photo-alt-hint = Obvezno. U jednoj ili dvije rečenice opišite što fotografija prikazuje.
pb-photo-caption = Potpis uz fotografiju (nije obvezno)
pb-month-1 = siječanj
pb-month-2 = veljača
pb-month-3 = ožujak
pb-month-4 = travanj
pb-month-5 = svibanj
pb-month-6 = lipanj
pb-month-7 = srpanj
pb-month-8 = kolovoz
pb-month-9 = rujan
pb-month-10 = listopad
pb-month-11 = studeni
pb-month-12 = prosinac

## quiz
qz-revise-hint = Dok nitko nije započeo kviz, ovo ga mijenja; kada netko započne, pravi se nova verzija, a odgovorena ostaje kakva je bila.
qz-doc-hint = Naslov, uvod, što zapamtiti i pitanja, svaki tekst na en, sr-Cyrl i uk (srpska latinica se pravi od ćirilice). Vrste: single, multiple, truefalse, scale. Postavite "scored" za bodovanje i "shuffle" za miješanje redoslijeda.
qz-save = Spremi
qz-back = Natrag na kampanju
qz-channels-hint = Link i QR kod za svako mjesto gdje je kviz najavljen (škola, TV spot, partner, objava na društvenim mrežama). Odgovori se broje po kanalu; nitko nije identificiran.
qz-kind-q-truefalse = točno ili netočno
qz-about-title = Malo o vama (neobvezno)
qz-about-intro = Ova pitanja nisu obvezna: bilo koje možete ostaviti prazno. Služe samo za brojanje po državi, području i dobi.
qz-optional = (neobvezno)
qz-region = Grad ili područje
qz-remember = Što zapamtiti
qz-withheld-note = Brojevi od 1 do 9 se ne prikazuju, kako nitko u maloj skupini ne bi mogao biti prepoznat. Najmanji prikazani broj
qz-t-what = Odgovor ili skupina
qz-t-region = Osobe po gradu ili području
qz-err-languages = Svaki tekst mora biti na sva tri jezika (en, sr-Cyrl, uk) ili ni na jednom kada nije obvezan; najviše 2.000 znakova.
qz-err-options = Pitanje ima od 2 do 8 ponuđenih odgovora (točno ili netočno: točno dva).
qz-err-correct = U kvizu s bodovima označite ispravan odgovor (jedan za single i točno-netočno, barem jedan za multiple).

## referrals
ref-back = Natrag na upućivanja
ref-urgent-box = Hitno: druga strana dobiva upozorenje ako ne odgovori u roku od 24 sata
ref-field-age-band = Dobna skupina
ref-nstatus-asylum-seeker = Tražitelj azila
ref-channel-in-person = Osobno
ref-channel-walk-in = Osobni dolazak
ref-consent-share = Što je osoba pristala podijeliti
ref-answer-note = Bilješka (obvezna za odbijanje ili traženje podataka)
ref-outcome-partly-provided = Usluga djelomično pružena
ref-note-save = Spremi bilješku
ref-intake-save = Spremi prijem
ref-stats-age-band = Dobna skupina
err-ref-consent-share = Označite što je osoba pristala podijeliti.

## resources
hub-intro = Obrasci za pravnu pomoć, protokoli za rad s traumom, proračuni projekata, smjernice za krize, studije slučaja i vodiči za financiranje, na engleskom, srpskom i ukrajinskom, koje ažuriraju organizacije koje su ih napisale.
hub-outdated-intro = Jezične verzije napisane prije nego što se druga jezična verzija promijenila. Ažurirajte ih ili potvrdite da se i dalje slažu.
hub-variants = Jezične verzije
hub-translation-outdated = Druga jezična verzija se promijenila nakon što je ova napisana, pa ovaj prijevod možda nije ažuran.
hub-visibility = Tko ga može čitati
hub-versions-caption = Sve spremljene verzije, najnovija prva. Izaberite dvije za usporedbu.
hub-compare = Usporedi verzije
hub-edit = Uredi ovu jezičnu verziju
hub-attach = Priloži datoteku uz ovu jezičnu verziju
hub-back = Natrag na resurs
hub-save = Spremi
hub-field-note = Što je promijenjeno
err-edit-conflict = Netko je spremio ovaj tekst dok ste ga uređivali. Vaš tekst čuva se ispod: usporedite ga s najnovijom verzijom, pa ga ponovo spremite.

## services
err-service-hours-day = Izaberite dan u tjednu za svako radno vrijeme.
skind-vocational-training = Stručno osposobljavanje
skind-family-mediation = Obiteljsko posredovanje
rfield-age-band = Dobna skupina
nstatus-asylum-seeker = Tražitelji azila
svc-none = Nijedna objavljena usluga ne odgovara. Pokušajte s manje riječi ili filtra.
svc-places-save = Spremi slobodna mjesta
svc-form-back = Natrag na uslugu
svc-form-texts = Naziv, opis i tko može doći
svc-form-eligibility = Tko može doći, opisno
svc-form-referral-fields = Što upućivanje mora navesti o osobi
svc-form-save-draft = Spremi kao nacrt
svc-form-save-publish = Spremi i objavi
svc-form-save = Spremi
svc-eligibility-note = Tko može doći
err-service-eligibility-length = Napomena o tome tko može doći može imati najviše 2000 znakova.

## texts
jt-kind-shadow-report-chapter = Poglavlje izvješća u sjeni
jt-drafting-orgs-hint = Članovi ovih organizacija mogu mijenjati i komentirati tekst te ga zaključati.
jt-field-note = Što je izmijenjeno (nije obvezno)
jt-edit = Spremi novu verziju
jt-save-version = Spremi kao novu verziju
jt-sign-hint = Naziv vaše organizacije i današnji datum bit će javno prikazani uz tekst. Potpis možete kasnije povući; povlačenje ostaje u povijesti.
jt-reason = Obrazloženje (nije obvezno)
jt-author = Spremio/la
jt-saved = Spremljeno
jt-err-stale = U međuvremenu je netko spremio noviju verziju. Ponovo otvorite uređivač kako biste krenuli od nje.
jt-err-final = Posljednja verzija na ovom jeziku je konačna i ne može se mijenjati. Označite „Započni novu verziju poslije konačne“ kako biste spremili novu verziju.

## trials
trials-intro = Predmeti trgovine ljudima koje vaše organizacije prate pred sudom: ročišta, obrasci promatrača, presude. Strane se bilježe po ulozi, nikada po imenu.
trials-findings-intro = Što su promatrači zabilježili na suđenjima za trgovinu ljudima u regiji: koliko predmeti traju, zašto se ročišta odlažu, kako se završavaju i kako su žrtve zaštićene pred sudom.
trials-charges = Kaznena djela
trials-monitoring-orgs-hint = Članovi ovih organizacija čitaju i upisuju predmet; nitko drugi ga ne vidi.
trials-partner-hint = Nije obvezno: i njeni članovi će vidjeti predmet i njegove zapečaćene bilješke.
trials-timeline-observed = Promatrač prisustvovao
trials-hearing-status = Što se dogodilo
trials-save = Spremi
trials-observations = Promatranja
trials-observe = Popuni obrazac promatranja
trials-no-observations = Još nema obrasca promatranja.
trials-observer = Promatrač
trials-prosecution = Ponašanje državnog odvjetništva
trials-notes-prosecution = Bilješke o državnom odvjetništvu
trials-final = Pravomoćno (nema žalbe u tijeku)
trials-f-measures = Promatrana ročišta sa svakom mjerom zaštite
trials-f-checks = Promatrana ročišta: da / ne
trials-f-observations = Promatrana ročišta
trials-f-protected = Promatrana ročišta s mjerom zaštite
trial-charge-forced-criminality = Prinuda na vršenje kaznenih djela
trial-reason-defence-absent = Branitelj nije pristupio
trial-reason-prosecutor-absent = Tužitelj nije pristupio
trial-reason-judge-change = Promjena suca ili vijeća
trial-conduct-partly = Djelomično primjereno
trial-check-defence-present = Branitelj je bio prisutan
trial-check-victim-informed = Žrtva je obaviještena o svojim pravima
err-trial-required = Ovo polje je obvezno.
err-trial-charges = Izaberite barem jedno kazneno djelo.
err-trial-observer = Izaberite promatrača.
err-trial-observer-not-monitoring = Promatrač mora biti član jedne od organizacija koje prate predmet.
err-trial-hearing-scheduled = Ročište se promatra kada je održano ili odloženo.
mxt-save-changes = Spremi izmjene
mxt-delete-case-warning = Ovo briše predmet sa svim ročištima, obrascima promatrača s njihovim zapečaćenim bilješkama i presudama, za sve organizacije koje ga prate. Ne može se poništiti; nalazi ga više ne uračunavaju.
mxt-delete-hearing-warning = Ovo briše ročište s njegovom zapečaćenom bilješkom i svim obrascima promatrača za njega. Ne može se poništiti.
mxt-err-hearing-observed = Promatrano ročište ne može biti označeno kao zakazano.

## vault
vault-export = Izvoz za državno odvjetništvo
vault-consent-prosecutors = Za upotrebu od strane državnog odvjetništva
vault-file-hint = Bilo koja vrsta, do 4 GB. SHA-256 se računa tijekom učitavanja i prikazuje poslije.
vault-store = Spremi šifrirano
vault-files-checked = Pročitane spremljene datoteke provjerene prema SHA-256
vault-verify = Provjeri lanac i sve spremljene datoteke
vault-actor = Tko
vault-action = Što
vault-back-to-case = Natrag na predmet
vault-export-intro = Izaberite stavke čiji pristanak obuhvaća upotrebu od strane državnog odvjetništva. Šifriraju se age ključem državnog odvjetništva i pakuju s potpisanim popisom njihovih SHA-256 hash vrijednosti i lancem nadzora, kako bi se mogle provjeriti izvan mreže.
vault-recipient-hint = Počinje s age1. Daje ga državno odvjetništvo; samo njegov privatni ključ otvara datoteke.
err-consent-required = Zabilježite pristanak osobe na dokumentiranje prije nego što bilo što spremite.
err-upload-interrupted = Učitavanje je prekinuto. Ništa nije spremljeno; pošaljite datoteku ponovo.
vault-export-language-hint = Paket sadrži čitljivu kopiju (HTML) svakog svjedočenja i lanca nadzora na ovom jeziku. Mjerodavne ostaju potpisane strojno čitljive datoteke.
vault-readable-note = Čitljiva kopija radi lakšeg čitanja. Mjerodavne su potpisane strojno čitljive datoteke ovog paketa (manifest.json, custody.jsonl, files/); provjerava ih spona verify-bundle.
vault-decision-hint = Tko je odlučio/la, kako, kada i tko je bio/la svjedok. Obvezno za vraćanje povučenog pristanka; bilježi se u lancu nadzora.
err-vault-consent-record = Za vraćanje povučenog pristanka zabilježite novu odluku osobe: tko je odlučio/la, kako, kojeg dana i tko je bio/la svjedok.

## exports, publog, quiz editor
exp-set-events-about = Svi događaji: što su, kada i gdje se održavaju, na kojim jezicima i tko su organizatori. Linkovi za pridruživanje ostaju samo kod prijavljenih sudionika.
exp-set-resources-about = Javni resursi iz resursnog centra: po jedan red za svaku jezičnu verziju, s vrstom, vlasnikom, temama, državama, naslovom i sažetkom.
exp-filters = Filtri imenika vrijede i za datoteke organizacija: dodajte ih adresi, na primjer ?country=RS&theme=legal-aid. Filtar kojem ništa ne odgovara daje datoteku samo s redom zaglavlja.
exp-err-no-filters = Ovaj skup podataka nema filtara: filtrirati se mogu samo organizacije.
tlog-how = Zapisi čine Merkleovo stablo (RFC 6962). Server svake minute, ako je nešto upisano, potpisuje veličinu stabla i njegov korijenski hash — kontrolnu točku. Svatko može čuvati kontrolne točke koje vidi i zatražiti dokaz da nova nastavlja staru: dnevnik u kojem je neki zapis prepravljen ili uklonjen ne može dati taj dokaz.
tlog-checkpoint = Posljednja kontrolna točka
tlog-checkpoint-text = Kontrolna točka kao tekst
tlog-key-intro = Kontrolne točke potpisuju se ovim Ed25519 ključem (potpisana bilješka). Spremite kopiju: kontrolna točka potpisana drugim ključem ne pripada ovom dnevniku.
tlog-verify-intro = Svatko može biti svjedok pomoću naredbenog retka Spone: on provjerava potpis kontrolne točke, nastavlja li onu viđenu prošli put i jesu li stranice koje navedete upisane u dnevnik.
tlog-col-object = Objekt
tlog-col-action = Što se dogodilo
qzm-back-questions = Natrag na pitanja
qzm-intro = Uvod (neobvezno)
qzm-feedback = Povratna informacija za ovaj odgovor (neobvezno)
qzm-explain = Zašto je ispravan odgovor ispravan, prikazuje se nakon svakog odgovora (neobvezno)
qzm-link = Gdje pročitati više ili koga nazvati (neobvezno)
qzm-remember = Što zapamtiti, prikazuje se na kraju (neobvezno)
qzm-choices-hint = Napišite svaki odgovor na svim jezicima i označite ispravan (ili ispravne). Redove koji vam ne trebaju ostavite prazne. Kod pitanja „točno ili netočno“ možete ih ostaviti prazne: „Točno“ i „Netočno“ upisuju se sami. Skala nema ponuđenih odgovora.
qzm-err-remember = Napišite što zapamtiti na svim jezicima ili ni na jednom.

## texts22: publications changed after writing, campaigns changed after opening
tx-pb-edit-intro = Promijenite vrstu publikacije, tko je objavljuje i, za podcast ili video, njezinu poveznicu. Tekstovi na svim jezicima ostaju kakvi jesu.
tx-pb-edit-save = Spremite izmjene
tx-pb-err-kind-texts = Jezične verzije ne odgovaraju ovoj vrsti: podcastu ili videu potreban je transkript, članku ili priči tekst. Najprije izmijenite jezične verzije.
tx-pb-delete-intro = Publikacija se briše sa svim jezičnim verzijama i fotografijama. To se ne može poništiti.
tx-pb-delete-photos = { $count ->
    [one] Briše se i njezina { $count } fotografija.
    [few] Brišu se i njezine { $count } fotografije.
   *[other] Briše se i njezinih { $count } fotografija.
}
tx-pb-photo-up = Pomakni ranije
tx-pb-photo-down = Pomakni kasnije
tx-en-edit-save = Spremite izmjene
tx-en-close-now = Zatvorite je sada
