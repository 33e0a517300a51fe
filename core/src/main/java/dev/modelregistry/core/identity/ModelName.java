package dev.modelregistry.core.identity;

/** A model's name: a slug {@code ^[a-z0-9][a-z0-9._-]{0,62}$}. */
public record ModelName(String value) {
    public ModelName {
        Slug.require("name", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
