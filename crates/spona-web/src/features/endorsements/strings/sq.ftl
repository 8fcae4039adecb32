# Fushatat e mbështetjes nga njerëzit (issue 22 item 3).
en-title = Fushatat
en-intro = Deklarata dhe qëndrime që çdokush mund t'i mbështesë me emrin dhe shtetin e vet. Adresa juaj e email-it përdoret vetëm një herë, për të konfirmuar mbështetjen tuaj; nuk i shfaqet kurrë askujt.
en-new = Hapni një fushatë
en-none = Ende nuk është hapur asnjë fushatë.
en-status-open = e hapur për mbështetje
en-status-closed = e mbyllur
en-total = { $count ->
    [one] { $count } mbështetje e konfirmuar
   *[other] { $count } mbështetje të konfirmuara
}
en-back = Të gjitha fushatat
en-by = Nga
en-open-from-to = E hapur nga { $from } deri më { $to }
en-open-from = E hapur nga { $from }
en-no-counts = Ende asnjë mbështetje e konfirmuar.
en-counts-caption = Mbështetjet e konfirmuara sipas shtetit
en-confirmed = Të konfirmuara
en-waiting = Në pritje të konfirmimit
en-invalidated = Të anuluara
en-made = Dhënë më
en-review = Rishikoni mbështetjet
en-endorse-h = Mbështetni
en-endorse-lead = Shtoni emrin tuaj. Do t'ju dërgojmë një email me një lidhje; mbështetja juaj numërohet sapo ta konfirmoni atje. Mbështetjet e pakonfirmuara fshihen pas 7 ditësh.
en-name = Emri juaj
en-organisation = Organizata (opsionale)
en-organisation-hint = Nëse mbështetni në emër të një organizate, emri i saj.
en-email = Adresa e email-it
en-email-hint = Vetëm për të konfirmuar mbështetjen tuaj; nuk shfaqet kurrë dhe çdo adresë numërohet një herë.
en-endorse-submit = Mbështet
en-closed = Kjo fushatë nuk pranon mbështetje tani.
en-json = Kjo fushatë në JSON
en-sent-h = Kontrolloni email-in tuaj
en-sent-text = Nëse kjo adresë nuk e ka mbështetur ende këtë fushatë, i kemi dërguar një mesazh me një lidhje. Hapeni dhe shtypni butonin në atë faqe për të konfirmuar mbështetjen tuaj. Lidhja vlen 7 ditë.
en-confirm-h = Konfirmoni mbështetjen tuaj
en-confirm-what = { $name } ({ $country }) mbështet "{ $title }".
en-confirm-button = Konfirmo mbështetjen time
en-confirmed-h = Faleminderit
en-confirmed-text = Mbështetja juaj është konfirmuar dhe numëruar.
en-owner = Fushata i përket
en-owner-hint = Një organizatë që e administroni, ose një rrjet që e koordinon organizata juaj. Administratorët e saj e koordinojnë fushatën.
en-variant-en = Në anglisht
en-variant-sr = Në serbisht (me alfabet latin ose cirilik)
en-variant-uk = Në ukrainisht
en-campaign-title = Titulli
en-statement = Deklarata
en-opens-on = E hapur nga
en-closes-on = Dita e fundit e hapur (opsionale)
en-closes-on-hint = Lëreni bosh për ta mbajtur fushatën të hapur deri në njoftim të mëtejshëm.
en-open-campaign = Hap fushatën
en-review-lead = Mbështetjet sipas domenit të email-it dhe sipas ditës. Adresat nuk shfaqen kurrë. Përzgjidhni mbështetjet e dyshimta sipas një intervali kohor ose një domeni, shihni sa janë, pastaj anulojini: ato pushojnë së numëruari menjëherë.
en-review-done = { $count ->
    [one] { $count } mbështetje u anulua.
   *[other] { $count } mbështetje u anuluan.
}
en-review-filter = Përzgjidhni mbështetjet
en-review-from = Dhënë nga
en-review-to = Dhënë para
en-review-utc = Oraret janë në UTC.
en-review-domain = Domeni i email-it
en-review-preview-button = Shfaq sa janë
en-review-preview = Kjo përzgjedh { $confirmed } mbështetje të konfirmuara dhe { $waiting } të pakonfirmuara.
en-review-invalidate = Anuloji këto mbështetje
en-review-domains = Sipas domenit të email-it
en-review-domains-caption = Mbështetjet sipas domenit të email-it, më të shumtat të parat
en-review-days = Sipas ditës
en-review-days-caption = Mbështetjet e dhëna në ditë (UTC), më të rejat të parat
en-review-day = Dita
en-err-email = Shkruani një adresë të vlefshme email-i, si emri@example.org.
en-err-disposable = Adresat e shërbimeve të postës së përkohshme nuk pranohen; përdorni një adresë që e mbani.
en-err-name = Shkruani emrin tuaj.
en-err-name-long = Emri juaj mund të ketë më së shumti 120 shenja.
en-err-country = Zgjidhni shtetin tuaj nga lista.
en-err-organisation = Emri i organizatës mund të ketë më së shumti 200 shenja.
en-err-no-variant = Shkruani titullin dhe deklaratën të paktën në një gjuhë.
en-err-title = Çdo gjuhë ka nevojë për një titull prej më së shumti 200 shenjash.
en-err-statement = Çdo gjuhë ka nevojë për një deklaratë prej më së shumti 4.000 shenjash.
en-err-date = Shkruani një datë si 2026-03-08.
en-err-closes-before = Dita e fundit nuk mund të jetë para së parës.
en-err-owner = Zgjidhni të kujt është kjo fushatë.
en-err-closed = Kjo fushatë nuk pranon mbështetje tani.
en-err-link-invalid = Kjo lidhje konfirmimi nuk është e vlefshme. Kontrolloni nëse e hapët të gjithë lidhjen nga email-i.
en-err-link-used = Kjo mbështetje është konfirmuar tashmë; lidhja nuk mund të përdoret përsëri.
en-err-link-withdrawn = Kjo mbështetje u anulua nga koordinatorët e fushatës.
en-err-link-expired = Kjo lidhje ka skaduar: mbështetjet që nuk konfirmohen brenda 7 ditëve fshihen. Ju lutemi mbështetni përsëri.
en-err-filter-empty = Jepni një interval kohor ose një domen: nuk është e mundur të anulohen të gjitha mbështetjet njëherësh.
en-err-window = Fundi i intervalit duhet të jetë pas fillimit të tij.
en-err-when = Shkruani një datë dhe orë si 2026-03-08T14:30.
en-mail-subject = Konfirmoni mbështetjen tuaj: { $title }
en-mail-text = Përshëndetje { $name },

    dikush, ndoshta ju, mbështeti "{ $title }" me këtë adresë.
    Për ta konfirmuar, hapni këtë lidhje dhe shtypni butonin në faqe:

    { $link }

    Nëse nuk ishit ju, shpërfilleni këtë mesazh: mbështetja fshihet pas 7 ditësh nëse nuk konfirmohet.
tx-en-edit = Ndryshoni fushatën
tx-en-edit-intro = Korrigjoni datat ose tekstet, ose shtoni një gjuhë. Mbështetjet dhe numri i tyre mbeten siç janë.
tx-en-edit-save = Ruani ndryshimet
tx-en-close = Mbyllni fushatën
tx-en-close-intro = Pasi mbyllet, fushata nuk pranon mbështetje të reja dhe nuk konfirmon ato që ende presin. Numrat mbeten siç janë.
tx-en-close-now = Mbylleni tani
tx-en-counts-csv = Numrat sipas ditës dhe vendit (CSV)
tx-en-closed-on = Kjo fushatë u mbyll më { $date }. Nuk pranon më mbështetje; numrat më sipër janë përfundimtarë.
tx-en-err-link-closed = Kjo fushatë është mbyllur, prandaj mbështetjet nuk konfirmohen më. Ju faleminderit për mbështetjen.
