## Каталог на услуги

## Грешки на HSDS API
err-hsds-page = Бројот на страницата мора да биде цел број од 1 до 1000000.
err-hsds-per-page = Бројот на резултати по страница мора да биде цел број од 1 до 100.
err-hsds-modified-after = Датумот мора да биде датум или датум со време според RFC 3339, на пример 2026-01-31 или 2026-01-31T10:00:00Z.
err-hsds-not-found = Нема објавена услуга, организација, локација или таксономија со овој идентификатор.

## Грешки во формуларот за услуга
err-service-hours-day = Изберете ден од неделата за секое работно време.
err-service-hours-time = Напишете го работното време во часови и минути, на пример 09:00 или 17:30.
err-service-hours-order = Работното време мора да заврши откако ќе почне.
err-service-hours-overlap = Две работни времиња во истиот ден се преклопуваат.
err-service-text-twice = Секој јазик може да има едно име и еден опис.
err-service-name-length = Дајте ѝ име на услугата (најмногу 200 знаци).
err-service-description-length = Описот може да има најмногу 8000 знаци.
err-service-location = Наведете град за секоја локација; имињата и адресите можат да имаат најмногу 200 знаци.
err-service-area-country = Секоја општина започнете ја со кодот на нејзината држава, на пример „XK: Mitrovica“.
err-service-phone = Телефонскиот број може да содржи само цифри, празни места и + - ( ) /.
err-service-url = Веб-адресата мора да почнува со https:// или http://.
err-service-cost = Цената може да има најмногу 1000 знаци.
err-service-places = Бројот на места мора да биде цел број од 0 до 100000.
err-service-free-over-total = Не може да има повеќе слободни места отколку што има места вкупно.

## Видови услуги
skind-reporting = Пријавување
skind-legal-status = Правен статус
skind-safe-accommodation = Безбедно сместување
skind-medical-care = Медицинска грижа
skind-psychosocial-support = Психосоцијална поддршка
skind-legal-counselling = Правно советување
skind-vocational-training = Стручна обука
skind-family-mediation = Семејно посредување
skind-reintegration = Реинтеграција
skind-hotline = СОС-линија
skind-shelter = Засолниште
skind-interpretation = Толкување
skind-outreach = Теренска работа
skind-other = Друго

## Полиња што може да ги содржи упатувањето
rfield-first-name = Име или псевдоним
rfield-age-band = Возрасна група
rfield-gender = Род
rfield-language = Јазик
rfield-nationality = Државјанство или статус
rfield-urgency = Итност
rfield-needs = Потреби
rfield-contact-channel = Начин на контакт

## Возрасни групи
ageband-0-11 = 0–11
ageband-12-17 = 12–17
ageband-18-24 = 18–24
ageband-25-39 = 25–39
ageband-40-59 = 40–59
ageband-60-plus = 60 и повеќе

## Право на користење
sgender-female = Жени и девојчиња
sgender-male = Мажи и момчиња
sgender-non-binary = Небинарни лица
nstatus-citizen = Државјани
nstatus-foreign-national = Странски државјани
nstatus-asylum-seeker = Баратели на азил
nstatus-refugee = Бегалци
nstatus-stateless = Лица без државјанство
nstatus-displaced = Раселени лица
saccess-referral = Само со упатување
saccess-walk-in = Директно, без упатување
saccess-both = Директно или со упатување

## Страници на каталогот
nav-services = Услуги
svc-title = Услуги
svc-intro = Засолништа, правна помош, психосоцијална поддршка, СОС-линии и друго, што ги нудат организациите на Спона.
svc-filters = Пребарување услуги
svc-search-label = Пребарување по назив, организација или град
svc-kind = Вид услуга
svc-language = Јазик на кој се зборува
svc-available-only = Само услуги со слободни места
svc-search = Пребарај
svc-found = { $count ->
    [one] Пронајдена е { $count } услуга.
   *[other] Пронајдени се { $count } услуги.
}
svc-none = Ниту една објавена услуга не одговара. Обидете се со помалку зборови или филтри.
svc-pages = Страници
svc-prev = Претходна страница
svc-next = Следна страница
svc-places-free = { $free ->
    [one] { $free } слободно место
   *[other] { $free } слободни места
} од { $total }
svc-places-total = { $count ->
    [one] { $count } место
   *[other] { $count } места
}
svc-places-as-of = состојба на { $date }
svc-back = Сите услуги
svc-status-draft = Нацрт, не е јавна
svc-status-published = Објавена
svc-status-closed = Затворена, не е јавна
svc-refer = Упатете лице до оваа услуга
svc-access = Како се добива
svc-genders = За
svc-ages = Возраст
svc-statuses = Државјанство или статус
svc-languages = Јазици на кои се зборува
svc-area = Подрачје што го опфаќа
svc-cost = Цена
svc-free-of-charge = Бесплатно
svc-cost-ask = Прашајте ја организацијата
svc-places = Места
svc-hours = Работно време
svc-locations = Каде
svc-contact = Контакт
svc-phone = Телефон
svc-email = Е-пошта
svc-manage = Управувај со услугата
svc-publish = Објави
svc-close = Затвори ја услугата
svc-places-update = Слободни места сега
svc-places-save = Зачувај ги слободните места
weekday-MO = Понеделник
weekday-TU = Вторник
weekday-WE = Среда
weekday-TH = Четврток
weekday-FR = Петок
weekday-SA = Сабота
weekday-SU = Недела

## Формулар за услуга (нова и уредување)
svc-new = Нова услуга
svc-edit = Уреди ја услугата
svc-edit-heading = Уредување „{ $name }“
svc-form-back = Назад на услугата
svc-form-org = Организација што ја нуди
svc-form-texts = Име, опис и кој може да дојде
svc-form-texts-hint = Напишете ги барем на еден јазик. За да ги напишете и на друг јазик, додајте јазик.
svc-form-text-lang = Јазик на овој текст
svc-form-name = Име
svc-form-description = Опис
svc-form-eligibility = Кој може да дојде, со зборови
svc-form-add-text = Додај јазик
svc-form-anyone-hint = Оставете сè неозначено ако секој може да дојде.
svc-form-loc-name = Назив на местото
svc-form-loc-address = Адреса
svc-form-loc-city = Град
svc-form-loc-country = Држава
svc-form-add-location = Додај локација
svc-form-municipalities = Општини што ги опфаќа, по една во ред
svc-form-municipalities-hint = Секоја започнете ја со кодот на нејзината држава, на пример „XK: Mitrovica“. Означете држава погоре за да ја опфатите целата.
svc-form-hours-hint = Времиња во часови и минути, на пример 09:00 и 17:30; 24:00 е полноќ на крајот од денот. Оставете ред празен ако не ви треба.
svc-form-day = Ден
svc-form-opens = Се отвора во
svc-form-closes = Се затвора во
svc-form-add-hours = Додај работно време
svc-form-url = Веб-адреса
svc-form-cost = Колку чини или под кои услови
svc-form-capacity = Вкупно места
svc-form-capacity-hint = Оставете празно ако услугата не ги брои местата.
svc-form-referral-fields = Што мора да наведе упатувањето за лицето
svc-form-referral-fields-hint = Упатувањето до оваа услуга ќе ги содржи овие податоци и ништо друго за лицето. Барајте само она што ви е потребно.
svc-form-draft-hint = Нацртот го гледаат само администраторите на вашата организација. Објавете го за да влезе во каталогот.
svc-form-save-draft = Зачувај како нацрт
svc-form-save-publish = Зачувај и објави
svc-form-save = Зачувај
svc-eligibility-note = Кој може да дојде
err-service-eligibility-length = Белешката за тоа кој може да дојде може да има најмногу 2000 знаци.

## Услугите на страницата на организацијата
svc-org-services = Услуги
svc-org-add = Додај услуга
svc-org-none = Оваа организација сè уште нема објавено ниту една услуга.
