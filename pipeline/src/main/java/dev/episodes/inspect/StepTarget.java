package dev.episodes.inspect;

/**
 * What a step acted on, in a few words: where a pointer went and which element it hit, what was typed
 * and where, which keys were pressed. Raw values: callers make them terminal-safe.
 */
final class StepTarget {
    private StepTarget() {}

    static String of(StepRow s) {
        return switch (s.action()) {
            case "click", "double_click", "triple_click", "right_click", "middle_click" ->
                    join(point(s.x(), s.y()), element(s));
            case "drag" -> join(point(s.x(), s.y()) + " -> " + point(s.toX(), s.toY()), element(s));
            case "scroll" -> join("dx " + number(s.scrollDx()) + " dy " + number(s.scrollDy()),
                    s.x() == null ? "" : "at " + point(s.x(), s.y()));
            case "type" -> join(quoted(s.text()), element(s).isEmpty() ? "" : "into " + element(s));
            case "key", "hotkey" -> s.keys() == null ? "" : s.keys();
            default -> join(s.keys() == null ? "" : s.keys(), s.text() == null ? "" : quoted(s.text()),
                    s.x() == null ? "" : point(s.x(), s.y()), element(s));
        };
    }

    /** Where a step happened: {@code app / window title}, or the URL when there is no title. */
    static String place(StepRow s) {
        String where = s.windowTitle() != null ? s.windowTitle() : s.url();
        if (s.app() == null) {
            return where == null ? "-" : where;
        }
        return where == null ? s.app() : s.app() + " / " + where;
    }

    private static String element(StepRow s) {
        return join(s.elementRole() == null ? "" : s.elementRole(), s.elementName() == null ? "" : quoted(s.elementName()));
    }

    private static String point(Integer x, Integer y) {
        return "(" + number(x) + "," + number(y) + ")";
    }

    private static String number(Integer n) {
        return n == null ? "?" : n.toString();
    }

    private static String quoted(String text) {
        return text == null ? "\"\"" : "\"" + text + "\"";
    }

    private static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (!p.isEmpty()) {
                sb.append(sb.length() > 0 ? " " : "").append(p);
            }
        }
        return sb.toString();
    }
}
