-- Monitoring recommendations (issue 21, lane monrec): what the list's free-text search and a
-- re-import need. `search_text` holds the tagged terms of every text (the directory's and
-- the services catalogue's analysis: `#` followed by ` term term … `), `row_hash` the
-- SHA-256 of the recommendation as imported, so that a re-import tells unchanged rows from
-- changed ones without loading their texts, states and terms.
ALTER TABLE recommendations ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE recommendations ADD COLUMN row_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX recommendations_mechanism ON recommendations (mechanism, cycle);
CREATE INDEX recommendations_response ON recommendations (response);
CREATE INDEX recommendation_states_state ON recommendation_states (state);
