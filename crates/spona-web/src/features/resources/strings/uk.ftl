# The resources feature's strings (uk).

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
hub-networks = Мережі (коли читати можуть лише організації-учасниці)
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
err-edit-conflict = Хтось зберіг цей текст, поки ви його редагували. Ваш текст збережено нижче: порівняйте його з найновішою версією і збережіть знову.
