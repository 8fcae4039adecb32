# Bosanski: samo poruke čiji se tekst razlikuje od zajedničke osnove bcms (osnova već ima bosanske oblike
# kao što su hiljada, sedmica, historija, izvještaj, opći).
# Bosnian overlay over the bcms base: only the messages whose wording differs in Bosnian.

## publications
pb-month-6 = juni
pb-month-7 = juli
pb-month-8 = august

