broken = { $count ->
    [one] једна
}
unclosed = { Здраво
= нема кључа
