package dev.episodes.testing;

import dev.episodes.decode.DecodeResult;
import dev.episodes.decode.JsonEventDecoder;
import dev.episodes.decode.JsonEventEncoder;
import dev.episodes.decode.TimeBounds;
import dev.episodes.event.ContextEvent;
import dev.episodes.event.KeyEvent;
import dev.episodes.event.MouseEvent;
import dev.episodes.event.RawEvent;
import dev.episodes.generate.ActivityGenerator;
import dev.episodes.generate.GeneratorSettings;
import dev.episodes.ordering.EventOrder;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Devices whose clocks are minutes apart, delivered as the contract allows: each kind of a device on its
 * own lag (a partition behind another) plus jitter, so one device's events arrive out of order across
 * kinds by up to {@link #MAX_DISORDER_US}, under the contract's 10 s. Every event of a device arrives
 * no more than that behind the device's latest arrived event: within the contract whatever the skew.
 */
public final class SkewedCorpus {
    /** How far behind its device's latest arrived event an event may arrive here: under the contract's 10 s. */
    public static final long MAX_DISORDER_US = 9_000_000L;

    private SkewedCorpus() {}

    /** An event and the true (wall-clock) time it arrives at. */
    public record Delivery(long atUs, int order, RawEvent event) {}

    /** Generated activity (no duplicates, nothing malformed, no consent), by device id, in event order. */
    public static Map<String, List<RawEvent>> devices(int people, Duration duration, long seed) throws IOException {
        StringWriter w = new StringWriter();
        ActivityGenerator.write(new GeneratorSettings(people, duration, seed, GeneratorSettings.DEFAULT_START, 0.0,
                0.0, Duration.ZERO), w);
        JsonEventDecoder decoder = new JsonEventDecoder(new TimeBounds(0, Long.MAX_VALUE));
        Map<String, List<RawEvent>> byDevice = new TreeMap<>();
        for (String line : w.toString().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            RawEvent e = ((DecodeResult.Decoded) decoder.decode(line)).event();
            if (!e.deviceId().isEmpty()) {
                byDevice.computeIfAbsent(e.deviceId(), d -> new ArrayList<>()).add(e);
            }
        }
        byDevice.values().forEach(l -> l.sort(EventOrder.COMPARATOR));
        return byDevice;
    }

    /**
     * One device's deliveries, its clock {@code skewUs} off (event times shifted, arrival times not),
     * in arrival order. Each kind lags by its own amount up to 8 s, each event by up to 1 s more.
     */
    public static List<Delivery> deliveries(List<RawEvent> events, long skewUs, Random r) {
        long[] kindLagUs = {r.nextInt(8_000_001), r.nextInt(8_000_001), r.nextInt(8_000_001)};
        List<Delivery> out = new ArrayList<>(events.size());
        int order = 0;
        for (RawEvent e : events) {
            long lag = kindLagUs[e.kind().ordinal() % 3] + r.nextInt(1_000_001);
            out.add(new Delivery(e.tsUs() + lag, order++, shifted(e, skewUs)));
        }
        out.sort(Comparator.comparingLong(Delivery::atUs).thenComparingInt(Delivery::order));
        return out;
    }

    /**
     * The deliveries after {@code atUs}: a device that starts once another is running. (A device whose
     * clock is ahead of all running ones moves the global watermark at once when it appears; the others'
     * time follows it after their out-of-orderness, so their events in flight then can be late. Tests of
     * in-contract input start the device ahead first.)
     */
    public static List<Delivery> after(long atUs, List<Delivery> deliveries) {
        return deliveries.stream().filter(d -> d.atUs() > atUs).toList();
    }

    /** Several devices' deliveries merged by arrival time: the interleaving of a live stream. */
    public static List<RawEvent> interleaved(List<List<Delivery>> devices) {
        List<Delivery> all = new ArrayList<>();
        int n = 0;
        for (List<Delivery> d : devices) {
            for (Delivery x : d) {
                all.add(new Delivery(x.atUs(), n++, x.event()));
            }
        }
        all.sort(Comparator.comparingLong(Delivery::atUs).thenComparingInt(Delivery::order));
        return all.stream().map(Delivery::event).toList();
    }

    /** Devices one after another, as an export written device by device. */
    public static List<RawEvent> oneAfterAnother(List<List<Delivery>> devices) {
        List<RawEvent> all = new ArrayList<>();
        devices.forEach(d -> d.forEach(x -> all.add(x.event())));
        return all;
    }

    public static void write(Path file, List<RawEvent> events) throws IOException {
        Files.write(file, events.stream().map(JsonEventEncoder::encode).toList());
    }

    public static RawEvent shifted(RawEvent e, long byUs) {
        if (e instanceof KeyEvent k) {
            return new KeyEvent(k.eventId(), k.userId(), k.deviceId(), k.tsUs() + byUs, k.seq(), k.down(), k.key(),
                    k.code(), k.modifiers());
        }
        if (e instanceof MouseEvent m) {
            return new MouseEvent(m.eventId(), m.userId(), m.deviceId(), m.tsUs() + byUs, m.seq(), m.action(), m.x(),
                    m.y(), m.button(), m.dx(), m.dy());
        }
        if (e instanceof ContextEvent c) {
            return new ContextEvent(c.eventId(), c.userId(), c.deviceId(), c.tsUs() + byUs, c.seq(), c.app(),
                    c.windowTitle(), c.url(), c.element(), c.screenshotRef(), c.screenW(), c.screenH());
        }
        throw new IllegalArgumentException("not a device event: " + e.kind());
    }
}
