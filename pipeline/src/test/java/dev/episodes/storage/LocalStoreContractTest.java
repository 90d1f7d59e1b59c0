package dev.episodes.storage;

/** The store contract on a local disk. */
class LocalStoreContractTest extends StoreContract {
    @Override
    Store freshStore() {
        return Store.local(tmp.resolve("dataset"));
    }
}
