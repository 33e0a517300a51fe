package dev.modelregistry.server.acl;

import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.auth.Caller;
import dev.modelregistry.server.auth.Principal;
import dev.modelregistry.server.auth.PrincipalStore;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.json.Json;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.util.List;

/** The approver ACL: the small set of humans who may promote. Adding or removing twice is a no-op. */
public final class AclService {
    private final Database database;
    private final ApproverStore approvers;
    private final PrincipalStore principals;
    private final AuditLog audit;
    private final Clock clock;

    public AclService(Database database, ApproverStore approvers, PrincipalStore principals, AuditLog audit, Clock clock) {
        this.database = database;
        this.approvers = approvers;
        this.principals = principals;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Approver> list() {
        return database.withHandle(approvers::list);
    }

    public void add(Caller caller, String principalName) {
        database.inTransaction(handle -> {
            Principal principal = require(handle, principalName);
            if (approvers.add(handle, principal.id(), Times.truncate(clock.instant()))) {
                audit.append(handle, caller, AuditLog.ADMIN_CHAIN, "acl.approver_added", "acl:approvers/" + principalName,
                        null, Json.object().put("approver", principalName));
            }
            return null;
        });
    }

    public void remove(Caller caller, String principalName) {
        database.inTransaction(handle -> {
            Principal principal = require(handle, principalName);
            if (approvers.remove(handle, principal.id())) {
                audit.append(handle, caller, AuditLog.ADMIN_CHAIN, "acl.approver_removed",
                        "acl:approvers/" + principalName, Json.object().put("approver", principalName), null);
            }
            return null;
        });
    }

    private Principal require(Handle handle, String name) {
        return principals.findByName(handle, name).orElseThrow(() -> RegistryException.notFound("principal " + name));
    }
}
