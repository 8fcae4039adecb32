# The home feature's strings (bcms).

home-title = Spona: civilno društvo preko granica
home-lead = Pronađite organizacije u Srbiji, Ukrajini, na Kosovu, u Bosni i Hercegovini, Hrvatskoj, Sjevernoj Makedoniji i šire, pogledajte koja znanja svaka od njih nudi i koja su joj potrebna i sarađujte sigurno.
a11y-title = Izjava o pristupačnosti
a11y-body = Spona je napravljena tako da radi i kada je JavaScript isključen, na sporim vezama i s čitačima ekrana. Svaka stranica je HTML koji se generira na serveru, s obrascima čija su polja označena, vidljivim fokusom i navedenim jezikom.
a11y-tested = Testira se pri svakom izdanju: svaki tip stranice na engleskom, srpskom (latinica i ćirilica) i ukrajinskom, u širini telefona i računara, alatom axe-core prema WCAG 2.1 A i AA (bez prekršaja), te svaki glavni tok s isključenim JavaScriptom u pregledniku Chromium bez grafičkog sučelja. Polja u obrascima su označena, a greške povezane s poljima. Svaku prepreku prijavite administratorima platforme.
network-count = { $count ->
    [one] { $count } mreža
    [few] { $count } mreže
   *[other] { $count } mreža
}
directory-search = Pretraži
home-mine-title = Vaša Spona
home-my-orgs = Vaše organizacije
home-edit-org = Uredite profil
home-nothing-waiting = Trenutno vas ništa ne čeka.
home-notices = Novosti za vas
home-to-answer = Prijedlozi na koje treba odgovoriti
home-pairs = Vaši parovi
home-check-in-due = vrijeme je za bilješku o radu para
home-to-review = Resursi koje treba pregledati
home-outdated = Prijevodi označeni kao zastarjeli
home-invitations = Pozivnice koje još nisu prihvaćene
home-invitations-pending = { $count ->
    [one] { $count } pozivnica čeka
    [few] { $count } pozivnice čekaju
   *[other] { $count } pozivnica čeka
}
home-vault-cases = { $count ->
    [0] Niste u timu nijednog predmeta u trezoru.
    [one] U timu ste { $count } predmeta u trezoru.
    [few] U timu ste { $count } predmeta u trezoru.
   *[other] U timu ste { $count } predmeta u trezoru.
}
home-offers = Šta Spona nudi
home-offer-directory = Imenik organizacija civilnog društva Zapadnog Balkana i Ukrajine: čime se svaka bavi, šta nudi i šta joj je potrebno — na vašem jeziku i pismu.
home-offer-resources = Zajednička biblioteka obrazaca pravne pomoći, protokola za rad s traumom, smjernica i budžeta za grantove, s pretragom na više jezika i pisama.
home-offer-matching = Krugovi povezivanja organizacija i ljudi za razmjenu iskustva i mentorstvo, uz obrazloženje svakog prijedloga.
home-offer-vault = Šifrirani trezor dokaza za svjedočenja i datoteke, sa zabilježenim pristankom i potpisanim lancem nadzora.
home-join = Kako se pridružiti
home-join-text = Organizacije civilnog društva pridružuju se Sponi na poziv. Da bi ušla u mrežu, organizacija se obraća organizaciji koja koordinira tu mrežu (vidite „Mreže“); da bi se pridružila platformi, piše administratorima platforme. Administrator/ka organizacije koja je već na Sponi šalje pozivnice ljudima iz svoje organizacije.


