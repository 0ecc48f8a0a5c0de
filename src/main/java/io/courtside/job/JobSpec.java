package io.courtside.job;

import io.courtside.kernel.MediaSource;
import io.courtside.kernel.ObjectLocation;
import java.util.List;

/** A validated job request: what to analyse, what to produce, whom to tell. */
public record JobSpec(InputConfig input, OutputConfig output, UserData userData) {

    public record InputConfig(String sportsCategory, MediaSource inputMedia, List<FaceRegistration> faces,
                              List<MediaSource> slowMotionLogos, List<NameTransfer> nameTransfers) {
    }

    public record FaceRegistration(String name, List<MediaSource> faceUrls) {
    }

    public record NameTransfer(String originalName, String transferName) {
    }

    /**
     * Where and what to render. {@code mediaUrlTemplate} holds {@code {index}}; width/height 0 mean the source's.
     * {@code targets.get(i)} is where output i is uploaded.
     */
    public record OutputConfig(String mediaUrlTemplate, int count, int width, int height, Double maxDuration,
                               List<ObjectLocation> targets) {

        public String mediaUrl(int index) {
            return mediaUrlTemplate.replace("{index}", Integer.toString(index));
        }
    }

    /** The caller's UserData as given (echoed back), and where to send the callback, if anywhere. */
    public record UserData(String json, String notifyAddress) {

        public boolean notifiesByHttp() {
            return notifyAddress != null && notifyAddress.matches("(?i)https?://.*");
        }

        public boolean notifiesByQueue() {
            return notifyAddress != null && !notifiesByHttp();
        }
    }
}
