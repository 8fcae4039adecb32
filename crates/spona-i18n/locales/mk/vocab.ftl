# Ознаки на контролираните речници на Спона, македонски.

## Themes
theme-gender-equality = Родова еднаквост
theme-gbv-protection = Заштита од родово базирано насилство
theme-anti-trafficking = Борба против трговијата со луѓе
theme-peacebuilding = Градење мир
theme-transitional-justice = Транзициска правда
theme-human-rights-monitoring = Следење на човековите права
theme-eu-integration = Европски интеграции
theme-lgbtq-rights = Права на ЛГБТИ+ лицата
theme-minority-rights = Права на малцинствата
theme-roma-inclusion = Вклучување на Ромите
theme-youth = Млади
theme-culture = Култура
theme-media = Медиуми
theme-humanitarian-response = Хуманитарно дејствување
theme-psychosocial-support = Психосоцијална поддршка
theme-legal-aid = Правна помош
theme-refugees-migration = Бегалци и миграција
theme-disability-rights = Права на лицата со попреченост
theme-democratic-governance = Демократско управување

## Know-how
knowhow-safe-houses = Безбедни куќи
knowhow-wartime-media = Работа со медиумите во воени услови
knowhow-trauma-care = Работа со траума
knowhow-evidence-preservation = Зачувување докази
knowhow-grant-writing = Пишување проектни предлози
knowhow-advocacy = Застапување
knowhow-victim-referral = Упатување на жртви
knowhow-hotline-operation = Водење СОС-линија
knowhow-digital-security = Дигитална безбедност
knowhow-strategic-litigation = Стратешко парничење
knowhow-trial-monitoring = Следење судења
knowhow-policy-analysis = Анализа на јавни политики
knowhow-gender-audits = Родови ревизии
knowhow-digital-storytelling = Дигитално раскажување приказни
knowhow-crisis-management = Управување со кризи
knowhow-community-organising = Организирање на заедницата
knowhow-volunteer-management = Управување со волонтери
knowhow-reintegration-programmes = Програми за реинтеграција
knowhow-peer-support-groups = Групи за врсничка поддршка
knowhow-data-protection = Заштита на податоци

## Working languages
lang-en = Англиски
lang-sr = Српски
lang-uk = Украински
lang-sq = Албански
lang-mk = Македонски
lang-bs = Босански
lang-hr = Хрватски
lang-cnr = Црногорски
lang-ru = Руски
lang-hu = Унгарски
lang-ro = Романски
lang-rom = Ромски
lang-de = Германски
lang-fr = Француски

## Countries
country-RS = Србија
country-UA = Украина
country-XK = Косово
country-BA = Босна и Херцеговина
country-HR = Хрватска
country-MK = Северна Македонија
country-ME = Црна Гора
country-AL = Албанија
country-SI = Словенија
country-MD = Молдавија
country-BG = Бугарија
country-RO = Романија
country-HU = Унгарија
country-PL = Полска
country-DE = Германија
country-NL = Холандија
country-FR = Франција
country-AT = Австрија
country-GB = Обединето Кралство
country-US = Соединети Американски Држави

## Text languages (language and script)
textlang-en = Англиски
textlang-sr-Latn = Српски (латиница)
textlang-sr-Cyrl = Српски (кирилица)
textlang-uk = Украински
textlang-sq = Албански
textlang-mk = Македонски
textlang-bs = Босански
textlang-hr = Хрватски
textlang-cnr = Црногорски

## Resource kinds
rkind-legal-aid-form = Образец за правна помош
rkind-trauma-protocol = Протокол за работа со траума и психосоцијална поддршка
rkind-grant-budget = Образец за буџет на проект
rkind-crisis-guideline = Насоки за постапување во криза
rkind-best-practice = Добра пракса
rkind-case-study = Студија на случај
rkind-funding-guide = Водич за финансирање
rkind-policy-brief = Препораки за јавни политики
rkind-training-material = Материјал за обука

## "From" a country, with the preposition and case the language needs (issue 13)
countryfrom-RS = од Србија
countryfrom-UA = од Украина
countryfrom-XK = од Косово
countryfrom-BA = од Босна и Херцеговина
countryfrom-HR = од Хрватска
countryfrom-MK = од Северна Македонија
countryfrom-ME = од Црна Гора
countryfrom-AL = од Албанија
countryfrom-SI = од Словенија
countryfrom-MD = од Молдавија
countryfrom-BG = од Бугарија
countryfrom-RO = од Романија
countryfrom-HU = од Унгарија
countryfrom-PL = од Полска
countryfrom-DE = од Германија
countryfrom-NL = од Холандија
countryfrom-FR = од Франција
countryfrom-AT = од Австрија
countryfrom-GB = од Обединетото Кралство
countryfrom-US = од САД
