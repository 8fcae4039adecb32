-- Calls and opportunities (grants, residencies, fellowships, exchanges, calls for partners).
-- `org_id` is the organisation that posted it (none when a platform admin posts for an
-- outside funder); `funder` names an outside funder as text. The deadline is kept both as
-- the instant (`deadline_at`, Unix seconds) and as the funder stated it (`deadline_local`
-- in `zone`, an IANA name). `amount_minor` is in the currency's minor units.
CREATE TABLE calls (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    org_id TEXT REFERENCES organisations (id) ON DELETE CASCADE,
    funder TEXT,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    written TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    deadline_at BIGINT NOT NULL,
    deadline_local TEXT NOT NULL,
    zone TEXT NOT NULL,
    amount_minor BIGINT CHECK (amount_minor IS NULL OR amount_minor > 0),
    currency TEXT,
    link TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'withdrawn')),
    sequence BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK ((amount_minor IS NULL) = (currency IS NULL)),
    CHECK (org_id IS NOT NULL OR funder IS NOT NULL)
);
CREATE INDEX calls_deadline ON calls (deadline_at, id);
CREATE INDEX calls_org ON calls (org_id);

-- Eligibility and languages: one row per code.
CREATE TABLE call_terms (
    call_id TEXT NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('country', 'theme', 'knowhow', 'orgkind', 'language')),
    code TEXT NOT NULL,
    PRIMARY KEY (call_id, kind, code)
);
