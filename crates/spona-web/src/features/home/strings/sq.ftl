# Tekstet e veçorisë së faqes kryesore (sq).

home-title = Spona: shoqëria civile përtej kufijve
home-lead = Gjeni organizata në Serbi, Ukrainë, Kosovë, Bosnjë e Hercegovinë, Kroaci, Maqedoni të Veriut e më gjerë, shihni çfarë njohurish ofron dhe kërkon secila dhe punoni së bashku në mënyrë të sigurt.
a11y-title = Deklarata e qasshmërisë
a11y-body = Spona është ndërtuar që të funksionojë pa JavaScript, me lidhje të ngadalta dhe me lexues ekrani. Çdo faqe është HTML e krijuar në server, me formularë të emërtuar, fokus të dukshëm dhe gjuhë të deklaruar.
a11y-tested = Testohet në çdo version: çdo lloj faqeje në anglisht, serbisht (latinisht dhe cirilik) dhe ukrainisht, në gjerësinë e telefonit dhe të kompjuterit, me axe-core sipas WCAG 2.1 A dhe AA (pa shkelje), dhe çdo rrjedhë kryesore me JavaScript të çaktivizuar në Chromium pa ndërfaqe. Formularët janë të emërtuar dhe gabimet lidhen me fushat e tyre. Ju lutemi raportojani çdo pengesë administratorëve të platformës.
network-count = { $count ->
    [one] { $count } rrjet
   *[other] { $count } rrjete
}
directory-search = Kërko
home-mine-title = Spona juaj
home-my-orgs = Organizatat tuaja
home-edit-org = Ndrysho profilin
home-nothing-waiting = Asgjë nuk ju pret tani.
home-notices = Të reja për ju
home-to-answer = Propozime për t'u përgjigjur
home-pairs = Çiftet tuaja
home-check-in-due = është koha për një përditësim
home-to-review = Burime për t'u rishikuar
home-outdated = Përkthime të shënuara si të vjetruara
home-invitations = Ftesa ende të papranuara
home-invitations-pending = { $count ->
    [one] { $count } ftesë në pritje
   *[other] { $count } ftesa në pritje
}
home-vault-cases = { $count ->
    [0] Nuk jeni në asnjë rast të kasafortës.
    [one] Jeni në { $count } rast të kasafortës.
   *[other] Jeni në { $count } raste të kasafortës.
}
home-offers = Çfarë ofron Spona
home-offer-directory = Një katalog i organizatave të shoqërisë civile të Ballkanit Perëndimor dhe Ukrainës: çfarë bën, ofron dhe kërkon secila, në gjuhën dhe alfabetin tuaj.
home-offer-resources = Një bibliotekë e përbashkët me formularë për ndihmë juridike, protokolle për traumën, udhëzime dhe buxhete grantesh, e kërkueshme në të gjitha gjuhët dhe alfabetet.
home-offer-matching = Raunde ndërlidhjeje që bashkojnë organizata dhe njerëz për shkëmbim mes kolegësh dhe mentorim, me arsyet për çdo propozim.
home-offer-vault = Një kasafortë e enkriptuar për prova, dëshmi dhe skedarë, me pëlqimin e regjistruar dhe një zinxhir ruajtjeje të nënshkruar.
home-join = Si të bashkoheni
home-join-text = Spona është e hapur për organizatat e shoqërisë civile me ftesë. Një organizatë kërkon të bashkohet me një rrjet përmes organizatës koordinuese të atij rrjeti (shihni Rrjetet), dhe kërkon të bashkohet me platformën duke u shkruar administratorëve të platformës; një administrator i një organizate që është tashmë në Spona fton anëtarët e saj.
