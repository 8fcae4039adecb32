# Labels of Spona's controlled vocabularies.

## Themes
theme-gender-equality = Gender equality
theme-gbv-protection = Protection from gender-based violence
theme-anti-trafficking = Anti-trafficking
theme-peacebuilding = Peacebuilding
theme-transitional-justice = Transitional justice
theme-human-rights-monitoring = Human rights monitoring
theme-eu-integration = EU integration
theme-lgbtq-rights = LGBTQ+ rights
theme-minority-rights = Minority rights
theme-roma-inclusion = Roma inclusion
theme-youth = Youth
theme-culture = Culture
theme-media = Media
theme-humanitarian-response = Humanitarian response
theme-psychosocial-support = Psychosocial support
theme-legal-aid = Legal aid
theme-refugees-migration = Refugees and migration
theme-disability-rights = Disability rights
theme-democratic-governance = Democratic governance

## Know-how
knowhow-safe-houses = Safe houses
knowhow-wartime-media = Navigating wartime media
knowhow-trauma-care = Trauma care
knowhow-evidence-preservation = Evidence preservation
knowhow-grant-writing = Grant writing
knowhow-advocacy = Advocacy
knowhow-victim-referral = Victim referral
knowhow-hotline-operation = Hotline operation
knowhow-digital-security = Digital security
knowhow-strategic-litigation = Strategic litigation
knowhow-trial-monitoring = Trial monitoring
knowhow-policy-analysis = Policy analysis
knowhow-gender-audits = Gender audits
knowhow-digital-storytelling = Digital storytelling
knowhow-crisis-management = Crisis management
knowhow-community-organising = Community organising
knowhow-volunteer-management = Volunteer management
knowhow-reintegration-programmes = Reintegration programmes
knowhow-peer-support-groups = Peer support groups
knowhow-data-protection = Data protection

## Working languages
lang-en = English
lang-sr = Serbian
lang-uk = Ukrainian
lang-sq = Albanian
lang-mk = Macedonian
lang-bs = Bosnian
lang-hr = Croatian
lang-cnr = Montenegrin
lang-ru = Russian
lang-hu = Hungarian
lang-ro = Romanian
lang-rom = Romani
lang-de = German
lang-fr = French

## Countries
country-RS = Serbia
country-UA = Ukraine
country-XK = Kosovo
country-BA = Bosnia and Herzegovina
country-HR = Croatia
country-MK = North Macedonia
country-ME = Montenegro
country-AL = Albania
country-SI = Slovenia
country-MD = Moldova
country-BG = Bulgaria
country-RO = Romania
country-HU = Hungary
country-PL = Poland
country-DE = Germany
country-NL = Netherlands
country-FR = France
country-AT = Austria
country-GB = United Kingdom
country-US = United States

## Text languages (language and script)
textlang-en = English
textlang-sr-Latn = Serbian (Latin)
textlang-sr-Cyrl = Serbian (Cyrillic)
textlang-uk = Ukrainian
textlang-sq = Albanian
textlang-mk = Macedonian
textlang-bs = Bosnian
textlang-hr = Croatian
textlang-cnr = Montenegrin

## Resource kinds
rkind-legal-aid-form = Legal aid form
rkind-trauma-protocol = Trauma and psychosocial protocol
rkind-grant-budget = Grant budget template
rkind-crisis-guideline = Crisis response guideline
rkind-best-practice = Best practice
rkind-case-study = Case study
rkind-funding-guide = Funding guide
rkind-policy-brief = Policy brief
rkind-training-material = Training material

## "From" a country, with the preposition and case the language needs (issue 13)
countryfrom-RS = from Serbia
countryfrom-UA = from Ukraine
countryfrom-XK = from Kosovo
countryfrom-BA = from Bosnia and Herzegovina
countryfrom-HR = from Croatia
countryfrom-MK = from North Macedonia
countryfrom-ME = from Montenegro
countryfrom-AL = from Albania
countryfrom-SI = from Slovenia
countryfrom-MD = from Moldova
countryfrom-BG = from Bulgaria
countryfrom-RO = from Romania
countryfrom-HU = from Hungary
countryfrom-PL = from Poland
countryfrom-DE = from Germany
countryfrom-NL = from the Netherlands
countryfrom-FR = from France
countryfrom-AT = from Austria
countryfrom-GB = from the United Kingdom
countryfrom-US = from the United States
