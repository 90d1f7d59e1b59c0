package dev.episodes.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StateSettingsTest {
    @Test
    void checkpointsGoBesideTheDatasetNeverInsideIt() {
        StateSettings s = StateSettings.besideDataset(StateSettings.Backend.HASHMAP, Path.of("/data/episodes"));
        assertEquals(Path.of("/data/episodes.state/checkpoints"), s.checkpointDir());
        assertTrue(!s.checkpointDir().startsWith(Path.of("/data/episodes")), "unredacted state stays out of the dataset");
    }

    @Test
    void backendsAreParsedAsFlagsSpellThem() {
        assertEquals(StateSettings.Backend.ROCKSDB, StateSettings.Backend.parse("rocksdb"));
        assertEquals(StateSettings.Backend.HASHMAP, StateSettings.Backend.parse(" hashmap "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StateSettings.Backend.parse("heap"))
                .getMessage().contains("hashmap or rocksdb"));
    }
}
