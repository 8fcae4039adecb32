# Робочі групи (uk).

groups-title = Робочі групи
groups-lead = Тематичні групи через кордони: люди з кількох організацій, які разом пишуть, планують і обговорюють.
groups-filter = Фільтрувати групи
groups-filter-apply = Показати групи
groups-none = Робочих груп ще немає.
group-new = Створити робочу групу
group-create = Створити групу
group-preferences = Листи з моїх груп
group-search = Пошук в обговореннях
group-network = Мережа
group-no-network = Без мережі
group-lang = Мова назви й опису
group-join-policy = Хто може приєднатися
group-policy-open = Відкрита: приєднується кожен, хто увійшов
group-policy-request = За запитом: координатор схвалює
group-policy-invitation = Лише за запрошенням: координатори додають людей
group-member-count = { $count ->
    [one] { $count } учасник
    [few] { $count } учасники
    [many] { $count } учасників
   *[other] { $count } учасника
}
group-you-are-coordinator = Ви координуєте цю групу.
group-you-are-member = Ви учасник цієї групи.
group-you-are-requested = Ви попросили приєднатися; координатор відповість.
group-leave = Вийти з групи
group-invitation-only = До цієї групи людей додають координатори.
group-join = Приєднатися до групи
group-ask-to-join = Попросити приєднатися
group-threads = Обговорення
group-threads-members-only = Обговорення групи — для її учасників.
group-unread-threads = { $count ->
    [one] { $count } обговорення з новими дописами
    [few] { $count } обговорення з новими дописами
    [many] { $count } обговорень з новими дописами
   *[other] { $count } обговорення з новими дописами
}
group-post-count = { $count ->
    [one] { $count } допис
    [few] { $count } дописи
    [many] { $count } дописів
   *[other] { $count } допису
}
group-new-posts = { $count ->
    [one] { $count } новий
    [few] { $count } нові
    [many] { $count } нових
   *[other] { $count } нового
}
group-hidden = приховано
group-new-thread = Почати обговорення
group-thread-title = Назва
group-post-body = Текст
group-post-hint = Працює Markdown: *виділення*, списки, посилання. Згадайте учасника через @ та ім'я без пробілів, напр. @oksana.
group-start-thread = Почати обговорення
group-members = Учасники
group-coordinator = координатор
group-make-member = Зробити учасником
group-make-coordinator = Зробити координатором
group-remove = Вилучити
group-requests = Просять приєднатися
group-approve = Схвалити
group-decline = Відхилити
group-add-member = Додати учасника
group-resources = Ресурси
group-no-resources = Пов'язаних ресурсів ще немає.
group-unlink = Від'єднати
group-link-resource = Пов'язати ресурс
group-resource-address = Адреса або ідентифікатор ресурсу в базі знань
group-thread-hidden-because = Координатор приховав це обговорення; відповіді не приймаються. Причина:
group-thread-follow-on = Ви отримуєте лист про кожну відповідь тут.
group-thread-mute-on = Ви не отримуєте листів про це обговорення.
group-thread-default = Повернути налаштування групи
group-follow = Стежити
group-mute = Вимкнути сповіщення
group-pages = Сторінки обговорення
group-oldest = Найстаріші
group-earlier = Раніші
group-later = Пізніші
group-newest = Найновіші
group-new-since-visit = Нове з вашого останнього візиту
group-edited = змінено
group-edit = Змінити
group-reply = Відповідь
group-send-reply = Надіслати відповідь
group-hide-thread = Приховати обговорення
group-hide-reason = Причина (зберігається в журналі аудиту)
group-post-heading = Допис { $n }, автор { $author }
group-save = Зберегти
group-history = Попередні версії
group-no-history = Цей допис ніколи не змінювали.
group-version = Версія { $n }
group-search-words = Слова для пошуку
group-search-go = Шукати
group-search-count = { $count ->
    [one] Знайдено { $count } допис
    [few] Знайдено { $count } дописи
    [many] Знайдено { $count } дописів
   *[other] Знайдено { $count } допису
}
group-preferences-lead = Для кожної групи оберіть, які листи отримувати. Згадки про вас і відповіді на ваші обговорення надходять завжди, якщо ви не вимкнули сповіщення обговорення.
group-preferences-none = Ви не входите в жодну робочу групу.
group-mail-each = Кожне повідомлення
group-mail-daily = Щоденний огляд
group-mail-weekly = Щотижневий огляд
group-mail-none = Нічого
group-mail-footer = Щоб змінити, які листи ви отримуєте з цієї групи:
group-mail-mentioned = { $author } згадує вас в «{ $title }» ({ $group }):
group-mail-new-thread = { $author } починає «{ $title }» у групі { $group }:
group-mail-reply = { $author } відповідає в «{ $title }» ({ $group }):
group-digest-subject = Що нового в групі { $group }
group-digest-intro-daily = Що нового в групі { $group } від учорашнього огляду:
group-digest-intro-weekly = Що нового в групі { $group } цього тижня:
group-digest-post = { $author } (допис { $n }):
group-digest-resources = Пов'язані ресурси
err-group-lang = Оберіть мову назви й опису.
err-group-policy = Оберіть, хто може приєднатися до групи.
err-group-invitation-only = До цієї групи людей додають лише координатори.
err-group-last-coordinator = У групі лишається щонайменше один координатор: спершу призначте іншого.
err-group-no-such-person = Ніхто з цією адресою не має облікового запису.
err-group-action = Невідома дія для учасника.
err-group-no-such-resource = Немає ресурсу з цією адресою, який ви можете читати.
err-group-mail-choice = Оберіть, які листи ви хочете.
err-mention-outsider = Ви згадали когось, хто не є учасником цієї групи. Згадуйте лише учасників (як у списку учасників) або напишіть ім'я без @.
err-thread-hidden = Координатор приховав це обговорення, і воно не приймає відповідей.
group-files = Файли
group-files-hint = Необов'язково. До 5 файлів: PDF, документи й таблиці Word або LibreOffice, зображення PNG, JPEG або WebP; кожен не більше 25 МБ. Завантажити їх можуть лише учасники групи.
err-group-files-many = Одне повідомлення містить не більше 5 файлів. Виберіть менше й надішліть знову; нічого не збережено.
group-delete-thread = Видалити це обговорення
group-delete-hint = Обговорення зникає зі списку групи, пошуку та дайджестів і більше не приймає відповідей. Причина зберігається в журналі аудиту.
group-delete-reason = Чому ви його видаляєте
err-thread-deleted = Це обговорення видалено, і воно не приймає відповідей. Нічого не збережено.
group-events = Події
group-no-events = Найближчим часом у цієї групи немає подій.
group-events-feed = Події групи як календарна стрічка (iCalendar)
group-digest-events = Оголошені події
group-theme = Тема
group-no-theme = Без теми
err-group-theme = Виберіть тему зі списку або жодної.

# A group's newsletters (session 9)
group-newsletters-title = Розсилки
group-newsletters-link = Розсилки групи та їхній архів
group-newsletters-lead = Учасники групи отримують кожен випуск без підписки (можуть відписатися, як і будь-який підписник); люди поза Spona підписуються на публічну розсилку електронною поштою й підтверджують посиланням.
group-newsletters-none = Ця група ще не має розсилки.
group-newsletter-new = Почати розсилку цієї групи
group-newsletter-archive = Архів
group-newsletter-archive-empty = Ще жодного випуску не надіслано.
group-newsletter-unsent = { $count ->
    [one] { $count } випуск ще не надіслано
    [few] { $count } випуски ще не надіслано
    [many] { $count } випусків ще не надіслано
   *[other] { $count } випуску ще не надіслано
}

# A group's names in several languages (session 9)
group-names-h = Назва групи іншими мовами
group-names-lead = Читачі бачать назву й опис своєю мовою, якщо вони є, інакше англійською, інакше так, як їх написали спершу.
group-name-lang = Мова
group-name-save = Зберегти цю мову
group-name-remove = Видалити
group-other-lang-h = Також іншою мовою (необов'язково)
group-other-lang-hint = Читачі цієї мови бачать цю назву й опис. Більше мов можна додати на сторінці групи.
group-other-lang-none = Без іншої мови
group-other-name = Назва цією мовою
group-other-description = Опис цією мовою
err-group-name-same-lang = Групу вже написано цією мовою: виберіть іншу.
groups-find = Назва або опис (будь-якою мовою чи абеткою)
