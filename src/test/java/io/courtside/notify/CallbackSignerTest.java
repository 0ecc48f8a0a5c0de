package io.courtside.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Signatures match values computed independently (md5sum and openssl). */
class CallbackSignerTest {

    @Test
    void iceSignatureIsMd5OfUrlTimestampAndKey() {
        // printf 'https://example.com/cb|1700000000|secret' | md5sum
        assertThat(CallbackSigner.iceSignature("https://example.com/cb", 1700000000L, "secret"))
                .isEqualTo("aef86a2ab1064f909701eab8b1d5c84b");
    }

    @Test
    void courtsideSignatureIsHmacOfTimestampAndBody() {
        // printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
        assertThat(CallbackSigner.courtsideSignature("{\"a\":1}", 1700000000L, "secret"))
                .isEqualTo("t=1700000000,v1=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686");
    }
}
