package dev.episodes.reduction;

/** Named thresholds of action reduction, with their units (values from OpenCUA / OpenAdapt practice). */
public final class Thresholds {
    /** A release at least this far from its press is a drag; closer is a click. */
    public static final int DRAG_MIN_DISTANCE_PX = 10;
    /** A press within this time of the previous click's press may make it a double (triple) click. */
    public static final long MULTI_CLICK_INTERVAL_US = 500_000L;
    /** ...and within this distance of it. */
    public static final int MULTI_CLICK_MAX_DISTANCE_PX = 5;
    /** Wheel events at most this far apart, with no other step between, are one scroll. */
    public static final long SCROLL_MERGE_INTERVAL_US = 500_000L;
    private Thresholds() {}

    static boolean within(int x1, int y1, int x2, int y2, int maxPx) {
        long dx = (long) x1 - x2;
        long dy = (long) y1 - y2;
        return dx * dx + dy * dy <= (long) maxPx * maxPx;
    }

    static boolean isDrag(int x1, int y1, int x2, int y2) {
        long dx = (long) x1 - x2;
        long dy = (long) y1 - y2;
        return dx * dx + dy * dy >= (long) DRAG_MIN_DISTANCE_PX * DRAG_MIN_DISTANCE_PX;
    }
}
