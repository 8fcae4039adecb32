-- Call attachments give their bytes back (issue 16): deleting an attachment, directly or
-- with its call, releases what it was charged to (`storage_charges`, migration 0091), as
-- resource attachments do (migration 0025, whose function this trigger shares).
CREATE TRIGGER storage_release_call_attachment AFTER DELETE ON call_attachments
    FOR EACH ROW EXECUTE FUNCTION storage_release_attachment();
