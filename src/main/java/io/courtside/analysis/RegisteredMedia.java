package io.courtside.analysis;

import java.nio.file.Path;
import java.util.List;

/**
 * A job's registrations, fetched into its work folder: replay logo images and players' face photos, with the
 * problems found while fetching that do not fail the job.
 *
 * @param logos    SlowMotionLogoRegister images, in request order
 * @param players  FaceRegister entries, in request order
 * @param warnings problems that leave an entry out (shown in the job's timeline as Warnings)
 */
public record RegisteredMedia(List<Image> logos, List<Player> players, List<String> warnings) {

    public static final RegisteredMedia NONE = new RegisteredMedia(List.of(), List.of(), List.of());

    /** A fetched image and the request entry it came from (e.g. "FaceRegister[0].FaceUrls[1] (url)"), for messages. */
    public record Image(String entry, Path file) {
    }

    /** One FaceRegister entry: the player's name and their photos. */
    public record Player(String name, List<Image> photos) {
        public Player {
            photos = List.copyOf(photos);
        }
    }

    public RegisteredMedia {
        logos = List.copyOf(logos);
        players = List.copyOf(players);
        warnings = List.copyOf(warnings);
    }
}
