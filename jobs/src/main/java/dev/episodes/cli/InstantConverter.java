package dev.episodes.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;

/** Instants as ISO-8601 with an offset ({@code 2026-11-01T00:00Z}, {@code …+01:00}) or a UTC date. */
final class InstantConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(value.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 time with offset or a date: '" + value
                        + "' (e.g. 2026-11-01T00:00Z or 2026-11-01)");
            }
        }
    }
}
