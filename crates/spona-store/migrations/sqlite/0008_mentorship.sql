-- no-transaction
-- Mentorship rounds pair people (user accounts), not organisations: a third programme, and
-- participants that are either an organisation or a person.
--
-- SQLite cannot alter a CHECK or drop a NOT NULL, so both tables are rebuilt (the 12-step
-- procedure of https://www.sqlite.org/lang_altertable.html). Foreign keys must be off while
-- the old tables are dropped, or the drop would cascade to proposals and pairs; that
-- pragma is a no-op inside a transaction, hence `no-transaction` and an explicit one.
PRAGMA foreign_keys = OFF;
BEGIN;

CREATE TABLE matching_rounds_new (
    id TEXT PRIMARY KEY,
    programme TEXT NOT NULL CHECK (programme IN ('peer_exchange', 'buddy', 'mentorship')),
    title TEXT NOT NULL,
    -- Country codes, comma-separated, of each side (mentorship: side A mentors, side B mentees).
    side_a TEXT NOT NULL,
    side_b TEXT NOT NULL,
    -- Opting in is open to members of this network only; NULL: to every organisation.
    network_id TEXT REFERENCES networks (id),
    deadline BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'proposed', 'published', 'closed')),
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
INSERT INTO matching_rounds_new (id, programme, title, side_a, side_b, network_id, deadline, status, created_by, created_at)
SELECT id, programme, title, side_a, side_b, network_id, deadline, status, created_by, created_at FROM matching_rounds;
DROP TABLE matching_rounds;
ALTER TABLE matching_rounds_new RENAME TO matching_rounds;

CREATE TABLE matching_participants_new (
    id TEXT PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES matching_rounds (id) ON DELETE CASCADE,
    -- Exactly one is set: an organisation (peer exchange, buddy pairs) or a person (mentorship).
    org_id TEXT REFERENCES organisations (id) ON DELETE CASCADE,
    user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
    -- The country a person works from, as they state it (an organisation's is on its profile).
    country TEXT,
    side TEXT NOT NULL CHECK (side IN ('a', 'b')),
    -- Vocabulary codes, comma-separated.
    offers TEXT NOT NULL DEFAULT '',
    needs TEXT NOT NULL DEFAULT '',
    themes TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '',
    -- In their own words; for mentors their experience, for mentees their goals.
    statement TEXT NOT NULL DEFAULT '',
    accepts_interpretation BOOLEAN NOT NULL DEFAULT FALSE,
    capacity INTEGER NOT NULL CHECK (capacity >= 1),
    availability TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (round_id, org_id),
    -- One person, one side: nobody is both mentor and mentee in a round.
    UNIQUE (round_id, user_id),
    CHECK ((org_id IS NULL) <> (user_id IS NULL)),
    CHECK (user_id IS NULL OR country IS NOT NULL),
    -- A mentee (side B) takes one mentor.
    CHECK (user_id IS NULL OR side = 'a' OR capacity = 1)
);
INSERT INTO matching_participants_new (id, round_id, org_id, side, offers, needs, themes, languages,
    statement, accepts_interpretation, capacity, availability, created_by, created_at)
SELECT id, round_id, org_id, side, offers, needs, themes, languages,
    statement, accepts_interpretation, capacity, availability, created_by, created_at
FROM matching_participants;
DROP TABLE matching_participants;
ALTER TABLE matching_participants_new RENAME TO matching_participants;
CREATE INDEX matching_participants_round ON matching_participants (round_id, side);

COMMIT;
PRAGMA foreign_keys = ON;
