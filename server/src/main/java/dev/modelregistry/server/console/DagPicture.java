package dev.modelregistry.server.console;

import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.server.lineage.GraphDirection;
import dev.modelregistry.server.lineage.LineageGraph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ensemble DAG around a version laid out for an SVG drawn on the server (no script): one column per distance
 * from the version, the version itself in the first, and an arrow from each consumer to what it consumes. The
 * template only prints these coordinates; every label is escaped there.
 */
public record DagPicture(GraphDirection direction, int width, int height, List<Box> boxes, List<Arrow> arrows) {
    private static final int MARGIN = 16;
    private static final int BOX_HEIGHT = 40;
    private static final int ROW_GAP = 14;
    private static final int COLUMN_GAP = 56;
    /** Roughly the advance of one character of the 12 px monospace labels. */
    private static final double CHAR_WIDTH = 7.4;

    /** A version's box: where it is, what it links to, and whether it is the version the page is about. */
    public record Box(int x, int y, int width, int height, ModelId modelId, String status, boolean root) {
        public String href() {
            return Show.versionHref(modelId);
        }

        public int textX() {
            return x + 8;
        }
    }

    /** A line from a consumer's box to a box it consumes, with an arrowhead at the consumed end. */
    public record Arrow(int x1, int y1, int x2, int y2, String head) {
    }

    public boolean alone() {
        return boxes.size() == 1;
    }

    public static DagPicture of(LineageGraph graph) {
        int boxWidth = 16 + (int) Math.ceil(CHAR_WIDTH * graph.nodes().stream()
                .mapToInt(n -> n.modelId().toString().length()).max().orElse(20));
        Map<Integer, Integer> rowsPerColumn = new HashMap<>();
        Map<ModelId, Box> boxes = new java.util.LinkedHashMap<>();
        for (LineageGraph.Node node : graph.nodes()) {
            int row = rowsPerColumn.merge(node.depth(), 1, Integer::sum) - 1;
            int x = MARGIN + node.depth() * (boxWidth + COLUMN_GAP);
            int y = MARGIN + row * (BOX_HEIGHT + ROW_GAP);
            boxes.put(node.modelId(), new Box(x, y, boxWidth, BOX_HEIGHT, node.modelId(), node.status().wire(),
                    node.depth() == 0));
        }
        List<Arrow> arrows = new ArrayList<>();
        for (LineageGraph.Edge edge : graph.edges()) {
            Box from = boxes.get(edge.from());
            Box to = boxes.get(edge.to());
            if (from != null && to != null) {
                arrows.add(arrow(from, to));
            }
        }
        int columns = rowsPerColumn.size();
        int rows = rowsPerColumn.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        return new DagPicture(graph.direction(), 2 * MARGIN + columns * boxWidth + (columns - 1) * COLUMN_GAP,
                2 * MARGIN + rows * BOX_HEIGHT + (rows - 1) * ROW_GAP, List.copyOf(boxes.values()), arrows);
    }

    /** Side to side between columns; within one column (a consumer and a child at the same distance), bottom to top. */
    private static Arrow arrow(Box from, Box to) {
        if (from.x() == to.x()) {
            boolean down = to.y() > from.y();
            int x = from.x() + from.width() / 2;
            int y1 = down ? from.y() + from.height() : from.y();
            int y2 = down ? to.y() : to.y() + to.height();
            int back = down ? -8 : 8;
            return new Arrow(x, y1, x, y2, points(x, y2, x - 5, y2 + back, x + 5, y2 + back));
        }
        boolean right = to.x() > from.x();
        int x1 = right ? from.x() + from.width() : from.x();
        int x2 = right ? to.x() : to.x() + to.width();
        int y1 = from.y() + from.height() / 2;
        int y2 = to.y() + to.height() / 2;
        int back = right ? -8 : 8;
        return new Arrow(x1, y1, x2, y2, points(x2, y2, x2 + back, y2 - 5, x2 + back, y2 + 5));
    }

    private static String points(int... xy) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < xy.length; i += 2) {
            text.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%d,%d", xy[i], xy[i + 1]));
        }
        return text.toString();
    }
}
