-brand = Спона
    .gender = feminine
welcome = Добродошли у { -brand }, { $user }! { "{" } ЏУГАЊ { NUMBER($n, minimumFractionDigits: 2) }
# Коментар
## Одељак
### Ресурс
