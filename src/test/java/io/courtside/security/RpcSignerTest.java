package io.courtside.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The RPC signature as Alibaba Cloud computes it, with the one-pass percent-encoder the gate uses. */
class RpcSignerTest {

    /** What the encoder replaced: URLEncoder's form turned into RFC 3986's. */
    private static String urlEncoderForm(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    @Test
    void percentEncodingEqualsUrlEncodersRfc3986FormOnAnyText() {
        Random random = new Random(13);
        // ASCII (every character, controls too), Latin-1, CJK, astral (surrogate pairs) and lone surrogates.
        int[][] ranges = {{0, 0x7f}, {0x80, 0xff}, {0x4e00, 0x9fff}, {0x1f300, 0x1f6ff}, {0xd800, 0xdfff}};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                int[] range = ranges[random.nextInt(10) < 7 ? 0 : 1 + random.nextInt(ranges.length - 1)];
                text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
            }
            String value = text.toString();
            assertThat(RpcSigner.percentEncode(value)).as("encoding of %s", value).isEqualTo(urlEncoderForm(value));
        }
        assertThat(RpcSigner.percentEncode("a b*c~d+e/f")).isEqualTo("a%20b%2Ac~d%2Be%2Ff");
        assertThat(RpcSigner.percentEncode("{\"k\":\"印\"}")).isEqualTo("%7B%22k%22%3A%22%E5%8D%B0%22%7D");
        assertThat(RpcSigner.percentEncode("Plain-text_1.0~")).isEqualTo("Plain-text_1.0~");
    }

    @Test
    void signsAlibabaCloudsDocumentedExample() {
        // The example of Alibaba Cloud's RPC signature documentation (ECS DescribeRegions, secret "testsecret").
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Format", "XML");
        p.put("AccessKeyId", "testid");
        p.put("Action", "DescribeRegions");
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
        p.put("SignatureVersion", "1.0");
        p.put("Timestamp", "2016-02-23T12:46:24Z");
        p.put("Version", "2014-05-26");
        assertThat(RpcSigner.signature("GET", p, "testsecret")).isEqualTo("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    }

    @Test
    void oneThreadsMacServesEveryKeyAndAlgorithm() {
        Map<String, String> p = Map.of("Action", "SubmitSportsHighlightsJob", "InputConfig", "{\"a\":1}");
        String first = RpcSigner.signature("POST", p, "secret-one");
        String second = RpcSigner.signature("POST", p, "secret-two");
        assertThat(second).isNotEqualTo(first);
        // The same key again after another: no state of the other key is left in the thread's Mac.
        assertThat(RpcSigner.signature("POST", p, "secret-one")).isEqualTo(first);
        assertThat(java.util.HexFormat.of().formatHex(RpcSigner.hmac("HmacSHA256", "key",
                "The quick brown fox jumps over the lazy dog")))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
        assertThat(RpcSigner.signature("POST", p, "secret-one")).isEqualTo(first);
    }
}
