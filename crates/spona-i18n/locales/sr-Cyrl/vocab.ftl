# Labels of Spona's controlled vocabularies.

## Themes
theme-gender-equality = Родна равноправност
theme-gbv-protection = Заштита од родно заснованог насиља
theme-anti-trafficking = Борба против трговине људима
theme-peacebuilding = Изградња мира
theme-transitional-justice = Транзициона правда
theme-human-rights-monitoring = Праћење људских права
theme-eu-integration = Европске интеграције
theme-lgbtq-rights = Права ЛГБТК+ особа
theme-minority-rights = Права мањина
theme-roma-inclusion = Инклузија Рома
theme-youth = Млади
theme-culture = Култура
theme-media = Медији
theme-humanitarian-response = Хуманитарно деловање
theme-psychosocial-support = Психосоцијална подршка
theme-legal-aid = Правна помоћ
theme-refugees-migration = Избеглице и миграције
theme-disability-rights = Права особа са инвалидитетом
theme-democratic-governance = Демократско управљање

## Know-how
knowhow-safe-houses = Сигурне куће
knowhow-wartime-media = Рад са медијима у ратним условима
knowhow-trauma-care = Рад са траумом
knowhow-evidence-preservation = Очување доказа
knowhow-grant-writing = Писање пројектних предлога
knowhow-advocacy = Заговарање
knowhow-victim-referral = Упућивање жртава
knowhow-hotline-operation = Вођење СОС линије
knowhow-digital-security = Дигитална безбедност
knowhow-strategic-litigation = Стратешко парничење
knowhow-trial-monitoring = Праћење суђења
knowhow-policy-analysis = Анализа јавних политика
knowhow-gender-audits = Родне ревизије
knowhow-digital-storytelling = Дигитално приповедање
knowhow-crisis-management = Управљање кризама
knowhow-community-organising = Организовање заједнице
knowhow-volunteer-management = Управљање волонтерима
knowhow-reintegration-programmes = Програми реинтеграције
knowhow-peer-support-groups = Групе вршњачке подршке
knowhow-data-protection = Заштита података

## Working languages
lang-en = Енглески
lang-sr = Српски
lang-uk = Украјински
lang-sq = Албански
lang-mk = Македонски
lang-bs = Босански
lang-hr = Хрватски
lang-cnr = Црногорски
lang-ru = Руски
lang-hu = Мађарски
lang-ro = Румунски
lang-rom = Ромски
lang-de = Немачки
lang-fr = Француски

## Countries
country-RS = Србија
country-UA = Украјина
country-XK = Косово
country-BA = Босна и Херцеговина
country-HR = Хрватска
country-MK = Северна Македонија
country-ME = Црна Гора
country-AL = Албанија
country-SI = Словенија
country-MD = Молдавија
country-BG = Бугарска
country-RO = Румунија
country-HU = Мађарска
country-PL = Пољска
country-DE = Немачка
country-NL = Холандија
country-FR = Француска
country-AT = Аустрија
country-GB = Уједињено Краљевство
country-US = Сједињене Америчке Државе

## Text languages (language and script)
textlang-en = Енглески
textlang-sr-Latn = Српски (латиница)
textlang-sr-Cyrl = Српски (ћирилица)
textlang-uk = Украјински
textlang-sq = Албански
textlang-mk = Македонски
textlang-bs = Босански
textlang-hr = Хрватски
textlang-cnr = Црногорски

## Resource kinds
rkind-legal-aid-form = Образац за правну помоћ
rkind-trauma-protocol = Протокол за рад са траумом и психосоцијалну подршку
rkind-grant-budget = Образац буџета пројекта
rkind-crisis-guideline = Смернице за реаговање у кризи
rkind-best-practice = Добра пракса
rkind-case-study = Студија случаја
rkind-funding-guide = Водич за финансирање
rkind-policy-brief = Препоруке за јавне политике
rkind-training-material = Материјал за обуку

## "From" a country, with the preposition and case the language needs (issue 13)
countryfrom-RS = из Србије
countryfrom-UA = из Украјине
countryfrom-XK = са Косова
countryfrom-BA = из Босне и Херцеговине
countryfrom-HR = из Хрватске
countryfrom-MK = из Северне Македоније
countryfrom-ME = из Црне Горе
countryfrom-AL = из Албаније
countryfrom-SI = из Словеније
countryfrom-MD = из Молдавије
countryfrom-BG = из Бугарске
countryfrom-RO = из Румуније
countryfrom-HU = из Мађарске
countryfrom-PL = из Пољске
countryfrom-DE = из Немачке
countryfrom-NL = из Холандије
countryfrom-FR = из Француске
countryfrom-AT = из Аустрије
countryfrom-GB = из Уједињеног Краљевства
countryfrom-US = из САД
