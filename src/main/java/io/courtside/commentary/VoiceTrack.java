package io.courtside.commentary;

import java.util.List;

/**
 * The spoken commentary of one output, placed in the output timeline at 48 kHz (mono, mixed into both channels).
 *
 * @param sampleRate always 48000 here
 * @param clips      spoken lines, in order, never overlapping
 */
public record VoiceTrack(int sampleRate, List<Clip> clips) {

    public static final VoiceTrack NONE = new VoiceTrack(48_000, List.of());

    public VoiceTrack {
        clips = List.copyOf(clips);
    }

    /**
     * One spoken line: its samples (-1..1) from output sample {@code start}.
     *
     * @param line the line's index in the commentary's lines (not its clip's: a clip may have several lines)
     */
    public record Clip(int line, long start, float[] samples) {
        public long end() {
            return start + samples.length;
        }
    }
}
