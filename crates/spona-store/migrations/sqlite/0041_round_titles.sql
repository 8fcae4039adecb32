-- A matching round's title in other languages (the round's own title stays the fallback),
-- as organisations have a name per language in org_texts.
CREATE TABLE matching_round_texts (
    round_id TEXT NOT NULL REFERENCES matching_rounds (id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY (round_id, lang)
);
