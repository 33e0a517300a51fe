package dev.modelregistry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/** Prints answers either as pretty JSON ({@code --json}) or as aligned human tables and field lists. */
final class Output {
    static final String ABSENT = "-";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String GAP = "  ";

    private final PrintWriter out;
    private final boolean json;

    Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    void json(JsonNode node) {
        try {
            out.println(JSON.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON", e);
        }
        out.flush();
    }

    /** Text exactly as given, e.g. a signed note that must stay byte for byte what was signed. */
    void verbatim(String text) {
        out.print(text);
        out.flush();
    }

    void line(String text) {
        out.println(text);
        out.flush();
    }

    /** A confirmation of an action that has no response body: printed for humans, nothing under --json. */
    void done(String message) {
        if (!json) {
            line(message);
        }
    }

    /** One resource: its JSON, or its fields. */
    void resource(JsonNode resource) {
        if (json) {
            json(resource);
        } else {
            fields(resource);
        }
    }

    /** A whole list, every page followed: one {@code {"items", "next": null}} document, or a table. */
    void list(List<JsonNode> items, List<Column> columns) {
        if (json) {
            ObjectNode document = JSON.createObjectNode();
            document.putArray("items").addAll(items);
            document.putNull("next");
            json(document);
        } else {
            table(items, columns);
        }
    }

    /** A column of a table: its header and how to read the cell from one item. */
    record Column(String header, Function<JsonNode, String> cell) {
        static Column field(String header, String field) {
            return new Column(header, item -> text(item.get(field)));
        }

        static Column time(String header, String field) {
            return new Column(header, item -> shortTime(text(item.get(field))));
        }

        /** A field of an object field, e.g. the {@code state} of a model's {@code health}. */
        static Column nested(String header, String object, String field) {
            return new Column(header, item -> text(item.path(object).get(field)));
        }
    }

    /** Columns padded to their widest cell; the last column is not padded, so lines carry no trailing blanks. */
    void table(List<JsonNode> items, List<Column> columns) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(columns.stream().map(Column::header).toList());
        for (JsonNode item : items) {
            rows.add(columns.stream().map(c -> safe(c.cell().apply(item))).toList());
        }
        int[] widths = new int[columns.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                boolean last = i == row.size() - 1;
                line.append(last ? row.get(i) : pad(row.get(i), widths[i]) + GAP);
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    /** One resource as {@code key: value} lines, keys aligned; nested objects are printed as compact JSON. */
    void fields(JsonNode object) {
        int width = object.properties().stream().mapToInt(field -> field.getKey().length()).max().orElse(0);
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            out.println(pad(field.getKey() + ":", width + 1) + " " + safe(text(field.getValue())));
        }
        out.flush();
    }

    /** The text of a JSON value for a human: "-" for null or empty, arrays of scalars comma-joined, objects as JSON. */
    static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return ABSENT;
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.isArray() && value.isEmpty()) {
            return ABSENT;
        }
        if (value.isArray() && allScalars(value)) {
            StringJoiner joined = new StringJoiner(",");
            value.forEach(element -> joined.add(element.asText()));
            return joined.toString();
        }
        return value.toString();
    }

    /** RFC 3339 with microseconds is more than a table needs; seconds are enough to read. */
    static String shortTime(String time) {
        return time.replaceFirst("^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\.\\d+Z$", "$1Z");
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isValueNode() || element.isNull()) {
                return false;
            }
        }
        return true;
    }

    // Values come from the server; a control character in one must not drive the user's terminal.
    private static String safe(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
