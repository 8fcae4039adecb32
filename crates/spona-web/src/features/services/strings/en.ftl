## Services catalogue

## HSDS API errors
err-hsds-page = The page number must be a whole number from 1 to 1000000.
err-hsds-per-page = The number of results per page must be a whole number from 1 to 100.
err-hsds-modified-after = The date must be an RFC 3339 date or date-time, such as 2026-01-31 or 2026-01-31T10:00:00Z.
err-hsds-not-found = There is no published service, organisation, location or taxonomy with this id.

## Service form errors
err-service-hours-day = Choose a day of the week for each opening.
err-service-hours-time = Write opening times as hours and minutes, such as 09:00 or 17:30.
err-service-hours-order = An opening must end after it begins.
err-service-hours-overlap = Two openings on the same day overlap.
err-service-text-twice = Each language may have one name and description.
err-service-name-length = Give the service a name (at most 200 characters).
err-service-description-length = The description may have at most 8000 characters.
err-service-location = Give each location a city; names and addresses may have at most 200 characters.
err-service-area-country = Start each municipality with its country code, such as “XK: Mitrovica”.
err-service-phone = A phone number may hold digits, spaces and + - ( ) / only.
err-service-url = The web address must begin with https:// or http://.
err-service-cost = The cost may have at most 1000 characters.
err-service-places = Places must be a whole number from 0 to 100000.
err-service-free-over-total = There cannot be more free places than places in all.

## Service kinds
skind-reporting = Reporting
skind-legal-status = Legal status
skind-safe-accommodation = Safe accommodation
skind-medical-care = Medical care
skind-psychosocial-support = Psychosocial support
skind-legal-counselling = Legal counselling
skind-vocational-training = Vocational training
skind-family-mediation = Family mediation
skind-reintegration = Reintegration
skind-hotline = Hotline
skind-shelter = Shelter
skind-interpretation = Interpretation
skind-outreach = Outreach
skind-other = Other

## Fields a referral may carry
rfield-first-name = First name or pseudonym
rfield-age-band = Age band
rfield-gender = Gender
rfield-language = Language
rfield-nationality = Nationality or status
rfield-urgency = Urgency
rfield-needs = Needs
rfield-contact-channel = Contact channel

## Age bands
ageband-0-11 = 0–11
ageband-12-17 = 12–17
ageband-18-24 = 18–24
ageband-25-39 = 25–39
ageband-40-59 = 40–59
ageband-60-plus = 60 and over

## Eligibility
sgender-female = Women and girls
sgender-male = Men and boys
sgender-non-binary = Non-binary people
nstatus-citizen = Citizens
nstatus-foreign-national = Foreign nationals
nstatus-asylum-seeker = Asylum seekers
nstatus-refugee = Refugees
nstatus-stateless = Stateless people
nstatus-displaced = Displaced people
saccess-referral = By referral only
saccess-walk-in = Walk-in, no referral needed
saccess-both = Walk-in or by referral

## Catalogue pages
nav-services = Services
svc-title = Services
svc-intro = Shelters, legal aid, psychosocial support, hotlines and more, offered by organisations on Spona.
svc-filters = Search services
svc-search-label = Search by name, organisation or city
svc-kind = Kind of service
svc-language = Language spoken
svc-available-only = Only services with free places
svc-search = Search
svc-found = { $count ->
    [one] One service found.
   *[other] { $count } services found.
}
svc-none = No published service matches. Try fewer words or filters.
svc-pages = Pages
svc-prev = Previous page
svc-next = Next page
svc-places-free = { $free ->
    [one] One place free
   *[other] { $free } places free
} of { $total }
svc-places-total = { $count ->
    [one] One place
   *[other] { $count } places
}
svc-places-as-of = as of { $date }
svc-back = All services
svc-status-draft = Draft, not public
svc-status-published = Published
svc-status-closed = Closed, not public
svc-refer = Refer a person to this service
svc-access = How to get it
svc-genders = For
svc-ages = Ages
svc-statuses = Nationality or status
svc-languages = Languages spoken
svc-area = Area served
svc-cost = Cost
svc-free-of-charge = Free of charge
svc-cost-ask = Ask the organisation
svc-places = Places
svc-hours = Opening hours
svc-locations = Where
svc-contact = Contact
svc-phone = Phone
svc-email = E-mail
svc-manage = Manage this service
svc-publish = Publish
svc-close = Close the service
svc-places-update = Places free now
svc-places-save = Save free places
weekday-MO = Monday
weekday-TU = Tuesday
weekday-WE = Wednesday
weekday-TH = Thursday
weekday-FR = Friday
weekday-SA = Saturday
weekday-SU = Sunday

## Service form (new and edit)
svc-new = New service
svc-edit = Edit this service
svc-edit-heading = Edit “{ $name }”
svc-form-back = Back to the service
svc-form-org = Organisation offering it
svc-form-texts = Name, description and who may come
svc-form-texts-hint = Write them in one language at least. To write them in another language too, add a language.
svc-form-text-lang = Language of this text
svc-form-name = Name
svc-form-description = Description
svc-form-eligibility = Who may come, in words
svc-form-add-text = Add a language
svc-form-anyone-hint = Leave all unticked if anyone may come.
svc-form-loc-name = Name of the place
svc-form-loc-address = Address
svc-form-loc-city = City
svc-form-loc-country = Country
svc-form-add-location = Add a location
svc-form-municipalities = Municipalities served, one per line
svc-form-municipalities-hint = Start each with its country code, such as “XK: Mitrovica”. Tick a country above to serve all of it.
svc-form-hours-hint = Times as hours and minutes, such as 09:00 and 17:30; 24:00 is midnight at the end of the day. Leave a row empty if you do not need it.
svc-form-day = Day
svc-form-opens = Opens at
svc-form-closes = Closes at
svc-form-add-hours = Add an opening
svc-form-url = Web address
svc-form-cost = What it costs, or on what conditions
svc-form-capacity = Places in all
svc-form-capacity-hint = Leave empty if the service does not count places.
svc-form-referral-fields = What a referral must tell about the person
svc-form-referral-fields-hint = A referral to this service will carry these and nothing else about the person. Ask only for what you need.
svc-form-draft-hint = A draft is seen only by your organisation's admins. Publish it to put it in the catalogue.
svc-form-save-draft = Save as a draft
svc-form-save-publish = Save and publish
svc-form-save = Save
svc-eligibility-note = Who may come
err-service-eligibility-length = The note on who may come may have at most 2000 characters.

## The organisation page's services
svc-org-services = Services
svc-org-add = Add a service
svc-org-none = This organisation has published no service yet.
