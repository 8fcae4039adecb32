-- Issue 25 (lane lang25): stored search texts follow the analyser. Each table that keeps a
-- `search_text` computed by `spona_search::directory_terms` (organisations, services,
-- group_posts, recommendations) has one row here: `done_version` is the analysis version
-- (`spona_search::ANALYSIS_VERSION`) every stored text was computed with; while a
-- recomputation for `work_version` runs, `last_id` is the last row id rewritten (a keyset
-- cursor, committed with each batch), so that a start after a crash continues there.
-- A table without a row here has version 0: everything is recomputed once.
CREATE TABLE search_text_versions (
    table_name TEXT PRIMARY KEY,
    done_version BIGINT NOT NULL,
    work_version BIGINT NOT NULL,
    last_id TEXT NOT NULL
);
