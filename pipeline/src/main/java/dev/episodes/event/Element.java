package dev.episodes.event;

/** The focused UI element; bounds may be null when the platform does not report them. */
public record Element(String role, String name, boolean secure, Integer x, Integer y, Integer w, Integer h) {}
