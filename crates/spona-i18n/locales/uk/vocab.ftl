# Labels of Spona's controlled vocabularies.

## Themes
theme-gender-equality = Ґендерна рівність
theme-gbv-protection = Захист від ґендерно зумовленого насильства
theme-anti-trafficking = Протидія торгівлі людьми
theme-peacebuilding = Миробудування
theme-transitional-justice = Правосуддя перехідного періоду
theme-human-rights-monitoring = Моніторинг прав людини
theme-eu-integration = Європейська інтеграція
theme-lgbtq-rights = Права ЛГБТК+ людей
theme-minority-rights = Права меншин
theme-roma-inclusion = Інклюзія ромів
theme-youth = Молодь
theme-culture = Культура
theme-media = Медіа
theme-humanitarian-response = Гуманітарне реагування
theme-psychosocial-support = Психосоціальна підтримка
theme-legal-aid = Правова допомога
theme-refugees-migration = Біженці та міграція
theme-disability-rights = Права людей з інвалідністю
theme-democratic-governance = Демократичне врядування

## Know-how
knowhow-safe-houses = Безпечні притулки
knowhow-wartime-media = Робота з медіа під час війни
knowhow-trauma-care = Робота з травмою
knowhow-evidence-preservation = Збереження доказів
knowhow-grant-writing = Написання грантових заявок
knowhow-advocacy = Адвокація
knowhow-victim-referral = Перенаправлення постраждалих
knowhow-hotline-operation = Робота гарячої лінії
knowhow-digital-security = Цифрова безпека
knowhow-strategic-litigation = Стратегічні судові справи
knowhow-trial-monitoring = Моніторинг судових процесів
knowhow-policy-analysis = Аналіз публічної політики
knowhow-gender-audits = Ґендерні аудити
knowhow-digital-storytelling = Цифровий сторітелінг
knowhow-crisis-management = Кризовий менеджмент
knowhow-community-organising = Організація громад
knowhow-volunteer-management = Координація волонтерів
knowhow-reintegration-programmes = Програми реінтеграції
knowhow-peer-support-groups = Групи взаємопідтримки
knowhow-data-protection = Захист даних

## Working languages
lang-en = Англійська
lang-sr = Сербська
lang-uk = Українська
lang-sq = Албанська
lang-mk = Македонська
lang-bs = Боснійська
lang-hr = Хорватська
lang-cnr = Чорногорська
lang-ru = Російська
lang-hu = Угорська
lang-ro = Румунська
lang-rom = Ромська
lang-de = Німецька
lang-fr = Французька

## Countries
country-RS = Сербія
country-UA = Україна
country-XK = Косово
country-BA = Боснія і Герцеговина
country-HR = Хорватія
country-MK = Північна Македонія
country-ME = Чорногорія
country-AL = Албанія
country-SI = Словенія
country-MD = Молдова
country-BG = Болгарія
country-RO = Румунія
country-HU = Угорщина
country-PL = Польща
country-DE = Німеччина
country-NL = Нідерланди
country-FR = Франція
country-AT = Австрія
country-GB = Велика Британія
country-US = Сполучені Штати Америки

## Text languages (language and script)
textlang-en = Англійська
textlang-sr-Latn = Сербська (латиниця)
textlang-sr-Cyrl = Сербська (кирилиця)
textlang-uk = Українська
textlang-sq = Албанська
textlang-mk = Македонська
textlang-bs = Боснійська
textlang-hr = Хорватська
textlang-cnr = Чорногорська

## Resource kinds
rkind-legal-aid-form = Форма правової допомоги
rkind-trauma-protocol = Протокол роботи з травмою та психосоціальної підтримки
rkind-grant-budget = Шаблон бюджету гранту
rkind-crisis-guideline = Настанови з реагування на кризу
rkind-best-practice = Добра практика
rkind-case-study = Кейс
rkind-funding-guide = Посібник з фінансування
rkind-policy-brief = Аналітична записка
rkind-training-material = Навчальний матеріал

## "From" a country, with the preposition and case the language needs (issue 13)
countryfrom-RS = із Сербії
countryfrom-UA = з України
countryfrom-XK = з Косова
countryfrom-BA = з Боснії і Герцеговини
countryfrom-HR = з Хорватії
countryfrom-MK = з Північної Македонії
countryfrom-ME = з Чорногорії
countryfrom-AL = з Албанії
countryfrom-SI = зі Словенії
countryfrom-MD = з Молдови
countryfrom-BG = з Болгарії
countryfrom-RO = з Румунії
countryfrom-HU = з Угорщини
countryfrom-PL = з Польщі
countryfrom-DE = з Німеччини
countryfrom-NL = з Нідерландів
countryfrom-FR = із Франції
countryfrom-AT = з Австрії
countryfrom-GB = зі Сполученого Королівства
countryfrom-US = зі США
