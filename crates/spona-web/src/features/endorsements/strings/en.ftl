# Endorsement campaigns by people (issue 22 item 3).
en-title = Campaigns
en-intro = Statements and declarations anyone can endorse with their name and country. Your e-mail address is used only to confirm your endorsement once; it is never shown to anyone.
en-new = Open a campaign
en-none = No campaign is open yet.
en-status-open = open for endorsements
en-status-closed = closed
en-total = { $count ->
    [one] { $count } confirmed endorsement
   *[other] { $count } confirmed endorsements
}
en-back = All campaigns
en-by = By
en-open-from-to = Open from { $from } to { $to }
en-open-from = Open from { $from }
en-no-counts = No confirmed endorsement yet.
en-counts-caption = Confirmed endorsements by country
en-confirmed = Confirmed
en-waiting = Waiting for confirmation
en-invalidated = Invalidated
en-made = Made
en-review = Review endorsements
en-endorse-h = Endorse
en-endorse-lead = Add your name. We will send you one e-mail with a link; your endorsement counts once you confirm it there. Unconfirmed endorsements are deleted after 7 days.
en-name = Your name
en-organisation = Organisation (optional)
en-organisation-hint = If you endorse on behalf of an organisation, its name.
en-email = E-mail address
en-email-hint = Only to confirm your endorsement; never shown, and each address counts once.
en-endorse-submit = Endorse
en-closed = This campaign does not accept endorsements now.
en-json = This campaign as JSON
en-sent-h = Check your e-mail
en-sent-text = If this address has not endorsed this campaign yet, we have sent it a message with a link. Open it and press the button on that page to confirm your endorsement. The link works for 7 days.
en-confirm-h = Confirm your endorsement
en-confirm-what = { $name } ({ $country }) endorses "{ $title }".
en-confirm-button = Confirm my endorsement
en-confirmed-h = Thank you
en-confirmed-text = Your endorsement is confirmed and counted.
en-owner = Campaign of
en-owner-hint = An organisation you administer, or a network your organisation coordinates. Its admins coordinate the campaign.
en-variant-en = In English
en-variant-sr = In Serbian (Latin or Cyrillic script)
en-variant-uk = In Ukrainian
en-campaign-title = Title
en-statement = Statement
en-opens-on = Open from
en-closes-on = Last day open (optional)
en-closes-on-hint = Leave empty to keep the campaign open until further notice.
en-open-campaign = Open the campaign
en-review-lead = Endorsements by e-mail domain and by day. Addresses are never shown. Select suspicious endorsements by a time window or a domain, see how many they are, then invalidate them: they stop counting at once.
en-review-done = { $count ->
    [one] { $count } endorsement invalidated.
   *[other] { $count } endorsements invalidated.
}
en-review-filter = Select endorsements
en-review-from = Made from
en-review-to = Made before
en-review-utc = Times are in UTC.
en-review-domain = E-mail domain
en-review-preview-button = Show how many
en-review-preview = This selects { $confirmed } confirmed and { $waiting } unconfirmed endorsements.
en-review-invalidate = Invalidate these endorsements
en-review-domains = By e-mail domain
en-review-domains-caption = Endorsements by e-mail domain, the most first
en-review-days = By day
en-review-days-caption = Endorsements made per day (UTC), the newest first
en-review-day = Day
en-err-email = Enter a valid e-mail address, like name@example.org.
en-err-disposable = Addresses of throw-away mail services are not accepted; use an address you keep.
en-err-name = Enter your name.
en-err-name-long = Your name can be at most 120 characters.
en-err-country = Choose your country from the list.
en-err-organisation = The organisation's name can be at most 200 characters.
en-err-no-variant = Write the title and statement in at least one language.
en-err-title = Each language needs a title of at most 200 characters.
en-err-statement = Each language needs a statement of at most 4,000 characters.
en-err-date = Enter a date like 2026-03-08.
en-err-closes-before = The last day cannot be before the first.
en-err-owner = Choose whose campaign this is.
en-err-closed = This campaign does not accept endorsements now.
en-err-link-invalid = This confirmation link is not valid. Check that you opened the whole link from the e-mail.
en-err-link-used = This endorsement is confirmed already; the link cannot be used again.
en-err-link-withdrawn = This endorsement was invalidated by the campaign's coordinators.
en-err-link-expired = This link has expired: endorsements not confirmed within 7 days are deleted. Please endorse again.
en-err-filter-empty = Give a time window or a domain: invalidating every endorsement at once is not possible.
en-err-window = The end of the window must be after its start.
en-err-when = Enter a date and time like 2026-03-08T14:30.
en-mail-subject = Confirm your endorsement: { $title }
en-mail-text = Hello { $name },

    someone, probably you, endorsed "{ $title }" with this address.
    To confirm, open this link and press the button on the page:

    { $link }

    If it was not you, ignore this message: the endorsement is deleted after 7 days unless it is confirmed.
tx-en-edit = Change the campaign
tx-en-edit-intro = Correct the days or the texts, or add a language. The endorsements and their counts stay as they are.
tx-en-edit-save = Save changes
tx-en-close = Close the campaign
tx-en-close-intro = Once closed, the campaign takes no new endorsements and confirms none that are still waiting. The counts stay as they are.
tx-en-close-now = Close it now
tx-en-counts-csv = Counts per day and country (CSV)
tx-en-closed-on = This campaign closed on { $date }. It no longer takes endorsements; the counts above are final.
tx-en-err-link-closed = This campaign has closed, so endorsements are no longer confirmed. Thank you for your support.
