package io.courtside.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code courtside.analysis.decode.skip-frames} as an operator writes it in config/application.yaml. */
class DecodePropertiesTest {

    private static DecodeProperties bind(String skipFrames) {
        return new Binder(new MapConfigurationPropertySource(Map.of(
                "courtside.analysis.decode.skip-loop-filter", "true",
                "courtside.analysis.decode.audio-thread", "true",
                "courtside.analysis.decode.skip-frames", skipFrames)))
                .bindOrCreate("courtside.analysis.decode", DecodeProperties.class);
    }

    @Test
    void theThreeSettingsBindAsWritten() {
        assertThat(bind("none").skipFrames()).isEqualTo(DecodeProperties.SkipFrames.NONE);
        assertThat(bind("non-reference").skipFrames()).isEqualTo(DecodeProperties.SkipFrames.NON_REFERENCE);
        assertThat(bind("bidirectional").skipFrames()).isEqualTo(DecodeProperties.SkipFrames.BIDIRECTIONAL);
        assertThat(bind("none").skipFrames().skipping()).isFalse();
        assertThat(bind("bidirectional").skipFrames().skipping()).isTrue();
    }

    @Test
    void anotherValueIsRefused() {
        assertThatThrownBy(() -> bind("b-frames")).isInstanceOf(BindException.class);
    }

    @Test
    void theBundledDefaultIsOneOfThem() {
        assertThat(DecodeProperties.defaults().skipFrames()).isNotNull();
    }
}
