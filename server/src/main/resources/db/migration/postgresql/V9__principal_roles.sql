-- Roles an admin grants a principal beyond team membership and the approver ACL; today only
-- 'lineage-writer', which the lineage ingest routes require of non-admins. The role is a plain text key
-- (validated by the server) so that a later role needs no table rebuild.
CREATE TABLE principal_roles (
    principal_id  bigint      NOT NULL REFERENCES principals (id),
    role          text        NOT NULL,
    granted_at    timestamptz NOT NULL,
    PRIMARY KEY (principal_id, role)
);
COMMENT ON COLUMN principal_roles.principal_id IS 'row id of the principal (principals.id)';
