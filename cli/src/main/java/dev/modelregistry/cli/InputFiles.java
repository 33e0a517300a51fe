package dev.modelregistry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads what a verb's options point at (JSON given inline or as {@code @file}, PEM files); bad input is a usage error. */
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
            throw new ParameterException(verb, option + ": cannot read " + file + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }
}
