## Services catalogue

## HSDS API errors
err-hsds-page = Број стране мора бити цео број од 1 до 1000000.
err-hsds-per-page = Број резултата по страни мора бити цео број од 1 до 100.
err-hsds-modified-after = Датум мора бити датум или датум и време по RFC 3339, на пример 2026-01-31 или 2026-01-31T10:00:00Z.
err-hsds-not-found = Нема објављене услуге, организације, локације или таксономије с овим идентификатором.

## Service form errors
err-service-hours-day = Изаберите дан у недељи за свако радно време.
err-service-hours-time = Упишите време као сате и минуте, на пример 09:00 или 17:30.
err-service-hours-order = Радно време мора да се заврши после почетка.
err-service-hours-overlap = Два радна времена истог дана се преклапају.
err-service-text-twice = Сваки језик може имати један назив и опис.
err-service-name-length = Дајте услузи назив (највише 200 знакова).
err-service-description-length = Опис може имати највише 8000 знакова.
err-service-location = Упишите град за сваку локацију; називи и адресе могу имати највише 200 знакова.
err-service-area-country = Почните сваку општину ознаком државе, на пример „XK: Митровица”.
err-service-phone = Број телефона може садржати само цифре, размаке и + - ( ) /.
err-service-url = Веб-адреса мора почињати са https:// или http://.
err-service-cost = Цена може имати највише 1000 знакова.
err-service-places = Број места мора бити цео број од 0 до 100000.
err-service-free-over-total = Слободних места не може бити више него укупно места.

## Service kinds
skind-reporting = Пријављивање
skind-legal-status = Правни статус
skind-safe-accommodation = Безбедан смештај
skind-medical-care = Медицинска помоћ
skind-psychosocial-support = Психосоцијална подршка
skind-legal-counselling = Правно саветовање
skind-vocational-training = Стручна обука
skind-family-mediation = Породично посредовање
skind-reintegration = Реинтеграција
skind-hotline = СОС телефон
skind-shelter = Склониште
skind-interpretation = Превођење
skind-outreach = Теренски рад
skind-other = Друго

## Fields a referral may carry
rfield-first-name = Име или псеудоним
rfield-age-band = Старосна група
rfield-gender = Пол
rfield-language = Језик
rfield-nationality = Држављанство или статус
rfield-urgency = Хитност
rfield-needs = Потребе
rfield-contact-channel = Начин контакта

## Age bands
ageband-0-11 = 0–11
ageband-12-17 = 12–17
ageband-18-24 = 18–24
ageband-25-39 = 25–39
ageband-40-59 = 40–59
ageband-60-plus = 60 и више

## Eligibility
sgender-female = Жене и девојчице
sgender-male = Мушкарци и дечаци
sgender-non-binary = Небинарне особе
nstatus-citizen = Држављани
nstatus-foreign-national = Страни држављани
nstatus-asylum-seeker = Тражиоци азила
nstatus-refugee = Избеглице
nstatus-stateless = Особе без држављанства
nstatus-displaced = Расељена лица
saccess-referral = Само по упуту
saccess-walk-in = Без упута, може се доћи директно
saccess-both = Директно или по упуту

## Catalogue pages
nav-services = Услуге
svc-title = Услуге
svc-intro = Сигурне куће, правна помоћ, психосоцијална подршка, СОС линије и друго што организације на Спони нуде.
svc-filters = Претрага услуга
svc-search-label = Тражи по називу, организацији или граду
svc-kind = Врста услуге
svc-language = Језик на ком се пружа
svc-available-only = Само услуге са слободним местима
svc-search = Тражи
svc-found = { $count ->
    [one] Нађена је { $count } услуга.
    [few] Нађене су { $count } услуге.
   *[other] Нађено је { $count } услуга.
}
svc-none = Ниједна објављена услуга не одговара. Покушајте са мање речи или филтера.
svc-pages = Странице
svc-prev = Претходна страница
svc-next = Следећа страница
svc-places-free = Слободно места: { $free } од { $total }
svc-places-total = Места укупно: { $count }
svc-places-as-of = стање од { $date }
svc-back = Све услуге
svc-status-draft = Нацрт, није јавно
svc-status-published = Објављено
svc-status-closed = Затворено, није јавно
svc-refer = Упутите особу на ову услугу
svc-access = Како до услуге
svc-genders = За
svc-ages = Узраст
svc-statuses = Држављанство или статус
svc-languages = Језици
svc-area = Подручје
svc-cost = Цена
svc-free-of-charge = Бесплатно
svc-cost-ask = Питајте организацију
svc-places = Места
svc-hours = Радно време
svc-locations = Где
svc-contact = Контакт
svc-phone = Телефон
svc-email = Е-пошта
svc-manage = Управљање услугом
svc-publish = Објави
svc-close = Затвори услугу
svc-places-update = Тренутно слободних места
svc-places-save = Сачувај слободна места
weekday-MO = понедељак
weekday-TU = уторак
weekday-WE = среда
weekday-TH = четвртак
weekday-FR = петак
weekday-SA = субота
weekday-SU = недеља

## Service form (new and edit)
svc-new = Нова услуга
svc-edit = Измени ову услугу
svc-edit-heading = Измена: „{ $name }”
svc-form-back = Назад на услугу
svc-form-org = Организација која је пружа
svc-form-texts = Назив, опис и ко може да дође
svc-form-texts-hint = Напишите их бар на једном језику. Да бисте их написали и на другом језику, додајте језик.
svc-form-text-lang = Језик овог текста
svc-form-name = Назив
svc-form-description = Опис
svc-form-eligibility = Ко може да дође, речима
svc-form-add-text = Додај језик
svc-form-anyone-hint = Ништа не означавајте ако може да дође свако.
svc-form-loc-name = Назив места
svc-form-loc-address = Адреса
svc-form-loc-city = Град
svc-form-loc-country = Држава
svc-form-add-location = Додај локацију
svc-form-municipalities = Општине у којима се пружа, једна по реду
svc-form-municipalities-hint = Сваку почните ознаком државе, на пример „XK: Митровица”. Означите државу изнад да бисте покрили целу.
svc-form-hours-hint = Време у сатима и минутима, на пример 09:00 и 17:30; 24:00 је поноћ на крају дана. Ред који вам не треба оставите празан.
svc-form-day = Дан
svc-form-opens = Отвара се у
svc-form-closes = Затвара се у
svc-form-add-hours = Додај радно време
svc-form-url = Веб-адреса
svc-form-cost = Колико кошта или под којим условима
svc-form-capacity = Укупно места
svc-form-capacity-hint = Оставите празно ако услуга не броји места.
svc-form-referral-fields = Шта упућивање мора да каже о особи
svc-form-referral-fields-hint = Упућивање на ову услугу носиће ово и ништа друго о особи. Тражите само оно што вам треба.
svc-form-draft-hint = Нацрт виде само администратори ваше организације. Објавите га да би ушао у каталог.
svc-form-save-draft = Сачувај као нацрт
svc-form-save-publish = Сачувај и објави
svc-form-save = Сачувај
svc-eligibility-note = Ко може да дође
err-service-eligibility-length = Напомена о томе ко може да дође може имати највише 2000 знакова.

## The organisation page's services
svc-org-services = Услуге
svc-org-add = Додај услугу
svc-org-none = Ова организација још није објавила ниједну услугу.
