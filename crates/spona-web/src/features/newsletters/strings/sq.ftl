## Buletinet
newsletters-title = Buletinet
newsletters-lead = Të reja, burime dhe histori suksesi nga rrjetet, me email dhe në një arkiv publik.
newsletters-none = Ende nuk ka buletine.
newsletter-new = Filloni një buletin
newsletter-create = Krijo buletinin
newsletter-field-network = Rrjeti
newsletter-field-name = Emri
newsletter-field-description = Për çfarë bëhet fjalë (opsionale)
newsletter-field-audience = Kush mund ta lexojë arkivin dhe të abonohet
newsletter-audience-public = Të gjithë: arkivi është publik dhe njerëzit jashtë Sponës mund të abonohen me email
newsletter-audience-members = Vetëm anëtarët e Sponës
newsletter-subscribe-h = Abonohuni
newsletter-you-get-it = Këtë buletin e merrni në adresën e llogarisë suaj.
newsletter-leave = Mos e merr më
newsletter-subscribe = Abonohu
newsletter-field-email = Adresa e email-it
newsletter-consent-public = Dëshiroj ta marr këtë buletin me email në këtë adresë. Mund të largohem në çdo kohë me lidhjen që gjendet në çdo numër.
newsletter-consent-member = Numrat e këtij buletini do t'i dërgohen adresës së llogarisë suaj. Mund të largoheni në çdo kohë këtu ose me lidhjen që gjendet në çdo numër.
newsletter-consent-id = Formulimi “{ $id }”, versioni { $version }.
newsletter-editors-h = Për redaktorët
newsletter-new-issue = Shkruani një numër të ri
newsletter-subscribers-link = Abonentët
newsletter-archive = Arkivi
newsletter-archive-empty = Ende nuk është dërguar asnjë numër.
newsletter-untitled = (draft pa titull)
newsletter-state = Gjendja
newsletter-state-draft = draft
newsletter-state-scheduled = planifikuar
newsletter-state-sending = po dërgohet
newsletter-state-sent = dërguar
newsletter-check-mail-h = Kontrolloni postën tuaj
newsletter-check-mail = Nëse adresa mund të marrë postë, është nisur një mesazh me një lidhje për të konfirmuar abonimin tuaj në { $name }. Asgjë nuk dërgohet derisa ta konfirmoni. Adresat që nuk konfirmohen harrohen pas 30 ditësh.
newsletter-confirm-h = Konfirmoni abonimin tuaj
newsletter-confirm-what = Të abonohet { $address } në { $name }?
newsletter-confirm-button = Po, më abono
newsletter-confirmed-h = Jeni abonuar
newsletter-confirmed = Do ta merrni { $name } me email. Çdo numër ka një lidhje për t'u larguar.
newsletter-preview-note = Parapamje: ky numër nuk është dërguar.
newsletter-back-to-editor = Kthehu te redaktori
newsletter-other-languages = Në gjuhë të tjera
newsletter-edit-h = Ndryshoni numrin
newsletter-edit-hint = Shkruani një titull dhe një tekst (Markdown) në secilën gjuhë që keni; çdo lexues merr gjuhën e vet, ose anglishten, ose të parën që është shkruar.
newsletter-lang-en = Anglisht
newsletter-lang-sr-Cyrl = Serbisht (cirilik)
newsletter-lang-sr-Latn = Serbisht (latinisht)
newsletter-lang-uk = Ukrainisht
newsletter-field-title = Titulli
newsletter-field-body = Teksti (Markdown)
newsletter-save = Ruaj
newsletter-sent-note = Dërguar më { $when } te { $count } abonentë. Një numër i dërguar nuk mund të ndryshohet.
newsletter-preview-h = Parapamja
newsletter-test-h = Provë
newsletter-test-button = Dërgomë një provë
newsletter-test-sent = Një provë për secilën gjuhë u dërgua në adresën tuaj.
newsletter-test-tag = Provë
newsletter-schedule-h = Dërgimi
newsletter-field-at = Dërgo më (data dhe ora, UTC)
newsletter-schedule = Planifiko
newsletter-unschedule = Mos e dërgo; ktheje në draft
newsletter-subscribers-h = Abonentët
newsletter-subscriber-count = { $count ->
    [one] { $count } abonent/e e merr numrin e ardhshëm.
   *[other] { $count } abonentë e marrin numrin e ardhshëm.
}
newsletter-subscribers-none = Ende nuk është abonuar askush.
newsletter-col-status = Statusi
newsletter-col-since = Që nga
newsletter-member = anëtar/e
newsletter-status-left = larguar
newsletter-status-confirmed = abonuar
newsletter-status-waiting = në pritje të konfirmimit
newsletter-confirm-mail-subject = Konfirmoni abonimin tuaj në { $name }
newsletter-confirm-mail-text = Dikush, shpresojmë ju, kërkoi ta marrë buletinin { $name } në këtë adresë.

    Për ta konfirmuar, hapni këtë lidhje dhe shtypni butonin në faqe:
    { $link }

    Nëse nuk ishit ju, shpërfilleni këtë mesazh: nuk do të dërgohet asgjë më shumë dhe adresa harrohet pas 30 ditësh.
newsletter-mail-footer = E merrni { $name } sepse jeni abonuar. Lexojeni këtë numër në internet: { $link }
newsletter-mail-from-group = { $name }: buletini i grupit të punës { $group }
    Faqja e buletinit: { $page }
err-newsletter-network = Zgjidhni një rrjet që e koordinoni.
err-newsletter-name = Jepini buletinit një emër prej më së shumti 120 shenjash.
err-newsletter-description = Përshkrimi mund të ketë më së shumti 2.000 shenja.
err-newsletter-audience = Zgjidhni kush mund ta lexojë arkivin dhe të abonohet.
err-newsletter-lang = Kjo gjuhë nuk ofrohet për numrat.
err-newsletter-title-long = Titulli mund të ketë më së shumti 200 shenja.
err-newsletter-body-long = Teksti është shumë i gjatë për një buletin.
err-newsletter-title-missing = Ky tekst ka nevojë për një titull.
err-newsletter-body-missing = Ky titull ka nevojë për një tekst.
err-newsletter-sent = Ky numër është dërguar tashmë (ose po dërgohet) dhe nuk mund të ndryshohet.
err-newsletter-not-scheduled = Ky numër nuk është planifikuar.
err-newsletter-empty = Numri është bosh: shkruani fillimisht një titull dhe një tekst të paktën në një gjuhë.
err-newsletter-when = Jepni datën dhe orën e dërgimit.
err-newsletter-past = Ajo orë ka kaluar: zgjidhni një orë në të ardhmen.
err-newsletter-email = Shkruani një adresë të vlefshme email-i, si emri@example.org.
err-newsletter-consent-needed = Shënoni kutinë për të thënë se dëshironi ta merrni buletinin.
err-newsletter-link = Kjo lidhje konfirmimi nuk është e vlefshme: është përdorur tashmë, është zëvendësuar nga një më e re ose ka skaduar. Abonohuni përsëri për të marrë një lidhje të re.
