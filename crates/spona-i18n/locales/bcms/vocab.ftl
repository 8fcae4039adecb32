# Labels of Spona's controlled vocabularies.

## Themes
theme-gender-equality = Rodna ravnopravnost
theme-gbv-protection = Zaštita od rodno zasnovanog nasilja
theme-anti-trafficking = Borba protiv trgovine ljudima
theme-peacebuilding = Izgradnja mira
theme-transitional-justice = Tranzicijska pravda
theme-human-rights-monitoring = Praćenje ljudskih prava
theme-eu-integration = Evropske integracije
theme-lgbtq-rights = Prava LGBTQ+ osoba
theme-minority-rights = Prava manjina
theme-roma-inclusion = Inkluzija Roma
theme-youth = Mladi
theme-culture = Kultura
theme-media = Mediji
theme-humanitarian-response = Humanitarno djelovanje
theme-psychosocial-support = Psihosocijalna podrška
theme-legal-aid = Pravna pomoć
theme-refugees-migration = Izbjeglice i migracije
theme-disability-rights = Prava osoba s invaliditetom
theme-democratic-governance = Demokratsko upravljanje

## Know-how
knowhow-safe-houses = Sigurne kuće
knowhow-wartime-media = Rad s medijima u ratnim uvjetima
knowhow-trauma-care = Rad s traumom
knowhow-evidence-preservation = Očuvanje dokaza
knowhow-grant-writing = Pisanje projektnih prijedloga
knowhow-advocacy = Zagovaranje
knowhow-victim-referral = Upućivanje žrtava
knowhow-hotline-operation = Vođenje SOS linije
knowhow-digital-security = Digitalna sigurnost
knowhow-strategic-litigation = Strateško parničenje
knowhow-trial-monitoring = Praćenje suđenja
knowhow-policy-analysis = Analiza javnih politika
knowhow-gender-audits = Rodne revizije
knowhow-digital-storytelling = Digitalno pripovijedanje
knowhow-crisis-management = Upravljanje krizama
knowhow-community-organising = Organizovanje zajednice
knowhow-volunteer-management = Upravljanje volonterima
knowhow-reintegration-programmes = Programi reintegracije
knowhow-peer-support-groups = Grupe vršnjačke podrške
knowhow-data-protection = Zaštita podataka

## Working languages
lang-en = Engleski
lang-sr = Srpski
lang-uk = Ukrajinski
lang-sq = Albanski
lang-mk = Makedonski
lang-bs = Bosanski
lang-hr = Hrvatski
lang-cnr = Crnogorski
lang-ru = Ruski
lang-hu = Mađarski
lang-ro = Rumunski
lang-rom = Romski
lang-de = Njemački
lang-fr = Francuski

## Countries
country-RS = Srbija
country-UA = Ukrajina
country-XK = Kosovo
country-BA = Bosna i Hercegovina
country-HR = Hrvatska
country-MK = Sjeverna Makedonija
country-ME = Crna Gora
country-AL = Albanija
country-SI = Slovenija
country-MD = Moldavija
country-BG = Bugarska
country-RO = Rumunija
country-HU = Mađarska
country-PL = Poljska
country-DE = Njemačka
country-NL = Holandija
country-FR = Francuska
country-AT = Austrija
country-GB = Ujedinjeno Kraljevstvo
country-US = Sjedinjene Američke Države

## Text languages (language and script)
textlang-en = Engleski
textlang-sr-Latn = Srpski (latinica)
textlang-sr-Cyrl = Srpski (ćirilica)
textlang-uk = Ukrajinski
textlang-sq = Albanski
textlang-mk = Makedonski
textlang-bs = Bosanski
textlang-hr = Hrvatski
textlang-cnr = Crnogorski

## Resource kinds
rkind-legal-aid-form = Obrazac za pravnu pomoć
rkind-trauma-protocol = Protokol za rad s traumom i psihosocijalnu podršku
rkind-grant-budget = Obrazac budžeta projekta
rkind-crisis-guideline = Smjernice za reagovanje u krizi
rkind-best-practice = Dobra praksa
rkind-case-study = Studija slučaja
rkind-funding-guide = Vodič za finansiranje
rkind-policy-brief = Sažetak javne politike
rkind-training-material = Materijal za obuku

## "From" a country, with the preposition and case the language needs (issue 13)
countryfrom-RS = iz Srbije
countryfrom-UA = iz Ukrajine
countryfrom-XK = s Kosova
countryfrom-BA = iz Bosne i Hercegovine
countryfrom-HR = iz Hrvatske
countryfrom-MK = iz Sjeverne Makedonije
countryfrom-ME = iz Crne Gore
countryfrom-AL = iz Albanije
countryfrom-SI = iz Slovenije
countryfrom-MD = iz Moldavije
countryfrom-BG = iz Bugarske
countryfrom-RO = iz Rumunije
countryfrom-HU = iz Mađarske
countryfrom-PL = iz Poljske
countryfrom-DE = iz Njemačke
countryfrom-NL = iz Holandije
countryfrom-FR = iz Francuske
countryfrom-AT = iz Austrije
countryfrom-GB = iz Ujedinjenog Kraljevstva
countryfrom-US = iz SAD


