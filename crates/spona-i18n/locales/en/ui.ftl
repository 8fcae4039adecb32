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
mail-review-subject = Resources of { $org } need review
mail-review-body = { $count ->
    [one] One resource of { $org } on Spona has passed its review date.
   *[other] { $count } resources of { $org } on Spona have passed their review date.
} Please check that what they say is still correct, then update them or set a new review date: { $link }

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
error-title-415 = File type not accepted
error-title-503 = Not available right now
error-title-507 = No room to store this
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
mentorship-anonymous-mentor = A mentor { $from }
mentorship-anonymous-mentee = A mentee { $from }
err-mentee-capacity = A mentee takes one mentor: enter 1.
err-experience-required = Describe your experience in a few words.
err-goals-required = Describe your goals in a few words.
err-country-not-on-side = Mentors work from the countries of side A, mentees from those of side B. Choose a country on your side.
err-person-already-in = You already take part in this round; a person takes one side only (mentor or mentee).
matching-sides-hint = In a mentorship round, the people of side A are the mentors and those of side B the mentees.
err-already-answered-person = You have already answered this proposal.

## Resource hub
nav-resources = Resources
hub-title = Resource hub
hub-intro = Legal aid forms, trauma protocols, grant budgets, crisis guidelines, case studies and funding guides, in English, Serbian and Ukrainian, kept up to date by the organisations that wrote them.
hub-new = New resource
hub-needs-review = Needs review
hub-needs-review-intro = Resources of your organisations whose review date has passed. Check that they are still right, then set a new review date.
hub-outdated = Outdated translations
hub-outdated-intro = Language versions written before another language version changed. Update them, or confirm that they still match.
hub-list-empty = Nothing here: everything is up to date.
hub-search = Search
hub-search-label = Search resources (any language or script)
hub-search-hint = Cyrillic or Latin, with or without diacritics. Put words in "quotes" to find them together.
hub-kind = Kind
hub-language = Language
hub-results = { $count ->
    [one] { $count } resource
   *[other] { $count } resources
}
hub-feed = Atom feed of new and updated public resources
hub-variants = Language versions
hub-translation-outdated = Another language version changed after this one was written, so this translation may be outdated.
hub-confirm-translation = It still matches
hub-review-overdue = The review date of this resource has passed: its owners should check that it is still right.
hub-attachments = Attachments
hub-owner = Organisation
hub-visibility = Who can read it
hub-visibility-public = Everyone
hub-visibility-members = Signed-in members
hub-visibility-networks = Members of these networks
hub-networks = Networks (when only their members may read it)
hub-updated = Updated
hub-version-n = version { $n }
hub-review-due = Review by
hub-versions = Versions
hub-version = Version
hub-versions-caption = Every saved version, newest first. Choose two to compare.
hub-version-current = This is the current version.
hub-version-old = This is an old version.
hub-compare = Compare versions
hub-compare-from = From
hub-compare-to = To
hub-author = Author
hub-date = Date
hub-changed-lines = { $count ->
    [one] { $count } line changed
   *[other] { $count } lines changed
}
hub-diff-legend = Lines starting with + were added, lines starting with - were removed.
hub-edit = Edit this language version
hub-edit-details = Edit details
hub-add-translation = Add a translation
hub-attach = Attach a file to this language version
hub-attach-hint = PDF, DOCX, ODT, XLSX, ODS, PNG, JPEG or WebP, up to 25 MB. Text in PDFs becomes searchable.
hub-attach-button = Upload
hub-back = Back to the resource
hub-preview = Preview
hub-save = Save
hub-written = Language and script
hub-field-title = Title
hub-field-summary = Summary
hub-field-body = Text
hub-markdown-hint = Markdown: # heading, **bold**, *italic*, - list, [link](https://…). HTML is shown as text.
hub-field-note = What changed
err-query-too-long = The search is too long: use at most 500 characters.
err-networks-required = Choose at least one network, or let all members read it.
err-summary-length = The summary may have at most 1,000 characters.
err-body-length = The text is too long: at most 200,000 characters.
err-note-length = The note may have at most 300 characters.
err-change-note-required = Say briefly what changed.
err-attachment-type = This kind of file cannot be attached. Use PDF, DOCX, ODT, XLSX, ODS, PNG, JPEG or WebP.
err-attachment-content = The file’s content does not match its name (for example, a .pdf that is not a PDF). Nothing was saved.
err-attachment-missing = Choose a file to upload.
err-storage-full = The server has no room left to store this. Nothing was lost; please tell the platform’s administrators.
err-files-unavailable = The file storage cannot be reached just now. Nothing was saved; please try again in a few minutes.
err-edit-conflict = Someone saved this text while you were editing it. Your text is kept below: compare it with the latest version, then save again.

## Evidence and testimony vault
nav-vault = Vault
vault-title = Evidence vault
vault-intro = Testimonies and evidence, encrypted at rest, with a tamper-evident chain of custody. Only a case's team knows the case exists.
vault-new = Open a case
vault-no-cases = You are not on any case team.
vault-role = Role
vault-role-lead = Lead
vault-role-documenter = Documenter
vault-role-reviewer = Reviewer
vault-case-title = Case title
vault-case-title-hint = Stored encrypted. Do not use a survivor's name.
vault-open-case = Open the case
vault-custody = Chain of custody
vault-new-testimony = Record a testimony
vault-export = Export for prosecutors
vault-items = Items
vault-no-items = No items yet.
vault-item = Item
vault-kind = Kind
vault-kind-testimony = Testimony
vault-kind-file = File
vault-consent = Consent
vault-consent-none = No consent recorded
vault-consent-withdrawn = Consent withdrawn
vault-consent-documentation = For documentation
vault-consent-share = Sharing with these organisations
vault-consent-prosecutors = For use by prosecutors
vault-consent-publication = For anonymised publication
vault-consent-covers = The person agreed to use
vault-consent-update = Record consent
vault-consent-withdraw = Withdraw all consent
vault-reason = Reason (goes into the chain of custody)
vault-file = File
vault-file-hint = Any type, up to 4 GB. Its SHA-256 is computed while it uploads and shown afterwards.
vault-store = Store encrypted
vault-upload = Add a file
vault-team = Team
vault-remove = Remove
vault-add-member = Add to the team
vault-chain-intact = The chain of custody is intact and its head is signed by this server.
vault-files-checked = Stored files read and checked against their SHA-256
vault-chain-broken = The chain of custody has been tampered with
vault-verify = Verify the chain and every stored file
vault-server-key = Server signing key
vault-actor = Who
vault-action = What
vault-hashes = Hashes
vault-testimony-intro = A gender-sensitive interview record. Every field is stored encrypted. Use a pseudonym, never the person's name.
vault-interviewer = Interviewer
vault-interpreter = Interpreter
vault-language = Language of the interview
vault-place = Place
vault-date = Date
vault-pseudonym = Pseudonym of the person
vault-pseudonym-hint = Never the real name.
vault-gender = Did the person choose the interviewer's gender?
vault-gender-chosen = Yes, they chose
vault-gender-not-chosen = No
vault-gender-not-asked = They were not asked
vault-safety = Safety needs
vault-referral = Referral needs
vault-narrative = Narrative
vault-follow-up = Follow-up
vault-back-to-case = Back to the case
vault-size = Size
vault-download = Download the original
vault-export-intro = Choose items whose consent covers use by prosecutors. They are encrypted to the prosecutor's age key and bundled with a signed manifest of their SHA-256 hashes and the chain of custody, so that they can be checked offline.
vault-recipient = Recipient's age public key
vault-recipient-hint = Starts with age1. The prosecutor's office gives it to you; only its private key opens the files.
vault-export-button = Export
err-required = This field is required.
err-vault-closed = The vault is closed: its key is missing or does not match. Nothing is lost. The platform's administrators have been told why; the rest of Spona works as usual.
err-consent-withdrawn = The person's consent was withdrawn or does not cover keeping this item, so it cannot be read, downloaded or shared. The attempt was recorded in the chain of custody.
err-consent-share = The person did not consent to sharing with this organisation. The attempt was recorded in the chain of custody.
err-consent-prosecution = The person did not consent to use by prosecutors, so this item cannot be exported. The attempt was recorded in the chain of custody.
err-consent-publication = The person did not consent to publication.
err-consent-required = Record the person's consent to documentation before storing anything.
err-reason-length = The reason may have at most 500 characters.
err-vault-last-lead = A case must keep at least one lead.
err-vault-reason-required = Give a reason: it goes into the chain of custody.
err-upload-interrupted = The upload was interrupted. Nothing was stored; send the file again.
err-age-recipient = Enter a valid age public key (it starts with age1).
err-export-empty = Choose at least one item to export.

## ---- first-day fixes (issue 13) ----
nav-my-org = My organisation
nav-my-orgs = My organisations
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
notice-proposals-published = Proposals of the round “{ $subject }” are published: please answer them.
notice-partner-accepted = { $subject } accepted the proposal to work with you.
notice-check-in = { $subject } wrote a check-in on your pair.
notice-break-glass = A platform administrator used emergency access on one of your vault cases. The reason is in the case's chain of custody.
notice-mail-subject = Spona: { $text }

people-name = Name
matching-pick-a = Side A
matching-pick-b = Side B

matching-closed-published = closed, proposals published
matching-published-see-below = The proposals are published: yours are below.
matching-published-none = The proposals are published; none was made for you in this round.
matching-taking-part-published = { $org } takes part in this round. The proposals are published: see below.
matching-taking-part-none = { $org } takes part in this round. The proposals are published; none was made for { $org }.

filters-more = Filters

form-choose = Choose…

## ---- directory search (issue 13) ----

## ---- security (issue 14) ----
err-server-busy = Spona is busy right now. Please try again in a few seconds.
err-name-bidi = The name holds invisible characters that change the order of what is shown (bidirectional controls such as U+202E). Remove them and try again.
people-invite-sent = Invitation sent by mail to the address you entered. Only the person who reads that mailbox gets the link; it works once, for 7 days.
people-no-mail-server = No mail server is configured: invitation mails wait in the server's outbox folder until the operator delivers them. If mail cannot reach the person, a platform admin can make a one-time link for a pending invitation on this page (it is recorded in the audit log).
people-issue-link = Make a one-time link
people-link-title = One-time invitation link
people-link-lead = Give this link only to the person it is meant for, by a channel you trust. It works once, for 7 days, for the address
people-link-audit = Making this link was recorded in the audit log. This page shows it for 15 minutes.
invite-have-account = Do you already have a Spona account with this address?
invite-signin = Sign in, and you will come back here to join.
invite-new-account = New to Spona? Create your account
invite-create-and-join = Create the account and join
invite-other-account = You are signed in with another address. Sign out, then open the invitation link again.
err-invite-signin = This address already has a Spona account. Sign in with it to accept the invitation.
err-invite-other-account = This invitation is for another address. Sign in with the invited address to accept it.

## ---- vault (issue 14) ----
vault-choose = — choose —
vault-leave = Leave this case
vault-item-withdrawn = Withheld: consent was withdrawn
err-vault-file-name = The file name contains characters that change the direction of text, which can hide the real type of a file. Rename the file and upload it again.
vault-export-language = Language of the readable copies
vault-export-language-hint = The bundle holds a readable copy (HTML) of each testimony and of the custody log in this language. The signed machine-readable files stay authoritative.
err-vault-export-language = Choose the language of the readable copies.
vault-readable-note = A readable copy for convenience. The signed machine-readable files of this bundle (manifest.json, custody.jsonl, files/) are authoritative; spona verify-bundle checks them.
vault-readable-case = Case
vault-readable-exported = Exported
vault-readable-file = File in the bundle
vault-readable-action-create = Recorded
vault-readable-action-view = Viewed
vault-readable-action-download = Downloaded
vault-readable-action-consent = Consent recorded
vault-readable-action-share = Shared
vault-readable-action-export = Exported
vault-readable-action-grant = Access granted
vault-readable-action-revoke = Access removed
vault-readable-action-blocked = Refused (not covered by consent)
vault-readable-action-verify = Verified
vault-decision = The person's decision
vault-decision-hint = Who decided, how, when, and who witnessed it. Required to restore withdrawn consent; recorded in the chain of custody.
vault-decided-by = Decided by
vault-decided-by-person = The person themself
vault-decided-by-representative = Their legal representative
vault-decided-how = How
vault-decided-how-writing = In writing
vault-decided-how-oral = Orally
vault-decided-how-recording = On a recording
vault-decided-on = On
vault-witness = Witnessed by
err-vault-consent-record = Restoring withdrawn consent needs the record of the person's new decision: who decided, how, on which day, and who witnessed it.

## ---- faults (issue 15) ----
err-database-unavailable = The database is busy or cannot take changes just now. Nothing was saved; please try again in a moment.
err-search-rebuilding = Search is being rebuilt after a fault and will be back in a few minutes. Nothing is lost: every resource is safe and can be opened from its address.

## ---- end ----

## ---- lane guard ----
err-quota-case = This case has no room left for this file: { $used } of the { $allowed } it may hold are used. Nothing was stored. Please ask the platform’s administrators for more room.
err-quota-vault-org = Your organisation’s vault has no room left for this file: { $used } of the { $allowed } it may hold are used. Nothing was stored. Please ask the platform’s administrators for more room.
err-quota-hub-org = This organisation’s resources have no room left for this file: { $used } of the { $allowed } they may hold are used. Nothing was stored. Please ask the platform’s administrators for more room.
active-content-mark = Warning: this PDF contains actions that run when it is opened.
active-content-title = This PDF runs actions when it is opened
active-content-found = This PDF contains actions that run when it is opened:
active-content-unchecked = The file is too large or too complex to check completely: treat it as if it contained such actions.
active-content-advice-viewer = Open it in a viewer with JavaScript turned off (or a browser’s built-in viewer), on a computer that holds nothing sensitive.
active-content-advice-scan = Or save it and scan it with antivirus software before you open it.
active-content-download = Download anyway
active-content-back = Back
## ---- lane seal ----
vault-share-choose-hint = Tick each organisation the person agreed their testimony may be shared with. Nothing is ticked for them in advance.
## ---- lane ux ----
matching-titles-other = The title in other languages (optional)
matching-titles-hint = Each reader sees the title in their language, or in English, or as written above. Serbian written in Cyrillic is shown in Latin to Latin readers automatically.
err-unknown-participant-person = Choose people who opted in to this round.
