# Pošta: napuštanje liste, potvrda adrese na koju pošta nije stigla, red pošte za administratore.
unsub-title = Odjava s liste e-pošte
unsub-lead = Želite li da na ovu adresu više ne stiže pošta liste „{ $list }“? Ništa se ne mijenja dok ne pritisnete dugme.
unsub-submit = Zaustavi ovu poštu
unsub-done = Gotovo: na ovu adresu više ne stiže pošta liste „{ $list }“.
unsub-already = Ova adresa je već odjavljena s liste „{ $list }“; s nje se ništa više ne šalje.
account-mail-title = Vaša adresa e-pošte
account-mail-ok = Pošta na ovu adresu se isporučuje.
account-mail-bounced = Server e-pošte ove adrese odbio je poštu { $date }, pa je Spona prestala na nju slati poštu lista. Ako adresa ponovo radi, potvrdite je.
account-mail-confirm = Pošalji mi poruku za potvrdu
account-mail-sent = Poruka za potvrdu je poslana; otvorite link u njoj kako biste potvrdili adresu.
mail-confirm-subject = Spona: potvrdite adresu e-pošte
mail-confirm-body = Pošta na vašu adresu ranije je odbijena. Kako biste ponovo primali poštu Spone, otvorite ovaj link i ondje pritisnite dugme: { $link }
mail-confirm-title = Potvrdite adresu e-pošte
mail-confirm-lead = Pritisnite dugme kako biste potvrdili da pošta ponovo stiže na ovu adresu.
mail-confirm-submit = Potvrdi moju adresu
mail-confirmed = Hvala: adresa je potvrđena i pošta se na nju ponovo šalje.
admin-mail-title = Odlazna pošta
admin-mail-smtp = Pošta se šalje preko postavljenog servera e-pošte.
admin-mail-outbox = Server e-pošte nije postavljen: poruke se upisuju u direktorij outbox.
admin-mail-queued = Čeka slanje
admin-mail-retrying = Čeka poslije neuspjelog pokušaja
admin-mail-sent = Poslano
admin-mail-failed = Odustalo se
admin-mail-bouncing = Adrese koje odbijaju poštu
admin-mail-last-error = Posljednja greška
admin-mail-no-error = Nema.


