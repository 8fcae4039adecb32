# Kampanje podrške (issue 22 item 3).
en-title = Kampanje
en-intro = Izjave i deklaracije koje svako može podržati svojim imenom i državom. Vaša adresa e-pošte služi samo za jednokratnu potvrdu podrške; nikome se ne prikazuje.
en-new = Pokreni kampanju
en-none = Još nema otvorene kampanje.
en-status-open = otvorena za podršku
en-status-closed = zatvorena
en-total = { $count ->
    [one] { $count } potvrđena podrška
    [few] { $count } potvrđene podrške
   *[other] { $count } potvrđenih podrški
}
en-back = Sve kampanje
en-by = Pokreće
en-open-from-to = Otvorena od { $from } do { $to }
en-open-from = Otvorena od { $from }
en-no-counts = Još nema potvrđene podrške.
en-counts-caption = Potvrđene podrške po državama
en-confirmed = Potvrđene
en-waiting = Čekaju potvrdu
en-invalidated = Poništene
en-made = Vrijeme
en-review = Pregled podrški
en-endorse-h = Podržite
en-endorse-lead = Dodajte svoje ime. Poslat ćemo vam jednu poruku s linkom; podrška se broji kada je tamo potvrdite. Nepotvrđene podrške brišu se poslije 7 dana.
en-name = Vaše ime
en-organisation = Organizacija (nije obavezno)
en-organisation-hint = Ako podržavate u ime organizacije, njen naziv.
en-email = Adresa e-pošte
en-email-hint = Samo za potvrdu podrške; nikada se ne prikazuje, i svaka adresa se broji jednom.
en-endorse-submit = Podrži
en-closed = Ova kampanja trenutno ne prima podršku.
en-json = Ova kampanja kao JSON
en-sent-h = Provjerite e-poštu
en-sent-text = Ako ova adresa još nije podržala ovu kampanju, poslali smo joj poruku s linkom. Otvorite ga i pritisnite dugme na toj stranici kako biste potvrdili podršku. Link vrijedi 7 dana.
en-confirm-h = Potvrdite podršku
en-confirm-what = { $name } ({ $country }) podržava „{ $title }“.
en-confirm-button = Potvrđujem podršku
en-confirmed-h = Hvala
en-confirmed-text = Vaša podrška je potvrđena i uračunata.
en-owner = Kampanja organizacije ili mreže
en-owner-hint = Organizacija koju administrirate ili mreža koju vaša organizacija koordinira. Njeni administratori koordiniraju kampanju.
en-variant-en = Na engleskom
en-variant-sr = Na srpskom (latinica ili ćirilica)
en-variant-uk = Na ukrajinskom
en-campaign-title = Naslov
en-statement = Izjava
en-opens-on = Otvorena od
en-closes-on = Posljednji dan (nije obavezno)
en-closes-on-hint = Ostavite prazno kako bi kampanja ostala otvorena do daljnjeg.
en-open-campaign = Pokreni kampanju
en-review-lead = Podrške po domeni e-pošte i po danima. Adrese se nikada ne prikazuju. Izaberite sumnjive podrške po vremenskom rasponu ili domeni, pogledajte koliko ih je, pa ih poništite: odmah se prestaju brojati.
en-review-done = { $count ->
    [one] Poništena je { $count } podrška.
    [few] Poništene su { $count } podrške.
   *[other] Poništeno je { $count } podrški.
}
en-review-filter = Izaberite podrške
en-review-from = Podrške od
en-review-to = Podrške prije
en-review-utc = Vremena su u UTC.
en-review-domain = Domena e-pošte
en-review-preview-button = Prikaži koliko ih je
en-review-preview = Izabrano je { $confirmed } potvrđenih i { $waiting } nepotvrđenih podrški.
en-review-invalidate = Poništi ove podrške
en-review-domains = Po domeni e-pošte
en-review-domains-caption = Podrške po domeni e-pošte, najbrojnije prvo
en-review-days = Po danima
en-review-days-caption = Podrške date po danima (UTC), najnoviji dani prvo
en-review-day = Dan
en-err-email = Unesite ispravnu adresu e-pošte, npr. ime@example.org.
en-err-disposable = Adrese servisa za jednokratnu e-poštu ne prihvataju se; koristite adresu koju trajno koristite.
en-err-name = Unesite svoje ime.
en-err-name-long = Ime može imati najviše 120 znakova.
en-err-country = Izaberite državu s popisa.
en-err-organisation = Naziv organizacije može imati najviše 200 znakova.
en-err-no-variant = Napišite naslov i izjavu barem na jednom jeziku.
en-err-title = Za svaki jezik potreban je naslov od najviše 200 znakova.
en-err-statement = Za svaki jezik potrebna je izjava od najviše 4.000 znakova.
en-err-date = Unesite datum kao 2026-03-08.
en-err-closes-before = Posljednji dan ne može biti prije prvog.
en-err-owner = Izaberite čija je ovo kampanja.
en-err-closed = Ova kampanja trenutno ne prima podršku.
en-err-link-invalid = Ovaj link za potvrdu nije ispravan. Provjerite jeste li otvorili cijeli link iz poruke.
en-err-link-used = Ova podrška je već potvrđena; link se ne može ponovo upotrijebiti.
en-err-link-withdrawn = Koordinatori kampanje su poništili ovu podršku.
en-err-link-expired = Ovaj link je istekao: podrške koje nisu potvrđene u roku od 7 dana brišu se. Molimo vas da ponovo date podršku.
en-err-filter-empty = Navedite vremenski raspon ili domenu: nije moguće poništiti sve podrške odjednom.
en-err-window = Kraj raspona mora biti poslije početka.
en-err-when = Unesite datum i vrijeme kao 2026-03-08T14:30.
en-mail-subject = Potvrdite podršku: { $title }
en-mail-text = Poštovani/a { $name },

    neko, vjerovatno vi, podržao je „{ $title }“ s ove adrese.
    Kako biste potvrdili, otvorite ovaj link i pritisnite dugme na stranici:

    { $link }

    Ako to niste bili vi, zanemarite ovu poruku: podrška se briše poslije 7 dana ako nije potvrđena.


tx-en-edit = Izmijenite kampanju
tx-en-edit-intro = Ispravite datume ili tekstove, ili dodajte jezik. Podrške i njihov broj ostaju kakvi jesu.
tx-en-edit-save = Sačuvajte izmjene
tx-en-close = Zatvorite kampanju
tx-en-close-intro = Kada se zatvori, kampanja ne prima nove podrške i ne potvrđuje one koje još čekaju potvrdu. Broj podrški ostaje kakav jeste.
tx-en-close-now = Zatvorite je sada
tx-en-counts-csv = Broj podrški po danima i državama (CSV)
tx-en-closed-on = Ova kampanja je zatvorena { $date }. Više ne prima podrške; brojevi iznad su konačni.
tx-en-err-link-closed = Ova kampanja je zatvorena, pa se podrške više ne potvrđuju. Hvala vam na podršci.
