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
