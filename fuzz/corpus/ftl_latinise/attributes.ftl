org-count = { $count ->
    [one] { $count } организација
   *[other] { $count } организација
}
hello = Здраво, { $name }!
    .title = Љубазно
