package dev.modelregistry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads what a verb's options point at (JSON given inline or as {@code @file}, PEM files). A file that cannot be read
 * is a local file error (exit code 4); one that was read but holds the wrong thing is a usage error (2).
 */
final class InputFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommandLine verb;

    InputFiles(CommandLine verb) {
        this.verb = verb;
    }

    /** The JSON object given inline, or read from the file named after an '@'. */
    ObjectNode jsonObject(String option, String inlineOrFile) {
        String text = inlineOrFile.startsWith("@") ? text(option, Path.of(inlineOrFile.substring(1))) : inlineOrFile;
        JsonNode parsed;
        try {
            parsed = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ParameterException(verb, option + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (parsed == null || !parsed.isObject()) {
            throw new ParameterException(verb, option + " must be a JSON object");
        }
        return (ObjectNode) parsed;
    }

    String text(String option, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw unreadable(option, file, e);
        }
    }

    /** The failure to read {@code file}, given for {@code what} (an option or a parameter label): exit code 4. */
    static UncheckedIOException unreadable(String what, Path file, IOException cause) {
        String reason = cause instanceof NoSuchFileException ? "no such file"
                : cause.getClass() == IOException.class ? cause.getMessage()
                : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return new UncheckedIOException(what + ": cannot read " + file + " (" + reason + ")", cause);
    }

    /** The same, when no read was tried: {@code file} is missing, or not a readable regular file. */
    static UncheckedIOException unreadable(String what, Path file) {
        return Files.exists(file) ? unreadable(what, file, new IOException("not a readable regular file"))
                : unreadable(what, file, new NoSuchFileException(file.toString()));
    }
}
