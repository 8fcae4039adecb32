# Інтерфейс платформи Спона, українська.

## Макет сторінки
skip-to-content = Перейти до вмісту
nav-main = Головне меню
nav-language = Мова
nav-directory = Каталог
nav-networks = Мережі
nav-people = Люди
nav-admin = Адміністрування
nav-account = Обліковий запис
nav-signin = Увійти
nav-signout = Вийти
nav-accessibility = Доступність
footer-tagline = Спона об’єднує організації громадянського суспільства понад кордонами.
back-home = Повернутися на головну сторінку
pager = Сторінки
pager-prev = Попередня сторінка
pager-next = Наступна сторінка
pager-position = Сторінка { $page } з { $pages }
form-has-errors = Будь ласка, виправте таке:
form-save = Зберегти
filter-any = Усі

## Головна сторінка та про платформу
home-title = Спона: громадянське суспільство понад кордонами
home-lead = Знаходьте організації в Сербії, Україні, Косові, Боснії і Герцеговині, Хорватії, Північній Македонії та за їхніми межами, дізнавайтеся, якими знаннями кожна з них ділиться і яких потребує, та безпечно співпрацюйте.
a11y-title = Заява про доступність
a11y-body = Спона працює без JavaScript, на повільних з’єднаннях і з екранними читачами. Кожна сторінка — це HTML, сформований на сервері, з підписаними полями форм, видимим фокусом і зазначеною мовою.
a11y-tested = Перевіряється з кожним випуском: кожен тип сторінки англійською, сербською (латиницею і кирилицею) та українською, у ширині телефона й комп’ютера, інструментом axe-core за WCAG 2.1 A і AA (без порушень), і кожен основний сценарій з вимкненим JavaScript у браузері Chromium. Поля форм мають підписи, а помилки пов’язані з полями. Будь ласка, повідомляйте адміністраторів платформи про будь-які бар’єри.
quick-exit = Швидко залишити цю сторінку
quick-exit-hint = Кнопка вгорі відкриває нейтральний сайт і видаляє цю сторінку з кешу браузера. На спільному телефоні користуйтеся приватним вікном.

## Кількість
org-count = { $count ->
    [one] { $count } організація
    [few] { $count } організації
    [many] { $count } організацій
   *[other] { $count } організації
}
network-count = { $count ->
    [one] { $count } мережа
    [few] { $count } мережі
    [many] { $count } мереж
   *[other] { $count } мережі
}
account-session-count = { $count ->
    [one] Ви увійшли на { $count } пристрої або в браузері.
    [few] Ви увійшли на { $count } пристроях або в браузерах.
    [many] Ви увійшли на { $count } пристроях або в браузерах.
   *[other] Ви увійшли на { $count } пристроях або в браузерах.
}

## Каталог
directory-title = Каталог організацій
directory-filters = Фільтр організацій
directory-search-label = Пошук за назвою, містом або описом
directory-search = Шукати
directory-apply = Застосувати фільтри
directory-clear = Скинути фільтри
field-name = Назва
field-description = Короткий опис
field-country = Країна
field-city = Місто
field-website = Вебсайт
field-email = Електронна адреса
field-phone = Телефон
field-theme = Тематичні напрями
field-offers = Знання, якими ділиться
field-needs = Знання, яких потребує
field-language = Робочі мови
field-network = Мережі
field-contact-visibility = Хто може бачити контактні дані
field-texts = Назви й описи іншими мовами
field-texts-hint = Заповніть ті мови та письма, якими користується організація. Сербський текст, написаний кирилицею, автоматично показується латиницею тим, хто читає латиницею.
field-organisation = Організація
field-role = Роль
visibility-public = Усі
visibility-members = Лише учасники й учасниці, які увійшли
org-contacts = Контакти
org-contacts-members-only = Контактні дані бачать лише учасники й учасниці, які увійшли в систему.
org-other-languages = Іншими мовами
org-edit = Редагувати профіль
org-edit-title = Редагування: { $name }
org-new-title = Нова організація
org-logo = Логотип (PNG або JPEG, до 1 МБ)
org-logo-hint = Дані про місце, камеру й автора видаляються з опублікованої копії.
org-logo-upload = Завантажити логотип
org-logo-remove = Видалити логотип
org-logo-alt = Логотип організації { $name }

## Мережі
networks-title = Мережі
network-coordinator = Координує
network-members = Організації-учасниці
network-filter-directory = Показати учасниць у каталозі
network-add-member = Додати організацію-учасницю
network-remove-member = Вилучити з мережі

## Люди
people-members = Учасники й учасниці
people-actions = Дії
people-pending = Запрошення, що очікують
people-expires = діє до
people-invite = Запросити когось
people-invite-submit = Надіслати запрошення
people-invite-created = Запрошення створено. Поштовий сервер не налаштовано, тож надішліть це посилання людині самостійно (ним можна скористатися один раз протягом 7 днів):
people-make-admin = Надати права адміністратора
people-make-member = Зняти права адміністратора
people-remove = Вилучити
role-admin = Адміністратор/ка організації
role-member = Учасник/ця
platform-role-admin = Адміністратор/ка платформи
platform-role-user = Користувач/ка
user-disabled = вимкнено
user-disable = Вимкнути
user-enable = Увімкнути
users-title = Облікові записи

## Вхід і обліковий запис
signin-title = Вхід
signin-submit = Увійти
signin-forgot = Забули пароль?
signin-invite-only = Облікові записи створюються лише за запрошенням: попросіть адміністратора чи адміністраторку вашої організації запросити вас.
totp-title = Другий крок: введіть код
field-totp-code = Шестизначний код із застосунку автентифікації
field-password = Пароль
field-current-password = Поточний пароль
field-new-password = Новий пароль
field-repeat-password = Повторіть новий пароль
field-display-name = Ваше ім’я
password-hint = Щонайменше 12 символів. Кілька незвичних слів легко запам’ятати й важко вгадати.
reset-title = Скидання пароля
reset-lead = Введіть електронну адресу свого облікового запису. Ми надішлемо посилання, яке діятиме одну годину.
reset-submit = Надіслати посилання
reset-sent = Якщо для цієї адреси існує обліковий запис, посилання для скидання пароля вже надіслано. Ним можна скористатися один раз протягом години.
reset-new-title = Виберіть новий пароль
invite-title = Прийняти запрошення
invite-lead = Вас запрошено приєднатися до організації { $org } на платформі Спона.
invite-existing = У вас уже є обліковий запис: підтвердьте своїм паролем.
invite-accept = Прийняти й приєднатися
account-title = Ваш обліковий запис
account-password = Пароль
account-change-password = Змінити пароль
account-totp = Двоетапний вхід
account-totp-on = Двоетапний вхід увімкнено: під час входу потрібно ввести код із застосунку автентифікації.
account-totp-off = Двоетапний вхід вимкнено. Якщо його увімкнути, ваш обліковий запис буде захищено, навіть якщо пароль потрапить у чужі руки.
account-totp-enable = Увімкнути двоетапний вхід
account-totp-disable = Вимкнути двоетапний вхід
account-sessions = Сеанси
account-signout-everywhere = Вийти на всіх пристроях
totp-step-app = Відкрийте застосунок автентифікації (наприклад, Aegis, FreeOTP або Google Authenticator).
totp-step-secret = Додайте обліковий запис із цим ключем:
totp-open-app = Або відкрийте його в застосунку на цьому пристрої
totp-step-code = Введіть шестизначний код, який показує застосунок, і свій пароль.
notice-password-reset = Ваш пароль змінено. Увійдіть із новим паролем.
notice-signed-out = Ви вийшли із системи.
notice-signed-out-everywhere = Ви вийшли із системи на всіх пристроях.
notice-password-changed = Ваш пароль змінено, а всі інші сеанси завершено.
notice-totp-enabled = Двоетапний вхід увімкнено. Усі інші сеанси завершено.
notice-totp-disabled = Двоетапний вхід вимкнено. Усі інші сеанси завершено.
notice-saved = Збережено.

## Журнал дій
audit-title = Журнал дій
audit-when = Коли
audit-who = Хто
audit-action = Дія
audit-target = Об’єкт
audit-detail = Подробиці

## Пошта
mail-invite-subject = Запрошення на платформу Спона
mail-invite-body = Вас запрошено приєднатися до організації { $org } на платформі Спона. Щоб прийняти запрошення, відкрийте це посилання (ним можна скористатися один раз протягом 7 днів): { $link }
mail-reset-subject = Скидання пароля на платформі Спона
mail-reset-body = Хтось попросив скинути пароль вашого облікового запису на платформі Спона. Якщо це були ви, відкрийте це посилання протягом години: { $link } — якщо ні, просто проігноруйте цей лист; ваш пароль залишиться без змін.
mail-review-subject = Ресурси організації { $org } потребують перегляду
mail-review-body = { $count ->
    [one] Минув строк перегляду { $count } ресурсу організації { $org } на Споні.
   *[other] Минув строк перегляду { $count } ресурсів організації { $org } на Споні.
} Перевірте, чи їхній зміст досі правильний, і оновіть їх або встановіть новий строк перегляду: { $link }

## Помилки
error-title-400 = Запит неможливо обробити
error-title-401 = Будь ласка, увійдіть
error-title-403 = Заборонено
error-title-404 = Сторінку не знайдено
error-title-405 = Недоступно
error-title-409 = Уже зайнято
error-title-413 = Завеликий обсяг
error-title-422 = Перевірте форму
error-title-429 = Забагато спроб
error-title-500 = Щось пішло не так
error-title-415 = Тип файлу не приймається
error-title-503 = Зараз недоступно
error-title-507 = Немає місця для збереження
err-not-found = Тут нічого немає. Можливо, адресу введено з помилкою або сторінку вилучено.
err-forbidden = Ваш обліковий запис не має права на цю дію. Якщо вважаєте, що має, зверніться до адміністратора чи адміністраторки вашої організації.
err-sign-in-required = Увійдіть, щоб продовжити.
err-csrf = Термін дії форми минув або її надіслано з іншого сайту, тому нічого не змінено. Поверніться назад, перезавантажте сторінку й надішліть форму ще раз.
err-bad-form = Форма неповна або неправильна. Нічого не змінено; спробуйте ще раз.
err-conflict = Це значення вже використовується. Нічого не змінено.
err-duplicate-post = Цю форму вже надіслано, і вона ще обробляється. Оновіть сторінку за мить, щоб побачити результат.
err-too-large = Надіслані дані перевищують дозволений розмір. Нічого не змінено.
err-too-many = Забагато спроб за короткий час. Зачекайте хвилину й спробуйте ще раз.
err-internal = На нашому боці сталася помилка. Нічого з надісланого вами не втрачено; спробуйте ще раз за мить.
err-link-expired = Термін дії цього посилання минув або його вже використано. Попросіть нове.
err-signin = Неправильна електронна адреса або пароль.
err-totp = Код неправильний або вже використаний. Дочекайтеся нового коду й спробуйте ще раз.
err-email = Введіть дійсну електронну адресу, наприклад name@example.org.
err-name-length = Введіть ім’я або назву довжиною від 2 до 200 символів.
err-too-long = Цей текст задовгий.
err-website = Введіть вебадресу, що починається з https:// або http://.
err-phone = Введіть номер телефону, використовуючи лише цифри, пробіли та символи + - ( ) / .
err-slug = Використовуйте лише малі латинські літери, цифри й дефіси.
err-unknown-country = Виберіть країну зі списку.
err-unknown-term = Вибирайте значення лише зі списку.
err-unknown-choice = Виберіть один із запропонованих варіантів.
err-unknown-language = Виберіть мову зі списку.
err-duplicate-language = Кожну мову можна вказати лише один раз.
err-page = Сторінки з таким номером немає.
err-password-short = Пароль має містити щонайменше 12 символів.
err-password-long = Пароль може містити щонайбільше 256 символів.
err-password-common = Цей пароль є у списку поширених паролів. Виберіть інший.
err-password-email = Пароль не повинен містити вашу електронну адресу.
err-password-mismatch = Паролі не збігаються.
err-current-password = Поточний пароль неправильний.
err-already-member = Ця людина вже належить до організації.
err-last-admin = В організації має залишатися щонайменше один адміністратор чи адміністраторка.
err-not-yourself = Ви не можете зробити це зі своїм обліковим записом.
err-coordinator-stays = Організація-координаторка не може вийти з власної мережі.
err-unknown-org = Виберіть організацію зі списку.
err-filter-country = Невідома країна у фільтрі. Виберіть країну зі списку.
err-filter-theme = Невідомий тематичний напрям у фільтрі. Виберіть напрям зі списку.
err-filter-knowhow = Невідомий вид знань у фільтрі. Виберіть його зі списку.
err-filter-language = Невідома мова у фільтрі. Виберіть мову зі списку.
err-filter-network = Невідома мережа у фільтрі. Виберіть мережу зі списку.
err-image-type = Можна завантажувати лише зображення PNG і JPEG.
err-image-size = Зображення більше за 1 МБ. Зменште його й спробуйте ще раз.
err-image-dimensions = Зображення завелике: щонайбільше 4096 × 4096 пікселів.
err-image-missing = Виберіть файл зображення.
err-method = Ця адреса не приймає такий тип запиту.

## Matching
nav-matching = Пошук партнерів
matching-title = Раунди пошуку партнерів
matching-lead = Раунди поєднують організації через кордони для обміну практичним досвідом (обмін між колегами) або взаємної підтримки в кризі (пари підтримки), а також досвідчених активістів із новими лідерами (менторство). Координатори відкривають раунд, організації долучаються, а Спона пропонує найкращі пари й пояснює кожну.
matching-new = Відкрити раунд
matching-none = Раундів ще немає.
matching-deadline = Долучитися до
matching-round-title = Назва раунду
matching-programme = Програма
matching-who = Хто може долучитися
matching-everyone = Будь-яка організація на платформі
matching-side-a = Сторона А: країни
matching-side-b = Сторона Б: країни
matching-open = Відкрити раунд
matching-closed = закрито
matching-opted-in = Долучилися
matching-opt-in = Долучитися
matching-opt-in-lead = Вкажіть, що ваша організація пропонує і чого потребує. Ваші відповіді бачать лише координатори раунду, доки не запропоновано пари.
matching-interpretation = Ми можемо працювати з перекладачем, якщо не маємо спільної мови
matching-capacity = Зі скількома партнерами ви можете працювати (1–5)
matching-availability = Коли ви доступні (необов’язково)
matching-statement = Своїми словами (необов’язково)
matching-participants = Організації в цьому раунді
matching-side = Сторона
programme-peer-exchange = Обмін між колегами
programme-buddy = Пари підтримки в кризі
err-title-length = Введіть назву від 3 до 200 символів.
err-side-empty = Виберіть принаймні одну країну.
err-side-overlap = Країна не може бути на обох сторонах.
err-date = Введіть дату у форматі РРРР-ММ-ДД.
err-deadline-past = Термін має бути в майбутньому.
err-offer-or-need = Виберіть принаймні щось, що ви пропонуєте або чого потребуєте.
err-language-required = Виберіть принаймні одну робочу мову.
err-capacity = Введіть кількість партнерів від 1 до 5.
err-round-closed = Цей раунд більше не приймає учасників: термін минув або пари вже запропоновано.
err-not-on-a-side = Країна цієї організації не належить до жодної сторони раунду.
err-not-in-network = Цей раунд відкритий лише для членів однієї мережі.
err-already-opted-in = Ця організація вже долучилася до цього раунду.
matching-proposals = Пропозиції
matching-rule = Правило оцінювання: 10 балів за кожне знання, яке одна сторона пропонує, а інша потребує (в обидва боки), 3 за кожну спільну тематичну сферу; спільна робоча мова обов’язкова, якщо жодна сторона не погоджується на перекладача (−4); парам, які вже співпрацювали, віднімається 8. Потім Спона обирає набір пар із найбільшою сумою — точно, а не по одній парі.
matching-run = Запустити підбір
matching-publish = Опублікувати пропозиції для організацій
matching-constraint = Закріпити або заборонити пару
matching-constraint-kind = Рішення
matching-pin = закріплено
matching-forbid = заборонено
matching-clear = скасувати рішення
matching-proposed-pairs = Запропоновані пари
matching-your-proposals = Запропоновані партнери вашої організації
matching-score = Бали
matching-shared-themes = Спільні тематичні сфери
matching-shared-languages = Спільні робочі мови
matching-with-interpreter = немає — з перекладачем
matching-earlier = Вже співпрацювали
matching-earlier-yes = так (бали зменшено)
matching-answers = Відповіді
matching-partner-contacts = Контакти партнера
matching-accept = Прийняти
matching-decline = Відхилити
answer-pending = очікується
answer-accepted = прийнято
answer-declined = відхилено
err-pins-over-capacity = Для організації закріплено більше пар, ніж вона може прийняти.
err-pinned-and-forbidden = Пара не може бути водночас закріпленою і забороненою.
err-no-pairs = Немає сумісних пар: жодна організація не пропонує того, що потрібно організації з іншого боку, спільною мовою. Нічого не змінено.
err-unknown-participant = Виберіть організації, що долучилися до цього раунду.
err-nothing-to-publish = Немає нових пропозицій для публікації. Спершу запустіть підбір.
err-already-answered = Ваша організація вже відповіла на цю пропозицію.
matching-export = Завантажити пропозиції (CSV)
org-our-buddy = Наша пара для підтримки в кризі
matching-taking-part = Організація { $org } бере участь у цьому раунді. Запропонованих партнерів ви побачите тут, коли координатори їх опублікують.
matching-pairs = Погоджені пари
matching-your-pairs = Ваші пари
pair-round = Раунд
pair-started = Співпрацюєте з
pair-status = Стан
pair-active = активна
pair-ended = завершена
pair-ended-by = завершила сторона { $name }
pair-feedback = Відгук
pair-coordinator-view = Ви бачите цю пару як координатор раунду; пишуть тут лише дві її сторони.
pair-check-ins = Зустрічі
pair-no-check-ins = Ще немає записаних зустрічей.
pair-add-check-in = Додати зустріч
pair-check-in-date = Дата
pair-check-in-note = Що ви робили чи обговорювали (коротко)
pair-end = Завершити співпрацю
pair-end-lead = Завершення закриває історію пари; інша сторона ще може залишити свій відгук. Коротко напишіть, як усе пройшло.
pair-feedback-note = Ваш відгук (коротко)
pair-give-feedback = Залишити відгук
err-date-future = Дата не може бути в майбутньому.
err-date-before-start = Дата не може бути раніше за початок співпраці.
err-note-required = Напишіть коротку нотатку.
err-pair-ended = Цю співпрацю завершено; її історія більше не змінюється.
err-feedback-not-now = Відгук залишають один раз, після завершення співпраці.
programme-mentorship = Менторство (людина з людиною)
people-count = { $count ->
    [one] { $count } особа
    [few] { $count } особи
    [many] { $count } осіб
   *[other] { $count } особи
}
mentorship-side-a = Ментори працюють із
mentorship-side-b = Підопічні працюють із
mentorship-taking-part-mentor = Ви берете участь у цьому раунді як ментор. Запропонованих підопічних ви побачите тут, коли координатори їх опублікують.
mentorship-taking-part-mentee = Ви берете участь у цьому раунді як підопічна особа. Запропонованого ментора ви побачите тут, коли координатори його опублікують.
mentorship-opt-in-lead = Ви реєструєтеся особисто, а не від імені організації. Ваше ім’я та відповіді бачать лише координатори раунду; запропонований партнер дізнається ваше ім’я та e-mail лише тоді, коли ви обоє погодитеся.
mentorship-role = Ви берете участь як
mentorship-role-mentor = Ментор
mentorship-role-mentee = Підопічна особа
mentorship-country = Країна, з якої ви працюєте
mentorship-statement = Своїми словами: ваш досвід (ментори) або ваші цілі (підопічні)
mentorship-offers = Знання, якими ви можете поділитися
mentorship-needs = Знання, які ви хочете здобути
mentorship-interpretation = Я можу працювати з перекладачем, якщо у нас немає спільної мови
mentorship-capacity = Ментори: скільки підопічних ви можете взяти (1–5). Підопічні: 1.
mentorship-participants = Люди в цьому раунді
mentorship-person = Особа
mentorship-partner-words = Їхніми словами
mentorship-anonymous-mentor = Ментор із країни { $country }
mentorship-anonymous-mentee = Підопічна особа з країни { $country }
err-mentee-capacity = Підопічна особа має одного ментора: введіть 1.
err-experience-required = Опишіть свій досвід кількома словами.
err-goals-required = Опишіть свої цілі кількома словами.
err-country-not-on-side = Ментори працюють із країн сторони А, підопічні — із країн сторони Б. Оберіть країну на своїй стороні.
err-person-already-in = Ви вже берете участь у цьому раунді; людина може бути лише на одній стороні (ментор або підопічна особа).
matching-sides-hint = У раунді менторства люди зі сторони А — ментори, а зі сторони Б — підопічні.
err-already-answered-person = Ви вже відповіли на цю пропозицію.

## Resource hub
nav-resources = Ресурси
hub-title = Ресурсний центр
hub-intro = Форми правової допомоги, протоколи роботи з травмою, бюджети грантів, настанови для кризових ситуацій, кейси та посібники з фінансування англійською, сербською та українською, які оновлюють організації-автори.
hub-new = Новий ресурс
hub-needs-review = Потребує перевірки
hub-needs-review-intro = Ресурси ваших організацій, у яких минула дата перевірки. Перевірте, чи вони досі правильні, і встановіть нову дату перевірки.
hub-outdated = Застарілі переклади
hub-outdated-intro = Мовні версії, написані до того, як змінилася інша мовна версія. Оновіть їх або підтвердьте, що вони досі відповідають.
hub-list-empty = Тут нічого немає: усе актуальне.
hub-search = Шукати
hub-search-label = Пошук ресурсів (будь-якою мовою чи абеткою)
hub-search-hint = Кирилиця або латиниця, з діакритикою чи без. Слова в "лапках" шукаються разом.
hub-kind = Вид
hub-language = Мова
hub-results = { $count ->
    [one] { $count } ресурс
    [few] { $count } ресурси
    [many] { $count } ресурсів
   *[other] { $count } ресурсу
}
hub-feed = Atom-стрічка нових і оновлених публічних ресурсів
hub-variants = Мовні версії
hub-translation-outdated = Інша мовна версія змінилася після написання цієї, тож цей переклад може бути застарілим.
hub-confirm-translation = Досі відповідає
hub-review-overdue = Дата перевірки цього ресурсу минула: власники мають перевірити, чи він досі правильний.
hub-attachments = Вкладення
hub-owner = Організація
hub-visibility = Хто може читати
hub-visibility-public = Усі
hub-visibility-members = Учасники, що увійшли
hub-visibility-networks = Учасники цих мереж
hub-networks = Мережі (коли читати можуть лише їхні учасники)
hub-updated = Оновлено
hub-version-n = версія { $n }
hub-review-due = Перевірити до
hub-versions = Версії
hub-version = Версія
hub-versions-caption = Усі збережені версії, найновіша перша. Виберіть дві для порівняння.
hub-version-current = Це поточна версія.
hub-version-old = Це стара версія.
hub-compare = Порівняти версії
hub-compare-from = Від
hub-compare-to = До
hub-author = Автор
hub-date = Дата
hub-changed-lines = { $count ->
    [one] { $count } рядок змінено
    [few] { $count } рядки змінено
    [many] { $count } рядків змінено
   *[other] { $count } рядка змінено
}
hub-diff-legend = Рядки, що починаються з +, додано; рядки, що починаються з -, вилучено.
hub-edit = Редагувати цю мовну версію
hub-edit-details = Редагувати дані
hub-add-translation = Додати переклад
hub-attach = Прикріпити файл до цієї мовної версії
hub-attach-hint = PDF, DOCX, ODT, XLSX, ODS, PNG, JPEG або WebP, до 25 МБ. Текст у PDF стає доступним для пошуку.
hub-attach-button = Завантажити
hub-back = Назад до ресурсу
hub-preview = Попередній перегляд
hub-save = Зберегти
hub-written = Мова та абетка
hub-field-title = Назва
hub-field-summary = Короткий опис
hub-field-body = Текст
hub-markdown-hint = Markdown: # заголовок, **жирний**, *курсив*, - список, [посилання](https://…). HTML показується як текст.
hub-field-note = Що змінилося
err-query-too-long = Запит задовгий: щонайбільше 500 символів.
err-networks-required = Виберіть хоча б одну мережу або дозвольте читати всім учасникам.
err-summary-length = Короткий опис може мати щонайбільше 1 000 символів.
err-body-length = Текст задовгий: щонайбільше 200 000 символів.
err-note-length = Примітка може мати щонайбільше 300 символів.
err-change-note-required = Коротко опишіть, що змінилося.
err-attachment-type = Такий файл не можна прикріпити. Використовуйте PDF, DOCX, ODT, XLSX, ODS, PNG, JPEG або WebP.
err-attachment-content = Вміст файлу не відповідає його назві (наприклад, .pdf, який не є PDF). Нічого не збережено.
err-attachment-missing = Виберіть файл для завантаження.
err-storage-full = На сервері немає місця для цього. Нічого не втрачено; повідомте адміністраторів платформи.
err-files-unavailable = Сховище файлів зараз недоступне. Нічого не збережено; спробуйте ще раз за кілька хвилин.
err-edit-conflict = Хтось зберіг цей текст, поки ви його редагували. Ваш текст збережено нижче: порівняйте його з найновішою версією і збережіть знову.

## Evidence and testimony vault
nav-vault = Сховище
vault-title = Сховище доказів
vault-intro = Свідчення та докази, зашифровані під час зберігання, з ланцюгом зберігання, у якому видно будь-яку зміну. Лише команда справи знає, що справа існує.
vault-new = Відкрити справу
vault-no-cases = Ви не входите до жодної команди справи.
vault-role = Роль
vault-role-lead = Керівник/ця
vault-role-documenter = Документувальник/ця
vault-role-reviewer = Рецензент/ка
vault-case-title = Назва справи
vault-case-title-hint = Зберігається зашифрованою. Не використовуйте імені постраждалої особи.
vault-open-case = Відкрити справу
vault-custody = Ланцюг зберігання
vault-new-testimony = Записати свідчення
vault-export = Експорт для прокуратури
vault-items = Матеріали
vault-no-items = Матеріалів ще немає.
vault-item = Матеріал
vault-kind = Вид
vault-kind-testimony = Свідчення
vault-kind-file = Файл
vault-consent = Згода
vault-consent-none = Згоду не записано
vault-consent-withdrawn = Згоду відкликано
vault-consent-documentation = Для документування
vault-consent-share = Передавання цим організаціям
vault-consent-prosecutors = Для використання прокуратурою
vault-consent-publication = Для анонімізованої публікації
vault-consent-covers = Особа погодилася на використання
vault-consent-update = Записати згоду
vault-consent-withdraw = Відкликати всю згоду
vault-share-hint = Короткі назви організацій (як у їхній адресі), через кому.
vault-reason = Причина (записується в ланцюг зберігання)
vault-file = Файл
vault-file-hint = Будь-якого типу, до 4 ГБ. SHA-256 обчислюється під час завантаження і показується після нього.
vault-store = Зберегти зашифрованим
vault-upload = Додати файл
vault-team = Команда
vault-remove = Вилучити
vault-add-member = Додати до команди
vault-chain-intact = Ланцюг зберігання цілий, а його вершину підписав цей сервер.
vault-files-checked = Збережені файли прочитано й перевірено за SHA-256
vault-chain-broken = Ланцюг зберігання було змінено
vault-verify = Перевірити ланцюг і всі збережені файли
vault-server-key = Ключ підпису сервера
vault-actor = Хто
vault-action = Що
vault-hashes = Хеші
vault-testimony-intro = Запис інтерв’ю з урахуванням ґендерної чутливості. Кожне поле зберігається зашифрованим. Використовуйте псевдонім, ніколи не ім’я особи.
vault-interviewer = Інтерв’юер/ка
vault-interpreter = Перекладач/ка
vault-language = Мова інтерв’ю
vault-place = Місце
vault-date = Дата
vault-pseudonym = Псевдонім особи
vault-pseudonym-hint = Ніколи не справжнє ім’я.
vault-gender = Чи обирала особа стать інтерв’юера?
vault-gender-chosen = Так, особа обрала
vault-gender-not-chosen = Ні, не обирала
vault-gender-not-asked = Особу не запитали
vault-safety = Потреби безпеки
vault-referral = Потреби в перенаправленні
vault-narrative = Розповідь
vault-follow-up = Подальші кроки
vault-back-to-case = Назад до справи
vault-size = Розмір
vault-download = Завантажити оригінал
vault-export-intro = Виберіть матеріали, згода на які охоплює використання прокуратурою. Їх буде зашифровано ключем age прокуратури й запаковано з підписаним переліком їхніх хешів SHA-256 і ланцюгом зберігання, щоб їх можна було перевірити офлайн.
vault-recipient = Публічний ключ age отримувача
vault-recipient-hint = Починається з age1. Його надає прокуратура; лише її приватний ключ відкриває файли.
vault-export-button = Експортувати
err-required = Це поле обов’язкове.
err-vault-closed = Сховище закрите: його ключ відсутній або не збігається. Нічого не втрачено. Адміністратори платформи знають причину; решта Spona працює як завжди.
err-consent-withdrawn = Згоду особи відкликано або вона не охоплює зберігання цього матеріалу, тож його не можна читати, завантажувати чи передавати. Спробу записано в ланцюг зберігання.
err-consent-share = Особа не давала згоди на передавання цій організації. Спробу записано в ланцюг зберігання.
err-consent-prosecution = Особа не давала згоди на використання прокуратурою, тож цей матеріал не можна експортувати. Спробу записано в ланцюг зберігання.
err-consent-publication = Особа не давала згоди на публікацію.
err-consent-required = Запишіть згоду особи на документування, перш ніж щось зберігати.
err-reason-length = Причина може мати щонайбільше 500 символів.
err-vault-unknown-user = Жоден активний обліковий запис не має цієї адреси.
err-vault-last-lead = У справі має залишитися хоча б одна особа з роллю керівника/ці.
err-vault-reason-required = Вкажіть причину: вона записується в ланцюг зберігання.
err-upload-interrupted = Завантаження перервано. Нічого не збережено; надішліть файл знову.
err-age-recipient = Введіть правильний публічний ключ age (починається з age1).
err-export-empty = Виберіть хоча б один матеріал для експорту.

## ---- first-day fixes (issue 13) ----

## ---- directory search (issue 13) ----

## ---- security (issue 14) ----

## ---- vault (issue 14) ----
vault-choose = — оберіть —
vault-leave = Вийти з цієї справи
vault-item-withdrawn = Приховано: згоду відкликано
err-vault-file-name = Назва файлу містить символи, що змінюють напрямок тексту: ними можна приховати справжній тип файлу. Перейменуйте файл і завантажте його знову.
vault-export-language = Мова читабельних копій
vault-export-language-hint = Пакет містить читабельну копію (HTML) кожного свідчення та ланцюга зберігання цією мовою. Чинними залишаються підписані машиночитні файли.
err-vault-export-language = Оберіть мову читабельних копій.
vault-readable-note = Читабельна копія для зручності. Чинними є підписані машиночитні файли цього пакета (manifest.json, custody.jsonl, files/); їх перевіряє spona verify-bundle.
vault-readable-case = Справа
vault-readable-exported = Експортовано
vault-readable-file = Файл у пакеті
vault-readable-action-create = Записано
vault-readable-action-view = Переглянуто
vault-readable-action-download = Завантажено
vault-readable-action-consent = Згоду записано
vault-readable-action-share = Передано
vault-readable-action-export = Експортовано
vault-readable-action-grant = Доступ надано
vault-readable-action-revoke = Доступ скасовано
vault-readable-action-blocked = Відмовлено (згода цього не охоплює)
vault-readable-action-verify = Перевірено
vault-decision = Рішення особи
vault-decision-hint = Хто вирішив, як, коли і хто був свідком. Обов’язково, щоб відновити відкликану згоду; записується в ланцюг зберігання.
vault-decided-by = Хто ухвалив рішення
vault-decided-by-person = Сама особа
vault-decided-by-representative = Її законний представник чи представниця
vault-decided-how = Як
vault-decided-how-writing = Письмово
vault-decided-how-oral = Усно
vault-decided-how-recording = У записі
vault-decided-on = Дата
vault-witness = Свідок/свідка
err-vault-consent-record = Щоб відновити відкликану згоду, запишіть нове рішення особи: хто вирішив, як, якого дня і хто був свідком.

## ---- faults (issue 15) ----

## ---- end ----
