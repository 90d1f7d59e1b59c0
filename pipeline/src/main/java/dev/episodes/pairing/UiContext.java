package dev.episodes.pairing;

import dev.episodes.event.ContextEvent;
import dev.episodes.event.Element;
import java.util.Objects;

/**
 * The UI context a step is paired with: what was on screen at the step's first event. Built from a
 * {@link ContextEvent}; {@link #UNKNOWN} before a device has sent one.
 */
public record UiContext(
        String app, String windowTitle, String url, String elementRole, String elementName,
        String screenshotRef, Integer screenW, Integer screenH,
        boolean secure, Integer elementX, Integer elementY, Integer elementW, Integer elementH) {

    public static final UiContext UNKNOWN = new UiContext(null, null, null, null, null, null, null, null,
            false, null, null, null, null);

    public static UiContext of(ContextEvent c) {
        Element e = c.element();
        return new UiContext(c.app(), c.windowTitle(), c.url(),
                e == null ? null : e.role(), e == null ? null : e.name(), c.screenshotRef(),
                c.screenW(), c.screenH(), e != null && e.secure(),
                e == null ? null : e.x(), e == null ? null : e.y(), e == null ? null : e.w(), e == null ? null : e.h());
    }

    /**
     * Whether two contexts have the same focused element: same app, role, name and position. A title
     * or URL change alone (a document's "edited" marker) does not end typing into the element.
     */
    public boolean sameElement(UiContext other) {
        return Objects.equals(app, other.app) && Objects.equals(elementRole, other.elementRole)
                && Objects.equals(elementName, other.elementName)
                && Objects.equals(elementX, other.elementX) && Objects.equals(elementY, other.elementY);
    }

    /**
     * Whether two contexts show the same field, whatever its pixels: same app, window title, role and
     * name. A show-password toggle may move or resize the field; it is still the field a secret goes to.
     */
    public boolean sameField(UiContext other) {
        return Objects.equals(app, other.app) && Objects.equals(windowTitle, other.windowTitle)
                && Objects.equals(elementRole, other.elementRole) && Objects.equals(elementName, other.elementName);
    }

    public UiContext asSecure() {
        return new UiContext(app, windowTitle, url, elementRole, elementName, screenshotRef, screenW, screenH, true,
                elementX, elementY, elementW, elementH);
    }

    /** The same context with these strings (redacted ones); the screenshot reference, sizes and bounds kept. */
    public UiContext withStrings(String newApp, String newTitle, String newUrl, String newRole, String newName) {
        return new UiContext(newApp, newTitle, newUrl, newRole, newName, screenshotRef, screenW, screenH, secure,
                elementX, elementY, elementW, elementH);
    }
}
