## Билтени
newsletters-title = Билтени
newsletters-lead = Новости, ресурси и приказни за успех од мрежите, по е-пошта и во јавна архива.
newsletters-none = Сè уште нема билтени.
newsletter-new = Започни билтен
newsletter-create = Создај го билтенот
newsletter-field-network = Мрежа
newsletter-field-name = Име
newsletter-field-description = За што станува збор (незадолжително)
newsletter-field-audience = Кој може да ја чита архивата и да се претплати
newsletter-audience-public = Сите: архивата е јавна, а луѓе надвор од Спона можат да се претплатат по е-пошта
newsletter-audience-members = Само членовите на Спона
newsletter-subscribe-h = Претплата
newsletter-you-get-it = Овој билтен го добивате на адресата на вашата сметка.
newsletter-leave = Престани да го добиваш
newsletter-subscribe = Претплати се
newsletter-field-email = Адреса на е-пошта
newsletter-consent-public = Сакам да го добивам овој билтен по е-пошта на оваа адреса. Можам да се откажам во секое време преку врската во секој број.
newsletter-consent-member = Броевите на овој билтен ќе се испраќаат на адресата на вашата сметка. Можете да се откажете во секое време тука или преку врската во секој број.
newsletter-consent-id = Формулација „{ $id }“, верзија { $version }.
newsletter-editors-h = За уредниците
newsletter-new-issue = Напиши нов број
newsletter-subscribers-link = Претплатници
newsletter-archive = Архива
newsletter-archive-empty = Сè уште не е испратен ниту еден број.
newsletter-untitled = (нацрт без наслов)
newsletter-state = Состојба
newsletter-state-draft = нацрт
newsletter-state-scheduled = закажан
newsletter-state-sending = се испраќа
newsletter-state-sent = испратен
newsletter-check-mail-h = Проверете ја вашата е-пошта
newsletter-check-mail = Ако адресата може да прима пошта, пристигнува порака со врска за потврда на претплатата на { $name }. Ништо не се испраќа додека не потврдите. Непотврдените адреси се бришат по 30 дена.
newsletter-confirm-h = Потврдете ја претплатата
newsletter-confirm-what = Да се претплати { $address } на { $name }?
newsletter-confirm-button = Да, претплати ме
newsletter-confirmed-h = Претплатени сте
newsletter-confirmed = Ќе го добивате { $name } по е-пошта. Секој број има врска за откажување.
newsletter-preview-note = Преглед: овој број не е испратен.
newsletter-back-to-editor = Назад во уредникот
newsletter-other-languages = На други јазици
newsletter-edit-h = Уредување на бројот
newsletter-edit-hint = Напишете наслов и текст (Markdown) на секој јазик што го имате; секој читател го добива својот јазик, или англиски, или првиот напишан.
newsletter-lang-en = Англиски
newsletter-lang-sr-Cyrl = Српски (кирилица)
newsletter-lang-sr-Latn = Српски (латиница)
newsletter-lang-uk = Украински
newsletter-field-title = Наслов
newsletter-field-body = Текст (Markdown)
newsletter-save = Зачувај
newsletter-sent-note = Испратен на { $when } до { $count } претплатници. Испратениот број не може да се менува.
newsletter-preview-h = Преглед
newsletter-test-h = Тест
newsletter-test-button = Испрати ми тест
newsletter-test-sent = На вашата адреса е испратен тест на секој јазик.
newsletter-test-tag = Тест
newsletter-schedule-h = Испраќање
newsletter-field-at = Испрати на (датум и време, UTC)
newsletter-schedule = Закажи
newsletter-unschedule = Не испраќај; врати во нацрт
newsletter-subscribers-h = Претплатници
newsletter-subscriber-count = { $count ->
    [one] { $count } претплатник ќе го добие следниот број.
   *[other] { $count } претплатници ќе го добијат следниот број.
}
newsletter-subscribers-none = Сè уште никој не се претплатил.
newsletter-col-status = Статус
newsletter-col-since = Од
newsletter-member = член
newsletter-status-left = се откажал
newsletter-status-confirmed = претплатен
newsletter-status-waiting = чека потврда
newsletter-confirm-mail-subject = Потврдете ја претплатата на { $name }
newsletter-confirm-mail-text = Некој, се надеваме вие, побара да го добива билтенот { $name } на оваа адреса.

    За да потврдите, отворете ја оваа врска и притиснете го копчето на страницата:
    { $link }

    Ако тоа не сте биле вие, занемарете ја пораката: ништо повеќе нема да биде испратено, а адресата се брише по 30 дена.
newsletter-mail-footer = Го добивате { $name } затоа што се претплативте. Прочитајте го овој број на интернет: { $link }
newsletter-mail-from-group = { $name }: билтенот на работната група { $group }
    Страницата на билтенот: { $page }
err-newsletter-network = Изберете мрежа што ја координирате.
err-newsletter-name = Дајте му на билтенот име од најмногу 120 знаци.
err-newsletter-description = Описот може да има најмногу 2.000 знаци.
err-newsletter-audience = Изберете кој може да ја чита архивата и да се претплати.
err-newsletter-lang = Тој јазик не е понуден за броевите.
err-newsletter-title-long = Насловот може да има најмногу 200 знаци.
err-newsletter-body-long = Текстот е предолг за билтен.
err-newsletter-title-missing = На овој текст му треба наслов.
err-newsletter-body-missing = На овој наслов му треба текст.
err-newsletter-sent = Овој број е веќе испратен (или се испраќа) и не може да се менува.
err-newsletter-not-scheduled = Овој број не е закажан.
err-newsletter-empty = Бројот е празен: прво напишете наслов и текст на барем еден јазик.
err-newsletter-when = Наведете датум и време на испраќање.
err-newsletter-past = Тоа време помина: изберете време во иднина.
err-newsletter-email = Внесете важечка адреса на е-пошта, на пример name@example.org.
err-newsletter-consent-needed = Означете го полето за да потврдите дека сакате да го добивате билтенот.
err-newsletter-link = Оваа врска за потврда не е важечка: веќе е искористена, заменета со понова или истекла. Претплатете се повторно за да добиете нова врска.
