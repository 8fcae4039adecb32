# The resources feature's strings (bcms).

hub-title = Resursni centar
hub-intro = Obrasci za pravnu pomoć, protokoli za rad s traumom, budžeti projekata, smjernice za krize, studije slučaja i vodiči za finansiranje, na engleskom, srpskom i ukrajinskom, koje ažuriraju organizacije koje su ih napisale.
hub-new = Novi resurs
hub-needs-review = Treba provjeriti
hub-needs-review-intro = Resursi vaših organizacija kojima je prošao datum provjere. Provjerite jesu li još uvijek ispravni, pa postavite novi datum provjere.
hub-outdated = Zastarjeli prijevodi
hub-outdated-intro = Jezičke verzije napisane prije nego što se druga jezička verzija promijenila. Ažurirajte ih ili potvrdite da se i dalje slažu.
hub-list-empty = Ovdje nema ničega: sve je ažurno.
hub-search = Pretraži
hub-search-label = Pretraga resursa (bilo koji jezik ili pismo)
hub-search-hint = Ćirilica ili latinica, s dijakritičkim znacima ili bez njih. Riječi pod "navodnicima" traže se zajedno.
hub-kind = Vrsta
hub-language = Jezik
hub-results = { $count ->
    [one] { $count } resurs
    [few] { $count } resursa
   *[other] { $count } resursa
}
hub-feed = Atom kanal novih i ažuriranih javnih resursa
hub-variants = Jezičke verzije
hub-translation-outdated = Druga jezička verzija se promijenila nakon što je ova napisana, pa ovaj prijevod možda nije ažuran.
hub-confirm-translation = I dalje se slaže
hub-review-overdue = Datum provjere ovog resursa je prošao: vlasnici trebaju provjeriti je li još uvijek ispravan.
hub-attachments = Prilozi
hub-owner = Organizacija
hub-visibility = Ko ga može čitati
hub-networks = Mreže (kada ga smiju čitati samo njihove članice)
hub-updated = Ažurirano
hub-version-n = verzija { $n }
hub-review-due = Provjeriti do
hub-versions = Verzije
hub-version = Verzija
hub-versions-caption = Sve sačuvane verzije, najnovija prva. Izaberite dvije za poređenje.
hub-version-current = Ovo je trenutna verzija.
hub-version-old = Ovo je stara verzija.
hub-compare = Uporedi verzije
hub-compare-from = Od
hub-compare-to = Do
hub-author = Autor
hub-changed-lines = { $count ->
    [one] { $count } promijenjen red
    [few] { $count } promijenjena reda
   *[other] { $count } promijenjenih redova
}
hub-diff-legend = Redovi koji počinju s + dodani su, redovi koji počinju s - uklonjeni su.
hub-edit = Uredi ovu jezičku verziju
hub-edit-details = Uredi podatke
hub-add-translation = Dodaj prijevod
hub-attach = Priloži datoteku uz ovu jezičku verziju
hub-attach-hint = PDF, DOCX, ODT, XLSX, ODS, PNG, JPEG ili WebP, do 25 MB. Tekst u PDF datotekama postaje pretraživ.
hub-attach-button = Učitaj
hub-back = Nazad na resurs
hub-preview = Pregled
hub-save = Sačuvaj
hub-written = Jezik i pismo
hub-field-title = Naslov
hub-field-summary = Sažetak
hub-field-body = Tekst
hub-markdown-hint = Markdown: # naslov, **podebljano**, *kurziv*, - popis, [veza](https://…). HTML se prikazuje kao tekst.
hub-field-note = Šta je promijenjeno
err-query-too-long = Pretraga je predugačka: najviše 500 znakova.
err-edit-conflict = Neko je sačuvao ovaj tekst dok ste ga uređivali. Vaš tekst čuva se ispod: uporedite ga s najnovijom verzijom, pa ga ponovo sačuvajte.


