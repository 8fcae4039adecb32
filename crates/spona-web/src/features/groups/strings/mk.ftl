# Работни групи (mk).

groups-title = Работни групи
groups-lead = Тематски групи преку границите: луѓе од повеќе организации што заедно подготвуваат текстови, планираат и разговараат.
groups-filter = Филтрирај групи
groups-filter-apply = Прикажи групи
groups-none = Сè уште нема работни групи.
group-new = Започни работна група
group-create = Создај ја групата
group-preferences = Пошта од моите групи
group-search = Пребарај дискусии
group-network = Мрежа
group-no-network = Без мрежа
group-lang = Јазик на името и описот
group-join-policy = Кој може да се приклучи
group-policy-open = Отворена: секој најавен корисник може да се приклучи
group-policy-request = По барање: координатор одобрува
group-policy-invitation = Само по покана: координаторите додаваат луѓе
group-member-count = { $count ->
    [one] { $count } член
   *[other] { $count } членови
}
group-you-are-coordinator = Вие ја координирате оваа група.
group-you-are-member = Вие сте член на оваа група.
group-you-are-requested = Побаравте да се приклучите; координатор ќе ви одговори.
group-leave = Напушти ја групата
group-invitation-only = Координаторите додаваат луѓе во оваа група.
group-join = Приклучи се на групата
group-ask-to-join = Побарај да се приклучиш
group-threads = Дискусии
group-threads-members-only = Дискусиите на групата се за нејзините членови.
group-unread-threads = { $count ->
    [one] { $count } дискусија со нови пораки
   *[other] { $count } дискусии со нови пораки
}
group-post-count = { $count ->
    [one] { $count } порака
   *[other] { $count } пораки
}
group-new-posts = { $count ->
    [one] { $count } нова
   *[other] { $count } нови
}
group-hidden = скриена
group-new-thread = Започни дискусија
group-thread-title = Наслов
group-post-body = Текст
group-post-hint = Може да се користи Markdown: *нагласување*, листи, врски. Спомнете член со @ и неговото име без празни места, на пр. @jelena.
group-start-thread = Започни ја дискусијата
group-members = Членови
group-coordinator = координатор
group-make-member = Направи член
group-make-coordinator = Направи координатор
group-remove = Отстрани
group-requests = Бараат да се приклучат
group-approve = Одобри
group-decline = Одбиј
group-add-member = Додај член
group-resources = Ресурси
group-no-resources = Сè уште нема поврзани ресурси.
group-unlink = Откачи
group-link-resource = Поврзи ресурс
group-resource-address = Адреса или идентификатор на ресурс од центарот за ресурси
group-thread-hidden-because = Координатор ја скри оваа дискусија; не се примаат одговори. Причина:
group-thread-follow-on = Добивате пошта за секој одговор тука.
group-thread-mute-on = Не добивате пошта за оваа дискусија.
group-thread-default = Врати на поставката на групата
group-follow = Следи
group-mute = Исклучи известувања
group-pages = Страници на дискусијата
group-oldest = Најстари
group-earlier = Постари
group-later = Понови
group-newest = Најнови
group-new-since-visit = Ново од вашата последна посета
group-edited = изменето
group-edit = Уреди
group-reply = Одговори
group-send-reply = Испрати го одговорот
group-hide-thread = Скриј ја дискусијата
group-hide-reason = Причина (се чува во дневникот на активности)
group-post-heading = Порака { $n } од { $author }
group-save = Зачувај
group-history = Претходни верзии
group-no-history = Оваа порака никогаш не е уредувана.
group-version = Верзија { $n }
group-search-words = Зборови за пребарување
group-search-go = Пребарај
group-search-count = { $count ->
    [one] Пронајдена е { $count } порака
   *[other] Пронајдени се { $count } пораки
}
group-preferences-lead = За секоја група изберете каква пошта добивате. Спомнувањата на вас и одговорите на вашите дискусии секогаш се испраќаат, освен ако ја исклучивте дискусијата.
group-preferences-none = Не сте член на ниту една работна група.
group-mail-each = Секоја порака
group-mail-daily = Дневен преглед
group-mail-weekly = Неделен преглед
group-mail-none = Ништо
group-mail-footer = За да промените каква пошта добивате од оваа група:
group-mail-mentioned = { $author } ве спомна во „{ $title }“ ({ $group }):
group-mail-new-thread = { $author } ја започна дискусијата „{ $title }“ во { $group }:
group-mail-reply = { $author } одговори во „{ $title }“ ({ $group }):
group-digest-subject = Што е ново во { $group }
group-digest-intro-daily = Што е ново во { $group } од вчерашниот преглед:
group-digest-intro-weekly = Што е ново во { $group } оваа недела:
group-digest-post = { $author } (порака { $n }):
group-digest-resources = Поврзани ресурси
err-group-lang = Изберете го јазикот на името и описот.
err-group-policy = Изберете кој може да се приклучи на групата.
err-group-invitation-only = Само координаторите додаваат луѓе во оваа група.
err-group-last-coordinator = Групата мора да има барем еден координатор: прво определете друг.
err-group-no-such-person = Никој со оваа адреса нема сметка.
err-group-action = Непознато дејство за член.
err-group-no-such-resource = Нема ресурс што можете да го читате со оваа адреса.
err-group-mail-choice = Изберете каква пошта сакате.
err-mention-outsider = Спомнавте некого што не е член на оваа група. Спомнувајте само членови (како што се прикажани во листата на членови) или напишете го името без @.
err-thread-hidden = Оваа дискусија ја скри координатор и не прима одговори.
group-files = Датотеки
group-files-hint = Незадолжително. До 5 датотеки: документи и табели од Word или LibreOffice, PDF, слики PNG, JPEG или WebP; најмногу по 25 MB. Можат да ги преземат само членовите на групата.
err-group-files-many = Пораката може да содржи најмногу 5 датотеки. Изберете помалку и испратете повторно; ништо не е зачувано.
group-delete-thread = Избриши ја оваа дискусија
group-delete-hint = Дискусијата се отстранува од листата, пребарувањето и прегледите на групата и повеќе не прима одговори. Причината се чува во дневникот на активности.
group-delete-reason = Зошто ја бришете
err-thread-deleted = Оваа дискусија е избришана и не прима одговори. Ништо не е зачувано.
group-events = Настани
group-no-events = Нема претстојни настани на оваа група.
group-events-feed = Настаните на групата како календарски фид (iCalendar)
group-digest-events = Најавени настани
group-theme = Тема
group-no-theme = Без тема
err-group-theme = Изберете тема од листата или ниедна.

# Билтени на групата (session 9)
group-newsletters-title = Билтени
group-newsletters-link = Билтените на групата и нивната архива
group-newsletters-lead = Членовите на групата го добиваат секој број без претплата (можат да се откажат како и секој претплатник); луѓето надвор од Спона се претплатуваат на јавен билтен по е-пошта и потврдуваат преку врска.
group-newsletters-none = Оваа група сè уште нема билтен.
group-newsletter-new = Започни билтен за оваа група
group-newsletter-archive = Архива
group-newsletter-archive-empty = Сè уште не е испратен ниту еден број.
group-newsletter-unsent = { $count ->
    [one] { $count } број сè уште не е испратен
   *[other] { $count } броја сè уште не се испратени
}

# Имиња на групата на повеќе јазици (session 9)
group-names-h = Името на групата на други јазици
group-names-lead = Читателите ги гледаат името и описот на својот јазик кога постојат, инаку на англиски, инаку како што се првпат напишани.
group-name-lang = Јазик
group-name-save = Зачувај го овој јазик
group-name-remove = Отстрани
group-other-lang-h = Исто така на друг јазик (незадолжително)
group-other-lang-hint = Читателите на тој јазик ги гледаат ова име и опис. Повеќе јазици може да се додадат на страницата на групата.
group-other-lang-none = Без друг јазик
group-other-name = Име на тој јазик
group-other-description = Опис на тој јазик
err-group-name-same-lang = Групата веќе е напишана на овој јазик: изберете друг.
groups-find = Име или опис (на кој било јазик или писмо)
