# The exports feature's strings (en).

exp-title = Open data
exp-lead = Every public data set of this platform, whole: no row limit. Download it as CSV, as an Excel workbook (XLSX) or as an OpenDocument spreadsheet (ODS).
exp-signed-in = You are signed in: the files include the contact details that organisations share with members of the platform.
exp-anonymous = Contact details that organisations share only with members are left empty. Sign in to include them.
exp-set-organisations = Organisations
exp-set-organisations-about = The directory: each organisation's name, country, city, themes, the know-how it offers and needs, its working languages, networks and descriptions.
exp-set-networks = Networks
exp-set-networks-about = Each network with its coordinating organisation and its members.
exp-set-know-how = Offers and needs
exp-set-know-how-about = One row for each kind of know-how an organisation offers or needs.
exp-set-events = Events
exp-set-events-about = Every event: what it is, when and where it takes place, in which languages, and who organises it. Join links stay with the registered participants.
exp-set-resources = Resource hub
exp-set-resources-about = The public resources of the hub: one row for each language version, with its kind, owner, themes, countries, title and summary.
exp-rows = { $count ->
    [one] { $count } row
   *[other] { $count } rows
}
exp-format-csv = CSV
exp-format-csv-bom = CSV for Excel
exp-format-xlsx = Excel (XLSX)
exp-format-ods = OpenDocument (ODS)
exp-services = Services
exp-services-about = Services are published in the Open Referral HSDS format, as a data package of linked tables.
exp-services-package = HSDS data package description
exp-services-zip = HSDS data package (zip)
exp-about = About these files
exp-progress = A large file starts to arrive at once and grows as rows are read; the number of rows above tells how many to expect. An Excel workbook is assembled first and then sent, so it takes a moment before it begins.
exp-filters = The directory's filters work on the organisations' files too: add them to the address, for example ?country=RS&theme=legal-aid. A filter that matches nothing gives a file with the header row only.
exp-formulas = A cell that a spreadsheet would read as a formula (one starting with =, +, - or @) starts with an apostrophe in the CSV files.
exp-package = The data package description (Frictionless datapackage.json)
exp-err-format = Unknown file format: choose csv, xlsx or ods.
exp-err-bom = The bom setting takes 0 or 1.
exp-err-no-filters = This data set has no filters: only the organisations can be filtered.

# Lane exp24: monitoring and services data sets, members' resources, estimated sizes.
xp-set-recommendations = Recommendations
xp-set-recommendations-about = The recommendations of the human rights mechanisms that the platform follows (the Universal Periodic Review, treaty bodies and others): text, state under review, recommending states, themes and the state's response.
xp-set-assessments = Assessments by civil society
xp-set-assessments-about = How participating organisations assess the implementation of each recommendation: current and earlier assessments, with their comments, evidence and signatures. The people who entered them are not named.
xp-set-services = Services
xp-set-services-about = The published services of the catalogue, one row each, in the columns of the Open Referral HSDS service table. Their locations, opening hours and areas are in the HSDS data package below.
xp-signed-in-hub = The resource hub's file also lists the members-only and network resources you may read.
xp-hsds-heading = Services: the whole HSDS data package
xp-decimal = .
xp-size-b = about { $size } bytes as CSV
xp-size-kb = about { $size } kB as CSV
xp-size-mb = about { $size } MB as CSV
xp-size-gb = about { $size } GB as CSV
xp-estimate = The sizes are estimated from the first rows; Excel and OpenDocument files are compressed and usually smaller.
