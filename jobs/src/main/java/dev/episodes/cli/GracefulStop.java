package dev.episodes.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and Ctrl-C (SIGINT) stop the streaming job with a savepoint instead of ending the JVM under it.
 * The JVM's default reaction runs Flink's shutdown hooks, which tear the embedded cluster down while the
 * job still runs: nothing is saved and the message is lost. Instead the signal asks the job to stop with a
 * savepoint (sources stop, a last checkpoint commits every buffered shard, open episodes stay in the
 * savepoint), bounded by {@link #SAVEPOINT_TIMEOUT}; if that fails the job is cancelled, which keeps its
 * last checkpoint. A second signal exits at once. The run's thread then returns normally and prints its
 * summary.
 */
final class GracefulStop implements AutoCloseable {
    static final Duration SAVEPOINT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> SIGNALS = List.of("TERM", "INT");

    /** How the stop ended: the savepoint's path, or why there is none. */
    sealed interface Outcome {
        record Saved(String path) implements Outcome {}

        record Cancelled(String reason) implements Outcome {}
    }

    private final Path savepointDir;
    private final PrintStream err;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final CompletableFuture<JobClient> job = new CompletableFuture<>();
    private final List<SignalHandler> previous;

    private GracefulStop(Path savepointDir, PrintStream err) {
        this.savepointDir = savepointDir;
        this.err = err;
        this.previous = SIGNALS.stream().map(name -> Signal.handle(new Signal(name), this::onSignal)).toList();
    }

    /** Takes over SIGTERM and SIGINT until {@link #close()}. */
    static GracefulStop install(Path savepointDir, PrintStream err) {
        return new GracefulStop(savepointDir, err);
    }

    /** The submitted job; a signal that came before it stops it now. */
    void attach(JobClient client) {
        job.complete(client);
    }

    boolean requested() {
        return requested.get();
    }

    /** Waits for the stop to finish; only when {@link #requested()}. */
    Outcome outcome() throws InterruptedException {
        try {
            return outcome.get(SAVEPOINT_TIMEOUT.plus(CANCEL_TIMEOUT).toSeconds() + 5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new Outcome.Cancelled("the stop did not finish: " + e);
        }
    }

    private void onSignal(Signal signal) {
        if (!requested.compareAndSet(false, true)) {
            err.println("Second " + signal.getName() + ": exiting now; a rerun resumes from the last checkpoint.");
            PrivateTemp.remove();
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
        err.println();
        err.println("Stopping (SIG" + signal.getName() + "): taking a savepoint, then the job ends "
                + "(up to " + (SAVEPOINT_TIMEOUT.plus(CANCEL_TIMEOUT).toSeconds()) + " s; again to exit at once)...");
        Thread t = new Thread(this::stop, "episodes-graceful-stop");
        t.setDaemon(true);
        t.start();
    }

    private void stop() {
        JobClient client;
        try {
            client = job.get(SAVEPOINT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            outcome.complete(new Outcome.Cancelled("the job had not started"));
            PrivateTemp.remove();
            Runtime.getRuntime().halt(1); // nothing ran, nothing to save; the run's thread is still starting
            return;
        }
        try {
            String path = client.stopWithSavepoint(false, savepointDir.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(SAVEPOINT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            outcome.complete(new Outcome.Saved(path));
        } catch (Exception e) {
            String reason = "no savepoint (" + rootMessage(e) + ")";
            try {
                client.cancel().get(CANCEL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception notCancelled) {
                reason += "; cancelling failed too";
            }
            outcome.complete(new Outcome.Cancelled(reason));
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void close() {
        for (int i = 0; i < SIGNALS.size(); i++) {
            Signal.handle(new Signal(SIGNALS.get(i)), previous.get(i));
        }
    }
}
