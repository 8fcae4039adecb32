# Tekstet e veçorisë së burimeve (sq).

hub-title = Qendra e burimeve
hub-intro = Formularë për ndihmë juridike, protokolle për traumën, buxhete grantesh, udhëzime për kriza, raste studimore dhe udhëzues për financim, në anglisht, serbisht dhe ukrainisht, të përditësuara nga organizatat që i kanë shkruar.
hub-new = Burim i ri
hub-needs-review = Për rishikim
hub-needs-review-intro = Burimet e organizatave tuaja të cilave u ka kaluar data e rishikimit. Kontrolloni nëse janë ende të sakta, pastaj caktoni një datë të re rishikimi.
hub-outdated = Përkthime të vjetruara
hub-outdated-intro = Versione gjuhësore të shkruara para se të ndryshonte një version tjetër gjuhësor. Përditësojini, ose konfirmoni se ende përputhen.
hub-list-empty = Këtu nuk ka asgjë: gjithçka është e përditësuar.
hub-search = Kërko
hub-search-label = Kërkoni burime (në çdo gjuhë ose alfabet)
hub-search-hint = Me cirilicë ose latinisht, me ose pa shenja diakritike. Vendosini fjalët në "thonjëza" për t'i gjetur së bashku.
hub-kind = Lloji
hub-language = Gjuha
hub-results = { $count ->
    [one] { $count } burim
   *[other] { $count } burime
}
hub-feed = Rrjedha Atom e burimeve publike të reja dhe të përditësuara
hub-variants = Versionet gjuhësore
hub-translation-outdated = Një version tjetër gjuhësor ndryshoi pasi u shkrua ky, prandaj ky përkthim mund të jetë i vjetruar.
hub-confirm-translation = Ende përputhet
hub-review-overdue = Data e rishikimit të këtij burimi ka kaluar: pronarët e tij duhet të kontrollojnë nëse është ende i saktë.
hub-attachments = Bashkëngjitjet
hub-owner = Organizata
hub-visibility = Kush mund ta lexojë
hub-networks = Rrjetet (kur mund ta lexojnë vetëm anëtarët e tyre)
hub-updated = Përditësuar
hub-version-n = versioni { $n }
hub-review-due = Rishikim deri më
hub-versions = Versionet
hub-version = Versioni
hub-versions-caption = Çdo version i ruajtur, më i riu i pari. Zgjidhni dy për t'i krahasuar.
hub-version-current = Ky është versioni aktual.
hub-version-old = Ky është një version i vjetër.
hub-compare = Krahaso versionet
hub-compare-from = Nga
hub-compare-to = Te
hub-author = Autori
hub-changed-lines = { $count ->
    [one] { $count } rresht i ndryshuar
   *[other] { $count } rreshta të ndryshuar
}
hub-diff-legend = Rreshtat që fillojnë me + u shtuan, rreshtat që fillojnë me - u hoqën.
hub-edit = Ndrysho këtë version gjuhësor
hub-edit-details = Ndrysho të dhënat
hub-add-translation = Shto një përkthim
hub-attach = Bashkëngjitni një skedar këtij versioni gjuhësor
hub-attach-hint = PDF, DOCX, ODT, XLSX, ODS, PNG, JPEG ose WebP, deri në 25 MB. Teksti në PDF bëhet i kërkueshëm.
hub-attach-button = Ngarko
hub-back = Kthehu te burimi
hub-preview = Parapamje
hub-save = Ruaj
hub-written = Gjuha dhe alfabeti
hub-field-title = Titulli
hub-field-summary = Përmbledhja
hub-field-body = Teksti
hub-markdown-hint = Markdown: # titull, **i theksuar**, *i pjerrët*, - listë, [lidhje](https://…). HTML shfaqet si tekst.
hub-field-note = Çfarë ndryshoi
err-query-too-long = Kërkimi është shumë i gjatë: përdorni më së shumti 500 shenja.
err-edit-conflict = Dikush e ruajti këtë tekst ndërsa po e ndryshonit. Teksti juaj ruhet më poshtë: krahasojeni me versionin më të fundit, pastaj ruajeni përsëri.
