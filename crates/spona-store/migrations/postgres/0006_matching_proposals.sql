-- Coordinators' pins and bans, and the proposed pairs with their explanation and answers.
CREATE TABLE matching_constraints (
    round_id TEXT NOT NULL REFERENCES matching_rounds (id) ON DELETE CASCADE,
    a_id TEXT NOT NULL REFERENCES matching_participants (id) ON DELETE CASCADE,
    b_id TEXT NOT NULL REFERENCES matching_participants (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('pin', 'forbid')),
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (round_id, a_id, b_id)
);

CREATE TABLE matching_proposals (
    id TEXT PRIMARY KEY,
    round_id TEXT NOT NULL REFERENCES matching_rounds (id) ON DELETE CASCADE,
    a_id TEXT NOT NULL REFERENCES matching_participants (id) ON DELETE CASCADE,
    b_id TEXT NOT NULL REFERENCES matching_participants (id) ON DELETE CASCADE,
    score BIGINT NOT NULL,
    -- Why the pair was proposed (JSON: what each side gives, shared themes and languages).
    explanation TEXT NOT NULL,
    a_answer TEXT NOT NULL DEFAULT 'pending' CHECK (a_answer IN ('pending', 'accepted', 'declined')),
    b_answer TEXT NOT NULL DEFAULT 'pending' CHECK (b_answer IN ('pending', 'accepted', 'declined')),
    created_at BIGINT NOT NULL,
    UNIQUE (round_id, a_id, b_id)
);
CREATE INDEX matching_proposals_round ON matching_proposals (round_id);
