package dev.episodes.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of text for a terminal: columns as wide as their widest cell, numbers aligned right, and
 * only the last column cut (ending in "...") when a line would pass the width. Cells must already be
 * terminal-safe.
 */
final class TextTable {
    private static final String GAP = "  ";

    private final String indent;
    private final List<String> headers = new ArrayList<>();
    private final List<Boolean> rightAligned = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String indent) {
        this.indent = indent;
    }

    TextTable left(String header) {
        headers.add(header);
        rightAligned.add(false);
        return this;
    }

    TextTable right(String header) {
        headers.add(header);
        rightAligned.add(true);
        return this;
    }

    TextTable row(List<String> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + headers.size() + " columns");
        }
        rows.add(cells.toArray(String[]::new));
        return this;
    }

    /** How wide the widest line is when nothing is cut. */
    int naturalWidth() {
        int[] w = widths();
        int total = indent.length() + GAP.length() * (w.length - 1);
        for (int x : w) {
            total += x;
        }
        return total;
    }

    /** The header line, then one line per row, none wider than {@code width}. */
    List<String> lines(int width) {
        int[] w = widths();
        List<String> out = new ArrayList<>();
        out.add(line(headers.toArray(String[]::new), w, width));
        for (String[] r : rows) {
            out.add(line(r, w, width));
        }
        return out;
    }

    private String line(String[] cells, int[] w, int width) {
        StringBuilder sb = new StringBuilder(indent);
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                sb.append(GAP);
            }
            boolean last = c == cells.length - 1;
            if (last && !rightAligned.get(c)) {
                sb.append(cells[c]); // no padding after the last column
            } else {
                sb.append(rightAligned.get(c) ? TerminalText.right(cells[c], w[c]) : TerminalText.left(cells[c], w[c]));
            }
        }
        return TerminalText.fit(sb.toString().stripTrailing(), width);
    }

    private int[] widths() {
        int[] w = new int[headers.size()];
        for (int c = 0; c < w.length; c++) {
            w[c] = length(headers.get(c));
            for (String[] r : rows) {
                w[c] = Math.max(w[c], length(r[c]));
            }
        }
        return w;
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }
}
