package dev.episodes.frames;

/** The {@code kind} of a frame's mask: why the region was filled. */
public final class MaskKinds {
    private MaskKinds() {}

    /** A secure or secret-taking field (the platform's flag, or one the pipeline recognises), while its window shows. */
    public static final String SECURE_FIELD = "secure_field";
    /** A field redacted text was typed into: the text is on screen in that window afterwards. */
    public static final String TYPED_SECRET = "typed_secret";
    /** The focused element whose accessible name was redacted. */
    public static final String REDACTED_NAME = "redacted_name";
    /**
     * The whole screen, when the app name, window title or URL was redacted: the recorder gives no bounds
     * for a title bar or an address bar, and they show the value in the clear.
     */
    public static final String REDACTED_CONTEXT = "redacted_context";
    /** A region the scope policy names (a status bar with mail previews). */
    public static final String SCOPE_REGION = "scope_region";
}
