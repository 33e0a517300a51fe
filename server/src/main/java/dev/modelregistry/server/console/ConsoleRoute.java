package dev.modelregistry.server.console;

import dev.modelregistry.server.access.Role;
import io.javalin.http.HandlerType;

/**
 * One line of the web console's route table: method, path, handler and the role its visitor needs. A console route
 * answers HTML to a browser session, not JSON to a token, so it is not part of the API's OpenAPI contract.
 */
public record ConsoleRoute(HandlerType method, String path, ConsoleHandler handler, Role role) {
    public static ConsoleRoute page(String path, ConsoleHandler handler, Role role) {
        return new ConsoleRoute(HandlerType.GET, path, handler, role);
    }

    /** A form submission: checked for its CSRF token before the handler runs. */
    public static ConsoleRoute form(String path, ConsoleHandler handler, Role role) {
        return new ConsoleRoute(HandlerType.POST, path, handler, role);
    }

    /** Whether the route changes state (a form post). */
    public boolean mutating() {
        return method == HandlerType.POST;
    }
}
