## Newsletters
newsletters-title = Newsletters
newsletters-lead = Updates, resources and success stories from the networks, by e-mail and in a public archive.
newsletters-none = No newsletters yet.
newsletter-new = Start a newsletter
newsletter-create = Create the newsletter
newsletter-field-network = Network
newsletter-field-name = Name
newsletter-field-description = What it is about (optional)
newsletter-field-audience = Who may read the archive and subscribe
newsletter-audience-public = Everyone: the archive is public and people outside Spona may subscribe by e-mail
newsletter-audience-members = Members of Spona only
newsletter-subscribe-h = Subscribe
newsletter-you-get-it = You get this newsletter at your account's address.
newsletter-leave = Stop getting it
newsletter-subscribe = Subscribe
newsletter-field-email = E-mail address
newsletter-consent-public = I want to receive this newsletter by e-mail at this address. I can leave at any time with the link in every issue.
newsletter-consent-member = Issues of this newsletter will be mailed to your account's address. You can leave at any time here or with the link in every issue.
newsletter-consent-id = Wording “{ $id }”, version { $version }.
newsletter-editors-h = For editors
newsletter-new-issue = Write a new issue
newsletter-subscribers-link = Subscribers
newsletter-archive = Archive
newsletter-archive-empty = No issues have been sent yet.
newsletter-untitled = (untitled draft)
newsletter-state = State
newsletter-state-draft = draft
newsletter-state-scheduled = scheduled
newsletter-state-sending = being sent
newsletter-state-sent = sent
newsletter-check-mail-h = Check your mail
newsletter-check-mail = If the address can receive mail, a message is on its way with a link to confirm your subscription to { $name }. Nothing is sent until you confirm. Addresses that are not confirmed are forgotten after 30 days.
newsletter-confirm-h = Confirm your subscription
newsletter-confirm-what = Subscribe { $address } to { $name }?
newsletter-confirm-button = Yes, subscribe me
newsletter-confirmed-h = You are subscribed
newsletter-confirmed = You will get { $name } by e-mail. Every issue has a link to leave.
newsletter-preview-note = Preview: this issue has not been sent.
newsletter-back-to-editor = Back to the editor
newsletter-other-languages = In other languages
newsletter-edit-h = Edit the issue
newsletter-edit-hint = Write a title and a text (Markdown) in each language you have; every reader gets their language, or English, or the first one written.
newsletter-lang-en = English
newsletter-lang-sr-Cyrl = Serbian (Cyrillic)
newsletter-lang-sr-Latn = Serbian (Latin)
newsletter-lang-uk = Ukrainian
newsletter-field-title = Title
newsletter-field-body = Text (Markdown)
newsletter-save = Save
newsletter-sent-note = Sent on { $when } to { $count } subscribers. A sent issue cannot be changed.
newsletter-preview-h = Preview
newsletter-test-h = Test
newsletter-test-button = Send a test to myself
newsletter-test-sent = A test of each language was sent to your address.
newsletter-test-tag = Test
newsletter-schedule-h = Sending
newsletter-field-at = Send at (date and time, UTC)
newsletter-schedule = Schedule
newsletter-unschedule = Do not send; back to draft
newsletter-subscribers-h = Subscribers
newsletter-subscriber-count = { $count ->
    [one] { $count } subscriber gets the next issue.
   *[other] { $count } subscribers get the next issue.
}
newsletter-subscribers-none = No one has subscribed yet.
newsletter-col-status = Status
newsletter-col-since = Since
newsletter-member = member
newsletter-status-left = left
newsletter-status-confirmed = subscribed
newsletter-status-waiting = waiting for confirmation
newsletter-confirm-mail-subject = Confirm your subscription to { $name }
newsletter-confirm-mail-text = Someone, hopefully you, asked to receive the newsletter { $name } at this address.

    To confirm, open this link and press the button on the page:
    { $link }

    If it was not you, ignore this message: nothing more will be sent, and the address is forgotten after 30 days.
newsletter-mail-footer = You get { $name } because you subscribed. Read this issue on the web: { $link }
newsletter-mail-from-group = { $name }: the newsletter of the working group { $group }
    The newsletter's page: { $page }
err-newsletter-network = Choose a network you coordinate.
err-newsletter-name = Give the newsletter a name of at most 120 characters.
err-newsletter-description = The description may have at most 2,000 characters.
err-newsletter-audience = Choose who may read the archive and subscribe.
err-newsletter-lang = That language is not offered for issues.
err-newsletter-title-long = A title may have at most 200 characters.
err-newsletter-body-long = The text is too long for a newsletter.
err-newsletter-title-missing = This text needs a title.
err-newsletter-body-missing = This title needs a text.
err-newsletter-sent = This issue has already been sent (or is being sent) and cannot be changed.
err-newsletter-not-scheduled = This issue is not scheduled.
err-newsletter-empty = The issue is empty: write a title and a text in at least one language first.
err-newsletter-when = Give the date and time to send at.
err-newsletter-past = That time has passed: choose a time in the future.
err-newsletter-email = Enter a valid e-mail address, like name@example.org.
err-newsletter-consent-needed = Tick the box to say that you want to receive the newsletter.
err-newsletter-link = This confirmation link is not valid: it was already used, replaced by a newer one, or has expired. Subscribe again to get a new link.
