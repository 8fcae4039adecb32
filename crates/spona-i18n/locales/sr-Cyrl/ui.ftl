# Корисничко окружење платформе Спона, српски. Пише се ћирилицом; латиница се изводи аутоматски.

## Распоред странице
skip-to-content = Пређи на садржај
nav-main = Главни мени
nav-language = Језик
nav-directory = Именик
nav-networks = Мреже
nav-people = Људи
nav-admin = Администрација
nav-account = Налог
nav-signin = Пријава
nav-signout = Одјава
nav-accessibility = Приступачност
footer-tagline = Спона повезује организације цивилног друштва преко граница.
back-home = Назад на почетну страницу
pager = Странице
pager-prev = Претходна страница
pager-next = Следећа страница
pager-position = Страница { $page } од { $pages }
form-has-errors = Исправите следеће:
form-save = Сачувај
filter-any = Све

## Почетна страница и о платформи
home-title = Спона: цивилно друштво преко граница
home-lead = Пронађите организације у Србији, Украјини, на Косову, у Босни и Херцеговини, Хрватској, Северној Македонији и шире, погледајте која знања свака од њих нуди и која су јој потребна и сарађујте безбедно.
a11y-title = Изјава о приступачности
a11y-body = Спона је направљена тако да ради и када је JavaScript искључен, на спорим везама и са читачима екрана. Свака страница је ХТМЛ који се генерише на серверу, са обрасцима чија су поља означена, видљивим фокусом и наведеним језиком.
a11y-tested = Тестира се при сваком издању: сваки тип странице на енглеском, српском (латиница и ћирилица) и украјинском, у ширини телефона и рачунара, алатом axe-core према WCAG 2.1 A и AA (без прекршаја), и сваки главни ток са искљученим JavaScript-ом у прегледачу Chromium. Поља у обрасцима су означена, а грешке повезане са пољима. Сваку препреку пријавите администраторима платформе.
quick-exit = Брзо напусти ову страницу
quick-exit-hint = Дугме изнад отвара неутралну веб-страницу и брише ову страницу из кеша прегледача. На заједничком телефону користите приватни прозор.

## Бројеви
org-count = { $count ->
    [one] { $count } организација
    [few] { $count } организације
   *[other] { $count } организација
}
network-count = { $count ->
    [one] { $count } мрежа
    [few] { $count } мреже
   *[other] { $count } мрежа
}
account-session-count = { $count ->
    [one] Пријављени сте на { $count } уређају или прегледачу.
    [few] Пријављени сте на { $count } уређаја или прегледача.
   *[other] Пријављени сте на { $count } уређаја или прегледача.
}

## Именик
directory-title = Именик организација
directory-filters = Филтрирање организација
directory-search-label = Претрага по називу, граду или опису
directory-search = Претражи
directory-apply = Примени филтере
directory-clear = Поништи филтере
field-name = Назив
field-description = Кратак опис
field-country = Држава
field-city = Град
field-website = Веб-сајт
field-email = Имејл адреса
field-phone = Телефон
field-theme = Тематске области
field-offers = Знања која нуди
field-needs = Знања која тражи
field-language = Радни језици
field-network = Мреже
field-contact-visibility = Ко може да види контакт податке
field-texts = Називи и описи на другим језицима
field-texts-hint = Попуните језике и писма која организација користи. Српски текст написан ћирилицом аутоматски се приказује латиницом онима који читају латиницу.
field-organisation = Организација
field-role = Улога
visibility-public = Сви
visibility-members = Само пријављени чланови и чланице
org-contacts = Контакт
org-contacts-members-only = Контакт подаци се приказују само пријављеним члановима и чланицама.
org-other-languages = На другим језицима
org-edit = Уреди профил
org-edit-title = Уређивање: { $name }
org-new-title = Нова организација
org-logo = Лого (PNG или JPEG, до 1 MB)
org-logo-hint = Подаци о месту, фотоапарату и аутору уклањају се из објављене копије.
org-logo-upload = Постави лого
org-logo-remove = Уклони лого
org-logo-alt = Лого организације { $name }

## Мреже
networks-title = Мреже
network-coordinator = Координира
network-members = Организације чланице
network-filter-directory = Прикажи чланице у именику
network-add-member = Додај организацију чланицу
network-remove-member = Уклони из мреже

## Људи
people-members = Чланство
people-actions = Радње
people-pending = Позивнице на чекању
people-expires = важи до
people-invite = Позови некога
people-invite-submit = Пошаљи позивницу
people-invite-created = Позивница је направљена. Сервер за пошту није подешен, па овај линк пошаљите особи сами (може се употребити једном, у року од 7 дана):
people-make-admin = Додели администраторска права
people-make-member = Одузми администраторска права
people-remove = Уклони
role-admin = Администратор/ка организације
role-member = Члан/ица
platform-role-admin = Администратор/ка платформе
platform-role-user = Корисник/ца
user-disabled = налог онемогућен
user-disable = Онемогући
user-enable = Омогући
users-title = Кориснички налози

## Пријава и налог
signin-title = Пријава
signin-submit = Пријави се
signin-forgot = Заборавили сте лозинку?
signin-invite-only = Налози се отварају само на позив: замолите администратора или администраторку своје организације да вас позове.
totp-title = Други корак: унесите код
field-totp-code = Шестоцифрени код из апликације за аутентификацију
field-password = Лозинка
field-current-password = Тренутна лозинка
field-new-password = Нова лозинка
field-repeat-password = Поновите нову лозинку
field-display-name = Ваше име
password-hint = Најмање 12 знакова. Неколико необичних речи лако је запамтити, а тешко погодити.
reset-title = Ресетовање лозинке
reset-lead = Унесите имејл адресу свог налога. Послаћемо вам линк који важи један сат.
reset-submit = Пошаљи линк
reset-sent = Ако за ту адресу постоји налог, линк за ресетовање лозинке је послат. Може се употребити једном, у року од једног сата.
reset-new-title = Изаберите нову лозинку
invite-title = Прихватите позив
invite-lead = Позвани сте да се придружите организацији { $org } на платформи Спона.
invite-existing = Већ имате налог: потврдите својом лозинком.
invite-accept = Прихвати и придружи се
account-title = Ваш налог
account-password = Лозинка
account-change-password = Промени лозинку
account-totp = Двостепена пријава
account-totp-on = Двостепена пријава је укључена: при пријави се тражи код из апликације за аутентификацију.
account-totp-off = Двостепена пријава је искључена. Ако је укључите, ваш налог остаје заштићен чак и ако лозинка процури.
account-totp-enable = Укључи двостепену пријаву
account-totp-disable = Искључи двостепену пријаву
account-sessions = Сесије
account-signout-everywhere = Одјави ме свуда
totp-step-app = Отворите апликацију за аутентификацију (на пример Aegis, FreeOTP или Google Authenticator).
totp-step-secret = Додајте налог са овим кључем:
totp-open-app = Или га отворите у апликацији на овом уређају
totp-step-code = Унесите шестоцифрени код који апликација приказује и своју лозинку.
notice-password-reset = Лозинка је промењена. Пријавите се новом лозинком.
notice-signed-out = Одјављени сте.
notice-signed-out-everywhere = Одјављени сте на свим уређајима.
notice-password-changed = Лозинка је промењена, а све остале сесије су одјављене.
notice-totp-enabled = Двостепена пријава је укључена. Све остале сесије су одјављене.
notice-totp-disabled = Двостепена пријава је искључена. Све остале сесије су одјављене.
notice-saved = Сачувано.

## Дневник активности
audit-title = Дневник активности
audit-when = Када
audit-who = Ко
audit-action = Радња
audit-target = Објекат
audit-detail = Детаљи

## Пошта
mail-invite-subject = Позив на платформу Спона
mail-invite-body = Позвани сте да се придружите организацији { $org } на платформи Спона. Да бисте прихватили позив, отворите овај линк (може се употребити једном, у року од 7 дана): { $link }
mail-reset-subject = Ресетовање лозинке на платформи Спона
mail-reset-body = Неко је затражио ресетовање лозинке за ваш налог на платформи Спона. Ако сте то били ви, отворите овај линк у року од једног сата: { $link } — ако нисте, занемарите ову поруку; ваша лозинка остаје непромењена.
mail-review-subject = Ресурси организације { $org } чекају преглед
mail-review-body = { $count ->
    [one] За { $count } ресурс организације { $org } на Спони прошао је рок за преглед.
    [few] За { $count } ресурса организације { $org } на Спони прошао је рок за преглед.
   *[other] За { $count } ресурса организације { $org } на Спони прошао је рок за преглед.
} Проверите да ли је њихов садржај још тачан, па их ажурирајте или одредите нови рок за преглед: { $link }

## Грешке
error-title-400 = Захтев није могуће обрадити
error-title-401 = Пријавите се
error-title-403 = Није дозвољено
error-title-404 = Страница није пронађена
error-title-405 = Није доступно
error-title-409 = Већ је заузето
error-title-413 = Превелико
error-title-422 = Проверите образац
error-title-429 = Превише покушаја
error-title-500 = Дошло је до грешке
error-title-415 = Врста датотеке није прихваћена
error-title-503 = Тренутно није доступно
error-title-507 = Нема места за чување
err-not-found = Овде нема ничега. Адреса је можда погрешно укуцана или је страница уклоњена.
err-forbidden = Ваш налог нема дозволу за ову радњу. Ако мислите да би требало да је има, обратите се администратору или администраторки своје организације.
err-sign-in-required = Пријавите се да бисте наставили.
err-csrf = Образац је истекао или је послат са другог сајта, па ништа није промењено. Вратите се, поново учитајте страницу и пошаљите образац још једном.
err-bad-form = Образац је непотпун или неисправан. Ништа није промењено; покушајте поново.
err-conflict = Та вредност се већ користи. Ништа није промењено.
err-duplicate-post = Овај образац је већ послат и још се обрађује. Учитајте страницу поново за тренутак да видите резултат.
err-too-large = Оно што сте послали веће је од дозвољеног. Ништа није промењено.
err-too-many = Превише покушаја за кратко време. Сачекајте минут, па покушајте поново.
err-internal = Дошло је до грешке на нашој страни. Ништа од онога што сте послали није изгубљено; покушајте поново за тренутак.
err-link-expired = Овај линк је истекао или је већ искоришћен. Затражите нови.
err-signin = Имејл адреса или лозинка нису исправни.
err-totp = Код није исправан или је већ искоришћен. Сачекајте нови код и покушајте поново.
err-email = Унесите исправну имејл адресу, на пример name@example.org.
err-name-length = Унесите име од 2 до 200 знакова.
err-too-long = Овај текст је предугачак.
err-website = Унесите веб-адресу која почиње са https:// или http://.
err-phone = Унесите број телефона користећи само цифре, размаке и знакове + - ( ) / .
err-slug = Користите само мала латинична слова без дијакритичких знакова, цифре и цртице.
err-unknown-country = Изаберите државу са листе.
err-unknown-term = Изаберите вредности само са листе.
err-unknown-choice = Изаберите једну од понуђених опција.
err-unknown-language = Изаберите језик са листе.
err-duplicate-language = Сваки језик може да се наведе само једном.
err-page = Страница са тим бројем не постоји.
err-password-short = Лозинка мора да има најмање 12 знакова.
err-password-long = Лозинка може да има највише 256 знакова.
err-password-common = Ова лозинка је на листи често коришћених лозинки. Изаберите другу.
err-password-email = Лозинка не сме да садржи вашу имејл адресу.
err-password-mismatch = Две лозинке се не подударају.
err-current-password = Тренутна лозинка није исправна.
err-already-member = Ова особа је већ у чланству организације.
err-last-admin = Организација мора да има бар једног администратора или администраторку.
err-not-yourself = Ово не можете да урадите са сопственим налогом.
err-coordinator-stays = Организација која координира мрежу не може да напусти сопствену мрежу.
err-unknown-org = Изаберите организацију са листе.
err-filter-country = Непозната држава у филтеру. Изаберите једну са листе.
err-filter-theme = Непозната тематска област у филтеру. Изаберите једну са листе.
err-filter-knowhow = Непозната врста знања у филтеру. Изаберите једну са листе.
err-filter-language = Непознат језик у филтеру. Изаберите један са листе.
err-filter-network = Непозната мрежа у филтеру. Изаберите једну са листе.
err-image-type = Могу се поставити само слике PNG и JPEG.
err-image-size = Слика је већа од 1 MB. Смањите је и покушајте поново.
err-image-dimensions = Слика је превелика: највише 4096 × 4096 пиксела.
err-image-missing = Изаберите датотеку са сликом.
err-method = Ова адреса не прихвата такву врсту захтева.

## Matching
nav-matching = Повезивање
matching-title = Кругови повезивања
matching-lead = Кругови повезују организације преко граница ради размене практичног знања (размена међу колегама) или узајамне подршке у кризи (парови за подршку), и искусне активисткиње и активисте с новим лидеркама и лидерима (менторство). Координатори отварају круг, организације се пријављују, а Спона предлаже најбоље парове и образлаже сваки.
matching-new = Отвори круг повезивања
matching-none = Још нема кругова повезивања.
matching-deadline = Пријаве до
matching-round-title = Назив круга
matching-programme = Програм
matching-who = Ко може да се пријави
matching-everyone = Свака организација на платформи
matching-side-a = Страна А: државе
matching-side-b = Страна Б: државе
matching-open = Отвори круг
matching-closed = затворено
matching-opted-in = Пријављено
matching-opt-in = Пријави се
matching-opt-in-lead = Наведите шта ваша организација нуди и шта јој треба. Ваше одговоре виде само координатори круга док се не предложе парови.
matching-interpretation = Можемо да радимо уз преводиоца ако немамо заједнички језик
matching-capacity = Са колико партнера можете да радите (1–5)
matching-availability = Када сте доступни (необавезно)
matching-statement = Вашим речима (необавезно)
matching-participants = Организације у овом кругу
matching-side = Страна
programme-peer-exchange = Размена међу колегама
programme-buddy = Парови за подршку у кризи
err-title-length = Унесите назив од 3 до 200 знакова.
err-side-empty = Изаберите бар једну државу.
err-side-overlap = Држава не може бити на обе стране.
err-date = Унесите датум у облику ГГГГ-ММ-ДД.
err-deadline-past = Рок мора бити у будућности.
err-offer-or-need = Изаберите бар нешто што нудите или што вам треба.
err-language-required = Изаберите бар један радни језик.
err-capacity = Унесите број партнера од 1 до 5.
err-round-closed = Овај круг више не прима пријаве: рок је истекао или су парови већ предложени.
err-not-on-a-side = Држава ове организације није ни на једној страни круга.
err-not-in-network = Овај круг је отворен само за чланице једне мреже.
err-already-opted-in = Ова организација се већ пријавила у овај круг.
matching-proposals = Предлози
matching-rule = Правило бодовања: 10 бодова за свако знање које једна страна нуди, а другој треба (у оба смера), 3 за сваку заједничку тематску област; заједнички радни језик је обавезан осим ако једна страна прихвата преводиоца (−4); паровима који су већ сарађивали одузима се 8. Спона затим бира скуп парова са највећим укупним збиром — тачно, а не пар по пар.
matching-run = Покрени повезивање
matching-publish = Објави предлоге организацијама
matching-constraint = Закључај или забрани пар
matching-constraint-kind = Одлука
matching-pin = закључан
matching-forbid = забрањен
matching-clear = поништи одлуку
matching-proposed-pairs = Предложени парови
matching-your-proposals = Предложени партнери ваше организације
matching-score = Бодови
matching-shared-themes = Заједничке тематске области
matching-shared-languages = Заједнички радни језици
matching-with-interpreter = нема — уз преводиоца
matching-earlier = Већ су сарађивали
matching-earlier-yes = да (бодови су умањени)
matching-answers = Одговори
matching-partner-contacts = Контакт партнера
matching-accept = Прихвати
matching-decline = Одбиј
answer-pending = чека се
answer-accepted = прихваћено
answer-declined = одбијено
err-pins-over-capacity = За организацију је закључано више парова него што може да прими.
err-pinned-and-forbidden = Пар не може бити и закључан и забрањен.
err-no-pairs = Нема одговарајућих парова: ниједна организација не нуди оно што треба некој са друге стране на заједничком језику. Ништа није промењено.
err-unknown-participant = Изаберите организације које су се пријавиле у овај круг.
err-nothing-to-publish = Нема нових предлога за објављивање. Прво покрените повезивање.
err-already-answered = Ваша организација је већ одговорила на овај предлог.
matching-export = Преузми предлоге (CSV)
org-our-buddy = Наш пар за подршку у кризи
matching-taking-part = Организација { $org } учествује у овом кругу. Предложене партнере видећете овде када их координатори објаве.
matching-pairs = Договорени парови
matching-your-pairs = Ваши парови
pair-round = Круг
pair-started = Сарађујете од
pair-status = Стање
pair-active = активан
pair-ended = завршен
pair-ended-by = завршио/ла { $name }
pair-feedback = Утисак
pair-coordinator-view = Овај пар видите као координатор круга; пишу само његове две стране.
pair-check-ins = Састанци и разговори
pair-no-check-ins = Још нема уписаних састанака.
pair-add-check-in = Упишите састанак
pair-check-in-date = Датум
pair-check-in-note = Шта сте радили или о чему сте разговарали (кратко)
pair-end = Завршите сарадњу
pair-end-lead = Завршетком се затвара историја пара; друга страна и даље може да остави свој утисак. Укратко реците како је било.
pair-feedback-note = Ваш утисак (кратко)
pair-give-feedback = Оставите свој утисак
err-date-future = Датум не може бити у будућности.
err-date-before-start = Датум не може бити пре почетка сарадње.
err-note-required = Напишите кратку белешку.
err-pair-ended = Ова сарадња је завршена; њена историја се више не мења.
err-feedback-not-now = Утисак се оставља једном, пошто се сарадња заврши.
programme-mentorship = Менторство (особа с особом)
people-count = { $count ->
    [one] { $count } особа
    [few] { $count } особе
   *[other] { $count } особа
}
mentorship-side-a = Ментори раде из
mentorship-side-b = Менторисани раде из
mentorship-taking-part-mentor = У овом кругу учествујете као ментор. Предложене менторисане видећете овде када их координатори објаве.
mentorship-taking-part-mentee = У овом кругу учествујете као менторисани. Предложеног ментора видећете овде када га координатори објаве.
mentorship-opt-in-lead = Пријављујете се лично, а не у име организације. Ваше име и одговоре виде само координатори круга; предложени партнер сазнаје ваше име и имејл тек када обоје прихватите.
mentorship-role = Учествујете као
mentorship-role-mentor = Ментор
mentorship-role-mentee = Менторисани
mentorship-country = Држава из које радите
mentorship-statement = Својим речима: ваше искуство (ментори) или ваши циљеви (менторисани)
mentorship-offers = Знање које можете да пренесете
mentorship-needs = Знање које желите да стекнете
mentorship-interpretation = Могу да радим уз преводиоца ако немамо заједнички језик
mentorship-capacity = Ментори: колико менторисаних можете да примите (1–5). Менторисани: 1.
mentorship-participants = Особе у овом кругу
mentorship-person = Особа
mentorship-partner-words = Њиховим речима
mentorship-anonymous-mentor = Ментор из државе { $country }
mentorship-anonymous-mentee = Менторисани из државе { $country }
err-mentee-capacity = Менторисани има једног ментора: унесите 1.
err-experience-required = Опишите своје искуство у неколико речи.
err-goals-required = Опишите своје циљеве у неколико речи.
err-country-not-on-side = Ментори раде из држава стране А, менторисани из држава стране Б. Изаберите државу на својој страни.
err-person-already-in = Већ учествујете у овом кругу; особа је само на једној страни (ментор или менторисани).
matching-sides-hint = У кругу менторства, особе са стране А су ментори, а са стране Б менторисани.
err-already-answered-person = Већ сте одговорили на овај предлог.

## Resource hub
nav-resources = Ресурси
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
hub-visibility-public = Сви
hub-visibility-members = Пријављени чланови
hub-visibility-networks = Чланови ових мрежа
hub-networks = Мреже (када само њихови чланови смеју да читају)
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
hub-date = Датум
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
err-networks-required = Изаберите бар једну мрежу или дозволите свим члановима да читају.
err-summary-length = Сажетак може имати највише 1.000 знакова.
err-body-length = Текст је предугачак: највише 200.000 знакова.
err-note-length = Напомена може имати највише 300 знакова.
err-change-note-required = Укратко наведите шта је промењено.
err-attachment-type = Ова врста датотеке не може се приложити. Користите PDF, DOCX, ODT, XLSX, ODS, PNG, JPEG или WebP.
err-attachment-content = Садржај датотеке не одговара њеном имену (на пример, .pdf који није PDF). Ништа није сачувано.
err-attachment-missing = Изаберите датотеку за отпремање.
err-storage-full = Сервер нема више места за ово. Ништа није изгубљено; обавестите администраторе платформе.
err-files-unavailable = Складиште датотека тренутно није доступно. Ништа није сачувано; покушајте поново за неколико минута.
err-edit-conflict = Неко је сачувао овај текст док сте га уређивали. Ваш текст је сачуван испод: упоредите га са најновијом верзијом, па поново сачувајте.

## Evidence and testimony vault
nav-vault = Трезор
vault-title = Трезор доказа
vault-intro = Сведочења и докази, шифровани у складишту, са ланцем надзора у коме се свака измена открива. Само тим предмета зна да предмет постоји.
vault-new = Отвори предмет
vault-no-cases = Нисте ни у једном тиму предмета.
vault-role = Улога
vault-role-lead = Водитељ/ка
vault-role-documenter = Документатор/ка
vault-role-reviewer = Рецензент/киња
vault-case-title = Назив предмета
vault-case-title-hint = Чува се шифровано. Не користите име преживеле особе.
vault-open-case = Отвори предмет
vault-custody = Ланац надзора
vault-new-testimony = Забележи сведочење
vault-export = Извоз за тужилаштво
vault-items = Ставке
vault-no-items = Још нема ставки.
vault-item = Ставка
vault-kind = Врста
vault-kind-testimony = Сведочење
vault-kind-file = Датотека
vault-consent = Сагласност
vault-consent-none = Сагласност није забележена
vault-consent-withdrawn = Сагласност је повучена
vault-consent-documentation = За документовање
vault-consent-share = Дељење са овим организацијама
vault-consent-prosecutors = За употребу од стране тужилаштва
vault-consent-publication = За анонимизовано објављивање
vault-consent-covers = Особа је пристала на употребу
vault-consent-update = Забележи сагласност
vault-consent-withdraw = Повуци сву сагласност
vault-share-hint = Кратки називи организација (као у њиховој адреси), одвојени зарезима.
vault-reason = Разлог (уписује се у ланац надзора)
vault-file = Датотека
vault-file-hint = Било која врста, до 4 GB. SHA-256 се рачуна током отпремања и приказује после.
vault-store = Сачувај шифровано
vault-upload = Додај датотеку
vault-team = Тим
vault-remove = Уклони
vault-add-member = Додај у тим
vault-chain-intact = Ланац надзора је нетакнут, а његов врх је потписао овај сервер.
vault-files-checked = Прочитане сачуване датотеке проверене према SHA-256
vault-chain-broken = Ланац надзора је неовлашћено мењан
vault-verify = Провери ланац и све сачуване датотеке
vault-server-key = Кључ за потписивање сервера
vault-actor = Ко
vault-action = Шта
vault-hashes = Хешеви
vault-testimony-intro = Запис разговора осетљив на род. Свако поље се чува шифровано. Користите псеудоним, никада име особе.
vault-interviewer = Особа која води разговор
vault-interpreter = Преводилац/тељка
vault-language = Језик разговора
vault-place = Место
vault-date = Датум
vault-pseudonym = Псеудоним особе
vault-pseudonym-hint = Никада право име.
vault-gender = Да ли је особа изабрала род особе која води разговор?
vault-gender-chosen = Да, особа је изабрала
vault-gender-not-chosen = Не, није бирала
vault-gender-not-asked = Особу нису питали
vault-safety = Безбедносне потребе
vault-referral = Потребе за упућивањем
vault-narrative = Исказ
vault-follow-up = Даљи кораци
vault-back-to-case = Назад на предмет
vault-size = Величина
vault-download = Преузми оригинал
vault-export-intro = Изаберите ставке чија сагласност обухвата употребу од стране тужилаштва. Шифрују се age кључем тужилаштва и пакују са потписаним списком њихових SHA-256 хешева и ланцем надзора, да би могле да се провере ван мреже.
vault-recipient = Јавни age кључ примаоца
vault-recipient-hint = Почиње са age1. Даје га тужилаштво; само његов приватни кључ отвара датотеке.
vault-export-button = Извези
err-required = Ово поље је обавезно.
err-vault-closed = Трезор је затворен: његов кључ недостаје или се не поклапа. Ништа није изгубљено. Администратори платформе су обавештени о разлогу; остатак Споне ради уобичајено.
err-consent-withdrawn = Сагласност особе је повучена или не обухвата чување ове ставке, па она не може да се чита, преузима ни дели. Покушај је уписан у ланац надзора.
err-consent-share = Особа није дала сагласност за дељење са овом организацијом. Покушај је уписан у ланац надзора.
err-consent-prosecution = Особа није дала сагласност за употребу од стране тужилаштва, па ова ставка не може да се извезе. Покушај је уписан у ланац надзора.
err-consent-publication = Особа није дала сагласност за објављивање.
err-consent-required = Забележите сагласност особе за документовање пре него што било шта сачувате.
err-reason-length = Разлог може имати највише 500 знакова.
err-vault-unknown-user = Ниједан активан налог нема ову адресу е-поште.
err-vault-last-lead = Предмет мора задржати бар једну особу у улози водитеља/ке.
err-vault-reason-required = Наведите разлог: уписује се у ланац надзора.
err-upload-interrupted = Отпремање је прекинуто. Ништа није сачувано; пошаљите датотеку поново.
err-age-recipient = Унесите исправан јавни age кључ (почиње са age1).
err-export-empty = Изаберите бар једну ставку за извоз.

## ---- first-day fixes (issue 13) ----

## ---- directory search (issue 13) ----

## ---- security (issue 14) ----

## ---- vault (issue 14) ----
vault-choose = — изаберите —
vault-leave = Напустите овај предмет
vault-item-withdrawn = Скривено: сагласност је повучена
err-vault-file-name = Назив датотеке садржи знакове који мењају смер текста, чиме се може сакрити прави тип датотеке. Преименујте датотеку и поново је отпремите.
vault-export-language = Језик читљивих копија
vault-export-language-hint = Пакет садржи читљиву копију (HTML) сваког сведочења и ланца надзора на овом језику. Меродавне остају потписане машински читљиве датотеке.
err-vault-export-language = Изаберите језик читљивих копија.
vault-readable-note = Читљива копија ради лакшег читања. Меродавне су потписане машински читљиве датотеке овог пакета (manifest.json, custody.jsonl, files/); проверава их spona verify-bundle.
vault-readable-case = Предмет
vault-readable-exported = Извезено
vault-readable-file = Датотека у пакету
vault-readable-action-create = Забележено
vault-readable-action-view = Прегледано
vault-readable-action-download = Преузето
vault-readable-action-consent = Сагласност забележена
vault-readable-action-share = Подељено
vault-readable-action-export = Извезено
vault-readable-action-grant = Приступ одобрен
vault-readable-action-revoke = Приступ уклоњен
vault-readable-action-blocked = Одбијено (сагласност то не покрива)
vault-readable-action-verify = Проверено
vault-decision = Одлука особе
vault-decision-hint = Ко је одлучио/ла, како, када и ко је био/ла сведок. Обавезно за враћање повучене сагласности; бележи се у ланцу надзора.
vault-decided-by = Одлуку донео/ла
vault-decided-by-person = Сама особа
vault-decided-by-representative = Законски/а заступник/ца особе
vault-decided-how = Како
vault-decided-how-writing = Писмено
vault-decided-how-oral = Усмено
vault-decided-how-recording = На снимку
vault-decided-on = Датум
vault-witness = Сведок/иња
err-vault-consent-record = За враћање повучене сагласности забележите нову одлуку особе: ко је одлучио/ла, како, ког дана и ко је био/ла сведок.

## ---- faults (issue 15) ----

## ---- end ----
