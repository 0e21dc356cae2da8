-- 003: people of one name told apart by their context (store/consolidate.py). name_key: the key a
-- person's name gives (entity_key without the homonym number), to find every stored person of
-- that name; homonym: 1 for the first person of a name, 2, 3 ... for later people of the same
-- name whose gender or roles ruled the earlier ones out (their entity_key ends in #2, #3 ...).
-- entity_roles: the role words each article gave a person (senator, quarterback, professor).
ALTER TABLE entities ADD COLUMN name_key TEXT;
ALTER TABLE entities ADD COLUMN homonym INTEGER NOT NULL DEFAULT 1;
UPDATE entities SET name_key = entity_key;
CREATE INDEX entities_name_key ON entities (name_key);
CREATE TABLE entity_roles (
    entity_id BIGINT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (entity_id, article_id, role)
);
CREATE INDEX entity_roles_article ON entity_roles (article_id);
