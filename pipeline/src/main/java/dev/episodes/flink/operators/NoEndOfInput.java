package dev.episodes.flink.operators;

import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Passes records on, in a job whose input never ends (the unbounded Kafka stream). An end of input there
 * means its source was restored as finished, from the state of a bounded run whose readers had read to
 * their end: without this the job would finish reading nothing, silently. It fails instead, naming why, and
 * not to be restarted into the same end. A stop with a savepoint does not drain, so it ends no input.
 */
public final class NoEndOfInput<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T>,
        BoundedOneInput {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public NoEndOfInput(String reason) {
        this.reason = reason;
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void endInput() {
        throw new SuppressRestartsException(new IllegalStateException(reason));
    }
}
