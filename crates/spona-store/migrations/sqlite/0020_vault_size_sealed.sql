-- A vault file's size is sealed like its SHA-256 and media type (issue 14 item 6), so the
-- column holds text. Values in clear are sealed by the server at start (it holds the key);
-- until then they are the decimal size.
ALTER TABLE vault_items RENAME COLUMN size TO size_clear;
ALTER TABLE vault_items ADD COLUMN size TEXT;
UPDATE vault_items SET size = CAST(size_clear AS TEXT);
ALTER TABLE vault_items DROP COLUMN size_clear;
