-- A counter bumped by every change to organisations and networks, so that servers holding
-- an in-memory snapshot of the directory know when to reload it.
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('directory_version', 0);
