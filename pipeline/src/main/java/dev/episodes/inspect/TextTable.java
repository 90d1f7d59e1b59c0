package dev.episodes.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of text for a terminal: columns as wide as their widest cell, numbers aligned right. When a
 * line would pass the width, the columns declared shrinking give up characters (their cells end in
 * "..."), the one widest for its weight first, down to their minimum; whatever still does not fit is
 * cut at the end of the line. Cells must already be terminal-safe.
 */
final class TextTable {
    private static final String GAP = "  ";

    private record Column(String header, boolean right, int min, int weight) {}

    private final String indent;
    private final List<Column> columns = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String indent) {
        this.indent = indent;
    }

    TextTable left(String header) {
        columns.add(new Column(header, false, 0, 0));
        return this;
    }

    TextTable right(String header) {
        columns.add(new Column(header, true, 0, 0));
        return this;
    }

    /** A left-aligned column that narrows to {@code min} characters when lines are too wide. */
    TextTable shrinking(String header, int min, int weight) {
        columns.add(new Column(header, false, min, weight));
        return this;
    }

    TextTable row(List<String> cells) {
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + columns.size() + " columns");
        }
        rows.add(cells.toArray(String[]::new));
        return this;
    }

    /** How wide the widest line is when nothing is cut. */
    int naturalWidth() {
        return total(widths());
    }

    /** The header line, then one line per row, none wider than {@code width}. */
    List<String> lines(int width) {
        int[] w = widths();
        shrink(w, width);
        List<String> out = new ArrayList<>();
        out.add(line(columns.stream().map(Column::header).toArray(String[]::new), w, width));
        for (String[] r : rows) {
            out.add(line(r, w, width));
        }
        return out;
    }

    private void shrink(int[] w, int width) {
        int excess = total(w) - width;
        while (excess > 0) {
            int pick = -1;
            for (int c = 0; c < w.length; c++) {
                Column col = columns.get(c);
                if (col.weight() > 0 && w[c] > Math.max(col.min(), col.header().length())
                        && (pick < 0 || w[c] * columns.get(pick).weight() > w[pick] * col.weight())) {
                    pick = c;
                }
            }
            if (pick < 0) {
                return; // at their minimums: the end of the line is cut
            }
            w[pick]--;
            excess--;
        }
    }

    private String line(String[] cells, int[] w, int width) {
        StringBuilder sb = new StringBuilder(indent);
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                sb.append(GAP);
            }
            boolean last = c == cells.length - 1;
            if (last && !columns.get(c).right()) {
                sb.append(TerminalText.fit(cells[c], w[c])); // no padding after the last column
            } else {
                sb.append(columns.get(c).right() ? TerminalText.right(cells[c], w[c])
                        : TerminalText.left(cells[c], w[c]));
            }
        }
        return TerminalText.fit(sb.toString().stripTrailing(), width);
    }

    private int[] widths() {
        int[] w = new int[columns.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = length(columns.get(c).header());
            for (String[] r : rows) {
                w[c] = Math.max(w[c], length(r[c]));
            }
        }
        return w;
    }

    private int total(int[] w) {
        int total = indent.length() + GAP.length() * (w.length - 1);
        for (int x : w) {
            total += x;
        }
        return total;
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
