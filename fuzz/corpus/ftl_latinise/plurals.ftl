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
