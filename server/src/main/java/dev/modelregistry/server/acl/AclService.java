package dev.modelregistry.server.acl;

import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.audit.AuditEvent;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.auth.Principal;
import dev.modelregistry.server.auth.PrincipalService;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.util.List;

/** The approver ACL: the small set of humans who may promote. Adding or removing twice is a no-op. */
public final class AclService {
    private final Database database;
    private final ApproverStore approvers;
    private final PrincipalService principals;
    private final AuditLog audit;
    private final Clock clock;

    public AclService(Database database, ApproverStore approvers, PrincipalService principals, AuditLog audit, Clock clock) {
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
            Principal principal = principals.require(handle, principalName);
            if (approvers.add(handle, principal.rowId(), Times.truncate(clock.instant()))) {
                audit.append(handle, caller, AuditEvent.created(AuditLog.ADMIN_CHAIN, "acl.approver_added",
                        "acl:approvers/" + principalName, new AclChange(principalName)));
            }
            return null;
        });
    }

    public void remove(Caller caller, String principalName) {
        database.inTransaction(handle -> {
            Principal principal = principals.require(handle, principalName);
            if (approvers.remove(handle, principal.rowId())) {
                audit.append(handle, caller, AuditEvent.removed(AuditLog.ADMIN_CHAIN, "acl.approver_removed",
                        "acl:approvers/" + principalName, new AclChange(principalName)));
            }
            return null;
        });
    }

    /** Whether the principal is in the ACL, in the caller's transaction. */
    public boolean isApprover(Handle handle, long principalRowId) {
        return approvers.isApprover(handle, principalRowId);
    }
}
