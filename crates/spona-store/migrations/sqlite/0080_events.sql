-- Events (issue 18). Start and end are kept as the organiser wrote them (local wall-clock
-- time and an IANA zone) and as UTC instants derived from them; `last_ends_at` is when the
-- last occurrence of a series ends. `sequence` is the iCalendar SEQUENCE, raised on every
-- change; `seats` is touched by every registration so that two registrations for the last
-- seat queue on the event's row (PostgreSQL) or on the single writer (SQLite).
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    agenda TEXT NOT NULL DEFAULT '',
    speakers TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '',
    interpretation TEXT NOT NULL DEFAULT '',
    attendance TEXT NOT NULL,
    join_url TEXT,
    dial_in TEXT,
    low_bandwidth TEXT,
    place TEXT,
    address TEXT,
    zone TEXT NOT NULL,
    starts_local TEXT NOT NULL,
    ends_local TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    rrule TEXT,
    last_ends_at BIGINT NOT NULL,
    capacity BIGINT,
    approval BIGINT NOT NULL DEFAULT 0,
    report TEXT NOT NULL DEFAULT '',
    network_id TEXT,
    -- A working group (linked when groups land; no foreign key yet).
    group_id TEXT,
    cancelled BIGINT NOT NULL DEFAULT 0,
    sequence BIGINT NOT NULL DEFAULT 0,
    seats BIGINT NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX events_last_ends ON events (last_ends_at);
CREATE INDEX events_network ON events (network_id);
CREATE INDEX events_group ON events (group_id);

CREATE TABLE event_organisers (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (event_id, org_id)
);
CREATE INDEX event_organisers_org ON event_organisers (org_id);

-- Local starts left out of a series: exceptions given with it, and occurrences cancelled
-- later (`cancelled` = 1). Both leave the calendar as EXDATE.
CREATE TABLE event_exdates (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    occurrence_local TEXT NOT NULL,
    cancelled BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (event_id, occurrence_local)
);

CREATE TABLE event_registrations (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id),
    -- confirmed | waiting | pending (awaits the organiser) | cancelled
    status TEXT NOT NULL,
    interpretation TEXT NOT NULL DEFAULT '',
    accessibility TEXT NOT NULL DEFAULT '',
    dietary TEXT NOT NULL DEFAULT '',
    travel_support BIGINT NOT NULL DEFAULT 0,
    visa_support BIGINT NOT NULL DEFAULT 0,
    attended BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (event_id, user_id)
);
CREATE INDEX event_registrations_user ON event_registrations (user_id);

-- Reminders sent: one per person and occurrence.
CREATE TABLE event_reminders (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (event_id, user_id, starts_at)
);

-- A person's private calendar feed: the hash of its token (revoked = row deleted).
CREATE TABLE calendar_tokens (
    user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
