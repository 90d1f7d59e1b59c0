package dev.episodes.generate;

import java.util.Random;

/** What buggy producers send: every way a line can break the contract, one line at a time. */
final class Malformed {
    private Malformed() {}

    static String line(Random rnd, long tsUs) {
        String id = Long.toHexString(rnd.nextLong());
        return switch (rnd.nextInt(9)) {
            case 0 -> "{\"kind\":\"key\",\"event_id\":\"" + id + "\",\"user_id\":\"u-9\""; // truncated
            case 1 -> "[\"not\",\"an\",\"object\"]";
            case 2 -> "{\"kind\":\"mouse\",\"event_id\":\"" + id + "\",\"device_id\":\"d-9\",\"ts_us\":" + tsUs
                    + ",\"seq\":1,\"action\":\"move\",\"x\":1,\"y\":2}"; // no user_id
            case 3 -> "{\"kind\":\"gesture\",\"event_id\":\"" + id + "\",\"user_id\":\"u-9\",\"device_id\":\"d-9\","
                    + "\"ts_us\":" + tsUs + ",\"seq\":1}";
            case 4 -> "{\"kind\":\"key\",\"event_id\":\"" + id + "\",\"user_id\":\"u-9\",\"device_id\":\"d-9\","
                    + "\"ts_us\":\"" + tsUs + "\",\"seq\":1,\"action\":\"down\",\"key\":\"a\",\"code\":\"KeyA\","
                    + "\"modifiers\":[]}"; // ts as a string
            case 5 -> "{\"kind\":\"key\",\"event_id\":\"" + id + "\",\"user_id\":\"u-9\",\"device_id\":\"d-9\","
                    + "\"ts_us\":86400000000,\"seq\":1,\"action\":\"down\",\"key\":\"a\",\"code\":\"KeyA\","
                    + "\"modifiers\":[]}"; // 1970
            case 6 -> "{\"kind\":\"key\",\"event_id\":\"" + id + "\",\"user_id\":\"u-9\",\"device_id\":\"d-9\","
                    + "\"ts_us\":4102444800000000,\"seq\":1,\"action\":\"down\",\"key\":\"a\",\"code\":\"KeyA\","
                    + "\"modifiers\":[]}"; // 2100
            case 7 -> "{\"kind\":\"mouse\",\"event_id\":\"" + id + "\",\"user_id\":\"u-9\",\"device_id\":\"d-9\","
                    + "\"ts_us\":" + tsUs + ",\"seq\":1,\"action\":\"hover\",\"x\":1,\"y\":2,\"button\":null}";
            default -> "\u0000\u00ffgarbage bytes";
        };
    }
}
