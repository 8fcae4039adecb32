-- Awareness quizzes (issue 23): a campaign of an organisation (its admins coordinate it),
-- its quiz in versions (a version with answers never changes: a new version instead), the
-- channels its links and QR codes name, and the anonymous sessions that take it. Nothing
-- here names a person: a session holds a keyed hash (`dedup`, an HMAC under the day's
-- random salt, of the quiz, the client's address and its user agent) that cannot be turned
-- back into an address once that salt is deleted the next day; the address is never stored.
CREATE TABLE quiz_campaigns (
    id TEXT PRIMARY KEY,
    -- The short address people type from posters: `/q/{slug}`.
    slug TEXT NOT NULL UNIQUE,
    org_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    public_results BIGINT NOT NULL DEFAULT 0 CHECK (public_results IN (0, 1)),
    -- Signs the sessions' tokens (hex); never shown.
    token_key TEXT NOT NULL,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX quiz_campaigns_org ON quiz_campaigns (org_id);

-- One version of a campaign's quiz; `doc` is its JSON (`spona_domain::quiz::QuizDoc`).
CREATE TABLE quizzes (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES quiz_campaigns (id) ON DELETE CASCADE,
    version BIGINT NOT NULL CHECK (version >= 1),
    doc TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    CHECK (ends_at > starts_at),
    UNIQUE (campaign_id, version)
);

CREATE TABLE quiz_channels (
    campaign_id TEXT NOT NULL REFERENCES quiz_campaigns (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('school', 'tv', 'partner', 'social', 'other')),
    label TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, code)
);

-- The day's random salt for the keyed hash; yesterday's is deleted at the first start of a
-- new day, after which no hash can be recomputed from an address.
CREATE TABLE quiz_salts (
    day TEXT PRIMARY KEY,
    salt TEXT NOT NULL
);

-- A person taking a quiz once: no account, no cookie across days.
CREATE TABLE quiz_sessions (
    id TEXT PRIMARY KEY,
    quiz_id TEXT NOT NULL REFERENCES quizzes (id) ON DELETE CASCADE,
    channel TEXT,
    -- `YYYY-MM-DD` (UTC) of the start.
    day TEXT NOT NULL,
    dedup TEXT NOT NULL,
    country TEXT,
    region TEXT,
    age_band TEXT,
    excluded BIGINT NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
    created_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX quiz_sessions_quiz_day ON quiz_sessions (quiz_id, day, dedup);
CREATE INDEX quiz_sessions_dedup_time ON quiz_sessions (dedup, created_at);

-- One answer per session and question (the primary key counts it once).
CREATE TABLE quiz_responses (
    session_id TEXT NOT NULL REFERENCES quiz_sessions (id) ON DELETE CASCADE,
    question BIGINT NOT NULL CHECK (question >= 0),
    -- 1 right, 0 wrong, NULL not scored (a scale).
    correct BIGINT CHECK (correct IN (0, 1)),
    answered_at BIGINT NOT NULL,
    PRIMARY KEY (session_id, question)
);

-- The options (or the scale's value) an answer chose.
CREATE TABLE quiz_choices (
    session_id TEXT NOT NULL,
    question BIGINT NOT NULL,
    choice BIGINT NOT NULL CHECK (choice >= 0),
    PRIMARY KEY (session_id, question, choice),
    FOREIGN KEY (session_id, question) REFERENCES quiz_responses (session_id, question) ON DELETE CASCADE
);
