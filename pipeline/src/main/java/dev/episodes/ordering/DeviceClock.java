package dev.episodes.ordering;

/**
 * One device's own event time, so a device whose clock is minutes off is ordered by its own events
 * and not judged against everyone else's. It follows the device's largest accepted time less the
 * out-of-orderness; a device that fell silent follows global time once the global watermark has moved
 * more than the out-of-orderness past where it was first seen after the device's latest arrival; it
 * never passes the global watermark, which is what guarantees that every consent change up to it has
 * been seen. In microseconds.
 *
 * <p>Silence is measured from the first watermark seen after the arrival, not from the watermark at
 * the arrival: the global watermark jumps (the device that drives it comes back from a break, a device
 * whose clock is ahead appears, a file replay emits a watermark minutes of event time on), and a jump
 * between two arrivals of a live device is not time it was silent. Measured from the arrival, such a
 * jump moved a device behind the others past its own events in flight and made them late.
 */
final class DeviceClock {
    static final long UNKNOWN = Long.MIN_VALUE;

    private final long outOfOrdernessUs;
    private long maxUs = UNKNOWN; // the largest accepted time
    private long arrivalWatermarkUs = UNKNOWN; // the first global watermark seen after the latest arrival

    DeviceClock(long outOfOrdernessUs) {
        if (outOfOrdernessUs < 0) {
            throw new IllegalArgumentException("out-of-orderness must not be negative: " + outOfOrdernessUs + " us");
        }
        this.outOfOrdernessUs = outOfOrdernessUs;
    }

    DeviceClock(long outOfOrdernessUs, long maxUs, long arrivalWatermarkUs) {
        this(outOfOrdernessUs);
        this.maxUs = maxUs;
        this.arrivalWatermarkUs = arrivalWatermarkUs;
    }

    long outOfOrdernessUs() {
        return outOfOrdernessUs;
    }

    long maxUs() {
        return maxUs;
    }

    long arrivalWatermarkUs() {
        return arrivalWatermarkUs;
    }

    /** An event of the device arrived (accepted, repeated or late): it is not silent; silence counts from the next look. */
    void heard() {
        arrivalWatermarkUs = UNKNOWN;
    }

    /** An event at {@code tsUs} was accepted. */
    void accepted(long tsUs) {
        maxUs = maxUs == UNKNOWN ? tsUs : Math.max(maxUs, tsUs);
    }

    /** A look at the global watermark (a timer fired): the first after an arrival is where silence counts from. */
    void seen(long watermarkUs) {
        if (arrivalWatermarkUs == UNKNOWN && maxUs != UNKNOWN && watermarkUs != Long.MIN_VALUE
                && watermarkUs != Long.MAX_VALUE) {
            arrivalWatermarkUs = watermarkUs;
        }
    }

    /** The device's time while the global watermark is at {@code watermarkUs}: never after it. */
    long at(long watermarkUs) {
        if (watermarkUs == Long.MAX_VALUE || watermarkUs == Long.MIN_VALUE || maxUs == UNKNOWN) {
            return watermarkUs; // end of input releases everything; with nothing accepted nothing waits
        }
        long own = own();
        if (arrivalWatermarkUs != UNKNOWN) {
            long silent = sub(watermarkUs, add(arrivalWatermarkUs, outOfOrdernessUs));
            if (silent > 0) {
                own = add(own, silent);
            }
        }
        return Math.min(watermarkUs, own);
    }

    /** The smallest global watermark at which {@link #at} reaches {@code deviceUs}; MAX_VALUE: never needed. */
    long watermarkFor(long deviceUs) {
        if (deviceUs == Long.MAX_VALUE || maxUs == UNKNOWN) {
            return deviceUs;
        }
        long own = own();
        if (deviceUs <= own) {
            return deviceUs;
        }
        if (arrivalWatermarkUs == UNKNOWN) {
            return Long.MIN_VALUE + 1; // the next watermark, whatever it is: silence counts from there (seen)
        }
        return Math.max(deviceUs, add(add(arrivalWatermarkUs, outOfOrdernessUs), sub(deviceUs, own)));
    }

    // As a bounded-out-of-orderness watermark over this device alone: everything up to it has arrived.
    private long own() {
        return sub(maxUs, add(outOfOrdernessUs, 1));
    }

    private static long sub(long a, long b) {
        try {
            return Math.subtractExact(a, b);
        } catch (ArithmeticException overflow) {
            return a < b ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** Saturating addition: absurd device times (1970, far future) never wrap around. */
    private static long add(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }
}
