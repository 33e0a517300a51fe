package dev.modelregistry.server.model;

/** A model with its health now: what GET /models/{name} answers. */
public record ModelView(Model model, ModelHealth health) {
}
