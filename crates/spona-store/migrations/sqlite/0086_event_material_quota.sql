-- Event materials give their bytes back when their event is deleted with them (issue 16):
-- `events::delete_material_in` releases a single material itself (and removes its charges
-- first, so this trigger then finds none); a material deleted any other way, or cascaded
-- with its event, is released here, as resource (0025) and call (0092) attachments are.
CREATE TRIGGER storage_release_event_material AFTER DELETE ON event_materials
BEGIN
    UPDATE storage_usage
       SET bytes = MAX(0, bytes - (SELECT c.bytes FROM storage_charges c
                                   WHERE c.object_id = OLD.id AND c.scope = storage_usage.scope))
     WHERE scope IN (SELECT scope FROM storage_charges WHERE object_id = OLD.id);
    DELETE FROM storage_charges WHERE object_id = OLD.id;
END;
