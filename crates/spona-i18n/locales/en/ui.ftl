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
form-has-errors = Please correct the following:
form-save = Save

## Home and about

quick-exit = Leave this page quickly
quick-exit-hint = The button above opens a neutral website and clears this page from the browser’s cache. Use a private window on a shared phone.

## Counts
org-count = { $count ->
    [one] { $count } organisation
   *[other] { $count } organisations
}

## Directory
directory-search-label = Search by name, city or description
directory-apply = Apply filters
field-country = Country
field-email = E-mail address
field-theme = Thematic areas
field-offers = Know-how offered
field-needs = Know-how needed
field-language = Working languages
field-organisation = Organisation
org-new-title = New organisation

## Networks

## People
role-admin = Organisation admin
role-member = Member
platform-role-admin = Platform admin
platform-role-user = User

## Sign-in and account

## Audit log

## Mail
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
err-unknown-org = Choose an organisation from the list.
err-image-type = Only PNG and JPEG images can be uploaded.
err-image-size = The image is larger than 1 MB. Make it smaller and try again.
err-image-dimensions = The image is too large: at most 4096 × 4096 pixels.
err-method = This address does not accept that kind of request.

## Matching
nav-matching = Matching
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
answer-pending = waiting
answer-accepted = accepted
answer-declined = declined
err-date-future = The date cannot be in the future.
err-date-before-start = The date cannot be before the pair started.
err-note-required = Write a short note.
programme-mentorship = Mentorship (person to person)
mentorship-taking-part-mentor = You take part in this round as a mentor. You will see proposed mentees here once the coordinators publish them.
mentorship-taking-part-mentee = You take part in this round as a mentee. You will see a proposed mentor here once the coordinators publish them.
err-mentee-capacity = A mentee takes one mentor: enter 1.
err-experience-required = Describe your experience in a few words.
err-goals-required = Describe your goals in a few words.

## Resource hub
nav-resources = Resources
hub-visibility-public = Everyone
hub-visibility-members = Signed-in members
hub-visibility-networks = Members of these networks
hub-date = Date
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

## Evidence and testimony vault
nav-vault = Vault
vault-role-lead = Lead
vault-role-documenter = Documenter
vault-role-reviewer = Reviewer
vault-kind-file = File
vault-gender-chosen = Yes, they chose
vault-gender-not-chosen = No
vault-gender-not-asked = They were not asked
err-required = This field is required.
err-vault-closed = The vault is closed: its key is missing or does not match. Nothing is lost. The platform's administrators have been told why; the rest of Spona works as usual.
err-consent-withdrawn = The person's consent was withdrawn or does not cover keeping this item, so it cannot be read, downloaded or shared. The attempt was recorded in the chain of custody.
err-consent-share = The person did not consent to sharing with this organisation. The attempt was recorded in the chain of custody.
err-consent-prosecution = The person did not consent to use by prosecutors, so this item cannot be exported. The attempt was recorded in the chain of custody.
err-consent-publication = The person did not consent to publication.

## ---- first-day fixes (issue 13) ----
nav-my-org = My organisation
nav-my-orgs = My organisations
notice-proposals-published = Proposals of the round “{ $subject }” are published: please answer them.
notice-partner-accepted = { $subject } accepted the proposal to work with you.
notice-check-in = { $subject } wrote a check-in on your pair.
notice-break-glass = A platform administrator used emergency access on one of your vault cases. The reason is in the case's chain of custody.
notice-mail-subject = Spona: { $text }

filters-more = Filters

form-choose = Choose…

## ---- directory search (issue 13) ----

## ---- security (issue 14) ----
err-server-busy = Spona is busy right now. Please try again in a few seconds.
err-name-bidi = The name holds invisible characters that change the order of what is shown (bidirectional controls such as U+202E). Remove them and try again.

## ---- vault (issue 14) ----
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
## ---- lane ux ----
## lane mail
mail-list-notices = Spona notices
mail-list-footer = To stop getting mail of “{ $list }”: { $link }
