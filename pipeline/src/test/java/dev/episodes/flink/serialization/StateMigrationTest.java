package dev.episodes.flink.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A layout change through a real keyed state backend: state written at layout 1 restores into a build at
 * layout 2 (read by the old snapshot's serializer, then written in layout 2), and state of a newer layout
 * fails the restore instead of being misread.
 */
class StateMigrationTest {
    /** A codec whose version a test sets: layout 1 writes an int, layout 2 a long; layout 2 reads 1. */
    public static final class ChangingCodec implements Codec<Long> {
        private static final long serialVersionUID = 1L;
        static volatile int current = 1;

        @Override
        public Class<Long> type() {
            return Long.class;
        }

        @Override
        public int version() {
            return current;
        }

        @Override
        public void write(Long value, DataOutputView out) throws IOException {
            if (current == 1) {
                out.writeInt(Math.toIntExact(value));
            } else {
                out.writeLong(value);
            }
        }

        @Override
        public Long read(DataInputView in) throws IOException {
            return read(in, current);
        }

        @Override
        public boolean reads(int version) {
            return version == 1 || version == current;
        }

        @Override
        public Long read(DataInputView in, int version) throws IOException {
            return version == 1 ? (long) in.readInt() : in.readLong();
        }
    }

    /** Adds each input to the key's sum and emits it. */
    static final class Sum extends KeyedProcessFunction<String, Long, Long> {
        private transient ValueState<Long> sum;

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext context) {
            sum = getRuntimeContext().getState(new ValueStateDescriptor<>("sum", new CodecTypeInfo<>(new ChangingCodec())));
        }

        @Override
        public void processElement(Long value, Context ctx, Collector<Long> out) throws Exception {
            long s = (sum.value() == null ? 0 : sum.value()) + value;
            sum.update(s);
            out.collect(s);
        }
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Long, Long> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new Sum()),
                (KeySelector<Long, String>) v -> "device", Types.STRING);
    }

    @AfterEach
    void reset() {
        ChangingCodec.current = 1;
    }

    private static OperatorSubtaskState stateAt(int version, long value) throws Exception {
        ChangingCodec.current = version;
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(value, 1L));
            return h.snapshot(1L, 1L);
        }
    }

    @Test
    void stateOfAnOlderLayoutMigrates() throws Exception {
        OperatorSubtaskState v1 = stateAt(1, 40);
        ChangingCodec.current = 2;
        OperatorSubtaskState v2;
        try (var h = harness()) {
            h.initializeState(v1);
            h.open();
            h.processElement(new StreamRecord<>(2L, 2L));
            assertEquals(List.of(42L), h.extractOutputValues(), "read in layout 1");
            v2 = h.snapshot(2L, 2L);
        }
        try (var h = harness()) {
            h.initializeState(v2);
            h.open();
            h.processElement(new StreamRecord<>(1L << 40, 3L));
            assertEquals(List.of(42L + (1L << 40)), h.extractOutputValues(), "written and read in layout 2");
        }
    }

    @Test
    void stateOfANewerLayoutIsRefused() throws Exception {
        OperatorSubtaskState v2 = stateAt(2, 40);
        ChangingCodec.current = 1;
        try (var h = harness()) {
            h.initializeState(v2);
            Exception e = assertThrows(Exception.class, h::open);
            assertTrue(causes(e).contains("ncompatible"), causes(e));
        }
    }

    private static String causes(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c).append(" / ");
        }
        return b.toString();
    }
}
