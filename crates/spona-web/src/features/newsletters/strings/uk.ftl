## Розсилки
newsletters-title = Розсилки
newsletters-lead = Новини, ресурси й історії успіху мереж — електронною поштою та в публічному архіві.
newsletters-none = Розсилок ще немає.
newsletter-new = Започаткувати розсилку
newsletter-create = Створити розсилку
newsletter-field-network = Мережа
newsletter-field-name = Назва
newsletter-field-description = Про що вона (необов'язково)
newsletter-field-audience = Хто може читати архів і підписуватися
newsletter-audience-public = Усі: архів публічний, а люди поза Споною можуть підписатися електронною поштою
newsletter-audience-members = Лише учасники Спони
newsletter-subscribe-h = Підписка
newsletter-you-get-it = Ви отримуєте цю розсилку на адресу свого облікового запису.
newsletter-leave = Відписатися
newsletter-subscribe = Підписатися
newsletter-field-email = Адреса електронної пошти
newsletter-consent-public = Я хочу отримувати цю розсилку електронною поштою на цю адресу. Я можу відписатися будь-коли за посиланням у кожному випуску.
newsletter-consent-member = Випуски цієї розсилки надходитимуть на адресу вашого облікового запису. Ви можете відписатися будь-коли тут або за посиланням у кожному випуску.
newsletter-consent-id = Текст «{ $id }», версія { $version }.
newsletter-editors-h = Для редакторів
newsletter-new-issue = Написати новий випуск
newsletter-subscribers-link = Підписники
newsletter-archive = Архів
newsletter-archive-empty = Ще жодного випуску не надіслано.
newsletter-untitled = (чернетка без назви)
newsletter-state = Стан
newsletter-state-draft = чернетка
newsletter-state-scheduled = заплановано
newsletter-state-sending = надсилається
newsletter-state-sent = надіслано
newsletter-check-mail-h = Перевірте пошту
newsletter-check-mail = Якщо адреса може отримувати пошту, до вас іде лист із посиланням для підтвердження підписки на { $name }. Нічого не надсилається, доки ви не підтвердите. Непідтверджені адреси забуваються через 30 днів.
newsletter-confirm-h = Підтвердьте підписку
newsletter-confirm-what = Підписати { $address } на { $name }?
newsletter-confirm-button = Так, підписати мене
newsletter-confirmed-h = Ви підписані
newsletter-confirmed = Ви отримуватимете { $name } електронною поштою. У кожному випуску є посилання, щоб відписатися.
newsletter-preview-note = Попередній перегляд: цей випуск ще не надіслано.
newsletter-back-to-editor = Назад до редактора
newsletter-other-languages = Іншими мовами
newsletter-edit-h = Редагування випуску
newsletter-edit-hint = Напишіть заголовок і текст (Markdown) кожною мовою, яка у вас є; кожен читач отримує свою мову, або англійську, або першу написану.
newsletter-lang-en = англійська
newsletter-lang-sr-Cyrl = сербська (кирилиця)
newsletter-lang-sr-Latn = сербська (латиниця)
newsletter-lang-uk = українська
newsletter-field-title = Заголовок
newsletter-field-body = Текст (Markdown)
newsletter-save = Зберегти
newsletter-sent-note = Надіслано { $when }, підписників: { $count }. Надісланий випуск змінити не можна.
newsletter-preview-h = Попередній перегляд
newsletter-test-h = Перевірка
newsletter-test-button = Надіслати пробний лист собі
newsletter-test-sent = Пробний лист кожною мовою надіслано на вашу адресу.
newsletter-test-tag = Проба
newsletter-schedule-h = Надсилання
newsletter-field-at = Надіслати (дата й час, UTC)
newsletter-schedule = Запланувати
newsletter-unschedule = Не надсилати; повернути в чернетку
newsletter-subscribers-h = Підписники
newsletter-subscriber-count = { $count ->
    [one] Наступний випуск отримає { $count } підписник.
    [few] Наступний випуск отримають { $count } підписники.
    [many] Наступний випуск отримають { $count } підписників.
   *[other] Наступний випуск отримають { $count } підписника.
}
newsletter-subscribers-none = Ще ніхто не підписався.
newsletter-col-status = Стан
newsletter-col-since = Відколи
newsletter-member = учасник
newsletter-status-left = відписався
newsletter-status-confirmed = підписаний
newsletter-status-waiting = чекає підтвердження
newsletter-confirm-mail-subject = Підтвердьте підписку на { $name }
newsletter-confirm-mail-text = Хтось, сподіваємося, ви, попросив надсилати розсилку { $name } на цю адресу.

    Щоб підтвердити, відкрийте це посилання й натисніть кнопку на сторінці:
    { $link }

    Якщо це були не ви, не зважайте на цей лист: більше нічого не надійде, а адресу буде забуто через 30 днів.
newsletter-mail-footer = Ви отримуєте { $name }, бо підписалися. Прочитати цей випуск в інтернеті: { $link }
newsletter-mail-from-group = { $name }: розсилка робочої групи { $group }
    Сторінка розсилки: { $page }
err-newsletter-network = Виберіть мережу, яку ви координуєте.
err-newsletter-name = Дайте розсилці назву до 120 символів.
err-newsletter-description = Опис може мати щонайбільше 2000 символів.
err-newsletter-audience = Виберіть, хто може читати архів і підписуватися.
err-newsletter-lang = Ця мова не пропонується для випусків.
err-newsletter-title-long = Заголовок може мати щонайбільше 200 символів.
err-newsletter-body-long = Текст задовгий для розсилки.
err-newsletter-title-missing = Цьому тексту потрібен заголовок.
err-newsletter-body-missing = Цьому заголовку потрібен текст.
err-newsletter-sent = Цей випуск уже надіслано (або він надсилається), його не можна змінити.
err-newsletter-not-scheduled = Цей випуск не заплановано.
err-newsletter-empty = Випуск порожній: спершу напишіть заголовок і текст хоча б однією мовою.
err-newsletter-when = Вкажіть дату й час надсилання.
err-newsletter-past = Цей час минув: виберіть час у майбутньому.
err-newsletter-email = Введіть правильну адресу електронної пошти, наприклад name@example.org.
err-newsletter-consent-needed = Позначте поле, щоб підтвердити, що хочете отримувати розсилку.
err-newsletter-link = Це посилання для підтвердження недійсне: його вже використано, замінено новішим або строк дії минув. Підпишіться ще раз, щоб отримати нове посилання.
