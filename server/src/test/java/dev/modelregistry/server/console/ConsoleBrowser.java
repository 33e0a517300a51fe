package dev.modelregistry.server.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as far as the console can tell: it keeps the session cookie it was given, sends it back, and does not
 * follow redirects, so that a test sees each 303 the console answers.
 */
final class ConsoleBrowser {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("^" + SessionCookie.NAME + "=([^;]*)");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final URI base;
    private String session;

    ConsoleBrowser(URI base) {
        this.base = base;
    }

    /** One answer: status, body and headers. */
    record Page(int status, String body, HttpHeaders headers) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        List<String> cookies() {
            return headers.allValues("Set-Cookie");
        }

        /** The CSRF token of the page's forms. */
        String csrf() {
            Matcher matcher = CSRF.matcher(body);
            if (!matcher.find()) {
                throw new AssertionError("no CSRF field on the page: " + body);
            }
            return matcher.group(1);
        }
    }

    String session() {
        return session;
    }

    void useSession(String value) {
        session = value;
    }

    Page get(String path) {
        return get(path, Map.of());
    }

    Page get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    Page post(String path, Map<String, String> form) {
        return post(path, form, Map.of());
    }

    Page post(String path, Map<String, String> form, Map<String, String> headers) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** Signs in with {@code token} and keeps the session cookie the console set, if it set one. */
    Page signIn(String token) {
        return post(ConsoleApp.SIGN_IN, Map.of("token", token));
    }

    /** The CSRF token of this browser's session, as the pages carry it. */
    String csrf() {
        return get(ConsoleApp.HOME).csrf();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (session != null) {
            request.header("Cookie", SessionCookie.NAME + "=" + session);
        }
        return request;
    }

    private Page send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            for (String cookie : response.headers().allValues("Set-Cookie")) {
                Matcher matcher = SESSION.matcher(cookie);
                if (matcher.find()) {
                    session = matcher.group(1).isEmpty() ? null : matcher.group(1);
                }
            }
            return new Page(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
