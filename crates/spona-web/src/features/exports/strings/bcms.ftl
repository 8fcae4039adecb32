# The exports feature's strings (bcms).

exp-title = Otvoreni podaci
exp-lead = Svi javni skupovi podataka ove platforme, u cijelosti: bez ograničenja broja redova. Preuzmite ih kao CSV, kao Excel radnu knjigu (XLSX) ili kao OpenDocument tablicu (ODS).
exp-signed-in = Prijavljeni ste: datoteke sadrže i kontakt podatke koje organizacije dijele s članovima i članicama platforme.
exp-anonymous = Kontakt podaci koje organizacije dijele samo s članovima i članicama ostaju prazni. Prijavite se da biste ih dobili.
exp-set-organisations = Organizacije
exp-set-organisations-about = Imenik: naziv svake organizacije, država, grad, teme, znanja koja nudi i koja su joj potrebna, radni jezici, mreže i opisi.
exp-set-networks = Mreže
exp-set-networks-about = Svaka mreža s organizacijom koja je koordinira i s njenim članicama.
exp-set-know-how = Ponude i potrebe
exp-set-know-how-about = Po jedan red za svako znanje koje neka organizacija nudi ili traži.
exp-set-events = Događaji
exp-set-events-about = Svi događaji: šta su, kada i gdje se održavaju, na kojim jezicima i ko su organizatori. Linkovi za pridruživanje ostaju samo kod prijavljenih sudionika.
exp-set-resources = Resursni centar
exp-set-resources-about = Javni resursi iz resursnog centra: po jedan red za svaku jezičku verziju, s vrstom, vlasnikom, temama, državama, naslovom i sažetkom.
exp-rows = { $count ->
    [one] { $count } red
    [few] { $count } reda
   *[other] { $count } redova
}
exp-format-csv = CSV
exp-format-csv-bom = CSV za Excel
exp-format-xlsx = Excel (XLSX)
exp-format-ods = OpenDocument (ODS)
exp-services = Usluge
exp-services-about = Usluge se objavljuju u formatu Open Referral HSDS, kao paket podataka s povezanim tablicama.
exp-services-package = Opis HSDS paketa podataka
exp-services-zip = HSDS paket podataka (zip)
exp-about = O ovim datotekama
exp-progress = Velika datoteka počinje stizati odmah i raste kako se redovi čitaju; broj redova iznad pokazuje koliko ih treba očekivati. Excel radna knjiga se prvo sastavi, pa pošalje, zato treba trenutak dok preuzimanje ne počne.
exp-filters = Filteri imenika važe i za datoteke organizacija: dodajte ih adresi, na primjer ?country=RS&theme=legal-aid. Filter kojem ništa ne odgovara daje datoteku samo s redom zaglavlja.
exp-formulas = Ćelija koju bi program za tablice pročitao kao formulu (ona koja počinje s =, +, - ili @) u CSV datotekama počinje apostrofom.
exp-package = Opis paketa podataka (Frictionless datapackage.json)
exp-err-format = Nepoznat format datoteke: izaberite csv, xlsx ili ods.
exp-err-bom = Postavka bom prima 0 ili 1.
exp-err-no-filters = Ovaj skup podataka nema filtera: filtrirati se mogu samo organizacije.

# Lane exp24: monitoring and services data sets, members' resources, estimated sizes.
xp-set-recommendations = Preporuke
xp-set-recommendations-about = Preporuke mehanizama za ljudska prava koje platforma prati (Univerzalni periodični pregled, ugovorna tijela i drugi): tekst, država kojoj su upućene, države koje ih daju, teme i odgovor države.
xp-set-assessments = Ocjene civilnog društva
xp-set-assessments-about = Kako organizacije učesnice ocjenjuju provedbu svake preporuke: aktuelne i ranije ocjene, s komentarima, dokazima i potpisima. Osobe koje su ih unijele nisu navedene.
xp-set-services = Usluge
xp-set-services-about = Objavljene usluge iz kataloga, po jedan red za svaku, u kolonama tabele usluga standarda Open Referral HSDS. Lokacije, radno vrijeme i područja nalaze se u HSDS paketu podataka ispod.
xp-signed-in-hub = Datoteka centra resursa sadrži i resurse samo za članove i članice i resurse mreža koje možete čitati.
xp-hsds-heading = Usluge: cijeli HSDS paket podataka
xp-decimal = ,
xp-size-b = oko { $size } bajtova kao CSV
xp-size-kb = oko { $size } kB kao CSV
xp-size-mb = oko { $size } MB kao CSV
xp-size-gb = oko { $size } GB kao CSV
xp-estimate = Veličine su procijenjene na osnovu prvih redova; Excel i OpenDocument datoteke su komprimirane i obično manje.
