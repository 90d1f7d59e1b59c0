package dev.episodes.writing;

import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/** A separate process that holds a dataset's lease until it is killed (DatasetLeaseTest). */
public final class LeaseHolder {
    private LeaseHolder() {}

    public static void main(String[] args) throws Exception {
        DatasetLease lease = DatasetLease.acquire(Path.of(args[0]), "holder", m -> { });
        System.out.println("held by " + lease.holder().pid());
        System.out.flush();
        while (true) {
            LockSupport.park();
        }
    }
}
