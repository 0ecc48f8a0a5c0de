package io.courtside.kernel;

/**
 * How one output is encoded and dressed. Width and height are even; 0 means "the source's size"
 * (when only one is 0, it follows the source's aspect ratio, rounded to even).
 *
 * @param look how captions, the title card and clip transitions look
 * @param mix  how the voice-over is mixed over the game audio and how loud the result is
 */
public record RenderSpec(int width, int height, FitMode fit, String x264Preset, int crf, Look look, Mix mix) {

    public RenderSpec {
        look = look == null ? Look.DEFAULT : look;
        mix = mix == null ? Mix.DEFAULT : mix;
    }

    public RenderSpec(int width, int height, FitMode fit, String x264Preset, int crf) {
        this(width, height, fit, x264Preset, crf, Look.DEFAULT, Mix.DEFAULT);
    }

    /**
     * @param captionSize       caption font size as a share of the output's shorter side
     * @param titleSeconds      how long the title card shows at the start
     * @param transitionSeconds clips meet with a dip to black this long (0: hard cuts)
     */
    public record Look(double captionSize, double titleSeconds, double transitionSeconds) {
        public static final Look DEFAULT = new Look(0.05, 2.5, 0);

        public Look withTransitions(double seconds) {
            return new Look(captionSize, titleSeconds, seconds);
        }
    }

    /**
     * @param duckDb       game audio gain while the voice speaks (negative dB)
     * @param loudnessLufs integrated loudness of the final mix (EBU R128)
     * @param truePeakDb   true-peak ceiling of the final mix, dBTP
     * @param normalise    false: no loudness normalisation (the mix as is)
     */
    public record Mix(double duckDb, double loudnessLufs, double truePeakDb, boolean normalise) {
        public static final Mix DEFAULT = new Mix(-14, -16, -1.5, true);
    }

    public RenderSpec withTransitions(double seconds) {
        return new RenderSpec(width, height, fit, x264Preset, crf, look.withTransitions(seconds), mix);
    }
}
