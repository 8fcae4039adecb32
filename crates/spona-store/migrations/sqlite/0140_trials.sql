-- Trial monitoring (issue 21 item 6): trafficking cases followed in court by the members of
-- monitoring organisations. Parties are never named: a case counts its defendants and
-- victims, and pages call them by role ("Defendant 1", "Victim A"). Free text that may name
-- people (a hearing's note, an observation's notes) is sealed with the vault
-- (`*_sealed`, base64 of `spona_vault::SealedField`); everything counted in the findings
-- (codes, dates, numbers) is in clear.
CREATE TABLE trial_cases (
    id TEXT PRIMARY KEY,
    country TEXT NOT NULL,
    court TEXT NOT NULL,
    case_number TEXT NOT NULL,
    defendants BIGINT NOT NULL CHECK (defendants BETWEEN 1 AND 60),
    victims BIGINT NOT NULL CHECK (victims BETWEEN 1 AND 60),
    -- `YYYY-MM-DD`: durations count from it.
    indicted_on TEXT NOT NULL,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (country, court, case_number)
);

CREATE TABLE trial_case_charges (
    case_id TEXT NOT NULL REFERENCES trial_cases (id) ON DELETE CASCADE,
    charge TEXT NOT NULL,
    PRIMARY KEY (case_id, charge)
);

-- The monitoring organisations of a case: their members read and write it.
CREATE TABLE trial_case_orgs (
    case_id TEXT NOT NULL REFERENCES trial_cases (id) ON DELETE CASCADE,
    org_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (case_id, org_id)
);
CREATE INDEX trial_case_orgs_org ON trial_case_orgs (org_id);

-- A hearing at an instant (`at`, Unix seconds) and as the court set it (`at_local` in
-- `zone`); an adjourned one has its reason code.
CREATE TABLE trial_hearings (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES trial_cases (id) ON DELETE CASCADE,
    at BIGINT NOT NULL,
    at_local TEXT NOT NULL,
    zone TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'held', 'adjourned')),
    reason TEXT,
    note_sealed TEXT,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    CHECK ((status = 'adjourned') = (reason IS NOT NULL))
);
CREATE INDEX trial_hearings_case ON trial_hearings (case_id, at);

-- An observer's form for one hearing, with the monitoring organisation they observed for.
CREATE TABLE trial_observations (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES trial_cases (id) ON DELETE CASCADE,
    hearing_id TEXT NOT NULL REFERENCES trial_hearings (id) ON DELETE CASCADE,
    observer_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    org_id TEXT REFERENCES organisations (id) ON DELETE SET NULL,
    compensation TEXT,
    prosecution TEXT,
    court TEXT,
    notes_sealed TEXT,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX trial_observations_case ON trial_observations (case_id);
CREATE INDEX trial_observations_hearing ON trial_observations (hearing_id);

-- An observation's answered checks (`kind` check, `answer` yes/no/na) and the protection
-- measures it saw applied (`kind` measure, `answer` yes).
CREATE TABLE trial_observation_items (
    observation_id TEXT NOT NULL REFERENCES trial_observations (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('check', 'measure')),
    code TEXT NOT NULL,
    answer TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'na')),
    PRIMARY KEY (observation_id, kind, code)
);

-- The latest verdict for each defendant (a later one, e.g. on appeal, replaces it).
CREATE TABLE trial_verdicts (
    case_id TEXT NOT NULL REFERENCES trial_cases (id) ON DELETE CASCADE,
    defendant BIGINT NOT NULL CHECK (defendant >= 1),
    outcome TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    sentence_months BIGINT CHECK (sentence_months IS NULL OR sentence_months BETWEEN 1 AND 480),
    is_final BOOLEAN NOT NULL DEFAULT FALSE,
    recorded_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (case_id, defendant)
);
