-- Call attachments give their bytes back (issue 16): deleting an attachment, directly or
-- with its call, releases what it was charged to (`storage_charges`, migration 0091), as
-- resource attachments do (migration 0025).
CREATE TRIGGER storage_release_call_attachment AFTER DELETE ON call_attachments
BEGIN
    UPDATE storage_usage
       SET bytes = MAX(0, bytes - (SELECT c.bytes FROM storage_charges c
                                   WHERE c.object_id = OLD.id AND c.scope = storage_usage.scope))
     WHERE scope IN (SELECT scope FROM storage_charges WHERE object_id = OLD.id);
    DELETE FROM storage_charges WHERE object_id = OLD.id;
END;
