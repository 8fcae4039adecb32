## Билтени
newsletters-title = Билтени
newsletters-lead = Новости, ресурси и приче о успеху из мрежа, мејлом и у јавној архиви.
newsletters-none = Још нема билтена.
newsletter-new = Покрените билтен
newsletter-create = Направи билтен
newsletter-field-network = Мрежа
newsletter-field-name = Назив
newsletter-field-description = О чему пише (није обавезно)
newsletter-field-audience = Ко може да чита архиву и да се пријави
newsletter-audience-public = Сви: архива је јавна, а људи ван Споне могу да се пријаве мејлом
newsletter-audience-members = Само чланови Споне
newsletter-subscribe-h = Пријава
newsletter-you-get-it = Овај билтен добијате на адресу свог налога.
newsletter-leave = Одјави ме
newsletter-subscribe = Пријави ме
newsletter-field-email = Адреса е-поште
newsletter-consent-public = Желим да примам овај билтен мејлом на ову адресу. Могу да се одјавим у сваком тренутку преко везе у сваком броју.
newsletter-consent-member = Бројеви овог билтена стизаће на адресу вашег налога. Можете да се одјавите у сваком тренутку овде или преко везе у сваком броју.
newsletter-consent-id = Текст „{ $id }“, верзија { $version }.
newsletter-editors-h = За уреднике
newsletter-new-issue = Напиши нови број
newsletter-subscribers-link = Претплатници
newsletter-archive = Архива
newsletter-archive-empty = Још ниједан број није послат.
newsletter-untitled = (нацрт без наслова)
newsletter-state = Стање
newsletter-state-draft = нацрт
newsletter-state-scheduled = заказан
newsletter-state-sending = шаље се
newsletter-state-sent = послат
newsletter-check-mail-h = Проверите пошту
newsletter-check-mail = Ако адреса може да прима пошту, стиже вам порука са везом за потврду пријаве на { $name }. Ништа се не шаље док не потврдите. Непотврђене адресе бришу се после 30 дана.
newsletter-confirm-h = Потврдите пријаву
newsletter-confirm-what = Пријавити { $address } на { $name }?
newsletter-confirm-button = Да, пријави ме
newsletter-confirmed-h = Пријављени сте
newsletter-confirmed = Добијаћете { $name } мејлом. Сваки број има везу за одјаву.
newsletter-preview-note = Преглед: овај број још није послат.
newsletter-back-to-editor = Назад на уређивање
newsletter-other-languages = На другим језицима
newsletter-edit-h = Уређивање броја
newsletter-edit-hint = Напишите наслов и текст (Markdown) на сваком језику који имате; сваки читалац добија свој језик, или енглески, или први написани.
newsletter-lang-en = енглески
newsletter-lang-sr-Cyrl = српски (ћирилица)
newsletter-lang-sr-Latn = српски (латиница)
newsletter-lang-uk = украјински
newsletter-field-title = Наслов
newsletter-field-body = Текст (Markdown)
newsletter-save = Сачувај
newsletter-sent-note = Послато { $when }, претплатника: { $count }. Послати број не може да се мења.
newsletter-preview-h = Преглед
newsletter-test-h = Проба
newsletter-test-button = Пошаљи пробу мени
newsletter-test-sent = Проба на сваком језику послата је на вашу адресу.
newsletter-test-tag = Проба
newsletter-schedule-h = Слање
newsletter-field-at = Пошаљи у (датум и време, UTC)
newsletter-schedule = Закажи
newsletter-unschedule = Не шаљи; врати у нацрт
newsletter-subscribers-h = Претплатници
newsletter-subscriber-count = { $count ->
    [one] Следећи број добија { $count } претплатник.
    [few] Следећи број добијају { $count } претплатника.
   *[other] Следећи број добија { $count } претплатника.
}
newsletter-subscribers-none = Још се нико није пријавио.
newsletter-col-status = Стање
newsletter-col-since = Од
newsletter-member = члан
newsletter-status-left = одјављен
newsletter-status-confirmed = пријављен
newsletter-status-waiting = чека потврду
newsletter-confirm-mail-subject = Потврдите пријаву на { $name }
newsletter-confirm-mail-text = Неко, надамо се ви, затражио је да на ову адресу прима билтен { $name }.

    Да бисте потврдили, отворите ову везу и притисните дугме на страници:
    { $link }

    Ако то нисте били ви, занемарите ову поруку: ништа више неће бити послато, а адреса се брише после 30 дана.
newsletter-mail-footer = Добијате { $name } јер сте се пријавили. Прочитајте овај број на вебу: { $link }
newsletter-mail-from-group = { $name }: билтен радне групе { $group }
    Страница билтена: { $page }
err-newsletter-network = Изаберите мрежу коју координирате.
err-newsletter-name = Дајте билтену назив од највише 120 знакова.
err-newsletter-description = Опис може да има највише 2.000 знакова.
err-newsletter-audience = Изаберите ко може да чита архиву и да се пријави.
err-newsletter-lang = Тај језик се не нуди за бројеве билтена.
err-newsletter-title-long = Наслов може да има највише 200 знакова.
err-newsletter-body-long = Текст је предугачак за билтен.
err-newsletter-title-missing = Овом тексту треба наслов.
err-newsletter-body-missing = Овом наслову треба текст.
err-newsletter-sent = Овај број је већ послат (или се шаље) и не може да се мења.
err-newsletter-not-scheduled = Овај број није заказан.
err-newsletter-empty = Број је празан: прво напишите наслов и текст бар на једном језику.
err-newsletter-when = Унесите датум и време слања.
err-newsletter-past = То време је прошло: изаберите време у будућности.
err-newsletter-email = Унесите исправну адресу е-поште, нпр. ime@example.org.
err-newsletter-consent-needed = Означите поље да бисте потврдили да желите да примате билтен.
err-newsletter-link = Ова веза за потврду није важећа: већ је искоришћена, замењена новијом или је истекла. Пријавите се поново да бисте добили нову везу.
