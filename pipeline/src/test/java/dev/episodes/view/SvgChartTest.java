package dev.episodes.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.episodes.writing.PartitionStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The plots' geometry: lengths in proportion to the values, stacks that add up, ranges in order. */
class SvgChartTest {
    private static List<Double> widths(String svg) {
        Matcher m = Pattern.compile("<rect x=\"170\" y=\"[\\d.]+\" width=\"([\\d.]+)\"").matcher(svg);
        List<Double> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(Double.parseDouble(m.group(1)));
        }
        return out;
    }

    @Test
    void barsAreInProportionAndInTheMapsOrder() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("click", 200L);
        counts.put("type", 100L);
        counts.put("scroll", 0L);
        String svg = SvgChart.bars("b", "Steps", counts);
        List<Double> w = widths(svg);
        assertEquals(3, w.size(), svg);
        assertEquals(w.get(0) / 2, w.get(1), 0.1);
        assertEquals(0.0, w.get(2));
        assertTrue(svg.indexOf(">click</text>") < svg.indexOf(">type</text>"));
        assertTrue(svg.contains(">200</text>"));
    }

    @Test
    void stackedColumnsAddUpToTheirDaysTotal() {
        String svg = SvgChart.columns("c", "Frames", List.of("2025-11-29", "2025-11-30"), List.of("stored", "failed"),
                new long[][] {{30, 10}, {10, 0}});
        Matcher m = Pattern.compile("<rect class=\"s(\\d)\" x=\"[\\d.]+\" y=\"[\\d.]+\" width=\"[\\d.]+\" "
                + "height=\"([\\d.]+)\"/>").matcher(svg.substring(svg.indexOf("<g class=\"column\"")));
        List<Double> heights = new java.util.ArrayList<>();
        while (m.find()) {
            heights.add(Double.parseDouble(m.group(2)));
        }
        assertEquals(3, heights.size(), "a zero draws nothing: " + svg);
        assertEquals(heights.get(0) / 3, heights.get(1), 0.1, "10 on 30");
        assertEquals(heights.get(0) / 3, heights.get(2), 0.1, "the second day's 10");
        assertTrue(svg.contains("<title>2025-11-29, stored 30, failed 10</title>"), svg);
    }

    @Test
    void aRangeRunsFromMinToMaxWithItsBoxFromP50ToP90() {
        String svg = SvgChart.ranges("r", "Steps", List.of("2025-11-29"),
                List.of(new PartitionStats.Distribution(0, 10, 20, 30, 40, 12)), "steps");
        // label 90 px, plot 600 - 90 - 230 = 280 px for 0..40
        assertTrue(svg.contains("<line class=\"whisker\" x1=\"90\" y1=\"12\" x2=\"370\""), svg);
        assertTrue(svg.contains("<rect class=\"box\" x=\"160\" y=\"6\" width=\"70\""), svg);
        assertTrue(svg.contains("<line class=\"p99\" x1=\"300\""), svg);
    }

    @Test
    void nothingToPlotSaysNone() {
        assertTrue(SvgChart.bars("e", "Dead letters", Map.of()).contains("<figure class=\"chart empty\""));
        assertTrue(SvgChart.columns("e", "Days", List.of(), List.of("x"), new long[][] {{}}).contains("<p>none</p>"));
    }
}
