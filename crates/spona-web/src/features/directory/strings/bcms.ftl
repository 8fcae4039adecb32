# The directory feature's strings (bcms).

pager-position = Stranica { $page } od { $pages }
filter-any = Sve
directory-title = Imenik organizacija
directory-filters = Filtriranje organizacija
directory-clear = Poništi filtere
field-name = Naziv
field-description = Kratak opis
field-city = Grad
field-website = Web-stranica
field-phone = Telefon
field-network = Mreže
field-contact-visibility = Ko može vidjeti kontakt podatke
field-texts = Nazivi i opisi na drugim jezicima
field-texts-hint = Popunite jezike i pisma koje organizacija koristi. Srpski tekst napisan ćirilicom automatski se prikazuje latinicom onima koji čitaju latinicu.
visibility-public = Svi
visibility-members = Samo prijavljeni članovi i članice
org-contacts = Kontakt
org-contacts-members-only = Kontakt podaci se prikazuju samo prijavljenim članovima i članicama.
org-other-languages = Na drugim jezicima
org-edit = Uredi profil
org-edit-title = Uređivanje: { $name }
org-logo = Logo (PNG ili JPEG, do 1 MB)
org-logo-hint = Podaci o mjestu, fotoaparatu i autoru uklanjaju se iz objavljene kopije.
org-logo-upload = Učitaj logo
org-logo-remove = Ukloni logo
org-logo-alt = Logo organizacije { $name }
networks-title = Mreže
network-coordinator = Koordinira
network-members = Organizacije članice
network-filter-directory = Prikaži članice u imeniku
network-add-member = Dodaj organizaciju članicu
network-remove-member = Ukloni iz mreže
err-coordinator-stays = Organizacija koja koordinira mrežu ne može napustiti vlastitu mrežu.
err-filter-country = Nepoznata država u filteru. Izaberite jednu s popisa.
err-filter-theme = Nepoznata tematska oblast u filteru. Izaberite jednu s popisa.
err-filter-knowhow = Nepoznata vrsta znanja u filteru. Izaberite jednu s popisa.
err-filter-language = Nepoznat jezik u filteru. Izaberite jedan s popisa.
err-filter-network = Nepoznata mreža u filteru. Izaberite jednu s popisa.
err-image-missing = Izaberite datoteku sa slikom koju želite učitati.
org-our-buddy = Naš par za podršku u krizi


