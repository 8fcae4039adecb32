# The resources feature's strings (sr-Cyrl).

hub-title = Ресурсни центар
hub-intro = Обрасци за правну помоћ, протоколи за рад са траумом, буџети пројеката, смернице за кризе, студије случаја и водичи за финансирање, на енглеском, српском и украјинском, које ажурирају организације које су их написале.
hub-new = Нови ресурс
hub-needs-review = Треба проверити
hub-needs-review-intro = Ресурси ваших организација којима је прошао датум провере. Проверите да ли су још тачни, па поставите нови датум провере.
hub-outdated = Застарели преводи
hub-outdated-intro = Језичке верзије написане пре него што се друга језичка верзија променила. Ажурирајте их или потврдите да се и даље слажу.
hub-list-empty = Овде нема ничега: све је ажурно.
hub-search = Претражи
hub-search-label = Претрага ресурса (било који језик или писмо)
hub-search-hint = Ћирилица или латиница, са дијакритичким знацима или без њих. Речи под "наводницима" траже се заједно.
hub-kind = Врста
hub-language = Језик
hub-results = { $count ->
    [one] { $count } ресурс
    [few] { $count } ресурса
   *[other] { $count } ресурса
}
hub-feed = Atom фид нових и ажурираних јавних ресурса
hub-variants = Језичке верзије
hub-translation-outdated = Друга језичка верзија се променила након што је ова написана, па овај превод можда није ажуран.
hub-confirm-translation = И даље се слаже
hub-review-overdue = Датум провере овог ресурса је прошао: власници треба да провере да ли је још тачан.
hub-attachments = Прилози
hub-owner = Организација
hub-visibility = Ко може да чита
hub-networks = Мреже (када их смеју читати само организације чланице)
hub-updated = Ажурирано
hub-version-n = верзија { $n }
hub-review-due = Проверити до
hub-versions = Верзије
hub-version = Верзија
hub-versions-caption = Све сачуване верзије, најновија прва. Изаберите две за поређење.
hub-version-current = Ово је тренутна верзија.
hub-version-old = Ово је стара верзија.
hub-compare = Упореди верзије
hub-compare-from = Од
hub-compare-to = До
hub-author = Аутор
hub-changed-lines = { $count ->
    [one] { $count } промењен ред
    [few] { $count } промењена реда
   *[other] { $count } промењених редова
}
hub-diff-legend = Редови који почињу са + су додати, редови који почињу са - су уклоњени.
hub-edit = Уреди ову језичку верзију
hub-edit-details = Уреди податке
hub-add-translation = Додај превод
hub-attach = Приложи датотеку уз ову језичку верзију
hub-attach-hint = PDF, DOCX, ODT, XLSX, ODS, PNG, JPEG или WebP, до 25 MB. Текст у PDF датотекама постаје претражив.
hub-attach-button = Отпреми
hub-back = Назад на ресурс
hub-preview = Преглед
hub-save = Сачувај
hub-written = Језик и писмо
hub-field-title = Наслов
hub-field-summary = Сажетак
hub-field-body = Текст
hub-markdown-hint = Markdown: # наслов, **подебљано**, *курзив*, - списак, [веза](https://…). HTML се приказује као текст.
hub-field-note = Шта је промењено
err-query-too-long = Претрага је предугачка: највише 500 знакова.
err-edit-conflict = Неко је сачувао овај текст док сте га уређивали. Ваш текст је сачуван испод: упоредите га са најновијом верзијом, па поново сачувајте.
