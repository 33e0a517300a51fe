package dev.modelregistry.core.identity;

import dev.modelregistry.core.error.RegistryException;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A version's public id, {@code {name}@{YYYY.MM.DD}-r{N}}: UTC registration day and a per-model daily counter. */
public record ModelId(ModelName model, LocalDate day, int revision) implements VersionRef {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu.MM.dd");
    private static final Pattern SHAPE = Pattern.compile("^(.+)@(\\d{4}\\.\\d{2}\\.\\d{2})-r([1-9][0-9]{0,8})$");

    public ModelId {
        if (revision < 1) {
            throw new IllegalArgumentException("revision is 1-based");
        }
    }

    public static ModelId parse(String text) {
        Matcher m = text == null ? null : SHAPE.matcher(text);
        if (m == null || !m.matches()) {
            throw RegistryException.invalid("model_id", "must look like {name}@{YYYY.MM.DD}-r{N}");
        }
        try {
            return new ModelId(new ModelName(m.group(1)), LocalDate.parse(m.group(2), DAY), Integer.parseInt(m.group(3)));
        } catch (DateTimeParseException e) {
            throw RegistryException.invalid("model_id", "has an impossible date");
        }
    }

    @Override
    public String toString() {
        return model.value() + "@" + DAY.format(day) + "-r" + revision;
    }
}
