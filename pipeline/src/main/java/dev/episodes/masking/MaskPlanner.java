package dev.episodes.masking;

import dev.episodes.frames.FramePlan;
import dev.episodes.frames.MaskKinds;
import dev.episodes.frames.MaskRect;
import dev.episodes.frames.ShotRequest;
import dev.episodes.pairing.UiContext;
import dev.episodes.redaction.Redaction;
import dev.episodes.reduction.Action;
import dev.episodes.reduction.Step;
import dev.episodes.snapshot.FramesIO;
import dev.episodes.snapshot.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one device's frames must be masked, in screen pixels, from what the input stream knows. Per
 * window (app and URL without query or fragment: a title changes with an "edited" marker, the screen does
 * not), it remembers the bounds of
 * <ul>
 *   <li>secure or secret-taking fields ({@link MaskKinds#SECURE_FIELD}) and elements whose name was
 *       redacted ({@link MaskKinds#REDACTED_NAME}): masked on every frame of that window in the episode
 *       (also before the field was focused: it was on screen) and on later ones;</li>
 *   <li>fields into which redacted text was typed ({@link MaskKinds#TYPED_SECRET}): masked from the typing
 *       step's own frame on (the field may already hold pasted or autofilled text), on every later frame of
 *       that window;</li>
 *   <li>where a secret was typed into a secure field, every other text field the episode saw in that
 *       window, on all its frames: keys a secure visit claimed (the recorder reported the focus late) may have
 *       landed in the field before (a sign-in's email field); the whole screen when it saw none there.</li>
 * </ul>
 * What any window holds is masked on every frame of the device, not only on that window's: a screenshot
 * shows the whole screen (tiled windows, a route change of a single-page app). A field a secret went into
 * is also known by app, role and name, and masked wherever it is reported next (scrolled, moved). One
 * screenshot used by several steps of an episode gets every mask any of them needs. Coordinates below
 * zero (a virtual desktop whose origin the image does not say) mask the whole screen.
 * A frame whose context had its app name, window title or URL redacted is masked whole
 * ({@link MaskKinds#REDACTED_CONTEXT}): title and address bars show them, and the recorder gives no
 * bounds for those. An element whose bounds are unknown (or negative) masks the whole screen on the frames
 * of its window in that episode; that is not remembered. The memory is bounded: {@value #WINDOWS}
 * windows, {@value #RECTS} rectangles each (more collapse into one whole-screen mask), forgotten a day
 * after the window was last in front. It is per-device state and outlives episodes: a secret typed
 * before a session gap is still on screen after it.
 */
public final class MaskPlanner {
    static final int WINDOWS = 32;
    static final int RECTS = 32;
    static final long RETAIN_US = 24L * 3600 * 1_000_000;
    /** Whole screen when the screen size is unknown: the frames stage clips to the image. */

    static final int FIELDS = 64;
    /** Fields a secret went into (by app, role and name), newest last: masked wherever they are reported. */
    private final java.util.LinkedHashSet<String> secretFields = new java.util.LinkedHashSet<>();
    /** Window key -> what is masked there. Access order: the eldest is the window in front longest ago. */
    private final LinkedHashMap<String, Window> windows = new LinkedHashMap<>(16, 0.75f, true);

    private static final class Window {
        final List<MaskRect> rects = new ArrayList<>(2);
        long lastSeenUs;

        void add(MaskRect r) {
            if (rects.contains(r)) {
                return;
            }
            if (rects.size() >= RECTS) {
                MaskRect whole = MaskRect.whole(r.kind());
                rects.clear();
                rects.add(whole);
                return;
            }
            if (rects.size() == 1 && covers(rects.get(0), r)) {
                return;
            }
            rects.add(r);
        }
    }

    /** The plan of an episode's steps (in order); the memory learns from them. */
    public FramePlan plan(List<Step> steps) {
        // First pass: fields that were on screen in a window all along (secure, redacted name).
        Map<String, List<MaskRect>> onScreen = new HashMap<>();
        Map<String, List<MaskRect>> inputs = new HashMap<>();
        java.util.Set<String> secretTyped = new java.util.HashSet<>();
        for (Step s : steps) {
            UiContext c = s.context();
            if (isTextInput(c.elementRole()) && c.elementX() != null && !c.secure()) {
                inputs.computeIfAbsent(windowKey(c), k -> new ArrayList<>()).add(element(c, MaskKinds.TYPED_SECRET));
            }
            if (s.action() == Action.TYPE && c.secure()) {
                secretTyped.add(windowKey(c));
            }
        }
        // Keys a secure visit claimed (a focus the recorder reported late) may have landed in any field of the
        // form: where a secret was typed, every text field the episode saw in that window is masked throughout.
        // When the episode saw no other field there, the field the keys landed in is unknown: the whole screen.
        for (String key : secretTyped) {
            List<MaskRect> fields = inputs.get(key);
            onScreen.computeIfAbsent(key, k -> new ArrayList<>()).addAll(fields != null ? fields
                    : List.of(MaskRect.whole(MaskKinds.SECURE_FIELD)));
        }
        for (Step s : steps) {
            UiContext c = s.context();
            if (c.secure()) {
                onScreen.computeIfAbsent(windowKey(c), k -> new ArrayList<>()).add(element(c, MaskKinds.SECURE_FIELD));
            }
            if (redacted(s, "element_name")) {
                onScreen.computeIfAbsent(windowKey(c), k -> new ArrayList<>()).add(element(c, MaskKinds.REDACTED_NAME));
            }
        }
        List<ShotRequest> plan = new ArrayList<>(steps.size());
        // Windows of this episode where something sensitive is at an unknown place: their frames are masked
        // whole. Not remembered past the episode, nor applied to other windows' frames: a day of black frames
        // for every device that once had a field without bounds would leave nothing to train on.
        Map<String, MaskRect> wholeHere = new HashMap<>();
        for (Step s : steps) {
            UiContext c = s.context();
            String key = windowKey(c);
            expire(s.tsUs());
            Window w = windows.get(key);
            List<MaskRect> early = onScreen.get(key);
            if (early != null) {
                for (MaskRect r : early) {
                    if (r.isWhole()) {
                        wholeHere.putIfAbsent(key, r);
                    } else {
                        w = window(key, w);
                        w.add(r);
                    }
                }
            }
            String field = fieldOf(c);
            MaskRect here = null;
            if (s.action() == Action.TYPE && redacted(s, "text") || c.secure()) {
                here = element(c, c.secure() ? MaskKinds.SECURE_FIELD : MaskKinds.TYPED_SECRET);
                remember(field);
            } else if (field != null && secretFields.contains(field)) {
                // The field a secret went into, reported again (scrolled, moved, resized): mask it where it is now.
                here = element(c, MaskKinds.TYPED_SECRET);
            }
            if (here != null && here.isWhole()) {
                wholeHere.putIfAbsent(key, here);
            } else if (here != null) {
                w = window(key, w);
                w.add(here);
            }
            if (w != null) {
                w.lastSeenUs = Math.max(w.lastSeenUs, s.tsUs());
            }
            if (c.screenshotRef() == null) {
                plan.add(null);
                continue;
            }
            // A screenshot shows the whole screen, not only the window in front: what any window of the device
            // holds is masked on every frame (a window beside it, one behind a transparent one, a route change).
            List<MaskRect> rects = wholeHere.containsKey(key) ? List.of(wholeHere.get(key)) : everything();
            if (redacted(s, "window_title") || redacted(s, "url") || redacted(s, "app")) {
                List<MaskRect> all = new ArrayList<>(rects);
                all.add(MaskRect.whole(MaskKinds.REDACTED_CONTEXT));
                rects = all;
            }
            plan.add(new ShotRequest(c.screenshotRef(), c.screenW(), c.screenH(), c.app(), rects));
        }
        return new FramePlan(plan).unitedPerScreenshot();
    }

    /** Every rectangle of every remembered window, each once, whole-screen masks first. */
    private List<MaskRect> everything() {
        java.util.LinkedHashSet<MaskRect> all = new java.util.LinkedHashSet<>();
        for (Window w : windows.values()) {
            all.addAll(w.rects);
        }
        for (MaskRect r : all) {
            if (r.isWhole()) {
                return List.of(r); // nothing else shows under a whole-screen mask
            }
        }
        return List.copyOf(all);
    }

    /** A field by what it is, not where: app, role and name (null without a name). */
    private static String fieldOf(UiContext c) {
        return c.elementName() == null ? null : (c.app() == null ? "" : c.app()) + '\u0000' + c.elementRole()
                + '\u0000' + c.elementName();
    }

    private void remember(String field) {
        if (field == null) {
            return;
        }
        secretFields.remove(field);
        secretFields.add(field);
        if (secretFields.size() > FIELDS) {
            Iterator<String> eldest = secretFields.iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** Windows remembered (for tests and the state bound). */
    int windowCount() {
        return windows.size();
    }

    private Window window(String key, Window w) {
        if (w != null) {
            return w;
        }
        Window created = new Window();
        windows.put(key, created);
        if (windows.size() > WINDOWS) {
            Iterator<String> eldest = windows.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return created;
    }

    private void expire(long nowUs) {
        windows.values().removeIf(w -> w.lastSeenUs < nowUs - RETAIN_US);
    }

    /** Whether a role is one text is typed into (ARIA and the platforms' names: textbox, searchbox, edit, entry…). */
    static boolean isTextInput(String role) {
        if (role == null) {
            return false;
        }
        String r = role.toLowerCase(java.util.Locale.ROOT);
        return r.contains("text") || r.contains("edit") || r.contains("entry") || r.contains("search")
                || r.contains("combo") || r.contains("input") || r.contains("field") || r.contains("spin");
    }

    private static boolean redacted(Step s, String field) {
        for (Redaction r : s.redactions()) {
            if (r.field().equals(field)) {
                return true;
            }
        }
        return false;
    }

    /** The focused element's bounds, or the whole screen when they are unknown or empty. */
    static MaskRect element(UiContext c, String kind) {
        Integer x = c.elementX();
        Integer y = c.elementY();
        Integer w = c.elementW();
        Integer h = c.elementH();
        // Negative coordinates: a virtual desktop whose origin the screenshot does not say (a monitor left of
        // the primary one); where the element is in the image is unknown.
        if (x == null || y == null || w == null || h == null || w <= 0 || h <= 0 || x < 0 || y < 0) {
            return MaskRect.whole(kind);
        }
        return new MaskRect(x, y, w, h, kind);
    }

    private static boolean covers(MaskRect a, MaskRect b) {
        return a.x() <= b.x() && a.y() <= b.y() && (long) a.x() + a.w() >= (long) b.x() + b.w()
                && (long) a.y() + a.h() >= (long) b.y() + b.h();
    }

    /** App and URL without query or fragment. */
    static String windowKey(UiContext c) {
        String url = c.url();
        if (url != null) {
            int cut = url.length();
            int q = url.indexOf('?');
            int f = url.indexOf('#');
            if (q >= 0) {
                cut = Math.min(cut, q);
            }
            if (f >= 0) {
                cut = Math.min(cut, f);
            }
            url = url.substring(0, cut);
        }
        return (c.app() == null ? "" : c.app()) + '\u0000' + (url == null ? "" : url);
    }

    public void writeTo(DataOutput out) throws IOException {
        StateIO.writeStrings(out, List.copyOf(secretFields));
        out.writeInt(windows.size());
        for (Map.Entry<String, Window> e : windows.entrySet()) {
            StateIO.writeString(out, e.getKey());
            out.writeLong(e.getValue().lastSeenUs);
            FramesIO.writeMasks(out, e.getValue().rects);
        }
    }

    public void readFrom(DataInput in) throws IOException {
        secretFields.clear();
        secretFields.addAll(StateIO.readStrings(in));
        windows.clear();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String key = StateIO.readString(in);
            Window w = new Window();
            w.lastSeenUs = in.readLong();
            w.rects.addAll(FramesIO.readMasks(in));
            windows.put(key, w);
        }
    }
}
