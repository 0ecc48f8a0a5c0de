package io.courtside.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.CourtsideTestBase;
import io.courtside.RpcClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A bounded, seeded fuzz run of the RPC API: valid calls of every action, mutated (values replaced by odd strings,
 * broken JSON, huge numbers, control characters, names dropped or duplicated, actions swapped), signed and sent as
 * POST forms and GET queries. Every answer must be JSON with a RequestId and a 2xx or 4xx status; the only 5xx
 * allowed is a documented InternalError or ServiceUnAvailable with a RequestId (the run prints the counts). The
 * service answers normally afterwards.
 */
class ApiFuzzTest extends CourtsideTestBase {

    private static final long SEED = 5L;
    private static final int REQUESTS = 500;
    private static final String[] ODD = {"", " ", "null", "{}", "[]", "{", "\"", "'", "0", "-1", "1e309",
            "99999999999999999999", "NaN", "\u0000", "\u0000\u0001\u001f", "..", "../../etc/passwd", "/etc/passwd",
            "%00", "%", "%%", "é中文🎾", "\uFEFF", "<script>", "${jndi:ldap://x/a}", "{{courtside.storage.secret-key}}",
            "s3://", "s3://courtside/", "s3://courtside/../x", "oss://other-bucket/x.mp4", "http://169.254.169.254/",
            "http://0x7f.1/a.mp4", "file:///etc/passwd", "ftp://x/y", "2026-13-45T99:99:99Z", "true", "Init",
            "{\"SportsCategory\":[]}", "{\"MediaURL\":{\"a\":1}}", "{\"Count\":1e10}", "{\"Count\":-5}",
            "{\"Width\":\"wide\"}", "{\"NotifyAddress\":\"http://[::ffff:127.0.0.1]/\"}"};

    @LocalServerPort
    int port;

    @Test
    void mutatedCallsNeverFailInsideTheService() throws Exception {
        Random random = new Random(SEED);
        RpcClient rpc = new RpcClient(port);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> unexpected = new ArrayList<>();
        int tomcatRefusals = 0;
        long started = System.nanoTime();
        for (int i = 0; i < REQUESTS; i++) {
            Map<String, String> call = mutate(valid(random), random);
            RpcClient.Answer answer = random.nextInt(4) == 0 ? rpc.get(call) : rpc.post(call);
            statuses.merge(answer.status(), 1, Integer::sum);
            if (answer.status() == 400 && answer.body().has("NotJson")) {
                // A GET whose query is over Tomcat's 8 KB request-line limit: refused before the API (documented).
                tomcatRefusals++;
                continue;
            }
            boolean documented5xx = answer.status() >= 500
                    && List.of("InternalError", "ServiceUnAvailable").contains(answer.code());
            if (answer.body().path("RequestId").asText().isBlank()
                    || answer.status() >= 500 && !documented5xx
                    || answer.status() != 200 && answer.code() == null) {
                unexpected.add(answer.status() + " " + answer.body() + " for " + call);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("API fuzz: %d calls in %.1f s, statuses %s, %d over-long GETs refused by Tomcat%n", REQUESTS,
                seconds, statuses, tomcatRefusals);
        assertThat(unexpected).as("answers outside 2xx/4xx with RequestId and Code").isEmpty();
        assertThat(statuses.keySet()).contains(200, 400);
        assertThat(rpc.call(RpcApi.LIST).status()).as("still answering").isEqualTo(200);
    }

    private static Map<String, String> valid(Random random) {
        Map<String, String> call = new LinkedHashMap<>();
        switch (random.nextInt(5)) {
            case 0, 1 -> {
                call.put("Action", RpcApi.SUBMIT);
                call.put("ClientToken", "fuzz-" + random.nextInt(1000));
                call.put("InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/fuzz/none.mp4\"}");
                call.put("OutputConfig", "{\"MediaURL\":\"s3://outputs/fuzz/h_{index}.mp4\",\"Count\":2,\"Width\":320,"
                        + "\"Height\":180,\"MaxDuration\":5}");
                call.put("UserData", "{\"NotifyAddress\":\"ice-callback-fuzz\"}");
            }
            case 2 -> {
                call.put("Action", RpcApi.GET);
                call.put("JobId", "0123456789abcdef0123456789abcdef");
            }
            case 3 -> {
                call.put("Action", RpcApi.LIST);
                call.put("Status", "Finished");
                call.put("MaxResults", "10");
                call.put("StartTime", "2026-11-24T00:00:00Z");
            }
            default -> {
                call.put("Action", random.nextBoolean() ? RpcApi.LIST_DEAD : RpcApi.CANCEL);
                call.put("Queue", "Jobs");
                call.put("JobId", "0123456789abcdef0123456789abcdef");
            }
        }
        return call;
    }

    private static Map<String, String> mutate(Map<String, String> call, Random random) {
        List<String> names = new ArrayList<>(call.keySet());
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(7)) {
                case 0 -> call.put(name, ODD[random.nextInt(ODD.length)]);
                case 1 -> call.remove(name);
                case 2 -> call.put(name, flip(call.getOrDefault(name, "x"), random));
                case 3 -> call.put(name, "x".repeat(random.nextInt(20_000)));
                case 4 -> call.put("Action", ODD[random.nextInt(ODD.length)]);
                case 5 -> call.put(ODD[random.nextInt(ODD.length)] + "Extra", "1");
                default -> {
                    String value = call.getOrDefault(name, "{}");
                    int cut = value.isEmpty() ? 0 : random.nextInt(value.length());
                    call.put(name, value.substring(0, cut) + ODD[random.nextInt(ODD.length)] + value.substring(cut));
                }
            }
        }
        return call;
    }

    /** Random character substitutions, including control and non-BMP characters. */
    private static String flip(String value, Random random) {
        StringBuilder s = new StringBuilder(value);
        for (int i = 0; i < 1 + random.nextInt(4) && s.length() > 0; i++) {
            int at = random.nextInt(s.length());
            s.setCharAt(at, (char) random.nextInt(random.nextBoolean() ? 0x80 : 0xFFFF));
        }
        return s.toString();
    }
}
