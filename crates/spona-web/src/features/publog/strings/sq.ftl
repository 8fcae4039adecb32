# Regjistri publik (issue 24). Ids start with tlog-.
tlog-title = Regjistri publik
tlog-intro = Sa herë që kjo platformë publikon, ndryshon ose tërheq profilin e një organizate ose një tekst të përbashkët, një version përfundimtar ose një nënshkrim, ajo shton një hyrje në këtë regjistër. Hyrjet nuk ndryshohen dhe nuk fshihen kurrë.
tlog-how = Hyrjet formojnë një pemë Merkle (RFC 6962). Çdo minutë, kur është shtuar diçka, serveri nënshkruan madhësinë e pemës dhe hash-in e rrënjës së saj — një pikë kontrolli. Kushdo mund t'i ruajë pikat e kontrollit që ka parë dhe të kërkojë një provë se e reja e vazhdon të vjetrën: një regjistër në të cilin një hyrje është rishkruar ose hequr nuk mund ta japë këtë provë.
tlog-checkpoint = Pika e fundit e kontrollit
tlog-size = { $count ->
    [one] { $count } hyrje
   *[other] { $count } hyrje
}
tlog-signed-at = nënshkruar
tlog-checkpoint-text = Pika e kontrollit si tekst
tlog-key-text = Çelësi i verifikimit si tekst
tlog-key = Çelësi i verifikimit
tlog-key-intro = Pikat e kontrollit nënshkruhen me këtë çelës Ed25519 (një shënim i nënshkruar). Ruani një kopje: një pikë kontrolli e nënshkruar me një çelës tjetër nuk i përket këtij regjistri.
tlog-verify = Si ta kontrolloni vetë regjistrin
tlog-verify-intro = Kushdo mund të veprojë si dëshmitar me linjën e komandave të Sponës: ajo kontrollon nënshkrimin e pikës së kontrollit, nëse ajo e vazhdon atë që keni parë herën e kaluar dhe nëse faqet që përmendni janë në regjistër.
tlog-recent = Hyrjet më të reja
tlog-none = Regjistri nuk ka ende asnjë hyrje.
tlog-col-seq = Hyrja
tlog-col-time = Koha (UTC)
tlog-col-object = Objekti
tlog-col-action = Çfarë ndodhi
tlog-col-version = Hash-i i versionit
tlog-on-page = Regjistri publik: hyrja { $seq }, { $action }, { $time }
tlog-proof = prova
tlog-err-size = Nuk ka provë për këto madhësi: regjistri nuk i ka arritur ende, ose hyrja nuk është në një pemë me këtë madhësi.
tlog-err-number = Madhësia, pozicioni ose numri duhet të jetë numër i plotë, zero ose më i madh.
tlog-err-path = Kjo faqe nuk shfaq asnjë objekt që regjistrohet në regjistrin publik.
tlog-err-no-key = Çelësi i nënshkrimit të regjistrit publik nuk mund të hapej; drejtojuni operatorit të serverit.
# Lane log24: the other kinds, tiles and the vault's custody tree. Ids start with plog-.
plog-kinds = Ai regjistron edhe çdo version të një burimi publik në qendrën e burimeve, ngjarjet publike, shërbimet e publikuara dhe vlerësimet e monitorimit: kur publikohen, ndryshohen dhe tërhiqen.
plog-tiles-h = Pllakat
plog-tiles = Regjistri ofrohet edhe si pllaka (C2SP tlog-tiles), që mund t'i lexojë çdo mjet i bërë për regjistrat e transparencës: hash-et në /log/tile/<niveli>/<indeksi>, hyrjet në /log/tile/entries/<indeksi>.
plog-custody-h = Zinxhiri i ruajtjes në kasafortën e provave
plog-custody = Çdo hyrje e zinxhirit të ruajtjes së rasteve në kasafortën e provave shtohet edhe në një pemë të veçantë e private. Hyrjet e saj nuk publikohen kurrë; publikohet vetëm pika e saj e nënshkruar e kontrollit, që askush të mos mund ta rishkruajë historinë e një rasti pa u vënë re, as administratorët e serverit.
plog-custody-checkpoint = Pika e kontrollit e zinxhirit të ruajtjes si tekst
plog-custody-key = Çelësi i verifikimit i zinxhirit të ruajtjes si tekst
