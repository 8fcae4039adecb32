## Services catalogue

## HSDS API errors
err-hsds-page = Номер сторінки має бути цілим числом від 1 до 1000000.
err-hsds-per-page = Кількість результатів на сторінці має бути цілим числом від 1 до 100.
err-hsds-modified-after = Дата має бути датою або датою й часом за RFC 3339, наприклад 2026-01-31 або 2026-01-31T10:00:00Z.
err-hsds-not-found = Немає опублікованої послуги, організації, місця чи таксономії з таким ідентифікатором.

## Service form errors
err-service-hours-day = Виберіть день тижня для кожного часу роботи.
err-service-hours-time = Запишіть час як години й хвилини, наприклад 09:00 або 17:30.
err-service-hours-order = Час роботи має закінчуватися після початку.
err-service-hours-overlap = Два проміжки роботи в один день перетинаються.
err-service-text-twice = Кожна мова може мати одну назву й один опис.
err-service-name-length = Дайте послузі назву (щонайбільше 200 символів).
err-service-description-length = Опис може мати щонайбільше 8000 символів.
err-service-location = Укажіть місто для кожного місця; назви й адреси можуть мати щонайбільше 200 символів.
err-service-area-country = Починайте кожну громаду з коду країни, наприклад «XK: Mitrovica».
err-service-phone = Номер телефону може містити лише цифри, пробіли та + - ( ) /.
err-service-url = Вебадреса має починатися з https:// або http://.
err-service-cost = Вартість може мати щонайбільше 1000 символів.
err-service-places = Кількість місць має бути цілим числом від 0 до 100000.
err-service-free-over-total = Вільних місць не може бути більше, ніж усього місць.

## Service kinds
skind-reporting = Повідомлення про злочин
skind-legal-status = Правовий статус
skind-safe-accommodation = Безпечне житло
skind-medical-care = Медична допомога
skind-psychosocial-support = Психосоціальна підтримка
skind-legal-counselling = Юридичні консультації
skind-vocational-training = Професійне навчання
skind-family-mediation = Сімейна медіація
skind-reintegration = Реінтеграція
skind-hotline = Гаряча лінія
skind-shelter = Притулок
skind-interpretation = Усний переклад
skind-outreach = Виїзна робота
skind-other = Інше

## Fields a referral may carry
rfield-first-name = Ім’я або псевдонім
rfield-age-band = Вікова група
rfield-gender = Стать
rfield-language = Мова
rfield-nationality = Громадянство або статус
rfield-urgency = Терміновість
rfield-needs = Потреби
rfield-contact-channel = Спосіб зв’язку

## Age bands
ageband-0-11 = 0–11
ageband-12-17 = 12–17
ageband-18-24 = 18–24
ageband-25-39 = 25–39
ageband-40-59 = 40–59
ageband-60-plus = 60 і більше

## Eligibility
sgender-female = Жінки й дівчата
sgender-male = Чоловіки й хлопці
sgender-non-binary = Небінарні люди
nstatus-citizen = Громадяни
nstatus-foreign-national = Іноземці
nstatus-asylum-seeker = Шукачі притулку
nstatus-refugee = Біженці
nstatus-stateless = Особи без громадянства
nstatus-displaced = Переміщені особи
saccess-referral = Лише за направленням
saccess-walk-in = Можна прийти без направлення
saccess-both = Напряму або за направленням

## Catalogue pages
nav-services = Послуги
svc-title = Послуги
svc-intro = Притулки, правова допомога, психосоціальна підтримка, гарячі лінії та інше, що пропонують організації на Spona.
svc-filters = Пошук послуг
svc-search-label = Шукати за назвою, організацією чи містом
svc-kind = Вид послуги
svc-language = Мова надання
svc-available-only = Лише послуги з вільними місцями
svc-search = Шукати
svc-found = { $count ->
    [one] Знайдено { $count } послугу.
    [few] Знайдено { $count } послуги.
   *[other] Знайдено { $count } послуг.
}
svc-none = Жодна опублікована послуга не відповідає. Спробуйте менше слів чи фільтрів.
svc-pages = Сторінки
svc-prev = Попередня сторінка
svc-next = Наступна сторінка
svc-places-free = Вільних місць: { $free } з { $total }
svc-places-total = Місць усього: { $count }
svc-places-as-of = станом на { $date }
svc-back = Усі послуги
svc-status-draft = Чернетка, не опубліковано
svc-status-published = Опубліковано
svc-status-closed = Закрито, не опубліковано
svc-refer = Направити особу на цю послугу
svc-access = Як отримати
svc-genders = Для кого
svc-ages = Вік
svc-statuses = Громадянство чи статус
svc-languages = Мови
svc-area = Територія
svc-cost = Вартість
svc-free-of-charge = Безкоштовно
svc-cost-ask = Уточніть в організації
svc-places = Місця
svc-hours = Години роботи
svc-locations = Де
svc-contact = Контакти
svc-phone = Телефон
svc-email = Ел. пошта
svc-manage = Керування послугою
svc-publish = Опублікувати
svc-close = Закрити послугу
svc-places-update = Вільних місць зараз
svc-places-save = Зберегти вільні місця
weekday-MO = понеділок
weekday-TU = вівторок
weekday-WE = середа
weekday-TH = четвер
weekday-FR = п’ятниця
weekday-SA = субота
weekday-SU = неділя

## Service form (new and edit)
svc-new = Нова послуга
svc-edit = Редагувати цю послугу
svc-edit-heading = Редагування: «{ $name }»
svc-form-back = Назад до послуги
svc-form-org = Організація, що її надає
svc-form-texts = Назва, опис і хто може звернутися
svc-form-texts-hint = Напишіть їх хоча б однією мовою. Щоб написати їх ще й іншою мовою, додайте мову.
svc-form-text-lang = Мова цього тексту
svc-form-name = Назва
svc-form-description = Опис
svc-form-eligibility = Хто може звернутися, словами
svc-form-add-text = Додати мову
svc-form-anyone-hint = Нічого не позначайте, якщо звернутися може будь-хто.
svc-form-loc-name = Назва місця
svc-form-loc-address = Адреса
svc-form-loc-city = Місто
svc-form-loc-country = Країна
svc-form-add-location = Додати місце
svc-form-municipalities = Громади, які обслуговуються, по одній у рядку
svc-form-municipalities-hint = Починайте кожну з коду країни, наприклад «XK: Mitrovica». Позначте країну вище, щоб охопити її всю.
svc-form-hours-hint = Час у годинах і хвилинах, наприклад 09:00 і 17:30; 24:00 — це північ наприкінці дня. Рядок, який вам не потрібен, залиште порожнім.
svc-form-day = День
svc-form-opens = Відчиняється о
svc-form-closes = Зачиняється о
svc-form-add-hours = Додати години роботи
svc-form-url = Вебадреса
svc-form-cost = Скільки коштує або на яких умовах
svc-form-capacity = Усього місць
svc-form-capacity-hint = Залиште порожнім, якщо послуга не рахує місця.
svc-form-referral-fields = Що скерування має повідомити про людину
svc-form-referral-fields-hint = Скерування до цієї послуги міститиме це й нічого іншого про людину. Просіть лише те, що вам потрібно.
svc-form-draft-hint = Чернетку бачать лише адміністратори вашої організації. Опублікуйте її, щоб вона потрапила до каталогу.
svc-form-save-draft = Зберегти як чернетку
svc-form-save-publish = Зберегти й опублікувати
svc-form-save = Зберегти
svc-eligibility-note = Хто може звернутися
err-service-eligibility-length = Примітка про те, хто може звернутися, може мати щонайбільше 2000 символів.

## The organisation page's services
svc-org-services = Послуги
svc-org-add = Додати послугу
svc-org-none = Ця організація ще не опублікувала жодної послуги.
