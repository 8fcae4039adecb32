-- Storage quotas (issue 14 item 10): the bytes of stored files counted per scope —
-- `case:<case id>` and `vault-org:<organisation id>` for the vault, `hub-org:<organisation
-- id>` for the resource hub's attachments. Each upload adds its bytes in the transaction
-- that records the item or attachment, and is refused when a scope would pass its limit.
CREATE TABLE storage_usage (
    scope TEXT PRIMARY KEY,
    bytes BIGINT NOT NULL DEFAULT 0 CHECK (bytes >= 0)
);

-- What each hub attachment was charged to, so that deleting it (directly or with its
-- resource) gives the bytes back to the same scopes. Vault items have no such rows: their
-- size is sealed metadata (a deletion of vault items must release through the store).
CREATE TABLE storage_charges (
    object_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    PRIMARY KEY (object_id, scope)
);

CREATE FUNCTION storage_release_attachment() RETURNS trigger AS $$
BEGIN
    UPDATE storage_usage u
       SET bytes = GREATEST(0, u.bytes - c.bytes)
      FROM storage_charges c
     WHERE c.object_id = OLD.id AND u.scope = c.scope;
    DELETE FROM storage_charges WHERE object_id = OLD.id;
    RETURN OLD;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER storage_release_attachment AFTER DELETE ON resource_attachments
    FOR EACH ROW EXECUTE FUNCTION storage_release_attachment();
