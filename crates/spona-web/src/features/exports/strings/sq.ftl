# The exports feature's strings (sq).

exp-title = Të dhëna të hapura
exp-lead = Të gjitha grupet publike të të dhënave të kësaj platforme, të plota: pa kufi rreshtash. Shkarkojini si CSV, si libër pune Excel (XLSX) ose si fletëllogaritëse OpenDocument (ODS).
exp-signed-in = Jeni të identifikuar: skedarët përfshijnë edhe të dhënat e kontaktit që organizatat ua ndajnë anëtarëve të platformës.
exp-anonymous = Të dhënat e kontaktit që organizatat ua ndajnë vetëm anëtarëve lihen bosh. Hyni për t'i përfshirë.
exp-set-organisations = Organizatat
exp-set-organisations-about = Katalogu: emri i secilës organizatë, shteti, qyteti, temat, njohuritë që ofron dhe që i nevojiten, gjuhët e punës, rrjetet dhe përshkrimet.
exp-set-networks = Rrjetet
exp-set-networks-about = Çdo rrjet me organizatën e tij koordinuese dhe anëtarët e tij.
exp-set-know-how = Ofertat dhe nevojat
exp-set-know-how-about = Një rresht për çdo lloj njohurie që një organizatë ofron ose kërkon.
exp-set-events = Ngjarjet
exp-set-events-about = Të gjitha ngjarjet: çfarë janë, kur dhe ku zhvillohen, në cilat gjuhë dhe kush i organizon. Lidhjet për t'u bashkuar u mbeten vetëm pjesëmarrësve të regjistruar.
exp-set-resources = Qendra e burimeve
exp-set-resources-about = Burimet publike të qendrës: një rresht për çdo version gjuhësor, me llojin, pronarin, temat, shtetet, titullin dhe përmbledhjen.
exp-rows = { $count ->
    [one] { $count } rresht
   *[other] { $count } rreshta
}
exp-format-csv = CSV
exp-format-csv-bom = CSV për Excel
exp-format-xlsx = Excel (XLSX)
exp-format-ods = OpenDocument (ODS)
exp-services = Shërbimet
exp-services-about = Shërbimet publikohen në formatin Open Referral HSDS, si paketë të dhënash me tabela të ndërlidhura.
exp-services-package = Përshkrimi i paketës së të dhënave HSDS
exp-services-zip = Paketa e të dhënave HSDS (zip)
exp-about = Rreth këtyre skedarëve
exp-progress = Një skedar i madh fillon të mbërrijë menjëherë dhe rritet ndërsa lexohen rreshtat; numri i rreshtave më sipër tregon sa duhet të prisni. Libri i punës Excel fillimisht përgatitet e pastaj dërgohet, prandaj kalon pak kohë derisa të nisë shkarkimi.
exp-filters = Filtrat e katalogut vlejnë edhe për skedarët e organizatave: shtojini në adresë, për shembull ?country=RS&theme=legal-aid. Një filtër që nuk përputhet me asgjë jep një skedar vetëm me rreshtin e titujve.
exp-formulas = Një qelizë që një fletëllogaritëse do ta lexonte si formulë (një që fillon me =, +, - ose @) në skedarët CSV fillon me një apostrof.
exp-package = Përshkrimi i paketës së të dhënave (Frictionless datapackage.json)
exp-err-format = Format i panjohur skedari: zgjidhni csv, xlsx ose ods.
exp-err-bom = Parametri bom merr vlerën 0 ose 1.
exp-err-no-filters = Ky grup të dhënash nuk ka filtra: mund të filtrohen vetëm organizatat.

# Lane exp24: monitoring and services data sets, members' resources, estimated sizes.
xp-set-recommendations = Rekomandimet
xp-set-recommendations-about = Rekomandimet e mekanizmave të të drejtave të njeriut që ndjek platforma (Rishikimi Periodik Universal, organet e traktateve dhe të tjerë): teksti, shteti të cilit i drejtohen, shtetet që i japin, temat dhe përgjigjja e shtetit.
xp-set-assessments = Vlerësimet e shoqërisë civile
xp-set-assessments-about = Si e vlerësojnë organizatat pjesëmarrëse zbatimin e çdo rekomandimi: vlerësimet aktuale dhe të mëparshme, me komentet, dëshmitë dhe nënshkrimet e tyre. Personat që i kanë futur nuk përmenden.
xp-set-services = Shërbimet
xp-set-services-about = Shërbimet e publikuara të katalogut, një rresht për secilin, në kolonat e tabelës së shërbimeve të standardit Open Referral HSDS. Vendndodhjet, oraret dhe zonat e tyre janë në paketën e të dhënave HSDS më poshtë.
xp-signed-in-hub = Skedari i qendrës së burimeve përmban edhe burimet vetëm për anëtarët dhe burimet e rrjeteve që ju lejohet të lexoni.
xp-hsds-heading = Shërbimet: e gjithë paketa e të dhënave HSDS
xp-decimal = ,
xp-size-b = rreth { $size } bajtë si CSV
xp-size-kb = rreth { $size } kB si CSV
xp-size-mb = rreth { $size } MB si CSV
xp-size-gb = rreth { $size } GB si CSV
xp-estimate = Madhësitë janë vlerësuar nga rreshtat e parë; skedarët Excel dhe OpenDocument janë të ngjeshur dhe zakonisht më të vegjël.
