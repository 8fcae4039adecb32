-- A pair that both sides accepted, with its history: when it started, check-ins by either
-- side, and its end with each side's short feedback.
CREATE TABLE matching_pairs (
    proposal_id TEXT PRIMARY KEY REFERENCES matching_proposals (id) ON DELETE CASCADE,
    round_id TEXT NOT NULL REFERENCES matching_rounds (id) ON DELETE CASCADE,
    started_at BIGINT NOT NULL,
    ended_at BIGINT,
    -- The side ('a' or 'b') that ended the pair.
    ended_by_side TEXT CHECK (ended_by_side IN ('a', 'b')),
    a_feedback TEXT,
    b_feedback TEXT,
    CHECK ((ended_at IS NULL) = (ended_by_side IS NULL))
);
CREATE INDEX matching_pairs_round ON matching_pairs (round_id);

CREATE TABLE matching_checkins (
    id TEXT PRIMARY KEY,
    proposal_id TEXT NOT NULL REFERENCES matching_pairs (proposal_id) ON DELETE CASCADE,
    -- The side whose member wrote it.
    side TEXT NOT NULL CHECK (side IN ('a', 'b')),
    -- Unix seconds of the start of the day of the check-in.
    day BIGINT NOT NULL,
    note TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX matching_checkins_pair ON matching_checkins (proposal_id, day);

-- Pairs agreed before this migration start when they were proposed.
INSERT INTO matching_pairs (proposal_id, round_id, started_at)
SELECT id, round_id, created_at FROM matching_proposals
WHERE a_answer = 'accepted' AND b_answer = 'accepted';
