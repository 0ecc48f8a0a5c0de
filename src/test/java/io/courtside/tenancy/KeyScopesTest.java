package io.courtside.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courtside.kernel.ObjectLocation;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scope and operator configuration as written in application.yaml or the environment. */
class KeyScopesTest {

    @Test
    void scopesAreBucketsOrFoldersAndUnlistedKeysKeepEveryBucket() {
        KeyScopes scopes = new KeyScopes(" team-a = media/team-a , s3://outputs/team-a/ ; team-b=media-b;", "ops");
        assertThat(scopes.describe("team-a")).isEqualTo("s3://media/team-a/, s3://outputs/team-a/");
        assertThat(scopes.allows("team-a", new ObjectLocation("media", "team-a/game.mp4"))).isTrue();
        assertThat(scopes.allows("team-a", new ObjectLocation("media", "team-ab/game.mp4"))).isFalse();
        assertThat(scopes.allows("team-a", new ObjectLocation("media", "team-a"))).isFalse();
        assertThat(scopes.allows("team-a", new ObjectLocation("media-b", "team-a/game.mp4"))).isFalse();
        assertThat(scopes.allows("team-b", new ObjectLocation("media-b", "any/key.mp4"))).isTrue();
        assertThat(scopes.allows("team-b", new ObjectLocation("media", "team-a/game.mp4"))).isFalse();
        assertThat(scopes.allows("unlisted", new ObjectLocation("anything", "at/all.mp4"))).isTrue();
        assertThat(scopes.allows(null, new ObjectLocation("anything", "at/all.mp4"))).isTrue();

        assertThat(scopes.uploadLocation("team-a", "media", "uploads/1/x.mp4"))
                .isEqualTo(new ObjectLocation("media", "team-a/uploads/1/x.mp4"));
        assertThat(scopes.uploadLocation("team-b", "media", "uploads/1/x.mp4"))
                .isEqualTo(new ObjectLocation("media-b", "uploads/1/x.mp4"));
        assertThat(scopes.uploadLocation("unlisted", "media", "uploads/1/x.mp4"))
                .isEqualTo(new ObjectLocation("media", "uploads/1/x.mp4"));
    }

    @Test
    void operatorsSeeEveryJobAndOthersTheirOwn() {
        KeyScopes scopes = new KeyScopes("", " ops-1 , ops-2 ");
        assertThat(scopes.isOperator("ops-2")).isTrue();
        assertThat(scopes.isOperator("team-a")).isFalse();
        assertThat(scopes.isOperator(null)).isFalse();
        assertThat(scopes.jobOwnerFilter("ops-1")).isEmpty();
        assertThat(scopes.jobOwnerFilter("team-a")).isEqualTo(Optional.of("team-a"));
        scopes.grantOperator("generated");
        assertThat(scopes.jobOwnerFilter("generated")).isEmpty();
    }

    @Test
    void malformedScopesStopStartUpWithWhatToWrite() {
        assertThatThrownBy(() -> new KeyScopes("team-a", "")).hasMessageContaining("AccessKeyId=bucket[/prefix]");
        assertThatThrownBy(() -> new KeyScopes("team-a=", "")).hasMessageContaining("no scope");
        assertThatThrownBy(() -> new KeyScopes("team-a=Bad_Bucket", "")).hasMessageContaining("not a bucket name");
        assertThatThrownBy(() -> new KeyScopes("team-a=media/../x", "")).hasMessageContaining("not a bucket name");
        assertThatThrownBy(() -> new KeyScopes("team-a=media;team-a=other", "")).hasMessageContaining("twice");
    }
}
