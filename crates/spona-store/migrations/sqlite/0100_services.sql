-- Services an organisation offers to people (issue 19): shelters, legal aid, hotlines …
-- `status` is draft, published or closed; only published services are in the catalogue,
-- the HSDS API and open to referrals. `access` says whether a person needs a referral.
-- Capacity: places in all and free (both optional), with when the provider last gave the
-- free count (`capacity_at`, Unix seconds). `updated_at` is HSDS's `last_modified`.
CREATE TABLE services (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'closed')),
    access TEXT NOT NULL CHECK (access IN ('referral', 'walk-in', 'both')),
    email TEXT,
    phone TEXT,
    url TEXT,
    free BOOLEAN NOT NULL DEFAULT FALSE,
    cost TEXT,
    capacity_total BIGINT CHECK (capacity_total IS NULL OR capacity_total >= 0),
    capacity_free BIGINT CHECK (capacity_free IS NULL OR capacity_free >= 0),
    capacity_at BIGINT,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (capacity_free IS NULL OR capacity_total IS NULL OR capacity_free <= capacity_total),
    CHECK ((capacity_free IS NULL) = (capacity_at IS NULL))
);
CREATE INDEX services_org ON services (org_id);
CREATE INDEX services_status_updated ON services (status, updated_at, id);

-- Name and description per content language (at least one row per service).
CREATE TABLE service_texts (
    service_id TEXT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    PRIMARY KEY (service_id, lang)
);

-- Eligibility, languages and the referral fields asked: one row per code.
CREATE TABLE service_terms (
    service_id TEXT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('gender', 'ageband', 'nstatus', 'language', 'field')),
    code TEXT NOT NULL,
    PRIMARY KEY (service_id, kind, code)
);
CREATE INDEX service_terms_code ON service_terms (kind, code);

-- The area served: a country, and a municipality in it or none (the whole country).
CREATE TABLE service_areas (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    country TEXT NOT NULL,
    municipality TEXT
);
CREATE INDEX service_areas_service ON service_areas (service_id, position);
CREATE INDEX service_areas_country ON service_areas (country);

-- Where the service is given; each row is both HSDS's location and its service_at_location.
CREATE TABLE service_locations (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    city TEXT NOT NULL,
    country TEXT NOT NULL
);
CREATE INDEX service_locations_service ON service_locations (service_id, position);

-- Regular weekly hours in HSDS's schedule shape (freq WEEKLY, one byday per row); opens
-- and closes in minutes after midnight (1440: the end of the day).
CREATE TABLE service_hours (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    byday TEXT NOT NULL CHECK (byday IN ('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU')),
    opens BIGINT NOT NULL CHECK (opens >= 0 AND opens < 1440),
    closes BIGINT NOT NULL CHECK (closes > opens AND closes <= 1440)
);
CREATE INDEX service_hours_service ON service_hours (service_id);
