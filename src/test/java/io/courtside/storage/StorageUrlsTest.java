package io.courtside.storage;

import io.courtside.kernel.MediaSource;
import io.courtside.kernel.ObjectLocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courtside.config.CourtsideProperties;
import io.courtside.egress.AddressPolicy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The URL forms of the contract map to objects in the configured store; anything else is refused with a reason. */
class StorageUrlsTest {

    private final StorageUrls urls = new StorageUrls(properties(List.of(), List.of("media.example.com", ".cdn.example.org")),
            new AddressPolicy());

    @Test
    void mapsEveryObjectStoreForm() {
        assertThat(stored("s3://games/2026/final.mp4")).isEqualTo(new ObjectLocation("games", "2026/final.mp4"));
        assertThat(stored("oss://test-bucket/a.mp4")).isEqualTo(new ObjectLocation("test-bucket", "a.mp4"));
        assertThat(stored("http://test-bucket.oss-cn-shanghai.aliyuncs.com/a.mp4"))
                .isEqualTo(new ObjectLocation("test-bucket", "a.mp4"));
        assertThat(stored("https://games.s3.amazonaws.com/dir/clip%20one.mp4"))
                .isEqualTo(new ObjectLocation("games", "dir/clip one.mp4"));
        assertThat(stored("http://127.0.0.1:9000/courtside/in/game.mp4"))
                .isEqualTo(new ObjectLocation("courtside", "in/game.mp4"));
        assertThat(stored("http://store.internal:9000/courtside/game.mp4"))
                .isEqualTo(new ObjectLocation("courtside", "game.mp4"));
    }

    @Test
    void refusesKeysThatEscapeOrHide() {
        assertThatThrownBy(() -> urls.resolveSource("s3://games/a/../../etc/passwd")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> urls.resolveSource("s3://games/a/%2e%2e/b.mp4")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> urls.resolveSource("s3://games//abs.mp4")).hasMessageContaining("not acceptable");
        assertThatThrownBy(() -> urls.resolveSource("s3://games/a%00.mp4")).hasMessageContaining("not acceptable");
        assertThatThrownBy(() -> urls.resolveSource("s3://games/" + "k".repeat(1100))).hasMessageContaining("1024");
        assertThatThrownBy(() -> urls.resolveSource("s3://x/a.mp4")).hasMessageContaining("bucket");
    }

    @Test
    void webHostsOnlyFromTheAllowList() {
        assertThatThrownBy(() -> urls.resolveSource("https://evil.example.net/a.mp4"))
                .hasMessageContaining("allow-list");
        assertThatThrownBy(() -> urls.resolveSource("file:///etc/passwd")).hasMessageContaining("scheme 'file'");
        assertThatThrownBy(() -> urls.resolveSource("gopher://media.example.com/a")).hasMessageContaining("scheme");
        // Outputs go to the store only, never to a web host.
        assertThatThrownBy(() -> urls.resolveTarget("https://media.example.com/out.mp4"))
                .hasMessageContaining("object store");
    }

    @Test
    void bucketAllowListIsEnforced() {
        StorageUrls restricted = new StorageUrls(properties(List.of("courtside"), List.of()), new AddressPolicy());
        assertThat(restricted.resolveTarget("s3://courtside/out.mp4").bucket()).isEqualTo("courtside");
        assertThatThrownBy(() -> restricted.resolveTarget("s3://other-bucket/out.mp4"))
                .hasMessageContaining("not one this service may use");
    }

    private ObjectLocation stored(String url) {
        return ((MediaSource.StoredObject) urls.resolveSource(url)).location();
    }

    static CourtsideProperties properties(List<String> buckets, List<String> webHosts) {
        var storage = new CourtsideProperties.Storage("http://127.0.0.1:9000", "us-east-1", true, "k", "s",
                List.of("oss-cn-shanghai.aliyuncs.com", "s3.amazonaws.com"), List.of("store.internal:9000"), buckets,
                16 << 20, new CourtsideProperties.Storage.Embedded(false, 9000, List.of()));
        var input = new CourtsideProperties.Input(webHosts, org.springframework.util.unit.DataSize.ofGigabytes(1), false);
        return new CourtsideProperties(Path.of("data"), Path.of("config/sports"), null, null, null, null, storage,
                input, null, null, null, null, null);
    }
}
