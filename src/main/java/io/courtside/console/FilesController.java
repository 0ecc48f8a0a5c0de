package io.courtside.console;

import io.courtside.storage.InputProperties;
import io.courtside.kernel.ApiErrorCode;
import io.courtside.api.ApiErrors;
import io.courtside.kernel.ApiException;
import io.courtside.api.RpcApi;
import io.courtside.api.RpcReply;
import io.courtside.security.ApiGate;
import io.courtside.kernel.InvalidUrlException;
import io.courtside.kernel.ObjectLocation;
import io.courtside.storage.StorageUrls;
import io.courtside.tenancy.KeyScopes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * [beyond ICE] Moving media in and out for the CLI and the console, so they need no store credentials:
 * {@code POST /files?name=game.mp4} streams a local file into the store and answers its MediaURL;
 * {@code GET /files?url=s3://...} streams an object back, honouring Range so browsers can seek. A key with a
 * storage scope (courtside.security.key-scopes) reads only objects in it, and its uploads land in it.
 */
@RestController
public class FilesController {

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    /** Set by the gate to the verified AccessKeyId; a value a client sends is replaced. */
    private static final String CALLER_HEADER = ApiGate.CALLER_HEADER;

    private final S3Client s3;
    private final StorageUrls storageUrls;
    private final ApiErrors errors;
    private final KeyScopes scopes;
    private final String bucket;
    private final InputProperties limit;

    public FilesController(S3Client s3, StorageUrls storageUrls, ApiErrors errors, KeyScopes scopes,
                           InputProperties inputProperties, UploadProperties uploadProperties) {
        this.s3 = s3;
        this.storageUrls = storageUrls;
        this.errors = errors;
        this.scopes = scopes;
        this.bucket = uploadProperties.bucket();
        this.limit = inputProperties;
    }

    @PostMapping("/files")
    public Map<String, Object> upload(HttpServletRequest request) throws IOException {
        // The body's type is checked before any parameter is read: reading one parses a form body, and Tomcat 11
        // throws (a 500) where a form body is over server.tomcat.max-http-form-post-size.
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/")) {
            // The servlet would read such a body as form fields and the file would be lost.
            throw ApiException.invalid("body", "send the file itself as the body with a media type, e.g."
                    + " curl --data-binary @game.mp4 -H 'Content-Type: video/mp4'");
        }
        String name = request.getParameter("name");
        if (name == null || !FILE_NAME.matcher(name).matches() || name.startsWith(".")) {
            throw ApiException.invalid("name", "use 1 to 128 letters, digits, dots, hyphens or underscores");
        }
        long length = request.getContentLengthLong();
        if (length <= 0) {
            throw ApiException.invalid("body", "send the file as the request body with its Content-Length");
        }
        if (limit.exceeds(length)) {
            throw ApiException.invalid("body", "is " + limit.overLimit());
        }
        ObjectLocation target = scopes.uploadLocation(request.getHeader(CALLER_HEADER), bucket,
                "uploads/" + UUID.randomUUID().toString().replace("-", "") + "/" + name);
        try (InputStream in = request.getInputStream()) {
            // Streamed: the SDK reads exactly Content-Length bytes from the request, nothing is held in memory.
            s3.putObject(b -> b.bucket(target.bucket()).key(target.key()), RequestBody.fromInputStream(in, length));
        }
        return Map.of("MediaURL", target.uri(), "Size", length);
    }

    @GetMapping("/files")
    public void download(@RequestParam("url") String url, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ObjectLocation location;
        try {
            location = storageUrls.resolveTarget(url);
        } catch (InvalidUrlException e) {
            throw ApiException.invalid("url", e.getMessage());
        }
        // Checked before the store is asked, so an object outside the scope cannot even be found to exist.
        String caller = request.getHeader(CALLER_HEADER);
        if (!scopes.allows(caller, location)) {
            throw RpcApi.outOfScope(scopes, caller, "url", location);
        }
        String range = request.getHeader("Range");
        try (ResponseInputStream<GetObjectResponse> object = s3.getObject(b -> b.bucket(location.bucket())
                .key(location.key()).range(range))) {
            GetObjectResponse meta = object.response();
            response.setStatus(meta.contentRange() != null ? 206 : 200);
            // Media the console plays is served inline; anything else is a download, never a page on this origin.
            boolean inline = ResponseHeaders.playsInline(meta.contentType());
            response.setContentType(inline ? meta.contentType() : "application/octet-stream");
            response.setHeader("Content-Disposition", inline ? "inline" : "attachment");
            response.setContentLengthLong(meta.contentLength());
            response.setHeader("Accept-Ranges", "bytes");
            if (meta.contentRange() != null) {
                response.setHeader("Content-Range", meta.contentRange());
            }
            try (OutputStream out = response.getOutputStream()) {
                object.transferTo(out);
            }
        } catch (NoSuchKeyException e) {
            throw new ApiException(ApiErrorCode.RESOURCE_NOT_FOUND, "No object at " + url + ".");
        }
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Map<String, Object>> refused(Exception failure) {
        RpcReply reply = errors.reply(failure);
        return ResponseEntity.status(reply.httpStatus()).body(reply.body());
    }
}
