package dev.episodes.publish;

/** How the publisher encodes events: JSON, Avro single-object, or both mixed on the same topics. */
public enum Encoding { JSON, AVRO, MIXED }
