## Bilteni
newsletters-title = Bilteni
newsletters-lead = Novosti, resursi i priče o uspjehu iz mreža, e-poštom i u javnoj arhivi.
newsletters-none = Još nema biltena.
newsletter-new = Pokrenite bilten
newsletter-create = Napravi bilten
newsletter-field-network = Mreža
newsletter-field-name = Naziv
newsletter-field-description = O čemu piše (nije obavezno)
newsletter-field-audience = Ko može čitati arhivu i prijaviti se
newsletter-audience-public = Svi: arhiva je javna, a ljudi izvan Spone mogu se prijaviti e-poštom
newsletter-audience-members = Samo članovi Spone
newsletter-subscribe-h = Prijava
newsletter-you-get-it = Ovaj bilten primate na adresu svog računa.
newsletter-leave = Odjavi me
newsletter-subscribe = Prijavi me
newsletter-field-email = Adresa e-pošte
newsletter-consent-public = Želim primati ovaj bilten e-poštom na ovu adresu. Mogu se odjaviti u svakom trenutku preko linka u svakom broju.
newsletter-consent-member = Brojevi ovog biltena stizat će na adresu vašeg računa. Možete se odjaviti u svakom trenutku ovdje ili preko linka u svakom broju.
newsletter-consent-id = Tekst „{ $id }“, verzija { $version }.
newsletter-editors-h = Za urednike
newsletter-new-issue = Napiši novi broj
newsletter-subscribers-link = Pretplatnici
newsletter-archive = Arhiva
newsletter-archive-empty = Još nijedan broj nije poslan.
newsletter-untitled = (nacrt bez naslova)
newsletter-state = Stanje
newsletter-state-draft = nacrt
newsletter-state-scheduled = zakazan
newsletter-state-sending = šalje se
newsletter-state-sent = poslan
newsletter-check-mail-h = Provjerite poštu
newsletter-check-mail = Ako adresa može primati poštu, stiže vam poruka s linkom za potvrdu prijave na { $name }. Ništa se ne šalje dok ne potvrdite. Nepotvrđene adrese brišu se nakon 30 dana.
newsletter-confirm-h = Potvrdite prijavu
newsletter-confirm-what = Prijaviti { $address } na { $name }?
newsletter-confirm-button = Da, prijavi me
newsletter-confirmed-h = Prijavljeni ste
newsletter-confirmed = Primat ćete { $name } e-poštom. Svaki broj ima link za odjavu.
newsletter-preview-note = Pregled: ovaj broj još nije poslan.
newsletter-back-to-editor = Nazad na uređivanje
newsletter-other-languages = Na drugim jezicima
newsletter-edit-h = Uređivanje broja
newsletter-edit-hint = Napišite naslov i tekst (Markdown) na svakom jeziku koji imate; svaki čitalac dobiva svoj jezik, ili engleski, ili prvi napisani.
newsletter-lang-en = engleski
newsletter-lang-sr-Cyrl = srpski (ćirilica)
newsletter-lang-sr-Latn = srpski (latinica)
newsletter-lang-uk = ukrajinski
newsletter-field-title = Naslov
newsletter-field-body = Tekst (Markdown)
newsletter-save = Sačuvaj
newsletter-sent-note = Poslano { $when }, pretplatnika: { $count }. Poslani broj ne može se mijenjati.
newsletter-preview-h = Pregled
newsletter-test-h = Proba
newsletter-test-button = Pošalji probu sebi
newsletter-test-sent = Proba na svakom jeziku poslana je na vašu adresu.
newsletter-test-tag = Proba
newsletter-schedule-h = Slanje
newsletter-field-at = Pošalji u (datum i vrijeme, UTC)
newsletter-schedule = Zakaži
newsletter-unschedule = Ne šalji; vrati u nacrt
newsletter-subscribers-h = Pretplatnici
newsletter-subscriber-count = { $count ->
    [one] Sljedeći broj prima { $count } pretplatnik.
    [few] Sljedeći broj primaju { $count } pretplatnika.
   *[other] Sljedeći broj prima { $count } pretplatnika.
}
newsletter-subscribers-none = Još se niko nije prijavio.
newsletter-col-status = Stanje
newsletter-col-since = Od
newsletter-member = član
newsletter-status-left = odjavljen
newsletter-status-confirmed = prijavljen
newsletter-status-waiting = čeka potvrdu
newsletter-confirm-mail-subject = Potvrdite prijavu na { $name }
newsletter-confirm-mail-text = Neko, nadamo se vi, zatražio je da na ovu adresu prima bilten { $name }.

    Kako biste potvrdili, otvorite ovaj link i pritisnite dugme na stranici:
    { $link }

    Ako to niste bili vi, zanemarite ovu poruku: ništa više neće biti poslano, a adresa se briše poslije 30 dana.
newsletter-mail-footer = Primate { $name } jer ste se prijavili. Pročitajte ovaj broj na webu: { $link }
newsletter-mail-from-group = { $name }: bilten radne grupe { $group }
    Stranica biltena: { $page }
err-newsletter-network = Izaberite mrežu koju koordinirate.
err-newsletter-name = Dajte biltenu naziv od najviše 120 znakova.
err-newsletter-description = Opis može imati najviše 2.000 znakova.
err-newsletter-audience = Izaberite ko može čitati arhivu i prijaviti se.
err-newsletter-lang = Taj jezik se ne nudi za brojeve biltena.
err-newsletter-title-long = Naslov može imati najviše 200 znakova.
err-newsletter-body-long = Tekst je predugačak za bilten.
err-newsletter-title-missing = Ovom tekstu treba naslov.
err-newsletter-body-missing = Ovom naslovu treba tekst.
err-newsletter-sent = Ovaj broj je već poslan (ili se šalje) i ne može se mijenjati.
err-newsletter-not-scheduled = Ovaj broj nije zakazan.
err-newsletter-empty = Broj je prazan: prvo napišite naslov i tekst barem na jednom jeziku.
err-newsletter-when = Unesite datum i vrijeme slanja.
err-newsletter-past = To vrijeme je prošlo: izaberite vrijeme u budućnosti.
err-newsletter-email = Unesite ispravnu adresu e-pošte, npr. ime@example.org.
err-newsletter-consent-needed = Označite polje kako biste potvrdili da želite primati bilten.
err-newsletter-link = Ovaj link za potvrdu nije važeći: već je iskorišten, zamijenjen novijim ili je istekao. Ponovo se prijavite kako biste dobili novi link.


