-- 002: case-insensitive lookups of people by name or alias (search --speaker/--about, person
-- pages) use these instead of scanning every entity.
CREATE INDEX entities_lower_name ON entities (lower(name));
CREATE INDEX aliases_lower_alias ON aliases (lower(alias));
