package dev.modelregistry.server.console;

/** A refusal or failure shown as a page: the HTTP status, a heading and what went wrong. */
public record ErrorPage(Layout layout, int status, String heading, String detail) {
}
