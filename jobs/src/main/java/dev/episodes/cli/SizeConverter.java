package dev.episodes.cli;

import picocli.CommandLine.ITypeConverter;

/** Byte sizes as people write them: {@code 256MB}, {@code 64KB}, {@code 1GB}, or plain bytes. */
final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        String v = value.trim().toUpperCase(java.util.Locale.ROOT);
        long unit = 1;
        for (String[] u : new String[][] {{"GB", "1073741824"}, {"MB", "1048576"}, {"KB", "1024"}, {"B", "1"}}) {
            if (v.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                v = v.substring(0, v.length() - u[0].length()).trim();
                break;
            }
        }
        try {
            long n = Long.parseLong(v);
            if (n <= 0) {
                throw new IllegalArgumentException("a size must be positive, got '" + value + "'");
            }
            return Math.multiplyExact(n, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a size (e.g. 256MB, 64KB, 1GB): '" + value + "'");
        }
    }
}
