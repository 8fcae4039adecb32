# Grupet e punës (sq).

groups-title = Grupet e punës
groups-lead = Grupe tematike përtej kufijve: njerëz nga disa organizata që hartojnë, planifikojnë dhe diskutojnë së bashku.
groups-filter = Filtroni grupet
groups-filter-apply = Shfaq grupet
groups-none = Ende nuk ka grupe pune.
group-new = Filloni një grup pune
group-create = Krijo grupin
group-preferences = Posta nga grupet e mia
group-search = Kërkoni në diskutime
group-network = Rrjeti
group-no-network = Pa rrjet
group-lang = Gjuha e emrit dhe e përshkrimit
group-join-policy = Kush mund të bashkohet
group-policy-open = I hapur: bashkohet kushdo që është i identifikuar
group-policy-request = Me kërkesë: e miraton një koordinator/e
group-policy-invitation = Vetëm me ftesë: koordinatorët shtojnë njerëz
group-member-count = { $count ->
    [one] { $count } anëtar/e
   *[other] { $count } anëtarë
}
group-you-are-coordinator = Ju e koordinoni këtë grup.
group-you-are-member = Jeni anëtar/e i këtij grupi.
group-you-are-requested = Kërkuat të bashkoheni; një koordinator/e do t'ju përgjigjet.
group-leave = Largohu nga grupi
group-invitation-only = Në këtë grup njerëzit i shtojnë koordinatorët.
group-join = Bashkohu me grupin
group-ask-to-join = Kërko të bashkohesh
group-threads = Diskutimet
group-threads-members-only = Diskutimet e një grupi janë për anëtarët e tij.
group-unread-threads = { $count ->
    [one] { $count } diskutim me postime të reja
   *[other] { $count } diskutime me postime të reja
}
group-post-count = { $count ->
    [one] { $count } postim
   *[other] { $count } postime
}
group-new-posts = { $count ->
    [one] { $count } i ri
   *[other] { $count } të reja
}
group-hidden = fshehur
group-new-thread = Filloni një diskutim
group-thread-title = Titulli
group-post-body = Teksti
group-post-hint = Markdown funksionon: *theksim*, lista, lidhje. Përmendni një anëtar/e me @ dhe emrin pa hapësira, p.sh. @jelena.
group-start-thread = Fillo diskutimin
group-members = Anëtarët
group-coordinator = koordinator/e
group-make-member = Bëje anëtar/e
group-make-coordinator = Bëje koordinator/e
group-remove = Hiq
group-requests = Kërkesat për t'u bashkuar
group-approve = Mirato
group-decline = Refuzo
group-add-member = Shto një anëtar/e
group-resources = Burimet
group-no-resources = Ende nuk ka burime të lidhura.
group-unlink = Hiq lidhjen
group-link-resource = Lidh një burim
group-resource-address = Adresa ose identifikuesi i një burimi në qendër
group-thread-hidden-because = Një koordinator/e e fshehu këtë diskutim; nuk pranohen përgjigje. Arsyeja:
group-thread-follow-on = Merrni postë për çdo përgjigje këtu.
group-thread-mute-on = Nuk merrni postë për këtë diskutim.
group-thread-default = Kthehu te cilësimi i grupit
group-follow = Ndiq
group-mute = Hesht
group-pages = Faqet e diskutimit
group-oldest = Më të vjetrat
group-earlier = Më herët
group-later = Më vonë
group-newest = Më të rejat
group-new-since-visit = Të reja që nga vizita juaj e fundit
group-edited = ndryshuar
group-edit = Ndrysho
group-reply = Përgjigju
group-send-reply = Dërgo përgjigjen
group-hide-thread = Fshih diskutimin
group-hide-reason = Arsyeja (ruhet në regjistrin e auditimit)
group-post-heading = Postimi { $n } nga { $author }
group-save = Ruaj
group-history = Versionet e mëparshme
group-no-history = Ky postim nuk është ndryshuar kurrë.
group-version = Versioni { $n }
group-search-words = Fjalët për t'u gjetur
group-search-go = Kërko
group-search-count = { $count ->
    [one] U gjet { $count } postim
   *[other] U gjetën { $count } postime
}
group-preferences-lead = Zgjidhni për secilin grup çfarë poste merrni. Përmendjet tuaja dhe përgjigjet në diskutimet tuaja dërgohen gjithmonë, përveç nëse e keni heshtur diskutimin.
group-preferences-none = Nuk jeni në asnjë grup pune.
group-mail-each = Çdo mesazh
group-mail-daily = Një përmbledhje ditore
group-mail-weekly = Një përmbledhje javore
group-mail-none = Asgjë
group-mail-footer = Për të ndryshuar çfarë poste merrni nga ky grup:
group-mail-mentioned = { $author } ju përmendi në “{ $title }” ({ $group }):
group-mail-new-thread = { $author } filloi “{ $title }” në { $group }:
group-mail-reply = { $author } u përgjigj në “{ $title }” ({ $group }):
group-digest-subject = Çfarë ka të re në { $group }
group-digest-intro-daily = Çfarë ka të re në { $group } që nga përmbledhja e djeshme:
group-digest-intro-weekly = Çfarë ka të re në { $group } këtë javë:
group-digest-post = { $author } (postimi { $n }):
group-digest-resources = Burime të lidhura
err-group-lang = Zgjidhni gjuhën e emrit dhe të përshkrimit.
err-group-policy = Zgjidhni kush mund të bashkohet me grupin.
err-group-invitation-only = Në këtë grup njerëzit i shtojnë vetëm koordinatorët.
err-group-last-coordinator = Një grup duhet të ketë të paktën një koordinator/e: caktoni fillimisht një tjetër.
err-group-no-such-person = Askush me këtë adresë nuk ka llogari.
err-group-action = Veprim i panjohur për një anëtar/e.
err-group-no-such-resource = Asnjë burim që mund ta lexoni nuk ka këtë adresë.
err-group-mail-choice = Zgjidhni çfarë poste dëshironi.
err-mention-outsider = Përmendët dikë që nuk është anëtar/e i këtij grupi. Përmendni vetëm anëtarë (siç shfaqen në listën e anëtarëve), ose shkruajeni emrin pa @.
err-thread-hidden = Ky diskutim u fsheh nga një koordinator/e dhe nuk pranon përgjigje.
group-files = Skedarët
group-files-hint = Opsionale. Deri në 5 skedarë: dokumente dhe fletëllogaritëse Word ose LibreOffice, PDF, imazhe PNG, JPEG ose WebP; më së shumti 25 MB secili. Vetëm anëtarët e grupit mund t'i shkarkojnë.
err-group-files-many = Një postim mban më së shumti 5 skedarë. Zgjidhni më pak dhe dërgojeni përsëri; nuk u ruajt asgjë.
group-delete-thread = Fshije këtë diskutim
group-delete-hint = Diskutimi largohet nga lista, kërkimi dhe përmbledhjet e grupit dhe nuk pranon më përgjigje. Arsyeja ruhet në regjistrin e auditimit.
group-delete-reason = Pse po e fshini
err-thread-deleted = Ky diskutim u fshi dhe nuk pranon përgjigje. Nuk u ruajt asgjë.
group-events = Ngjarjet
group-no-events = Nuk ka ngjarje të ardhshme të këtij grupi.
group-events-feed = Ngjarjet e grupit si rrjedhë kalendari (iCalendar)
group-digest-events = Ngjarje të shpallura
group-theme = Tema
group-no-theme = Pa temë
err-group-theme = Zgjidhni një temë nga lista, ose asnjë.

# Buletinet e një grupi (session 9)
group-newsletters-title = Buletinet
group-newsletters-link = Buletinet e grupit dhe arkivi i tyre
group-newsletters-lead = Anëtarët e grupit marrin çdo numër pa u abonuar (mund të largohen si çdo abonent); njerëzit jashtë Sponës abonohen në një buletin publik me email dhe konfirmojnë përmes një lidhjeje.
group-newsletters-none = Ky grup nuk ka ende buletin.
group-newsletter-new = Filloni një buletin për këtë grup
group-newsletter-archive = Arkivi
group-newsletter-archive-empty = Ende nuk është dërguar asnjë numër.
group-newsletter-unsent = { $count ->
    [one] { $count } numër ende i padërguar
   *[other] { $count } numra ende të padërguar
}

# Emrat e një grupi në disa gjuhë (session 9)
group-names-h = Emri i grupit në gjuhë të tjera
group-names-lead = Lexuesit e shohin emrin dhe përshkrimin në gjuhën e tyre kur ekziston, përndryshe në anglisht, përndryshe siç është shkruar fillimisht.
group-name-lang = Gjuha
group-name-save = Ruaj këtë gjuhë
group-name-remove = Hiq
group-other-lang-h = Edhe në një gjuhë tjetër (opsionale)
group-other-lang-hint = Lexuesit e asaj gjuhe e shohin këtë emër dhe përshkrim. Më shumë gjuhë mund të shtohen në faqen e grupit.
group-other-lang-none = Asnjë gjuhë tjetër
group-other-name = Emri në atë gjuhë
group-other-description = Përshkrimi në atë gjuhë
err-group-name-same-lang = Grupi është shkruar tashmë në këtë gjuhë: zgjidhni një tjetër.
groups-find = Emri ose përshkrimi (në çdo gjuhë ose alfabet)
