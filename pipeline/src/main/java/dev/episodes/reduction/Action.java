package dev.episodes.reduction;

/** The model-ready action space of episodes.md. */
public enum Action {
    CLICK("click"), DOUBLE_CLICK("double_click"), TRIPLE_CLICK("triple_click"),
    RIGHT_CLICK("right_click"), MIDDLE_CLICK("middle_click"), DRAG("drag"), SCROLL("scroll"),
    TYPE("type"), KEY("key"), HOTKEY("hotkey");

    private final String wire;

    Action(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
