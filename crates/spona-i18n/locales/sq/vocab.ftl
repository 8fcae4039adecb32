# Emërtimet e fjalorëve të kontrolluar të Sponës.

## Temat
theme-gender-equality = Barazia gjinore
theme-gbv-protection = Mbrojtja nga dhuna me bazë gjinore
theme-anti-trafficking = Luftimi i trafikimit të qenieve njerëzore
theme-peacebuilding = Ndërtimi i paqes
theme-transitional-justice = Drejtësia tranzicionale
theme-human-rights-monitoring = Monitorimi i të drejtave të njeriut
theme-eu-integration = Integrimi në BE
theme-lgbtq-rights = Të drejtat e personave LGBTQ+
theme-minority-rights = Të drejtat e pakicave
theme-roma-inclusion = Përfshirja e romëve
theme-youth = Të rinjtë
theme-culture = Kultura
theme-media = Media
theme-humanitarian-response = Reagimi humanitar
theme-psychosocial-support = Mbështetja psikosociale
theme-legal-aid = Ndihma juridike
theme-refugees-migration = Refugjatët dhe migracioni
theme-disability-rights = Të drejtat e personave me aftësi të kufizuara
theme-democratic-governance = Qeverisja demokratike

## Njohuritë
knowhow-safe-houses = Shtëpitë e sigurta
knowhow-wartime-media = Puna me mediat në kohë lufte
knowhow-trauma-care = Kujdesi për traumën
knowhow-evidence-preservation = Ruajtja e provave
knowhow-grant-writing = Shkrimi i aplikimeve për grante
knowhow-advocacy = Avokimi
knowhow-victim-referral = Referimi i viktimave
knowhow-hotline-operation = Menaxhimi i linjës telefonike ndihmëse
knowhow-digital-security = Siguria digjitale
knowhow-strategic-litigation = Litigimi strategjik
knowhow-trial-monitoring = Monitorimi i gjykimeve
knowhow-policy-analysis = Analiza e politikave
knowhow-gender-audits = Auditimet gjinore
knowhow-digital-storytelling = Rrëfimi digjital
knowhow-crisis-management = Menaxhimi i krizave
knowhow-community-organising = Organizimi i komunitetit
knowhow-volunteer-management = Menaxhimi i vullnetarëve
knowhow-reintegration-programmes = Programet e riintegrimit
knowhow-peer-support-groups = Grupet e mbështetjes mes të barabartëve
knowhow-data-protection = Mbrojtja e të dhënave

## Gjuhët e punës
lang-en = Anglisht
lang-sr = Serbisht
lang-uk = Ukrainisht
lang-sq = Shqip
lang-mk = Maqedonisht
lang-bs = Boshnjakisht
lang-hr = Kroatisht
lang-cnr = Malazezisht
lang-ru = Rusisht
lang-hu = Hungarisht
lang-ro = Rumanisht
lang-rom = Gjuha rome
lang-de = Gjermanisht
lang-fr = Frëngjisht

## Shtetet
country-RS = Serbia
country-UA = Ukraina
country-XK = Kosova
country-BA = Bosnja dhe Hercegovina
country-HR = Kroacia
country-MK = Maqedonia e Veriut
country-ME = Mali i Zi
country-AL = Shqipëria
country-SI = Sllovenia
country-MD = Moldavia
country-BG = Bullgaria
country-RO = Rumania
country-HU = Hungaria
country-PL = Polonia
country-DE = Gjermania
country-NL = Holanda
country-FR = Franca
country-AT = Austria
country-GB = Mbretëria e Bashkuar
country-US = Shtetet e Bashkuara

## Gjuhët e teksteve (gjuha dhe alfabeti)
textlang-en = Anglisht
textlang-sr-Latn = Serbisht (latinisht)
textlang-sr-Cyrl = Serbisht (cirilik)
textlang-uk = Ukrainisht
textlang-sq = Shqip
textlang-mk = Maqedonisht
textlang-bs = Boshnjakisht
textlang-hr = Kroatisht
textlang-cnr = Malazezisht

## Llojet e burimeve
rkind-legal-aid-form = Formular për ndihmë juridike
rkind-trauma-protocol = Protokoll për traumën dhe mbështetjen psikosociale
rkind-grant-budget = Model buxheti për grant
rkind-crisis-guideline = Udhëzim për reagim në kriza
rkind-best-practice = Praktikë e mirë
rkind-case-study = Rast studimor
rkind-funding-guide = Udhëzues për financim
rkind-policy-brief = Dokument politikash
rkind-training-material = Material trajnimi

## "Nga" një shtet, me parafjalën dhe rasën që kërkon gjuha (issue 13)
countryfrom-RS = nga Serbia
countryfrom-UA = nga Ukraina
countryfrom-XK = nga Kosova
countryfrom-BA = nga Bosnja dhe Hercegovina
countryfrom-HR = nga Kroacia
countryfrom-MK = nga Maqedonia e Veriut
countryfrom-ME = nga Mali i Zi
countryfrom-AL = nga Shqipëria
countryfrom-SI = nga Sllovenia
countryfrom-MD = nga Moldavia
countryfrom-BG = nga Bullgaria
countryfrom-RO = nga Rumania
countryfrom-HU = nga Hungaria
countryfrom-PL = nga Polonia
countryfrom-DE = nga Gjermania
countryfrom-NL = nga Holanda
countryfrom-FR = nga Franca
countryfrom-AT = nga Austria
countryfrom-GB = nga Mbretëria e Bashkuar
countryfrom-US = nga Shtetet e Bashkuara
