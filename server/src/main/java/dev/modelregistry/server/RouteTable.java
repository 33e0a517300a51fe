package dev.modelregistry.server;

import dev.modelregistry.server.console.ConsoleRoute;
import dev.modelregistry.server.http.Route;

import java.util.List;

import static dev.modelregistry.server.access.Role.ADMIN;
import static dev.modelregistry.server.access.Role.AUTHENTICATED;
import static dev.modelregistry.server.access.Role.LINEAGE_WRITER;
import static dev.modelregistry.server.access.Role.PUBLIC;
import static dev.modelregistry.server.console.ConsoleRoute.form;
import static dev.modelregistry.server.console.ConsoleRoute.page;
import static dev.modelregistry.server.http.Route.delete;
import static dev.modelregistry.server.http.Route.get;
import static dev.modelregistry.server.http.Route.patch;
import static dev.modelregistry.server.http.Route.post;
import static dev.modelregistry.server.http.Route.put;
import static dev.modelregistry.server.http.Route.streamingPost;
import static dev.modelregistry.server.model.SearchParams.MODEL_FILTERS;
import static dev.modelregistry.server.model.SearchParams.VERSION_FILTERS;

/**
 * Every route of the API in one list: method, path, the handler (a method of a feature's HTTP adapter), the role
 * its caller needs and the query parameters it accepts, which {@link dev.modelregistry.server.http.HttpApi} checks
 * once before the handler runs. Finer
 * rules (team membership, the approver ACL, four eyes) are the services'. The OpenAPI document lists exactly these.
 * The web console's routes, under {@code /ui}, are listed here too ({@link #console}); they answer HTML to a browser
 * session, are served by {@link dev.modelregistry.server.console.ConsoleApp}, and are not part of the JSON contract.
 */
public final class RouteTable {
    /** Javalin's {@code <path>} spans slashes: an artifact path may have several segments. */
    static final String ARTIFACT = "/models/{name}/versions/{model_id}/artifacts/<path>";

    private RouteTable() {
    }

    public static List<Route> routes(RegistryContext.Adapters http) {
        var ops = http.ops();
        var principals = http.principals();
        var teams = http.teams();
        var evaluators = http.evaluators();
        var models = http.models();
        var artifacts = http.artifacts();
        var deployments = http.deployments();
        var lineage = http.lineage();
        return List.of(
                get("/healthz", ops::health, PUBLIC),
                get("/readyz", ops::ready, PUBLIC),
                get("/metrics", ops::metrics, AUTHENTICATED),
                get("/openapi.json", ops::openApi, PUBLIC),

                post("/principals", principals::create, ADMIN),
                get("/principals", principals::list, ADMIN).paged(),
                get("/principals/{name}", principals::get, ADMIN),
                post("/principals/{name}/tokens", principals::issueToken, ADMIN),
                get("/principals/{name}/tokens", principals::listTokens, ADMIN),
                put("/principals/{name}/roles/{role}", principals::grantRole, ADMIN),
                delete("/principals/{name}/roles/{role}", principals::revokeRole, ADMIN),
                delete("/tokens/{id}", principals::revokeToken, ADMIN),

                post("/teams", teams::create, ADMIN),
                get("/teams", teams::list, AUTHENTICATED).paged(),
                get("/teams/{team}", teams::get, AUTHENTICATED),
                put("/teams/{team}/members/{principal}", teams::addMember, ADMIN),
                delete("/teams/{team}/members/{principal}", teams::removeMember, ADMIN),

                get("/acl/approvers", http.acl()::list, ADMIN),
                put("/acl/approvers/{principal}", http.acl()::add, ADMIN),
                delete("/acl/approvers/{principal}", http.acl()::remove, ADMIN),

                post("/evaluators", evaluators::create, ADMIN),
                get("/evaluators", evaluators::list, ADMIN).paged(),
                get("/evaluators/{name}", evaluators::get, ADMIN),
                post("/evaluators/{name}/keys", evaluators::addKey, ADMIN),
                delete("/evaluators/{name}/keys/{keyid}", evaluators::revokeKey, ADMIN),

                post("/evaluations", http.evaluations()::submit, AUTHENTICATED),
                get("/models/{name}/versions/{model_id}/evaluations", http.evaluations()::list, AUTHENTICATED),

                post("/models", models::create, AUTHENTICATED),
                get("/models", models::list, AUTHENTICATED).paged().query(MODEL_FILTERS),
                get("/models/{name}", models::get, AUTHENTICATED),
                post("/models/{name}/versions", models::register, AUTHENTICATED),
                get("/models/{name}/versions", models::listVersions, AUTHENTICATED).paged().query(VERSION_FILTERS),
                get("/versions", models::searchVersions, AUTHENTICATED).paged().query("model").query(VERSION_FILTERS),
                get("/models/{name}/versions/{model_id}", models::getVersion, AUTHENTICATED),

                get("/orphans", http.ownership()::orphans, AUTHENTICATED).paged(),
                post("/models/{name}:reassign", http.ownership()::reassign, ADMIN),
                patch("/models/{name}", http.ownership()::setPolicy, ADMIN),

                put(ARTIFACT, artifacts::upload, AUTHENTICATED),
                get(ARTIFACT, artifacts::download, AUTHENTICATED),
                get("/models/{name}/versions/{model_id}/artifacts", artifacts::list, AUTHENTICATED),
                post("/models/{name}/versions/{model_id}:seal", artifacts::seal, AUTHENTICATED),

                get("/keys", http.keys()::list, PUBLIC),
                post("/keys:rotate", http.keys()::rotate, ADMIN),

                get("/models/{name}/deployment", deployments::deployment, AUTHENTICATED)
                        .query("wait", "after_revision", "at"),
                get("/models/{name}/deployment/history", deployments::history, AUTHENTICATED).paged(),
                get("/deployments", deployments::everyModel, AUTHENTICATED).paged().query("at"),
                get("/models/{name}/versions/{model_id}/promotion-readiness", deployments::promotionReadiness,
                        AUTHENTICATED).query("approver"),
                post("/models/{name}/versions/{model_id}:promote", deployments::promote, AUTHENTICATED),
                post("/models/{name}/deployment:rollback", deployments::rollback, AUTHENTICATED),

                streamingPost("/lineage/signals", http.ingest()::signals, LINEAGE_WRITER),
                streamingPost("/lineage/fills", http.ingest()::fills, LINEAGE_WRITER),
                get("/lineage/fills/{fill_id}", lineage::fill, AUTHENTICATED),
                get("/lineage/signals/{signal_id}", lineage::signal, AUTHENTICATED),
                get("/models/{name}/versions/{model_id}/graph", lineage::graph, AUTHENTICATED)
                        .query("direction", "depth"),

                get("/audit", http.audit()::list, AUTHENTICATED).query("subject").paged(),
                get("/audit/verify", http.audit()::verify, ADMIN),
                get("/audit/checkpoint", http.audit()::checkpoint, AUTHENTICATED),
                get("/audit/keys", http.audit()::keys, AUTHENTICATED),
                get("/audit/leaves", http.audit()::leaves, AUTHENTICATED).query("from", "limit"),
                get("/audit/proofs/inclusion", http.audit()::inclusion, AUTHENTICATED).query("seq", "size"),
                get("/audit/proofs/consistency", http.audit()::consistency, AUTHENTICATED).query("from", "to"),

                post("/webhooks", http.webhooks()::create, AUTHENTICATED),
                get("/webhooks", http.webhooks()::list, AUTHENTICATED).paged(),
                get("/webhooks/{id}", http.webhooks()::get, AUTHENTICATED),
                delete("/webhooks/{id}", http.webhooks()::delete, AUTHENTICATED),
                post("/webhooks/{id}:rotate-secret", http.webhooks()::rotateSecret, AUTHENTICATED),
                post("/webhooks/{id}:enable", http.webhooks()::enable, AUTHENTICATED),
                get("/webhooks/{id}/deliveries", http.webhooks()::deliveries, AUTHENTICATED).paged(),
                post("/webhooks/{id}/deliveries/{delivery_id}:redeliver", http.webhooks()::redeliver, AUTHENTICATED));
    }

    /** Every route of the web console. PUBLIC ones need no session; the others redirect to sign-in without one. */
    public static List<ConsoleRoute> console(RegistryContext.ConsoleAdapters ui) {
        var signIn = ui.signIn();
        return List.of(
                page("/ui/assets/{file}", ui.assets()::serve, PUBLIC),
                page("/ui/sign-in", signIn::form, PUBLIC),
                form("/ui/sign-in", signIn::submit, PUBLIC),
                form("/ui/sign-out", signIn::signOut, AUTHENTICATED),
                page("/ui", ui.navigation()::home, AUTHENTICATED),
                page("/ui/models", ui.models()::show, AUTHENTICATED),
                page("/ui/models/{name}", ui.model()::show, AUTHENTICATED),
                page("/ui/models/{name}/versions/{model_id}", ui.version()::show, AUTHENTICATED),
                page("/ui" + ARTIFACT, ui.artifacts()::download, AUTHENTICATED),
                page("/ui/models/{name}/versions/{model_id}/promote", ui.deployments()::confirmPromotion, AUTHENTICATED),
                form("/ui/models/{name}/versions/{model_id}/promote", ui.deployments()::promote, AUTHENTICATED),
                page("/ui/models/{name}/rollback", ui.deployments()::confirmRollback, AUTHENTICATED),
                page("/ui/models/{name}/deployment", ui.liveDeployment()::section, AUTHENTICATED),
                page("/ui/trace", ui.trace()::show, AUTHENTICATED),
                page("/ui/orphans", ui.orphans()::show, AUTHENTICATED),
                page("/ui/models/{name}/reassign", ui.orphans()::confirm, ADMIN),
                form("/ui/models/{name}/reassign", ui.orphans()::reassign, ADMIN),
                page("/ui/audit", ui.audit()::show, AUTHENTICATED),
                page("/ui/audit/verify", ui.audit()::verify, ADMIN),
                form("/ui/models/{name}/rollback", ui.deployments()::rollback, AUTHENTICATED),
                // Last: any other address under /ui is a 404 page (after sign-in), not the API's problem document.
                page("/ui/<path>", ui.navigation()::notFound, AUTHENTICATED),
                form("/ui/<path>", ui.navigation()::notFound, AUTHENTICATED));
    }
}
