-- Matching rounds (peer exchange, buddy pairs) and the organisations that opted in.
CREATE TABLE matching_rounds (
    id TEXT PRIMARY KEY,
    programme TEXT NOT NULL CHECK (programme IN ('peer_exchange', 'buddy')),
    title TEXT NOT NULL,
    -- Country codes, comma-separated, of each side.
    side_a TEXT NOT NULL,
    side_b TEXT NOT NULL,
    -- Opting in is open to members of this network only; NULL: to every organisation.
    network_id TEXT REFERENCES networks (id),
    deadline BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'proposed', 'published', 'closed')),
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE matching_participants (
    id TEXT PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES matching_rounds (id) ON DELETE CASCADE,
    org_id TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    side TEXT NOT NULL CHECK (side IN ('a', 'b')),
    -- Vocabulary codes, comma-separated.
    offers TEXT NOT NULL DEFAULT '',
    needs TEXT NOT NULL DEFAULT '',
    themes TEXT NOT NULL DEFAULT '',
    languages TEXT NOT NULL DEFAULT '',
    statement TEXT NOT NULL DEFAULT '',
    accepts_interpretation BOOLEAN NOT NULL DEFAULT FALSE,
    capacity INTEGER NOT NULL CHECK (capacity >= 1),
    availability TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (round_id, org_id)
);
CREATE INDEX matching_participants_round ON matching_participants (round_id, side);
