# Javni dnevnik (issue 24). Ids start with tlog-.
tlog-title = Javni dnevnik
tlog-intro = Svaki put kada ova platforma objavi, izmijeni ili povuče profil organizacije ili zajednički tekst, njegovu konačnu verziju ili potpis, u ovaj dnevnik upisuje zapis. Zapisi se nikada ne mijenjaju niti brišu.
tlog-how = Zapisi čine Merkleovo stablo (RFC 6962). Server svake minute, ako je nešto upisano, potpisuje veličinu stabla i njegov korijenski hash — kontrolnu tačku. Svako može čuvati kontrolne tačke koje vidi i zatražiti dokaz da nova nastavlja staru: dnevnik u kojem je neki zapis prepravljen ili uklonjen ne može dati taj dokaz.
tlog-checkpoint = Posljednja kontrolna tačka
tlog-size = { $count ->
    [one] { $count } zapis
    [few] { $count } zapisa
   *[other] { $count } zapisa
}
tlog-signed-at = potpisana
tlog-checkpoint-text = Kontrolna tačka kao tekst
tlog-key-text = Ključ za provjeru kao tekst
tlog-key = Ključ za provjeru
tlog-key-intro = Kontrolne tačke se potpisuju ovim Ed25519 ključem (potpisana bilješka). Sačuvajte kopiju: kontrolna tačka potpisana drugim ključem ne pripada ovom dnevniku.
tlog-verify = Kako sami provjeriti dnevnik
tlog-verify-intro = Svako može biti svjedok pomoću komandne linije Spone: ona provjerava potpis kontrolne tačke, nastavlja li onu viđenu prošli put i jesu li stranice koje navedete upisane u dnevnik.
tlog-recent = Najnoviji zapisi
tlog-none = U dnevniku još nema zapisa.
tlog-col-seq = Zapis
tlog-col-time = Vrijeme (UTC)
tlog-col-object = Objekat
tlog-col-action = Šta se dogodilo
tlog-col-version = Hash verzije
tlog-on-page = Javni dnevnik: zapis { $seq }, { $action }, { $time }
tlog-proof = dokaz
tlog-err-size = Za ove veličine nema dokaza: dnevnik ih još nije dostigao ili zapis nije u stablu te veličine.
tlog-err-number = Veličina, položaj ili broj moraju biti cijeli broj, nula ili veći.
tlog-err-path = Ta stranica ne prikazuje ništa što se upisuje u javni dnevnik.
tlog-err-no-key = Ključ za potpisivanje javnog dnevnika nije se mogao otvoriti; obratite se administratoru servera.
# Lane log24: the other kinds, tiles and the vault's custody tree. Ids start with plog-.
plog-kinds = Bilježi i svaku verziju javnog resursa u resursnom centru, javne događaje, objavljene usluge i ocjene praćenja: kada su objavljeni, izmijenjeni i povučeni.
plog-tiles-h = Pločice
plog-tiles = Dnevnik je dostupan i kao pločice (C2SP tlog-tiles), koje može pročitati svaki alat za transparentne dnevnike: hešovi na /log/tile/<nivo>/<indeks>, zapisi na /log/tile/entries/<indeks>.
plog-custody-h = Lanac čuvanja u trezoru dokaza
plog-custody = Svaki zapis lanca čuvanja predmeta u trezoru dokaza upisuje se i u zasebno, privatno stablo. Njegovi zapisi se nikada ne objavljuju; objavljuje se samo njegova potpisana kontrolna tačka, tako da niko ne može prepraviti zapise o predmetu, a da se to ne vidi, čak ni administratori servera.
plog-custody-checkpoint = Kontrolna tačka lanca čuvanja kao tekst
plog-custody-key = Ključ za provjeru lanca čuvanja kao tekst
