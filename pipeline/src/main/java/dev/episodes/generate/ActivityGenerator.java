package dev.episodes.generate;

import dev.episodes.decode.JsonEventEncoder;
import dev.episodes.decode.TimeBounds;
import dev.episodes.event.RawEvent;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A seeded, reproducible simulation of people at work, written as the recorder's JSON Lines export.
 * Each person has one or two devices; each device runs scenes (sign-ins, terminals, documents, chat,
 * browsing, forms, files) with pauses and occasional breaks longer than a session gap. Delivery is
 * realistic: events arrive up to {@code maxDelay} late, some twice, optionally mixed with malformed lines.
 */
public final class ActivityGenerator {
    private static final long BREAK_PROBABILITY_PERCENT = 6;

    private ActivityGenerator() {}

    private record Delivery(long atUs, int order, String line) {}

    public static CorpusFacts write(GeneratorSettings settings, Writer out) throws IOException {
        return write(settings, out, people -> { });
    }

    /** As {@link #write(GeneratorSettings, Writer)}, telling {@code peopleDone} after each person is simulated. */
    public static CorpusFacts write(GeneratorSettings settings, Writer out, java.util.function.IntConsumer peopleDone)
            throws IOException {
        Random rnd = new Random(settings.seed());
        long startUs = TimeBounds.micros(settings.start());
        long endUs = startUs + settings.duration().toNanos() / 1000;
        Set<String> users = new LinkedHashSet<>();
        Set<String> devices = new LinkedHashSet<>();
        Planted planted = new Planted();
        List<RawEvent> events = new ArrayList<>();
        ScreenshotSettings shotSettings = settings.screenshots();
        List<ScreenTruth> screens = new ArrayList<>();
        List<Shots> allShots = new ArrayList<>();
        int deviceNo = 1;
        for (int p = 0; p < settings.people(); p++) {
            String user = "u-" + (1001 + p);
            users.add(user);
            int deviceCount = rnd.nextInt(10) < 3 ? 2 : 1;
            for (int d = 0; d < deviceCount; d++) {
                String device = "d-" + deviceNo++;
                devices.add(device);
                long offset = rnd.nextInt(30_000) * 1000L;
                DeviceScript script = new DeviceScript(user, device, startUs + offset, new Random(rnd.nextLong()));
                if (shotSettings.on()) {
                    allShots.add(script.paint(shotSettings, planted, settings.seed(), screens));
                }
                while (script.tsUs < endUs) {
                    Scenes.any(script, planted);
                    if (rnd.nextInt(100) < BREAK_PROBABILITY_PERCENT) {
                        script.pause(6 * 60_000, 12 * 60_000); // a break: longer than the session gap
                    } else {
                        script.pause(500, 8_000);
                    }
                }
                events.addAll(script.events);
            }
            peopleDone.accept(p + 1);
        }

        long maxDelayUs = settings.maxDelay().toNanos() / 1000;
        List<Delivery> deliveries = new ArrayList<>(events.size() + events.size() / 10);
        long duplicates = 0;
        int order = 0;
        for (RawEvent e : events) {
            String line = JsonEventEncoder.encode(e);
            long delay = rnd.nextInt(10) < 3 ? (long) (rnd.nextDouble() * maxDelayUs) : rnd.nextInt(50_000);
            deliveries.add(new Delivery(e.tsUs() + delay, order++, line));
            if (rnd.nextDouble() < settings.duplicateRate()) {
                deliveries.add(new Delivery(e.tsUs() + delay + (long) (rnd.nextDouble() * maxDelayUs), order++, line));
                duplicates++;
            }
        }
        deliveries.sort(Comparator.comparingLong(Delivery::atUs).thenComparingInt(Delivery::order));

        long malformed = 0;
        long lines = 0;
        for (Delivery d : deliveries) {
            if (settings.malformedRate() > 0 && rnd.nextDouble() < settings.malformedRate()) {
                out.write(Malformed.line(rnd, d.atUs()));
                out.write('\n');
                malformed++;
                lines++;
            }
            out.write(d.line());
            out.write('\n');
            lines++;
        }
        CorpusFacts.ScreenStats stats = CorpusFacts.ScreenStats.NONE;
        if (shotSettings.on()) {
            TruthFile.write(shotSettings.dir().resolve(ScreenshotSettings.TRUTH_FILE), screens);
            stats = new CorpusFacts.ScreenStats(screens.size(), allShots.stream().mapToLong(s -> s.paintNanos).sum(),
                    allShots.stream().mapToLong(s -> s.encodeNanos).sum(),
                    allShots.stream().mapToLong(s -> s.bytes).sum());
        }
        return new CorpusFacts(lines, events.size(), duplicates, malformed, users, devices, planted.secrets,
                planted.lookAlikes, List.copyOf(screens), stats);
    }
}
