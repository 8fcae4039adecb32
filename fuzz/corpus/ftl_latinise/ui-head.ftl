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
