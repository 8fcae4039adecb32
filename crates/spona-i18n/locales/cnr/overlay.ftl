# Crnogorski: samo poruke čiji se tekst razlikuje od zajedničke osnove bcms.
# Montenegrin overlay over the bcms base: only the messages whose wording differs in Montenegrin.

## shared ui.ftl
nav-account = Nalog
err-forbidden = Vaš nalog nema dozvolu za ovu radnju. Ako mislite da bi je trebao imati, obratite se administratoru ili administratorki svoje organizacije.
err-csrf = Obrazac je istekao ili je poslat s druge web-stranice, pa ništa nije promijenjeno. Vratite se, ponovo učitajte stranicu i pošaljite obrazac još jednom.
err-duplicate-post = Ovaj obrazac je već poslat i još se obrađuje. Za trenutak ponovo učitajte stranicu kako biste vidjeli rezultat.
err-too-many = Previše pokušaja u kratkom vremenu. Sačekajte minutu, pa pokušajte ponovo.
mentorship-taking-part-mentor = U ovom krugu učestvujete kao mentor ili mentorica. Predložene mentorisane osobe vidjećete ovdje kada ih koordinatori objave.
mentorship-taking-part-mentee = U ovom krugu učestvujete kao mentorisana osoba. Predloženog mentora ili mentoricu vidjećete ovdje kada ih koordinatori objave.
err-mentee-capacity = Mentorisana osoba ima jednog mentora: unesite 1.
err-vault-closed = Trezor je zatvoren: njegov ključ nedostaje ili se ne podudara. Ništa nije izgubljeno. Administratori platforme obavješteni su o razlogu; ostatak Spone radi kao i obično.
notice-proposals-published = Objavljeni su predlozi kruga „{ $subject }“: molimo vas da na njih odgovorite.
notice-partner-accepted = { $subject } prihvata predlog za saradnju s vama.
err-search-rebuilding = Pretraga se ponovo gradi nakon kvara i biće dostupna za nekoliko minuta. Ništa nije izgubljeno: svi resursi su sigurni i mogu se otvoriti preko svoje adrese.

## shared vocab.ftl
theme-transitional-justice = Tranziciona pravda
knowhow-wartime-media = Rad s medijima u ratnim uslovima
knowhow-grant-writing = Pisanje projektnih predloga
knowhow-digital-security = Digitalna bezbjednost

## accounts
user-disabled = nalog onemogućen
users-title = Korisnički nalozi
signin-invite-only = Nalozi se otvaraju samo na poziv: zamolite administratora ili administratorku svoje organizacije da vas pozove.
reset-lead = Unesite adresu e-pošte svog naloga. Poslaćemo vam link koji vrijedi jedan sat.
reset-sent = Ako za tu adresu postoji nalog, link za postavljanje nove lozinke je poslat. Može se upotrijebiti jednom, u roku od jednog sata.
account-title = Vaš nalog
account-totp-off = Prijava u dva koraka je isključena. Ako je uključite, vaš nalog ostaje zaštićen čak i ako lozinka procuri.
totp-step-secret = Dodajte nalog s ovim ključem:
mail-reset-body = Neko je zatražio postavljanje nove lozinke za vaš nalog na platformi Spona. Ako ste to bili vi, otvorite ovaj link u roku od jednog sata: { $link } — ako niste, zanemarite ovu poruku; vaša lozinka ostaje nepromijenjena.
err-totp = Kod nije ispravan ili je već iskorišten. Sačekajte novi kod i pokušajte ponovo.
err-not-yourself = Ovo ne možete uraditi s vlastitim nalogom.
people-invite-sent = Pozivnica je poslata poštom na adresu koju ste unijeli. Link dobija samo osoba koja čita taj poštanski sandučić; može se upotrijebiti jednom, u roku od 7 dana.
invite-have-account = Imate li već nalog na Sponi s ovom adresom?
invite-new-account = Novi ste na Sponi? Napravite nalog
invite-create-and-join = Napravi nalog i pridruži se
err-invite-signin = Ova adresa već ima nalog na Sponi. Prijavite se njime kako biste prihvatili pozivnicu.

## calls
calls-org-none = Bez organizacije (poziv spoljnog donatora)
calls-funder = Spoljni donator

## endorsements
en-endorse-lead = Dodajte svoje ime. Poslaćemo vam jednu poruku s linkom; podrška se broji kada je tamo potvrdite. Nepotvrđene podrške brišu se poslije 7 dana.

## events
event-attendance = Način učešća
event-online = Učešće na mreži
event-sign-in-to-register = Prijavite se na nalog kako biste se prijavili na događaj
event-participants = Učesnici
event-add-material-before = Dodajte materijal za učesnike
event-material-delete-hint = Nestaće sa stranice događaja i iz kalendara, a prostor koji je zauzimala vraća se vašoj organizaciji. Ovo se ne može poništiti.

## federation
fed-intro = Partnerske instalacije su drugi Spona serveri, kojima upravljaju drugi ljudi prema vlastitom zakonodavstvu. Paketi među njima šifrovani su za organizaciju koja ih prima i potpisani od servera koji ih šalje.
fed-packets-intro = Svi poslati i primljeni paketi, najnoviji prvi. Sadržaj se ovdje nikome ne prikazuje: šifrovan je za organizaciju koja ga prima.
fed-packets-sent = Poslato
fedref-intro = Upućivanja koja je vaša organizacija poslala organizacijama na partnerskim instalacijama ili primila od njih. Svako putuje potpisano i šifrovano za organizaciju koja ga prima; šalje se samo ono što usluga traži i na šta je osoba pristala.
fedref-dir-out = Poslato partneru

## groups
err-group-no-such-person = Niko s ovom adresom nema nalog.
group-newsletter-archive-empty = Još nijedan broj nije poslat.
group-newsletter-unsent =
    { $count ->
        [one] { $count } broj još nije poslat
        [few] { $count } broja još nisu poslata
       *[other] { $count } brojeva još nije poslato
    }

## home
a11y-body = Spona je napravljena tako da radi i kada je JavaScript isključen, na sporim vezama i s čitačima ekrana. Svaka stranica je HTML koji se generiše na serveru, s obrascima čija su polja označena, vidljivim fokusom i navedenim jezikom.
home-to-answer = Predlozi na koje treba odgovoriti
home-outdated = Prevodi označeni kao zastarjeli
home-offer-matching = Krugovi povezivanja organizacija i ljudi za razmjenu iskustva i mentorstvo, uz obrazloženje svakog predloga.
home-offer-vault = Šifrovani trezor dokaza za svjedočenja i datoteke, sa zabilježenim pristankom i potpisanim lancem nadzora.

## mail
account-mail-sent = Poruka za potvrdu je poslata; otvorite link u njoj kako biste potvrdili adresu.
admin-mail-sent = Poslato

## matching
matching-interpretation = Možemo raditi uz prevodioca ako nemamo zajednički jezik
matching-proposals = Predlozi
matching-rule = Pravilo bodovanja: 10 bodova za svako znanje koje jedna strana nudi, a drugoj treba (u oba smjera), 3 za svaku zajedničku tematsku oblast; zajednički radni jezik je obavezan osim ako jedna strana prihvata prevodioca (−4); parovima koji su već sarađivali oduzima se 8. Spona zatim bira skup parova s najvećim ukupnim zbirom — precizno, a ne par po par.
matching-publish = Objavi predloge organizacijama
matching-with-interpreter = nema — uz prevodioca
err-nothing-to-publish = Nema novih predloga za objavljivanje. Prvo pokrenite povezivanje.
err-already-answered = Vaša organizacija je već odgovorila na ovaj predlog.
matching-export = Preuzmi predloge (CSV)
matching-taking-part = Organizacija { $org } učestvuje u ovom krugu. Predložene partnere vidjećete ovdje kada ih koordinatori objave.
pair-end-lead = Završetkom se zatvara istorija para; druga strana i dalje može ostaviti svoju povratnu informaciju. Ukratko recite kako je bilo.
err-pair-ended = Ova saradnja je završena; njena istorija se više ne mijenja.
mentorship-side-b = Mentorisane osobe rade iz
mentorship-role = Učestvujete kao
mentorship-role-mentee = Mentorisana osoba
mentorship-statement = Svojim riječima: vaše iskustvo (mentori) ili vaši ciljevi (mentorisane osobe)
mentorship-interpretation = Mogu raditi uz prevodioca ako nemamo zajednički jezik
mentorship-capacity = Mentori: koliko mentorisanih osoba možete primiti (1–5). Mentorisane osobe: 1.
mentorship-anonymous-mentee = Mentorisana osoba { $from }
err-country-not-on-side = Mentori rade iz država strane A, mentorisane osobe iz država strane B. Izaberite državu na svojoj strani.
err-person-already-in = Već učestvujete u ovom krugu; osoba je samo na jednoj strani (mentor ili mentorisana osoba).
matching-sides-hint = U krugu mentorstva osobe sa strane A su mentori, a osobe sa strane B mentorisane osobe.
err-already-answered-person = Već ste odgovorili na ovaj predlog.
matching-closed-published = prijave su zatvorene, predlozi su objavljeni
matching-published-see-below = Predlozi su objavljeni: vaši su ispod.
matching-published-none = Predlozi su objavljeni; u ovom krugu za vas nema predloga.
matching-taking-part-published = { $org } učestvuje u ovom krugu. Predlozi su objavljeni: pogledajte ispod.
matching-taking-part-none = { $org } učestvuje u ovom krugu. Predlozi su objavljeni; za „{ $org }“ nema predloga.

## monitoring
mon-rec-implementation = Sprovođenje
mon-rec-body-hint = Na primjer CEDAW ili Savjet za ljudska prava (nije obavezno).
mon-imp-intro = Učitajte CSV ili XLSX datoteku u obliku izvoza UHRI ili baze UPR Info. Prije nego što se išta sačuva, vidjećete šta bi uvoz uradio. Redovi se uparuju po mehanizmu, oznaci i paragrafu, pa ponovni uvoz iste datoteke ništa ne mijenja.
mon-imp-status-partially = Djelimično sprovedeno
mon-imp-status-implemented = Sprovedeno
mon-imp-participants-title = Organizacije koje učestvuju u praćenju
mon-imp-participants-intro = Samo organizacije koje učestvuju ocjenjuju preporuke pored države. Njihovi administratori potpisuju svaku ocjenu u ime organizacije.
mon-imp-participants-heading = Učesnici
mon-imp-participants-none = Još nijedna organizacija ne učestvuje.
mon-imp-participants-add = Dodaj među učesnike
mon-imp-done-participant-added = Organizacija sada učestvuje.
mon-imp-done-participant-removed = Organizacija više ne učestvuje. Njene ocjene ostaju u istoriji.
mon-imp-measures-title = Mjere za sprovođenje preporuka
mon-imp-assess-outside = Ove organizacije kojima administrirate ne učestvuju u praćenju, pa ne mogu ocjenjivati:
mon-imp-assess-nobody = Ocjenjuju samo administratori platforme (stanje koje navodi država) i administratori organizacija koje učestvuju.
mon-imp-assess-signed = Ocjena se potpisuje ključem ove instalacije u ime organizacije i zamjenjuje njenu trenutnu ocjenu; ranija ostaje u istoriji.
mon-imp-err-not-participant = Ova organizacija ne učestvuje u praćenju: administrator platforme mora je dodati među učesnike prije nego što može ocjenjivati.
mon-dash-intro = Koliko ima preporuka, kakvo je njihovo stanje prema državi i prema organizacijama koje učestvuju, gdje se ta viđenja razlikuju i koje mjere kasne.
mon-dash-cso-intro = Trenutna ocjena svake organizacije koja učestvuje.
mon-dash-state-partially = Djelimično sprovedeno
mon-dash-state-implemented = Sprovedeno
mon-rep-new-intro = Sastavite izvještaj od izabranih preporuka, sa statusom koji navodi država i s procjenama i dokazima organizacija koje učestvuju u praćenju, kao dokument koji možete uređivati i poslati.
mon-rep-lang-hint = Tekst svake preporuke daje se na ovom jeziku ako je prevod sačuvan, a inače na izvornom jeziku, uz napomenu o tome.
mon-rep-title-hint = Nije obavezan. Bez njega izvještaj se zove „Izvještaj u sjeni o sprovođenju preporuka“.
mon-rep-orgs-none = Još nijedna organizacija ne učestvuje u praćenju.
mon-rep-status-partially = djelimično sprovedeno
mon-rep-status-implemented = sprovedeno
mon-rep-err-org = Organizacije potpisnice moraju biti organizacije koje učestvuju u praćenju.
mon-rep-doc-default-title = Izvještaj u sjeni o sprovođenju preporuka
mon-rep-doc-intro =
    Pripremljeno u Sponi { $date } Obuhvata { $count ->
        [one] { $count } preporuku
        [few] { $count } preporuke
       *[other] { $count } preporuka
    }, sa statusom koji navodi država i procjenama organizacija civilnog društva koje učestvuju u praćenju.
mon-rep-doc-original = Izvorni tekst ({ $lang }): prevod na jezik ovog izvještaja nije sačuvan.
mon-rep-doc-no-csos = Nijedna organizacija učesnica još nije procijenila ovu preporuku.
mon-rep-home-intro = Pratite šta su države obećale i šta institucije čine: preporuke mehanizama za ljudska prava i planova, preduzete mjere, gdje je svaka prema državi i prema organizacijama civilnog društva koje učestvuju, i suđenja praćena na sudu.
mon-rep-home-measures-about = Mjere i pokazatelji kojima se sprovode preporuke, s odgovornim institucijama i rokovima.
mon-rep-home-reports-about = Sastavite izvještaj od izabranih preporuka s procjenama i dokazima organizacija, kao dokument. Za administratore platforme i članove organizacija učesnica.

## newsletters
newsletter-you-get-it = Ovaj bilten primate na adresu svog naloga.
newsletter-consent-member = Brojevi ovog biltena stizaće na adresu vašeg naloga. Možete se odjaviti u svakom trenutku ovdje ili preko linka u svakom broju.
newsletter-archive-empty = Još nijedan broj nije poslat.
newsletter-state-sent = poslat
newsletter-confirmed = Primaćete { $name } e-poštom. Svaki broj ima link za odjavu.
newsletter-preview-note = Pregled: ovaj broj još nije poslat.
newsletter-edit-hint = Napišite naslov i tekst (Markdown) na svakom jeziku koji imate; svaki čitalac dobija svoj jezik, ili engleski, ili prvi napisani.
newsletter-sent-note = Poslato { $when }, pretplatnika: { $count }. Poslati broj ne može se mijenjati.
newsletter-test-sent = Proba na svakom jeziku poslata je na vašu adresu.
newsletter-confirm-mail-text =
    Neko, nadamo se vi, zatražio je da na ovu adresu prima bilten { $name }.
    
    Kako biste potvrdili, otvorite ovaj link i pritisnite dugme na stranici:
    { $link }
    
    Ako to niste bili vi, zanemarite ovu poruku: ništa više neće biti poslato, a adresa se briše poslije 30 dana.
err-newsletter-sent = Ovaj broj je već poslat (ili se šalje) i ne može se mijenjati.

## publications
pb-languages = Takođe na
pb-schedule-intro = Biće javno prikazana od ovog trenutka. Planirajte oko značajnih datuma:
pb-date-unscr1325 = Godišnjica Rezolucije 1325 Savjeta bezbjednosti UN-a o ženama, miru i bezbjednosti

## quiz
qz-channels-hint = Link i QR kod za svako mjesto gdje je kviz najavljen (škola, TV spot, partner, objava na društvenim mrežama). Odgovori se broje po kanalu; niko nije identifikovan.
qz-no-account = Nije potreban nalog i ništa vas ne identifikuje: vaši odgovori se broje anonimno.
qz-about-intro = Ova pitanja nisu obavezna: bilo koje možete ostaviti prazno. Služe samo za brojanje po državi, oblasti i uzrastu.
qz-age = Uzrast
qz-t-age-band = Osobe po uzrastu

## referrals
ref-list = Poslata i primljena upućivanja
ref-status-sent = Poslato, čeka odgovor
ref-overridden = Poslato bez pristanka osobe (izuzetak)
ref-field-age-band = Starosna grupa
ref-stats-age-band = Starosna grupa
err-intake-safety = Odgovorite na bezbjednosna pitanja (da, ne ili ne znam).
err-referral-service-full = Ova usluga je popunjena; izaberite drugu ili se obratite pružaocu usluge.

## resources
hub-outdated = Zastarjeli prevodi
hub-translation-outdated = Druga jezička verzija se promijenila nakon što je ova napisana, pa ovaj prevod možda nije ažuran.
hub-add-translation = Dodaj prevod

## services
err-service-area-country = Svaku opštinu počnite oznakom države, na primjer „XK: Mitrovica“.
rfield-age-band = Starosna grupa
svc-ages = Uzrast
svc-form-municipalities = Opštine u kojima se pruža, jedna po redu
svc-form-cost = Koliko košta ili pod kojim uslovima
svc-form-referral-fields-hint = Upućivanje na ovu uslugu nosiće ovo i ništa drugo o osobi. Tražite samo ono što vam treba.

## texts
jt-sign-hint = Naziv vaše organizacije i današnji datum biće javno prikazani uz tekst. Potpis možete kasnije povući; povlačenje ostaje u istoriji.

## trials
trials-sentence-hint = Samo uz osuđujuću presudu; ostavite prazno ako kazne zatvora nema ili je uslovna.
trial-reason-procedural = Procesni predlog

## vault
vault-intro = Svjedočenja i dokazi, šifrovani u pohrani, s lancem nadzora u kojem se svaka izmjena otkriva. Samo tim predmeta zna da predmet postoji.
vault-case-title-hint = Čuva se šifrovano. Ne koristite ime preživjele osobe.
vault-consent-documentation = Za dokumentovanje
vault-consent-publication = Za anonimizovano objavljivanje
vault-store = Sačuvaj šifrovano
vault-testimony-intro = Zapis razgovora vođenog uz osjetljivost na rod. Svako polje se čuva šifrovano. Koristite pseudonim, nikada ime osobe.
vault-interpreter = Prevodilac/prevoditeljka
vault-safety = Bezbjednosne potrebe
vault-export-intro = Izaberite stavke čiji pristanak obuhvata upotrebu od strane tužilaštva. Šifruju se age ključem tužilaštva i pakuju s potpisanim popisom njihovih SHA-256 hash vrijednosti i lancem nadzora, kako bi se mogle provjeriti izvan mreže.
err-consent-required = Zabilježite pristanak osobe na dokumentovanje prije nego što bilo šta sačuvate.
vault-share-hint = Samo organizacije koje pristanak osobe navodi. Organizacija na partnerskoj instalaciji prima samu stavku, i dalje šifrovanu (za tu organizaciju), s lancem nadzora; za organizaciju ovdje bilježi se primopredaja.
fedvault-err-busy = Predmet se promijenio dok se stavka slala; ništa nije poslato. Pokušajte ponovo.
vault-received-intro = Dokazi koje su organizacije s partnerskih instalacija predale vašoj organizaciji, uz pristanak osobe. Svaka stavka stigla je šifrovana za vašu organizaciju, s lancem nadzora do primopredaje; svako preuzimanje bilježi se u lancu ovdje.

## exports, publog, quiz editor
exp-set-events-about = Svi događaji: šta su, kada i gdje se održavaju, na kojim jezicima i ko su organizatori. Linkovi za pridruživanje ostaju samo kod prijavljenih učesnika.
