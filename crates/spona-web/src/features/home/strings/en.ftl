# The home feature's strings (en).

home-title = Spona: civil society across borders
home-lead = Find organisations in Serbia, Ukraine, Kosovo, Bosnia and Herzegovina, Croatia, North Macedonia and beyond, see what know-how each offers and needs, and work together safely.
a11y-title = Accessibility statement
a11y-body = Spona is built to work without JavaScript, on slow connections and with screen readers. Every page is server-rendered HTML with labelled forms, visible focus and a declared language.
a11y-tested = Tested on every release: every page type in English, Serbian (Latin and Cyrillic) and Ukrainian, at phone and desktop width, with axe-core against WCAG 2.1 A and AA (no violations), and every main flow with JavaScript turned off in headless Chromium. Forms are labelled and errors are linked to their fields. Please report any barrier to the platform's administrators.
network-count = { $count ->
    [one] { $count } network
   *[other] { $count } networks
}
directory-search = Search
home-mine-title = Your Spona
home-my-orgs = Your organisations
home-edit-org = Edit the profile
home-nothing-waiting = Nothing is waiting for you right now.
home-notices = News for you
home-to-answer = Proposals to answer
home-pairs = Your pairs
home-check-in-due = a check-in is due
home-to-review = Resources to review
home-outdated = Translations flagged as outdated
home-invitations = Invitations not yet accepted
home-invitations-pending = { $count ->
    [one] { $count } invitation waiting
   *[other] { $count } invitations waiting
}
home-vault-cases = { $count ->
    [0] You are on no vault case.
    [one] You are on { $count } vault case.
   *[other] You are on { $count } vault cases.
}
home-offers = What Spona offers
home-offer-directory = A directory of civil-society organisations of the Western Balkans and Ukraine: what each does, offers and needs, in your language and script.
home-offer-resources = A shared library of legal-aid forms, trauma protocols, guidelines and grant budgets, searchable across languages and scripts.
home-offer-matching = Matching rounds that pair organisations and people for peer exchange and mentorship, with the reasons for each proposal.
home-offer-vault = An encrypted evidence vault for testimonies and files, with consent recorded and a signed chain of custody.
home-join = How to join
home-join-text = Spona is open to civil-society organisations by invitation. An organisation asks to join a network through that network's coordinating organisation (see Networks), and asks to join the platform by writing to the platform's administrators; an admin of an organisation already on Spona invites its members.
