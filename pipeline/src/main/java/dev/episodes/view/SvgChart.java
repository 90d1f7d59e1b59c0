package dev.episodes.view;

import dev.episodes.writing.PartitionStats;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The overview's plots as inline SVG (nothing to load): labelled horizontal bars for counts by name,
 * columns per day (stacked when there are several series), and per-day ranges of a distribution (min to
 * max, p50 to p90 boxed, p99 ticked). Names come from the data and are escaped; a long one is cut on the
 * plot and whole in its tooltip.
 */
final class SvgChart {
    static final int WIDTH = 600;
    private static final int LABEL_W = 170;
    private static final int VALUE_W = 70;
    private static final int ROW = 20;
    private static final int MAX_LABEL = 28;
    private static final int MAX_COLUMN = 48;

    private SvgChart() {}

    /** Horizontal bars, in the map's order. */
    static String bars(String id, String title, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return empty(id, title);
        }
        long max = Math.max(1, counts.values().stream().mapToLong(Long::longValue).max().orElse(1));
        int h = counts.size() * ROW + 4;
        double plot = WIDTH - LABEL_W - VALUE_W;
        StringBuilder s = open(id, title, h);
        int row = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            double y = row * ROW + 2;
            double w = Math.max(e.getValue() > 0 ? 1 : 0, plot * e.getValue() / max);
            s.append("<g class=\"bar\"><title>").append(Html.escape(e.getKey())).append(": ")
                    .append(count(e.getValue())).append("</title><text class=\"label\" x=\"").append(LABEL_W - 6)
                    .append("\" y=\"").append(n(y + 14)).append("\" text-anchor=\"end\">")
                    .append(Html.escape(cut(e.getKey()))).append("</text><rect x=\"").append(LABEL_W)
                    .append("\" y=\"").append(n(y + 2)).append("\" width=\"").append(n(w)).append("\" height=\"")
                    .append(ROW - 4).append("\"/><text class=\"value\" x=\"").append(n(LABEL_W + w + 4))
                    .append("\" y=\"").append(n(y + 14)).append("\">").append(count(e.getValue()))
                    .append("</text></g>");
            row++;
        }
        return close(s);
    }

    /** Columns per day; {@code series[k][i]} is series k on day i, stacked in order. */
    static String columns(String id, String title, List<String> days, List<String> names, long[][] series) {
        if (days.isEmpty()) {
            return empty(id, title);
        }
        long max = 1;
        for (int i = 0; i < days.size(); i++) {
            long sum = 0;
            for (long[] v : series) {
                sum += v[i];
            }
            max = Math.max(max, sum);
        }
        int h = 190;
        int left = 60;
        int top = names.size() > 1 ? 22 : 8;
        int bottom = 30;
        double plotH = h - top - bottom;
        double plotW = WIDTH - left - 10;
        double step = plotW / days.size();
        int every = (int) Math.ceil(days.size() / 8.0); // at most 8 date labels
        StringBuilder s = open(id, title, h);
        if (names.size() > 1) {
            for (int k = 0; k < names.size(); k++) {
                s.append("<rect class=\"s").append(k).append("\" x=\"").append(left + k * 150).append("\" y=\"4\" "
                        + "width=\"10\" height=\"10\"/><text class=\"legend\" x=\"").append(left + k * 150 + 14)
                        .append("\" y=\"13\">").append(Html.escape(names.get(k))).append("</text>");
            }
        }
        s.append("<line class=\"axis\" x1=\"").append(left).append("\" y1=\"").append(n(top + plotH))
                .append("\" x2=\"").append(WIDTH - 10).append("\" y2=\"").append(n(top + plotH)).append("\"/>")
                .append("<text class=\"tick-label\" x=\"").append(left - 4).append("\" y=\"").append(top + 8)
                .append("\" text-anchor=\"end\">").append(count(max)).append("</text><text class=\"tick-label\" x=\"")
                .append(left - 4).append("\" y=\"").append(n(top + plotH)).append("\" text-anchor=\"end\">0</text>");
        for (int i = 0; i < days.size(); i++) {
            double w = Math.min(MAX_COLUMN, Math.max(1, step - 2 * Math.min(2, step * 0.1)));
            double x = left + i * step + (step - w) / 2;
            double base = top + plotH;
            StringBuilder tip = new StringBuilder(Html.escape(days.get(i)));
            s.append("<g class=\"column\" data-day=\"").append(Html.escape(days.get(i))).append("\">");
            for (int k = 0; k < series.length; k++) {
                double bh = plotH * series[k][i] / max;
                base -= bh;
                tip.append(", ").append(Html.escape(names.get(k))).append(' ').append(count(series[k][i]));
                if (bh > 0) {
                    s.append("<rect class=\"s").append(k).append("\" x=\"").append(n(x)).append("\" y=\"")
                            .append(n(base)).append("\" width=\"").append(n(w)).append("\" height=\"").append(n(bh))
                            .append("\"/>");
                }
            }
            s.append("<title>").append(tip).append("</title></g>");
            if (i % every == 0) {
                s.append("<text class=\"tick-label\" x=\"").append(n(left + i * step + step / 2)).append("\" y=\"")
                        .append(n(top + plotH + 16)).append("\" text-anchor=\"middle\">")
                        .append(Html.escape(days.get(i))).append("</text>");
            }
        }
        return close(s);
    }

    /** One row per day: the distribution's min to max, its p50 to p90 boxed, p99 ticked. */
    static String ranges(String id, String title, List<String> days, List<PartitionStats.Distribution> d,
            String unit) {
        if (days.isEmpty() || d.stream().allMatch(x -> x == null)) {
            return empty(id, title);
        }
        double max = d.stream().filter(x -> x != null).mapToDouble(PartitionStats.Distribution::max).max().orElse(1);
        max = max > 0 ? max : 1;
        int label = 90;
        int value = 230;
        double plot = WIDTH - label - value;
        int h = days.size() * ROW + 4;
        StringBuilder s = open(id, title, h);
        for (int i = 0; i < days.size(); i++) {
            PartitionStats.Distribution x = d.get(i);
            double y = i * ROW + 2 + ROW / 2.0;
            s.append("<g class=\"range\"><text class=\"label\" x=\"").append(label - 6).append("\" y=\"")
                    .append(n(y + 4)).append("\" text-anchor=\"end\">").append(Html.escape(days.get(i))).append("</text>");
            if (x == null) {
                s.append("<text class=\"value\" x=\"").append(label).append("\" y=\"").append(n(y + 4))
                        .append("\">no statistics in its manifest</text></g>");
                continue;
            }
            double x0 = label + plot * x.min() / max;
            double x50 = label + plot * x.p50() / max;
            double x90 = label + plot * x.p90() / max;
            double x99 = label + plot * x.p99() / max;
            double x1 = label + plot * x.max() / max;
            s.append("<line class=\"whisker\" x1=\"").append(n(x0)).append("\" y1=\"").append(n(y)).append("\" x2=\"")
                    .append(n(x1)).append("\" y2=\"").append(n(y)).append("\"/><rect class=\"box\" x=\"").append(n(x50))
                    .append("\" y=\"").append(n(y - 6)).append("\" width=\"").append(n(Math.max(1, x90 - x50)))
                    .append("\" height=\"12\"/><line class=\"p99\" x1=\"").append(n(x99)).append("\" y1=\"")
                    .append(n(y - 6)).append("\" x2=\"").append(n(x99)).append("\" y2=\"").append(n(y + 6))
                    .append("\"/><text class=\"value\" x=\"").append(WIDTH - value + 6).append("\" y=\"")
                    .append(n(y + 4)).append("\">p50 ").append(num(x.p50())).append(" p90 ").append(num(x.p90()))
                    .append(" p99 ").append(num(x.p99())).append(" max ").append(num(x.max())).append(' ')
                    .append(Html.escape(unit)).append("</text></g>");
        }
        return close(s);
    }

    private static StringBuilder open(String id, String title, int h) {
        return new StringBuilder("<figure class=\"chart\" data-chart=\"").append(id).append("\"><figcaption>")
                .append(Html.escape(title)).append("</figcaption><svg viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(h).append("\" width=\"").append(WIDTH).append("\" height=\"").append(h).append("\">");
    }

    private static String close(StringBuilder s) {
        return s.append("</svg></figure>\n").toString();
    }

    private static String empty(String id, String title) {
        return "<figure class=\"chart empty\" data-chart=\"" + id + "\"><figcaption>" + Html.escape(title)
                + "</figcaption><p>none</p></figure>\n";
    }

    private static String cut(String label) {
        int cps = label.codePointCount(0, label.length());
        return cps <= MAX_LABEL ? label : label.substring(0, label.offsetByCodePoints(0, MAX_LABEL - 1)) + "\u2026";
    }

    static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? count((long) v) : String.format(Locale.ROOT, "%,.1f", v);
    }

    private static String n(double v) {
        return StepMarks.n(v);
    }
}
