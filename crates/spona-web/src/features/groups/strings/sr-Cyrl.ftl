# Радне групе (sr-Cyrl).

groups-title = Радне групе
groups-lead = Тематске групе преко граница: људи из више организација који заједно пишу, планирају и разговарају.
groups-filter = Филтрирај групе
groups-filter-apply = Прикажи групе
groups-none = Још нема радних група.
group-new = Покрени радну групу
group-create = Направи групу
group-preferences = Пошта из мојих група
group-search = Претражи разговоре
group-network = Мрежа
group-no-network = Без мреже
group-lang = Језик назива и описа
group-join-policy = Ко може да се придружи
group-policy-open = Отворена: придружује се свако ко је пријављен
group-policy-request = На захтев: координатор одобрава
group-policy-invitation = Само по позиву: координатори додају људе
group-member-count = { $count ->
    [one] { $count } члан
    [few] { $count } члана
   *[other] { $count } чланова
}
group-you-are-coordinator = Ви координирате ову групу.
group-you-are-member = Члан сте ове групе.
group-you-are-requested = Затражили сте придруживање; координатор ће одговорити.
group-leave = Напусти групу
group-invitation-only = У ову групу људе додају координатори.
group-join = Придружи се групи
group-ask-to-join = Затражи придруживање
group-threads = Разговори
group-threads-members-only = Разговори групе су за њене чланове.
group-unread-threads = { $count ->
    [one] { $count } разговор са новим порукама
    [few] { $count } разговора са новим порукама
   *[other] { $count } разговора са новим порукама
}
group-post-count = { $count ->
    [one] { $count } порука
    [few] { $count } поруке
   *[other] { $count } порука
}
group-new-posts = { $count ->
    [one] { $count } нова
    [few] { $count } нове
   *[other] { $count } нових
}
group-hidden = сакривен
group-new-thread = Започни разговор
group-thread-title = Наслов
group-post-body = Текст
group-post-hint = Markdown ради: *истицање*, листе, везе. Помените члана са @ и именом без размака, нпр. @jelena.
group-start-thread = Започни разговор
group-members = Чланови
group-coordinator = координатор
group-make-member = Учини чланом
group-make-coordinator = Учини координатором
group-remove = Уклони
group-requests = Траже придруживање
group-approve = Одобри
group-decline = Одбиј
group-add-member = Додај члана
group-resources = Ресурси
group-no-resources = Још нема повезаних ресурса.
group-unlink = Уклони везу
group-link-resource = Повежи ресурс
group-resource-address = Адреса или ознака ресурса у бази знања
group-thread-hidden-because = Координатор је сакрио овај разговор; одговори се не примају. Разлог:
group-thread-follow-on = Добијате пошту за сваки одговор овде.
group-thread-mute-on = Не добијате пошту о овом разговору.
group-thread-default = Врати на подешавање групе
group-follow = Прати
group-mute = Утишај
group-pages = Странице разговора
group-oldest = Најстарије
group-earlier = Раније
group-later = Касније
group-newest = Најновије
group-new-since-visit = Ново од ваше последње посете
group-edited = измењено
group-edit = Измени
group-reply = Одговор
group-send-reply = Пошаљи одговор
group-hide-thread = Сакриј разговор
group-hide-reason = Разлог (чува се у дневнику ревизије)
group-post-heading = Порука { $n }, аутор { $author }
group-save = Сачувај
group-history = Раније верзије
group-no-history = Ова порука никад није мењана.
group-version = Верзија { $n }
group-search-words = Речи које тражите
group-search-go = Тражи
group-search-count = { $count ->
    [one] Пронађена је { $count } порука
    [few] Пронађене су { $count } поруке
   *[other] Пронађено је { $count } порука
}
group-preferences-lead = За сваку групу изаберите коју пошту добијате. Помени и одговори на ваше разговоре стижу увек, осим ако сте разговор утишали.
group-preferences-none = Нисте ни у једној радној групи.
group-mail-each = Свака порука
group-mail-daily = Дневни преглед
group-mail-weekly = Недељни преглед
group-mail-none = Ништа
group-mail-footer = Да промените коју пошту добијате из ове групе:
group-mail-mentioned = { $author } вас је поменуо/ла у „{ $title }“ ({ $group }):
group-mail-new-thread = { $author } је започео/ла „{ $title }“ у групи { $group }:
group-mail-reply = { $author } је одговорио/ла у „{ $title }“ ({ $group }):
group-digest-subject = Шта је ново у групи { $group }
group-digest-intro-daily = Шта је ново у групи { $group } од јучерашњег прегледа:
group-digest-intro-weekly = Шта је ново у групи { $group } ове недеље:
group-digest-post = { $author } (порука { $n }):
group-digest-resources = Повезани ресурси
err-group-lang = Изаберите језик назива и описа.
err-group-policy = Изаберите ко може да се придружи групи.
err-group-invitation-only = У ову групу људе додају само координатори.
err-group-last-coordinator = Група задржава бар једног координатора: прво именујте другог.
err-group-no-such-person = Нико са овом адресом нема налог.
err-group-action = Непозната радња за члана.
err-group-no-such-resource = Нема ресурса са овом адресом који можете да читате.
err-group-mail-choice = Изаберите коју пошту желите.
err-mention-outsider = Поменули сте некога ко није члан ове групе. Помињите само чланове (како их приказује списак чланова) или напишите име без @.
err-thread-hidden = Координатор је сакрио овај разговор и он не прима одговоре.
group-files = Датотеке
group-files-hint = Није обавезно. До 5 датотека: PDF, Word или LibreOffice документи и табеле, PNG, JPEG или WebP слике; највише 25 MB свака. Могу их преузети само чланови групе.
err-group-files-many = Једна порука носи највише 5 датотека. Изаберите мање и пошаљите поново; ништа није сачувано.
group-delete-thread = Обриши ову дискусију
group-delete-hint = Дискусија нестаје са списка групе, из претраге и прегледа, и не прима више одговоре. Разлог се чува у дневнику ревизије.
group-delete-reason = Зашто је бришете
err-thread-deleted = Ова дискусија је обрисана и не прима одговоре. Ништа није сачувано.
group-events = Догађаји
group-no-events = Ова група нема предстојећих догађаја.
group-events-feed = Догађаји групе као календарски фид (iCalendar)
group-digest-events = Најављени догађаји
group-theme = Тема
group-no-theme = Без теме
err-group-theme = Изаберите тему са списка или ниједну.

# A group's newsletters (session 9)
group-newsletters-title = Билтени
group-newsletters-link = Билтени групе и њихова архива
group-newsletters-lead = Чланови групе добијају сваки број без пријаве (могу да се одјаве као и сваки претплатник); људи ван Споне се пријављују на јавни билтен е-поштом и потврђују везом.
group-newsletters-none = Ова група још нема билтен.
group-newsletter-new = Покрените билтен ове групе
group-newsletter-archive = Архива
group-newsletter-archive-empty = Још ниједан број није послат.
group-newsletter-unsent = { $count ->
    [one] { $count } број још није послат
    [few] { $count } броја још нису послата
   *[other] { $count } бројева још није послато
}

# A group's names in several languages (session 9)
group-names-h = Назив групе на другим језицима
group-names-lead = Читаоци виде назив и опис на свом језику када постоји, иначе на енглеском, иначе онако како је први пут написан.
group-name-lang = Језик
group-name-save = Сачувај овај језик
group-name-remove = Уклони
group-other-lang-h = И на другом језику (необавезно)
group-other-lang-hint = Читаоци тог језика виде овај назив и опис. Више језика може се додати на страници групе.
group-other-lang-none = Без другог језика
group-other-name = Назив на том језику
group-other-description = Опис на том језику
err-group-name-same-lang = Група је већ написана на овом језику: изаберите други.
groups-find = Назив или опис (било који језик или писмо)
