# Spona user interface, English. Serbian is authored in Cyrillic (sr-Cyrl/ui.ftl); Latin is derived.

## Layout
skip-to-content = Skip to content
nav-main = Main
nav-language = Language
nav-directory = Directory
nav-networks = Networks
nav-people = People
nav-admin = Administration
nav-account = Account
nav-signin = Sign in
nav-signout = Sign out
nav-accessibility = Accessibility
footer-tagline = Spona connects civil-society organisations across borders.
back-home = Back to the home page
pager = Pages
pager-prev = Previous page
pager-next = Next page
pager-position = Page { $page } of { $pages }
form-has-errors = Please correct the following:
form-save = Save
filter-any = Any

## Home and about
home-title = Spona: civil society across borders
home-lead = Find organisations in Serbia, Ukraine, Kosovo, Bosnia and Herzegovina, Croatia, North Macedonia and beyond, see what know-how each offers and needs, and work together safely.
a11y-title = Accessibility statement
a11y-body = Spona is built to work without JavaScript, on slow connections and with screen readers. Every page is server-rendered HTML with labelled forms, visible focus and a declared language.
a11y-tested = Tested on every release: every page type in English, Serbian (Latin and Cyrillic) and Ukrainian, at phone and desktop width, with axe-core against WCAG 2.1 A and AA (no violations), and every main flow with JavaScript turned off in headless Chromium. Forms are labelled and errors are linked to their fields. Please report any barrier to the platform's administrators.

quick-exit = Leave this page quickly
quick-exit-hint = The button above opens a neutral website and clears this page from the browser’s cache. Use a private window on a shared phone.

## Counts
org-count = { $count ->
    [one] { $count } organisation
   *[other] { $count } organisations
}
network-count = { $count ->
    [one] { $count } network
   *[other] { $count } networks
}
account-session-count = { $count ->
    [one] You are signed in on { $count } device or browser.
   *[other] You are signed in on { $count } devices or browsers.
}

## Directory
directory-title = Organisation directory
directory-filters = Filter organisations
directory-search-label = Search by name, city or description
directory-search = Search
directory-apply = Apply filters
directory-clear = Clear filters
field-name = Name
field-description = Short description
field-country = Country
field-city = City
field-website = Website
field-email = E-mail address
field-phone = Phone
field-theme = Thematic areas
field-offers = Know-how offered
field-needs = Know-how needed
field-language = Working languages
field-network = Networks
field-contact-visibility = Who may see the contact details
field-texts = Names and descriptions in other languages
field-texts-hint = Fill in the languages and scripts the organisation uses. Serbian written in Cyrillic is shown in Latin to Latin readers automatically.
field-organisation = Organisation
field-role = Role
visibility-public = Everyone
visibility-members = Signed-in members only
org-contacts = Contact
org-contacts-members-only = Contact details are shown to signed-in members only.
org-other-languages = In other languages
org-edit = Edit profile
org-edit-title = Edit { $name }
org-new-title = New organisation
org-logo = Logo (PNG or JPEG, up to 1 MB)
org-logo-hint = Location, camera and author details are removed from the published copy.
org-logo-upload = Upload logo
org-logo-remove = Remove logo
org-logo-alt = Logo of { $name }

## Networks
networks-title = Networks
network-coordinator = Coordinated by
network-members = Member organisations
network-filter-directory = Show the members in the directory
network-add-member = Add a member organisation
network-remove-member = Remove from the network

## People
people-members = Members
people-actions = Actions
people-pending = Pending invitations
people-expires = expires
people-invite = Invite someone
people-invite-submit = Send invitation
people-invite-created = Invitation created. No mail server is configured, so send this link to the person yourself (it works once, for 7 days):
people-make-admin = Make admin
people-make-member = Make member
people-remove = Remove
role-admin = Organisation admin
role-member = Member
platform-role-admin = Platform admin
platform-role-user = User
user-disabled = disabled
user-disable = Disable
user-enable = Enable
users-title = User accounts

## Sign-in and account
signin-title = Sign in
signin-submit = Sign in
signin-forgot = Forgot your password?
signin-invite-only = Accounts are by invitation: ask your organisation's admin to invite you.
totp-title = Second step: enter your code
field-totp-code = Six-digit code from your authenticator app
field-password = Password
field-current-password = Current password
field-new-password = New password
field-repeat-password = Repeat the new password
field-display-name = Your name
password-hint = At least 12 characters. A few unusual words are easy to remember and hard to guess.
reset-title = Reset your password
reset-lead = Enter the address of your account. We will send a link that works for one hour.
reset-submit = Send the link
reset-sent = If an account exists for that address, a link to reset the password is on its way. It works once, for one hour.
reset-new-title = Choose a new password
invite-title = Accept the invitation
invite-lead = You have been invited to join { $org } on Spona.
invite-existing = You already have an account: confirm with your password.
invite-accept = Accept and join
account-title = Your account
account-password = Password
account-change-password = Change password
account-totp = Two-step sign-in
account-totp-on = Two-step sign-in is on: signing in asks for a code from your authenticator app.
account-totp-off = Two-step sign-in is off. Turning it on protects your account even if your password leaks.
account-totp-enable = Turn on two-step sign-in
account-totp-disable = Turn off two-step sign-in
account-sessions = Sessions
account-signout-everywhere = Sign out everywhere
totp-step-app = Open an authenticator app (for example Aegis, FreeOTP or Google Authenticator).
totp-step-secret = Add an account with this key:
totp-open-app = Or open it in the app on this device
totp-step-code = Enter the six-digit code the app shows, and your password.
notice-password-reset = Your password was changed. Sign in with the new one.
notice-signed-out = You are signed out.
notice-signed-out-everywhere = You are signed out on every device.
notice-password-changed = Your password was changed, and every other session was signed out.
notice-totp-enabled = Two-step sign-in is on. Every other session was signed out.
notice-totp-disabled = Two-step sign-in is off. Every other session was signed out.
notice-saved = Saved.

## Audit log
audit-title = Audit log
audit-when = When
audit-who = Who
audit-action = Action
audit-target = Object
audit-detail = Detail

## Mail
mail-invite-subject = You are invited to Spona
mail-invite-body = You have been invited to join { $org } on Spona. Open this link to accept (it works once, for 7 days): { $link }
mail-reset-subject = Reset your Spona password
mail-reset-body = Someone asked to reset the password of your Spona account. If it was you, open this link within one hour: { $link } — if not, ignore this message; your password stays as it is.

## Errors
error-title-400 = The request could not be used
error-title-401 = Please sign in
error-title-403 = Not allowed
error-title-404 = Page not found
error-title-405 = Not available
error-title-409 = Already taken
error-title-413 = Too large
error-title-422 = Please check the form
error-title-429 = Too many attempts
error-title-500 = Something went wrong
err-not-found = There is nothing here. The address may be mistyped, or the page was removed.
err-forbidden = Your account may not do this. If you think it should, ask your organisation's admin.
err-sign-in-required = Please sign in to continue.
err-csrf = The form had expired or came from another site, so nothing was changed. Go back, reload the page and send it again.
err-bad-form = The form was incomplete or malformed. Nothing was changed; please try again.
err-conflict = That value is already in use. Nothing was changed.
err-duplicate-post = This form was already sent and is still being handled. Reload the page in a moment to see the result.
err-too-large = What you sent is larger than allowed. Nothing was changed.
err-too-many = Too many attempts in a short time. Wait a minute, then try again.
err-internal = Something went wrong on our side. Nothing you sent was lost; please try again in a moment.
err-link-expired = This link has expired or was already used. Ask for a new one.
err-signin = The e-mail address or password is wrong.
err-totp = The code is wrong or was already used. Wait for a new code and try again.
err-email = Enter a valid e-mail address, like name@example.org.
err-name-length = Enter a name of 2 to 200 characters.
err-too-long = This text is too long.
err-website = Enter a web address starting with https:// or http://.
err-phone = Enter a phone number using digits, spaces and + - ( ) / . only.
err-slug = Use lower-case letters, digits and hyphens only.
err-unknown-country = Choose a country from the list.
err-unknown-term = Choose values from the list only.
err-unknown-choice = Choose one of the offered options.
err-unknown-language = Choose a language from the list.
err-duplicate-language = Each language may appear only once.
err-page = That page number is out of range.
err-password-short = The password must have at least 12 characters.
err-password-long = The password may have at most 256 characters.
err-password-common = This password is on a list of commonly used passwords. Choose another.
err-password-email = The password must not contain your e-mail address.
err-password-mismatch = The two passwords differ.
err-current-password = The current password is wrong.
err-already-member = This person is already a member of the organisation.
err-last-admin = An organisation must keep at least one admin.
err-not-yourself = You cannot do this to your own account.
err-coordinator-stays = The coordinating organisation cannot leave its own network.
err-unknown-org = Choose an organisation from the list.
err-filter-country = Unknown country in the filter. Choose one from the list.
err-filter-theme = Unknown thematic area in the filter. Choose one from the list.
err-filter-knowhow = Unknown know-how in the filter. Choose one from the list.
err-filter-language = Unknown language in the filter. Choose one from the list.
err-filter-network = Unknown network in the filter. Choose one from the list.
err-image-type = Only PNG and JPEG images can be uploaded.
err-image-size = The image is larger than 1 MB. Make it smaller and try again.
err-image-dimensions = The image is too large: at most 4096 × 4096 pixels.
err-image-missing = Choose an image file to upload.
err-method = This address does not accept that kind of request.

## Matching
nav-matching = Matching
matching-title = Matching rounds
matching-lead = Rounds pair organisations across borders to share practical know-how (peer exchange) or to stand by each other in a crisis (buddy pairs), and experienced activists with emerging leaders (mentorship). Coordinators open a round; organisations opt in; Spona proposes the best pairs and explains each one.
matching-new = Open a matching round
matching-none = No matching rounds yet.
matching-deadline = Opt in until
matching-round-title = Title of the round
matching-programme = Programme
matching-who = Who may opt in
matching-everyone = Every organisation on the platform
matching-side-a = Side A: countries
matching-side-b = Side B: countries
matching-open = Open the round
matching-closed = closed
matching-opted-in = Opted in
matching-opt-in = Opt in
matching-opt-in-lead = Say what your organisation offers and needs. Only the round’s coordinators see your answers until pairs are proposed.
matching-interpretation = We can work through an interpreter if we share no language
matching-capacity = How many partners you can take (1–5)
matching-availability = When you are available (optional)
matching-statement = In your own words (optional)
matching-participants = Organisations in this round
matching-side = Side
programme-peer-exchange = Peer exchange
programme-buddy = Buddy pairs for crisis support
err-title-length = Enter a title of 3 to 200 characters.
err-side-empty = Choose at least one country.
err-side-overlap = A country cannot be on both sides.
err-date = Enter a date as YYYY-MM-DD.
err-deadline-past = The deadline must be in the future.
err-offer-or-need = Choose at least one thing you offer or need.
err-language-required = Choose at least one working language.
err-capacity = Enter a number of partners from 1 to 5.
err-round-closed = This round no longer takes opt-ins: its deadline has passed or pairs were proposed.
err-not-on-a-side = This organisation’s country is on neither side of the round.
err-not-in-network = This round is open to the members of one network only.
err-already-opted-in = This organisation has already opted in to this round.
matching-proposals = Proposals
matching-rule = Scoring rule: 10 points for each thing one side offers that the other needs (both ways), 3 for each shared thematic area; a shared working language is required unless one side accepts an interpreter (−4); pairs that worked together before lose 8. Spona then picks the set of pairs with the highest total — exactly, not one pair at a time.
matching-run = Run matching
matching-publish = Publish the proposals to the organisations
matching-constraint = Pin or forbid a pair
matching-constraint-kind = Decision
matching-pin = pinned
matching-forbid = forbidden
matching-clear = clear the decision
matching-proposed-pairs = Proposed pairs
matching-your-proposals = Proposed partners for your organisation
matching-score = Score
matching-shared-themes = Shared thematic areas
matching-shared-languages = Shared working languages
matching-with-interpreter = none — with an interpreter
matching-earlier = Worked together before
matching-earlier-yes = yes (the score is lowered)
matching-answers = Answers
matching-partner-contacts = Your partner’s contact details
matching-accept = Accept
matching-decline = Decline
answer-pending = waiting
answer-accepted = accepted
answer-declined = declined
err-pins-over-capacity = More pairs are pinned for an organisation than it can take.
err-pinned-and-forbidden = A pair cannot be both pinned and forbidden.
err-no-pairs = No compatible pairs: no organisation offers what one on the other side needs in a shared language. Nothing was changed.
err-unknown-participant = Choose organisations that opted in to this round.
err-nothing-to-publish = There are no new proposals to publish. Run matching first.
err-already-answered = Your organisation has already answered this proposal.
matching-export = Download the proposals (CSV)
org-our-buddy = Our buddy for crisis support
matching-taking-part = { $org } takes part in this round. You will see proposed partners here once the coordinators publish them.
matching-pairs = Agreed pairs
matching-your-pairs = Your pairs
pair-round = Round
pair-started = Working together since
pair-status = Status
pair-active = active
pair-ended = ended on
pair-ended-by = ended by { $name }
pair-feedback = Feedback
pair-coordinator-view = You see this pair as a coordinator of the round; only its two sides write here.
pair-check-ins = Check-ins
pair-no-check-ins = No check-ins yet.
pair-add-check-in = Add a check-in
pair-check-in-date = Date
pair-check-in-note = What you did or talked about (short)
pair-end = End the pair
pair-end-lead = Ending the pair closes its history; the other side can still leave its feedback. Say briefly how it went.
pair-feedback-note = Your feedback (short)
pair-give-feedback = Leave your feedback
err-date-future = The date cannot be in the future.
err-date-before-start = The date cannot be before the pair started.
err-note-required = Write a short note.
err-pair-ended = This pair has ended; its history can no longer change.
err-feedback-not-now = Feedback can be left once, after the pair has ended.
programme-mentorship = Mentorship (person to person)
people-count = { $count ->
    [one] { $count } person
   *[other] { $count } people
}
mentorship-side-a = Mentors work from
mentorship-side-b = Mentees work from
mentorship-taking-part-mentor = You take part in this round as a mentor. You will see proposed mentees here once the coordinators publish them.
mentorship-taking-part-mentee = You take part in this round as a mentee. You will see a proposed mentor here once the coordinators publish them.
mentorship-opt-in-lead = You opt in personally, not for your organisation. Only the round’s coordinators see your name and answers; a proposed partner learns your name and e-mail address only once you both accept.
mentorship-role = You take part as
mentorship-role-mentor = Mentor
mentorship-role-mentee = Mentee
mentorship-country = The country you work from
mentorship-statement = In your own words: your experience (mentors) or your goals (mentees)
mentorship-offers = Know-how you can pass on
mentorship-needs = Know-how you want to gain
mentorship-interpretation = I can work through an interpreter if we share no language
mentorship-capacity = Mentors: how many mentees you can take (1–5). Mentees: 1.
mentorship-participants = People in this round
mentorship-person = Person
mentorship-partner-words = In their own words
mentorship-anonymous-mentor = A mentor from { $country }
mentorship-anonymous-mentee = A mentee from { $country }
err-mentee-capacity = A mentee takes one mentor: enter 1.
err-experience-required = Describe your experience in a few words.
err-goals-required = Describe your goals in a few words.
err-country-not-on-side = Mentors work from the countries of side A, mentees from those of side B. Choose a country on your side.
err-person-already-in = You already take part in this round; a person takes one side only (mentor or mentee).
matching-sides-hint = In a mentorship round, the people of side A are the mentors and those of side B the mentees.
err-already-answered-person = You have already answered this proposal.
