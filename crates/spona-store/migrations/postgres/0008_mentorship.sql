-- Mentorship rounds pair people (user accounts), not organisations: a third programme, and
-- participants that are either an organisation or a person.
ALTER TABLE matching_rounds DROP CONSTRAINT matching_rounds_programme_check;
ALTER TABLE matching_rounds ADD CONSTRAINT matching_rounds_programme_check
    CHECK (programme IN ('peer_exchange', 'buddy', 'mentorship'));

-- Exactly one is set: an organisation (peer exchange, buddy pairs) or a person (mentorship).
ALTER TABLE matching_participants ALTER COLUMN org_id DROP NOT NULL;
ALTER TABLE matching_participants ADD COLUMN user_id TEXT REFERENCES users (id) ON DELETE CASCADE;
-- The country a person works from, as they state it (an organisation's is on its profile).
ALTER TABLE matching_participants ADD COLUMN country TEXT;
-- One person, one side: nobody is both mentor and mentee in a round.
ALTER TABLE matching_participants ADD CONSTRAINT matching_participants_round_id_user_id_key
    UNIQUE (round_id, user_id);
ALTER TABLE matching_participants ADD CONSTRAINT matching_participants_one_owner
    CHECK ((org_id IS NULL) <> (user_id IS NULL));
ALTER TABLE matching_participants ADD CONSTRAINT matching_participants_person_country
    CHECK (user_id IS NULL OR country IS NOT NULL);
-- A mentee (side B) takes one mentor.
ALTER TABLE matching_participants ADD CONSTRAINT matching_participants_mentee_capacity
    CHECK (user_id IS NULL OR side = 'a' OR capacity = 1);
