package dev.episodes.flink;

import dev.episodes.config.PipelineConfig;
import dev.episodes.config.PseudonymKey;
import dev.episodes.flink.runs.ArchiveReplay;
import dev.episodes.flink.runs.Progress;
import dev.episodes.flink.runs.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeITCase {
    @Test
    void runs(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.jsonl");
        Files.writeString(in, String.join("\n",
            "{\"kind\":\"context\",\"event_id\":\"c1\",\"user_id\":\"u-1\",\"device_id\":\"d-7\",\"ts_us\":1764403200000000,\"seq\":1,\"app\":\"Chrome\",\"window_title\":\"Inbox\",\"url\":\"https://mail.example.com\",\"element\":{\"role\":\"searchbox\",\"name\":\"Search\",\"secure\":false,\"x\":1,\"y\":2,\"w\":3,\"h\":4},\"screenshot_ref\":null,\"screen_w\":2560,\"screen_h\":1440}",
            "{\"kind\":\"mouse\",\"event_id\":\"m1\",\"user_id\":\"u-1\",\"device_id\":\"d-7\",\"ts_us\":1764403200850000,\"seq\":2,\"action\":\"down\",\"x\":512,\"y\":108,\"button\":\"left\",\"dx\":null,\"dy\":null}",
            "{\"kind\":\"mouse\",\"event_id\":\"m2\",\"user_id\":\"u-1\",\"device_id\":\"d-7\",\"ts_us\":1764403200930000,\"seq\":3,\"action\":\"up\",\"x\":512,\"y\":108,\"button\":\"left\",\"dx\":null,\"dy\":null}",
            "{\"kind\":\"key\",\"event_id\":\"k1\",\"user_id\":\"u-1\",\"device_id\":\"d-7\",\"ts_us\":1764403201400000,\"seq\":4,\"action\":\"down\",\"key\":\"H\",\"code\":\"KeyH\",\"modifiers\":[\"shift\"]}",
            "{\"kind\":\"key\",\"event_id\":\"k2\",\"user_id\":\"u-1\",\"device_id\":\"d-7\",\"ts_us\":1764403201480000,\"seq\":5,\"action\":\"up\",\"key\":\"H\",\"code\":\"KeyH\",\"modifiers\":[\"shift\"]}",
            "garbage"));
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        RunSummary s = new ArchiveReplay(in, dir.resolve("out"), PipelineConfig.defaults().withParallelism(2),
                PseudonymKey.resolve(null, Map.of())).run(env, Progress.NONE);
        System.out.println(s);
        try (var w = Files.walk(dir.resolve("out"))) { w.forEach(System.out::println); }
    }
}
