-- Event materials give their bytes back when their event is deleted with them (issue 16):
-- `events::delete_material_in` releases a single material itself (and removes its charges
-- first, so this trigger then finds none); a material deleted any other way, or cascaded
-- with its event, is released here, as resource (0025) and call (0092) attachments are
-- (0025's plpgsql function, shared).
CREATE TRIGGER storage_release_event_material AFTER DELETE ON event_materials
    FOR EACH ROW EXECUTE FUNCTION storage_release_attachment();
