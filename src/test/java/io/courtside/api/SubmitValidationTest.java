package io.courtside.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.CourtsideTestBase;
import io.courtside.RpcClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every validation rule of the API contract, over real HTTP: the right ICE code, a message naming the field, no job. */
class SubmitValidationTest extends CourtsideTestBase {

    static final String INPUT = "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/games/a.mp4\"}";
    static final String OUTPUT = "{\"MediaURL\":\"s3://outputs/h_{index}.mp4\",\"Count\":2,\"Width\":1080,\"Height\":1920}";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient db;
    RpcClient rpc;

    @BeforeEach
    void client() {
        rpc = new RpcClient(port);
    }

    static Stream<Arguments> invalidSubmits() {
        return Stream.of(
                bad("no InputConfig", null, OUTPUT, null, "MissingParameter", "\"InputConfig\""),
                bad("no OutputConfig", INPUT, null, null, "MissingParameter", "\"OutputConfig\""),
                bad("InputConfig not JSON", "{\"SportsCategory\":", OUTPUT, null, "InvalidParameter", "not valid JSON"),
                bad("InputConfig an array", "[]", OUTPUT, null, "InvalidParameter", "must be a JSON object"),
                bad("no SportsCategory", "{\"InputMedia\":\"s3://courtside/a.mp4\"}", OUTPUT, null,
                        "MissingParameter", "InputConfig.SportsCategory"),
                bad("unknown sport", input("curling", "s3://courtside/a.mp4"), OUTPUT, null,
                        "InvalidParameter", "'curling' is not a supported sport; supported: basketball, pingpong, tennis"),
                bad("no InputMedia", "{\"SportsCategory\":\"basketball\"}", OUTPUT, null,
                        "MissingParameter", "InputConfig.InputMedia"),
                bad("InputMedia a number", "{\"SportsCategory\":\"basketball\",\"InputMedia\":5}", OUTPUT, null,
                        "InvalidParameter", "must be a string"),
                bad("ftp input", input("basketball", "ftp://host/a.mp4"), OUTPUT, null,
                        "InvalidParameter", "scheme 'ftp' is not supported"),
                bad("host not allow-listed", input("basketball", "https://videos.example.com/a.mp4"), OUTPUT, null,
                        "InvalidParameter", "neither the object store nor on the allow-list"),
                bad("metadata address", input("basketball", "http://169.254.169.254/latest/meta-data"), OUTPUT, null,
                        "InvalidParameter", "InputConfig.InputMedia"),
                bad("user info in URL", input("basketball", "http://user:pw@videos.example.com/a.mp4"), OUTPUT, null,
                        "InvalidParameter", "user information"),
                bad("dot-dot key", input("basketball", "s3://courtside/games/../secret.mp4"), OUTPUT, null,
                        "InvalidParameter", "'..'"),
                bad("absolute input key", input("basketball", "s3://courtside//etc/passwd.mp4"), OUTPUT, null,
                        "InvalidParameter", "absolute path"),
                bad("NUL in input key", input("basketball", "oss://courtside/a%00b.mp4"), OUTPUT, null,
                        "InvalidParameter", "NUL"),
                bad("encoded dot-dot in a store URL", input("basketball",
                        "http://courtside.oss-cn-shanghai.aliyuncs.com/a/%2E%2E/b.mp4"), OUTPUT, null,
                        "InvalidParameter", "'..'"),
                bad("dot-dot output key", INPUT, output("s3://outputs/a/../../h.mp4", "\"Count\":1"), null,
                        "InvalidParameter", "'..'"),
                bad("absolute output key", INPUT, output("s3://outputs//etc/h.mp4", "\"Count\":1"), null,
                        "InvalidParameter", "absolute path"),
                bad("NUL in output key", INPUT, output("s3://outputs/h%00x.mp4", "\"Count\":1"), null,
                        "InvalidParameter", "NUL"),
                bad("output key over 1024 bytes", INPUT, output("s3://outputs/" + "k".repeat(1100) + ".mp4",
                        "\"Count\":1"), null, "InvalidParameter", "1024"),
                bad("dot-dot face photo", withField("FaceRegister",
                        "[{\"Name\":\"James\",\"FaceUrls\":[\"s3://courtside/faces/../../x.jpg\"]}]"), OUTPUT, null,
                        "InvalidParameter", "InputConfig.FaceRegister[0].FaceUrls[0]"),
                bad("NUL in logo key", withField("SlowMotionLogoRegister",
                        "{\"SlowMotionLogoUrls\":[\"s3://courtside/logo%00.png\"]}"), OUTPUT, null,
                        "InvalidParameter", "SlowMotionLogoUrls[0]"),
                bad("bad bucket", input("basketball", "s3://Bad_Bucket/a.mp4"), OUTPUT, null,
                        "InvalidParameter", "not a valid bucket name"),
                bad("no key", input("basketball", "s3://courtside/"), OUTPUT, null,
                        "InvalidParameter", "names no object key"),
                bad("six faces", withField("FaceRegister", "[" + String.join(",", java.util.Collections.nCopies(6,
                        "{\"Name\":\"A\",\"FaceUrls\":[\"s3://courtside/a.jpg\"]}")) + "]"), OUTPUT, null,
                        "InvalidParameter", "at most 5"),
                bad("face without photos", withField("FaceRegister", "[{\"Name\":\"James\"}]"), OUTPUT, null,
                        "InvalidParameter", "InputConfig.FaceRegister[0].FaceUrls"),
                bad("face without name", withField("FaceRegister", "[{\"FaceUrls\":[\"s3://courtside/a.jpg\"]}]"), OUTPUT,
                        null, "MissingParameter", "InputConfig.FaceRegister[0].Name"),
                bad("face photo elsewhere", withField("FaceRegister",
                        "[{\"Name\":\"James\",\"FaceUrls\":[\"http://10.0.0.8/a.jpg\"]}]"), OUTPUT, null,
                        "InvalidParameter", "InputConfig.FaceRegister[0].FaceUrls[0]"),
                bad("logos not an object", withField("SlowMotionLogoRegister", "[\"s3://courtside/logo.png\"]"), OUTPUT,
                        null, "InvalidParameter", "InputConfig.SlowMotionLogoRegister"),
                bad("eleven name transfers", withField("TransferNameRegister", "[" + String.join(",",
                        java.util.Collections.nCopies(11, "{\"OriginalName\":\"IND\",\"TransferName\":\"Pacers\"}")) + "]"),
                        OUTPUT, null, "InvalidParameter", "at most 10"),
                bad("name transfer without TransferName", withField("TransferNameRegister", "[{\"OriginalName\":\"IND\"}]"),
                        OUTPUT, null, "MissingParameter", "InputConfig.TransferNameRegister[0].TransferName"),
                bad("one OriginalName given two names", withField("TransferNameRegister",
                        "[{\"OriginalName\":\"IND\",\"TransferName\":\"Pacers\"},"
                                + "{\"OriginalName\":\"BOS\",\"TransferName\":\"Celtics\"},"
                                + "{\"OriginalName\":\"IND\",\"TransferName\":\"Indiana\"}]"),
                        OUTPUT, null, "InvalidParameter", "repeats InputConfig.TransferNameRegister[0].OriginalName"),
                bad("no MediaURL", INPUT, "{\"Count\":1}", null, "MissingParameter", "OutputConfig.MediaURL"),
                bad("Count 0", INPUT, output("s3://outputs/h_{index}.mp4", "\"Count\":0"), null,
                        "InvalidParameter", "OutputConfig.Count"),
                bad("Count 11", INPUT, output("s3://outputs/h_{index}.mp4", "\"Count\":11"), null,
                        "InvalidParameter", "from 1 to 10"),
                bad("Count 1.5", INPUT, output("s3://outputs/h_{index}.mp4", "\"Count\":1.5"), null,
                        "InvalidParameter", "whole number"),
                bad("Count text", INPUT, output("s3://outputs/h_{index}.mp4", "\"Count\":\"two\""), null,
                        "InvalidParameter", "must be a number"),
                bad("odd width", INPUT, output("s3://outputs/h.mp4", "\"Width\":1081,\"Height\":1920"), null,
                        "InvalidParameter", "1081 is odd"),
                bad("width too small", INPUT, output("s3://outputs/h.mp4", "\"Width\":100"), null,
                        "InvalidParameter", "OutputConfig.Width"),
                bad("height too big", INPUT, output("s3://outputs/h.mp4", "\"Height\":5000"), null,
                        "InvalidParameter", "OutputConfig.Height"),
                bad("Count 2 without {index}", INPUT, output("s3://outputs/h.mp4", "\"Count\":2"), null,
                        "InvalidParameter", "{index}"),
                bad("not mp4", INPUT, output("s3://outputs/h.mov", "\"Count\":1"), null,
                        "InvalidParameter", "must end in .mp4"),
                bad("output to a web host", INPUT, output("https://videos.example.com/h.mp4", "\"Count\":1"), null,
                        "InvalidParameter", "OutputConfig.MediaURL"),
                bad("MaxDuration 0", INPUT, output("s3://outputs/h.mp4", "\"MaxDuration\":0"), null,
                        "InvalidParameter", "OutputConfig.MaxDuration"),
                bad("MaxDuration huge", INPUT, output("s3://outputs/h.mp4", "\"MaxDuration\":100000"), null,
                        "InvalidParameter", "between 1 and 600"),
                bad("UserData not JSON", INPUT, OUTPUT, "NotifyAddress=x", "InvalidParameter", "\"UserData\""),
                bad("NotifyAddress ftp", INPUT, OUTPUT, "{\"NotifyAddress\":\"ftp://host/cb\"}",
                        "InvalidParameter", "UserData.NotifyAddress"),
                bad("queue without prefix", INPUT, OUTPUT, "{\"NotifyAddress\":\"my-queue\"}",
                        "InvalidParameter", "starting with ice-callback"),
                bad("callback to a private address", INPUT, OUTPUT, "{\"NotifyAddress\":\"http://10.1.2.3/cb\"}",
                        "InvalidParameter", "non-public address"),
                bad("UserData too long", INPUT, OUTPUT, "{\"x\":\"" + "a".repeat(5000) + "\"}",
                        "InvalidParameter", "longer than 4096 bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSubmits")
    void refusesInvalidSubmit(String description, String inputConfig, String outputConfig, String userData,
                              String code, String messagePart) throws Exception {
        long jobsBefore = jobCount();
        RpcClient.Answer answer = rpc.call(RpcApi.SUBMIT, "InputConfig", inputConfig, "OutputConfig", outputConfig,
                "UserData", userData);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo(code);
        assertThat(answer.message()).contains(messagePart);
        assertThat(answer.body().path("RequestId").asText()).matches("[0-9A-F-]{36}");
        assertThat(answer.body().has("JobId")).isFalse();
        assertThat(jobCount()).isEqualTo(jobsBefore);
    }

    @Test
    void refusesBadClientTokenAndUnknownActions() throws Exception {
        RpcClient.Answer token = rpc.call(RpcApi.SUBMIT, "ClientToken", "t".repeat(65), "InputConfig", INPUT,
                "OutputConfig", OUTPUT);
        assertThat(token.code()).isEqualTo("InvalidParameter");
        assertThat(token.message()).contains("ClientToken");

        RpcClient.Answer noAction = rpc.post(Map.of("JobId", "0".repeat(32)));
        assertThat(noAction.status()).isEqualTo(400);
        assertThat(noAction.code()).isEqualTo("MissingParameter");
        assertThat(noAction.message()).contains("\"Action\"");

        RpcClient.Answer unknown = rpc.call("DeleteEverything");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("InvalidAction.NotFound");
    }

    @Test
    void queriesRefuseBadJobIdsAndPaging() throws Exception {
        assertThat(rpc.call(RpcApi.GET).code()).isEqualTo("MissingParameter");
        assertThat(rpc.call(RpcApi.GET, "JobId", "not-a-job").code()).isEqualTo("InvalidParameter");
        RpcClient.Answer missing = rpc.call(RpcApi.GET, "JobId", "0123456789abcdef0123456789abcdef");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("ResourceNotFound");
        assertThat(rpc.call(RpcApi.LIST, "MaxResults", "0").code()).isEqualTo("InvalidParameter");
        assertThat(rpc.call(RpcApi.LIST, "MaxResults", "101").code()).isEqualTo("InvalidParameter");
        assertThat(rpc.call(RpcApi.LIST, "NextToken", "garbage!").code()).isEqualTo("InvalidParameter");
        assertThat(rpc.call(RpcApi.LIST, "Status", "Sleeping").code()).isEqualTo("InvalidParameter");
        assertThat(rpc.call(RpcApi.LIST, "StartTime", "yesterday").code()).isEqualTo("InvalidParameter");
    }

    @Test
    void acceptsTheSameCallAsQueryString() throws Exception {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("Action", RpcApi.SUBMIT);
        // A missing input object is only found by the worker: the call itself is valid.
        parameters.put("InputConfig", input("basketball", "s3://courtside/games/not-there-yet.mp4"));
        parameters.put("OutputConfig", OUTPUT);
        parameters.put("Version", "2020-11-09");
        RpcClient.Answer answer = rpc.get(parameters);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("JobId").asText()).matches("[0-9a-f]{32}");
        assertThat(answer.body().path("RequestId").asText()).isNotBlank();
    }

    private long jobCount() {
        return db.sql("SELECT COUNT(*) FROM highlight_job").query(Long.class).single();
    }

    private static Arguments bad(String description, String input, String output, String userData, String code,
                                 String messagePart) {
        return Arguments.of(description, input, output, userData, code, messagePart);
    }

    static String input(String sport, String media) {
        return "{\"SportsCategory\":\"" + sport + "\",\"InputMedia\":\"" + media + "\"}";
    }

    private static String withField(String name, String json) {
        return "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/a.mp4\",\"" + name + "\":" + json + "}";
    }

    private static String output(String mediaUrl, String more) {
        return "{\"MediaURL\":\"" + mediaUrl + "\"," + more + "}";
    }
}
