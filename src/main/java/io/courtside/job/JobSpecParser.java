package io.courtside.job;

import io.courtside.kernel.JobPrerequisite;
import io.courtside.kernel.JobSpec;
import io.courtside.notify.CallbackProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.kernel.ApiException;
import io.courtside.egress.AddressPolicy;
import io.courtside.selection.SportProfiles;
import io.courtside.kernel.InvalidUrlException;
import io.courtside.kernel.MediaSource;
import io.courtside.kernel.ObjectLocation;
import io.courtside.storage.StorageUrls;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Validates InputConfig, OutputConfig and UserData as the API contract defines them and turns them into a
 * {@link JobSpec}. Every refusal names the parameter and says what to change.
 */
@Component
public class JobSpecParser {

    private static final int MAX_FACES = 5;
    private static final int MAX_FACE_URLS = 5;
    private static final int MAX_LOGOS = 5;
    private static final int MAX_NAME_TRANSFERS = 10;
    private static final int MAX_COUNT = 10;
    private static final int MIN_SIDE = 128;
    private static final int MAX_SIDE = 4096;
    private static final int MAX_NAME_LENGTH = 128;
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,255}");

    private final ObjectMapper json = new ObjectMapper();
    private final SportProfiles sports;
    private final StorageUrls storageUrls;
    private final AddressPolicy addressPolicy;
    private final SubmitLimits limits;
    private final CallbackProperties callbacks;

    private final ObjectProvider<JobPrerequisite> prerequisites;
    // Looked up once, at the first submit (they are singletons): resolving beans by type on every submit was a
    // visible share of a submit's CPU under load.
    private volatile java.util.List<JobPrerequisite> knownPrerequisites;

    public JobSpecParser(SportProfiles sports, StorageUrls storageUrls, AddressPolicy addressPolicy,
                         CallbackProperties callbackProperties, SubmitLimits submitLimits, ObjectProvider<JobPrerequisite> prerequisites) {
        this.prerequisites = prerequisites;
        this.sports = sports;
        this.storageUrls = storageUrls;
        this.addressPolicy = addressPolicy;
        this.limits = submitLimits;
        this.callbacks = callbackProperties;
    }

    public JobSpec parse(String inputConfig, String outputConfig, String userData) {
        JobSpec spec = new JobSpec(
                inputConfig(object("InputConfig", required("InputConfig", inputConfig))),
                outputConfig(object("OutputConfig", required("OutputConfig", outputConfig))),
                userData(userData));
        // What the job needs from this service (e.g. the caption font of its language), before any work. A loop:
        // the stream it replaces was 1 % of a submit's CPU (JFR).
        for (JobPrerequisite prerequisite : prerequisites()) {
            Optional<String> problem = prerequisite.missingFor(spec.input());
            if (problem.isPresent()) {
                throw ApiException.invalid("InputConfig.TransferNameRegister", problem.get());
            }
        }
        return spec;
    }

    private java.util.List<JobPrerequisite> prerequisites() {
        java.util.List<JobPrerequisite> known = knownPrerequisites;
        if (known == null) {
            known = prerequisites.orderedStream().toList();
            knownPrerequisites = known;
        }
        return known;
    }

    private JobSpec.InputConfig inputConfig(JsonNode node) {
        String sport = text(node, "InputConfig.SportsCategory", "SportsCategory", true).toLowerCase(Locale.ROOT);
        if (sports.find(sport).isEmpty()) {
            throw ApiException.invalid("InputConfig.SportsCategory",
                    "'" + sport + "' is not a supported sport; supported: " + String.join(", ", sports.names()));
        }
        MediaSource input = source("InputConfig.InputMedia", text(node, "InputConfig.InputMedia", "InputMedia", true));

        List<JobSpec.FaceRegistration> faces = new ArrayList<>();
        JsonNode faceRegister = optionalArray(node, "FaceRegister", "InputConfig.FaceRegister", MAX_FACES);
        for (int i = 0; i < faceRegister.size(); i++) {
            String field = "InputConfig.FaceRegister[" + i + "]";
            JsonNode face = faceRegister.get(i);
            if (!face.isObject()) {
                throw ApiException.invalid(field, "must be an object {\"Name\": ..., \"FaceUrls\": [...]}");
            }
            String name = name(face, field + ".Name", "Name");
            JsonNode urls = optionalArray(face, "FaceUrls", field + ".FaceUrls", MAX_FACE_URLS);
            if (urls.isEmpty()) {
                throw ApiException.invalid(field + ".FaceUrls", "give at least one photo URL of " + name);
            }
            faces.add(new JobSpec.FaceRegistration(name, sources(urls, field + ".FaceUrls", this::source)));
        }

        List<MediaSource> logos = List.of();
        JsonNode logoRegister = node.get("SlowMotionLogoRegister");
        if (logoRegister != null && !logoRegister.isNull()) {
            if (!logoRegister.isObject()) {
                throw ApiException.invalid("InputConfig.SlowMotionLogoRegister",
                        "must be an object {\"SlowMotionLogoUrls\": [...]}");
            }
            JsonNode urls = optionalArray(logoRegister, "SlowMotionLogoUrls",
                    "InputConfig.SlowMotionLogoRegister.SlowMotionLogoUrls", MAX_LOGOS);
            logos = sources(urls, "InputConfig.SlowMotionLogoRegister.SlowMotionLogoUrls", this::source);
        }

        List<JobSpec.NameTransfer> transfers = new ArrayList<>();
        JsonNode transferRegister = optionalArray(node, "TransferNameRegister", "InputConfig.TransferNameRegister",
                MAX_NAME_TRANSFERS);
        for (int i = 0; i < transferRegister.size(); i++) {
            String field = "InputConfig.TransferNameRegister[" + i + "]";
            JsonNode transfer = transferRegister.get(i);
            if (!transfer.isObject()) {
                throw ApiException.invalid(field, "must be an object {\"OriginalName\": ..., \"TransferName\": ...}");
            }
            String original = name(transfer, field + ".OriginalName", "OriginalName");
            for (int j = 0; j < transfers.size(); j++) {
                if (transfers.get(j).originalName().equals(original)) {
                    // Two names for one team on the scoreboard: no rule could pick the one the caller meant.
                    throw ApiException.invalid(field + ".OriginalName", "repeats InputConfig.TransferNameRegister["
                            + j + "].OriginalName \"" + original + "\"; give each OriginalName once");
                }
            }
            transfers.add(new JobSpec.NameTransfer(original, name(transfer, field + ".TransferName", "TransferName")));
        }
        return new JobSpec.InputConfig(sport, input, List.copyOf(faces), logos, List.copyOf(transfers));
    }

    private JobSpec.OutputConfig outputConfig(JsonNode node) {
        String mediaUrl = text(node, "OutputConfig.MediaURL", "MediaURL", true);
        int count = integer(node, "Count", "OutputConfig.Count", 1, 1, MAX_COUNT);
        if (count > 1 && !mediaUrl.contains("{index}")) {
            throw ApiException.invalid("OutputConfig.MediaURL",
                    "with Count " + count + " it must contain {index} so each output gets its own object");
        }
        if (!withoutQueryOrFragment(mediaUrl).toLowerCase(Locale.ROOT).endsWith(".mp4")) {
            throw ApiException.invalid("OutputConfig.MediaURL", "outputs are MP4 files; the object name must end in .mp4");
        }
        List<ObjectLocation> targets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String url = mediaUrl.replace("{index}", Integer.toString(i));
            try {
                targets.add(storageUrls.resolveTarget(url));
            } catch (InvalidUrlException e) {
                throw ApiException.invalid("OutputConfig.MediaURL", e.getMessage());
            }
        }
        if (new HashSet<>(targets).size() != targets.size()) {
            throw ApiException.invalid("OutputConfig.MediaURL", "two outputs would be written to the same object");
        }
        int width = side(node, "Width");
        int height = side(node, "Height");
        Double maxDuration = null;
        JsonNode max = node.get("MaxDuration");
        if (max != null && !max.isNull()) {
            double seconds = number(max, "OutputConfig.MaxDuration");
            if (!(seconds >= 1 && seconds <= limits.maxOutputDuration())) {
                throw ApiException.invalid("OutputConfig.MaxDuration",
                        "must be between 1 and " + limits.maxOutputDuration() + " seconds");
            }
            maxDuration = seconds;
        }
        return new JobSpec.OutputConfig(mediaUrl, count, width, height, maxDuration, List.copyOf(targets));
    }

    /** The URL up to its first ? or # (a regex here was compiled on every submit). */
    private static String withoutQueryOrFragment(String url) {
        int end = url.length();
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        return url.substring(0, end);
    }

    private JobSpec.UserData userData(String userData) {
        if (userData == null || userData.isBlank()) {
            return new JobSpec.UserData(null, null);
        }
        if (userData.getBytes(StandardCharsets.UTF_8).length > limits.maxUserDataBytes()) {
            throw ApiException.invalid("UserData", "is longer than " + limits.maxUserDataBytes() + " bytes");
        }
        JsonNode node = object("UserData", userData);
        JsonNode address = node.get(JobSpec.UserData.NOTIFY_ADDRESS);
        if (address == null || address.isNull()) {
            return new JobSpec.UserData(userData, null);
        }
        String value = JobSpec.UserData.notifyAddressIn(node);
        if (value == null || value.isEmpty()) {
            throw ApiException.invalid("UserData.NotifyAddress", "must be an http(s) URL or a queue name");
        }
        if (JobSpec.UserData.isHttp(value)) {
            checkCallbackUrl(value);
        } else if (!QUEUE_NAME.matcher(value).matches()
                || callbacks.queuePrefixes().stream().noneMatch(value::startsWith)) {
            throw ApiException.invalid("UserData.NotifyAddress", "'" + value + "' is neither an http(s) URL nor a queue"
                    + " name starting with " + String.join(" or ", callbacks.queuePrefixes())
                    + " (letters, digits and hyphens)");
        }
        return new JobSpec.UserData(userData, value);
    }

    private void checkCallbackUrl(String value) {
        try {
            URI uri = new URI(value);
            if (uri.getHost() == null || uri.getRawUserInfo() != null) {
                throw ApiException.invalid("UserData.NotifyAddress", "needs a host and no user information");
            }
            if (!AddressPolicy.hostMatches(uri.getHost(), callbacks.allowedPrivateHosts())) {
                addressPolicy.requirePublic(uri.getHost());
            }
        } catch (java.net.URISyntaxException e) {
            throw ApiException.invalid("UserData.NotifyAddress", "is not a valid URL: " + e.getReason());
        } catch (InvalidUrlException e) {
            throw ApiException.invalid("UserData.NotifyAddress", e.getMessage());
        }
    }

    private MediaSource source(String field, String url) {
        try {
            return storageUrls.resolveSource(url);
        } catch (InvalidUrlException e) {
            throw ApiException.invalid(field, e.getMessage());
        }
    }

    private static <T> List<T> sources(JsonNode urls, String field, java.util.function.BiFunction<String, String, T> resolve) {
        List<T> resolved = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            String itemField = field + "[" + i + "]";
            if (!urls.get(i).isTextual()) {
                throw ApiException.invalid(itemField, "must be a URL string");
            }
            resolved.add(resolve.apply(itemField, urls.get(i).asText()));
        }
        return List.copyOf(resolved);
    }

    private String required(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.missing(parameter);
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > limits.maxParameterBytes()) {
            throw ApiException.invalid(parameter, "is longer than " + limits.maxParameterBytes() + " bytes");
        }
        return value;
    }

    private JsonNode object(String parameter, String value) {
        JsonNode node;
        try {
            node = json.readTree(value);
        } catch (JsonProcessingException e) {
            throw ApiException.invalid(parameter, "is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.invalid(parameter, "must be a JSON object");
        }
        return node;
    }

    private static String text(JsonNode node, String field, String name, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            if (required) {
                throw ApiException.missing(field);
            }
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.invalid(field, "must be a string");
        }
        return value.asText().trim();
    }

    private static String name(JsonNode node, String field, String key) {
        String name = text(node, field, key, true);
        if (name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid(field, "must be at most " + MAX_NAME_LENGTH + " characters, without control characters");
        }
        return name;
    }

    private static JsonNode optionalArray(JsonNode node, String key, String field, int maxItems) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!value.isArray()) {
            throw ApiException.invalid(field, "must be a JSON array");
        }
        if (value.size() > maxItems) {
            throw ApiException.invalid(field, "has " + value.size() + " items; at most " + maxItems + " are allowed");
        }
        return value;
    }

    private static int integer(JsonNode node, String key, String field, int fallback, int min, int max) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        double number = number(value, field);
        if (number != Math.rint(number) || number < min || number > max) {
            throw ApiException.invalid(field, "must be a whole number from " + min + " to " + max);
        }
        return (int) number;
    }

    private static int side(JsonNode node, String key) {
        String field = "OutputConfig." + key;
        int value = integer(node, key, field, 0, MIN_SIDE, MAX_SIDE);
        if (value % 2 != 0) {
            throw ApiException.invalid(field, value + " is odd; H.264 in yuv420p needs an even size");
        }
        return value;
    }

    private static double number(JsonNode value, String field) {
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            try {
                return Double.parseDouble(value.asText().trim());
            } catch (NumberFormatException e) {
                // fall through to the refusal below
            }
        }
        throw ApiException.invalid(field, "must be a number");
    }
}
