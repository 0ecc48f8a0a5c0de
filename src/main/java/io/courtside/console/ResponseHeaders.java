package io.courtside.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers that keep the console's origin from running anything but the console's own files: every answer is
 * {@code nosniff} and may not be framed; the console's pages get a Content-Security-Policy that allows only its own
 * script, style and media ({@code frame-ancestors 'none'}, no inline script); {@code /files} answers are sandboxed
 * ({@code Content-Security-Policy: sandbox}), so a stored HTML or SVG object opened on this origin runs nothing, and
 * are downloads ({@code Content-Disposition: attachment}) unless they are media the console plays
 * ({@link #playsInline}). Set before the answer is written, so refusals carry them too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ResponseHeaders extends OncePerRequestFilter {

    static final String CONSOLE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " media-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    static final String FILES_POLICY = "sandbox; default-src 'none'; media-src 'self'; frame-ancestors 'none'";

    /** Types the console shows inline (players, caption tracks, pictures); SVG is not among them (it runs script). */
    private static final Set<String> INLINE_IMAGES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        // Signed /files links are in the console's pages: never send them on as a Referer.
        response.setHeader("Referrer-Policy", "no-referrer");
        if (path.equals("/files")) {
            response.setHeader("Content-Security-Policy", FILES_POLICY);
        } else {
            response.setHeader("Content-Security-Policy", CONSOLE_POLICY);
        }
        chain.doFilter(request, response);
    }

    /** Whether a stored object of this type may be shown inline: video, audio, WebVTT captions, plain pictures. */
    public static boolean playsInline(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("video/") || type.startsWith("audio/") || type.equals("text/vtt")
                || INLINE_IMAGES.contains(type);
    }
}
