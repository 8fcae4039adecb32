# Radne grupe (bcms).

groups-title = Radne grupe
groups-lead = Tematske grupe preko granica: ljudi iz više organizacija koji zajedno pišu, planiraju i razgovaraju.
groups-filter = Filtriraj grupe
groups-filter-apply = Prikaži grupe
groups-none = Još nema radnih grupa.
group-new = Pokreni radnu grupu
group-create = Napravi grupu
group-preferences = Pošta iz mojih grupa
group-search = Pretraži razgovore
group-network = Mreža
group-no-network = Bez mreže
group-lang = Jezik naziva i opisa
group-join-policy = Ko se može pridružiti
group-policy-open = Otvorena: pridružuje se svako ko je prijavljen
group-policy-request = Na zahtjev: koordinator odobrava
group-policy-invitation = Samo po pozivu: koordinatori dodaju ljude
group-member-count = { $count ->
    [one] { $count } član
    [few] { $count } člana
   *[other] { $count } članova
}
group-you-are-coordinator = Vi koordinirate ovu grupu.
group-you-are-member = Član ste ove grupe.
group-you-are-requested = Zatražili ste pridruživanje; koordinator će odgovoriti.
group-leave = Napusti grupu
group-invitation-only = U ovu grupu ljude dodaju koordinatori.
group-join = Pridruži se grupi
group-ask-to-join = Zatraži pridruživanje
group-threads = Razgovori
group-threads-members-only = Razgovori grupe su za njene članove.
group-unread-threads = { $count ->
    [one] { $count } razgovor s novim porukama
    [few] { $count } razgovora s novim porukama
   *[other] { $count } razgovora s novim porukama
}
group-post-count = { $count ->
    [one] { $count } poruka
    [few] { $count } poruke
   *[other] { $count } poruka
}
group-new-posts = { $count ->
    [one] { $count } nova
    [few] { $count } nove
   *[other] { $count } novih
}
group-hidden = sakriven
group-new-thread = Započni razgovor
group-thread-title = Naslov
group-post-body = Tekst
group-post-hint = Markdown radi: *isticanje*, popisi, linkovi. Spomenite člana znakom @ i imenom bez razmaka, npr. @jelena.
group-start-thread = Započni razgovor
group-members = Članovi
group-coordinator = koordinator
group-make-member = Učini članom
group-make-coordinator = Učini koordinatorom
group-remove = Ukloni
group-requests = Traže pridruživanje
group-approve = Odobri
group-decline = Odbij
group-add-member = Dodaj člana
group-resources = Resursi
group-no-resources = Još nema povezanih resursa.
group-unlink = Ukloni vezu
group-link-resource = Poveži resurs
group-resource-address = Adresa ili oznaka resursa u resursnom centru
group-thread-hidden-because = Koordinator je sakrio ovaj razgovor; odgovori se ne primaju. Razlog:
group-thread-follow-on = Primate poštu za svaki odgovor ovdje.
group-thread-mute-on = Ne primate poštu o ovom razgovoru.
group-thread-default = Vrati na postavke grupe
group-follow = Prati
group-mute = Utišaj
group-pages = Stranice razgovora
group-oldest = Najstarije
group-earlier = Ranije
group-later = Kasnije
group-newest = Najnovije
group-new-since-visit = Novo od vaše posljednje posjete
group-edited = izmijenjeno
group-edit = Uredi
group-reply = Odgovor
group-send-reply = Pošalji odgovor
group-hide-thread = Sakrij razgovor
group-hide-reason = Razlog (čuva se u dnevniku revizije)
group-post-heading = Poruka { $n }, autor { $author }
group-save = Sačuvaj
group-history = Ranije verzije
group-no-history = Ova poruka nikad nije mijenjana.
group-version = Verzija { $n }
group-search-words = Riječi koje tražite
group-search-go = Traži
group-search-count = { $count ->
    [one] Pronađena je { $count } poruka
    [few] Pronađene su { $count } poruke
   *[other] Pronađeno je { $count } poruka
}
group-preferences-lead = Za svaku grupu izaberite koju poštu primate. Spominjanja i odgovori na vaše razgovore stižu uvijek, osim ako ste razgovor utišali.
group-preferences-none = Niste ni u jednoj radnoj grupi.
group-mail-each = Svaka poruka
group-mail-daily = Dnevni pregled
group-mail-weekly = Sedmični pregled
group-mail-none = Ništa
group-mail-footer = Da promijenite koju poštu primate iz ove grupe:
group-mail-mentioned = { $author } vas je spomenuo/la u „{ $title }“ ({ $group }):
group-mail-new-thread = { $author } je započeo/la „{ $title }“ u grupi { $group }:
group-mail-reply = { $author } je odgovorio/la u „{ $title }“ ({ $group }):
group-digest-subject = Šta je novo u grupi { $group }
group-digest-intro-daily = Šta je novo u grupi { $group } od jučerašnjeg pregleda:
group-digest-intro-weekly = Šta je novo u grupi { $group } ove sedmice:
group-digest-post = { $author } (poruka { $n }):
group-digest-resources = Povezani resursi
err-group-lang = Izaberite jezik naziva i opisa.
err-group-policy = Izaberite ko se može pridružiti grupi.
err-group-invitation-only = U ovu grupu ljude dodaju samo koordinatori.
err-group-last-coordinator = Grupa zadržava barem jednog koordinatora: prvo imenujte drugog.
err-group-no-such-person = Niko s ovom adresom nema račun.
err-group-action = Nepoznata radnja za člana.
err-group-no-such-resource = Nema resursa s ovom adresom koji možete čitati.
err-group-mail-choice = Izaberite koju poštu želite.
err-mention-outsider = Spomenuli ste nekoga ko nije član ove grupe. Spominjite samo članove (kako ih prikazuje popis članova) ili napišite ime bez @.
err-thread-hidden = Koordinator je sakrio ovaj razgovor i on ne prima odgovore.
group-files = Datoteke
group-files-hint = Nije obavezno. Do 5 datoteka: PDF, Word ili LibreOffice dokumenti i tablice, PNG, JPEG ili WebP slike; najviše 25 MB svaka. Mogu ih preuzeti samo članovi grupe.
err-group-files-many = Jedna poruka nosi najviše 5 datoteka. Izaberite manje i pošaljite ponovo; ništa nije sačuvano.
group-delete-thread = Izbriši ovaj razgovor
group-delete-hint = Razgovor nestaje s popisa grupe, iz pretrage i pregleda te više ne prima odgovore. Razlog se čuva u dnevniku revizije.
group-delete-reason = Zašto ga brišete
err-thread-deleted = Ovaj razgovor je izbrisan i ne prima odgovore. Ništa nije sačuvano.
group-events = Događaji
group-no-events = Ova grupa nema predstojećih događaja.
group-events-feed = Događaji grupe kao kalendarski kanal (iCalendar)
group-digest-events = Najavljeni događaji
group-theme = Tema
group-no-theme = Bez teme
err-group-theme = Izaberite temu s popisa ili nijednu.

# A group's newsletters (session 9)
group-newsletters-title = Bilteni
group-newsletters-link = Bilteni grupe i njihova arhiva
group-newsletters-lead = Članovi grupe primaju svaki broj bez prijave (mogu se odjaviti kao i svaki pretplatnik); ljudi izvan Spone prijavljuju se na javni bilten e-poštom i potvrđuju putem linka.
group-newsletters-none = Ova grupa još nema bilten.
group-newsletter-new = Pokrenite bilten ove grupe
group-newsletter-archive = Arhiva
group-newsletter-archive-empty = Još nijedan broj nije poslan.
group-newsletter-unsent = { $count ->
    [one] { $count } broj još nije poslan
    [few] { $count } broja još nisu poslana
   *[other] { $count } brojeva još nije poslano
}

# A group's names in several languages (session 9)
group-names-h = Naziv grupe na drugim jezicima
group-names-lead = Čitaoci vide naziv i opis na svom jeziku kada postoji, inače na engleskom, inače onako kako je prvi put napisan.
group-name-lang = Jezik
group-name-save = Sačuvaj ovaj jezik
group-name-remove = Ukloni
group-other-lang-h = I na drugom jeziku (neobavezno)
group-other-lang-hint = Čitaoci tog jezika vide ovaj naziv i opis. Više jezika može se dodati na stranici grupe.
group-other-lang-none = Bez drugog jezika
group-other-name = Naziv na tom jeziku
group-other-description = Opis na tom jeziku
err-group-name-same-lang = Grupa je već napisana na ovom jeziku: izaberite drugi.
groups-find = Naziv ili opis (bilo koji jezik ili pismo)


